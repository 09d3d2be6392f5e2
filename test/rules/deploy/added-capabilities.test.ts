import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/added-capabilities.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

const CAPS_CHART = (caps: string) => ({
  "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "web/values.yaml": "caps: {}\n",
  "web/templates/deployment.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          securityContext:\n            capabilities:\n${caps}`,
});
const caps = (add: string): string => `            capabilities:\n              drop: [ALL]\n              add: ${add}\n`;

describe("deploy/added-capabilities", () => {
  it("grades by capability: dangerous high, outside the default set medium, inside it low; NET_BIND_SERVICE allowed", async () => {
    const { findings } = await run({ "a.yaml": deployment({ containerSc: caps('["CAP_SYS_ADMIN", "sys_time", "IPC_LOCK", "CHOWN", "NET_BIND_SERVICE"]') }) });
    assert.deepEqual(findings.map((f) => [f.message.replace(/^.*adds capability /, ""), f.severity, f.evidence["control"]]).sort(), [
      ["CHOWN (in the runtime's default set, but beyond what the restricted profile allows) [CN8-1; PSS restricted: Capabilities]", "low", "PSS restricted: Capabilities"],
      ["IPC_LOCK [CN8-1; PSS baseline: Capabilities]", "medium", "PSS baseline: Capabilities"],
      ["SYS_ADMIN (written CAP_SYS_ADMIN, which Pod Security admission does not recognise and refuses) [CN8-1; PSS baseline: Capabilities]", "high", "PSS baseline: Capabilities"],
      ["SYS_TIME (written sys_time, which Pod Security admission does not recognise and refuses) [CN8-1; PSS baseline: Capabilities]", "high", "PSS baseline: Capabilities"],
    ]);
    assert.equal(findings.find((f) => f.message.includes("SYS_ADMIN"))?.locations[0]?.startLine, 30, "a flow list: the line of add:");
  });

  it("takes default-set and NET_BIND_SERVICE names written otherwise as beyond the baseline list, which admission compares exactly", async () => {
    const { findings } = await run({ "a.yaml": deployment({ containerSc: caps('["CAP_CHOWN", "net_bind_service"]') }) });
    assert.deepEqual(findings.map((f) => [f.message.replace(/^.*adds capability /, "").split(" ")[0], f.severity, f.evidence["control"]]).sort(), [
      ["CHOWN", "low", "PSS baseline: Capabilities"],
      ["NET_BIND_SERVICE", "low", "PSS baseline: Capabilities"],
    ]);
  });

  it("reports an empty entry low, which admission refuses as in neither of its lists", async () => {
    const { findings } = await run({ "a.yaml": deployment({ containerSc: caps('["", null, NET_BIND_SERVICE]') }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["control"]]), [["low", "PSS baseline: Capabilities"], ["low", "PSS baseline: Capabilities"]]);
    assert.match(findings[0]?.message ?? "", /adds an empty capability name, which Pod Security admission \(baseline\) finds in neither of its lists/);
  });

  it("reads Compose cap_add names as Docker does: any case, with or without CAP_", async () => {
    const { findings } = await run({ "compose.yaml": "services:\n  vpn:\n    image: wg:1.0.0\n    cap_add: [CAP_SYS_ADMIN, cap_net_admin, Chown, all]\n" });
    assert.deepEqual(findings.map((f) => f.message.replace(/^.*adds capability /, "").split(" ")[0]), ["SYS_ADMIN", "NET_ADMIN", "ALL"]);
  });

  it("reports Compose cap_add beyond the default set", async () => {
    const { findings } = await run({ "docker-compose.yml": "services:\n  vpn:\n    image: wg:1.0.0\n    cap_add:\n      - NET_ADMIN\n      - CHOWN\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[5, "high"]]);
  });

  it("reports a capability the base and the default override both add once, where the override says it", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  vpn:\n    image: vpn:1\n    cap_add:\n      - NET_ADMIN\n",
      "compose.override.yaml": "services:\n  vpn:\n    cap_add:\n      - NET_ADMIN\n      - SYS_ADMIN\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["compose.override.yaml", 4], ["compose.override.yaml", 5]]);
  });
  it("is incomplete, not a finding named after an internal marker, when an added capability is not known statically", async () => {
    // The name is upper-cased before judging: the check for a value not known statically must read it as written.
    const { findings, outcome, assessment } = await run(CAPS_CHART('              add: [{{ required "set caps.add" .Values.caps.add }}]\n'));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "incomplete");
    assert.match(assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /capabilities\.add\.0 cannot be known statically \(a required value with no default: set caps\.add\)/);
  });
});
