import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dtypeItemSize } from "../../../src/ecosystems/models/dtype.js";

describe("dtypeItemSize", () => {
  it("gives NumPy's item sizes for headers and pickled dtypes, and nothing for objects or the unknown", () => {
    const cases: [string, number | undefined][] = [["<f8", 8], ["|b1", 1], ["i4", 4], ["d", 8], ["?", 1], ["<U5", 20], ["|S3", 3], ["<M8[ns]", 8], ["<m8", 8], ["<M4", undefined], ["|O", undefined], ["<x9", undefined], ["[('a', '<f4')]", undefined]];
    for (const [dtype, size] of cases) assert.equal(dtypeItemSize(dtype), size, dtype);
  });
});
