import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ignoredManifestPath } from "../../src/ecosystems/manifests.js";

describe("ignoredManifestPath", () => {
  it("ignores manifests under vendored, test, example and hidden folders, in any case, at any depth", () => {
    for (const path of ["node_modules/a/package.json", "web/node_modules/a/package.json", "Vendor/x/go.mod", "lib/third-party/Cargo.toml", "third_party/x/pom.xml", "a/Tests/requirements.txt", "__fixtures__/package.json", "examples/demo/package.json", ".git/x/package.json", "a/.cache/package.json", "a/.github/package.json", "../x/package.json"]) {
      assert.equal(ignoredManifestPath(path), true, path);
    }
  });

  it("keeps the project's own: the root, a leading .github, folders that only resemble ignored ones, and a file so named", () => {
    for (const path of ["package.json", ".github/dependabot.yml", ".github/actions/x/package.json", "src/testing/package.json", "examplesx/package.json", "thirdXparty/go.mod", "pkg/test", "a.b/package.json", "web/.eslintrc.json"]) {
      assert.equal(ignoredManifestPath(path), false, path);
    }
  });
});
