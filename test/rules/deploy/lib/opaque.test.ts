import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { scan } from "../../../../src/api/scan.js";
import { defaultPolicy } from "../../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../../src/rules/index.js";
import { KINDS_JUDGED, POD_READS } from "../../../../src/rules/deploy/lib/reads.js";
import { FIXTURE_NOW } from "../../../helpers/run-rule.js";
import { tmpDir } from "../../../helpers/tmp-repo.js";

const deployRules = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules);

// A chart in the style of those built on a library chart (Bitnami's `common`) that Chart.yaml
// declares but charts/ does not hold: its helpers are missing, the rest of each template is plain.
const CHART = {
  "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 2.x.x\n    repository: oci://registry.example.org/charts\n",
  "web/values.yaml": "containerSecurityContext:\n  enabled: true\n  runAsNonRoot: true\nresourcesPreset: small\nhostNetwork: true\n",
  "web/templates/deployment.yaml": `apiVersion: {{ include "common.capabilities.deployment.apiVersion" . }}
kind: Deployment
metadata:
  name: {{ include "common.names.fullname" . }}
  labels: {{- include "common.labels.standard" . | nindent 4 }}
spec:
  template:
    metadata:
      labels: {{- include "common.labels.standard" . | nindent 8 }}
    spec:
      automountServiceAccountToken: false
      hostNetwork: {{ .Values.hostNetwork }}
      containers:
        - name: web
          image: {{ include "common.images.image" . }}
          {{- if .Values.containerSecurityContext.enabled }}
          securityContext: {{- include "common.compatibility.renderSecurityContext" (dict "secContext" .Values.containerSecurityContext "context" $) | nindent 12 }}
          {{- end }}
          resources: {{- include "common.resources.preset" (dict "type" .Values.resourcesPreset) | nindent 12 }}
`,
  "web/templates/role.yaml": `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web
rules: {{- include "common.rbac.rules" . | nindent 2 }}
`,
};

async function scanChart(extra: Record<string, string> = {}) {
  const a = await scan({ path: tmpDir({ ...CHART, ...extra }), policy: defaultPolicy(), rules: deployRules, now: FIXTURE_NOW });
  const outcome = (id: string) => a.rules.find((r) => r.id === id);
  return { a, outcome };
}

