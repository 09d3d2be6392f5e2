import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import { apiGroup } from "../../ecosystems/kubernetes/workload.js";
import type { Rule, RuleContext } from "../types.js";
import { deployInputs, type Subject } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { hiddenFrom } from "./lib/opaque.js";
import { reportAt, unresolved } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/ingress-without-tls",
    title: "Ingress serves plain HTTP by default",
    severity: "medium",
    references: [
      { title: "Kubernetes Ingress: TLS", url: "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls" },
      { title: "Polaris: tlsSettingsMissing", url: "https://polaris.docs.fairwinds.com/checks/security/" },
    ],
    rationale:
      "An Ingress without a `tls` section serves its hosts over plain HTTP, and one whose `tls` entries list only some of its rule hosts serves the others that way (a `tls[].hosts` wildcard, `*.example.com`, covers one label; an entry without hosts is left to the controller's default and taken to cover them all): passwords, session cookies and tokens cross the network readable and rewritable by anyone on the path. Shipped as the default, every installation starts that way unless its operator notices. CN8 principle 3: the insecure setting must be the one chosen on purpose. TLS set up by the load balancer's own annotations (an AWS certificate ARN, a GKE managed certificate, an Azure Application Gateway certificate) counts as set up.",
    remediation:
      "Give the Ingress a `tls` section naming every host of its rules and the Secret holding the certificate (cert-manager fills that Secret when the Ingress has a `cert-manager.io/cluster-issuer` annotation); in a chart, make `ingress.tls` part of the default values whenever `ingress.enabled` is.",
  }),

  async run(ctx) {
    for (const s of (await deployInputs(ctx)).subjects) {
      if (s.object.kind !== "Ingress" || !INGRESS_GROUPS.has(apiGroup(s.object.apiVersion))) continue;
      if (s.opaque.length > 0 && hiddenFrom(ctx, s, [["spec", "tls"], ["metadata", "annotations"]])) continue;
      const spec = asMap(s.object.value["spec"]);
      if (!spec) continue;
      const tls = spec["tls"];
      if (tls !== undefined && unresolved(ctx, s, ["spec", "tls"], tls)) continue;
      const annotations = asMap(asMap(s.object.value["metadata"])?.["annotations"]) ?? {};
      if (Object.keys(annotations).some((k) => TLS_ANNOTATION.test(k) && (asString(annotations[k]) ?? "") !== "")) continue;
      if (asList(tls).length > 0) {
        uncoveredHosts(ctx, s, spec);
        continue;
      }
      const hosts = asList(spec["rules"]).flatMap((r) => asString(asMap(r)?.["host"]) ?? []).filter((h) => h !== "");
      reportAt(ctx, s, {
        problem: `has no tls section, so ${hosts.length > 0 ? hosts.slice(0, 3).join(", ") + (hosts.length > 3 ? ` and ${hosts.length - 3} more` : "") : "its routes"} ${hosts.length === 1 ? "is" : "are"} served over plain HTTP`,
        path: tls !== undefined ? ["spec", "tls"] : ["spec"],
        principle: 3,
        fix: `spec:\n  tls:\n    - hosts: [${hosts[0] ?? "example.com"}]\n      secretName: ${s.object.name || "app"}-tls`,
        key: "no-tls",
      });
    }
  },
};

/**
 * Reports each rule host no `tls` entry lists: TLS applies to the hosts of `tls[].hosts`, and the
 * others are served over plain HTTP. An entry without hosts is left to the controller's default
 * (the API reference: "the wildcard host setting for the loadbalancer controller"), which may
 * cover every host, so it is taken to.
 */
function uncoveredHosts(ctx: RuleContext, s: Subject, spec: Record<string, unknown>): void {
  const covered: string[] = [];
  for (const [i, entry] of asList(spec["tls"]).entries()) {
    const hosts = asMap(entry)?.["hosts"];
    if (unresolved(ctx, s, ["spec", "tls", i, "hosts"], hosts)) return;
    if (asList(hosts).length === 0) return;
    for (const [j, h] of asList(hosts).entries()) {
      if (unresolved(ctx, s, ["spec", "tls", i, "hosts", j], h)) return;
      const host = asString(h);
      if (host) covered.push(host.toLowerCase());
    }
  }
  if (s.opaque.length > 0 && hiddenFrom(ctx, s, [["spec", "rules", "*", "host"]])) return;
  const seen = new Set<string>();
  for (const [i, r] of asList(spec["rules"]).entries()) {
    const raw = asMap(r)?.["host"];
    const name = asString(raw);
    const host = name?.toLowerCase();
    if (!name || !host || seen.has(host) || unresolved(ctx, s, ["spec", "rules", i, "host"], raw)) continue;
    seen.add(host);
    if (covered.some((c) => tlsCovers(c, host))) continue;
    reportAt(ctx, s, {
      problem: `serves ${name} over plain HTTP: ${covered.length > 0 ? `its tls section lists only ${covered.slice(0, 3).join(", ")}${covered.length > 3 ? ` and ${covered.length - 3} more` : ""}` : "its tls section lists no host name"}`,
      path: ["spec", "rules", i, "host"],
      principle: 3,
      fix: `spec:\n  tls:\n    - hosts: [${name.startsWith("*") ? `"${name}"` : name}]\n      secretName: ${s.object.name || "app"}-tls`,
      key: `uncovered/${host}`,
    });
  }
}

/** Whether a `tls[].hosts` entry covers a rule's host: the same name, or a wildcard matching its first label. */
function tlsCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith("*.")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && !host.startsWith("*") && host.slice(dot) === tlsHost.slice(1);
}

/** API groups of the Ingress kind, current and removed (charts still ship both). */
const INGRESS_GROUPS = new Set(["networking.k8s.io", "extensions"]);

/**
 * Annotations by which a cloud load balancer terminates TLS itself: AWS Load Balancer Controller
 * (`alb.ingress.kubernetes.io/certificate-arn`), GKE (`networking.gke.io/managed-certificates`,
 * `ingress.gcp.kubernetes.io/pre-shared-cert`), Azure Application Gateway
 * (`appgw.ingress.kubernetes.io/appgw-ssl-certificate`), OCI native ingress (`…/certificate-id`).
 * Not ingress-nginx's `auth-tls-secret`, which checks client certificates and serves no TLS itself.
 */
const TLS_ANNOTATION = /\/(?:certificate-arn|managed-certificates|pre-shared-cert|appgw-ssl-certificate|certificate-id)$/i;
