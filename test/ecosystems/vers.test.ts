import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseVers, versContains, type VersRange } from "../../src/ecosystems/vers.js";

// Cases written from the purl project's VERSION-RANGE-SPEC (its grammar and its containment algorithm).

const range = (s: string): VersRange => {
  const r = parseVers(s);
  if ("error" in r) throw new Error(`${s} ${r.error}`);
  return r;
};
const contains = (s: string, ...versions: string[]) => versions.map((v) => versContains(range(s), v));

describe("vers", () => {
  it("reads single versions, bounds, `!=` and several intervals", () => {
    assert.deepEqual(contains("vers:npm/1.2.3|>=2.0.0|<5.0.0", "1.2.3", "1.2.4", "2.0.0", "4.9.9", "5.0.0"), [true, false, true, true, false]);
    assert.deepEqual(contains("vers:npm/<1.0.0|>=2.0.0|!=2.5.0", "0.9.0", "1.5.0", "2.5.0", "3.0.0"), [true, false, false, true]);
    assert.deepEqual(contains("vers:npm/>=1.0.0|<2.0.0|>=3.0.0|<4.0.0", "1.5.0", "2.5.0", "3.0.0", "4.0.0"), [true, false, true, false]);
    assert.deepEqual(contains("vers:pypi/>1.0|<=1.5", "1.0", "1.0.post1", "1.5", "1.5.1"), [false, true, true, false]);
  });

  it("ignores spaces, tabs and outer pipes, decodes percent-encoded versions, and reads the scheme in any case", () => {
    assert.deepEqual(contains("vers:NPM/ >= 1.0.0 | < 2.0.0 ", "1.5.0"), [true]);
    assert.deepEqual(contains("vers:npm/|>=1.0.0|<2.0.0|", "1.5.0", "2.0.0"), [true, false], "leading and trailing pipes are dropped");
    assert.deepEqual(contains("vers:npm/<1.0.0-beta%2B1", "1.0.0-alpha"), [true]);
  });

  it("orders versions as their ecosystem does", () => {
    assert.deepEqual(contains("vers:golang/>=v1.2.0|<v1.10.0", "v1.9.3", "v1.10.0"), [true, false]);
    assert.deepEqual(contains("vers:deb/<1:2.0-1", "2.5-1", "1:1.9-1"), [true, true], "an epoch outranks the upstream version");
    assert.deepEqual(contains("vers:gem/<2.0.0", "2.0.0.rc1"), [true]);
  });

  it("refuses what it cannot read, with the reason", () => {
    const error = (s: string) => {
      const r = parseVers(s);
      return "error" in r ? r.error : undefined;
    };
    assert.match(error("npm/<1.0.0") ?? "", /not a `vers:/);
    assert.match(error("vers:npm/") ?? "", /not a `vers:/);
    assert.match(error("vers:generic/<1.0") ?? "", /scheme "generic", whose ordering assay does not know/);
    assert.match(error("vers:npm/>=2.0.0|<1.0.0") ?? "", /not sorted/);
    assert.match(error("vers:npm/1.0.0|1.0.0") ?? "", /repeat/);
    assert.match(error("vers:npm/<1.0.0|<2.0.0") ?? "", /two lesser or two greater/);
    assert.match(error("vers:npm/>=1.0.0||<2.0.0") ?? "", /malformed constraint/);
    assert.match(error("vers:npm/>=1.0.0|*") ?? "", /malformed constraint/, "`*` stands alone");
    assert.match(error("vers:npm/<%E0%A4%A") ?? "", /malformed constraint/);
    assert.match(error("vers:maven/<") ?? "", /malformed constraint/);
  });

  it("covers no version its ordering cannot read", () => {
    assert.deepEqual(contains("vers:npm/<2.0.0", "not-a-version", "1"), [false, false]);
    assert.equal(versContains({ scheme: "unknown", constraints: [{ comparator: "<", version: "1" }] }, "0"), false);
  });
});
