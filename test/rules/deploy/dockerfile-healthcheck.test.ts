import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-healthcheck.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/dockerfile-healthcheck", () => {
  it("judges only images that expose a port, and accepts HEALTHCHECK NONE", async () => {
    const { findings } = await run({
      "cli/Dockerfile": "FROM alpine:3.20\nENTRYPOINT [\"/tool\"]\n",
      "svc/Dockerfile": "FROM alpine:3.20\nEXPOSE 8080\nHEALTHCHECK NONE\n",
      "web/Dockerfile": "FROM alpine:3.20\nEXPOSE 8080\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["web/Dockerfile", "low"]]);
  });

  it("says that a base image may pass on a HEALTHCHECK of its own, which is not known offline", async () => {
    const { findings } = await run({
      "own/Dockerfile": "FROM registry.example.com/platform/service-base:1.4 AS base\nFROM base\nCOPY app /app\nEXPOSE 8080\n",
      "arg/Dockerfile": "ARG BASE\nFROM ${BASE}\nEXPOSE 8080\n",
      // Docker's official images define none.
      "official/Dockerfile": "FROM python:3.12-slim\nEXPOSE 8000\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.message]).sort(), [
      ["arg/Dockerfile", "the final stage exposes a port but has no HEALTHCHECK [CN8-8]"],
      ["official/Dockerfile", "the final stage exposes a port but has no HEALTHCHECK [CN8-8]"],
      ["own/Dockerfile", "the final stage exposes a port but has no HEALTHCHECK (unless registry.example.com/platform/service-base:1.4 defines one, which it passes on) [CN8-8]"],
    ]);
  });

  it("leaves images with no shell alone: scratch, distroless and static bases, followed through stages", async () => {
    const { findings } = await run({
      "scratch/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nEXPOSE 8080\nENTRYPOINT [\"/app\"]\n",
      "distroless/Dockerfile": "FROM gcr.io/distroless/base-debian12:nonroot\nCOPY app /app\nEXPOSE 8080\n",
      "static/Dockerfile": "FROM cgr.dev/chainguard/static:latest AS base\nFROM base\nCOPY app /app\nEXPOSE 8080\n",
      "suffix/Dockerfile": "FROM registry.example.com/platform/base-static:1.2\nCOPY app /app\nEXPOSE 8080\n",
      "debug/Dockerfile": "FROM gcr.io/distroless/static-debian12:debug\nCOPY app /app\nEXPOSE 8080\n",
      "builder-only/Dockerfile": "FROM scratch AS assets\nCOPY web /web\nFROM alpine:3.20\nCOPY --from=assets /web /web\nEXPOSE 80\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["builder-only/Dockerfile", "debug/Dockerfile"]);
  });
});
