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
});
