import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { isConflictMarker } from "../../src/ecosystems/conflict-markers.js";
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
    const errors = ws.diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line, /merge conflict markers/.test(d.message)]);
    assert.deepEqual(errors.sort(), [
      ["gradle/gradle.lockfile", 2, true],
      ["mix/mix.lock", 2, true],
      ["mod/go.mod", 6, true],
      ["req/requirements.txt", 1, true],
      ["sum/go.sum", 1, true],
      ["yarn/yarn.lock", 4, true],
    ]);
  });
});
