import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { operands } from "../../../src/ecosystems/shell/operands.js";

describe("operands", () => {
  it("skips options and the values of those that take one, keeps `-` and everything after `--`", () => {
    const takes = (f: string): boolean => f === "-a" || f === "--registry";
    assert.deepEqual(operands(["-c", "-a", "256", "sums.txt", "--registry=x", "--registry", "y", "-", "--", "-z", "w"], takes), ["sums.txt", "-", "-z", "w"]);
    assert.deepEqual(operands([], takes), []);
  });
});
