import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployInputs } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { hiddenFrom } from "./lib/opaque.js";
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
    references: [{ title: "Kubernetes Service types", url: "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types" }],
    rationale:
      "A Service of type LoadBalancer asks the cloud for a public address; NodePort opens the port on every node. Shipped as the default, the application is reachable from outside the cluster the moment it is installed, before its operator decides it should be. CN8 principle 1 uses Docker's local-socket default as the example of a small network attack surface by design; exposure should be a conscious opt-in (principle 3). A LoadBalancer the cloud keeps on the private network (an internal load balancer annotation) or limits to `loadBalancerSourceRanges` is reported at low severity.",
    remediation: "Default to `type: ClusterIP` and let users opt in to NodePort, LoadBalancer or an Ingress (in a chart: `service.type: ClusterIP` in values.yaml).",
  }),

  async run(ctx) {
    for (const s of (await deployInputs(ctx)).subjects) {
      if (s.object.kind !== "Service" || s.object.apiVersion !== "v1" || (s.opaque.length > 0 && hiddenFrom(ctx, s, [["spec", "type"]]))) continue;
      const type = asMap(s.object.value["spec"])?.["type"];
      if (type === undefined || unresolved(ctx, s, ["spec", "type"], type)) continue;
      const t = asString(type);
      if (t !== "LoadBalancer" && t !== "NodePort") continue;
      const limited = t === "LoadBalancer" ? limitedBy(s.object.value) : undefined;
      const where = t === "NodePort" ? " (on every node's address)" : limited ? ` (${limited})` : " (a public load balancer on most clouds)";
      reportAt(ctx, s, { problem: `is of type ${t}, reachable from outside the cluster${where}`, path: ["spec", "type"], principle: 1, fix: "spec:\n  type: ClusterIP", key: t, severity: t === "LoadBalancer" && !limited ? "medium" : "low" });
    }
  },
};
