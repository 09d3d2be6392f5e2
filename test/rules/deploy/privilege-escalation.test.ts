import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../../../src/core/apply-edits.js";
import { parseManifest } from "../../../src/ecosystems/kubernetes/manifest.js";
import { rule } from "../../../src/rules/deploy/privilege-escalation.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/privilege-escalation", () => {
  it("reports a missing allowPrivilegeEscalation at the container's securityContext, and an explicit true at its line", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            readOnlyRootFilesystem: true\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            allowPrivilegeEscalation: true\n" }),
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.message]), [
      ["a.yaml", 27, 'Deployment/a: container "a" does not set allowPrivilegeEscalation: false, so setuid binaries can raise its privileges [CN8-7; PSS restricted: Privilege Escalation]'],
      ["b.yaml", 28, 'Deployment/b: container "b" allows privilege escalation (allowPrivilegeEscalation: true) [CN8-7; PSS restricted: Privilege Escalation]'],
    ]);
    assert.equal(findings[1]?.edits, undefined, "an explicit choice is not overwritten");
  });

  it("points a chart's securityContext from values.yaml at its own key there, not at the child toYaml writes first", async () => {
    const { findings } = await run({
      "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "values.yaml": "image: registry.example.org/web:1.0.0\n# the container's\nsecurityContext:\n  runAsNonRoot: true\n  capabilities:\n    drop: [ALL]\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]), [{ path: "values.yaml", startLine: 3, startColumn: 1 }]);
  });

  it("points a field a chart's values toggle off (containerSecurityContext.enabled: false) at that toggle, as the line that decides", async () => {
    const chart = (enabled: string) => ({
      "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
      "values.yaml": `podSecurityContext:\n  enabled: true\n  fsGroup: 1001\ncontainerSecurityContext:\n  enabled: ${enabled}\n  allowPrivilegeEscalation: false\nsidecar:\n  securityContext: {}\n`,
      "templates/deploy.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      {{- if .Values.podSecurityContext.enabled }}
      securityContext: {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 8 }}
      {{- end }}
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
          {{- if .Values.containerSecurityContext.enabled }}
          securityContext: {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 12 }}
          {{- end }}
        - name: sidecar
          image: registry.example.org/side:1.0.0
          {{- with .Values.sidecar.securityContext }}
          securityContext: {{- toYaml . | nindent 12 }}
          {{- end }}
`,
    });
    const off = await run(chart("false"));
    assert.deepEqual(off.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, /container "(\w+)"/.exec(f.message)?.[1]]), [
      ["values.yaml", 5, "web"],
      ["values.yaml", 8, "sidecar"],
    ]);
    // Turned on, the web container is hardened; the sidecar's empty map still decides.
    assert.deepEqual((await run(chart("true"))).findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["values.yaml", 8]]);
    // Each pass of a range over the same branch points at its own value.
    const ranged = await run({
      "Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n",
      "values.yaml": "components:\n  api:\n    hardened: false\n  worker:\n    hardened: false\n",
      "templates/c.yaml": "{{- range $name, $c := .Values.components }}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ $name }}\nspec:\n  containers:\n    - name: {{ $name }}\n      image: example/{{ $name }}:1.0\n      {{- if $c.hardened }}\n      securityContext:\n        allowPrivilegeEscalation: false\n      {{- end }}\n{{- end }}\n",
    });
    assert.deepEqual(ranged.findings.map((f) => [f.locations[0]?.startLine, /container "(\w+)"/.exec(f.message)?.[1]]), [[3, "api"], [5, "worker"]]);
  });

  it("points into a JSON manifest but edits none: a block-style line would break it", async () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [{"name": "p", "image": "x:1",\n    "securityContext":\n      {"runAsNonRoot": true}}]}\n}\n';
    const { findings } = await run({ "p.json": text });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.edits]), [[6, 5, undefined]]);
  });

  it("skips Windows pods, where the field does not apply", async () => {
    const { findings } = await run({ "w.yaml": deployment({ podSpec: "      os:\n        name: windows\n", containerSc: "            runAsNonRoot: true\n" }) });
    assert.deepEqual(findings, []);
  });

  for (const [name, text] of [
    ["an existing securityContext", deployment({ containerSc: "            readOnlyRootFilesystem: true\n" })],
    ["no securityContext at all", `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: busybox:1.36\n      args: ["sleep", "1"]\n`],
    ["an indentless container list and CRLF line ends", "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: p\r\n    image: busybox:1.36\r\n"],
  ] as const) {
    it(`fixes ${name}: the file still parses and the rule no longer fires`, async () => {
      const { findings } = await run({ "p.yaml": text });
      const edits = findings.flatMap((f) => f.edits ?? []);
      assert.equal(edits.length, 1);
      const fixed = applyEdits(text, edits).text;
      assert.ok(parseManifest(fixed).docs.every((d) => !d.error));
      assert.deepEqual((await run({ "p.yaml": fixed })).findings, []);
    });
  }

  it("offers no edit where Kubernetes would refuse it (privileged or CAP_SYS_ADMIN)", async () => {
    const { findings } = await run({ "p.yaml": deployment({ containerSc: "            privileged: true\n" }) });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.edits, undefined);
    // …and the YAML it suggests is one Kubernetes accepts: privileged goes first.
    assert.match(findings[0]?.fix ?? "", /privileged: false[^\n]*\n  allowPrivilegeEscalation: false/);
  });
});
