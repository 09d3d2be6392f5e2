import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule as privilegeEscalation } from "../../../../src/rules/deploy/privilege-escalation.js";
import { rule as mutableTag } from "../../../../src/rules/deploy/mutable-image-tag.js";
import { rule as privileged } from "../../../../src/rules/deploy/privileged-container.js";
import { rule as runAsRoot } from "../../../../src/rules/deploy/run-as-root.js";
import { rule as serviceAccountToken } from "../../../../src/rules/deploy/service-account-token.js";
import { ruleRunner } from "../../../helpers/run-rule.js";

// Kustomize layouts written from the kustomize documentation (kubectl.docs.kubernetes.io,
// "Bases and Overlays", "Patches"): a base folder, overlays that name it in resources.
const BASE = {
  "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
  "deploy/base/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: example.org/web:1.4.2
`,
};
const HARDEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          securityContext:
            allowPrivilegeEscalation: false
`;
const overlay = (patch = "security.yaml"): string => `resources:\n  - ../../base\npatches:\n  - path: ${patch}\n`;

describe("kustomize overlays", () => {
  it("judges a base every overlay hardens as the overlays render it: nothing to report", async () => {
    const files = {
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": overlay(),
      "deploy/overlays/prod/security.yaml": HARDEN,
      "deploy/overlays/staging/kustomization.yaml": `resources:\n  - ../../base\npatchesStrategicMerge:\n  - security.yaml\n`,
      "deploy/overlays/staging/security.yaml": HARDEN,
    };
    for (const rule of [runAsRoot, privilegeEscalation]) {
      const { findings, outcome } = await ruleRunner(rule)(files);
      assert.deepEqual(findings, [], rule.meta.id);
      assert.equal(outcome, "pass", rule.meta.id);
    }
  });

  it("still reports the base where an overlay (or the base on its own) deploys it unchanged, once, at the base's line", async () => {
    const { findings } = await ruleRunner(runAsRoot)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": overlay(),
      "deploy/overlays/prod/security.yaml": HARDEN,
      "deploy/overlays/dev/kustomization.yaml": "resources:\n  - ../../base\n",
      "deploy/overlays/test/kustomization.yaml": "resources:\n  - ../../base\nnamePrefix: test-\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["overlay"]]), [["deploy/base/deployment.yaml", 9, "deploy/overlays/dev"]]);
  });

  it("points at the patch's line when the patch sets the offending value, inline patches included", async () => {
    const { findings } = await ruleRunner(privileged)({
      ...BASE,
      "deploy/overlays/debug/kustomization.yaml": overlay("debug.yaml"),
      "deploy/overlays/debug/debug.yaml": HARDEN.replace("allowPrivilegeEscalation: false", "privileged: true"),
      "deploy/overlays/inline/kustomization.yaml": `resources:
  - ../../base
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            containers:
              - name: app
                securityContext:
                  privileged: true
`,
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["deploy/overlays/debug/debug.yaml", 13], ["deploy/overlays/inline/kustomization.yaml", 15]]);
  });

  it("points what a patch's removal leaves missing at the removal: $patch: delete, null, an inline patch, a JSON 6902 remove", async () => {
    const hardened = {
      "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
      "deploy/base/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: example.org/web:1.4.2
          securityContext:
            allowPrivilegeEscalation: false
        - name: sidecar
          image: example.org/side:1.0
          securityContext:
            allowPrivilegeEscalation: false
`,
    };
    const del = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        $patch: delete\n      containers:\n        - name: app\n          securityContext:\n            $patch: delete\n";
    const at = (r: { findings: { locations: { path: string; startLine?: number }[]; message: string }[] }): unknown[] => r.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, /container "(\w+)"/.exec(f.message)?.[1]]).sort();
    const files = { ...hardened, "deploy/overlays/prod/kustomization.yaml": overlay("drop.yaml"), "deploy/overlays/prod/drop.yaml": del };
    // The app's own securityContext, then the pod's for the sidecar (which only lost the pod's runAsNonRoot).
    assert.deepEqual(at(await ruleRunner(runAsRoot)(files)), [
      ["deploy/overlays/prod/drop.yaml", 12, "app"],
      ["deploy/overlays/prod/drop.yaml", 8, "sidecar"],
    ]);
    assert.deepEqual(at(await ruleRunner(privilegeEscalation)(files)), [["deploy/overlays/prod/drop.yaml", 12, "app"]]);
    const nulled = await ruleRunner(privilegeEscalation)({
      ...hardened,
      "deploy/overlays/prod/kustomization.yaml": `resources:\n  - ../../base\npatches:\n  - patch: |-\n${"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          securityContext:\n            allowPrivilegeEscalation: null\n".replace(/^/gm, "      ").trimEnd()}\n`,
    });
    assert.deepEqual(at(nulled), [["deploy/overlays/prod/kustomization.yaml", 15, "sidecar"]]);
    const removed = await ruleRunner(privilegeEscalation)({
      ...hardened,
      "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: ops.yaml\n    target:\n      kind: Deployment\n",
      "deploy/overlays/prod/ops.yaml": "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: example.org/web:1.5.0\n- op: remove\n  path: /spec/template/spec/containers/1/securityContext\n",
    });
    assert.deepEqual(at(removed), [["deploy/overlays/prod/ops.yaml", 4, "sidecar"]]);
    // A key a later patch writes again is placed as any other: only what is still missing is the removal's.
    const readded = await ruleRunner(runAsRoot)({ ...files, "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: drop.yaml\n  - path: again.yaml\n", "deploy/overlays/prod/again.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        fsGroup: 1000\n" });
    assert.deepEqual(at(readded), [
      ["deploy/base/deployment.yaml", 17, "sidecar"],
      ["deploy/overlays/prod/drop.yaml", 12, "app"],
    ]);
  });

  it("applies replacements (inline or from a file, whole or a delimited part), and leaves what a generated source writes unknown", async () => {
    const base = {
      "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - versions.yaml\n",
      "deploy/base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: example.org/web:PLACEHOLDER\n          securityContext:\n            allowPrivilegeEscalation: true\n",
      "deploy/base/versions.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: versions\ndata:\n  web: latest\n  hardened: \"false\"\n",
    };
    const tag = "  - source:\n      kind: ConfigMap\n      name: versions\n      fieldPath: data.web\n    targets:\n      - select:\n          kind: Deployment\n        fieldPaths:\n          - spec.template.spec.containers.[name=app].image\n        options:\n          delimiter: ':'\n          index: 1\n";
    const inline = await ruleRunner(mutableTag)({ ...base, "deploy/overlays/prod/kustomization.yaml": `resources:\n  - ../../base\nreplacements:\n${tag}` });
    assert.deepEqual(inline.findings.map((f) => /image \S+/.exec(f.message)?.[0]), ["image example.org/web:latest"]);
    const file = await ruleRunner(mutableTag)({ ...base, "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\nreplacements:\n  - path: replacements.yaml\n", "deploy/overlays/prod/replacements.yaml": tag.replace(/^ {2}/gm, "").replace(/^- /, "- ") });
    assert.deepEqual(file.findings.map((f) => /image \S+/.exec(f.message)?.[0]), ["image example.org/web:latest"]);
    // A value written whole, into a field the rule reads: allowPrivilegeEscalation from the ConfigMap's "false" (a path with kubebuilder's leading dot).
    const whole = await ruleRunner(privilegeEscalation)({ ...base, "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\nreplacements:\n  - source:\n      kind: ConfigMap\n      name: versions\n      fieldPath: .data.hardened\n    targets:\n      - select:\n          kind: Deployment\n          name: web\n        fieldPaths:\n          - spec.template.spec.containers.0.securityContext.allowPrivilegeEscalation\n" });
    assert.deepEqual([whole.findings, whole.outcome], [[], "pass"]);
    // A ConfigMap a generator makes is not rendered here: the image it writes is unknown, not the base's placeholder.
    const generated = await ruleRunner(mutableTag)({ ...base, "deploy/base/deployment.yaml": base["deploy/base/deployment.yaml"].replace("web:PLACEHOLDER", "web"), "deploy/overlays/prod/kustomization.yaml": `resources:\n  - ../../base\nconfigMapGenerator:\n  - name: built\n    literals: [web=1.2.3]\nreplacements:\n${tag.replace("name: versions", "name: built")}` });
    assert.deepEqual(generated.findings, []);
    assert.equal(generated.outcome, "incomplete");
    assert.match(generated.assessment.rules[0]?.reason ?? "", /spec\.template\.spec\.containers\.0\.image is written by a replacement of deploy\/overlays\/prod\/kustomization\.yaml \(from ConfigMap\/built data\.web\)/);
  });

  it("applies patches by target and through components, and a JSON 6902 patch's operations", async () => {
    const targeted = await ruleRunner(privilegeEscalation)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\ncomponents:\n  - ../../components/hardening\n",
      "deploy/components/hardening/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: patch.yaml\n    target:\n      kind: Deployment\n      name: web\n",
      "deploy/components/hardening/patch.yaml": HARDEN.replace("name: web", "name: not-used"),
    });
    assert.deepEqual(targeted.findings, []);
    assert.equal(targeted.outcome, "pass");

    const json = await ruleRunner(privilegeEscalation)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: patch.json.yaml\n    target:\n      kind: Deployment\n      name: web\n",
      "deploy/overlays/prod/patch.json.yaml": "- op: add\n  path: /spec/template/spec/containers/0/securityContext\n  value:\n    allowPrivilegeEscalation: false\n",
    });
    assert.deepEqual(json.findings, []);
    assert.equal(json.outcome, "pass");
  });

  it("places what a JSON 6902 operation writes at its value, in a patch file or inline, as kubebuilder's scaffold writes them", async () => {
    const ops = "- op: add\n  path: /spec/template/spec/containers/0/securityContext\n  value:\n    privileged: true\n- op: add\n  path: /spec/template/spec/containers/-\n  value:\n    name: proxy\n    image: example.org/proxy:1.0\n    securityContext:\n      privileged: true\n";
    const file = await ruleRunner(privileged)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n    target:\n      kind: Deployment\n",
      "deploy/overlays/prod/patch.yaml": ops,
    });
    assert.deepEqual(file.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, /container "(\w+)"/.exec(f.message)?.[1]]), [
      ["deploy/overlays/prod/patch.yaml", 4, "app"],
      ["deploy/overlays/prod/patch.yaml", 11, "proxy"],
    ]);
    const inline = await ruleRunner(privileged)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": `resources:\n  - ../../base\npatchesJson6902:\n  - target:\n      group: apps\n      version: v1\n      kind: Deployment\n      name: web\n    patch: |-\n${ops.replace(/^/gm, "      ").trimEnd()}\n`,
    });
    assert.deepEqual(inline.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [
      ["deploy/overlays/prod/kustomization.yaml", 13],
      ["deploy/overlays/prod/kustomization.yaml", 20],
    ]);
  });

  it("leaves what a JSON 6902 operation it does not apply writes unknown: an insertion inside a list, a move, a missing path", async () => {
    for (const op of [
      "- op: add\n  path: /spec/template/spec/containers/0\n  value: {name: debug, image: busybox, securityContext: {privileged: true}}\n",
      "- op: move\n  from: /spec/template/spec/initContainers\n  path: /spec/template/spec/containers\n",
      "- op: replace\n  path: /spec/template/spec/containers/0/securityContext/privileged\n  value: true\n",
    ]) {
      const r = await ruleRunner(privileged)({
        ...BASE,
        "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n    target:\n      kind: Deployment\n      name: web\n",
        "deploy/overlays/prod/patch.yaml": op,
      });
      assert.deepEqual(r.findings, [], op);
      assert.equal(r.outcome, "incomplete", op);
      assert.match(JSON.stringify(r.assessment.rules.find((x) => x.id === privileged.meta.id)), /JSON 6902 patch in deploy\/overlays\/prod\/patch\.yaml that assay does not apply/, op);
    }
    // With no target, kustomize cannot apply the operations at all: the overlay is not rendered, and says so.
    const untargeted = await ruleRunner(privileged)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n",
      "deploy/overlays/prod/patch.yaml": "- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n",
    });
    assert.equal(untargeted.outcome, "incomplete");
    assert.match(JSON.stringify(untargeted.assessment.rules.find((x) => x.id === privileged.meta.id)), /a JSON 6902 patch names no target, so kustomize overlay deploy\/overlays\/prod cannot be rendered/);
  });

  it("matches a patch naming an object by the name or namespace a base's namePrefix, nameSuffix or namespace gave it, as kustomize does", async () => {
    const patch = (meta: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n${meta}spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n`;
    const base = { ...BASE, "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\nnamePrefix: team-\nnameSuffix: -v1\nnamespace: apps\n" };
    for (const meta of ["  name: team-web-v1\n  namespace: apps\n", "  name: web\n"]) {
      const { findings } = await ruleRunner(privileged)({ ...base, "deploy/overlays/prod/kustomization.yaml": overlay(), "deploy/overlays/prod/security.yaml": patch(meta) });
      assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["deploy/overlays/prod/security.yaml"], meta);
    }
    // A name the object never had is another object.
    const other = await ruleRunner(privileged)({ ...base, "deploy/overlays/prod/kustomization.yaml": overlay(), "deploy/overlays/prod/security.yaml": patch("  name: team-api-v1\n") });
    assert.deepEqual(other.findings, []);
  });

  it("judges the base as written, and says the overlay cannot be rendered, when a patch of unknown target is missing", async () => {
    const { findings, assessment } = await ruleRunner(runAsRoot)({
      ...BASE,
      "deploy/overlays/prod/kustomization.yaml": overlay("missing.yaml"),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["deploy/base/deployment.yaml", 9]]);
    assert.match(JSON.stringify(assessment.rules.find((r) => r.id === runAsRoot.meta.id)), /cannot be rendered/);
  });

  it("applies the images: entries of every kustomization on the way to an overlay", async () => {
    const untagged = { ...BASE, "deploy/base/deployment.yaml": BASE["deploy/base/deployment.yaml"].replace("example.org/web:1.4.2", "example.org/web") };
    const tagged = "resources:\n  - ../../base\nimages:\n  - name: example.org/web\n    newTag: 1.4.2\n";
    const all = await ruleRunner(mutableTag)({ ...untagged, "deploy/overlays/prod/kustomization.yaml": tagged, "deploy/overlays/staging/kustomization.yaml": tagged });
    assert.deepEqual(all.findings, []);
    const one = await ruleRunner(mutableTag)({ ...untagged, "deploy/overlays/prod/kustomization.yaml": tagged, "deploy/overlays/dev/kustomization.yaml": "resources:\n  - ../../base\n" });
    assert.deepEqual(one.findings.map((f) => [f.locations[0]?.path, f.evidence["overlay"]]), [["deploy/base/deployment.yaml", "deploy/overlays/dev"]]);
  });
});

// A chart kustomize inflates (`helmCharts:`, kubectl.docs.kubernetes.io "helmCharts"): a folder per
// chart in the chart home (`charts/` beside the kustomization unless helmGlobals.chartHome says).
const CHART = {
  "deploy/charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
  "deploy/charts/app/values.yaml": "podSecurityContext: {}\nsecurityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\n",
  "deploy/charts/app/templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app
  namespace: {{ .Release.Namespace }}
spec:
  template:
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: app
          image: example.org/app:1.0.0
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`,
};
const inflating = (entry: string, rest = ""): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nhelmCharts:\n  - name: app\n    releaseName: web\n${entry}${rest}`;

describe("kustomize helmCharts", () => {
  it("renders a chart of the checkout with the entry's inline values, and points at them", async () => {
    const { findings } = await ruleRunner(privileged)({
      ...CHART,
      "deploy/kustomization.yaml": inflating("    namespace: shop\n    valuesInline:\n      securityContext:\n        privileged: true\n"),
    });
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["overlay"], f.evidence["template"]]),
      [["deploy/kustomization.yaml", 9, "deploy", "deploy/charts/app/templates/deployment.yaml"]],
    );
    assert.match(findings[0]?.message ?? "", /^Deployment\/web-app \(Helm chart deploy\/charts\/app, as kustomize overlay deploy inflates it\): container "app" runs privileged/);
  });

  it("reads valuesFile and additionalValuesFiles in kustomize's order: defaults, the values file with the inline values over it, then each additional file", async () => {
    const fromFile = await ruleRunner(privileged)({
      ...CHART,
      "deploy/kustomization.yaml": inflating("    valuesFile: values/prod.yaml\n"),
      "deploy/values/prod.yaml": "# production\nsecurityContext:\n  privileged: true\n",
    });
    assert.deepEqual(fromFile.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["deploy/values/prod.yaml", 3]]);

    const overridden = await ruleRunner(privileged)({
      ...CHART,
      "deploy/kustomization.yaml": inflating("    valuesFile: values/prod.yaml\n    additionalValuesFiles:\n      - values/harden.yaml\n    valuesInline:\n      securityContext:\n        privileged: true\n"),
      "deploy/values/prod.yaml": "securityContext:\n  privileged: false\n",
      "deploy/values/harden.yaml": "securityContext:\n  privileged: false\n",
    });
    assert.deepEqual(overridden.findings, [], "an additional values file is applied after the inline values");
    assert.equal(overridden.outcome, "pass");

    // valuesMerge: merge keeps the values file's keys over the inline ones; replace drops the file.
    const merged = await ruleRunner(privileged)({ ...CHART, "deploy/kustomization.yaml": inflating("    valuesMerge: merge\n    valuesInline:\n      securityContext:\n        privileged: true\n") });
    assert.deepEqual(merged.findings, []);
    const replaced = await ruleRunner(privileged)({
      ...CHART,
      "deploy/kustomization.yaml": inflating("    valuesFile: prod.yaml\n    valuesMerge: replace\n    valuesInline:\n      replicas: 2\n"),
      "deploy/prod.yaml": "securityContext:\n  privileged: true\n",
    });
    assert.deepEqual(replaced.findings, []);
  });

  it("judges nothing more where the inline values harden the chart: only its own defaults are reported", async () => {
    const { findings } = await ruleRunner(runAsRoot)({
      ...CHART,
      "deploy/kustomization.yaml": inflating("    valuesInline:\n      podSecurityContext:\n        runAsNonRoot: true\n"),
    });
    assert.ok(findings.length > 0);
    assert.deepEqual(findings.filter((f) => f.evidence["overlay"] !== undefined), []);
    assert.ok(findings.every((f) => /default values/.test(f.message) && f.locations[0]?.path.startsWith("deploy/charts/app/")));
  });

  it("reports a finding the chart's defaults and the overlay's render share at one line once, as the chart's", async () => {
    const { findings } = await ruleRunner(privileged)({
      ...CHART,
      "deploy/charts/app/values.yaml": "podSecurityContext: {}\nsecurityContext:\n  privileged: true\n",
      "deploy/kustomization.yaml": inflating("    valuesInline:\n      replicas: 2\n"),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["overlay"]]), [["deploy/charts/app/values.yaml", 3, undefined]]);
  });

  it("applies the overlay's patches to the chart's objects, and finds pulled charts where kustomize puts them", async () => {
    const pulled = Object.fromEntries(Object.entries(CHART).map(([k, v]) => [k.replace("deploy/charts/app/", "deploy/helm/app-1.0.0/app/"), v]));
    const { findings } = await ruleRunner(privilegeEscalation)({
      ...pulled,
      "deploy/kustomization.yaml": inflating(
        "    version: 1.0.0\n    repo: https://charts.example.org\n",
        "helmGlobals:\n  chartHome: helm\npatches:\n  - path: debug.yaml\n",
      ),
      "deploy/debug.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            allowPrivilegeEscalation: true\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["overlay"]]), [["deploy/debug.yaml", 11, "deploy"]]);
  });
});

