import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/capabilities-not-dropped.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

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
});
