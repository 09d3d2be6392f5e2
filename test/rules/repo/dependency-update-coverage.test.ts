import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/dependency-update-coverage.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { symlinkSync } from "node:fs";
import { join } from "node:path";

function dependabot(...entries: string[]): string {
  return `version: 2\nupdates:\n${entries.map((e) => `  - ${e.trim().split("\n").join("\n    ")}\n    schedule:\n      interval: weekly\n`).join("")}`;
}

async function messages(files: Record<string, string>): Promise<string[]> {
  const { findings, outcome } = await runRule(rule, tmpDir(files));
  assert.notEqual(outcome, "not-applicable", "the configuration was read");
  return findings.map((f) => f.message).sort();
}

const GO_MOD = "module example.com/a\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n";

describe("repo/dependency-update-coverage", () => {
  it("reports each ecosystem Dependabot leaves out, at the updates key, without lowering the score (Scorecard scores the file alone)", async () => {
    const { findings, outcome, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.deepEqual(findings.map((f) => f.impact), ["none", "none"]);
    assert.equal(assessment.checks.find((c) => c.id === "Dependency-Update-Tool")?.score, 10);
    const byKey = new Map(findings.map((f) => [f.evidence["ecosystem"], f]));
    assert.deepEqual([...byKey.keys()].sort(), ["docker", "github-actions"]);
    const docker = byKey.get("docker");
    assert.equal(docker?.message, ".github/dependabot.yml has no updates entry for docker (Dockerfile)");
    assert.deepEqual(docker?.locations, [{ path: ".github/dependabot.yml", startLine: 3, startColumn: 1 }]);
    assert.deepEqual(docker?.evidence, { ecosystem: "docker", manifests: ["Dockerfile"], uncoveredCount: 1, hasEntry: false });
    assert.equal(docker?.fix, '- package-ecosystem: "docker"\n  directories: ["/"]\n  schedule:\n    interval: "weekly"\n  cooldown:\n    default-days: 7');
    assert.equal(byKey.get("github-actions")?.message, ".github/dependabot.yml has no updates entry for github-actions (.github/workflows/ci.yml)");
  });

  it("is not applicable without Dependabot or Renovate", async () => {
    const { outcome } = await runRule(rule, tmpDir({ "go.mod": GO_MOD }));
    assert.equal(outcome, "not-applicable");
  });

  it("is incomplete, never passed, on a malformed dependabot.yml (one diagnostic, with its position)", async () => {
    const { outcome, assessment } = await runRule(rule, tmpDir({ "go.mod": GO_MOD, ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: [gomod\n" }));
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules[0]?.reason ?? "", /\.github\/dependabot\.yml:\d+:\d+ could not be parsed/);
    assert.equal(assessment.diagnostics.filter((d) => d.code === "parse-error" && d.path === ".github/dependabot.yml").length, 1);
  });

  it("names the folders an ecosystem's entries miss", async () => {
    const files = { "go.mod": GO_MOD, "tools/go.mod": GO_MOD, "cmd/x/main.go": "package main\n" };
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: gomod\ndirectory: "/"') }), [
      ".github/dependabot.yml's gomod entries do not cover tools/go.mod",
    ]);
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: "gomod"\ndirectories: ["/", "/tools/"]') }), []);
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: gomod\ndirectories: ["/**"]') }), []);
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: gomod\ndirectory: "./"', "package-ecosystem: gomod\ndirectory: tools") }), []);
  });

  it("treats a workspace root as covering its members, but not an unrelated nested project", async () => {
    const base = {
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"], devDependencies: { typescript: "5" } }),
      "packages/a/package.json": JSON.stringify({ name: "a", dependencies: { zod: "3" } }),
      ".github/dependabot.yml": dependabot('package-ecosystem: npm\ndirectory: "/"'),
    };
    assert.deepEqual(await messages(base), []);
    const noWorkspaces = { ...base, "package.json": JSON.stringify({ devDependencies: { typescript: "5" } }) };
    assert.deepEqual(await messages(noWorkspaces), [".github/dependabot.yml's npm entries do not cover packages/a/package.json"]);
    const cargo = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
      "crates/core/Cargo.toml": '[package]\nname = "core"\n[dependencies]\nserde = "1"\n',
      ".github/dependabot.yml": dependabot('package-ecosystem: cargo\ndirectory: "/"'),
    };
    assert.deepEqual(await messages(cargo), []);
  });

  it("leaves out manifests that hold no dependencies and folders that are not the project's own", async () => {
    assert.deepEqual(
      await messages({
        ".github/dependabot.yml": dependabot('package-ecosystem: pip\ndirectory: "/"'),
        "requirements.txt": "requests==2.32.0\n",
        "requirements/dev.txt": "pytest\n",
        "dist/esm/package.json": '{ "type": "module" }\n',
        "tools/pyproject.toml": "[tool.black]\nline-length = 100\n",
        "vendor/lib/go.mod": GO_MOD,
        "node_modules/x/package.json": JSON.stringify({ dependencies: { y: "1" } }),
        "examples/web/Dockerfile": "FROM nginx\n",
        "tests/e2e/Gemfile": "gem 'capybara'\n",
        ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/base\n",
      }),
      [],
    );
  });

  it("accepts uv entries for Python projects and bun entries for package.json", async () => {
    assert.deepEqual(
      await messages({
        ".github/dependabot.yml": dependabot('package-ecosystem: uv\ndirectory: "/"', 'package-ecosystem: bun\ndirectory: "/"'),
        "pyproject.toml": '[project]\nname = "x"\ndependencies = ["httpx"]\n',
        "uv.lock": "version = 1\n",
        "package.json": JSON.stringify({ dependencies: { hono: "4" } }),
      }),
      [],
    );
  });

  it("counts a pip entry for a requirements folder itself, as Dependabot reads the .txt files there", async () => {
    const files = { "requirements/build.txt": "meson-python==0.16\n", "requirements/test.txt": "pytest==8.3\n", "docs/requirements/docs.txt": "sphinx==8\n" };
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: pip\ndirectories: ["/requirements", "/docs/requirements"]') }), []);
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: pip\ndirectories: ["/", "/docs"]') }), []);
    assert.deepEqual(await messages({ ...files, ".github/dependabot.yml": dependabot('package-ecosystem: pip\ndirectory: "/requirements"') }), [".github/dependabot.yml's pip entries do not cover docs/requirements/docs.txt"]);
  });

  it("asks for a Swift entry only when Package.swift depends on packages", async () => {
    const actions = { ".github/dependabot.yml": dependabot('package-ecosystem: github-actions\ndirectory: "/"'), ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" };
    const library = '// swift-tools-version:5.9\nimport PackageDescription\n\nlet package = Package(\n    name: "zlibwrap",\n    products: [.library(name: "zlibwrap", targets: ["zlibwrap"])],\n    targets: [.target(name: "zlibwrap", path: "lib")]\n)\n';
    assert.deepEqual(await messages({ ...actions, "Package.swift": library }), []);
    const withDeps = library.replace('    targets:', '    dependencies: [\n        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),\n    ],\n    targets:');
    assert.deepEqual(await messages({ ...actions, "Package.swift": withDeps }), [".github/dependabot.yml has no updates entry for swift (Package.swift)"]);
  });

  it("counts Renovate as covering everything unless enabledManagers restricts it", async () => {
    const base = { "go.mod": GO_MOD, Dockerfile: "FROM golang:1.22\n" };
    assert.deepEqual(await messages({ ...base, "renovate.json": '{ "extends": ["config:recommended"] }' }), []);
    // JSON5 (bare names, single quotes) is read as Renovate reads it; one that cannot be parsed keeps Renovate's defaults.
    const json5 = await runRule(rule, tmpDir({ ...base, "renovate.json5": "{\n  // pinned managers only\n  enabledManagers: ['gomod'],\n}\n" }));
    assert.deepEqual(json5.findings.map((f) => [f.message, f.locations]), [["renovate.json5 limits enabledManagers, which leaves out docker (Dockerfile)", [{ path: "renovate.json5", startLine: 3, startColumn: 3 }]]]);
    assert.deepEqual(await messages({ ...base, "renovate.json5": "{\n  enabledManagers: ['gomod'\n" }), []);
    const { findings } = await runRule(rule, tmpDir({ ...base, "renovate.json": '{\n  "extends": ["config:recommended"],\n  "enabledManagers": ["gomod"]\n}\n' }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "renovate.json limits enabledManagers, which leaves out docker (Dockerfile)");
    assert.deepEqual(findings[0]?.locations, [{ path: "renovate.json", startLine: 3, startColumn: 3 }]);
    const off = await messages({ ...base, ".github/renovate.json": '{ "enabled": false }' });
    assert.deepEqual(off, [
      '.github/renovate.json sets "enabled": false, so Renovate does not update docker (Dockerfile)',
      '.github/renovate.json sets "enabled": false, so Renovate does not update gomod (go.mod)',
    ]);
  });

  it("is satisfied when either Dependabot or Renovate covers an ecosystem", async () => {
    assert.deepEqual(
      await messages({
        "go.mod": GO_MOD,
        Dockerfile: "FROM golang:1.22\n",
        ".github/dependabot.yml": dependabot('package-ecosystem: gomod\ndirectory: "/"'),
        "renovate.json": '{ "enabledManagers": ["dockerfile"] }',
      }),
      [],
    );
  });

  it("lists at most three manifests in the message and all of them (up to 20) in the evidence", async () => {
    const files: Record<string, string> = { ".github/dependabot.yml": dependabot('package-ecosystem: docker\ndirectory: "/"') };
    for (const s of ["api", "web", "worker", "cron", "mail"]) files[`services/${s}/Dockerfile`] = "FROM alpine:3.20\n";
    const { findings } = await runRule(rule, tmpDir(files));
    assert.equal(findings[0]?.message, ".github/dependabot.yml's docker entries do not cover services/api/Dockerfile, services/cron/Dockerfile, services/mail/Dockerfile and 2 more");
    assert.equal(findings[0]?.evidence["uncoveredCount"], 5);
    assert.equal(findings[0]?.evidence["hasEntry"], true);
    files[".github/dependabot.yml"] = dependabot('package-ecosystem: docker\ndirectories: ["/services/*"]');
    assert.deepEqual((await runRule(rule, tmpDir(files))).findings, []);
  });

  it("does not take dockerfile.go, code about Dockerfiles, for a Dockerfile", async () => {
    const r = await runRule(rule, fixtureDir(rule.meta.id, "dockerfile-go"));
    assert.deepEqual(r.findings.map((f) => f.message), []);
    assert.equal(r.outcome, "pass");
  });
  it("counts a manifest behind a symbolic link inside the checkout at the link's folder", async () => {
    const dir = tmpDir({ "shared/go.mod.txt": GO_MOD, ".github/dependabot.yml": dependabot('package-ecosystem: "github-actions"\ndirectory: "/"') });
    symlinkSync("shared/go.mod.txt", join(dir, "go.mod"));
    const { findings } = await runRule(rule, dir);
    assert.deepEqual(findings.map((f) => f.evidence["ecosystem"]), ["gomod"]);
  });
});

