import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SourceMap } from "../../../src/ecosystems/helm/located.js";
import { Renderer, type RenderEnv } from "../../../src/ecosystems/helm/template-exec.js";
import { semverSatisfies } from "../../../src/ecosystems/helm/template-functions.js";
import { parseTemplate, TemplateSyntaxError } from "../../../src/ecosystems/helm/template-parse.js";
import { readValues, toYaml } from "../../../src/ecosystems/helm/values.js";

/** Renders a template with values (and helpers) the way the chart loader does. */
function render(src: string, values = "", helpers = "") {
  const env: RenderEnv = { defines: new Map(), unresolved: [], files: new Map([["files/app.conf", "port=8080\n"]]), parse: parseTemplate, steps: 0 };
  for (const [k, nodes] of parseTemplate(helpers).defines) env.defines.set(k, { nodes, path: "templates/_helpers.tpl" });
  const t = parseTemplate(src);
  for (const [k, nodes] of t.defines) env.defines.set(k, { nodes, path: "templates/t.yaml" });
  const root = { v: { Values: readValues(values, "values.yaml"), Release: { Name: "rel", Namespace: "default" }, Chart: { Name: "app", AppVersion: "1.0.0" }, Capabilities: { KubeVersion: { Version: "v1.31.0" } } }, o: undefined };
  const out = new Renderer(env, "templates/t.yaml").render(t.nodes, root, root);
  const map = new SourceMap();
  for (const r of out.runs) map.push(r.text, r.origin);
  return { text: map.output, map, env };
}

