import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/rbac-escalation-paths.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const role = (kind: string, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: ns\nrules:\n${rules}`;

describe("deploy/rbac-escalation-paths", () => {
  it("reports each path once, at the rule's resources, with its own severity", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const got = findings.map((f) => `${f.locations[0]?.startLine} ${f.severity} ${/: can (.+?)(?: \(a ClusterRole[^)]*\))?, so it can /.exec(f.message)?.[1]}`).sort();
    assert.deepEqual(got, [
      "12 high create, get pods/exec",
      "12 medium create pods",
      "15 medium create, update deployments",
      "18 high create, patch mutatingwebhookconfigurations",
      "28 high create serviceaccounts/token",
      "31 high update certificatesigningrequests/approval",
      "9 high get nodes/proxy",
    ]);
    // A ClusterRole widens a namespaced resource to every namespace; nodes are cluster-wide anyway.
    assert.match(findings.find((f) => f.message.includes("pods/exec"))?.message ?? "", /^ClusterRole\/node-agent: can create, get pods\/exec \(a ClusterRole: in every namespace it is bound in\), so it can run commands/);
    assert.match(findings.find((f) => f.message.includes("nodes/proxy"))?.message ?? "", /^ClusterRole\/node-agent: can get nodes\/proxy, so it can reach the kubelet API/);
  });

  it("stays quiet on read-only verbs, named objects, and workload creation in a namespaced Role", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
  });

  it("leaves wildcards to deploy/rbac-wildcard, and knows resourceNames cannot restrict create", async () => {
    const wild = await run({ "r.yaml": role("ClusterRole", '  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["*"]\n') });
    assert.deepEqual(wild.findings, []);
    const named = await run({ "r.yaml": role("Role", '  - apiGroups: [""]\n    resources: ["serviceaccounts/token"]\n    resourceNames: ["builder"]\n    verbs: ["create"]\n') });
    assert.equal(named.findings.length, 1);
    const otherGroup = await run({ "r.yaml": role("ClusterRole", '  - apiGroups: ["example.com"]\n    resources: ["pods/exec", "deployments"]\n    verbs: ["create"]\n') });
    assert.deepEqual(otherGroup.findings, []);
    const anyGroup = await run({ "r.yaml": role("ClusterRole", '  - apiGroups: ["*"]\n    resources: ["persistentvolumes"]\n    verbs: ["create"]\n') });
    assert.deepEqual(anyGroup.findings.map((f) => f.severity), ["medium"]);
  });

  it("knows a Job's pod template is fixed once created, a CronJob's is not", async () => {
    const batch = (resources: string, verbs: string) => run({ "r.yaml": role("ClusterRole", `  - apiGroups: ["batch"]\n    resources: [${resources}]\n    verbs: [${verbs}]\n`) });
    assert.deepEqual((await batch('"jobs"', '"get", "update", "patch", "delete"')).findings, []);
    assert.match((await batch('"jobs"', '"create"')).findings[0]?.message ?? "", /can create jobs/);
    assert.match((await batch('"jobs", "cronjobs"', '"patch"')).findings.map((f) => f.message).join("\n"), /^ClusterRole\/r: can patch cronjobs \(a ClusterRole/);
    assert.equal((await batch('"jobs", "cronjobs"', '"patch"')).findings.length, 1);
  });
});
