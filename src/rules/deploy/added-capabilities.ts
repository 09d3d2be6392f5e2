import { asList } from "../../ecosystems/kubernetes/manifest.js";
import { isWindowsPod } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { capabilitiesOf, capName } from "./lib/capabilities.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { BASELINE_CAPABILITIES, DANGEROUS_CAPABILITIES } from "./lib/principles.js";
import { containerLabel, reportAt, unresolved, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/added-capabilities",
    title: "Container adds Linux capabilities",
    severity: "high",
    pss: true,
    rationale:
      "Capabilities split root's power; adding them back hands a container part of it. SYS_ADMIN is close to full root (mounts, namespaces, BPF), NET_ADMIN reconfigures the node's network when combined with host networking, ALL is everything. CN8 principle 1 cites Docker blocking unneeded Linux capabilities as a design requirement done right. Pod Security Standards: the baseline profile forbids adding anything beyond the runtime's default set; the restricted profile allows only NET_BIND_SERVICE. Admission compares the names as written (`CAP_CHOWN`, `net_bind_service` and an empty entry a template left are in neither list), and so does this rule.",
    remediation:
      "Remove the capability from `securityContext.capabilities.add` (Compose: `cap_add`). If the workload binds a low port, add only NET_BIND_SERVICE; otherwise rework the feature so it needs no capability, or make it an opt-in value that defaults off.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      if (isWindowsPod(w.pod)) continue;
      for (const c of w.containers) {
        for (const cap of capabilitiesOf(c).add) {
          const path = [...c.path, "securityContext", "capabilities", "add", cap.index];
          // As written: the normalised name upper-cases a marker of a value not known statically past recognition.
          if (unresolved(ctx, w.subject, path, cap.written)) continue;
          // Pod Security admission compares the names as written: `CAP_CHOWN` or `net_bind_service`
          // is outside both profiles' lists, though CRI-O (and containerd, for the case) takes it.
          const exact = cap.written === cap.name;
          if (cap.name === "NET_BIND_SERVICE" && exact) continue;
          if (cap.name === "") {
            // An entry a template left empty (`- ""`, `- `): no capability the runtime grants, but admission finds it in neither list and refuses the pod.
            reportAt(ctx, w.subject, { problem: `${containerLabel(c)} adds an empty capability name, which Pod Security admission (baseline) finds in neither of its lists and refuses`, path, principle: 1, control: "capabilities", fix: "# remove the empty entry from capabilities.add", key: `${c.list}/${c.name}/#${cap.index}`, severity: "low" });
            continue;
          }
          const baseline = BASELINE_CAPABILITIES.has(cap.name);
          reportAt(ctx, w.subject, {
            problem: `${containerLabel(c)} adds capability ${cap.name}${!exact ? ` (written ${cap.written}, which Pod Security admission does not recognise and refuses)` : baseline ? " (in the runtime's default set, but beyond what the restricted profile allows)" : ""}`,
            path,
            principle: 1,
            control: baseline && exact ? "capabilitiesRestricted" : "capabilities",
            fix: "securityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]  # only if it binds a port below 1024",
            key: `${c.list}/${c.name}/${cap.name}`,
            severity: DANGEROUS_CAPABILITIES.has(cap.name) ? "high" : baseline ? "low" : "medium",
          });
        }
      }
    }
    for (const s of await composeServices(ctx)) {
      asList(s.service.value["cap_add"]).forEach((v, i) => {
        const name = capName(v);
        if (!name || name === "NET_BIND_SERVICE" || BASELINE_CAPABILITIES.has(name)) return;
        reportCompose(ctx, s, ["cap_add", i], { problem: `adds capability ${name}`, principle: 1, fix: "cap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE]  # only what the service needs", key: `cap_add/${name}`, severity: DANGEROUS_CAPABILITIES.has(name) ? "high" : "medium" });
      });
    }
  },
};
