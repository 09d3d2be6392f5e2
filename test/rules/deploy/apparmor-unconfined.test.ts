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

  it("judges every annotation of the prefix as admission does: unconfined, no profile at all, or naming a container the pod lacks", async () => {
    const pod = (name: string, annotations: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations:\n${annotations}spec:\n  containers:\n    - name: app\n      image: x:1\n    - name: side\n      image: y:1\n`;
    const { findings } = await run({
      "a.yaml": pod("a", "    container.apparmor.security.beta.kubernetes.io/app: unconfined\n    container.apparmor.security.beta.kubernetes.io/side: docker-default\n"),
      "b.yaml": pod("b", "    container.apparmor.security.beta.kubernetes.io/old-name: unconfined\n"),
      "ok.yaml": pod("ok", '    container.apparmor.security.beta.kubernetes.io/app: localhost/k8s-nginx\n    container.apparmor.security.beta.kubernetes.io/side: runtime/default\n    container.apparmor.security.beta.kubernetes.io/x: ""\n'),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity]), [["a.yaml", 6, "high"], ["a.yaml", 7, "low"], ["b.yaml", 6, "low"]]);
    assert.match(findings[1]?.message ?? "", /container "side" has AppArmor annotation .*: docker-default, which is no profile/);
    assert.match(findings[2]?.message ?? "", /for container "old-name", which the pod does not have/);
  });

  it("reports a field value that is no profile type low, at the pod and the container", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSc: "        appArmorProfile:\n          type: runtime/default\n", containerSc: "            appArmorProfile:\n              type: unconfined\n" }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence["control"]]), [["low", "PSS baseline: AppArmor"], ["low", "PSS baseline: AppArmor"]]);
    assert.match(findings[0]?.message ?? "", /the pod sets appArmorProfile type "runtime\/default", which is no profile type/);
  });
});
