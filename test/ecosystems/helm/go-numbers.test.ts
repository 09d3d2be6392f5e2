import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatFloat, yamlFloat } from "../../../src/ecosystems/helm/go-numbers.js";
import { Renderer, type RenderEnv } from "../../../src/ecosystems/helm/template-exec.js";
import { parseTemplate } from "../../../src/ecosystems/helm/template-parse.js";
import { readValues, toYaml } from "../../../src/ecosystems/helm/values.js";

/** The text a template renders to with these values.yaml contents. */
function render(src: string, values = ""): string {
  const env: RenderEnv = { defines: new Map(), unresolved: [], files: new Map(), parse: parseTemplate, steps: 0 };
  const root = { v: { Values: readValues(values, "values.yaml"), Release: { Revision: 1n } }, o: undefined };
  return new Renderer(env, "templates/t.yaml").render(parseTemplate(src).nodes, root, root).toString();
}

const VALUES = "big: 1000000\nsmall: 100000\ntiny: 0.00001\nhalf: 0.5\nodd: 1234567.5\nreplicas: 1\nname: web\nlist: [a, b]\n";

describe("Go's numbers in Helm templates", () => {
  it("prints a float64 as Go's %v does: exponent form from a million up and under 1e-4", () => {
    assert.equal(formatFloat(1e6), "1e+06");
    assert.equal(formatFloat(999999), "999999");
    assert.equal(formatFloat(1234567), "1.234567e+06");
    assert.equal(formatFloat(0.0001), "0.0001");
    assert.equal(formatFloat(0.00001), "1e-05");
    assert.equal(formatFloat(1e21), "1e+21");
    assert.equal(formatFloat(1.5e300), "1.5e+300");
    assert.equal(formatFloat(-2.5), "-2.5");
    assert.equal(formatFloat(Infinity), "+Inf");
  });

  it("writes numbers of values.yaml as floats, and integer literals and integer math whole", () => {
    const src = "{{ .Values.big }} {{ .Values.small }} {{ .Values.tiny }} {{ 1000000 }} {{ .Values.big | int }} {{ int64 .Values.big }} {{ add .Values.big 1 }} {{ mul 1000 1000 }} {{ quote .Values.big }} {{ toString .Values.big }} {{ .Values.big | toJson }} {{ 1e6 }} {{ len .Values.list }} {{ .Release.Revision }}";
    assert.equal(render(src, VALUES), '1e+06 100000 1e-05 1000000 1000000 1000000 1000001 1000000 "1e+06" 1e+06 1000000 1e+06 2 1');
  });

  it("writes a float64 through toYaml as sigs.k8s.io/yaml does: whole numbers whole, others in %g form", () => {
    assert.equal(render("{{ toYaml .Values }}", "big: 1000000\nhalf: 0.5\nodd: 1234567.5\ntiny: 0.00001\n"), "big: 1000000\nhalf: 0.5\nodd: 1.2345675e+06\ntiny: 1e-05");
    assert.equal(yamlFloat(1e21), "1e+21");
    assert.equal(toYaml({ count: 3n }).toString(), "count: 3");
  });

  it("formats printf verbs as Go's fmt: %d wants an int, %s a string", () => {
    assert.equal(render('{{ printf "%d" .Values.big }}|{{ printf "%d" (int .Values.big) }}|{{ printf "%s" .Values.replicas }}|{{ printf "%v" .Values.big }}|{{ printf "%s" .Values.name }}', VALUES), "%!d(float64=1e+06)|1000000|%!s(float64=1)|1e+06|web");
  });

  it("fails eq and the orderings between a float64 of values.yaml and an integer literal, as helm template does", () => {
    for (const src of ["{{ eq .Values.replicas 1 }}", "{{ ne .Values.replicas 1 }}", "{{ gt .Values.replicas 1 }}", "{{ le .Values.replicas 1 }}", '{{ eq .Values.name 1 }}', "{{ lt .Values.missing 1 }}", "{{ lt true false }}"]) {
      assert.throws(() => render(src, VALUES), /error calling (eq|ne|gt|le|lt): (incompatible|invalid) type/, src);
    }
    // What charts write instead, and nil against anything, compare.
    assert.equal(render("{{ eq (int .Values.replicas) 1 }} {{ eq .Values.replicas 1.0 }} {{ gt (len .Values.list) 0 }} {{ eq .Values.missing 1 }} {{ eq .Values.name \"web\" }} {{ ge (.Values.replicas | int) 2 }} {{ eq 1 2 1 }}", VALUES), "true true true false true false true");
    // A range index is an int: `eq $i 0` is the idiom of every list with separators.
    assert.equal(render("{{ range $i, $v := .Values.list }}{{ if ne $i 0 }},{{ end }}{{ $v }}{{ end }}", VALUES), "a,b");
  });

  it("tells ints from float64s in kindOf, has and deepEqual, as reflect does", () => {
    assert.equal(render('{{ kindOf .Values.replicas }} {{ kindOf 1 }} {{ kindIs "float64" .Values.big }} {{ kindIs "int" .Values.big }} {{ typeOf (len .Values.list) }}', VALUES), "float64 int true false int");
    assert.equal(render("{{ has 1 (list 1 2) }} {{ has .Values.replicas (list 1 2) }} {{ deepEqual (list 1) (list 1) }} {{ deepEqual (list .Values.replicas) (list 1) }}", VALUES), "true false true false");
  });

  it("does Sprig's integer math on truncated int64s and its float math on float64s", () => {
    assert.equal(render("{{ add 1.5 1.5 }} {{ addf 1.5 1.5 }} {{ div 7 2 }} {{ divf 7 2 }} {{ sub .Values.big 1 }} {{ max 1 .Values.replicas 3 }} {{ round 3.14159 2 }} {{ floor 2.5 }} {{ mod -7 3 }} {{ add \"12\" 1 }} {{ int \"0x10\" }}", VALUES), "2 3 3 3.5 999999 3 3.14 2 -1 13 16");
  });

  it("ranges over Go ints but fails on a float64 or a string, as helm template does", () => {
    assert.equal(render("{{ range until 3 }}{{ . }}{{ end }}{{ range $i := 2 }}{{ $i }}{{ end }}"), "01201");
    assert.throws(() => render("{{ range .Values.replicas }}x{{ end }}", VALUES), /range can't iterate over 1/);
    assert.throws(() => render("{{ range .Values.name }}x{{ end }}", VALUES), /range can't iterate over web/);
    assert.equal(render("{{ range .Values.missing }}x{{ else }}none{{ end }}", VALUES), "none");
  });
});
