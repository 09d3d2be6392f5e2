import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule, RuleContext } from "../types.js";
import { deployInputs, type Subject } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { deciderOf, hiddenFrom, noteHidden } from "./lib/opaque.js";
import { reportAt, unresolved } from "./lib/report.js";

/**
 * Annotations asking the cloud for a load balancer on the private network only: AWS (both
 * controllers), GKE, Azure, OCI, Alibaba, IBM, OpenStack, DigitalOcean has none.
 */
const INTERNAL_LB: readonly [RegExp, RegExp][] = [
  [/^service\.beta\.kubernetes\.io\/aws-load-balancer-internal$/, /^(?:true|0\.0\.0\.0\/0)$/i],
  [/^service\.beta\.kubernetes\.io\/aws-load-balancer-scheme$/, /^internal$/i],
  [/^(?:networking\.gke\.io\/load-balancer-type|cloud\.google\.com\/load-balancer-type)$/, /^internal$/i],
  [/^service\.beta\.kubernetes\.io\/azure-load-balancer-internal$/, /^true$/i],
  [/^service\.beta\.kubernetes\.io\/oci-load-balancer-internal$/, /^true$/i],
  [/^service\.beta\.kubernetes\.io\/alibaba-cloud-loadbalancer-address-type$/, /^intranet$/i],
  [/^service\.kubernetes\.io\/ibm-load-balancer-cloud-provider-ip-type$/, /^private$/i],
  [/^service\.beta\.kubernetes\.io\/openstack-internal-load-balancer$/, /^true$/i],
];

/** HTTP and HTTPS: what an ingress controller or a public web front publishes on purpose. */
const WEB_PORTS = new Set([80, 443]);

/** True when a Service publishes ports and every one is a web port. */
function webOnly(spec: Record<string, unknown> | undefined): boolean {
  const ports = asList(spec?.["ports"]).map((p) => asMap(p)?.["port"]);
  return ports.length > 0 && ports.every((p) => typeof p === "number" && WEB_PORTS.has(p));
}

/** Why a LoadBalancer Service is not open to everyone: an internal load balancer, or source ranges. */
function limitedBy(v: Record<string, unknown>): string | undefined {
  const annotations = asMap(asMap(v["metadata"])?.["annotations"]) ?? {};
  for (const [k, raw] of Object.entries(annotations)) {
    const value = asString(raw) ?? "";
    if (INTERNAL_LB.some(([key, val]) => key.test(k) && val.test(value.trim()))) return `an internal load balancer, on the private network (${k})`;
  }
  const ranges = asList(asMap(v["spec"])?.["loadBalancerSourceRanges"]).map((r) => asString(r) ?? "");
  if (ranges.length > 0 && !ranges.some((r) => /^(?:0\.0\.0\.0|::)\/0$/.test(r.trim()))) return `limited to loadBalancerSourceRanges ${ranges.slice(0, 3).join(", ")}${ranges.length > 3 ? "…" : ""}`;
  return undefined;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/exposed-service",
    title: "Service is exposed outside the cluster by default",
    severity: "medium",
    references: [
      { title: "Kubernetes Service types", url: "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types" },
      { title: "Kubernetes Service: external IPs", url: "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips" },
      { title: "CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs", url: "https://github.com/kubernetes/kubernetes/issues/97076" },
    ],
    rationale:
      "A Service of type LoadBalancer asks the cloud for a public address; NodePort opens the port on every node. Shipped as the default, the application is reachable from outside the cluster the moment it is installed, before its operator decides it should be. CN8 principle 1 uses Docker's local-socket default as the example of a small network attack surface by design; exposure should be a conscious opt-in (principle 3). A LoadBalancer the cloud keeps on the private network (an internal load balancer annotation) or limits to `loadBalancerSourceRanges` is reported at low severity, and so is one that publishes only ports 80 and 443, which an ingress controller or a public web front exposes on purpose. A Service of any type with `externalIPs` is reachable on those addresses through every node's kube-proxy, and is reported like a public LoadBalancer; an address that is not the operator's own is also how CVE-2020-8554 intercepts the cluster's traffic to it.",
    remediation: "Default to `type: ClusterIP` with no `externalIPs`, and let users opt in to NodePort, LoadBalancer or an Ingress (in a chart: `service.type: ClusterIP` and an empty `service.externalIPs` in values.yaml).",
  }),

  async run(ctx) {
    for (const s of (await deployInputs(ctx)).subjects) {
      if (s.object.kind !== "Service" || s.object.apiVersion !== "v1" || (s.opaque.length > 0 && hiddenFrom(ctx, s, [["spec", "type"]]))) continue;
      const spec = asMap(s.object.value["spec"]);
      externalIPs(ctx, s, spec?.["externalIPs"]);
      const type = spec?.["type"];
      if (type === undefined || unresolved(ctx, s, ["spec", "type"], type)) continue;
      const t = asString(type);
      if (t !== "LoadBalancer" && t !== "NodePort") continue;
      const limited = t === "LoadBalancer" ? limitedBy(s.object.value) : undefined;
      const web = t === "LoadBalancer" && !limited && webOnly(spec);
      const where = t === "NodePort" ? " (on every node's address)" : limited ? ` (${limited})` : web ? " (a public load balancer on most clouds, for HTTP and HTTPS only, as an ingress controller or web front publishes on purpose)" : " (a public load balancer on most clouds)";
      reportAt(ctx, s, { problem: `is of type ${t}, reachable from outside the cluster${where}`, path: ["spec", "type"], principle: 1, fix: "spec:\n  type: ClusterIP", key: t, severity: t === "LoadBalancer" && !limited && !web ? "medium" : "low" });
    }
  },
};

/**
 * Reports a Service's `externalIPs`, whatever its type: kube-proxy on every node accepts traffic
 * for those addresses and sends it to the Service, like a public load balancer's.
 */
function externalIPs(ctx: RuleContext, s: Subject, v: unknown): void {
  // Text a missing template wrote among the spec's keys may hold externalIPs: say so, and still judge the type.
  const hidden = s.opaque.length > 0 ? deciderOf(s, ["spec", "externalIPs"]) : undefined;
  if (hidden) {
    noteHidden(ctx, s, hidden, ", so its externalIPs cannot be judged");
    return;
  }
  if (v === undefined || unresolved(ctx, s, ["spec", "externalIPs"], v)) return;
  const ips = asList(v).map((ip) => asString(ip) ?? "").filter((ip) => ip !== "");
  if (ips.length === 0) return;
  reportAt(ctx, s, {
    problem: `sets externalIPs ${ips.slice(0, 3).join(", ")}${ips.length > 3 ? ` and ${ips.length - 3} more` : ""}, reachable from outside the cluster on ${ips.length === 1 ? "that address" : "those addresses"} through every node`,
    path: ["spec", "externalIPs"],
    principle: 1,
    fix: "spec:\n  externalIPs: []  # let users opt in to a LoadBalancer or an Ingress instead",
    key: "externalIPs",
    severity: "medium",
  });
}
