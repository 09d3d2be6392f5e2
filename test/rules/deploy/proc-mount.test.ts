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

  it("names the restricted control, at medium, for a pod in its own user namespace, which the baseline allows from policy v1.35", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSpec: "      hostUsers: false\n", containerSc: "            procMount: Unmasked\n" }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["control"]]), [["medium", "PSS restricted: /proc Mount Type"]]);
    assert.match(findings[0]?.message ?? "", /in its own user namespace \(hostUsers: false\): the baseline profile allows that, the restricted profile does not/);
  });

  it("reports a value that is no mount type low, not as an unmasked /proc", async () => {
    const { findings } = await run({ "a.yaml": deployment({ containerSc: '            procMount: ""\n' }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["control"]]), [["low", "PSS baseline: /proc Mount Type"]]);
    assert.match(findings[0]?.message ?? "", /sets procMount: "", which is no \/proc mount type/);
  });
});
