import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { literalKinds } from "../../../src/ecosystems/helm/template-kinds.js";

describe("the kinds a Helm template's text names", () => {
  it("reads the top-level kind lines, past control, comments and assignments at column 0", () => {
    const secret = '{{- /* the TLS pair */ -}}\n{{- if .Values.tls.enabled }}\n{{- $ca := genCA "ca" 365 }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include "web.fullname" . }}-tls\n  labels: {{- include "web.labels" . | nindent 4 }}\n---\napiVersion: v1\nkind: "ConfigMap"\n{{- end }}\n';
    assert.deepEqual(literalKinds(secret), ["Secret", "ConfigMap"]);
  });

  it("is unknown when a kind is templated, missing, or a top-level action may write objects of its own", () => {
    assert.equal(literalKinds("apiVersion: v1\nkind: {{ .Values.kind }}\n"), undefined);
    assert.equal(literalKinds('{{ include "common.extraObjects" . }}\n'), undefined);
    assert.equal(literalKinds('apiVersion: v1\nkind: Secret\n---\n{{ toYaml .Values.extra }}\n'), undefined);
    assert.equal(literalKinds('{{- if .Values.on }}{{ include "x" . }}{{ end }}\napiVersion: v1\nkind: Secret\n'), undefined, "one writing action on a control line is enough");
    assert.equal(literalKinds("metadata:\n  kind: Secret\n"), undefined, "an indented kind is some map's key, not the object's");
  });
});
