import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeTextFile } from "../../../src/core/text-file.js";
import { parseGoMod } from "../../../src/ecosystems/go/go-mod-file.js";
import { readGoMod } from "../../../src/ecosystems/go/go-mod.js";
import type { LockedPackage } from "../../../src/ecosystems/packages.js";

function packages(text: string): LockedPackage[] {
  return readGoMod(parseGoMod(makeTextFile("go.mod", new TextEncoder().encode(text)))).packages;
}

function stdlib(text: string): LockedPackage | undefined {
  return packages(text).find((p) => p.name === "stdlib");
}

describe("go.mod: the stdlib pseudo-package", () => {
  it("takes the toolchain's version and points at the toolchain line", () => {
    const p = stdlib("module m\n\ngo 1.21\n\ntoolchain go1.21.5\n");
    assert.deepEqual([p?.version, p?.line], ["1.21.5", 5]);
  });

  it("takes the go line's version, and points at it, without a toolchain line", () => {
    const p = stdlib("module m\n\ngo 1.22.1\n");
    assert.deepEqual([p?.version, p?.line], ["1.22.1", 3]);
  });

  it("reads `toolchain default` as no toolchain: the go line decides, never a version `default` below every release", () => {
    const p = stdlib("module m\n\ngo 1.22.1\n\ntoolchain default\n");
    assert.deepEqual([p?.version, p?.line], ["1.22.1", 3]);
  });

  it("keeps a custom toolchain's Go version (`go1.22.3-custom`)", () => {
    assert.equal(stdlib("module m\n\ngo 1.22.0\ntoolchain go1.22.3-custom\n")?.version, "1.22.3");
  });
});

describe("go.mod: replacements", () => {
  it("places a module replaced by another version at its replace line, which names the version built", () => {
    const text = "module m\n\ngo 1.22.0\n\nrequire (\n\tgolang.org/x/net v0.0.0-20200114155413-6afb5195e5aa\n\tgithub.com/old/mod v1.0.0\n\tgithub.com/c/d v0.1.0\n)\n\nreplace golang.org/x/net => golang.org/x/net v0.7.0\n\nreplace github.com/old/mod v1.0.0 => github.com/new/mod v1.2.0\n\nreplace github.com/c/d => ./d\n";
    const at = (name: string) => packages(text).find((p) => p.name === name);
    assert.deepEqual([at("golang.org/x/net")?.version, at("golang.org/x/net")?.line], ["0.7.0", 11]);
    assert.deepEqual([at("github.com/new/mod")?.version, at("github.com/new/mod")?.line], ["1.2.0", 13]);
    // A local folder builds no published version: it stays at its require line, unversioned.
    assert.deepEqual([at("github.com/c/d")?.version, at("github.com/c/d")?.line], ["", 8]);
    // Code still imports a fork by the module path it replaces; a same-path replacement has no other name.
    assert.deepEqual([at("github.com/new/mod")?.aliases, at("golang.org/x/net")?.aliases], [["github.com/old/mod"], undefined]);
  });
});
