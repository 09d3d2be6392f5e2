import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/ingress-without-tls.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const ingress = (extra: string, spec = "") => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n${extra}spec:\n${spec}  rules:\n    - host: a.example.com\n    - host: b.example.com\n`;

describe("deploy/ingress-without-tls", () => {
  it("reports an Ingress with no tls section, naming its hosts, at its spec", async () => {
    const { findings: all } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const findings = all.filter((f) => f.locations[0]?.path === "k8s/ingress.yaml");
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[6, "medium"]]);
    assert.match(findings[0]?.message ?? "", /^Ingress\/web: has no tls section, so shop\.example\.com is served over plain HTTP \[CN8-3\]$/);
    assert.match(findings[0]?.fix ?? "", /tls:\n {4}- hosts: \[shop\.example\.com\]\n {6}secretName: web-tls/);
  });

  it("reports each rule host no tls entry lists, at its rule: a wildcard covers one label", async () => {
    const { findings: all } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    const findings = all.filter((f) => f.locations[0]?.path === "k8s/partial.yaml");
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[23, "medium"], [43, "medium"]]);
    assert.equal(findings[0]?.message, "Ingress/shop: serves admin.example.com over plain HTTP: its tls section lists only shop.example.com, *.api.example.com [CN8-3]");
    assert.match(findings[1]?.message ?? "", /serves eu\.v1\.api\.example\.com over plain HTTP/);
    assert.match(findings[0]?.fix ?? "", /- hosts: \[admin\.example\.com\]\n {6}secretName: shop-tls/);
  });

  it("takes a tls entry without hosts to cover every host, reports a host once, and leaves rules without a host alone", async () => {
    const partial = (tls: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  tls:\n${tls}  rules:\n    - host: a.example.com\n    - host: B.example.com\n    - host: b.example.com\n    - http: {}\n    - host: "*.example.com"\n    - host: example.com\n`;
    const empty = await run({ "i.yaml": partial("    - secretName: s\n      hosts: []\n") });
    assert.deepEqual(empty.findings, []);
    const none = await run({ "i.yaml": partial("    - hosts: [a.example.com]\n    - secretName: default\n") });
    assert.deepEqual(none.findings, []);
    const wild = await run({ "i.yaml": partial('    - hosts: ["*.example.com"]\n') });
    assert.deepEqual(wild.findings.map((f) => [f.locations[0]?.startLine, /serves (\S+)/.exec(f.message)?.[1]]), [[14, "example.com"]]);
    const one = await run({ "i.yaml": partial("    - hosts: [A.example.com]\n") });
    assert.deepEqual(one.findings.map((f) => /serves (\S+)/.exec(f.message)?.[1]), ["B.example.com", "*.example.com", "example.com"]);
  });

  it("points a chart's uncovered host at the values.yaml line that names it", async () => {
    const { findings } = await run({
      "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "web/values.yaml": "ingress:\n  hosts:\n    - shop.example.com\n    - admin.example.com\n  tls:\n    - hosts: [shop.example.com]\n      secretName: web-tls\n",
      "web/templates/ingress.yaml":
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    {{- toYaml .Values.ingress.tls | nindent 4 }}\n  rules:\n    {{- range .Values.ingress.hosts }}\n    - host: {{ . | quote }}\n    {{- end }}\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["web/values.yaml", 4]]);
  });

  it("stays quiet with a tls section or a load balancer certificate annotation", async () => {
    assert.deepEqual((await runRule(rule, fixtureDir(rule.meta.id, "good"))).findings, []);
  });

  it("reports an empty tls list, and an Ingress of the removed extensions group, but no other kind", async () => {
    const empty = await run({ "i.yaml": ingress("", "  tls: []\n") });
    assert.deepEqual(empty.findings.map((f) => f.message.replace(/ \[.*$/, "")), ["Ingress/i: has no tls section, so a.example.com, b.example.com are served over plain HTTP"]);
    const old = await run({ "i.yaml": ingress("").replace("networking.k8s.io/v1", "extensions/v1beta1") });
    assert.equal(old.findings.length, 1);
    const other = await run({ "i.yaml": ingress("").replace("networking.k8s.io/v1", "example.com/v1") });
    assert.deepEqual(other.findings, []);
    const blank = await run({ "i.yaml": ingress("  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: \"\"\n") });
    assert.equal(blank.findings.length, 1, "an empty certificate annotation sets up nothing");
    const clientAuth = await run({ "i.yaml": ingress("  annotations:\n    nginx.ingress.kubernetes.io/auth-tls-secret: ns/ca\n") });
    assert.equal(clientAuth.findings.length, 1, "client-certificate checking serves no TLS");
    const gke = await run({ "i.yaml": ingress("  annotations:\n    networking.gke.io/managed-certificates: shop-cert\n") });
    assert.deepEqual(gke.findings, []);
  });
});
