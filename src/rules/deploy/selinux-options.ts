import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { YamlPath } from "../../ecosystems/kubernetes/locate.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { SELINUX_TYPES } from "./lib/principles.js";
import { containerLabel, reportAt, workloads } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

/** What is wrong with a seLinuxOptions map, per the baseline profile. */
function problems(opts: Record<string, unknown>): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const type = asString(opts["type"]);
  if (type !== undefined && !SELINUX_TYPES.has(type)) out.push({ field: "type", text: `SELinux type ${type}` });
  for (const f of ["user", "role"]) {
    const v = asString(opts[f]);
    if (v !== undefined && v !== "") out.push({ field: f, text: `SELinux ${f} ${v}` });
  }
  return out;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/selinux-options",
    title: "Container sets a custom SELinux context",
    severity: "medium",
    pss: true,
    rationale:
      "SELinux labels keep containers from touching each other's files and the node's. A custom type (spc_t, unconfined_t), user or role lifts that confinement; in Compose, `label:disable` turns it off, and `label=type:spc_t`, `label=user:…` or `label=role:…` set the same custom context. CN8 principle 7 gives SELinux enforcing mode as an example of a default that has protected users from container runtime vulnerabilities. Pod Security Standards, baseline profile, control SELinux: type only container_t, container_init_t, container_kvm_t or container_engine_t, and no user or role.",
    remediation: "Remove the custom `seLinuxOptions` (or use type container_t); in Compose remove `label:disable` from security_opt.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      // Only contexts that set seLinuxOptions get a path and a label: most set none.
      const targets: { opts: unknown; path: YamlPath; who: string; key: string }[] = [];
      const pod = asMap(w.pod.spec["securityContext"])?.["seLinuxOptions"];
      if (pod !== undefined) targets.push({ opts: pod, path: [...w.pod.specPath, "securityContext", "seLinuxOptions"], who: "pod", key: "pod" });
      for (const c of w.containers) {
        const opts = asMap(c.value["securityContext"])?.["seLinuxOptions"];
        if (opts !== undefined) targets.push({ opts, path: [...c.path, "securityContext", "seLinuxOptions"], who: containerLabel(c), key: `${c.list}/${c.name}` });
      }
      for (const t of targets) {
        const m = asMap(t.opts);
        if (!m) continue;
        for (const p of problems(m)) {
          reportAt(ctx, w.subject, { problem: `${t.who} sets ${p.text}`, path: [...t.path, p.field], principle: 7, control: "seLinux", fix: "# remove seLinuxOptions, or:\nseLinuxOptions:\n  type: container_t", key: `${t.key}/${p.field}`, severity: /spc_t|unconfined/.test(p.text) ? "high" : "medium" });
        }
      }
    }
    for (const s of await composeServices(ctx)) {
      for (const o of securityOpts(s.service)) {
        if (o.name !== "label") continue;
        if (o.value === "disable") {
          reportCompose(ctx, s, o.path, { problem: "turns SELinux separation off (label:disable)", principle: 7, fix: "# remove label:disable from security_opt", key: "label", severity: "high" });
          continue;
        }
        // Docker's `label=type:spc_t`, `label=user:…`, `label=role:…`: the seLinuxOptions of Compose, judged alike.
        const m = /^(type|user|role):(.{1,200})$/.exec(o.value);
        if (!m) continue;
        const [field, v] = [m[1] as string, (m[2] as string).trim()];
        if (field === "type" && SELINUX_TYPES.has(v)) continue;
        reportCompose(ctx, s, o.path, { problem: `sets SELinux ${field} ${v} (label=${field}:${v})`, principle: 7, fix: `# remove label=${field}:… from security_opt`, key: `label/${field}`, severity: /spc_t|unconfined/.test(v) ? "high" : "medium" });
      }
    }
  },
};
