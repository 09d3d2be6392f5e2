import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summariseInventory } from "../../src/ecosystems/inventory-summary.js";
import { findManifests } from "../../src/ecosystems/manifests.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { tmpDir } from "../helpers/tmp-repo.js";

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
});
