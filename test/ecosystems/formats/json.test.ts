import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { jsonLines, pathKey } from "../../../src/ecosystems/formats/json-lines.js";
import { parseJson, parseJsonc } from "../../../src/ecosystems/formats/json.js";

describe("JSONC", () => {
  it("reads comments and trailing commas, keeping comment-like text inside strings", () => {
    const j = parseJsonc('// head\n{\n  "a": "x // not a comment, /* nor this */",\n  /* block\n  comment */ "b": [1, 2,],\n  "c": { "d": "e", }, // tail\n}\n');
    assert.deepEqual(j.value, { a: "x // not a comment, /* nor this */", b: [1, 2], c: { d: "e" } });
    assert.equal(j.locate(["c", "d"])?.line, 6);
  });
  it("places a syntax error in the original text", () => {
    assert.throws(() => parseJsonc('{\n  "a": 1,\n  "b": ]\n}'), (e: unknown) => e instanceof ParseFailure && e.line === 3);
  });
});

describe("JSON syntax errors", () => {
  it("say a file cut short looks truncated, at its end, and leave other errors as syntax errors", () => {
    const lock = '{\n  "name": "x",\n  "packages": {\n    "node_modules/a": {\n      "vers';
    for (const parse of [parseJson, parseJsonc]) {
      assert.throws(() => parse(lock), (e: unknown) => e instanceof ParseFailure && /looks truncated/.test(e.message) && e.line === 5, parse.name);
      assert.throws(() => parse(`${lock.slice(0, 30)}\n`), (e: unknown) => e instanceof ParseFailure && /looks truncated/.test(e.message), parse.name);
      assert.throws(() => parse('{\n  "a": 1,\n  "b": ]\n}'), (e: unknown) => e instanceof ParseFailure && /invalid JSON syntax/.test(e.message) && !/truncated/.test(e.message), parse.name);
    }
  });
});

describe("jsonLines", () => {
  it("finds the line of each selected member in one pass, with escaped keys, arrays and comments", () => {
    const text = '{\n  "packages": {\n    "": {},\n    "node_modules/\\"q\\"": {\n      "version": "1"\n    }\n  },\n  // c\n  "list": [\n    {"a": 1},\n    2,\n    [3]\n  ]\n}';
    const lines = jsonLines(text, (p) => p.length === 2, true);
    assert.equal(lines.get(pathKey(["packages", ""])), 3);
    assert.equal(lines.get(pathKey(["packages", 'node_modules/"q"'])), 4);
    assert.deepEqual([0, 1, 2].map((i) => lines.get(pathKey(["list", i]))), [10, 11, 12]);
  });
});
