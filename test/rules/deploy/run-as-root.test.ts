import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/run-as-root.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const sc = '            allowPrivilegeEscalation: false\n';

describe("deploy/run-as-root", () => {
  it("lets the container's securityContext override the pod's", async () => {
    const { findings } = await run({
      "root-override.yaml": deployment({ name: "a", podSc: "        runAsNonRoot: true\n", containerSc: `${sc}            runAsUser: 0\n` }),
      "nonroot-override.yaml": deployment({ name: "b", podSc: "        runAsUser: 0\n", containerSc: `${sc}            runAsUser: 1000\n` }),
    });
    assert.deepEqual(findings.map((f) => [f.message, f.severity]).sort(), [
      ['Deployment/a: container "a" runs as root (runAsUser: 0 at container level) [CN8-7; PSS restricted: Running as Non-root user]', "high"],
      // Overridden by its only container, the pod's root user still fails the restricted profile, at low severity.
      ["Deployment/b: sets runAsUser: 0 for the pod; every container overrides it today, but Pod Security admission (restricted) refuses the pod, and a container added without its own runAsUser runs as root [CN8-7; PSS restricted: Running as Non-root user]", "low"],
    ]);
  });

  it("reports a pod's runAsUser: 0 once, as the containers' root user, when one inherits it", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSc: "        runAsUser: 0\n", containerSc: sc }) });
    assert.deepEqual(findings.map((f) => f.severity), ["high"]);
  });

  it("reports an unset user as a medium may-run-as-root, and runAsNonRoot: false", async () => {
    const { findings } = await run({
      "unset.yaml": deployment({ name: "a", podSc: "        fsGroup: 2000\n", containerSc: sc }),
      "false.yaml": deployment({ name: "b", podSc: "        runAsNonRoot: false\n", containerSc: sc }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["false.yaml", "medium"], ["unset.yaml", "medium"]]);
    assert.match(findings[1]?.message ?? "", /may run as root: neither runAsNonRoot: true nor a non-root runAsUser is set/);
  });

  it("does not read an empty or non-numeric runAsUser as user 0", async () => {
    // A chart's `runAsUser: {{ .Values.uid | quote }}` with an empty uid renders "": no user is set, root is not.
    const { findings } = await run({
      "empty.yaml": deployment({ name: "a", podSc: '        runAsUser: ""\n', containerSc: sc }),
      "nonroot.yaml": deployment({ name: "b", podSc: "        runAsNonRoot: true\n", containerSc: `${sc}            runAsUser: ""\n` }),
      "quoted.yaml": deployment({ name: "c", podSc: '        runAsUser: "0"\n', containerSc: sc }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["empty.yaml", "medium"], ["quoted.yaml", "high"]]);
    assert.match(findings[0]?.message ?? "", /may run as root/);
  });

  it("accepts runAsNonRoot: true or a non-zero runAsUser at either level", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", podSc: "        runAsNonRoot: true\n", containerSc: sc }),
      "b.yaml": deployment({ name: "b", podSc: "        fsGroup: 1\n", containerSc: `${sc}            runAsUser: 65532\n` }),
    });
    assert.deepEqual(findings, []);
  });

  it("reports Compose services that run as root explicitly, not those that leave it to the image", async () => {
    const { findings } = await run({ "compose.yaml": 'services:\n  a:\n    image: x:1\n    user: root\n  b:\n    image: x:1\n    user: "0:0"\n  c:\n    image: x:1\n' });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [4, 7]);
  });
});
