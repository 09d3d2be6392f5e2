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

  it("says which containers a pod's Unconfined reaches, and only that admission refuses it when every container sets its own", async () => {
    const pod = "        appArmorProfile:\n          type: Unconfined\n";
    const own = "            appArmorProfile:\n              type: RuntimeDefault\n";
    const { findings } = await run({
      "all.yaml": deployment({ name: "all", podSc: pod }),
      "none.yaml": deployment({ name: "none", podSc: pod, containerSc: own }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["all.yaml", "high"], ["none.yaml", "low"]]);
    assert.match(findings[0]?.message ?? "", /runs every container without AppArmor/);
    assert.match(findings[1]?.message ?? "", /every container sets its own profile today, but Pod Security admission \(baseline\) refuses the pod/);
  });

  it("reports Compose apparmor:unconfined", async () => {
    const { findings } = await run({ "compose.yml": "services:\n  a:\n    image: x:1\n    security_opt:\n      - apparmor=unconfined\n" });
    assert.equal(findings.length, 1);
  });
});
