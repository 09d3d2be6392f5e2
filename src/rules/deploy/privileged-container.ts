import { asBool } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { containerLabel, own, reportAt, unresolved, workloads } from "./lib/report.js";
import { deployMeta } from "./lib/meta.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/privileged-container",
    title: "Container runs privileged",
    severity: "critical",
    pss: true,
    rationale:
      "A privileged container has every capability and every device of the node, and no seccomp or AppArmor confinement: a compromise of the application is a compromise of the node and every pod on it. CN8 principle 3 (selecting insecure configuration is a conscious decision) uses exactly this setting as its example: it must be something a user opts into, never what a chart or manifest ships. Pod Security Standards, baseline profile, control Privileged Containers.",
    remediation:
      "Remove `privileged: true` (or set it to false) from the container's securityContext and grant the one capability the workload needs instead (`capabilities: {add: [NET_BIND_SERVICE]}`). In Compose, remove `privileged: true` and use `cap_add` for a specific capability. If a node agent really needs it, make it an opt-in value that defaults to false and document why.",
    references: [{ title: "CWE-250: Execution with Unnecessary Privileges", url: "https://cwe.mitre.org/data/definitions/250.html" }],
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        const p = own(c, "privileged");
        if (!p || unresolved(ctx, w.subject, p.path, p.value)) continue;
        if (asBool(p.value) !== true) continue;
        reportAt(ctx, w.subject, {
          problem: `${containerLabel(c)} runs privileged (securityContext.privileged: true)`,
          path: p.path,
          principle: 3,
          control: "privileged",
          fix: "securityContext:\n  privileged: false",
          key: `${c.list}/${c.name}`,
        });
      }
    }
    for (const s of await composeServices(ctx)) {
      const v = s.service.value["privileged"];
      if (asBool(v) !== true) continue;
      reportCompose(ctx, s, ["privileged"], { problem: "runs privileged (privileged: true)", principle: 3, fix: "privileged: false  # add only the capability needed: cap_add: [NET_BIND_SERVICE]", key: "privileged" });
    }
  },
};
