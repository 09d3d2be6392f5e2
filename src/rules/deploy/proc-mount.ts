import { asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, own, reportAt, unresolved, workloads } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/proc-mount",
    title: "Container unmasks /proc",
    severity: "high",
    pss: true,
    rationale:
      "Runtimes mask and make read-only parts of /proc and /sys (kcore, sysrq-trigger, keys) that expose the kernel. `procMount: Unmasked` (Kubernetes) or `systempaths=unconfined` (Docker) removes those masks. CN8 principle 1 (the runtime's built-in protections are a design requirement, not an option). Pod Security Standards, baseline profile, control /proc Mount Type.",
    remediation: "Remove `procMount` (or set it to Default); in Compose remove `systempaths=unconfined` from security_opt.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        const v = own(c, "procMount");
        if (!v || unresolved(ctx, w.subject, v.path, v.value)) continue;
        if (asString(v.value) === "Default") continue;
        reportAt(ctx, w.subject, { problem: `${containerLabel(c)} mounts /proc without the runtime's masks (procMount: ${asString(v.value)})`, path: v.path, principle: 1, control: "procMount", fix: "securityContext:\n  procMount: Default", key: `${c.list}/${c.name}` });
      }
    }
    for (const s of await composeServices(ctx)) {
      for (const o of securityOpts(s.service)) {
        if (o.name === "systempaths" && o.value === "unconfined") reportCompose(ctx, s, o.path, { problem: "unmasks /proc and /sys (systempaths=unconfined)", principle: 1, fix: "# remove systempaths=unconfined from security_opt", key: "systempaths" });
      }
    }
  },
};
