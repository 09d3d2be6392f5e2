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

  it("is incomplete when the base image is a variable without a default", async () => {
    const { findings, outcome } = await run({ Dockerfile: "ARG BASE\nFROM $BASE\n" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
  });
});
