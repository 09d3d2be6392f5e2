import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployInputs } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { hiddenFrom } from "./lib/opaque.js";
import { reportAt, unresolved } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/exposed-service",
    title: "Service is exposed outside the cluster by default",
    severity: "medium",
    references: [{ title: "Kubernetes Service types", url: "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types" }],
    rationale:
      "A Service of type LoadBalancer asks the cloud for a public address; NodePort opens the port on every node. Shipped as the default, the application is reachable from outside the cluster the moment it is installed, before its operator decides it should be. CN8 principle 1 uses Docker's local-socket default as the example of a small network attack surface by design; exposure should be a conscious opt-in (principle 3).",
    remediation: "Default to `type: ClusterIP` and let users opt in to NodePort, LoadBalancer or an Ingress (in a chart: `service.type: ClusterIP` in values.yaml).",
  }),

  async run(ctx) {
    for (const s of (await deployInputs(ctx)).subjects) {
      if (s.object.kind !== "Service" || s.object.apiVersion !== "v1" || (s.opaque.length > 0 && hiddenFrom(ctx, s, [["spec", "type"]]))) continue;
      const type = asMap(s.object.value["spec"])?.["type"];
      if (type === undefined || unresolved(ctx, s, ["spec", "type"], type)) continue;
      const t = asString(type);
      if (t !== "LoadBalancer" && t !== "NodePort") continue;
      reportAt(ctx, s, { problem: `is of type ${t}, reachable from outside the cluster${t === "LoadBalancer" ? " (a public load balancer on most clouds)" : " (on every node's address)"}`, path: ["spec", "type"], principle: 1, fix: "spec:\n  type: ClusterIP", key: t, severity: t === "LoadBalancer" ? "medium" : "low" });
    }
  },
};
