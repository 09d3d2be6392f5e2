import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../src/rules/index.js";
import { FIXTURE_NOW } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const rules = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules);

// A library chart of shared helpers, written after the Helm documentation's library chart example.
const library = (name: string) => ({
  "Chart.yaml": `apiVersion: v2\nname: ${name}\ntype: library\nversion: 1.0.0\n`,
  "templates/_secctx.tpl": '{{- define "lib.securityContext" -}}\n{{- omit .secContext "enabled" | toYaml -}}\n{{- end -}}\n',
  // Helm renders none of a library's templates: this privileged pod must not be judged.
  "templates/example.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: example\nspec:\n  containers:\n    - name: x\n      image: x:1\n      securityContext:\n        privileged: true\n",
});

const app = (repository: string) => ({
  "Chart.yaml": `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: 1.x.x\n    repository: ${repository}\n`,
  "values.yaml": "containerSecurityContext:\n  enabled: true\n  privileged: true\n",
  "templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
          securityContext: {{- include "lib.securityContext" (dict "secContext" .Values.containerSecurityContext) | nindent 12 }}
`,
});

const under = (dir: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));

async function privileged(files: Record<string, string>) {
  const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
  const result = a.rules.find((r) => r.id === "deploy/privileged-container");
  return { outcome: result?.outcome, reason: result?.reason ?? "", findings: a.findings.filter((f) => f.ruleId === "deploy/privileged-container").map((f) => `${f.locations[0]?.path}:${f.locations[0]?.startLine}`) };
}

describe("Helm chart dependencies that charts/ does not hold", () => {
  it("take their helpers from a library chart of the same name elsewhere in the checkout (a monorepo's common)", async () => {
    const r = await privileged({ ...under("charts/web", app("oci://registry.example.org/charts")), ...under("charts/lib", library("lib")) });
    assert.deepEqual(r.findings, ["charts/web/values.yaml:3"]);
    assert.equal(r.outcome, "fail");
  });

  it("follow a file:// repository to a library chart, whatever its folder is called", async () => {
    const r = await privileged({ ...under("deploy/web", app("file://../../shared/helpers")), ...under("shared/helpers", library("lib")) });
    assert.deepEqual(r.findings, ["deploy/web/values.yaml:3"]);
  });

  it("without one, say the securityContext cannot be judged", async () => {
    const r = await privileged({ ...under("web", app("file://../../../outside")), ...under("other", library("other-name")) });
    assert.deepEqual(r.findings, []);
    assert.equal(r.outcome, "incomplete");
    assert.match(r.reason, /securityContext is the output of template "lib\.securityContext", which is not in the chart/);
  });
});
