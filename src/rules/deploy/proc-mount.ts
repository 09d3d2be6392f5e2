import { asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { inUserNamespace } from "../../ecosystems/kubernetes/workload.js";
import { containerLabel, own, reportAt, shown, unresolved, workloads } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/proc-mount",
    title: "Container unmasks /proc",
    severity: "high",
    pss: true,
    rationale:
      "Runtimes mask and make read-only parts of /proc and /sys (kcore, sysrq-trigger, keys) that expose the kernel. `procMount: Unmasked` (Kubernetes) or `systempaths=unconfined` (Docker) removes those masks. CN8 principle 1 (the runtime's built-in protections are a design requirement, not an option). Pod Security Standards, baseline profile, control /proc Mount Type; for a pod in its own user namespace (`hostUsers: false`), where the baseline profile allows Unmasked since policy v1.35, the restricted profile's control of the same name (reported medium). A value that is no mount type at all is reported low: the API server refuses it.",
    remediation: "Remove `procMount` (or set it to Default); in Compose remove `systempaths=unconfined` from security_opt.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      // In its own user namespace the pod's /proc belongs to no user of the node: the baseline profile
      // allows an unmasked one there since policy v1.35, the restricted profile still does not.
      const userns = inUserNamespace(w.pod);
      for (const c of w.containers) {
        const v = own(c, "procMount");
        if (!v || unresolved(ctx, w.subject, v.path, v.value)) continue;
        const type = asString(v.value) ?? shown(v.value);
        if (type === "Default") continue;
        const control = userns ? "procMountRestricted" : "procMount";
        if (type !== "Unmasked") {
          // Not a type at all (`""`, `unmasked`): the API server refuses the pod, and admission allows only Default.
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} sets procMount: ${JSON.stringify(type)}, which is no /proc mount type (Default or Unmasked): the API server refuses the pod, and Pod Security admission allows only Default`, path: v.path, principle: 1, control, fix: "securityContext:\n  procMount: Default", key: `${c.list}/${c.name}`, severity: "low" });
          continue;
        }
        reportAt(ctx, w.subject, {
          problem: userns
            ? `${containerLabel(c)} mounts /proc without the runtime's masks (procMount: Unmasked) in its own user namespace (hostUsers: false): the baseline profile allows that, the restricted profile does not`
            : `${containerLabel(c)} mounts /proc without the runtime's masks (procMount: Unmasked)`,
          path: v.path,
          principle: 1,
          control,
          fix: "securityContext:\n  procMount: Default",
          key: `${c.list}/${c.name}`,
          ...(userns ? { severity: "medium" as const } : {}),
        });
      }
    }
    for (const s of await composeServices(ctx)) {
      for (const o of securityOpts(s.service)) {
        if (o.name === "systempaths" && o.value === "unconfined") reportCompose(ctx, s, o.path, { problem: "unmasks /proc and /sys (systempaths=unconfined)", principle: 1, fix: "# remove systempaths=unconfined from security_opt", key: "systempaths" });
      }
    }
  },
};