describe("kustomize's order of transformers (configureBuiltinTransformers: patches, namespace, names, patchesJson6902, images, replacements)", () => {
  const deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.org/app:1.0.0\n";
  const versions = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: versions\ndata:\n  image: registry.example.org/app:latest\n";
  const replace = "replacements:\n  - source:\n      kind: ConfigMap\n      name: versions\n      fieldPath: data.image\n    targets:\n      - select:\n          kind: Deployment\n          name: web\n        fieldPaths:\n          - spec.template.spec.containers.[name=app].image\n";
  const images = (name: string) => `images:\n  - name: ${name}\n    newTag: "2.0.0"\n`;

  it("writes a replacement's image after images: has run, so images: does not rewrite it", async () => {
    // Same kustomization: images: pins app at 2.0.0, then the replacement writes :latest over it.
    const same = await ruleRunner(mutableTag)({ "k/deployment.yaml": deployment, "k/versions.yaml": versions, "k/kustomization.yaml": `resources:\n  - deployment.yaml\n  - versions.yaml\n${images("registry.example.org/app")}${replace}` });
    assert.deepEqual(same.findings.map((f) => /image \S+/.exec(f.message)?.[0]), ["image registry.example.org/app:latest"]);
    // A base's replacement, then an overlay's images: the overlay's entry rewrites what the replacement wrote.
    const later = await ruleRunner(mutableTag)({
      "k/base/deployment.yaml": deployment,
      "k/base/versions.yaml": versions,
      "k/base/kustomization.yaml": `resources:\n  - deployment.yaml\n  - versions.yaml\n${replace}`,
      "k/prod/kustomization.yaml": `resources:\n  - ../base\n${images("registry.example.org/app")}`,
    });
    assert.deepEqual(later.findings.filter((f) => f.evidence["overlay"] === "k/prod"), []);
  });

  it("applies patchesJson6902 after namePrefix, so its target names the prefixed object", async () => {
    const r = await ruleRunner(privileged)({
      "k/base/deployment.yaml": deployment,
      "k/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
      "k/prod/kustomization.yaml": "resources:\n  - ../base\nnamePrefix: prod-\npatchesJson6902:\n  - target:\n      group: apps\n      version: v1\n      kind: Deployment\n      name: prod-web\n    path: debug.yaml\n",
      "k/prod/debug.yaml": "- op: add\n  path: /spec/template/spec/containers/0/securityContext\n  value:\n    privileged: true\n",
    });
    assert.deepEqual(r.findings.map((f) => [f.locations[0]?.path, f.evidence["overlay"]]), [["k/prod/debug.yaml", "k/prod"]]);
  });
});

