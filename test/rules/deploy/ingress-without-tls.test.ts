import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deploy/ingress-without-tls.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const ingress = (extra: string, spec = "") => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n${extra}spec:\n${spec}  rules:\n    - host: a.example.com\n    - host: b.example.com\n`;

describe("deploy/ingress-without-tls", () => {
  it("reports an Ingress with no tls section, naming its hosts, at its spec", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[6, "medium"]]);
    assert.match(findings[0]?.message ?? "", /^Ingress\/web: has no tls section, so shop\.example\.com is served over plain HTTP \[CN8-3\]$/);
    assert.match(findings[0]?.fix ?? "", /tls:\n {4}- hosts: \[shop\.example\.com\]\n {6}secretName: web-tls/);
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
