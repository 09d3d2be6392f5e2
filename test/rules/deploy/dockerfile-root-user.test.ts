import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-root-user.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/dockerfile-root-user", () => {
  it("judges only the final stage, following stage references", async () => {
    const { findings } = await run({
      "a/Dockerfile": "FROM alpine:3.20 AS base\nUSER 1000\nFROM base\nRUN true\n",
      "b/Dockerfile": "FROM golang:1.23 AS build\nRUN go build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n",
      "d/Dockerfile": "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -o /out\nFROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nCOPY --from=build /out /app\n",
      "e/Dockerfile": "FROM cgr.dev/chainguard/static:latest\nCOPY app /app\n",
      "c/Dockerfile": "FROM alpine:3.20\nUSER app\nUSER root\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]), [["c/Dockerfile", 3, "high"]]);
  });

  it("says why a distroless :nonroot base with no USER passes, and that a base named by a build argument is the caller's", async () => {
    const { findings, outcome, assessment } = await run({
      Dockerfile: "FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
    });
    assert.deepEqual([findings, outcome], [[], "pass"]);
    assert.match(assessment.rules[0]?.evidence?.[0]?.message ?? "", /sets no USER and runs as the user gcr\.io\/distroless\/static-debian12:nonroot sets: its publisher documents it as non-root/);
    const arg = await run({ Dockerfile: "ARG BASE\nFROM ${BASE}\nCOPY app /app\n" });
    assert.deepEqual(arg.findings.map((f) => f.message), ["the final stage sets no USER, so the image runs as root unless ${BASE} sets one (build argument BASE has no default: the build names the image) [CN8-7]"]);
  });

  it("reads a USER variable that the stage's parent set with ENV (inherited), and one an ARG defaults", async () => {
    const { findings } = await run({
      "env/Dockerfile": "FROM debian:12 AS base\nENV RUN_AS=root\nFROM base\nCOPY app /app\nUSER ${RUN_AS}\n",
      "arg/Dockerfile": "FROM debian:12\nARG UID=10001\nUSER ${UID}\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.message]), [["env/Dockerfile", "the final stage switches to USER root, so the image runs as root [CN8-7]"]]);
  });

  it("leaves Windows images alone: they have no root user, and runAsNonRoot does not apply to them", async () => {
    const { findings } = await run({
      "win/Dockerfile": "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022\nCOPY . /inetpub/wwwroot\n",
      "nano/Dockerfile": "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe /app/\n",
      // .NET Framework images exist for Windows only; their tags need not say so.
      "fx/Dockerfile": "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build\nRUN msbuild\nFROM mcr.microsoft.com/dotnet/framework/aspnet:4.8\nCOPY --from=build /app /inetpub/wwwroot\n",
      "hub-fx/Dockerfile": "FROM microsoft/dotnet-framework:4.7.1\nCOPY out /app\nENTRYPOINT [\"app.exe\"]\n",
      "core/Dockerfile": "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\n",
      "linux/Dockerfile": "FROM debian:bookworm-slim\nCOPY app /app\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["core/Dockerfile", "linux/Dockerfile"]);
  });

  it("leaves a scratch image of nothing but files alone (a bundle), but not one meant to run", async () => {
    const { findings } = await run({
      "bundle/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /tool\nFROM scratch\nCOPY --from=build /tool /usr/local/bin/tool\n",
      "server/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
      "on-path/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /bin/tool\nFROM scratch\nCOPY --from=build /bin/tool /bin/tool\nENV PATH=/bin\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["on-path/Dockerfile", 3], ["server/Dockerfile", 3]]);
  });

  it("judges a development container's image, which no one deploys, at low confidence", async () => {
    const { findings } = await run({
      ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/base:bookworm\nRUN apt-get update\n",
      "Dockerfile": "FROM debian:bookworm-slim\nCOPY app /app\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.confidence]).sort(), [[".devcontainer/Dockerfile", "low"], ["Dockerfile", "high"]]);
  });

  it("reports ONBUILD USER root in a non-root image: children built FROM it run as root unless they set USER", async () => {
    const { findings } = await run({
      "base/Dockerfile": "FROM node:22-bookworm\nUSER node\nONBUILD USER root\nONBUILD COPY . /app\n",
      "zero/Dockerfile": "FROM gcr.io/distroless/static-debian12:nonroot\nONBUILD USER 0\n",
      // Root for the triggers' own work, then back: children start as app.
      "back/Dockerfile": "FROM node:22-bookworm\nUSER node\nONBUILD USER root\nONBUILD RUN npm ci\nONBUILD USER node\n",
      // Already reported as running as root: the trigger changes nothing.
      "root/Dockerfile": "FROM debian:bookworm-slim\nONBUILD USER root\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]).sort(), [
      ["base/Dockerfile", 3, "medium"],
      ["root/Dockerfile", 1, "medium"],
      ["zero/Dockerfile", 2, "medium"],
    ]);
    assert.match(findings.find((f) => f.locations[0]?.path === "base/Dockerfile")?.message ?? "", /ONBUILD USER root switches every image built FROM this one to root/);
  });
});
