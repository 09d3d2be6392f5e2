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
      "Without a memory limit one container can exhaust its node's memory and get its neighbours killed; without requests the scheduler packs pods blindly and a noisy or compromised workload starves the rest (denial of service). CN8 principle 7: defaults should blunt common attacks, resource exhaustion among them. Not part of the Pod Security Standards; kube-linter, Polaris and the CIS benchmark check it. A missing CPU limit is not reported (many operators leave CPU unlimited on purpose: a limit throttles rather than protects); a container with no CPU setting at all is, at low severity.",
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
        // A CPU limit is left out on purpose by many operators (it throttles instead of protecting),
        // so only a container that sets no CPU setting at all is told about CPU.
        const cpu = has("requests", "cpu") || has("limits", "cpu");
        const missing = [
          ...(cpu ? [] : ["requests.cpu"]),
          ...(has("requests", "memory") || has("limits", "memory") ? [] : ["requests.memory"]),
          ...(has("limits", "memory") ? [] : ["limits.memory"]),
        ];
        if (missing.length === 0) continue;
        const none = missing.length === 3;
        const severe = missing.includes("limits.memory");
        reportAt(ctx, w.subject, {
          problem: none ? `${containerLabel(c)} sets no CPU or memory requests or limits` : `${containerLabel(c)} sets no ${missing.join(", ")}`,
          path: res ? resPath : [...c.path, "name"],
          missing: !res && w.subject.placeMissing ? [...c.path, "resources"] : undefined,
          principle: 7,
          fix: "resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 256Mi",
          key: `${c.list}/${c.name}`,
          severity: severe ? "medium" : "low",
        });
      }
    }
  },
};
