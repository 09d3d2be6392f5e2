import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

const typeOf = (sc: unknown): string | undefined => asString(asMap(asMap(sc)?.["appArmorProfile"])?.["type"]);

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/apparmor-unconfined",
    title: "Container runs without AppArmor",
    severity: "high",
    pss: true,
    rationale:
      "On hosts with AppArmor, the runtime confines every container with its default profile unless the manifest opts out. Setting the profile to Unconfined removes that layer, which has stopped container escapes that relied on writing to /proc or mounting filesystems. CN8 principle 3 (an insecure setting must be a conscious, visible decision). Pod Security Standards, baseline profile, control AppArmor: only RuntimeDefault and Localhost profiles are allowed. An unset profile means the runtime default and is not reported.",
    remediation: "Remove `appArmorProfile: {type: Unconfined}` (or the `container.apparmor.security.beta.kubernetes.io/<name>: unconfined` annotation), or set `type: RuntimeDefault`. In Compose remove `apparmor:unconfined` from security_opt.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      const podPath = [...w.pod.specPath, "securityContext", "appArmorProfile", "type"];
      const podType = typeOf(w.pod.spec["securityContext"]);
      const annotations = asMap(w.pod.metadata?.["annotations"]);
      if (podType !== undefined && !unresolved(ctx, w.subject, podPath, podType) && podType === "Unconfined") {
        // A container's own profile (field or annotation) overrides the pod's; the baseline profile refuses the pod's Unconfined all the same.
        const inheriting: string[] = [];
        for (const c of w.containers) if (typeOf(c.value["securityContext"]) === undefined && annotations?.[`container.apparmor.security.beta.kubernetes.io/${c.name}`] === undefined) inheriting.push(containerLabel(c));
        reportAt(ctx, w.subject, {
          problem:
            inheriting.length === w.containers.length
              ? "runs every container without AppArmor (pod appArmorProfile Unconfined)"
              : inheriting.length > 0
                ? `runs ${inheriting.join(", ")} without AppArmor (pod appArmorProfile Unconfined; the other containers set their own profile)`
                : "sets appArmorProfile Unconfined for the pod; every container sets its own profile today, but Pod Security admission (baseline) refuses the pod, and a container added without one runs unconfined",
          path: podPath,
          principle: 3,
          control: "appArmor",
          fix: "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault",
          key: "pod",
          severity: inheriting.length > 0 ? "high" : "low",
        });
      }
      for (const c of w.containers) {
        const path = [...c.path, "securityContext", "appArmorProfile", "type"];
        const t = typeOf(c.value["securityContext"]);
        if (t !== undefined && !unresolved(ctx, w.subject, path, t) && t === "Unconfined") {
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} runs without AppArmor (appArmorProfile Unconfined)`, path, principle: 3, control: "appArmor", fix: "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault", key: `${c.list}/${c.name}` });
        }
        const key = `container.apparmor.security.beta.kubernetes.io/${c.name}`;
        const a = asString(annotations?.[key]);
        if (a === "unconfined") {
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} runs without AppArmor (annotation ${key}: unconfined)`, path: [...w.pod.metadataPath, "annotations", key], principle: 3, control: "appArmor", fix: `annotations:\n  ${key}: runtime/default`, key: `${c.list}/${c.name}/annotation` });
        }
      }
    }
    for (const s of await composeServices(ctx)) {
      for (const o of securityOpts(s.service)) {
        if (o.name === "apparmor" && o.value === "unconfined") reportCompose(ctx, s, o.path, { problem: "runs without AppArmor (apparmor:unconfined)", principle: 3, fix: "# remove apparmor:unconfined from security_opt", key: "apparmor" });
      }
    }
  },
};
