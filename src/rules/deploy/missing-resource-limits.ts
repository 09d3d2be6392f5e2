import { asMap } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/missing-resource-limits",
    title: "Container sets no resource requests or limits",
    severity: "medium",
    rationale:
      "Without a memory limit one container can exhaust its node's memory and get its neighbours killed; without requests the scheduler packs pods blindly and a noisy or compromised workload starves the rest (denial of service). CN8 principle 7: defaults should blunt common attacks, resource exhaustion among them. Not part of the Pod Security Standards; kube-linter, Polaris and the CIS benchmark check it. A missing CPU limit alone is reported at low severity (many operators leave CPU unlimited on purpose).",
    remediation: "Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` for every container (in a chart, as defaults in values.yaml that users can change).",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        if (c.list === "ephemeralContainers") continue;
        const res = asMap(c.value["resources"]);
        const resPath = [...c.path, "resources"];
        if (c.value["resources"] !== undefined && unresolved(ctx, w.subject, resPath, c.value["resources"])) continue;
        const has = (kind: "requests" | "limits", what: "cpu" | "memory"): boolean => {
          const v = asMap(res?.[kind])?.[what];
          return v !== undefined && v !== null && v !== "" && v !== 0 && v !== "0";
        };
        const missing = [
          ...(has("requests", "cpu") ? [] : ["requests.cpu"]),
          ...(has("requests", "memory") ? [] : ["requests.memory"]),
          ...(has("limits", "memory") ? [] : ["limits.memory"]),
          ...(has("limits", "cpu") ? [] : ["limits.cpu"]),
        ];
        if (missing.length === 0) continue;
        const none = missing.length === 4;
        const severe = none || missing.includes("limits.memory") || missing.includes("requests.memory");
        reportAt(ctx, w.subject, {
          problem: none ? `${containerLabel(c)} sets no CPU or memory requests or limits` : `${containerLabel(c)} sets no ${missing.join(", ")}`,
          path: res ? resPath : [...c.path, "name"],
          principle: 7,
          fix: "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 256Mi",
          key: `${c.list}/${c.name}`,
          severity: severe ? "medium" : "low",
        });
      }
    }
  },
};