describe("Helm templates, rendered statically", () => {
  it("trims whitespace around {{- -}} and drops comments", () => {
    assert.equal(render("a:\n  {{- /* note */ -}}\n  b\n{{- if true }}\nc: 1\n{{- end }}\n").text, "a:b\nc: 1\n");
  });

  it("evaluates if/else if/else, with, range over maps (sorted) and lists, variables and $", () => {
    const src = `{{- $n := .Values.name -}}
{{- if eq .Values.mode "a" }}A{{ else if eq .Values.mode "b" }}B{{ else }}C{{ end }}
{{- with .Values.labels }}{{ range $k, $v := . }} {{ $k }}={{ $v }}{{ end }}{{ end }}
{{- range $i, $p := .Values.ports }} {{ $i }}:{{ $p }}{{ end }} {{ $n }} {{ $.Chart.Name }}`;
    assert.equal(render(src, "mode: b\nname: web\nlabels:\n  z: 1\n  a: 2\nports: [80, 443]\n").text, "B a=2 z=1 0:80 1:443 web app");
  });

  it("includes defines with pipelines into nindent, and maps every line back to values.yaml", () => {
    const helpers = '{{- define "app.labels" -}}\napp: {{ .Chart.Name }}\nrel: {{ .Release.Name }}\n{{- end }}';
    const src = "metadata:\n  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\nsecurityContext:\n  {{- toYaml .Values.sc | nindent 2 }}\n";
    const values = "sc:\n  runAsUser: 0\n  capabilities:\n    add: [NET_ADMIN]\n";
    const r = render(src, values, helpers);
    assert.equal(r.text, "metadata:\n  labels:\n    app: app\n    rel: rel\nsecurityContext:\n  capabilities:\n    add:\n    - NET_ADMIN\n  runAsUser: 0\n");
    const at = (needle: string) => r.map.originAt(r.text.indexOf(needle));
    assert.deepEqual(at("runAsUser"), { path: "values.yaml", offset: values.indexOf("runAsUser") });
    // A flow list is placed at its key, on the same line.
    const net = at("NET_ADMIN");
    assert.equal(net?.path, "values.yaml");
    assert.equal(values.slice(0, net?.offset).split("\n").length, values.slice(0, values.indexOf("NET_ADMIN")).split("\n").length);
    assert.equal(at("rel: rel")?.path, "templates/_helpers.tpl");
  });

  it("places a map built with dict, set, merge or deepCopy at the values or constants it holds, not at its toYaml", () => {
    // Falco's and Argo CD's style: a security context assembled in a helper, then written whole.
    const values = "uid: 0\nsc:\n  privileged: true\nextra:\n  capabilities:\n    add: [SYS_ADMIN]\n";
    const src = [
      "{{- $built := dict \"runAsUser\" .Values.uid }}",
      "{{- $_ := set $built \"privileged\" true }}",
      "a:",
      "  {{- toYaml $built | nindent 2 }}",
      "b:",
      "  {{- toYaml (mergeOverwrite (deepCopy .Values.sc) .Values.extra) | nindent 2 }}",
      "",
    ].join("\n");
    const r = render(src, values);
    assert.equal(r.text, "\na:\n  privileged: true\n  runAsUser: 0\nb:\n  capabilities:\n    add:\n    - SYS_ADMIN\n  privileged: true\n");
    const lineOf = (needle: string, from = 0) => {
      const o = r.map.originAt(r.text.indexOf(needle, from));
      const text = o?.path === "values.yaml" ? values : src;
      return `${o?.path}:${text.slice(0, o?.offset).split("\n").length}`;
    };
    assert.equal(lineOf("runAsUser"), "values.yaml:1");
    assert.equal(lineOf("privileged"), "templates/t.yaml:2");
    assert.equal(lineOf("privileged", r.text.indexOf("b:")), "values.yaml:3");
    assert.equal(lineOf("SYS_ADMIN"), "values.yaml:6");
  });

  it("places `print` of one value at that value, as charts write `tpl (print $value) $` for env values", () => {
    const values = "env:\n  ADMIN_PASSWORD: admin\n";
    const r = render('{{- range $k, $v := .Values.env }}\n- name: {{ $k }}\n  value: {{ tpl (print $v) $ | quote }}\n  plain: {{ print $v "x" }}\n{{- end }}\n', values);
    assert.equal(r.text, "\n- name: ADMIN_PASSWORD\n  value: \"admin\"\n  plain: adminx\n");
    assert.equal(r.map.originAt(r.text.indexOf("admin\""))?.path, "values.yaml");
    // Several operands make new text: it stays the template's.
    assert.equal(r.map.originAt(r.text.indexOf("adminx"))?.path, "templates/t.yaml");
  });

  it("fails as Helm does on a field of a values key that is missing or null, but not across parentheses or on .Chart", () => {
    // Helm renders with missingkey=zero: `.Values.missing.key` is "nil pointer evaluating interface {}.key".
    assert.throws(() => render("privileged: {{ .Values.missing.key }}\n", "present: 1\n"), /nil pointer evaluating interface \{\}\.key: \.Values\.missing is not set/);
    assert.throws(() => render("{{ if .Values.a.b.c }}x{{ end }}", "a:\n  b: null\n"), /interface \{\}\.c/);
    assert.throws(() => render('{{ include "h" (dict "context" $) }}', "", '{{- define "h" -}}{{ .context.Values.sc.enabled }}{{- end -}}'), /interface \{\}\.enabled/);
    // Bitnami's guard: each parenthesised step is a new chain; a one-step miss and `$.Values.a.b` with `a` set are fine.
    assert.equal(render("{{ ((.Values.missing).key) }}|{{ .Values.missing }}|{{ $.Values.a.b }}|{{ .Chart.Annotations.x }}", "a: {}\n").text, "|||");
  });

  it("fails as Helm does on a field of a list or a scalar, instead of reading it as empty", () => {
    // A chart whose helper tests `.Values.collectors.secrets` while its values hold `collectors` as a
    // list: Go's text/template has no field of a slice, so `helm template` stops there.
    const helpers = '{{- define "rules" }}\n{{- if .Values.collectors.secrets }}\n- resources: [secrets]\n{{- end }}\n{{- end }}';
    assert.throws(() => render('rules: {{ include "rules" . | indent 2 }}\n', "collectors:\n  - pods\n  - secrets\n", helpers), /can't evaluate field secrets in type \[\]interface \{\}/);
    assert.throws(() => render("{{ range .Values.names }}{{ .name }}{{ end }}", "names: [a, b]\n"), /can't evaluate field name in type string/);
    assert.throws(() => render("{{ .Values.port.number }}", "port: 80\n"), /in type float64/);
    // Maps, missing keys of maps and values that cannot be known still read as before.
    assert.equal(render('{{ .Values.m.a }}|{{ .Values.m.b }}|{{ (dict "k" "v").k }}', "m:\n  a: 1\n").text, "1||v");
  });

  it("leaves nil arguments out of quote and squote, as Sprig v3 does", () => {
    // external-dns writes automountServiceAccountToken only when the value is set at all.
    const src = "{{- if not (quote .Values.automount | empty) }}automount: {{ .Values.automount }}{{ end }}|{{ quote .Values.unset }}|{{ squote .Values.unset }}|{{ quote .Values.a .Values.unset .Values.b }}|{{ quote false }}";
    assert.equal(render(src, "automount:\na: x\nb: 1\n").text, '|||"x" "1"|"false"');
    assert.equal(render(src, "automount: true\na: x\nb: 1\n").text, 'automount: true|||"x" "1"|"false"');
  });

  it("calls the output of include a string in typeOf and typeIs, as Go does", () => {
    // Bitnami-style render helpers branch on `typeIs "string" .value` before `tpl`.
    const helpers = '{{- define "h" -}}\nk: v\n{{- end -}}';
    assert.equal(render('{{ typeOf (include "h" .) }} {{ typeIs "string" (include "h" .) }} {{ printf "%T" (include "h" .) }}', "", helpers).text, "string true string");
  });

  it("prints operands as Go's fmt.Sprint does: a space only between two that are not strings", () => {
    // text/template's print is fmt.Sprint; `print .Values.port` alone is unchanged.
    assert.equal(render('{{ print 1 2 "a" "b" 3 .Values.p true }}', "p: 8080\n").text, "1 2ab3 8080 true");
  });

  it("knows the Sprig functions charts lean on", () => {
    const src = `{{ default "x" .Values.missing }} {{ .Values.s | trunc 3 | upper }} {{ printf "%s-%d" "a" 5 }} {{ list 1 2 | len }} {{ dict "k" "v" | toJson }} {{ ternary "y" "n" true }} {{ .Values.s | quote }} {{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.Version }} {{ coalesce "" .Values.s }} {{ hasKey .Values "s" }} {{ tpl "{{ .Chart.Name }}" . }} {{ b64enc "a" }}`;
    assert.equal(render(src, "s: hello\n").text, 'x HEL a-5 2 {"k":"v"} y "hello" true hello true app YQ==');
  });

  it("knows Sprig's float arithmetic, chunk and its aliases (trimall, osBase…); random integers are unresolved", () => {
    assert.equal(render('{{ divf 3 2 }} {{ addf 1.5 1 }} {{ mulf 2 1.25 }} {{ maxf 1 4.5 2 }} {{ chunk 2 (list 1 2 3) | toJson }} {{ trimall "-" "-a-" }} {{ osBase "a/b.txt" }}').text, "1.5 2.5 2.5 4.5 [[1,2],[3]] a b.txt");
    assert.equal(render("{{ randInt 1 9 }}").env.unresolved[0]?.reason, "a random value, different on every install");
  });

  it("leaves a chart's backtracking regular expressions unresolved instead of running them (ReDoS)", () => {
    // Exponential: alternation under a quantifier, on a value that almost matches.
    const alt = render('m: {{ regexFind "^(a|a)*$" .Values.s }}', `s: "${"a".repeat(40)}b"`);
    assert.match(alt.env.unresolved[0]?.reason ?? "", /^regular expression "\^\(a\|a\)\*\$" not evaluated/);
    // Polynomial: each unbounded quantifier multiplies the work, so long values are not searched.
    const poly = render('{{ regexFind ".*a.*a.*a.*a.*b" .Values.s }}', `s: "${"a".repeat(5000)}"`);
    assert.match(poly.env.unresolved[0]?.reason ?? "", /not run on 5000 characters/);
    // Ordinary chart patterns still run.
    assert.equal(render('{{ regexReplaceAll "[^a-z0-9-]+" .Values.name "-" }} {{ regexMatch "^v?[0-9]+\\.[0-9]+(-rc)?$" "v1.2" }} {{ regexFind "(http|https)?://[a-z.]+" "see https://x.io" }}', "name: My App").text, "-y-pp true https://x.io");
  });

  it("decides regexMatch with such an expression in linear time (Bitnami's semver test of an image tag)", () => {
    const alt = render('m: {{ regexMatch "^(a|a)*$" .Values.s }} {{ regexMatch "^(a|a)*$" "aaa" }}', `s: "${"a".repeat(5000)}b"`);
    assert.deepEqual([alt.text, alt.env.unresolved], ["m: false true", []]);
    const semver = "^([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$";
    const tags = ["2.3.1-debian-12-r0", "1.2", "latest", "1.2.3+build.7", "1.2.3-", "v1.2.3"];
    assert.equal(render(tags.map((t) => `{{ regexMatch \`${semver}\` "${t}" }}`).join(" ")).text, "true true false true false false");
    // Past what a match may cost, the answer is unknown rather than guessed.
    const long = render('{{ regexMatch "(x{1,100})+y" .Values.s }}', `s: "${"x".repeat(20_000)}"`);
    assert.match(long.env.unresolved[0]?.reason ?? "", /not run on 20000 characters/);
  });

  it("passes values it cannot know (required without default, random values) on as unresolved markers", () => {
    const r = render('pw: {{ required "a password" .Values.pw }}\nrand: {{ randAlphaNum 16 }}\n', "pw: \"\"\n");
    assert.match(r.text, /^pw: __assay_unresolved_0\nrand: __assay_unresolved_1\n$/);
    assert.deepEqual(r.env.unresolved.map((u) => u.reason), ["a required value with no default: a password", "a random value, different on every install"]);
  });

  it("knows a generated password or certificate is never empty, so conditions on it render, while what is computed from it stays unknown", () => {
    // Helm charts keep a password or a certificate a Secret already holds, else generate one: `if` on the generated value holds.
    const helpers = '{{- define "keep" -}}{{- if .value -}}{{ .value | toString | b64enc }}{{- else -}}none{{- end -}}{{- end -}}';
    const src = '{{- $ca := genCA "ca" 365 -}}{{- $cert := genSignedCert "web" nil nil 365 $ca -}}\ncrt: {{ include "keep" (dict "value" $cert.Cert) }}\npw: {{ include "keep" (dict "value" (randAlphaNum 16)) }}\n{{- if not (randAlpha 8) }}\nnever: true\n{{- end }}\n{{- if and $ca.Key (empty $ca.Cert | not) }}\nboth: true\n{{- end }}\n';
    const r = render(src, "", helpers);
    assert.equal(r.text, "crt: __assay_unresolved_0\npw: __assay_unresolved_1\nboth: true\n");
    assert.deepEqual(r.env.unresolved.map((u) => u.reason), ["a certificate generated on every install", "a random value, different on every install"]);
    // What a function makes of it may be empty: a comparison, a zero-length random string.
    assert.throws(() => render('{{ if eq (randAlphaNum 8) "x" }}a{{ end }}'), /condition depends on a value that cannot be known statically/);
    assert.throws(() => render("{{ if randAlphaNum 0 }}a{{ end }}"), /condition depends on a value that cannot be known statically/);
    assert.throws(() => render('{{ if trunc 0 (randAlphaNum 8) }}a{{ end }}'), /condition depends on a value that cannot be known statically/);
  });

  it("writes a template the chart lacks as an opaque marker, on its own line under nindent, and renders the rest", () => {
    const r = render('spec:\n  securityContext: {{- include "common.secctx" (dict "x" .Values.sc) | nindent 4 }}\n  image: {{ include "common.image" . }}\n{{ template "common.extra" . }}\nhostNetwork: {{ .Values.net }}\n', "net: true\n");
    assert.equal(r.text, "spec:\n  securityContext:\n    __assay_unresolved_0\n  image: __assay_unresolved_1\n__assay_unresolved_2\nhostNetwork: true\n");
    assert.deepEqual(
      r.env.unresolved.map((u) => [u.opaque, u.reason]),
      ["common.secctx", "common.image", "common.extra"].map((n) => [true, `the output of template "${n}", which is not in the chart or its charts/ folder`]),
    );
    // The older `| indent` form after a key: the marker still gets a line of its own, so the YAML parses.
    assert.equal(render('spec:\n{{- include "common.pullsecrets" . | indent 6 }}\n      containers: []\n').text, "spec:\n      __assay_unresolved_0\n      containers: []\n");
    // A value the renderer cannot know is one scalar, not any YAML.
    assert.equal(render('a: {{ required "x" .Values.a }}').env.unresolved[0]?.opaque, false);
  });

  it("takes a digest, base64 or quoting of a template the chart lacks as one unknown scalar, not any YAML", () => {
    // The checksum annotation charts put on pods: `checksum/config: {{ include "x" . | sha256sum }}`.
    const r = render('a: {{ include "common.cm" . | sha256sum }}\nb: {{ include "common.cm" . | b64enc }}\nc: {{ include "common.cm" . | quote }}\nd: {{ include "common.cm" . }}\n');
    assert.deepEqual(r.env.unresolved.map((u) => u.opaque), [false, false, false, true]);
    assert.match(r.env.unresolved[0]?.reason ?? "", /the output of template "common\.cm"/);
  });

  it("renders Sprig's sha512sum, abbrevboth and urlJoin as Sprig's documentation shows them", () => {
    // A checksum annotation written with sha512sum left the whole template (and its pod spec) unjudged.
    assert.equal(render('{{ "hello" | sha512sum }}').text, "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043");
    assert.equal(render('{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello world" }}').text, "...5678...|he...|");
    assert.equal(render('{{ urlJoin (dict "fragment" "fragment" "host" "host:80" "path" "/path" "query" "query" "scheme" "http") }}').text, "http://host:80/path?query#fragment");
    assert.equal(render("{{ urlParse .Values.u | urlJoin }}", 'u: "https://u@example.com:8443/a?b=1#c"\n').text, "https://u@example.com:8443/a?b=1#c");
  });

  it("refuses conditions on unresolved values, unknown functions and endless recursion with a position", () => {
    assert.throws(() => render('{{ if (required "x" .Values.x) }}a{{ end }}'), /condition depends on a value that cannot be known statically/);
    assert.throws(() => render("{{ frobnicate 1 }}"), /function "frobnicate" is not known/);
    assert.throws(() => render('{{ define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}'), /too deeply/);
  });

  it("charges the pieces an include copies into its caller to the step budget (defines that each include the next twice)", () => {
    // Twenty defines walk ~4M nodes, under the budget, but copy ~20M pieces of output up the calls.
    let helpers = "";
    for (let i = 0; i < 19; i++) helpers += `{{- define "t${i}" -}}{{ include "t${i + 1}" . }}{{ include "t${i + 1}" . }}{{- end -}}`;
    helpers += '{{- define "t19" -}}x{{- end -}}';
    assert.throws(() => render('name: {{ include "t0" . }}', "", helpers), /too many steps/);
  });

  it("charges each pass of a range to the step budget, even with an empty body", () => {
    assert.throws(() => render("{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}"), /too many steps/);
  });

  it("refuses parentheses nested past the bound as a syntax error at their position, not a stack overflow", () => {
    const src = "x: {{ " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }}";
    assert.throws(() => parseTemplate(src), (e: unknown) => e instanceof TemplateSyntaxError && /parentheses nested too deeply/.test(e.message) && e.offset === 6 + 200);
    assert.equal(render("{{ ((((1)))) }}").text, "1");
  });

  it("refuses to write whole a value that holds the same map over and over (2^200 nodes built in 200 steps)", () => {
    const build = '{{- $d := dict "k" "v" }}{{- range until 200 }}{{ $d = dict "a" $d "b" $d }}{{ end }}';
    for (const use of ["{{ $d | toJson }}", "{{ toYaml $d }}", "{{ $d }}", "{{ deepCopy $d }}", "{{ merge (dict) $d }}", "{{ toPrettyJson $d }}"]) {
      assert.throws(() => render(build + use), /a value too large to write whole/, use);
    }
    // Compared, it is walked in part only (Go's eq refuses maps outright).
    assert.equal(render(build + "{{ deepEqual $d $d }} {{ has $d (list $d) }}").text, "false false");
    assert.throws(() => render(build + "{{ eq $d $d }}"), /non-comparable types/);
    // Said where the template writes it, so the finding's line points there.
    for (const use of ["{{ $d | toJson }}", "{{ $d }}"]) assert.throws(() => render(build + use), (e: unknown) => e instanceof Error && "origin" in e && ((e.origin as { offset?: number } | undefined)?.offset ?? -1) >= build.length, use);
    // Strings and lists that double are stopped at their bound with a RenderError, before they are built.
    assert.throws(() => render('{{ "a" | repeat 100000 | repeat 100000 | len }}'), /a string grew past 1 MiB/);
    assert.throws(() => render('{{ $s := "ab" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ len $s }}'), /a string grew past 1 MiB/);
    assert.throws(() => render("{{ $l := list 1 }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}{{ len $l }}"), /a list grew past 100,000 items/);
    assert.equal(render('{{ repeat 3 "ab" }} {{ concat (list 1) (list 2) | len }} {{ append (list 1) 2 | len }}').text, "ababab 2 2");
    // A value of ordinary size is written as before.
    assert.equal(render('{{ $d := dict "a" (dict "b" 1) }}{{ $d | toJson }} {{ $d }}').text, '{"a":{"b":1}} map[a:map[b:1]]');
  });

  it("reports syntax errors with their offset", () => {
    try {
      parseTemplate("a: {{ if .x }}b");
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof TemplateSyntaxError);
      assert.match(e.message, /unclosed if/);
    }
    assert.throws(() => parseTemplate('a: {{ "unterminated }}'), TemplateSyntaxError);
  });

  it("writes toYaml the way Helm does: sorted keys, quoted ambiguous strings (YAML 1.1 booleans like y too), lists under their key", () => {
    // A plain `y:` key is the boolean true to Helm (its values are YAML 1.1): quoted, it stays "y".
    const v = readValues('b: "true"\na:\n  - x: 1\n    "y": "007"\n  - plain\nc: {}\n', "values.yaml");
    assert.equal(toYaml(v).toString(), 'a:\n- x: 1\n  "y": "007"\n- plain\nb: "true"\nc: {}');
  });

  it("merges as Sprig's mergo does: merge fills missing and Go-empty keys (false, 0, \"\", {}), mergeOverwrite replaces all", () => {
    const src = '{{ $d := dict "a" false "b" 0 "c" "" "d" "keep" "m" (dict) }}{{ $_ := merge $d (dict "a" true "b" 5 "c" "x" "d" "other" "e" 1 "m" "s") }}{{ toJson $d }} {{ toJson (mergeOverwrite (dict "a" true "l" (list 1)) (dict "a" false "l" (list))) }} {{ toJson (merge .Values.missing (dict "z" 1)) }}';
    assert.equal(render(src).text, '{"a":true,"b":5,"c":"x","d":"keep","e":1,"m":"s"} {"a":false,"l":[]} {"z":1}');
    // The pattern charts use for a container's defaults: a values.yaml `false` is taken over by the default.
    assert.equal(render("{{ toYaml (merge .Values.sc (dict \"runAsNonRoot\" true \"readOnlyRootFilesystem\" true)) }}", "sc:\n  runAsNonRoot: false\n  readOnlyRootFilesystem: true\n").text, "readOnlyRootFilesystem: true\nrunAsNonRoot: true");
  });

  it("writes a value not known statically inside toYaml or toJson as its marker, never as the renderer's own fields or null", () => {
    const r = render('{{ toYaml (dict "password" (randAlphaNum 10) "user" "app") }}|{{ toJson (dict "b" (include "missing" .) "a" "<x>&") }}|{{ toRawJson (dict "a" "<x>") }}');
    assert.equal(r.text, 'password: __assay_unresolved_0\nuser: app|{"a":"\\u003cx\\u003e\\u0026","b":"__assay_unresolved_1"}|{"a":"<x>"}');
    assert.match(r.env.unresolved[0]?.reason ?? "", /random value/);
    assert.equal(r.env.unresolved[1]?.opaque, true);
  });

  it("prints a value the chart does not set as Go's fmt does: empty on its own, <nil> through print, toString and printf", () => {
    assert.equal(render('[{{ .Values.unset }}] [{{ print .Values.unset }}] [{{ toString .Values.unset }}] [{{ printf "%v|%s|%d" .Values.unset .Values.unset .Values.unset }}] [{{ join "," (list "a" .Values.unset "b") }}] [{{ printf "%t" "x" }}] [{{ printf "%03d|%-4s|%4s|%+d|%05d" 7 "ab" "ab" 3 -42 }}]', "unset:\n").text, "[] [<nil>] [<nil>] [<nil>|%!s(<nil>)|%!d(<nil>)] [a,b] [%!t(string=x)] [007|ab  |  ab|+3|-0042]");
  });

  it("keeps a define a tpl string holds to that tpl's render, as Helm renders tpl in a copy of the templates", () => {
    const helpers = '{{- define "name" }}chart{{ end }}';
    const r = render('{{ tpl "{{ define \\"name\\" }}tpl{{ end }}{{ include \\"name\\" . }}" . }} {{ include "name" . }}', "", helpers);
    assert.equal(r.text, "tpl chart");
  });

  it("compares versions as charts' semverCompare does", () => {
    assert.ok(semverSatisfies(">=1.21-0", "v1.31.0"));
    assert.ok(!semverSatisfies("<1.19", "v1.31.0"));
    assert.ok(semverSatisfies("^1.2 || >=3", "1.9.0"));
    assert.ok(semverSatisfies("~1.31.0", "v1.31.4"));
    // A space between operator and version, as secrets-store-csi-driver's chart writes it against its image tag.
    assert.ok(semverSatisfies(">= v0.0.8-0", "v1.0.0-rc.0"));
    assert.ok(!semverSatisfies("< 1.19", "v1.31.0"));
    assert.ok(semverSatisfies(">= 1.2, < 2", "1.9.0"));
  });

  it("keeps pre-release versions out of constraints that name no pre-release, as Masterminds semver does", () => {
    // Bitnami's image tags are pre-releases to semver: `8.0.1-debian-12-r0` meets `>=8.0.0-0`, not `>=8.0.0`.
    assert.ok(!semverSatisfies(">=8.0.0", "8.0.1-debian-12-r0"));
    assert.ok(semverSatisfies(">=8.0.0-0", "8.0.1-debian-12-r0"));
    assert.ok(!semverSatisfies("<1.2.3", "1.2.3-rc.1"));
    assert.ok(semverSatisfies(">1.2.3-rc.1", "1.2.3-rc.2"));
    assert.ok(semverSatisfies(">1.2.3-rc.9", "1.2.3-rc.10"));
    assert.ok(semverSatisfies("=1.2.3-rc.1", "1.2.3-rc.1"));
    assert.ok(semverSatisfies(">=1.19.0-0", "1.19.0"));
    assert.ok(!semverSatisfies("<1.25.0-0", "1.25.0"));
  });

  it("survives hostile whitespace before a trim marker", () => {
    const src = `a${" ".repeat(200_000)}x{{- "b" }}`;
    assert.equal(render(src).text, `a${" ".repeat(200_000)}xb`);
  });
});
