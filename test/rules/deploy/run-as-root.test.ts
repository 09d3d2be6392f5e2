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
      // Its user 1000 is not runAsNonRoot: true, which the other control asks for.
      ["Deployment/b: runs every container as a non-root user (runAsUser) but sets runAsNonRoot: true nowhere: nothing runs as root, yet Pod Security admission (restricted) requires runAsNonRoot: true and refuses the pod [CN8-7; PSS restricted: Running as Non-root]", "low"],
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

  it("accepts runAsNonRoot: true at either level", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", podSc: "        runAsNonRoot: true\n", containerSc: sc }),
      "b.yaml": deployment({ name: "b", podSc: "        fsGroup: 1\n", containerSc: `${sc}            runAsNonRoot: true\n            runAsUser: 65532\n` }),
    });
    assert.deepEqual(findings, []);
  });

  it("reports a non-root runAsUser without runAsNonRoot: true low, once a pod: admission's control reads runAsNonRoot alone", async () => {
    const { findings } = await run({
      "pod.yaml": deployment({ name: "a", podSc: "        runAsUser: 1000\n", containerSc: sc }),
      "container.yaml": deployment({ name: "b", podSc: "        fsGroup: 1\n", containerSc: `${sc}            runAsUser: 65532\n` }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["container.yaml", "low"], ["pod.yaml", "low"]]);
    assert.match(findings[1]?.message ?? "", /runs every container as a non-root user \(runAsUser\) but sets runAsNonRoot: true nowhere: nothing runs as root, yet Pod Security admission \(restricted\) requires runAsNonRoot: true.*\[CN8-7; PSS restricted: Running as Non-root\]/);
  });

  it("reports the pod's runAsNonRoot: false low when every container overrides it, as admission refuses it", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSc: "        runAsNonRoot: false\n", containerSc: `${sc}            runAsNonRoot: true\n` }) });
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine]), [["low", 15]]);
    assert.match(findings[0]?.message ?? "", /sets runAsNonRoot: false for the pod; no container runs as root by it today/);
  });

  it("lets a container's runAsNonRoot: false override the pod's true", async () => {
    const { findings } = await run({ "a.yaml": deployment({ podSc: "        runAsNonRoot: true\n", containerSc: `${sc}            runAsNonRoot: false\n` }) });
    assert.deepEqual(findings.map((f) => f.severity), ["medium"]);
    assert.match(findings[0]?.message ?? "", /sets runAsNonRoot: false and no non-root runAsUser/);
  });

  it("exempts a pod in its own user namespace (hostUsers: false), as admission does from policy v1.35", async () => {
    const { findings } = await run({
      "userns.yaml": deployment({ name: "a", podSpec: "      hostUsers: false\n", podSc: "        runAsUser: 0\n", containerSc: sc }),
      // A string is no boolean to the API server: nothing is relaxed for it.
      "string.yaml": deployment({ name: "b", podSpec: '      hostUsers: "false"\n', podSc: "        runAsUser: 0\n", containerSc: sc }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["string.yaml", "high"]]);
  });

  it("asks Windows pods for runAsNonRoot: true too", async () => {
    const { findings } = await run({
      "win.yaml": deployment({ name: "a", podSpec: "      os:\n        name: windows\n", podSc: "        windowsOptions:\n          runAsUserName: ContainerUser\n", containerSc: "            readOnlyRootFilesystem: true\n" }),
      "win-ok.yaml": deployment({ name: "b", podSpec: "      os:\n        name: windows\n", podSc: "        runAsNonRoot: true\n", containerSc: "            readOnlyRootFilesystem: true\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity]), [["win.yaml", "medium"]]);
    assert.match(findings[0]?.message ?? "", /does not set runAsNonRoot: true, so the image's user decides \(ContainerAdministrator/);
  });

  it("reports Compose services that run as root explicitly, not those that leave it to the image", async () => {
    const { findings } = await run({ "compose.yaml": 'services:\n  a:\n    image: x:1\n    user: root\n  b:\n    image: x:1\n    user: "0:0"\n  c:\n    image: x:1\n' });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [4, 7]);
  });
});
