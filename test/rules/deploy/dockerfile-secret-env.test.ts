import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/dockerfile-secret-env.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

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
});
