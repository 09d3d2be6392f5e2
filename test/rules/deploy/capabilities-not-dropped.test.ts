import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/capabilities-not-dropped.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

const CAPS_CHART = (caps: string) => ({
  "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "web/values.yaml": "caps: {}\n",
  "web/templates/deployment.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          securityContext:\n            capabilities:\n${caps}`,
});

describe("deploy/capabilities-not-dropped", () => {
  it("reports a partial drop list, and `all` in lower case: runtimes take it, Pod Security admission does not", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            capabilities:\n              drop: [NET_RAW]\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            capabilities:\n              drop: [all]\n" }),
      "c.yaml": deployment({ name: "c", containerSc: "            capabilities:\n              drop: [ALL]\n" }),
      "d.yaml": deployment({ name: "d", containerSc: "            capabilities:\n              drop: [CAP_ALL]\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.message, f.severity]), [
      ['Deployment/a: container "a" does not drop ALL capabilities (drops only NET_RAW) [CN8-1; PSS restricted: Capabilities]', "low"],
      ['Deployment/b: container "b" drops all capabilities spelt other than `ALL`: runtimes drop every one, but Pod Security admission (restricted) compares `ALL` exactly and refuses the pod [CN8-1; PSS restricted: Capabilities]', "low"],
      // containerd prefixes CAP_ to every name but ALL, so CAP_ALL drops nothing there.
      ['Deployment/d: container "d" does not drop ALL capabilities (drops only CAP_ALL) [CN8-1; PSS restricted: Capabilities]', "low"],
    ]);
  });
  it("is incomplete, not a partial drop list, when a dropped capability is not known statically (it may be ALL)", async () => {
    const { findings, outcome, assessment } = await run(CAPS_CHART('              drop: [{{ required "set caps.drop" .Values.caps.drop }}]\n'));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /capabilities\.drop\.0 cannot be known statically/);
    // A known partial list beside it is still judged.
    const partial = await run(CAPS_CHART("              drop: [NET_RAW]\n"));
    assert.equal(partial.findings.length, 1);
  });
});