describe("a kustomization's namespace:", () => {
  const workload = (ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n${ns}spec:\n  template:\n    spec:\n      serviceAccountName: api\n      containers:\n        - name: api\n          image: registry.example.org/api:1.0.0\n`;
  const binding = (ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: api\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: api\nsubjects:\n  - kind: ServiceAccount\n    name: api\n    namespace: ${ns}\n`;

  it("moves the workloads it holds, so a binding in that namespace is the workload's", async () => {
    // As written the Deployment is in staging and its account bound in prod: kustomize deploys it to prod.
    const r = await ruleRunner(serviceAccountToken)({ "k/deployment.yaml": workload("  namespace: staging\n"), "k/rbac.yaml": binding("prod"), "k/kustomization.yaml": "namespace: prod\nresources:\n  - deployment.yaml\n  - rbac.yaml\n" });
    assert.deepEqual(r.findings, []);
    // Moved to prod, an account bound only in another namespace is not the workload's.
    const other = await ruleRunner(serviceAccountToken)({ "k/deployment.yaml": workload(""), "k/rbac.yaml": binding("monitoring"), "k/kustomization.yaml": "namespace: prod\nresources:\n  - deployment.yaml\n  - rbac.yaml\n" });
    assert.deepEqual(other.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["k/deployment.yaml", 9]]);
  });

  it("moves binding subjects named default with it (kustomize's defaultOnly mode)", async () => {
    const r = await ruleRunner(serviceAccountToken)({
      "k/deployment.yaml": workload("  namespace: staging\n").replace("      serviceAccountName: api\n", ""),
      "k/rbac.yaml": binding("other").replace("name: api\n    namespace", "name: default\n    namespace"),
      "k/kustomization.yaml": "namespace: prod\nresources:\n  - deployment.yaml\n  - rbac.yaml\n",
    });
    assert.deepEqual(r.findings, []);
  });

  it("past the bound on rendered objects, judges overlays that only set namespaces as written, with nothing unknown", async () => {
    // Files of 5,000 objects (a file holds at most 10,000 documents), rendered by two overlays.
    const many = (file: number) => Array.from({ length: 5_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${file}-${i}\n`).join("---\n");
    const r = await ruleRunner(serviceAccountToken)({
      "k/base/a.yaml": many(1),
      "k/base/b.yaml": many(2),
      "k/base/deployment.yaml": workload("  namespace: staging\n"),
      "k/base/rbac.yaml": binding("staging"),
      "k/base/kustomization.yaml": "resources:\n  - a.yaml\n  - b.yaml\n  - deployment.yaml\n  - rbac.yaml\n",
      "k/a/kustomization.yaml": "namespace: a\nresources:\n  - ../base\n",
      "k/b/kustomization.yaml": "namespace: b\nresources:\n  - ../base\n",
    });
    assert.deepEqual([r.findings, r.outcome], [[], "pass"]);
  });

  it("moves a binding's ServiceAccount subject with the account it names (kubebuilder's namespace: system)", async () => {
    const account = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: system\n";
    const files = { "config/manager/deployment.yaml": workload("  namespace: system\n"), "config/rbac/account.yaml": account, "config/rbac/binding.yaml": binding("system"), "config/default/kustomization.yaml": "namespace: app-system\nresources:\n  - ../manager/deployment.yaml\n  - ../rbac/account.yaml\n  - ../rbac/binding.yaml\n" };
    assert.deepEqual((await ruleRunner(serviceAccountToken)(files)).findings, []);
    // Without the account in the overlay, nothing moves the subject: the workload's account in app-system is not the one bound in system.
    const unmoved = await ruleRunner(serviceAccountToken)({ ...files, "config/default/kustomization.yaml": files["config/default/kustomization.yaml"].replace("  - ../rbac/account.yaml\n", "") });
    assert.deepEqual(unmoved.findings.map((f) => f.locations[0]?.path), ["config/manager/deployment.yaml"]);
  });
});
