import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseJson } from "../../../src/ecosystems/formats/json.js";
import { lockfileFormatOf } from "../../../src/ecosystems/lockfiles.js";
import { readDenoLock } from "../../../src/ecosystems/npm/deno-lock.js";

const FIXTURES = new URL("../../fixtures/lockfiles/deno-lock/", import.meta.url).pathname;
const read = (v: string) => readDenoLock(parseJson(readFileSync(`${FIXTURES}${v}/deno.lock`, "utf8")), "deno.lock");

describe("deno.lock", () => {
  it("is found by its name", () => {
    assert.equal(lockfileFormatOf("apps/site/deno.lock")?.id, "deno.lock");
    assert.equal(lockfileFormatOf("deno.json")?.id, undefined);
  });

  it("lists v4 npm packages with their lines and integrity, peer suffixes dropped, JSR and remote modules left out", () => {
    const lf = read("v4");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.equal(by.get("preact-render-to-string")?.version, "6.5.11");
    assert.equal(by.get("@types/node")?.line, 23);
    assert.match(by.get("chalk")?.hashes?.[0] ?? "", /^sha512-/);
    assert.ok(!by.has("@std/assert"), "JSR packages have no OSV ecosystem");
    assert.deepEqual(lf.packages.filter((p) => p.direct).map((p) => p.name).sort(), ["chalk", "express", "preact-render-to-string"], "the workspace's and its package.json's dependencies");
    assert.equal(by.get("qs")?.direct, false);
  });

  it("reads v3, whose packages sit under packages and whose specifiers resolve to npm: specifiers", () => {
    const lf = read("v3");
    assert.deepEqual(lf.packages.map((p) => `${p.name}@${p.version}:${p.direct}:${p.line}`), ["lodash@4.17.15:true:9", "minimist@1.2.5:false:13"]);
    assert.equal(lf.format, "deno.lock@3");
  });

  it("reads v2, whose packages sit under npm.packages", () => {
    const text = '{\n  "version": "2",\n  "remote": {},\n  "npm": {\n    "specifiers": { "chalk@5": "chalk@5.3.0" },\n    "packages": {\n      "chalk@5.3.0": { "integrity": "sha512-x", "dependencies": {} }\n    }\n  }\n}\n';
    const lf = readDenoLock(parseJson(text), "deno.lock");
    assert.deepEqual(lf.packages.map((p) => `${p.name}@${p.version}:${p.line}`), ["chalk@5.3.0:7"]);
  });

  it("refuses what is not a deno.lock, and leaves direct unknown without a workspace", () => {
    assert.throws(() => readDenoLock(parseJson('{"npm": {}}'), "deno.lock"), /not a deno\.lock/);
    const lf = readDenoLock(parseJson('{"version": "4", "npm": {"ms@2.1.3": {"integrity": "sha512-x"}, "bad": {}}}'), "deno.lock");
    assert.deepEqual(lf.packages.map((p) => [p.name, p.version, p.direct]), [["ms", "2.1.3", undefined]]);
  });
});
