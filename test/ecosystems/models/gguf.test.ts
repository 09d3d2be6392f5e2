import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readGgufHeader } from "../../../src/ecosystems/models/gguf.js";
import { bytesSource } from "../../../src/ecosystems/models/zip.js";

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number | bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const str = (s: string): Buffer => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);

/** A version 3 GGUF: one key (general.alignment, if given), the tensor infos, padding to the alignment, then `data` bytes. */
function gguf(tensors: { name: string; dims: (number | bigint)[]; type: number; offset: number }[], data: number, alignment?: number): Buffer {
  const kv = alignment === undefined ? [] : [Buffer.concat([str("general.alignment"), u32(4), u32(alignment)])];
  const infos = tensors.map((t) => Buffer.concat([str(t.name), u32(t.dims.length), ...t.dims.map(u64), u32(t.type), u64(t.offset)]));
  const head = Buffer.concat([Buffer.from("GGUF"), u32(3), u64(tensors.length), u64(kv.length), ...kv, ...infos]);
  const a = alignment ?? 32;
  return Buffer.concat([head, Buffer.alloc((a - (head.length % a)) % a), Buffer.alloc(data)]);
}
const check = (b: Buffer) => readGgufHeader(bytesSource(b), new Set(), { tensors: true });

describe("GGUF header", () => {
  it("reads the tensor infos of a well-formed file: F32 and Q4_0 tensors inside the data, at aligned offsets", async () => {
    // 4 F32 (16 bytes, padded to 32), then 64 Q4_0 elements (2 blocks of 18 bytes).
    const ok = gguf([{ name: "a", dims: [4], type: 0, offset: 0 }, { name: "b", dims: [32, 2], type: 2, offset: 32 }], 32 + 36);
    assert.equal((await check(ok)).tensorCount, 2);
    // A type whose layout is not listed is held only to its start; a file with no tensors has no data section to hold.
    await check(gguf([{ name: "x", dims: [256], type: 23, offset: 0 }], 8));
    await check(gguf([], 0, 64));
    // Without the option the infos are not read (the chat template reader needs only the keys).
    assert.equal((await readGgufHeader(bytesSource(ok.subarray(0, 60)), new Set())).tensorCount, 2);
  });

  it("refuses a file cut short, and tensor infos that lie: too many dimensions, an element count past int64, an unaligned offset, partial blocks", async () => {
    const full = gguf([{ name: "w", dims: [1024, 1024], type: 1, offset: 0 }], 2 * 1024 * 1024);
    await check(full);
    await assert.rejects(check(full.subarray(0, full.length - 1)), /tensor w ends at byte \d+, past the end of the file/);
    await assert.rejects(check(full.subarray(0, 100)), /truncated|past the end/);
    await assert.rejects(check(gguf([{ name: "w", dims: [1, 1, 1, 1, 1], type: 0, offset: 0 }], 4)), /5 dimensions/);
    await assert.rejects(check(gguf([{ name: "w", dims: [2n ** 62n, 4], type: 0, offset: 0 }], 4)), /int64/);
    await assert.rejects(check(gguf([{ name: "w", dims: [4], type: 0, offset: 8 }], 64)), /not a multiple of the alignment \(32\)/);
    await assert.rejects(check(gguf([{ name: "w", dims: [33], type: 2, offset: 0 }], 64)), /not whole blocks/);
    await assert.rejects(check(gguf([{ name: "w", dims: [4], type: 0, offset: 0 }], 16, 3)), /alignment 3 is not a power of two/);
  });
});
