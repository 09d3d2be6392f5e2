import assert from "node:assert/strict";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { memorySource } from "../../../src/core/memory-source.js";
import { renderChart } from "../../../src/ecosystems/helm/chart.js";
import { readValues } from "../../../src/ecosystems/helm/values.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../src/rules/index.js";
import { FIXTURE_NOW } from "../../helpers/run-rule.js";
import { tarGz } from "../../helpers/tar.js";
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

async function privileged(files: Record<string, string | Uint8Array>) {
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

  it("read packed subcharts (charts/*.tgz, as helm dependency build leaves them): a library's helpers and an application's workloads", async () => {
    const pack = (name: string, files: Record<string, string>) => tarGz(Object.entries(files).map(([k, data]) => ({ name: `${name}/${k}`, data })));
    const sub = {
      "Chart.yaml": "apiVersion: v2\nname: agent\nversion: 0.3.0\n",
      "templates/daemonset.yaml": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: registry.example.org/agent:0.3.0\n          securityContext:\n            privileged: true\n",
    };
    const r = await privileged({
      ...under("web", app("oci://registry.example.org/charts")),
      "web/charts/lib-1.0.0.tgz": pack("lib", library("lib")),
      "web/charts/agent-0.3.0.tgz": pack("agent", sub),
    });
    assert.deepEqual(r.findings, ["web/charts/agent-0.3.0.tgz/templates/daemonset.yaml:12", "web/values.yaml:3"]);
  });

  it("say a packed subchart that cannot be read makes the chart incomplete, and judge the rest", async () => {
    const r = await privileged({ ...under("web", app("file://../lib")), ...under("lib", library("lib")), "web/charts/broken-1.0.0.tgz": new TextEncoder().encode("not gzip") });
    assert.deepEqual(r.findings, ["web/values.yaml:3"]);
    assert.equal(r.outcome, "fail");
    assert.match(r.reason, /web\/charts\/broken-1\.0\.0\.tgz: is a packed subchart that cannot be read: it is not a gzip archive/);
  });

  it("bound archives inside archives by one budget for the chart", async () => {
    // Four copies of one archive that unpacks to 30 MiB: the fourth is past the budget.
    const big = tarGz([{ name: "big/Chart.yaml", data: "apiVersion: v2\nname: big\nversion: 1.0.0\n" }, { name: "big/big.bin", data: "#".repeat(30 * 1024 * 1024) }]);
    const outer = tarGz([{ name: "outer/Chart.yaml", data: "apiVersion: v2\nname: outer\nversion: 1.0.0\n" }, ...["a", "b", "c", "d"].map((n) => ({ name: `outer/charts/${n}-1.0.0.tgz`, data: big }))]);
    const r = await privileged({ ...under("web", app("file://../lib")), ...under("lib", library("lib")), "web/charts/outer-1.0.0.tgz": outer });
    assert.match(r.reason, /outer-1\.0\.0\.tgz\/charts\/d-1\.0\.0\.tgz: is a packed subchart past the 64 MiB the chart's archives may unpack to/);
    assert.deepEqual(r.findings, ["web/values.yaml:3"]);
  });

  it("answer .Capabilities.APIVersions.Has for a kind of a built-in version, as helm template does", async () => {
    const files = under("web", { ...app("file://../lib"), "templates/deployment.yaml": `{{- if .Capabilities.APIVersions.Has "apps/v1/Deployment" }}\n${app("")["templates/deployment.yaml"]}{{- end }}\n` });
    const r = await privileged({ ...files, ...under("lib", library("lib")) });
    assert.deepEqual(r.findings, ["web/values.yaml:3"]);
  });

  it("without one, say the securityContext cannot be judged", async () => {
    const r = await privileged({ ...under("web", app("file://../../../outside")), ...under("other", library("other-name")) });
    assert.deepEqual(r.findings, []);
    assert.equal(r.outcome, "incomplete");
    assert.match(r.reason, /securityContext is the output of template "lib\.securityContext", which is not in the chart/);
  });

  it("read a template whose missing include writes keys of their own line (a pod spec's imagePullSecrets): the pod is incomplete, the rest judged", async () => {
    // As Bitnami's charts do: `{{- include "<chart>.imagePullSecrets" . | nindent 6 }}` among the pod spec's keys.
    const deployment = app("")["templates/deployment.yaml"].replace("    spec:\n", '    spec:\n      {{- include "lib.imagePullSecrets" . | nindent 6 }}\n      hostNetwork: true\n');
    const files = under("web", { ...app("file://../../../outside"), "templates/deployment.yaml": deployment, "templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n" });
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
    const outcome = (id: string) => a.rules.find((r) => r.id === id);
    assert.equal(outcome("deploy/host-namespaces")?.outcome, "incomplete");
    assert.match(outcome("deploy/host-namespaces")?.reason ?? "", /spec\.template\.spec also holds the output of template "lib\.imagePullSecrets"/);
    assert.doesNotMatch(outcome("deploy/host-namespaces")?.reason ?? "", /does not parse/);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === "deploy/exposed-service").map((f) => f.locations[0]?.path), ["web/templates/service.yaml"]);
    assert.equal(outcome("deploy/exposed-service")?.outcome, "fail");
  });

  it("read a missing include that writes list items of their own line as one unknown item", async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
      volumes:
        - name: tmp
          emptyDir: {}
        {{- include "lib.extraVolumes" . | nindent 8 }}
`;
    const files = under("web", { ...app("file://../../../outside"), "templates/deployment.yaml": deployment });
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
    const hp = a.rules.find((r) => r.id === "deploy/host-path-volume");
    assert.equal(hp?.outcome, "incomplete");
    assert.match(hp?.reason ?? "", /spec\.template\.spec\.volumes\.1 is the output of template "lib\.extraVolumes"/);
    assert.equal(a.rules.find((r) => r.id === "deploy/mutable-image-tag")?.outcome, "pass");
  });

  it("render a template file included by its path, as the checksum annotations of pods do", async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    spec:
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
`;
    const files = under("web", { "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "templates/deployment.yaml": deployment, "templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: b\n" });
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
    const seccomp = a.rules.find((r) => r.id === "deploy/seccomp-profile");
    assert.equal(seccomp?.outcome, "fail");
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "web");
    assert.match(chart.templates.find((t) => t.path.endsWith("deployment.yaml"))?.output ?? "", /checksum\/config: [0-9a-f]{64}\n/);
    assert.deepEqual(a.findings.filter((f) => f.ruleId === "deploy/seccomp-profile").map((f) => f.locations[0]?.path), ["web/templates/deployment.yaml"]);
  });

  it("render a chart whose metadata is a Chart.template.yaml filled in at release time, instead of calling its templates broken manifests", async () => {
    const deployment = app("")["templates/deployment.yaml"].replace(/\{\{- include[^}]*\}\}/, "{{- omit .Values.containerSecurityContext \"enabled\" | toYaml | nindent 12 }}");
    const files = under("deploy/charts/web", { "Chart.template.yaml": "apiVersion: v2\nname: web\nversion: v0.1.0\nappVersion: v0.1.0\n", "values.yaml": app("")["values.yaml"], "templates/deployment.yaml": deployment });
    const r = await privileged(files);
    assert.deepEqual(r.findings, ["deploy/charts/web/values.yaml:3"]);
    assert.equal(r.outcome, "fail");
  });

  it(".Files.Glob cannot stall the scan on a long file name: many-wildcard patterns match nothing, long paths are not in .Files", async () => {
    const cm = (pattern: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n{{ (.Files.Glob "${pattern}").AsConfig | indent 2 }}\n`;
    const files = (pattern: string, name: string) => ({ "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n", "templates/cm.yaml": cm(pattern), [`files/${name}.txt`]: "x" });
    const render = (f: Record<string, string>) => renderChart(memorySource(new Map(Object.entries(f).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const bomb = await render(files("**a**a**a**a**a**a**b", "a".repeat(240)));
    assert.doesNotMatch(bomb.templates[0]?.output ?? "", /\.txt:/);
    const long = await render(files("files/*a*a*b", "a".repeat(400)));
    assert.doesNotMatch(long.templates[0]?.output ?? "", /\.txt:/);
    // An ordinary glob still reads the chart's files.
    assert.match((await render(files("files/*.txt", "app"))).templates[0]?.output ?? "", /app\.txt: x/);
    // Alternatives and classes, as Helm's glob library reads them.
    for (const pattern of ["files/*.{conf,txt}", "files/[a-c]pp.txt", "files/[!b]pp.txt", "**/app.txt", "files/ap?.txt"]) assert.match((await render(files(pattern, "app"))).templates[0]?.output ?? "", /app\.txt: x/, pattern);
    for (const pattern of ["files/*.{conf,yaml}", "files/[!a]pp.txt", "*/app.txt/*", "app.txt"]) assert.doesNotMatch((await render(files(pattern, "app"))).templates[0]?.output ?? "", /app\.txt/, pattern);
  });

  it("refuse a chart whose kubeVersion excludes the Kubernetes helm template renders for, as Helm does, and say so at the constraint", async () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1\n";
    const render = (constraint: string) =>
      renderChart(memorySource(new Map(Object.entries({ "Chart.yaml": `apiVersion: v2\nname: c\nversion: 1.0.0\nkubeVersion: "${constraint}"\n`, "templates/pod.yaml": pod }).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    for (const excluded of ["<1.25.0-0", ">=1.16.0-0 <1.25.0-0", "~1.28.0", "1.20 - 1.30", "^2.0", ">= 1.19, < 1.29 || >= 2"]) {
      const chart = await render(excluded);
      assert.equal(chart.templates.length, 0, excluded);
      assert.equal(chart.unreadable.length, 1, excluded);
      assert.match(chart.unreadable[0]?.problem ?? "", /requires kubeVersion .* which excludes Kubernetes v1\.31\.0/, excluded);
      assert.deepEqual([chart.unreadable[0]?.path, chart.unreadable[0]?.line], ["Chart.yaml", 4]);
    }
    // Met, or not read whole: rendered.
    for (const met of [">=1.19.0-0", ">= 1.21.0", "^1.20", "1.31.x", ">=1.25 <2", "<1.20 || >=1.30", "whatever"]) {
      const chart = await render(met);
      assert.deepEqual([chart.templates.length, chart.unreadable.length], [1, 0], met);
    }
  });

  it("keep the define Helm keeps: the parent chart's over a subchart's, and at one depth that of the file whose name sorts first", async () => {
    const files: Record<string, string> = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "templates/_b.tpl": '{{- define "shared.user" }}2000{{ end }}{{- define "own.user" }}3000{{ end }}',
      "templates/_a.tpl": '{{- define "own.user" }}1000{{ end }}',
      "templates/pod.yaml": "user: {{ include \"shared.user\" . }}\nown: {{ include \"own.user\" . }}\n",
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
      "charts/sub/templates/_helpers.tpl": '{{- define "shared.user" }}0{{ end }}{{- define "sub.group" }}5{{ end }}',
      // An empty define never replaces another in Go, even the parent's over a subchart's.
      "templates/_c.tpl": '{{- define "sub.group" }} {{ end }}',
      "charts/sub/templates/pod.yaml": "user: {{ include \"shared.user\" . }}\ngroup: {{ include \"sub.group\" . }}\n",
    };
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const out = (path: string) => chart.templates.find((t) => t.path === path)?.output;
    assert.equal(out("templates/pod.yaml"), "user: 2000\nown: 1000\n");
    // The subchart's own templates call the parent's define too: Helm has one set of names.
    assert.equal(out("charts/sub/templates/pod.yaml"), "user: 2000\ngroup: 5\n");
  });

  it("write .Files.AsConfig and AsSecrets through toYaml, as Helm does: sorted by base name, a file of many lines as a block", async () => {
    const files = {
      "Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
      "templates/cm.yaml": "data:\n  {{- (.Files.Glob \"conf/*\").AsConfig | nindent 2 }}\nbin:\n  {{- (.Files.Glob \"conf/b*\").AsSecrets | nindent 2 }}\n",
      "conf/b.conf": "listen 80;\nuser root;\n",
      "conf/a.txt": "true",
    };
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    assert.equal(chart.templates[0]?.output, `data:\n  a.txt: "true"\n  b.conf: |\n    listen 80;\n    user root;\nbin:\n  b.conf: ${Buffer.from(files["conf/b.conf"]).toString("base64")}\n`);
  });

  it("render a dependency as Helm's tags and conditions decide: a condition that is set wins, else any true tag enables and all false tags disable", async () => {
    // Helm's docs (Charts: Tags and Condition fields in dependencies), top chart's `tags:` only.
    const dep = (name: string, extra: string) => `  - name: ${name}\n    version: 1.0.0\n${extra}`;
    const files: Record<string, string> = {
      "Chart.yaml": `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n${[
        dep("offbytag", "    tags: [extras]\n"),
        dep("onbyonetag", "    tags: [extras, monitoring]\n"),
        dep("conditionwins", "    condition: conditionwins.enabled\n    tags: [extras]\n"),
        dep("untagged", "    tags: [other]\n"),
      ].join("")}`,
      "values.yaml": "tags:\n  extras: false\n  monitoring: true\nconditionwins:\n  enabled: true\n",
    };
    for (const name of ["offbytag", "onbyonetag", "conditionwins", "untagged"]) {
      files[`charts/${name}/Chart.yaml`] = `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;
      files[`charts/${name}/templates/cm.yaml`] = `kind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    }
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    assert.deepEqual(chart.templates.map((t) => t.path).sort(), ["charts/conditionwins/templates/cm.yaml", "charts/onbyonetag/templates/cm.yaml", "charts/untagged/templates/cm.yaml"]);
  });

  it("give the chart's own templates an installed subchart's defaults under its key, as Helm coalesces them, the parent's values winning", async () => {
    const files: Record<string, string> = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    alias: primary\n  - name: cache\n    version: 1.0.0\n    condition: cache.enabled\n",
      "values.yaml": "primary:\n  auth:\n    username: app\ncache:\n  enabled: false\n",
      "templates/cm.yaml": "kind: ConfigMap\nmetadata:\n  name: app\ndata:\n  user: {{ .Values.primary.auth.username }}\n  database: {{ .Values.primary.auth.database }}\n  cache: {{ .Values.cache.port | default \"off\" }}\n",
      "charts/db/Chart.yaml": "apiVersion: v2\nname: db\nversion: 1.0.0\n",
      "charts/db/values.yaml": "auth:\n  username: postgres\n  database: appdb\n",
      "charts/cache/Chart.yaml": "apiVersion: v2\nname: cache\nversion: 1.0.0\n",
      "charts/cache/values.yaml": "port: 6379\n",
    };
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const cm = chart.templates.find((t) => t.path === "templates/cm.yaml");
    // A disabled subchart is not installed: its defaults are not there.
    assert.deepEqual([cm?.error, cm?.output], [undefined, "kind: ConfigMap\nmetadata:\n  name: app\ndata:\n  user: app\n  database: appdb\n  cache: off\n"]);
  });

  it("read a dependency's condition from the subchart's own defaults when the parent does not set it, as Helm coalesces them", async () => {
    const files: Record<string, string> = {
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: cache\n    version: 1.0.0\n    condition: cache.enabled\n  - name: queue\n    version: 1.0.0\n    alias: jobs\n    condition: jobs.enabled\n  - name: db\n    version: 1.0.0\n    condition: db.enabled\n",
      "values.yaml": "db:\n  enabled: true\n",
    };
    for (const name of ["cache", "queue", "db"]) {
      files[`charts/${name}/Chart.yaml`] = `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`;
      // Off by its own default; the parent turns db back on.
      files[`charts/${name}/values.yaml`] = "enabled: false\n";
      files[`charts/${name}/templates/cm.yaml`] = `kind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    }
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    assert.deepEqual(chart.templates.map((t) => t.path), ["charts/db/templates/cm.yaml"]);
  });

  it("say a dependency installed by default that the checkout does not hold makes the chart incomplete: fetched from a repository, or a file:// folder above the checkout or missing", async () => {
    // Helm's docs (Charts: Chart dependencies): `helm dependency build` fetches them into charts/.
    const dep = (name: string, extra: string) => `  - name: ${name}\n    version: 1.0.0\n${extra}`;
    const files: Record<string, string> = {
      "app/Chart.yaml": `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n${[
        dep("redis", "    repository: https://charts.example.org/stable\n"),
        dep("postgresql", "    repository: oci://registry.example.org/charts\n    condition: postgresql.enabled\n"),
        dep("cache", "    alias: sessions\n    repository: https://charts.example.org/stable\n    condition: sessions.enabled\n"),
        dep("above", "    repository: file://../../outside\n"),
        dep("gone", "    repository: file://../gone\n"),
        dep("sibling", "    repository: file://../sibling\n"),
        dep("vendored", "    repository: https://charts.example.org/stable\n"),
        dep("packed", "    repository: https://charts.example.org/stable\n"),
        // Only its helpers are called, and no values configure it: a library like Bitnami's common.
        dep("common", "    repository: oci://registry.example.org/charts\n"),
        // Its helper is called too, but the values configure it: an application chart.
        dep("metrics", "    repository: oci://registry.example.org/charts\n"),
      ].join("")}`,
      "app/templates/cm.yaml": 'kind: ConfigMap\nmetadata:\n  name: {{ include "common.names.fullname" . }}\ndata:\n  metrics: {{ include "metrics.fullname" . }}\n',
      // Off by default: not installed, so nothing is missing.
      "app/values.yaml": "postgresql:\n  enabled: false\nsessions:\n  enabled: false\nmetrics:\n  port: 9090\n",
      "app/charts/vendored/Chart.yaml": "apiVersion: v2\nname: vendored\nversion: 1.0.0\n",
      "app/charts/packed-1.0.0.tgz": "",
      "sibling/Chart.yaml": "apiVersion: v2\nname: sibling\nversion: 1.0.0\n",
    };
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "app");
    const problems = chart.unreadable.filter((u) => u.path === "app/Chart.yaml").map((u) => `${u.line}:${u.column} ${u.problem}`);
    assert.deepEqual(problems, [
      '5:5 declares the dependency "redis" from https://charts.example.org/stable, which its charts/ folder does not hold (`helm dependency build` vendors it)',
      '17:5 declares the dependency "above" from file://../../outside, a folder outside the checkout',
      '20:5 declares the dependency "gone" from file://../gone, a folder the checkout does not hold',
      '35:5 declares the dependency "metrics" from oci://registry.example.org/charts, which its charts/ folder does not hold (`helm dependency build` vendors it)',
    ]);
  });

  it("import a dependency's values as import-values says (Helm docs: Importing Child Values via dependencies), the parent's own winning", async () => {
    const files: Record<string, string> = {
      "Chart.yaml": `apiVersion: v2
name: app
version: 1.0.0
dependencies:
  - name: backend
    version: 0.1.0
    import-values:
      - security
      - child: defaults.resources
        parent: shared.resources
  - name: store
    version: 0.1.0
    alias: cache
    import-values:
      - child: settings
        parent: cacheSettings
  - name: unused
    version: 0.1.0
    condition: unused.enabled
    import-values: [security]
`,
      "values.yaml": "pod:\n  runAsUser: 1000\ncache:\n  settings:\n    size: 2Gi\nunused:\n  enabled: false\n",
      "templates/cm.yaml": "kind: ConfigMap\nmetadata:\n  name: app\ndata:\n  nonRoot: {{ .Values.pod.runAsNonRoot | quote }}\n  user: {{ .Values.pod.runAsUser | quote }}\n  memory: {{ .Values.shared.resources.limits.memory | quote }}\n  size: {{ .Values.cacheSettings.size | quote }}\n  port: {{ .Values.cacheSettings.port | quote }}\n  off: {{ .Values.offOnly | default \"unset\" | quote }}\n",
      "charts/backend/Chart.yaml": "apiVersion: v2\nname: backend\nversion: 0.1.0\n",
      // The child imports from its own child first: the parent sees that too (processed bottom up).
      "charts/backend/values.yaml": "exports:\n  security:\n    pod:\n      runAsNonRoot: true\n      runAsUser: 0\ndefaults:\n  resources: {}\n",
      "charts/store/Chart.yaml": "apiVersion: v2\nname: store\nversion: 0.1.0\n",
      "charts/store/values.yaml": "settings:\n  size: 1Gi\n  port: 6379\n",
      "charts/unused/Chart.yaml": "apiVersion: v2\nname: unused\nversion: 0.1.0\n",
      "charts/unused/values.yaml": "exports:\n  security:\n    offOnly: set\n",
    };
    files["charts/backend/Chart.yaml"] += "dependencies:\n  - name: sizing\n    version: 0.1.0\n    import-values:\n      - child: memory\n        parent: defaults.resources.limits\n";
    files["charts/backend/charts/sizing/Chart.yaml"] = "apiVersion: v2\nname: sizing\nversion: 0.1.0\n";
    files["charts/backend/charts/sizing/values.yaml"] = "memory:\n  memory: 256Mi\n";
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const cm = chart.templates.find((t) => t.path === "templates/cm.yaml");
    assert.equal(cm?.error, undefined);
    assert.equal(cm?.output, 'kind: ConfigMap\nmetadata:\n  name: app\ndata:\n  nonRoot: "true"\n  user: "1000"\n  memory: "256Mi"\n  size: "2Gi"\n  port: "6379"\n  off: "unset"\n');
  });

  it("render a subchart once per alias it is declared under, each with its own values, as helm install does", async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `  - name: worker\n    version: 1.0.0\n    alias: w${i}\n`).join("");
    const files = (n: number): Record<string, string> => ({
      "Chart.yaml": `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n${aliases(n)}`,
      "values.yaml": "w0:\n  privileged: false\nw1:\n  privileged: true\n",
      "charts/worker/Chart.yaml": "apiVersion: v2\nname: worker\nversion: 1.0.0\n",
      "charts/worker/templates/pod.yaml": "privileged: {{ .Values.privileged | default false }}\n",
    });
    const render = (f: Record<string, string>) => renderChart(memorySource(new Map(Object.entries(f).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const two = await render(files(2));
    assert.deepEqual(two.templates.map((t) => t.output), ["privileged: false\n", "privileged: true\n"]);
    // Past eight aliases, each further one is said, not rendered.
    const many = await render(files(9));
    assert.equal(many.templates.length, 8);
    assert.deepEqual(many.unreadable.map((u) => `${u.path}:${u.line} ${u.problem}`), ['Chart.yaml:29 declares "worker" under one more alias (w8) than the 8 rendered']);
  });

  it("say a subchart in charts/ behind a link to a folder is not read, instead of leaving it out unseen", async () => {
    const outside = join(tmpdir(), `assay-subchart-${process.pid}`);
    mkdirSync(join(outside, "templates"), { recursive: true });
    writeFileSync(join(outside, "Chart.yaml"), "apiVersion: v2\nname: agent\nversion: 1.0.0\n");
    writeFileSync(join(outside, "templates/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: a\n      image: registry.example.org/agent:1.0.0\n      securityContext:\n        privileged: true\n");
    try {
      const dir = tmpDir({ "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: agent\n    version: 1.0.0\n    repository: https://charts.example.org/stable\n", "web/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n" });
      mkdirSync(join(dir, "web/charts"));
      symlinkSync(outside, join(dir, "web/charts/agent"));
      const a = await scan({ path: dir, policy: defaultPolicy(), rules, now: FIXTURE_NOW });
      const result = a.rules.find((x) => x.id === "deploy/privileged-container");
      assert.equal(result?.outcome, "incomplete");
      assert.equal(result?.reason, "web/charts/agent: is a symbolic link in charts/, which is not followed, so the chart's defaults could not be judged");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("judge an application chart of the checkout that an umbrella installs from file:// with the umbrella's values too, reporting only what they change", async () => {
    const api = {
      "Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n",
      "values.yaml": "privileged: false\n",
      "templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: c\n      image: registry.example.org/api:1.0.0\n      securityContext:\n        privileged: {{ .Values.privileged }}\n",
    };
    const umbrella = (values: string) => ({ "Chart.yaml": "apiVersion: v2\nname: umbrella\nversion: 1.0.0\ndependencies:\n  - name: api\n    version: 1.0.0\n    repository: file://../api\n", "values.yaml": values });
    assert.deepEqual((await privileged({ ...under("api", api), ...under("umbrella", umbrella("api:\n  privileged: true\n")) })).findings, ["umbrella/values.yaml:2"]);
    // Values that do not configure it: it is judged on its own only.
    assert.deepEqual((await privileged({ ...under("api", api), ...under("umbrella", umbrella("other: 1\n")) })).findings, []);
    // A finding the umbrella does not change is reported once, at the chart's own line.
    const bad = { ...api, "values.yaml": "privileged: true\n" };
    assert.deepEqual((await privileged({ ...under("api", bad), ...under("umbrella", umbrella("api:\n  replicas: 2\n")) })).findings, ["api/values.yaml:1"]);
  });

  it("read the dependencies of a Helm 2 chart from requirements.yaml: a condition there turns a vendored one off, a missing one is said", async () => {
    const files: Record<string, string> = {
      "Chart.yaml": "apiVersion: v1\nname: app\nversion: 1.0.0\n",
      "requirements.yaml": "dependencies:\n  - name: agent\n    version: 1.0.0\n    repository: https://charts.example.org/stable\n    condition: agent.enabled\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.org/stable\n",
      "values.yaml": "agent:\n  enabled: false\n",
      "charts/agent/Chart.yaml": "apiVersion: v1\nname: agent\nversion: 1.0.0\n",
      "charts/agent/templates/cm.yaml": "kind: ConfigMap\nmetadata:\n  name: agent\n",
    };
    const chart = await renderChart(memorySource(new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    assert.deepEqual(chart.templates.map((t) => t.path), []);
    assert.deepEqual(chart.unreadable.map((u) => `${u.path}:${u.line} ${u.problem}`), ['requirements.yaml:6 declares the dependency "redis" from https://charts.example.org/stable, which its charts/ folder does not hold (`helm dependency build` vendors it)']);
  });

  it(".Files is a map of the chart's own files, as Helm's loader builds it: range over a Glob, each subchart its own, no Chart.yaml or values.yaml", async () => {
    // Helm's docs (Accessing Files Inside Templates): `range $path, $_ := .Files.Glob "**.yaml"`
    // iterates the matched paths; a chart that ships manifests under files/ renders them this way.
    const render = (f: Record<string, string>) => renderChart(memorySource(new Map(Object.entries(f).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");
    const chart = await render({
      "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
      "values.yaml": "a: 1\n",
      "manifests/one.yaml": "kind: One\n",
      "manifests/two.yaml": "kind: Two\n",
      "templates/extra.yaml": '{{- range $path, $_ := .Files.Glob "manifests/*.yaml" }}\n# {{ $path }}\n{{ $.Files.Get $path }}{{- end }}\nn: {{ len (.Files.Glob "manifests/*") }}\nv: "{{ .Files.Get "values.yaml" }}{{ .Files.Get "Chart.yaml" }}"\n',
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
      "charts/sub/files/sc.yaml": "privileged: true\n",
      "charts/sub/templates/own.yaml": 'own: {{ .Files.Get "files/sc.yaml" | trim }}\nparent: "{{ .Files.Get "manifests/one.yaml" }}"\n',
    });
    const out = (path: string) => chart.templates.find((t) => t.path === path)?.output;
    assert.equal(out("templates/extra.yaml"), '\n# manifests/one.yaml\nkind: One\n\n# manifests/two.yaml\nkind: Two\n\nn: 2\nv: ""\n');
    assert.equal(out("charts/sub/templates/own.yaml"), 'own: privileged: true\nparent: ""\n');
  });
});

describe("Helm templates whose comment line trimming glues to the document", () => {
  it("read the object under `# comment` then `{{- if … -}}`, whose apiVersion Helm writes on the comment's line", async () => {
    const deployment = `# The web server, when enabled
{{- if .Values.enabled -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
          securityContext:
            privileged: true
{{- end }}
`;
    const r = await privileged(under("web", { "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "values.yaml": "enabled: true\n", "templates/deployment.yaml": deployment }));
    assert.deepEqual(r.findings, ["web/templates/deployment.yaml:14"]);
  });
});

describe("Helm values read as Helm reads them (Go's YAML v2: YAML 1.1 booleans)", () => {
  const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${spec}  containers:
    - name: web
      image: registry.example.org/web:1.0.0
      securityContext:
        {{- if .Values.hardened }}
        privileged: false
        {{- else }}
        privileged: true
        {{- end }}
`;
  const render = (values: string, template: string) =>
    renderChart(memorySource(new Map(Object.entries({ "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "values.yaml": values, "templates/pod.yaml": template }).map(([k, v]) => [k, new TextEncoder().encode(v)]))), "");

  it("take plain `no`, `off` and `n` as false and `yes`, `on` and `y` as true in values.yaml, so an `if` on them branches as helm template does", async () => {
    for (const [word, privileged] of [["off", true], ["no", true], ["n", true], ["NO", true], ["on", false], ["yes", false], ["Y", false]] as const) {
      const chart = await render(`hardened: ${word}\n`, pod(""));
      assert.match(chart.templates[0]?.output ?? "", privileged ? /privileged: true/ : /privileged: false/, word);
    }
  });

  it("keep a quoted `\"no\"` a string (truthy in a template), and `nO` a string too", async () => {
    for (const word of ['"no"', "'off'", "nO"]) {
      const chart = await render(`hardened: ${word}\n`, pod(""));
      assert.match(chart.templates[0]?.output ?? "", /privileged: false/, word);
    }
  });

  it("report no host network for `hostNetwork: no` behind an if, and privileged for `hardened: off` (scan)", async () => {
    const files = under("web", { "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n", "values.yaml": "hardened: off\nhostNetwork: no\n", "templates/pod.yaml": pod("  {{- if .Values.hostNetwork }}\n  hostNetwork: true\n  {{- end }}\n") });
    const a = await scan({ path: tmpDir(files), policy: defaultPolicy(), rules, now: FIXTURE_NOW });
    assert.deepEqual(a.findings.filter((f) => f.ruleId === "deploy/host-namespaces").length, 0);
    assert.equal(a.findings.filter((f) => f.ruleId === "deploy/privileged-container").length, 1);
  });

  it("turn plain `y`, `on` and `no` keys into \"true\" and \"false\", as Helm does (helm/helm#11054), and keep quoted ones", () => {
    assert.deepEqual(readValues('size:\n  x: 1\n  y: 2\n  "n": 3\n  off: 4\n', "values.yaml"), { size: { x: 1, true: 2, n: 3, false: 4 } });
  });

  it("read fromYaml text the same way", async () => {
    const chart = await render("", pod("").replace("{{- if .Values.hardened }}", '{{- if (fromYaml "hardened: off").hardened }}'));
    assert.match(chart.templates[0]?.output ?? "", /privileged: true/);
  });
});
