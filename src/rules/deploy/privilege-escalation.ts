import { asBool, asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import { isWindowsPod, type Container } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { setFieldEdits } from "./lib/edits.js";
import { deployMeta } from "./lib/meta.js";
import { containerAnchor, containerLabel, own, reportAt, unresolved, workloads } from "./lib/report.js";

/** Kubernetes refuses allowPrivilegeEscalation: false next to these, so no edit is offered there. */
function escalatesAnyway(c: Container): boolean {
  const sc = asMap(c.value["securityContext"]);
  const adds = asList(asMap(sc?.["capabilities"])?.["add"]).map((x) => (asString(x) ?? "").toUpperCase().replace(/^CAP_/, ""));
  return asBool(sc?.["privileged"]) === true || adds.includes("SYS_ADMIN") || adds.includes("ALL");
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/privilege-escalation",
    title: "Container may gain more privileges than it started with",
    severity: "medium",
    pss: true,
    fixable: true,
    rationale:
      "Unless `allowPrivilegeEscalation` is false, a process in the container can gain privileges through set-user-ID or set-group-ID binaries or file capabilities (the `no_new_privs` flag is not set): a foothold becomes root inside the container, one step from the node. Kubernetes leaves it allowed by default, so a secure default has to say false. CN8 principle 7 (secure defaults protect against pervasive vulnerability exploits: privilege escalation is one the paper names); Pod Security Standards, restricted profile, control Privilege Escalation.",
    remediation:
      "Set `allowPrivilegeEscalation: false` in every container's securityContext (Linux pods). `assay fix` adds it where the container is neither privileged nor given CAP_SYS_ADMIN (Kubernetes rejects the combination).",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      if (isWindowsPod(w.pod)) continue;
      for (const c of w.containers) {
        const v = own(c, "allowPrivilegeEscalation");
        if (v && unresolved(ctx, w.subject, v.path, v.value)) continue;
        const b = v ? asBool(v.value) : undefined;
        if (b === false) continue;
        const edits = b === undefined && !escalatesAnyway(c) ? setFieldEdits(w.subject, [...c.path, "securityContext"], "allowPrivilegeEscalation", "false") : undefined;
        reportAt(ctx, w.subject, {
          problem: v ? `${containerLabel(c)} allows privilege escalation (allowPrivilegeEscalation: ${asString(v.value)})` : `${containerLabel(c)} does not set allowPrivilegeEscalation: false, so setuid binaries can raise its privileges`,
          path: v ? v.path : containerAnchor(c),
          missing: !v && w.subject.placeMissing ? [...c.path, "securityContext", "allowPrivilegeEscalation"] : undefined,
          principle: 7,
          control: "privilegeEscalation",
          fix: escalatesAnyway(c)
            ? "securityContext:\n  privileged: false            # and no SYS_ADMIN or ALL in capabilities.add: Kubernetes rejects\n  allowPrivilegeEscalation: false   # allowPrivilegeEscalation: false next to either"
            : "securityContext:\n  allowPrivilegeEscalation: false",
          key: `${c.list}/${c.name}`,
          ...(edits ? { edits } : {}),
        });
      }
    }
  },
};
