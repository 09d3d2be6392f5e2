import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-mutable-base-image.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/dockerfile-mutable-base-image", () => {
  it("resolves ARG defaults, skips stage references and scratch, and points at the image", async () => {
    const { findings } = await run({ "Containerfile": "ARG BASE=alpine\nFROM ${BASE} AS base\nFROM base\nFROM scratch\nFROM --platform=$BUILDPLATFORM golang:1.23 AS build\n" });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine, f.locations[0]?.startColumn]), [["FROM ${BASE} has no tag, so it builds on whatever :latest is (resolves to alpine) [CN8-5]", 2, 6]]);
  });

  it("has no default base to judge when the image or its tag is a build argument without a default, and says so", async () => {
    for (const text of ["ARG BASE\nFROM $BASE\n", "ARG BASH\nFROM bash:$BASH\nCMD [\"bash\"]\n"]) {
      const { findings, outcome, assessment } = await run({ Dockerfile: text });
      assert.deepEqual(findings, []);
      assert.equal(outcome, "pass", text);
      assert.match(assessment.rules[0]?.evidence?.[0]?.message ?? "", /takes its base from build argument (BASE|BASH), which has no default: whoever builds it names the image/);
    }
    // A default that is itself :latest is still judged.
    assert.equal((await run({ Dockerfile: "ARG TAG=latest\nFROM bash:$TAG\n" })).findings.length, 1);
  });

  it("has no base to judge in a template's placeholder (cookiecutter), and says so instead of leaving the check incomplete", async () => {
    const { findings, outcome, assessment } = await run({ "{{cookiecutter.slug}}/Dockerfile": "FROM python:{{ cookiecutter.python_version }}-slim AS base\n{% if cookiecutter.celery %}\nRUN pip install celery==5.4.0\n{% endif %}\nFROM base\n" });
    assert.deepEqual([findings, outcome], [[], "pass"]);
    assert.match(assessment.rules[0]?.evidence?.[0]?.message ?? "", /is a template's placeholder: the file is rendered before any build/);
    // Text that is neither an image nor a placeholder is still unknown.
    assert.equal((await run({ Dockerfile: "FROM Alpine:3.20\n" })).outcome, "incomplete");
  });

  it("judges the image a build that passes no build argument uses, when an empty one still names an image (a registry mirror prefix)", async () => {
    // BuildKit substitutes an ARG without a value as empty: `docker build .` builds on node:latest.
    const { findings } = await run({ Dockerfile: "ARG REGISTRY\nFROM ${REGISTRY}node:latest\nUSER 10001\n" });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [["FROM ${REGISTRY}node:latest builds on :latest (resolves to node:latest when the build passes no REGISTRY) [CN8-5]", 2]]);
  });
});
