import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/host-namespaces.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/host-namespaces", () => {
  it("reports each host namespace at its line, in every workload kind", async () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostIPC: true
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: registry.example.org/backup:1.0.0
`;
    const { findings } = await run({ "a.yaml": deployment({ podSpec: "      hostNetwork: true\n      hostPID: false\n" }), "cron.yaml": cron });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["control"]]), [
      ["a.yaml", 14, "PSS baseline: Host Namespaces"],
      ["cron.yaml", 11, "PSS baseline: Host Namespaces"],
    ]);
    assert.match(findings[1]?.message ?? "", /^CronJob\/backup: shares the node's IPC namespace \(hostIPC: true\)/);
  });

  it("reports Compose host namespaces and leaves bridge networks alone", async () => {
    const { findings } = await run({ "docker-compose.yml": "services:\n  a:\n    image: x:1\n    network_mode: host\n  b:\n    image: x:1\n    network_mode: bridge\n    ipc: shareable\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [4]);
  });

  it("reports Compose's other host namespaces, the cgroup one at medium, and not a namespace shared with another service", async () => {
    const { findings } = await run({ "compose.yaml": "services:\n  a:\n    image: x:1\n    pid: host\n    uts: host\n    userns_mode: host\n    cgroup: host\n  b:\n    image: x:1\n    network_mode: service:a\n    pid: container:a\n    cgroup: private\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[4, "high"], [5, "high"], [6, "high"], [7, "medium"]]);
  });
});
