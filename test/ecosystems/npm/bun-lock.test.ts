import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseJsonc } from "../../../src/ecosystems/formats/json.js";
import { readBunLock } from "../../../src/ecosystems/npm/bun-lock.js";

const FIXTURES = new URL("../../fixtures/lockfiles/bun/", import.meta.url).pathname;
const read = (c: string) => readBunLock(parseJsonc(readFileSync(`${FIXTURES}${c}/bun.lock`, "utf8")), "bun.lock");

describe("bun.lock resolutions that are no registry version", () => {
  it("leaves out the project's own root package (`name@root:`), as it does workspaces", () => {
    const lf = read("root-and-local-resolutions");
    assert.ok(!lf.packages.some((p) => p.name === "toolbox"), "`toolbox@root:` is the project, not a dependency");
    assert.ok(!lf.packages.some((p) => p.version.includes(":")));
  });

  it("reads a local tarball's path as a path package without a version, and a git URL without a commit as a git package", () => {
    const lf = read("root-and-local-resolutions");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual([by.get("tiny-helper")?.version, by.get("tiny-helper")?.source], ["", "path"]);
    assert.deepEqual([by.get("quick-fmt")?.version, by.get("quick-fmt")?.source], ["", "git"]);
    assert.deepEqual([by.get("wordwrap")?.version, by.get("wordwrap")?.source, by.get("wordwrap")?.direct], ["1.0.0", "registry", true]);
    // A local tarball keeps the integrity bun recorded for it.
    assert.deepEqual(by.get("tiny-helper")?.hashes, ["sha512-dGlueS1oZWxwZXI="]);
  });
});
