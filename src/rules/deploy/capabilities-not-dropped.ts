import { asList, asMap } from "../../ecosystems/kubernetes/manifest.js";
import { isWindowsPod, type Container } from "../../ecosystems/kubernetes/workload.js";
import type { Rule, RuleContext } from "../types.js";
import { capabilitiesOf } from "./lib/capabilities.js";
import { deployMeta } from "./lib/meta.js";
import { containerAnchor, containerLabel, reportAt, unresolved, workloads, type Workload } from "./lib/report.js";

/** Whether an entry of the container's drop list is a value not known statically (recorded as such): it may be ALL. */
function unknownDrop(ctx: RuleContext, w: Workload, c: Container): boolean {
  const drop = asList(asMap(asMap(c.value["securityContext"])?.["capabilities"])?.["drop"]);
  for (let i = 0; i < drop.length; i++) {
    // The path is built only for an unknown entry: the check runs for every container of every manifest.
    if (w.subject.unresolved(drop[i]) !== undefined) return unresolved(ctx, w.subject, [...c.path, "securityContext", "capabilities", "drop", i], drop[i]);
  }
  return false;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/capabilities-not-dropped",
    title: "Container keeps the runtime's default capabilities",
    severity: "low",
    pss: true,
    rationale:
      "Container runtimes start processes with a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID…) that few applications need; NET_RAW alone allows ARP and DNS spoofing inside the cluster network. Dropping ALL and adding back only what is needed is the least-privilege default. CN8 principle 1; Pod Security Standards, restricted profile, control Capabilities (drop must include ALL).",
    remediation: "Add `capabilities: {drop: [ALL]}` to every container's securityContext, and `add: [NET_BIND_SERVICE]` only if it binds a port below 1024.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      if (isWindowsPod(w.pod)) continue;
      for (const c of w.containers) {
        const caps = capabilitiesOf(c);
        if (caps.drop.includes("ALL")) {
          // `all` drops everything at run time, yet the restricted profile's admission check compares `ALL` exactly and refuses the pod.
          if (!caps.dropsAllExactly) {
            reportAt(ctx, w.subject, {
              problem: `${containerLabel(c)} drops all capabilities spelt other than \`ALL\`: runtimes drop every one, but Pod Security admission (restricted) compares \`ALL\` exactly and refuses the pod`,
              path: [...c.path, "securityContext", "capabilities", "drop"],
              principle: 1,
              control: "capabilitiesRestricted",
              fix: "securityContext:\n  capabilities:\n    drop: [ALL]",
              key: `${c.list}/${c.name}/case`,
            });
          }
          continue;
        }
        if (caps.drop.length > 0 && unknownDrop(ctx, w, c)) continue;
        reportAt(ctx, w.subject, {
          problem: `${containerLabel(c)} does not drop ALL capabilities${caps.drop.length > 0 ? ` (drops only ${caps.drop.join(", ")})` : ""}`,
          path: caps.present ? [...c.path, "securityContext", "capabilities"] : containerAnchor(c),
          missing: w.subject.placeMissing ? [...c.path, "securityContext", "capabilities", "drop"] : undefined,
          principle: 1,
          control: "capabilitiesRestricted",
          fix: "securityContext:\n  capabilities:\n    drop: [ALL]",
          key: `${c.list}/${c.name}`,
        });
      }
    }
  },
};
