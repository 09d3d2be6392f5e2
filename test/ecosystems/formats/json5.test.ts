import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { json5ToJsonc, parseJson5 } from "../../../src/ecosystems/formats/json5.js";

describe("JSON5", () => {
  it("reads bare member names, single-quoted strings, comments and trailing commas", () => {
    const text = [
      "{",
      "  // a comment: with 'quotes' and names: inside",
      "  $schema: 'https://docs.renovatebot.com/renovate-schema.json',",
      "  extends: ['config:recommended', \"group:all\",],",
      "  label: 'say \"hi\" and it\\'s fine',",
      "  enabled: true, automerge: false, schedule: null,",
      "  'quoted-name': 1,",
      "  /* block */ nested: { rangeStrategy: 'bump', },",
      "}",
    ].join("\n");
    assert.deepEqual(parseJson5(text).value, {
      $schema: "https://docs.renovatebot.com/renovate-schema.json",
      extends: ["config:recommended", "group:all"],
      label: 'say "hi" and it\'s fine',
      enabled: true,
      automerge: false,
      schedule: null,
      "quoted-name": 1,
      nested: { rangeStrategy: "bump" },
    });
  });

  it("joins a string continued on the next line, and keeps names inside strings as they are", () => {
    assert.deepEqual(parseJson5("{ a: 'one \\\ntwo', b: \"c: d\" }").value, { a: "one two", b: "c: d" });
    assert.equal(json5ToJsonc("{ a: 'x' }"), '{ "a": "x" }');
  });

  it("reports a syntax error on its own line", () => {
    assert.throws(() => parseJson5("{\n  a: 1,\n  b: ]\n}"), (e: unknown) => e instanceof ParseFailure && e.line === 3);
    assert.throws(() => parseJson5("{\n  a: 'unterminated\n}"), ParseFailure);
  });
});
