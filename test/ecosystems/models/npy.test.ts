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

  it("finds where the data starts and refuses a header without a readable descr", () => {
    const bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    assert.equal(parseNpyHeader(bytes).dataOffset, bytes.length - 2);
    assert.throws(() => parseNpyHeader(npy("{'descr': [('a', '<f8'), 'fortran_order': False, }")), /descr/);
    assert.throws(() => parseNpyHeader(npy("{'shape': (3,), }")), /no descr/);
  });
});
