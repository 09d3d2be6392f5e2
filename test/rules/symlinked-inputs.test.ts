import assert from "node:assert/strict";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rule as dockerfileRootUser } from "../../src/rules/deploy/dockerfile-root-user.js";
import { rule as privilegedContainer } from "../../src/rules/deploy/privileged-container.js";
import { rule as unsafePickle } from "../../src/rules/models/unsafe-pickle.js";
import { rule as license } from "../../src/rules/repo/license.js";
import { rule as unpinnedImage } from "../../src/rules/supply-chain/unpinned-image.js";
import { rule as insecureUrlScheme } from "../../src/rules/workflows/insecure-url-scheme.js";
import { fixtureDir, runRule } from "../helpers/run-rule.js";
import { tmpDir } from "../helpers/tmp-repo.js";

// A hostile checkout hides what a rule picks by name behind a symbolic link: one inside the
// checkout is judged through the link (once: not again when its target is judged by its own name),
// one out of it is named and leaves the check incomplete, never passed.

const pickle = readFileSync(join(fixtureDir("models/unsafe-pickle", "bad"), "model.pkl"));
const paths = (fs: { locations: { path: string }[] }[]): (string | undefined)[] => fs.map((f) => f.locations[0]?.path);

/** A checkout with `files` and one link `at` → `to`. */
function withLink(files: Record<string, string | Uint8Array>, at: string, to: string): string {
  const dir = tmpDir(files);
  symlinkSync(to, join(dir, at));
  return dir;
}

describe("symbolic links to what rules pick by name", () => {
  it("models: a pickle behind a link whose target is not named like a model is judged at the link", async () => {
    const { findings, outcome } = await runRule(unsafePickle, withLink({ "blobs/0a1b2c": pickle }, "model.pkl", "blobs/0a1b2c"));
    assert.equal(outcome, "fail");
    assert.deepEqual(paths(findings), ["model.pkl"]);
  });

  it("models: a link to a pickle judged by its own name is not judged twice; a link out is incomplete", async () => {
    const twice = await runRule(unsafePickle, withLink({ "models/real.pkl": pickle }, "model.pkl", "models/real.pkl"));
    assert.deepEqual(paths(twice.findings), ["models/real.pkl"]);
    const out = await runRule(unsafePickle, withLink({ "README.md": "x" }, "model.pkl", "/etc/hostname"));
    assert.equal(out.outcome, "incomplete");
  });

  it("supply-chain: a Dockerfile behind a link is read, and one out of the checkout is incomplete", async () => {
    const inside = await runRule(unpinnedImage, withLink({ "build/recipe.txt": "FROM node:20\n" }, "Dockerfile", "build/recipe.txt"));
    assert.deepEqual(paths(inside.findings), ["Dockerfile"]);
    const out = await runRule(unpinnedImage, withLink({ "README.md": "x" }, "Dockerfile", "/etc/hostname"));
    assert.equal(out.outcome, "incomplete");
  });

  it("deploy: a Dockerfile behind a link to an unnamed file is judged at the link", async () => {
    const { findings } = await runRule(dockerfileRootUser, withLink({ "build/recipe.txt": "FROM node:20\nUSER root\nCMD [\"node\"]\n" }, "Dockerfile", "build/recipe.txt"));
    assert.deepEqual(paths(findings), ["Dockerfile"]);
  });

  it("deploy: a Compose file behind a link is read; one out of the checkout makes every deploy rule incomplete", async () => {
    const compose = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
    const inside = await runRule(privilegedContainer, withLink({ "deploy/stack.txt": compose }, "compose.yaml", "deploy/stack.txt"));
    assert.deepEqual(paths(inside.findings), ["compose.yaml"]);
    const out = await runRule(privilegedContainer, withLink({ "README.md": "x" }, "compose.yaml", "/etc/hostname"));
    assert.equal(out.outcome, "incomplete");
  });

  it("deploy: a Kubernetes manifest behind a link is judged once, through the link when its target is not YAML", async () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: a\n      image: busybox\n      securityContext:\n        privileged: true\n";
    const hidden = await runRule(privilegedContainer, withLink({ "data/pod.txt": pod }, "pod.yaml", "data/pod.txt"));
    assert.deepEqual(paths(hidden.findings), ["pod.yaml"]);
    const once = await runRule(privilegedContainer, withLink({ "k8s/pod.yaml": pod }, "pod.yaml", "k8s/pod.yaml"));
    assert.deepEqual(paths(once.findings), ["k8s/pod.yaml"]);
  });

  it("repo/license: a REUSE licence behind a link is read; a link out is not a pass", async () => {
    const mit = readFileSync(join(fixtureDir("repo/license", "good"), "LICENSE"));
    const inside = await runRule(license, withLink({ "LICENSES/.keep": "", "texts/mit.txt": mit }, "LICENSES/MIT.txt", "../texts/mit.txt"));
    assert.equal(inside.outcome, "pass");
    const out = await runRule(license, withLink({ "LICENSES/.keep": "" }, "LICENSES/MIT.txt", "/etc/hostname"));
    // .keep counts as a file of the folder (as Scorecard counts any file there); the licence behind the link out cannot be read.
    assert.equal(out.outcome, "incomplete");
    assert.match(out.assessment.rules.find((r) => r.id === "repo/license")?.reason ?? "", /LICENSES\/MIT\.txt/);
  });

  it("workflows/insecure-url-scheme: a pre-commit configuration behind a link is read", async () => {
    const config = "repos:\n  - repo: http://example.com/hooks.git\n    rev: v1.0.0\n    hooks:\n      - id: lint\n";
    const { findings } = await runRule(insecureUrlScheme, withLink({ "tools/pre-commit.yml": config }, ".pre-commit-config.yaml", "tools/pre-commit.yml"));
    assert.deepEqual(paths(findings), [".pre-commit-config.yaml"]);
  });
});