describe("Helm templates the chart lacks (an undeclared or unvendored library chart)", () => {
  it("leave the rest of the object judged: a literal hostNetwork: true is still reported", async () => {
    const { a } = await scanChart();
    const host = a.findings.filter((f) => f.ruleId === "deploy/host-namespaces");
    assert.equal(host.length, 1);
    assert.match(host[0]?.message ?? "", /^Deployment\/\(name from a template the chart lacks\) \(Helm chart web, default values\): shares the node's network/);
    assert.equal(host[0]?.locations[0]?.path, "web/values.yaml");
  });

  it("make every rule that reads what they wrote incomplete, never passed and never a guess", async () => {
    const { a, outcome } = await scanChart();
    for (const id of ["deploy/run-as-root", "deploy/privileged-container", "deploy/capabilities-not-dropped", "deploy/missing-resource-limits", "deploy/mutable-image-tag", "deploy/rbac-wildcard", "deploy/rbac-secrets-access"]) {
      assert.equal(outcome(id)?.outcome, "incomplete", id);
      assert.equal(a.findings.filter((f) => f.ruleId === id).length, 0, id);
    }
    assert.match(outcome("deploy/run-as-root")?.reason ?? "", /containers\.0\.securityContext is the output of template "common\.compatibility\.renderSecurityContext", which is not in the chart/);
    assert.match(outcome("deploy/rbac-wildcard")?.reason ?? "", /Role\/web: rules is the output of template "common\.rbac\.rules"/);
  });

  it("do not touch rules that read other fields: host namespaces, the token opt-out and volumes are judged", async () => {
    const { outcome } = await scanChart();
    assert.equal(outcome("deploy/host-namespaces")?.outcome, "fail");
    for (const id of ["deploy/service-account-token", "deploy/host-path-volume", "deploy/secret-in-env", "deploy/exposed-service"]) assert.equal(outcome(id)?.outcome, "pass", id);
  });

  it("a pod template written whole by a missing template makes every workload rule incomplete for that object", async () => {
    const { outcome } = await scanChart({
      "web/templates/job.yaml": 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template: {{- include "common.podTemplate" . | nindent 4 }}\n',
    });
    assert.match(outcome("deploy/host-namespaces")?.reason ?? "", /Job\/migrate: spec\.template is the output of template "common\.podTemplate"/);
    assert.equal(outcome("deploy/host-path-volume")?.outcome, "incomplete");
  });

  it("a template that is nothing but a missing include may write any object: every rule says so", async () => {
    const { outcome } = await scanChart({ "web/templates/extra.yaml": '{{ include "common.extraObjects" . }}\n' });
    assert.equal(outcome("deploy/service-account-token")?.outcome, "incomplete");
    assert.match(outcome("deploy/exposed-service")?.reason ?? "", /extra\.yaml: Helm template renders the output of template "common\.extraObjects"/);
  });

  it("unknown text among a mapping's keys may add keys, but leaves the keys written beside it known", async () => {
    const service = (type: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  {{- include "common.service.extra" . | nindent 2 }}\n${type}  ports:\n    - port: 80\n`;
    const known = await scanChart({ "web/templates/service.yaml": service("  type: LoadBalancer\n") });
    assert.equal(known.outcome("deploy/exposed-service")?.outcome, "fail");
    assert.match(known.a.findings.find((f) => f.ruleId === "deploy/exposed-service")?.message ?? "", /Service\/web .*LoadBalancer/);
    // Without `type` written, the unknown text may set it: not judged, never passed.
    const unknown = await scanChart({ "web/templates/service.yaml": service("") });
    assert.equal(unknown.outcome("deploy/exposed-service")?.outcome, "incomplete");
    assert.match(unknown.outcome("deploy/exposed-service")?.reason ?? "", /Service\/web: spec also holds the output of template "common\.service\.extra"/);
  });

  it("unknown text among a pod spec's keys leaves the containers it writes judged, and says what it may add cannot be", async () => {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n{{- include "common.images.pullSecrets" . | indent 6 }}\n      containers:\n        - name: api\n          image: registry.example.org/api:1.2.3\n          securityContext:\n            privileged: true\n`;
    const { a, outcome } = await scanChart({ "web/templates/api.yaml": deployment });
    const privileged = a.findings.filter((f) => f.ruleId === "deploy/privileged-container");
    assert.deepEqual(privileged.map((f) => f.locations[0]?.path), ["web/templates/api.yaml"], "the literal privileged: true is reported");
    assert.match(outcome("deploy/privileged-container")?.reason ?? "", /Deployment\/api: spec\.template\.spec also holds the output of template "common\.images\.pullSecrets", which is not in the chart or its charts\/ folder: the containers it may add cannot be judged/);
    // hostPID is not written: the unknown text may set it, so the pod-level rule does not guess.
    assert.match(outcome("deploy/host-namespaces")?.reason ?? "", /Deployment\/api: spec\.template\.spec also holds the output of template "common\.images\.pullSecrets", which is not in the chart or its charts\/ folder, so it cannot be judged/);
  });

  it("a missing template inside a volume that is not a host path (a configMap's name) leaves host-path-volume judged", async () => {
    const deployment = (volume: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cache\nspec:\n  template:\n    spec:\n      containers:\n        - name: cache\n          image: registry.example.org/cache:1.0.0\n      volumes:\n${volume}`;
    const named = await scanChart({ "web/templates/cache.yaml": deployment('        - name: config\n          configMap:\n            name: {{ include "common.names.fullname" . }}-config\n') });
    assert.equal(named.outcome("deploy/host-path-volume")?.outcome, "pass");
    // A whole volume written by the missing template may be a host path: not judged.
    const whole = await scanChart({ "web/templates/cache.yaml": deployment('        {{- include "common.extraVolumes" . | nindent 8 }}\n') });
    assert.equal(whole.outcome("deploy/host-path-volume")?.outcome, "incomplete");
  });

  it("the check says each reason once, grouping the rules that share it", async () => {
    const { a } = await scanChart();
    const check = a.checks.find((c) => c.id === "Secure-Defaults");
    assert.equal(check?.status, "incomplete");
    assert.match(check?.reason ?? "", /^\d+ rules: /);
    assert.ok((check?.reason.length ?? 0) < 2000, `reason is ${check?.reason.length} characters`);
  });
});

describe("POD_READS", () => {
  it("names every deploy rule that judges workloads, and only rules that exist", () => {
    const dir = new URL("../../../../src/rules/deploy/", import.meta.url);
    const judging = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts" && /\bworkloads\(ctx\)/.test(readFileSync(new URL(f, dir), "utf8")))
      .map((f) => `deploy/${f.slice(0, -3)}`);
    assert.ok(judging.length > 15);
    assert.deepEqual(judging.filter((id) => !(id in POD_READS)), [], "rules missing from POD_READS");
    const ids = new Set(deployRules.map((r) => r.meta.id));
    assert.deepEqual(Object.keys(POD_READS).filter((id) => !ids.has(id)), []);
  });

  it("KINDS_JUDGED names only rules that exist, and every rule that reads manifests is in it or in POD_READS", () => {
    const ids = new Set(deployRules.map((r) => r.meta.id));
    assert.deepEqual(Object.keys(KINDS_JUDGED).filter((id) => !ids.has(id)), []);
    const dir = new URL("../../../../src/rules/deploy/", import.meta.url);
    const reading = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts" && /\b(?:workloads|deployInputs|policyRules|bindings)\(ctx\)/.test(readFileSync(new URL(f, dir), "utf8")))
      .map((f) => `deploy/${f.slice(0, -3)}`);
    assert.deepEqual(reading.filter((id) => !(id in KINDS_JUDGED) && !(id in POD_READS)), [], "rules that would be concerned by every template");
  });
});

describe("Helm values not known statically where a map belongs", () => {
  // `required` with no default renders a marker, not a map: read as one, every field under it
  // looked unset, so the container was reported as not hardened and never as privileged.
  const REQUIRED = {
    "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
    "web/values.yaml": "image: nginx:1.25\n",
    "web/templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext: {{- required "podSecurityContext is required" .Values.podSecurityContext | toYaml | nindent 8 }}
      hostNetwork: true
      containers:
        - name: web
          image: {{ .Values.image }}
          securityContext: {{- required "securityContext is required" .Values.securityContext | toYaml | nindent 12 }}
`,
  };

  it("make the rules that read under it incomplete, naming the key and the value, and leave the other fields judged", async () => {
    const a = await scan({ path: tmpDir(REQUIRED), policy: defaultPolicy(), rules: deployRules, now: FIXTURE_NOW });
    const outcome = (id: string) => a.rules.find((r) => r.id === id);
    for (const id of ["deploy/privileged-container", "deploy/privilege-escalation", "deploy/run-as-root", "deploy/capabilities-not-dropped", "deploy/writable-root-filesystem", "deploy/seccomp-profile"]) {
      assert.equal(outcome(id)?.outcome, "incomplete", id);
      assert.equal(a.findings.filter((f) => f.ruleId === id).length, 0, id);
    }
    assert.match(outcome("deploy/privileged-container")?.reason ?? "", /Deployment\/web: spec\.template\.spec\.containers\.0\.securityContext is not known statically \(a required value with no default: securityContext is required\)/);
    assert.match(outcome("deploy/run-as-root")?.reason ?? "", /spec\.template\.spec\.securityContext is not known statically/);
    assert.equal(outcome("deploy/host-namespaces")?.outcome, "fail");
  });
});
