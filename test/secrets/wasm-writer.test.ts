import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { i32, memOp, Op, sleb, uleb, VOID, wasmModule } from "../../src/secrets/wasm-writer.js";

describe("wasm-writer", () => {
  it("encodes LEB128 as the WebAssembly specification's examples do", () => {
    assert.deepEqual(uleb(0), [0]);
    assert.deepEqual(uleb(127), [0x7f]);
    assert.deepEqual(uleb(128), [0x80, 0x01]);
    assert.deepEqual(uleb(624_485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(uleb(2 ** 32 - 1), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert.deepEqual(sleb(0), [0]);
    assert.deepEqual(sleb(63), [0x3f]);
    assert.deepEqual(sleb(64), [0xc0, 0x00]);
    assert.deepEqual(sleb(-1), [0x7f]);
    assert.deepEqual(sleb(-64), [0x40]);
    assert.deepEqual(sleb(-65), [0xbf, 0x7f]);
    assert.deepEqual(sleb(-123_456), [0xc0, 0xbb, 0x78]);
  });

  it("writes a module that validates and runs: loops, branches, loads and stores at constant offsets", () => {
    // sum(p, n): the sum of n bytes from p, stored at 300 + 4 and returned; a byte of 255 stops it early.
    const [p, n, acc, b] = [0, 1, 2, 3];
    const bytes = wasmModule(
      [
        {
          name: "sum",
          params: 2,
          locals: 2,
          body: [
            Op.block, VOID,
              Op.loop, VOID,
                Op.localGet, n, Op.i32Const, 0, 0x46 /* i32.eq */, Op.brIf, 1,
                Op.localGet, p, ...memOp(Op.i32Load8U, 0, 0), Op.localTee, b,
                ...i32(255), 0x46 /* i32.eq */, Op.brIf, 1,
                Op.localGet, acc, Op.localGet, b, Op.i32Add, Op.localSet, acc,
                Op.localGet, p, ...i32(1), Op.i32Add, Op.localSet, p,
                Op.localGet, n, ...i32(1), Op.i32Sub, Op.localSet, n,
                Op.br, 0,
              Op.end,
            Op.end,
            ...i32(300), Op.localGet, acc, ...memOp(Op.i32Store, 4, 2),
            Op.localGet, acc,
          ],
        },
      ],
      1,
    );
    assert.ok(WebAssembly.validate(bytes));
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { sum: (p: number, n: number) => number; memory: WebAssembly.Memory };
    const mem = new Uint8Array(exports.memory.buffer);
    mem.set([1, 2, 3, 250, 255, 7], 1000);
    assert.equal(exports.sum(1000, 4), 256);
    assert.equal(new Int32Array(exports.memory.buffer, 304, 1)[0], 256);
    assert.equal(exports.sum(1000, 6), 256, "stops at the byte 255");
    assert.equal(exports.sum(1000, 0), 0);
  });
});
