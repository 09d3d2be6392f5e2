import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule as privilegeEscalation } from "../../../../src/rules/deploy/privilege-escalation.js";
import { rule as mutableTag } from "../../../../src/rules/deploy/mutable-image-tag.js";
import { rule as privileged } from "../../../../src/rules/deploy/privileged-container.js";
import { rule as runAsRoot } from "../../../../src/rules/deploy/run-as-root.js";
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

  it("applies patches by target and through components, and a JSON 6902 patch leaves what it writes unknown", async () => {
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
    assert.equal(json.outcome, "incomplete");
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
