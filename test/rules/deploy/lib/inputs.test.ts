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
});
