import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { isConflictMarker, rejectConflictMarkers } from "../../src/ecosystems/conflict-markers.js";
import { findLockfiles } from "../../src/ecosystems/lockfiles.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `ours` and `theirs` between markers, after `before` and before `after`. */
const conflict = (before: string, ours: string, theirs: string, rest = "") => `${before}<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> feature\n${rest}`;

describe("merge conflict markers in line-based lockfiles", () => {
  it("tells markers from lines that only start with the same characters", () => {
    assert.ok(isConflictMarker("<<<<<<< HEAD"));
    assert.ok(isConflictMarker("======="));
    assert.ok(isConflictMarker(">>>>>>> feature/x"));
    assert.ok(isConflictMarker("||||||| base"));
    assert.ok(!isConflictMarker("========"));
    assert.ok(!isConflictMarker("<<<<<<<HEAD"));
    assert.ok(!isConflictMarker("  <<<<<<< HEAD"));
  });

  it("is one parse error at the first marker, never both sides read as installed or a marker read as an entry", async () => {
    const files: Record<string, string> = {
      "req/requirements.txt": conflict("", "django==3.2.0\n", "django==3.2.20\n"),
      "mix/mix.lock": conflict("%{\n", '  "plug": {:hex, :plug, "1.3.0", "abc", [:mix], [], "hexpm", "def"},\n', '  "plug": {:hex, :plug, "1.3.5", "abc", [:mix], [], "hexpm", "def"},\n', "}\n"),
      "mod/go.mod": conflict("module m\n\ngo 1.22.0\n\nrequire (\n", "\tgolang.org/x/net v0.7.0\n", "\tgolang.org/x/net v0.17.0\n", ")\n"),
      "sum/go.sum": conflict("", "golang.org/x/net v0.7.0 h1:abc=\n", "golang.org/x/net v0.17.0 h1:def=\n"),
      "gradle/gradle.lockfile": conflict("# Gradle lockfile\n", "junit:junit:4.12=testCompileClasspath\n", "junit:junit:4.13.1=testCompileClasspath\n", "empty=\n"),
      "yarn/yarn.lock": conflict("# yarn lockfile v1\n\n\n", 'lodash@^4.17.0:\n  version "4.17.15"\n', 'lodash@^4.17.0:\n  version "4.17.21"\n'),
    };
    const dir = tmpDir(files);
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    const lockfiles = await findLockfiles(ws);
    assert.deepEqual(lockfiles.map((l) => l.path), []);
    const errors = ws.diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line, new RegExp(`has merge-conflict markers at line ${d.line ?? 0}: `).test(d.message)]);
    assert.deepEqual(errors.sort(), [
      ["gradle/gradle.lockfile", 2, true],
      ["mix/mix.lock", 2, true],
      ["mod/go.mod", 6, true],
      ["req/requirements.txt", 1, true],
      ["sum/go.sum", 1, true],
      ["yarn/yarn.lock", 4, true],
    ]);
    // The hint says to finish the merge, not to fix the syntax.
    for (const d of ws.diagnostics.filter((x) => x.code === "parse-error")) assert.match(d.hint ?? "", /^resolve the merge conflict/, d.path);
  });
});

