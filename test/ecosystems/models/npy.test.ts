import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseNpyHeader } from "../../../src/ecosystems/models/npy.js";

/** An .npy version 1 header around `dict` (NumPy's format: magic, version, little-endian length, the dict, padding). */
function npy(dict: string): Uint8Array {
  const text = `${dict}${" ".repeat(63 - ((10 + dict.length) % 64))}\n`;
  const len = Buffer.alloc(2);
  len.writeUInt16LE(text.length);
  return Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", "latin1"), len, Buffer.from(text, "latin1"), Buffer.from([0x80, 0x02])]);
}

describe("npy header", () => {
  it("knows object arrays: |O, the item-sized |O8 of old NumPy files, and object fields of structured dtypes at any depth", () => {
    for (const descr of ["'|O'", "'O'", "'|O8'", "'|O4'", "[('a', '<f8', (2,)), ('b', '|O')]", "[('a', [('x', '<f8')]), ('b', '|O')]", "[('a', [('x', 'O')])]"]) {
      const h = parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`));
      assert.equal(h.object, true, descr);
    }
  });

  it("knows Python's spellings of the object type and subarrays of objects, which numpy.dtype reads from a hand-written header", () => {
    for (const descr of ["'object'", "'object_'", "'<O'", "('|O', (2,))", "('object', (2, 2))", "([('a', '|O')], (2,))", "[('a', 'object')]"]) {
      const h = parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`));
      assert.equal(h.object, true, descr);
    }
  });

  it("does not take a field named O, or numeric dtypes, for objects", () => {
    for (const descr of ["'<f8'", "'|u1'", "[('O', '<f8')]", "[('a', [('O', '<i4')]), ('b', '<f4')]", "'<U10'", "('<f8', (2,))", "[('object', '<f8')]"]) {
      const h = parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`));
      assert.equal(h.object, false, descr);
    }
  });

  it("finds where the data starts and refuses a header NumPy refuses (no descr, other keys, a shape or order of the wrong type)", () => {
    const bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    assert.equal(parseNpyHeader(bytes).dataOffset, bytes.length - 2);
    assert.throws(() => parseNpyHeader(npy("{'shape': (3,), }")), /no descr/);
    assert.throws(() => parseNpyHeader(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), 'x': 1}")), /keys/);
    assert.throws(() => parseNpyHeader(npy("{'descr': '|O', 'fortran_order': 0, 'shape': (1,), }")), /fortran_order/);
    assert.throws(() => parseNpyHeader(npy("{'descr': '|O', 'fortran_order': False, 'shape': [1], }")), /shape/);
    assert.throws(() => parseNpyHeader(npy("['descr', '|O']")), /not a dict/);
  });

  it("says how many bytes of data np.load reads for a plain dtype string, and nothing for forms it does not size", () => {
    const size = (descr: string, shape: string): number | undefined => parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}, }`)).dataBytes;
    assert.deepEqual(
      [size("'<f8'", "(10, 3)"), size("'|b1'", "(7,)"), size("'<U5'", "(2,)"), size("'<M8[ns]'", "(4,)"), size("'|S3'", "()"), size("'<c16'", "(0, 9)"), size("'<f8'", "(4611686018427387904,)")],
      [240, 7, 40, 32, 3, 0, 2 ** 65],
    );
    for (const [descr, shape] of [["'|O'", "(1,)"], ["[('a', '<f8')]", "(1,)"], ["'float64'", "(1,)"], ["'<f8'", "(-1,)"]]) assert.equal(size(descr!, shape!), undefined, `${descr} ${shape}`);
  });

  it("reads the header as ast.literal_eval does: the last duplicate key, concatenated, prefixed and escaped strings, parenthesised keys, comments", () => {
    // Each header was checked against NumPy 2.4's read_array_header: every one is an object array.
    for (const dict of [
      "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'descr': '|O', }",
      "{'descr': '|' 'O', 'fortran_order': False, 'shape': (1,), }",
      "{'descr': u'|O', 'fortran_order': False, 'shape': (1,), }",
      "{('descr'): '|O', 'fortran_order': False, 'shape': (1,), }",
      `{'descr': [('a',${" ".repeat(40)}'|O')], 'fortran_order': False, 'shape': (1,), }`,
      "{'descr': '\\x4f', 'fortran_order': False, 'shape': (1,), }",
      "{'descr': '\\117', 'fortran_order': False, 'shape': (1,), }",
      "{'descr': '\\u004f', 'fortran_order': False, 'shape': (1,), }",
      "{'descr': '|\\\nO', 'fortran_order': False, 'shape': (1,), }",
      '{"descr": """|O""", \'fortran_order\': False, \'shape\': (1,), }',
      "({'shape': (1,), # comment\n 'fortran_order': False, 'descr': '|O'})",
      "{'descr': '|O', 'fortran_order': False, 'shape': (1L,), }",
    ]) {
      const h = parseNpyHeader(npy(dict));
      assert.deepEqual([h.object, h.uncertain], [true, undefined], dict);
    }
    assert.equal(parseNpyHeader(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), 'descr': '<i4', }")).object, false);
    assert.equal(parseNpyHeader(npy("{'descr': r'\\x4f', 'fortran_order': False, 'shape': (1,), }")).object, true, "NumPy refuses the dtype; taken for an object all the same");
  });

  it("judges the dtype as numpy.dtype builds it: comma strings, shape prefixes, tuples, nested fields, fields given as two-character strings", () => {
    for (const descr of ["'i4,O'", "'(2,)O'", "'i4,(2,3)O'", "('i4,O', (1,))", "('|O', 2)", "[('a', 'O', (1,))]", "[('n', [('a', '<f4'), ('b', '|O')])]", "['aO']", "['xO', 'yf']", "'=O'", "'O8'"]) {
      assert.equal(parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`)).object, true, descr);
    }
    for (const descr of ["'3i4, f8'", "'float64'", "'<M8[ns]'", "'|V16'", "'|b1'", "['ai']", "('<i8', [('a', '<i4'), ('b', '<i4')])", "[('x', '<f8'), ('y', '<i4', (2, 3)), ('', '|V4'), (('t', 'z'), '|S3')]"]) {
      const h = parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`));
      assert.deepEqual([h.object, h.uncertain], [false, undefined], descr);
    }
  });

  it("takes a header it cannot read exactly for an object array, saying why, never for plain data", () => {
    for (const descr of ["'\\N{LATIN CAPITAL LETTER O}'", "f'|O'", "'T'", "b'|O'", "{'names': ['a'], 'formats': ['O']}", "[('a', '<f8'), 'fortran_order': False, }"]) {
      const h = parseNpyHeader(npy(`{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`));
      assert.equal(h.object, true, descr);
      assert.match(h.uncertain ?? "", /not a Python literal assay reads exactly|not one assay reads exactly/, descr);
    }
    // Nesting past the reader's cap, and a long header, fail closed and stay linear.
    assert.equal(parseNpyHeader(npy(`{'descr': ${"[".repeat(150)}${"]".repeat(150)}, 'fortran_order': False, 'shape': (1,), }`)).object, true);
  });
});
