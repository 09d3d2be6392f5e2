import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/proc-mount.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/proc-mount", () => {
  it("reports Unmasked and accepts Default", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            procMount: Unmasked\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            procMount: Default\n" }),
      "compose.yml": "services:\n  a:\n    image: x:1\n    security_opt:\n      - systempaths=unconfined\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path).sort(), ["a.yaml", "compose.yml"]);
  });
});
