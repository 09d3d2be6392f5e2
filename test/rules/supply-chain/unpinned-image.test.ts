import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../../../src/core/apply-edits.js";
import { rule } from "../../../src/rules/supply-chain/unpinned-image.js";
import { rmSync } from "node:fs";
import { after } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { rule as mutableBase } from "../../../src/rules/deploy/dockerfile-mutable-base-image.js";
import { FIXTURE_NOW, fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = ruleRunner(rule);
const D = "sha256:" + "1".repeat(64);

describe("supply-chain/unpinned-image", () => {
  it("reports each unpinned FROM and devcontainer image at the image, with ARG defaults resolved", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["image"]]), [
      [".devcontainer/devcontainer.json", 4, 3, "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm"],
      ["Dockerfile", 3, 32, "node:20-alpine"],
      ["Dockerfile", 10, 5, "ghcr.io/astral-sh/uv:0.5.1"],
    ]);
    assert.equal(findings[1]!.message, "FROM node:${NODE_VERSION}-alpine (node:20-alpine) is not pinned by digest");
    assert.match(findings[1]!.fix ?? "", /^node:20-alpine@sha256:<digest> {3}\(get the digest: docker buildx imagetools inspect node:20-alpine\)$/);
    assert.equal(findings[1]!.snippet, "FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine");
  });

  it("leaves :latest and untagged bases to deploy/dockerfile-mutable-base-image: one finding per line, both under Pinned-Dependencies", async () => {
    const dir = tmpDir({ Dockerfile: "FROM nginx\nFROM node:20 AS build\nFROM node:latest\nFROM alpine:3.20@" + D + "\n", ".devcontainer/devcontainer.json": '{ "image": "node" }\n' });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule, mutableBase], now: FIXTURE_NOW });
    const byLine = a.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.ruleId]);
    assert.deepEqual(byLine, [
      [".devcontainer/devcontainer.json", 1, "supply-chain/unpinned-image"],
      ["Dockerfile", 1, "deploy/dockerfile-mutable-base-image"],
      ["Dockerfile", 2, "supply-chain/unpinned-image"],
      ["Dockerfile", 3, "deploy/dockerfile-mutable-base-image"],
    ]);
    assert.equal(mutableBase.meta.check, rule.meta.check);
    // Each rule counts the images it judges, so the pinned share counts every base once: 1 of 4 pinned. The
    // devcontainer's image is shown beside the score (Scorecard counts only Dockerfile bases).
    const counted = (id: string) => a.rules.find((r) => r.id === id)?.dependencies;
    assert.deepEqual([counted(rule.meta.id), counted(mutableBase.meta.id)], [{ "container-image": 2, "other-image": 1 }, { "container-image": 2 }]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [2, "pinned: 1/4 Dockerfile base images; not weighed, as Scorecard does not count them: 0/1 other container images (CI jobs and services, dev containers, COPY --from, vendored, test-data and template Dockerfiles, Containerfiles)"]);
  });

  it("counts a stage built FROM an earlier stage as Scorecard does: pinned as that stage's image is, with no finding of its own", async () => {
    const dir = tmpDir({ Dockerfile: `FROM node:20 AS base\nFROM base AS deps\nFROM base AS runner\nFROM alpine:3.20@${D} AS tools\nFROM tools\n` });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => f.locations[0]?.startLine), [1], "the floating image is reported once, where it is named");
    assert.deepEqual([a.rules[0]?.dependencies, a.rules[0]?.inherited], [{ "container-image": 5 }, { "container-image": 2 }]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    // node:20, deps and runner float; alpine and tools are pinned: 2/5.
    assert.deepEqual([check?.score, check?.reason], [4, "pinned: 2/5 Dockerfile base images"]);
  });

  it("shows the bases of vendored Dockerfiles beside the score without weighing them, as Scorecard skips vendor/ and third_party/", async () => {
    const dir = tmpDir({ Dockerfile: "FROM alpine:3.20@" + D + "\n", "vendor/github.com/x/y/Dockerfile": "FROM golang:1.22\nFROM debian\n", "third_party/z/Dockerfile": "RUN curl -fsSL https://example.com/i.sh | sh\n" });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule, mutableBase], now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => [f.locations[0]?.path, f.dependency]), [["vendor/github.com/x/y/Dockerfile", "other-image"], ["vendor/github.com/x/y/Dockerfile", "other-image"]]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason.split(";")[0]], [10, "pinned: 1/1 Dockerfile base images"]);
  });

  it("shows the bases of test-data, template Dockerfiles and Containerfiles beside the score, as Scorecard reads none of them", async () => {
    const dir = tmpDir({
      Dockerfile: "FROM alpine:3.20@" + D + "\n",
      "testdata/Dockerfile": "FROM golang:1.22\n",
      "pkg/lint/testdata/bad/Dockerfile": "FROM node\n",
      "src/test/resources/Dockerfile": "FROM postgres:16\n",
      "Containerfile": "FROM fedora:40\n",
      "docker/Dockerfile.template": "FROM python:3.12\n",
      "docker/app.tmpl.Dockerfile": "FROM ruby:3.3\n",
      "docker/templates.Dockerfile": "FROM rust:1.80\n",
    });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule, mutableBase], now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => [f.locations[0]?.path, f.dependency]), [
      ["Containerfile", "other-image"],
      ["docker/app.tmpl.Dockerfile", "other-image"],
      ["docker/templates.Dockerfile", "container-image"],
      ["pkg/lint/testdata/bad/Dockerfile", "other-image"],
      ["src/test/resources/Dockerfile", "other-image"],
      ["testdata/Dockerfile", "other-image"],
    ]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    // alpine is pinned, rust (a name with "templates", not "template") floats: 1/2.
    assert.deepEqual([check?.score, check?.reason.split(";")[0]], [5, "pinned: 1/2 Dockerfile base images"]);
  });

  it("counts a base chosen by a build argument with no default as Scorecard does, unpinned unless a digest is written, with no finding", async () => {
    const df = `ARG BASE\nARG DIGEST\nFROM \${BASE} AS build\nFROM build AS test\nFROM node@sha256:\${DIGEST}\nFROM alpine:3.20@${D}\nFROM python:{{ cookiecutter.python }}-slim\n`;
    const dir = tmpDir({ Dockerfile: df });
    dirs.push(dir);
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW });
    assert.deepEqual(a.findings, []);
    // ${BASE} and the stage built on it float; the digest variable and alpine count as pinned; the template's placeholder is not counted.
    assert.deepEqual([a.rules[0]?.dependencies, a.rules[0]?.inherited], [{ "container-image": 4 }, { "container-image": 2 }]);
    const check = a.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [5, "pinned: 2/4 Dockerfile base images"]);
  });

  it("reports an image COPY --from pulls without a digest, and not an earlier stage", async () => {
    const df = `FROM python:3.12-slim@${D} AS base\nFROM scratch\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\nCOPY --from=base /a /b\nCOPY --from=0 /c /d\nCOPY --from=ghcr.io/astral-sh/uv:0.5.1@${D} /uvx /bin/uvx\n`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["image"], f.message]), [[3, "ghcr.io/astral-sh/uv:latest", "COPY --from=ghcr.io/astral-sh/uv:latest is not pinned by digest"]]);
  });

  it("reports an image ONBUILD COPY --from pulls in every child build, not a name that may be the child's stage", async () => {
    const df = `FROM python:3.12-slim@${D}\nONBUILD COPY --from=ghcr.io/astral-sh/uv:0.5.1 /uv /bin/uv\nONBUILD COPY --from=builder /app /app\nONBUILD COPY --from=\${TOOLS_IMAGE} /t /t\nONBUILD COPY --from=docker.io/library/busybox:1.36@${D} /bin/sh /bin/sh\n`;
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["image"], f.message]), [[2, "ghcr.io/astral-sh/uv:0.5.1", "ONBUILD COPY --from=ghcr.io/astral-sh/uv:0.5.1 is not pinned by digest"]]);
  });

  it("reports an image a RUN bind or cache mount starts from without a digest, and not a stage, a pinned image or another mount", async () => {
    const df = [
      `FROM python:3.12-slim@${D} AS build`,
      "RUN --mount=type=bind,from=alpine:3.20,target=/x true",
      "RUN --mount=from=ghcr.io/astral-sh/uv:0.5.1,source=/uv,target=/bin/uv uv sync",
      "RUN --mount=type=cache,target=/root/.cache,from=docker.io/library/busybox:1.36 true",
      'RUN --mount=type=bind,"from=nginx:1.27",target=/n true',
      `FROM python:3.12-slim@${D}`,
      "RUN --mount=type=bind,from=build,source=/app,target=/app --mount=type=cache,target=/root/.cache/pip pip --version",
      `RUN --mount=type=bind,from=alpine:3.20@${D},target=/y --mount=type=secret,id=npmrc true`,
      "ONBUILD RUN --mount=type=bind,from=ghcr.io/o/tools:1,target=/t true",
      "ONBUILD RUN --mount=type=bind,from=builder,target=/t true",
      "",
    ].join("\n");
    const { findings } = await run({ Dockerfile: df });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["image"], f.dependency]), [
      [2, "alpine:3.20", "other-image"],
      [3, "ghcr.io/astral-sh/uv:0.5.1", "other-image"],
      [4, "busybox:1.36", "other-image"],
      [5, "nginx:1.27", "other-image"],
      [9, "ghcr.io/o/tools:1", "other-image"],
    ]);
    assert.equal(findings[1]!.message, "RUN --mount=…from=ghcr.io/astral-sh/uv:0.5.1 is not pinned by digest");
    assert.equal(findings[1]!.fix, "ghcr.io/astral-sh/uv:0.5.1@sha256:<digest>   (get the digest: docker buildx imagetools inspect ghcr.io/astral-sh/uv:0.5.1)");
    // The same tag pinned on another line of the repository: the fix is known.
    assert.equal(findings[0]!.fix, `alpine:3.20@${D}`);
  });

  it("leaves stage aliases, scratch, digests and images chosen by an ARG without a default alone", async () => {
    const { findings, outcome } = await run({
      Dockerfile: `ARG BASE\nFROM golang:1.22@${D} AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /a\nFROM \${BASE}\n`,
    });
    assert.deepEqual(findings.map((f) => f.message), []);
    assert.equal(outcome, "pass");
  });

  it("reports a custom # syntax= frontend without a digest (the build runs its code), not Docker's own docker/dockerfile", async () => {
    const { findings } = await run({
      "a/Dockerfile": `# syntax=registry.example.org/tools/frontend:1.2\nFROM alpine:3.20@${D}\n`,
      "b/Dockerfile": `# syntax=docker/dockerfile:1\nFROM alpine:3.20@${D}\n`,
      "c/Dockerfile": `# syntax=registry.example.org/tools/frontend:1.2@${D}\nFROM alpine:3.20@${D}\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.message]), [["a/Dockerfile", 1, "# syntax=registry.example.org/tools/frontend:1.2 (a BuildKit frontend whose code the build runs) is not pinned by digest"]]);
  });

  it("reports the tag a build passing no build argument uses, when the argument is only a registry prefix", async () => {
    const { findings } = await run({ Dockerfile: "ARG MIRROR\nFROM ${MIRROR}alpine:3.20\n" });
    assert.deepEqual(findings.map((f) => f.message), ["FROM ${MIRROR}alpine:3.20 (alpine:3.20 when the build passes no MIRROR) is not pinned by digest"]);
  });

  it("offers the digest the repository already uses for the same tag, as an edit assay fix applies", async () => {
    const text = "FROM alpine:3.20\nRUN true\n";
    const { findings } = await run({ "a/Dockerfile": text, "b/Containerfile": `FROM alpine:3.20@${D}\n` });
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.fix, `alpine:3.20@${D}`);
    assert.match(f.message, /the repository pins alpine:3\.20 to sha256:111111111111…/);
    assert.equal(applyEdits(text, f.edits ?? []).text, `FROM alpine:3.20@${D}\nRUN true\n`);
  });

  it("applies no digest when the repository pins one tag to two digests", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\n", "x.Dockerfile": `FROM alpine:3.20@${D}\n`, "y.Dockerfile": `FROM alpine:3.20@sha256:${"2".repeat(64)}\n` });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.edits, undefined);
  });

  it("adds the digest to a devcontainer image too", async () => {
    const json = '{\n  "image": "alpine:3.20"\n}\n';
    const { findings } = await run({ ".devcontainer/devcontainer.json": json, Dockerfile: `FROM alpine:3.20@${D}\n` });
    assert.equal(findings.length, 1);
    assert.equal(applyEdits(json, findings[0]!.edits ?? []).text, `{\n  "image": "alpine:3.20@${D}"\n}\n`);
  });

  it("makes the check incomplete for a Dockerfile it cannot parse, naming the position", async () => {
    const { outcome, assessment } = await run({ Dockerfile: "FROM alpine@" + D + "\nFORM x\n" });
    assert.equal(outcome, "incomplete");
    assert.ok(assessment.diagnostics.some((d) => d.code === "parse-error" && d.line === 2 && d.column === 1));
  });

  it("is not applicable without Dockerfiles or dev containers", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
  });
});
