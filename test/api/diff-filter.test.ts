import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filterToDiff, inDiff } from "../../src/api/diff-filter.js";
import type { ChangedLines } from "../../src/workspace/history.js";

const changed: ChangedLines = new Map<string, "all" | [number, number][]>([["a.ts", [[3, 5], [10, 10]]], ["new.md", "all"]]);

describe("diff filter", () => {
  it("keeps findings on added lines, in wholly new files, and file-level findings of changed files", () => {
    assert.equal(inDiff({ message: "", locations: [{ path: "a.ts", startLine: 4 }] }, changed), true);
    assert.equal(inDiff({ message: "", locations: [{ path: "a.ts", startLine: 8, endLine: 11 }] }, changed), true, "a span that reaches an added line");
    assert.equal(inDiff({ message: "", locations: [{ path: "a.ts", startLine: 6 }] }, changed), false);
    assert.equal(inDiff({ message: "", locations: [{ path: "new.md", startLine: 99 }] }, changed), true);
    assert.equal(inDiff({ message: "", locations: [{ path: "a.ts" }] }, changed), true);
    assert.equal(inDiff({ message: "", locations: [{ path: "b.ts", startLine: 1 }] }, changed), false);
    assert.equal(inDiff({ message: "no SECURITY.md" }, changed), false, "repository-level findings describe no change");
  });

  it("drops the rest in place and counts them", () => {
    const records = [{ findings: [{ message: "x", locations: [{ path: "a.ts", startLine: 3 }] }, { message: "y", locations: [{ path: "c.ts", startLine: 1 }] }] }, { findings: [{ message: "z" }] }];
    assert.equal(filterToDiff(records, changed), 2);
    assert.deepEqual(records.map((r) => r.findings.map((f) => f.message)), [["x"], []]);
  });

  it("leaves out findings counted past the per-file cap in files the change did not touch", () => {
    const overflow = new Map([["a.ts", { count: 5 }], ["old.ts", { count: 300 }]]);
    const records = [{ findings: [], overflow }];
    assert.equal(filterToDiff(records, changed), 300);
    assert.deepEqual([...overflow.keys()], ["a.ts"]);
  });
});
