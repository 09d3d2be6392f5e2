// The README states how many secret detectors assay has; a newcomer compares it with
// `assay secrets --list`, so the number follows the detectors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DETECTORS } from "../../src/secrets/detectors/index.js";

describe("README", () => {
  it("states the number of secret detectors that `assay secrets --list` prints", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const stated = /\((\d+) detectors:/.exec(readme)?.[1];
    assert.equal(Number(stated), DETECTORS.length);
  });
});
