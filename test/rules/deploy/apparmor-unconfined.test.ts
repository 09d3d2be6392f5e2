import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/apparmor-unconfined.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/apparmor-unconfined", () => {
  it("reports Unconfined in the field and leaves an unset profile (the runtime default) alone", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            appArmorProfile:\n              type: Unconfined\n" }),
      "b.yaml": deployment({ name: "b" }),
      "c.yaml": deployment({ name: "c", podSc: "        appArmorProfile:\n          type: RuntimeDefault\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["a.yaml", 29]]);
  });

  it("reports Compose apparmor:unconfined", async () => {
    const { findings } = await run({ "compose.yml": "services:\n  a:\n    image: x:1\n    security_opt:\n      - apparmor=unconfined\n" });
    assert.equal(findings.length, 1);
  });
});
