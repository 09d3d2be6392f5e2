import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/missing-resource-limits.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const without = (text: string): string => text.replace(/ {10}resources:\n(?: {12}.*\n)+/, "");

describe("deploy/missing-resource-limits", () => {
  it("reports no resources at medium, no CPU setting at low, and accepts a missing CPU limit", async () => {
    const noCpu = deployment({ name: "c" }).replace("              cpu: 50m\n", "");
    const { findings } = await run({ "a.yaml": without(deployment({ name: "a" })), "b.yaml": deployment({ name: "b" }), "c.yaml": noCpu });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.message.replace(/^.*: container "\w" /, "")]), [
      ["a.yaml", "medium", "sets no CPU or memory requests or limits [CN8-7]"],
      ["c.yaml", "low", "sets no requests.cpu [CN8-7]"],
    ]);
  });

  it("points a chart's `resources: {}` default at values.yaml", async () => {
    const chart = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "resources: {}\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Chart.Name }}\nspec:\n  containers:\n    - name: app\n      image: x:1\n      resources: {{- toYaml .Values.resources | nindent 8 }}\n",
    };
    const { findings } = await run(chart);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.locations[0]?.path, "values.yaml");
  });

  it("points a `with .Values.resources` branch of a helper that writes the pod at values.yaml", async () => {
    // grafana's chart: the pod spec is a `define` in _pod.tpl, included with `nindent 6`, and
    // `{{- with .Values.resources }}` there leaves `resources:` out (no output comes from values.yaml).
    const chart = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "replicas: 1\nresources: {}\n",
      "templates/_pod.tpl": '{{- define "app.pod" -}}\ncontainers:\n  - name: app\n    image: x:1\n    {{- with .Values.resources }}\n    resources:\n      {{- toYaml . | nindent 6 }}\n    {{- end }}\nvolumes: []\n{{- end }}\n',
      "templates/deployment.yaml": 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      {{- include "app.pod" . | nindent 6 }}\n',
    };
    const { findings } = await run(chart);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["values.yaml", 2]]);
  });

  it("does not guess between two passes of one helper that different values turned off", async () => {
    const helper = '{{- define "app.container" -}}\n- name: {{ .name }}\n  image: x:1\n  {{- with (index .root.Values .name).resources }}\n  resources:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n{{- end }}\n';
    const chart = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "a:\n  resources: {}\nb:\n  resources: {}\n",
      "templates/_c.tpl": helper,
      "templates/pod.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    {{- include "app.container" (dict "name" "a" "root" $) | nindent 4 }}\n    {{- include "app.container" (dict "name" "b" "root" $) | nindent 4 }}\n',
    };
    const { findings } = await run(chart);
    // Each stays at the template (where the helper is called), not at the other container's value.
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["templates/pod.yaml", "templates/pod.yaml"]);
  });

  it("points a nested `resources: {}` default at its own line, not at the map holding it", async () => {
    // argo-rollouts' chart: `controller.resources: {}` under a comment, with the example limits commented out below it.
    const chart = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "controller:\n  replicas: 2\n  # -- Resource limits and requests\n  resources: {}\n  #  limits:\n  #    cpu: 100m\n  tolerations: []\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Chart.Name }}\nspec:\n  containers:\n    - name: app\n      image: x:1\n      resources:\n        {{- toYaml .Values.controller.resources | nindent 8 }}\n",
    };
    const { findings } = await run(chart);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["values.yaml", 4]]);
  });
});