describe("merge conflict markers in structured lockfiles (JSON, TOML, YAML, XML)", () => {
  const npmLock = (v: string) => `    "node_modules/lodash": {\n      "version": "${v}"\n    }\n`;
  const cargo = (v: string) => `[[package]]\nname = "serde"\nversion = "${v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`;
  const files: Record<string, [string, number]> = {
    "npm/package-lock.json": [conflict('{\n  "lockfileVersion": 3,\n  "packages": {\n', npmLock("4.17.15"), npmLock("4.17.21"), "  }\n}\n"), 4],
    "cargo/Cargo.lock": [conflict("version = 3\n\n", cargo("1.0.100"), cargo("1.0.190")), 3],
    "poetry/poetry.lock": [conflict('[[package]]\nname = "django"\n', 'version = "3.2.0"\n', 'version = "3.2.20"\n', '\n[metadata]\nlock-version = "2.0"\n'), 3],
    "uv/uv.lock": [conflict('version = 1\n\n[[package]]\nname = "requests"\n', 'version = "2.31.0"\n', 'version = "2.32.3"\n'), 5],
    "composer/composer.lock": [conflict('{\n  "packages": [\n', '    {"name": "symfony/http-kernel", "version": "v5.4.0"}\n', '    {"name": "symfony/http-kernel", "version": "v5.4.20"}\n', "  ]\n}\n"), 3],
    "pnpm/pnpm-lock.yaml": [conflict("lockfileVersion: '9.0'\n\npackages:\n\n", "  lodash@4.17.15:\n    resolution: {integrity: sha512-a}\n", "  lodash@4.17.21:\n    resolution: {integrity: sha512-b}\n"), 5],
    "pub/pubspec.lock": [conflict("packages:\n  http:\n    dependency: direct main\n", '    version: "0.13.0"\n', '    version: "1.1.0"\n', 'sdks:\n  dart: ">=3.0.0 <4.0.0"\n'), 4],
    "berry/yarn.lock": [conflict('__metadata:\n  version: 8\n\n"lodash@npm:^4.17.0":\n', "  version: 4.17.15\n", "  version: 4.17.21\n"), 5],
    "bun/bun.lock": [conflict('{\n  "lockfileVersion": 1,\n  "packages": {\n', '    "lodash": ["lodash@4.17.15", "", {}, "sha512-a"],\n', '    "lodash": ["lodash@4.17.21", "", {}, "sha512-b"],\n', "  }\n}\n"), 4],
    "pipenv/Pipfile.lock": [conflict('{\n  "default": {\n', '    "django": {"version": "==3.2.0"}\n', '    "django": {"version": "==3.2.20"}\n', '  },\n  "develop": {}\n}\n'), 3],
    "nuget/packages.lock.json": [conflict('{\n  "version": 1,\n  "dependencies": {\n', '    "net8.0": {"Newtonsoft.Json": {"type": "Direct", "resolved": "12.0.1"}}\n', '    "net8.0": {"Newtonsoft.Json": {"type": "Direct", "resolved": "13.0.3"}}\n', "  }\n}\n"), 4],
    "conan/conan.lock": [conflict('{\n  "version": "0.5",\n  "requires": [\n', '    "openssl/1.1.1k"\n', '    "openssl/3.0.8"\n', "  ]\n}\n"), 4],
    "stack/stack.yaml.lock": [conflict("packages:\n- completed:\n", "    hackage: acme-missiles-0.3@sha256:a,1\n", "    hackage: acme-missiles-0.4@sha256:b,1\n"), 3],
    "maven/pom.xml": [conflict('<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <dependencies>\n', "    <dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>1.0</version></dependency>\n", "    <dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>2.0</version></dependency>\n", "  </dependencies>\n</project>\n"), 3],
  };

  it("is one parse error naming the line of the first marker, never the format's generic syntax error", async () => {
    const dir = tmpDir(Object.fromEntries(Object.entries(files).map(([path, [text]]) => [path, text])));
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    assert.deepEqual((await findLockfiles(ws)).map((l) => l.path), []);
    const errors = ws.diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line, d.column, /has merge-conflict markers at line (\d+): resolve the conflict/.exec(d.message)?.[1]]);
    assert.deepEqual(
      errors.sort(),
      Object.entries(files).map(([path, [, line]]) => [path, line, 1, String(line)]).sort(),
    );
  });

  it("takes a line of seven = alone for text (a heading's underline), and markers only at the start of a line", () => {
    assert.doesNotThrow(() => rejectConflictMarkers("<description>\nTitle\n=======\n</description>\n", "x"));
    assert.doesNotThrow(() => rejectConflictMarkers('  "a": "<<<<<<< HEAD"\n', "x"));
    assert.throws(() => rejectConflictMarkers("a\r\nb\r\n<<<<<<< HEAD\r\n", "x"), /at line 3: x/);
    assert.throws(() => rejectConflictMarkers("\uFEFF<<<<<<< HEAD\n{}\n=======\n[]\n>>>>>>> b\n", "x"), /at line 1: x/);
  });

  // Its time as the file doubles is bench/hostile.bench.ts's ("lockfile of near-miss conflict markers").
  it("finds no marker in a large file of near misses", () => {
    const text = `${"=".repeat(7)}x\n`.repeat(200_000) + "<".repeat(6) + " \n".repeat(100_000);
    assert.doesNotThrow(() => rejectConflictMarkers(text, "x"));
  });
});
