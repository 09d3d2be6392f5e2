import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/privileged-container.js";
import { deployment } from "../../helpers/deploy-manifests.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deploy/privileged-container", () => {
  it("takes a Compose service's settings through a merge key where a custom tag (!reset) sends the file to the full parser, at the service's own lines", async () => {
    const compose = "x-base: &base\n  privileged: true\nservices:\n  db:\n    image: postgres:16\n  web:\n    <<: *base\n    image: web:1\n    cap_add: !reset []\n  api:\n    image: api:1\n    privileged: true\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [7, 12]);
    assert.match(findings[0]?.message ?? "", /^Compose service "web": runs privileged \(privileged: true\), taken through the merge key <<: \*base \(written at line 2\)/);
    assert.match(findings[1]?.message ?? "", /^Compose service "api": runs privileged \(privileged: true\) \[CN8-3\]/);
  });

  it("places each of thousands of Compose services' findings at its own line (placed within the service, not searched from the top)", async () => {
    const services = Array.from({ length: 3000 }, (_, i) => `  s${i}:\n    image: busybox:1.36\n${i % 1000 === 999 ? "    privileged: true\n" : ""}`).join("");
    const { findings } = await run({ "compose.yaml": `services:\n${services}  s1:\n    image: dup\n    privileged: true\n` });
    const lines = findings.map((f) => [f.locations[0]?.startLine, /service "(\w+)"/.exec(f.message)?.[1]]);
    // Service i's key is on line 2 + 2i, plus one line for each privileged service before it; the name written twice keeps the last entry, and says so.
    assert.deepEqual(lines, [[2002, "s999"], [4003, "s1999"], [6004, "s2999"], [6007, "s1"]]);
    assert.match(findings[3]?.message ?? "", /^Compose service "s1": runs privileged \(privileged: true\).*written twice, also at line 4/);
  });

  it("names the resource, the container, the line, the CN8 principle and the PSS control", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const k8s = findings.find((f) => f.locations[0]?.path === "deploy/agent.yaml");
    assert.equal(k8s?.message, 'DaemonSet/agent: container "agent" runs privileged (securityContext.privileged: true) [CN8-3; PSS baseline: Privileged Containers]');
    assert.deepEqual(k8s?.locations[0], { path: "deploy/agent.yaml", startLine: 32, startColumn: 13 });
    assert.equal(k8s?.evidence["principle"], "CN8-3 Selecting insecure configuration is a conscious decision");
    assert.equal(k8s?.evidence["control"], "PSS baseline: Privileged Containers");
    assert.match(k8s?.fix ?? "", /privileged: false/);
    assert.ok(findings.some((f) => f.locations[0]?.path === "docker-compose.yml" && f.message.includes('service "agent"')));
  });

  it("judges the Compose files a compose file extends or includes, whatever their names, and says when one is missing", async () => {
    const { findings, outcome, assessment } = await run({
      "docker-compose.yml": "include:\n  - path: ops/monitoring.yaml\n  - ../elsewhere/compose.yml\nservices:\n  web:\n    extends:\n      file: common/services.yml\n      service: base\n    image: web:1\n  worker:\n    extends:\n      file: common/gone.yml\n      service: base\n",
      "common/services.yml": "services:\n  base:\n    image: base:1\n    privileged: true\n",
      "ops/monitoring.yaml": "services:\n  node-exporter:\n    image: exporter:1\n    privileged: true\n",
    });
    // common/services.yml is only extended from: its base service does not run, the service extending it does.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["docker-compose.yml", 6], ["ops/monitoring.yaml", 4]]);
    assert.match(findings.find((f) => f.locations[0]?.path === "docker-compose.yml")?.message ?? "", /service "web": runs privileged \(privileged: true\), taken through extends from service "base" \(common\/services\.yml:4\)/);
    assert.equal(outcome, "fail");
    assert.match(assessment.rules[0]?.reason ?? "", /docker-compose\.yml: takes services from common\/gone\.yml, which is not in the checkout/);
    assert.match(assessment.rules[0]?.reason ?? "", /docker-compose\.yml: includes \.\.\/elsewhere\/compose\.yml, a file outside the checkout, so the services it adds cannot be judged/, "a path above the checkout is not followed, and is named");
  });

  it("names what it cannot follow: a base or include outside the checkout or set by a variable, a remote include, references past the cap", async () => {
    const reasonOf = async (compose: string): Promise<string> => (await run({ "compose.yaml": compose })).assessment.rules[0]?.reason ?? "";
    const included = await run({ "compose.yaml": "include:\n  - oci://registry.example/stack:1\n  - path: ${STACK_DIR}/extra.yml\nservices:\n  local:\n    image: local:1\n    privileged: true\n" });
    assert.deepEqual(included.findings.map((f) => f.locations[0]?.startLine), [7], "what can be read is still judged");
    assert.match(included.assessment.rules[0]?.reason ?? "", /compose\.yaml: includes oci:\/\/registry\.example\/stack:1, which Compose fetches and a scan never does, so the services it adds cannot be judged; compose\.yaml: includes \$\{STACK_DIR\}\/extra\.yml, a path set by a variable/);
    assert.match(await reasonOf("services:\n  web:\n    image: web:1\n    extends:\n      file: ../shared/base.yml\n      service: base\n"), /compose\.yaml:4:5: service "web" extends "base" from \.\.\/shared\/base\.yml, a file outside the checkout, so what it inherits cannot be judged/);
    assert.match(await reasonOf("services:\n  job:\n    image: job:1\n    extends:\n      file: ${BASE_FILE:-base.yml}\n      service: base\n"), /service "job" extends "base" from \$\{BASE_FILE:-base\.yml\}, a path set by a variable/);
    const many: Record<string, string> = { "compose.yaml": `services:\n${Array.from({ length: 70 }, (_, i) => `  s${i}:\n    extends:\n      file: parts/p${i}.yml\n      service: s\n`).join("")}` };
    for (let i = 0; i < 70; i++) many[`parts/p${i}.yml`] = "services:\n  s:\n    image: s:1\n";
    const capped = await run(many);
    assert.match(capped.assessment.rules[0]?.reason ?? "", /references more Compose files than the 64 followed per scan; the services built on parts\/p64\.yml and the rest cannot be judged/);
  });

  it("merges extends as Compose does: same-file bases run too, an override wins, cycles and missing bases are refused", async () => {
    const { findings, assessment } = await run({
      "compose.yaml": "services:\n  base:\n    image: app:1\n    privileged: true\n  web:\n    extends: base\n  safe:\n    extends:\n      service: base\n    privileged: false\n  deeper:\n    extends: web\n  a:\n    extends: b\n  b:\n    extends: a\n  lost:\n    extends: nowhere\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message.split(":")[0]]), [
      [4, 'Compose service "base"'],
      [6, 'Compose service "web"'],
      [12, 'Compose service "deeper"'],
    ]);
    assert.equal(findings[2]?.evidence["inheritedFrom"], "compose.yaml:4", "a chain is followed to the service that wrote it");
    const reason = assessment.rules[0]?.reason ?? "";
    assert.match(reason, /compose\.yaml:16:5: service "b" extends itself through a → b → a/);
    assert.match(reason, /compose\.yaml:18:5: service "lost" extends "nowhere", which compose\.yaml does not define/);
    const self = await run({ "compose.yaml": "services:\n  a:\n    image: a:1\n    extends: a\n" });
    assert.match(self.assessment.rules[0]?.reason ?? "", /service "a" extends itself through a → a/);
  });

  it("refuses every service of an extends cycle alike, and those built on it: none is judged, each is named (fail closed)", async () => {
    const { findings, outcome, assessment } = await run({
      "compose.yaml": "services:\n  a:\n    image: a:1\n    privileged: true\n    extends: b\n  b:\n    image: b:1\n    privileged: true\n    extends: a\n  c:\n    extends: a\n    privileged: true\n  lost:\n    image: l:1\n    privileged: true\n    extends: nowhere\n  fine:\n    image: f:1\n    privileged: true\n",
    });
    // Only the service Compose can load is judged; the others make the rule incomplete, never passed.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.message.split(":")[0]]), [[19, 'Compose service "fine"']]);
    assert.equal(outcome, "fail");
    const reason = assessment.rules[0]?.reason ?? "";
    assert.match(reason, /compose\.yaml:5:5: service "a" extends itself through .*Compose refuses the cycle, so the service cannot be judged/);
    assert.match(reason, /compose\.yaml:9:5: service "b" extends itself through .*Compose refuses the cycle, so the service cannot be judged/);
    assert.match(reason, /compose\.yaml:11:5: service "c" extends "a", whose own extends Compose refuses, so the service cannot be judged/);
    assert.match(reason, /and 1 more/, "the missing base is the fourth");
  });

  it("points a setting a YAML merge key brings at that key in the service, naming the anchor's line", async () => {
    const { findings } = await run({
      "docker-compose.yml": "x-defaults: &defaults\n  restart: always\n  privileged: true\n\nservices:\n  web:\n    image: nginx:1.25\n    <<: *defaults\n  worker:\n    <<: [*defaults]\n    image: busybox:1.36\n    privileged: false\n  job:\n    image: job:1\n    <<:\n      - *defaults\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.message]), [
      [8, 5, 'Compose service "web": runs privileged (privileged: true), taken through the merge key <<: *defaults (written at line 3) [CN8-3]'],
      [15, 5, 'Compose service "job": runs privileged (privileged: true), taken through the merge key <<: (written at line 3) [CN8-3]'],
    ]);
    assert.equal(findings[0]?.evidence["mergedFromLine"], "3");
  });

  it("judges the default a Compose variable gives, at medium confidence, unless a .env file may set it", async () => {
    const compose = "services:\n  a:\n    image: a:1\n    privileged: ${PRIVILEGED:-true}\n  b:\n    image: b:1\n    privileged: ${PRIVILEGED:-false}\n  c:\n    image: c:1\n    privileged: ${PRIVILEGED}\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.confidence, f.message]), [
      [4, "medium", 'Compose service "a": runs privileged (privileged: true) (the default of ${PRIVILEGED:-true}, used unless the variable is set) [CN8-3]'],
    ]);
    const withEnv = await run({ "ops/compose.yaml": compose, "ops/.env": "PRIVILEGED=false\n" });
    assert.deepEqual(withEnv.findings, []);
  });

  it("reads a Compose key written twice as Compose v1 did (the last), and says Compose v2 refuses the file", async () => {
    const { findings } = await run({ "compose.yaml": "services:\n  a:\n    image: a:1\n    privileged: false\n    restart: always\n    privileged: true\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["duplicateKeyLines"]]), [[6, "4"]]);
    assert.match(findings[0]?.message ?? "", /written twice, also at line 4: Compose v2 refuses the file, v1 applied the last one/);
  });

  it("judges a file both included and extended from as part of the project", async () => {
    const { findings } = await run({
      "docker-compose.yml": "include:\n  - common.yml\nservices:\n  web:\n    extends:\n      file: common.yml\n      service: agent\n",
      "common.yml": "services:\n  agent:\n    image: agent:1\n    privileged: true\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["common.yml", 4], ["docker-compose.yml", 5]]);
  });

  it("judges and points at the last of a key written twice, as Kubernetes applies it, and says so", async () => {
    const { findings } = await run({
      "a.yaml": deployment({ name: "a", containerSc: "            privileged: true\n            runAsNonRoot: true\n            privileged: false\n" }),
      "b.yaml": deployment({ name: "b", containerSc: "            privileged: false\n            runAsNonRoot: true\n            privileged: true\n" }),
    });
    assert.equal(findings.length, 1);
    const at = findings[0]?.locations[0]?.startLine ?? 0;
    assert.equal(findings[0]?.locations[0]?.path, "b.yaml");
    assert.match(findings[0]?.message ?? "", new RegExp(`runs privileged \\(securityContext\\.privileged: true\\) \\(a key on this path is written twice, also at line ${at - 2}: Kubernetes applies the last one`));
    assert.equal(findings[0]?.evidence["duplicateKeyLines"], String(at - 2));
  });

  it("points a finding in a JSON manifest or a flow-style one at the key's own line and column", async () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"},\n  "spec": {\n    "containers": [\n      {"name": "x", "image": "x:1"},\n      {\n        "name": "c",\n        "securityContext": {\n          "privileged": true\n        }\n      }\n    ]\n  }\n}\n';
    const flow = "apiVersion: v1\nkind: Pod\nmetadata: {name: f}\nspec: {\n  containers: [\n    {name: c, image: \"x:1\", securityContext: {\n      privileged: true}}\n  ]\n}\n";
    const { findings } = await run({ "pod.json": json, "flow.yaml": flow });
    assert.deepEqual(findings.map((f) => f.locations[0]).sort((a, b) => (a?.path ?? "").localeCompare(b?.path ?? "")), [
      { path: "flow.yaml", startLine: 7, startColumn: 7 },
      { path: "pod.json", startLine: 11, startColumn: 11 },
    ]);
  });

  it("reads YAML 1.1 booleans as Kubernetes does, in init containers and List items", async () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: debug
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
          securityContext:
            privileged: yes
      containers:
        - name: main
          image: busybox:1.36
`;
    const { findings } = await run({ "pod.yaml": list });
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [['Pod/debug: init container "setup" runs privileged (securityContext.privileged: true) [CN8-3; PSS baseline: Privileged Containers]', 13]]);
  });

  it("points a Helm chart's finding at the values.yaml line that sets it", async () => {
    const { findings } = await runRule(rule, fixtureDir("deploy/missing-network-policy", "bad"));
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]?.locations[0], { path: "charts/web/values.yaml", startLine: 14, startColumn: 3 });
    assert.match(findings[0]?.message ?? "", /^Deployment\/release-name-web \(Helm chart charts\/web, default values\): container "web" runs privileged/);
  });

  it("stays quiet about privileged: false, other kinds with the same shape, and non-manifest YAML", async () => {
    const { findings, outcome } = await run({
      "k8s/ok.yaml": deployment({ containerSc: "            privileged: false\n" }),
      "crd.yaml": deployment({ apiVersion: "example.com/v1", containerSc: "            privileged: true\n" }),
      ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo privileged: true\n",
      "config.yaml": "kind: Config\nprivileged: true\n",
    });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("judges manifests under test/ and examples/ at low confidence", async () => {
    const { findings } = await run({ "examples/agent.yaml": deployment({ containerSc: "            privileged: true\n" }) });
    assert.equal(findings[0]?.confidence, "low");
  });

  it("is incomplete, with the position, when a manifest does not parse, and judges the other documents", async () => {
    const text = `${deployment({ name: "a", containerSc: "            privileged: true\n" })}---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n`;
    const { findings, outcome, assessment } = await run({ "k8s/all.yaml": text });
    assert.equal(findings.length, 1);
    assert.equal(outcome, "fail");
    assert.match(assessment.rules[0]?.reason ?? "", /k8s\/all\.yaml:\d+:\d+: a document does not parse as YAML/);
    // …and the diagnostics list says it once, with the position, as for a file that fails whole.
    const parseErrors = assessment.diagnostics.filter((d) => d.code === "parse-error");
    assert.equal(parseErrors.length, 1);
    assert.equal(parseErrors[0]?.path, "k8s/all.yaml");
    assert.equal(typeof parseErrors[0]?.line, "number");
    assert.match(parseErrors[0]?.message ?? "", /^a document does not parse as YAML/);
  });

  it("shows a name part not known statically (a test pod's randAlphaNum suffix) as …, not as an internal marker", async () => {
    // Helm's chart-test docs put `{{ randAlphaNum 5 | lower }}` in test pod names so runs do not collide.
    const { findings } = await run({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": "sc:\n  privileged: true\n",
      "web/templates/tests/probe.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test-{{ randAlphaNum 5 | lower }}\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers:\n    - name: probe-{{ randAlphaNum 3 | lower }}\n      image: busybox:1.36\n      securityContext: {{- toYaml .Values.sc | nindent 8 }}\n',
    });
    assert.match(findings[0]?.message ?? "", /^Pod\/web-test-… \(Helm chart web, default values\): container "probe-…" runs privileged/);
  });

  it("places a container a values string writes through tpl at that value in values.yaml, not at the string's offsets in the template", async () => {
    // Helm's `tpl` renders a values string as a template: its text was written in values.yaml.
    const { findings } = await run({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": "replicas: 1\nextraContainers: |\n  - name: sidecar\n    image: \"busybox:{{ .Chart.Version }}\"\n    securityContext:\n      privileged: true\n",
      "web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: busybox:1.36\n        {{- tpl .Values.extraContainers . | nindent 8 }}\n",
    });
    assert.deepEqual(findings.map((f) => [f.message.slice(0, 40), f.locations[0]?.path, f.locations[0]?.startLine]), [["Deployment/web (Helm chart web, default ", "web/values.yaml", 2]]);
  });

  it("places a security context a helper builds with dict and set at the value or constant that makes it privileged", async () => {
    // Sprig's `set` adds a key to a dict in place; a helper that builds the context this way and
    // writes it with toYaml was placed at the toYaml line, far from the `true` or the value.
    const helpers = [
      '{{- define "agent.securityContext" -}}',
      "{{- $sc := dict -}}",
      '{{- if eq .Values.driver "module" -}}',
      '{{- $_ := set $sc "privileged" true -}}',
      "{{- end -}}",
      "{{- toYaml $sc -}}",
      "{{- end -}}",
    ].join("\n");
    const template = (name: string, sc: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: ${name}\n      image: busybox:1.36\n      securityContext:\n        {{- ${sc} | nindent 8 }}\n`;
    const { findings } = await run({
      "agent/Chart.yaml": "apiVersion: v2\nname: agent\nversion: 0.1.0\n",
      "agent/values.yaml": "driver: module\nloader:\n  privileged: true\n",
      "agent/templates/_helpers.tpl": helpers,
      "agent/templates/a.yaml": template("a", 'include "agent.securityContext" .'),
      "agent/templates/b.yaml": template("b", 'toYaml (dict "privileged" .Values.loader.privileged)'),
    });
    assert.deepEqual(
      findings.map((f) => [f.message.slice(0, 5), f.locations[0]?.path, f.locations[0]?.startLine]),
      [
        ["Pod/a", "agent/templates/_helpers.tpl", 4],
        ["Pod/b", "agent/values.yaml", 3],
      ],
    );
  });

  it("places a container a chart renders from its own files (.Files.Get, .Files.Glob) at its line in that file", async () => {
    // Helm's docs (Accessing Files Inside Templates) render files of the chart with .Files.Get and .Files.Glob.
    const { findings } = await run({
      "agent/Chart.yaml": "apiVersion: v2\nname: agent\nversion: 0.1.0\n",
      "agent/values.yaml": "extra: true\n",
      "agent/manifests/debug.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n",
      "agent/templates/extra.yaml": '{{- range $path, $_ := .Files.Glob "manifests/*.yaml" }}\n---\n{{ $.Files.Get $path }}\n{{- end }}\n',
    });
    assert.deepEqual(findings.map((f) => [f.message.slice(0, 9), f.locations[0]?.path, f.locations[0]?.startLine]), [["Pod/debug", "agent/manifests/debug.yaml", 10]]);
  });

  it("says when a Compose service starts only with a profile, an opt-in, at medium confidence", async () => {
    const compose = "services:\n  app:\n    image: app:1\n    privileged: true\n  debug:\n    image: busybox:1.36\n    profiles: [debug, tools]\n    privileged: true\n";
    const { findings } = await run({ "compose.yaml": compose });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.confidence]), [[4, "high"], [8, "medium"]]);
    assert.match(findings[1]?.message ?? "", /"debug" \(started only with profile debug or tools\)/);
  });

  it("merges the default override file over the base, as docker compose does without -f, and judges the merge once", async () => {
    const { findings } = await run({
      "compose.yaml": "services:\n  app:\n    image: app:1\n  db:\n    image: postgres:16\n    privileged: true\n  cache:\n    image: redis:7\n    privileged: true\n",
      "compose.override.yaml": "services:\n  app:\n    privileged: true\n  db:\n    privileged: false\n  cache:\n    privileged: true\n  tools:\n    image: tools:1\n    privileged: true\n",
      // Read only with -f: judged alone, never merged.
      "docker-compose.prod.yml": "services:\n  app:\n    privileged: false\n",
      "other/docker-compose.yml": "services:\n  web:\n    image: web:1\n",
      "other/compose.override.yaml": "services:\n  web:\n    privileged: true\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.message.split(":")[0]]).sort(), [
      ["compose.override.yaml", 10, 'Compose service "tools"'],
      ["compose.override.yaml", 3, 'Compose service "app"'],
      ["compose.override.yaml", 7, 'Compose service "cache"'],
      ["other/compose.override.yaml", 3, 'Compose service "web"'],
    ]);
    const app = findings.find((f) => f.message.includes('"app"'));
    assert.match(app?.message ?? "", /set by compose\.override\.yaml, which docker compose merges over compose\.yaml by default/);
    assert.equal(app?.evidence["mergedWith"], "compose.override.yaml");
  });

  it("takes the override's extends before merging, and the first default file of a folder as the base", async () => {
    const { findings } = await run({
      "docker-compose.yml": "services:\n  app:\n    image: app:1\n",
      "docker-compose.yaml": "services:\n  app:\n    image: app:1\n    privileged: true\n",
      "docker-compose.override.yml": "services:\n  app:\n    extends:\n      file: dev.yml\n      service: debug\n",
      "dev.yml": "services:\n  debug:\n    privileged: true\n",
    });
    // docker-compose.yaml is not what compose reads when docker-compose.yml is there: judged alone.
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]).sort(), [["docker-compose.override.yml", 3], ["docker-compose.yaml", 4]]);
    assert.match(findings.find((f) => f.locations[0]?.path === "docker-compose.override.yml")?.message ?? "", /taken through extends from service "debug" \(dev\.yml:3\)/);
  });

  it("follows COMPOSE_FILE in the folder's .env: the files it names are the pair, the default override is not read", async () => {
    const files = {
      "docker-compose.yml": "services:\n  app:\n    image: app:1\n",
      "docker-compose.override.yml": "services:\n  app:\n    privileged: true\n",
      "docker-compose.prod.yml": "services:\n  app:\n    privileged: true\n    restart: always\n",
    };
    const named = await run({ ...files, ".env": "# which files docker compose reads\nCOMPOSE_FILE=docker-compose.yml:docker-compose.prod.yml\n" });
    // Both files are judged, the prod one merged into the base (its line), the override alone (its line).
    assert.deepEqual(named.findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["mergedWith"]]).sort(), [
      ["docker-compose.override.yml", 3, undefined],
      ["docker-compose.prod.yml", 3, "docker-compose.prod.yml"],
    ]);
    const plain = await run({ ...files, ".env": "TAG=1\n" });
    assert.deepEqual(plain.findings.map((f) => [f.locations[0]?.path, f.evidence["mergedWith"]]).sort(), [
      ["docker-compose.override.yml", "docker-compose.override.yml"],
      ["docker-compose.prod.yml", undefined],
    ]);
  });

  it("merges the default override over a service the base brings in with include", async () => {
    const { findings } = await run({
      "compose.yaml": "include:\n  - ops/db.yaml\nservices:\n  app:\n    image: app:1\n",
      "ops/db.yaml": "services:\n  db:\n    image: postgres:16\n",
      "compose.override.yaml": "services:\n  db:\n    privileged: true\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["mergedWith"]]), [["compose.override.yaml", 3, "compose.override.yaml"]]);
  });

  it("is incomplete, not passed, on a manifest it cannot read as text (too large, binary), judges a UTF-16 one, and is quiet on other unread YAML", async () => {
    const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: a\n      image: busybox\n      securityContext:\n        privileged: true\n";
    const utf16 = (s: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
    // A UTF-16 file with its byte order mark (PowerShell's `>`) is read as the text it is.
    const wide = await run({ "deploy/pod.yaml": utf16(manifest) });
    assert.deepEqual([wide.outcome, wide.findings.map((f) => f.locations[0]?.startLine)], ["fail", [10]]);
    assert.equal((await run({ "deploy/pod.yaml": Buffer.from(`${manifest}\u0000\u0000\u0000`) })).outcome, "incomplete");
    const padded = `${manifest}# ${"x".repeat(9 * 1024 * 1024)}\n`;
    const big = await run({ "deploy/pod.yaml": padded });
    assert.equal(big.outcome, "incomplete");
    assert.match(big.assessment.rules.find((r) => r.id === rule.meta.id)?.reason ?? "", /deploy\/pod\.yaml.*read limit/);
    // A large OpenAPI document is no manifest: it does not hold the check back.
    assert.equal((await run({ "api/openapi.yaml": `openapi: 3.0.0\n# ${"x".repeat(9 * 1024 * 1024)}\n`, "deploy/pod.yaml": manifest.replace("true", "false") })).outcome, "pass");
  });
});
