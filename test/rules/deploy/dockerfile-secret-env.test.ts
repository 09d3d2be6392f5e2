import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-secret-env.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
// Generated at run time: no credential-shaped string is committed.
const stripeTestKey = `sk_test_${tokens(31)("«b62:24»")}`;

describe("deploy/dockerfile-secret-env", () => {
  it("reports a literal ENV credential as high and a build-argument credential as medium", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]).sort(), [[2, "medium"], [3, "high"]]);
    assert.ok(!JSON.stringify(findings).includes("sk_live"), "the value stays out of the report");
  });

  it("reads the legacy `ENV NAME value` form and several pairs on one line", async () => {
    const { findings } = await run({ Dockerfile: 'FROM alpine:3.20\nENV DB_PASSWORD hunter2\nENV A=1 SECRET_KEY="abc def" PASSWORD_FILE=/run/secrets/p\n' });
    assert.deepEqual(findings.map((f) => f.message.split(" ").slice(0, 2).join(" ")).sort(), ["ENV DB_PASSWORD", "ENV SECRET_KEY"]);
  });

  it("lowers a credential ARG before the first FROM, which only FROM lines read, and reports it again where a stage redeclares it", async () => {
    const { findings } = await run({ Dockerfile: "ARG GITHUB_TOKEN\nARG BASE=alpine:3.20\nFROM ${BASE}\nARG GITHUB_TOKEN\nRUN echo building\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[1, "low"], [4, "medium"]]);
    assert.match(findings[0]?.message ?? "", /before the first FROM, where only FROM lines can use it/);
  });

  it("reads ONBUILD ENV and ARG, whose text the image's configuration keeps", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\nONBUILD ENV DB_PASSWORD=hunter2\nONBUILD ARG NPM_TOKEN\nONBUILD ENV LOG_LEVEL=info\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.message.split(" ").slice(0, 3).join(" ")]), [
      [2, "high", "ONBUILD ENV DB_PASSWORD"],
      [3, "medium", "ONBUILD ARG NPM_TOKEN"],
    ]);
  });

  it("lowers a credential argument of a build stage the image does not ship, but not a literal", async () => {
    const { findings } = await run({
      Dockerfile: `FROM node:22 AS build\nARG NPM_TOKEN\nENV API_KEY=${stripeTestKey}\nRUN npm ci\nFROM node:22 AS base\nARG GITHUB_TOKEN\nFROM base\nCOPY --from=build /app /app\n`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]).sort(), [[2, "low"], [3, "high"], [6, "medium"]]);
  });

  it("does not report an ENV whose literal value is a setting, not a credential, under a credential-like name", async () => {
    const { findings } = await run({
      Dockerfile: "FROM mysql:8.4\nENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_RANDOM_ROOT_PASSWORD=yes\nENV ENABLE_AUTH_TOKEN=true\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\nARG API_KEY\nENV API_KEY=${API_KEY}\n",
    });
    // The build argument and the ENV that keeps its value in the image; nothing else.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message.split(" ").slice(0, 2).join(" ")]), [[5, "ARG API_KEY"], [6, "ENV API_KEY"]]);
  });

  it("reports a credential file the image gets from the build context, as the application's key path names it", async () => {
    const { findings } = await run({
      "copied/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/service-account.json\nUSER 1000\n",
      // Mounted at run time: nothing the build copies is there.
      "mounted/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY src/ ./src/\nENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json\n",
      // Only app.py is copied there.
      "one-file/Dockerfile": "FROM python:3.12-slim\nCOPY app.py /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json\n",
      // Copied in a build stage the image does not ship.
      "builder/Dockerfile": "FROM python:3.12-slim AS build\nCOPY . /src\nFROM python:3.12-slim\nENV GOOGLE_APPLICATION_CREDENTIALS=/src/key.json\n",
      // .dockerignore keeps it out of the context (a relative path joins WORKDIR; it is a file name, not a credential).
      "ignored/Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=keys/sa.json\n",
      "ignored/.dockerignore": "# secrets\n**/*.json\n!package.json\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]), [["copied/Dockerfile", 4, "medium"]]);
    assert.match(findings[0]?.message ?? "", /points at \/app\/service-account\.json, inside what `COPY \. \.` \(line 3\) copies from the build context/);
  });

  it("reads a file path under a credential's name as a path, not as the credential", async () => {
    const { findings } = await run({ Dockerfile: "FROM alpine:3.20\nENV TLS_PRIVATE_KEY=certs/server.key\nENV APP_CREDENTIALS=./config/credentials.yaml\nENV DB_PASSWORD=hunter2.prod\n" });
    assert.deepEqual(findings.map((f) => f.message.split(" ").slice(0, 2).join(" ")), ["ENV DB_PASSWORD"]);
  });

  it("does not report an ENV that only declares a credential variable with an empty value", async () => {
    const { findings } = await run({ Dockerfile: 'FROM alpine:3.20\nENV BOT_TOKEN=""\nENV API_KEY=\nARG NPM_TOKEN=""\n' });
    assert.deepEqual(findings.map((f) => f.message.split(" ").slice(0, 2).join(" ")), ["ARG NPM_TOKEN"]);
  });
});
