import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readConanLock } from "../../../src/ecosystems/conan/conan-lock.js";
import { jsonParser } from "../../../src/ecosystems/formats/json.js";
import { makeTextFile } from "../../../src/core/text-file.js";

const FIXTURES = new URL("../../fixtures/lockfiles/conan-lock/", import.meta.url).pathname;

function read(text: string) {
  const file = makeTextFile("conan.lock", new TextEncoder().encode(text));
  return readConanLock(jsonParser.parse(file), file.path);
}

const devOf = (text: string) => Object.fromEntries(read(text).packages.map((p) => [p.name, p.dev]));

describe("conan.lock build requirements", () => {
  it("Conan 1: marks what only building needs as dev, through nested build_requires and the build context", () => {
    const dev = devOf(readFileSync(`${FIXTURES}v1-build-requires/conan.lock`, "utf8"));
    // zlib is linked into openssl (host) and also built for protobuf (build context): it ships.
    assert.deepEqual(dev, { openssl: false, zlib: false, protobuf: true, nasm: true, pkgconf: true });
  });

  it("Conan 1: a build requirement of the consumer alone, in one profile (no build context), is dev too", () => {
    const text = JSON.stringify({ graph_lock: { nodes: { "0": { ref: "app/1.0", requires: ["1"], build_requires: ["2"], path: "conanfile.py", context: "host" }, "1": { ref: "fmt/10.1.1", context: "host" }, "2": { ref: "ninja/1.11.1", context: "host" } } }, version: "0.4" });
    assert.deepEqual(devOf(text), { fmt: false, ninja: true });
  });

  it("Conan 1: a lock of a reference (no consumer conanfile) roots at node 0, itself a package", () => {
    const text = JSON.stringify({ graph_lock: { nodes: { "0": { ref: "lib/2.0", requires: ["1"], build_requires: ["2"] }, "1": { ref: "zlib/1.3" }, "2": { ref: "cmake/3.27.4" } } }, version: "0.4" });
    assert.deepEqual(devOf(text), { lib: false, zlib: false, cmake: true });
  });

  it("Conan 1: says nothing of a node no root reaches, and never follows ids the graph does not own", () => {
    const text = JSON.stringify({ graph_lock: { nodes: { "0": { path: "conanfile.txt", requires: ["1", "constructor", "__proto__"], build_requires: ["toString"] }, "1": { ref: "zlib/1.3" }, "7": { ref: "stray/1.0" } } }, version: "0.4" });
    const lf = read(text);
    assert.deepEqual(lf.packages.map((p) => [p.name, p.dev]), [["zlib", false], ["stray", undefined]]);
  });

  it("Conan 2: build and python requirements are dev, unless also required by the product", () => {
    const text = JSON.stringify({ version: "0.5", requires: ["protobuf/3.21.12#aa%1", "zlib/1.3#bb%2"], build_requires: ["protobuf/3.21.12#aa%1", "cmake/3.27.4#cc%3"], python_requires: ["pyreq/1.0#dd%4"] });
    assert.deepEqual(devOf(text), { protobuf: false, zlib: false, cmake: true, pyreq: true });
  });
});
