import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../../../src/api/scan.js";
import { defaultPolicy } from "../../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../../src/rules/index.js";
import { FIXTURE_NOW } from "../../../helpers/run-rule.js";
import { tmpDir } from "../../../helpers/tmp-repo.js";

const rules = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules).filter((r) => r.meta.id === "deploy/run-as-root");
/** deploy/run-as-root's result on a checkout of these files. */
const runAsRoot = async (files: Record<string, string>) => (await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW })).rules[0];

describe("deploy inputs", () => {
  it("a template that fails elsewhere (a helper, a value) names both: where it failed and the template rendered", async () => {
    const files = {
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "web/values.yaml": "mode: \"\"\n",
      "web/templates/_helpers.tpl": '{{- define "web.mode" -}}\n{{- if required "a mode" .Values.mode }}on{{ end -}}\n{{- end -}}\n',
      "web/templates/deployment.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    mode: {{ include "web.mode" . }}\nspec: {}\n',
    };
    // The condition is on a value: the position is the value's, in values.yaml.
    assert.match((await runAsRoot(files))?.reason ?? "", /^web\/values\.yaml:1:1: Helm template cannot be rendered statically \(rendering web\/templates\/deployment\.yaml\): a condition depends on a value that cannot be known statically/);
  });

  it("a template whose output does not parse as YAML is named with the template line that wrote the broken line", async () => {
    // A common slip: `nindent` too shallow for the key it follows, so values.yaml's keys land outside it.
    const files = {
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "web/values.yaml": "sc:\n  runAsUser: 0\n  privileged: true\n",
      "web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n          securityContext:\n          {{- toYaml .Values.sc | nindent 8 }}\n",
    };
    assert.match((await runAsRoot(files))?.reason ?? "", /^web\/templates\/deployment\.yaml:11:\d+: Helm template renders YAML that does not parse \(.* at line 11 of the output\)/);
  });

  it("kustomize resources the scan cannot read (remote, above the checkout, missing) make the rules incomplete; those it can read do not", async () => {
    const deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: app:1.0\n";
    const unread = await runAsRoot({
      "deploy/base/kustomization.yaml": "resources:\n  - https://github.com/example/repo//config?ref=v1\n  - ../../../outside\n  - deployment.yaml\n  - ../shared\ncomponents:\n  - github.com/example/components//tls\n",
      "deploy/base/deployment.yaml": deploy,
      "deploy/shared/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "deploy/shared/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
    });
    assert.equal(unread?.outcome, "incomplete");
    const reason = unread?.reason ?? "";
    assert.match(reason, /deploy\/base\/kustomization\.yaml: takes resources from https:\/\/github\.com\/example\/repo\/\/config\?ref=v1, which kustomize fetches and a scan never does, so the objects they add cannot be judged \(render it with `kustomize build deploy\/base \| assay manifests -`\)/);
    assert.match(reason, /takes resources from github\.com\/example\/components\/\/tls, which kustomize fetches/);
    assert.match(reason, /takes resources from \.\.\/\.\.\/\.\.\/outside, outside the checkout/);
    assert.doesNotMatch(reason, /deployment\.yaml|\.\.\/shared/, "a file or a kustomization folder of the checkout is read");
    const read = await runAsRoot({ "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - ../shared\n", "deploy/base/deployment.yaml": deploy, "deploy/shared/kustomization.yaml": "resources: [cm.yaml]\n", "deploy/shared/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n" });
    assert.equal(read?.outcome, "pass");
    const gone = await runAsRoot({ "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - gone.yaml\n", "deploy/base/deployment.yaml": deploy });
    assert.match(gone?.reason ?? "", /^deploy\/base\/kustomization\.yaml: takes resources from gone\.yaml, which is not in the checkout/);
  });

  it("a kustomize helmCharts entry whose chart or values the checkout lacks makes the rules incomplete, naming the chart and repo", async () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
    const remote = await runAsRoot({
      "kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\nhelmCharts:\n  - name: ingress-nginx\n    repo: https://kubernetes.github.io/ingress-nginx\n    version: 4.10.0\n    releaseName: ingress\n    valuesInline:\n      controller:\n        hostNetwork: true\n",
      "cm.yaml": cm,
    });
    assert.equal(remote?.outcome, "incomplete");
    assert.match(remote?.reason ?? "", /^kustomization\.yaml: inflates the Helm chart "ingress-nginx" 4\.10\.0 from https:\/\/kubernetes\.github\.io\/ingress-nginx, which kustomize pulls and a scan never does, so the objects it renders cannot be judged \(render it with `kustomize build \. \| assay manifests -`\)/);
    const missing = await runAsRoot({ "deploy/kustomization.yaml": "resources: [cm.yaml]\nhelmCharts:\n  - name: web\n", "deploy/cm.yaml": cm });
    assert.match(missing?.reason ?? "", /^deploy\/kustomization\.yaml: inflates the Helm chart "web" from charts\/web, which is not in the checkout/);
    const chart = { "deploy/charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "deploy/charts/web/templates/cm.yaml": cm };
    const values = await runAsRoot({ ...chart, "deploy/kustomization.yaml": "helmCharts:\n  - name: web\n    valuesFile: https://example.org/values.yaml\n" });
    assert.match(values?.reason ?? "", /^deploy\/kustomization\.yaml: takes values for the Helm chart "web" from https:\/\/example\.org\/values\.yaml, which kustomize fetches and a scan never does/);
    const local = await runAsRoot({ ...chart, "deploy/kustomization.yaml": "helmCharts:\n  - name: web\n    repo: https://charts.example.org\n" });
    assert.equal(local?.outcome, "pass", "a chart the checkout holds is rendered, not pulled");
  });

  it("an object whose kind renders empty is said, not dropped unseen", async () => {
    const files = {
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "web/values.yaml": "workload:\n  kind: \"\"\n",
      "web/templates/workload.yaml": "apiVersion: apps/v1\nkind: {{ .Values.workload.kind }}\nmetadata:\n  name: web\nspec: {}\n",
    };
    const r = await runAsRoot(files);
    assert.equal(r?.outcome, "incomplete");
    assert.match(r?.reason ?? "", /web\/templates\/workload\.yaml: Helm template renders an object of apps\/v1 with no kind, so it cannot be judged/);
  });

  it("an object whose apiVersion renders empty or not at all is judged at its kind's version, or said at the template's kind line", async () => {
    const chart = {
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "web/values.yaml": "api: \"\"\n",
    };
    const container = "spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n";
    for (const apiVersion of ["apiVersion: {{ .Values.api }}\n", "apiVersion: {{ .Values.api | quote }}\n", ""]) {
      const r = await runAsRoot({ ...chart, "web/templates/deployment.yaml": `${apiVersion}kind: Deployment\nmetadata:\n  name: web\n${container}` });
      assert.equal(r?.outcome, "fail", `${JSON.stringify(apiVersion)}: ${r?.reason}`);
    }
    // A kind without a known version (Argo's Rollout) cannot be judged: run-as-root reads it, so it says where.
    const r = await runAsRoot({ ...chart, "web/templates/rollout.yaml": `apiVersion: {{ .Values.api }}\nkind: Rollout\nmetadata:\n  name: web\n${container}` });
    assert.equal(r?.outcome, "incomplete");
    assert.match(r?.reason ?? "", /web\/templates\/rollout\.yaml:2:1: Helm template renders a Rollout with an empty apiVersion, so it cannot be judged/);
  });

  it("a template that cannot be rendered concerns only the rules that judge the kinds its text names", async () => {
    const all = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules);
    const files = {
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "web/values.yaml": "auth:\n  password: \"\"\n",
      // Fails: a condition on a required value with no default. Its text says it writes a Secret only.
      "web/templates/secret.yaml": '{{- if required "a password" .Values.auth.password }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web\n{{- end }}\n',
      "web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.org/web:1.0.0\n          securityContext:\n            privileged: true\n",
    };
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules: all, now: FIXTURE_NOW });
    const outcome = (id: string) => a.rules.find((r) => r.id === id);
    assert.equal(outcome("deploy/privileged-container")?.outcome, "fail");
    assert.equal(outcome("deploy/privileged-container")?.reason, undefined, "a Secret cannot hide a privileged container");
    assert.equal(outcome("deploy/rbac-wildcard")?.outcome, "pass");
    // A template whose text does not say what it writes still concerns every rule.
    const opaque = await scan({ path: tmpDir({ ...files, "web/templates/secret.yaml": '{{- if required "a password" .Values.auth.password }}\n{{ include "web.objects" . }}\n{{- end }}\n' }), policy: defaultPolicy(), rules: all, now: FIXTURE_NOW });
    assert.equal(opaque.rules.find((r) => r.id === "deploy/rbac-wildcard")?.outcome, "incomplete");
    assert.match(opaque.rules.find((r) => r.id === "deploy/privileged-container")?.reason ?? "", /secret\.yaml|values\.yaml/);
  });

  it("a kustomize Component nothing uses changes no object: its template that does not parse leaves the rules judging", async () => {
    const files = {
      "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: web:1.0\n          securityContext:\n            runAsUser: 0\n",
      "kustomize/components/tag/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: web\n    newTag: @(CONTAINER_IMAGES_TAG)\n",
    };
    const unused = await runAsRoot(files);
    assert.deepEqual([unused?.outcome, unused?.reason], ["fail", undefined]);
    const used = { ...files, "kustomize/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../k8s/deploy.yaml\ncomponents:\n  - components/tag\n" };
    assert.match((await runAsRoot(used))?.reason ?? "", /could not judge: kustomize\/components\/tag\/kustomization\.yaml:5:13/, "a Component an overlay uses may change what is judged");
  });
});
