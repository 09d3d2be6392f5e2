import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summariseInventory } from "../../src/ecosystems/inventory-summary.js";
import { findManifests } from "../../src/ecosystems/manifests.js";
import { memorySource } from "../../src/core/memory-source.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { git, tmpDir } from "../helpers/tmp-repo.js";

const RESOLVED = "Shop.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved";

describe("inventory summary", () => {
  it("counts .NET project files and an Xcode project's Package.resolved, which update coverage does not ask for", async () => {
    const ws = await Workspace.open(
      tmpDir({
        "src/Api/Api.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
        "src/Api/Program.cs": "class P {}",
        [RESOLVED]: '{"pins": [], "version": 2}',
        "Shop/App.swift": "import SwiftUI",
        ".swiftpm/xcode/package.xcworkspace/xcshareddata/swiftpm/Package.resolved": '{"pins": [], "version": 2}',
      }),
    );
    const summary = await summariseInventory(ws);
    assert.deepEqual(summary.languages.map((l) => l.name).sort(), ["C#", "Swift"]);
    assert.deepEqual(summary.ecosystems, ["nuget", "swift"]);
    assert.deepEqual(summary.manifests, [{ ecosystem: "swift", path: RESOLVED }, { ecosystem: "nuget", path: "src/Api/Api.csproj" }]);
    assert.deepEqual((await findManifests(ws)).map((m) => m.path), ["src/Api/Api.csproj"]);
  });

  it("counts extensionless scripts by their #! line and .bats tests, and leaves out documentation and test fixtures, as linguist does", async () => {
    const dir = tmpDir({
      "libexec/tool": "#!/usr/bin/env bash\necho hi\n",
      "libexec/tool-helper": "#!/usr/bin/env python3\nprint(1)\n",
      "scripts/bump": "#!/usr/bin/env node\n",
      "scripts/notes": "not a script\n",
      "test/tool.bats": "@test x { true; }\n",
      "test/test_tool.py": "def test(): pass\n",
      "test/fixtures/sample.py": "x = 1\n",
      "docs/conf.py": "x = 1\n",
    });
    // Executable in git's index: outside bin and libexec folders, only executables have their first line read.
    chmodSync(join(dir, "scripts/bump"), 0o755);
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "initial");
    const summary = await summariseInventory(await Workspace.open(dir));
    assert.deepEqual(summary.languages, [{ name: "Python", files: 2 }, { name: "Shell", files: 2 }, { name: "JavaScript", files: 1 }]);
  });

  it("lets the event loop turn while it works through a large checkout (worker threads' replies wait for it otherwise)", async () => {
    const files = new Map<string, Uint8Array>();
    for (let i = 0; i < 10_000; i++) files.set(`src/m${i}.ts`, new Uint8Array());
    for (let i = 0; i < 200; i++) files.set(`pkg${i}/package.json`, new TextEncoder().encode('{"dependencies": {"a": "1"}}'));
    const order: string[] = [];
    const summary = summariseInventory(memorySource(files)).then(() => order.push("summary"));
    setImmediate(() => order.push("another turn"));
    await summary;
    assert.deepEqual(order, ["another turn", "summary"]);
    assert.equal((await summariseInventory(memorySource(files))).manifests.length, 200);
  });
});
