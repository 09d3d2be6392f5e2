import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import type { YamlPath } from "../../ecosystems/kubernetes/locate.js";
import { containerLabel, reportAt, unresolved, workloads, type DeployFinding } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

const typeOf = (sc: unknown): string | undefined => asString(asMap(asMap(sc)?.["appArmorProfile"])?.["type"]);

/** The profile types the baseline profile allows in the field; anything else is refused. */
const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);

/** The legacy per-container annotation, still read by admission (and by the API server, which copies it to the field). */
const ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

const FIX = "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault";

/** A field value that is no profile type at all (`unconfined`, `runtime/default`): the API server refuses it before admission does. */
function notAType(who: string, type: string, path: YamlPath, key: string): DeployFinding {
  return { problem: `${who} appArmorProfile type ${JSON.stringify(type)}, which is no profile type (RuntimeDefault, Localhost or Unconfined): the API server refuses the pod, and Pod Security admission (baseline) allows only RuntimeDefault and Localhost`, path, principle: 3, control: "appArmor", fix: FIX, key, severity: "low" };
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/apparmor-unconfined",
    title: "Container runs without AppArmor",
    severity: "high",
    pss: true,
    rationale:
      "On hosts with AppArmor, the runtime confines every container with its default profile unless the manifest opts out. Setting the profile to Unconfined removes that layer, which has stopped container escapes that relied on writing to /proc or mounting filesystems. CN8 principle 3 (an insecure setting must be a conscious, visible decision). Pod Security Standards, baseline profile, control AppArmor, as admission decides it: in the `appArmorProfile` field (pod or container) only RuntimeDefault and Localhost, in a `container.apparmor.security.beta.kubernetes.io/<name>` annotation (still read, and copied to the field) only runtime/default, localhost/<profile> or empty; every annotation of that prefix counts, also one naming a container the pod lacks. A value that is no profile at all (`unconfined` in the field, `docker-default` in the annotation) is reported low: the API server refuses it before admission does. An unset profile means the runtime default and is not reported.",
    remediation: "Remove `appArmorProfile: {type: Unconfined}` (or the `container.apparmor.security.beta.kubernetes.io/<name>: unconfined` annotation), or set `type: RuntimeDefault`. In Compose remove `apparmor:unconfined` from security_opt.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      const podPath = [...w.pod.specPath, "securityContext", "appArmorProfile", "type"];
      const podType = typeOf(w.pod.spec["securityContext"]);
      const annotations = asMap(w.pod.metadata?.["annotations"]);
      if (podType !== undefined && !ALLOWED_TYPES.has(podType) && podType !== "Unconfined" && !unresolved(ctx, w.subject, podPath, podType)) reportAt(ctx, w.subject, notAType("the pod sets", podType, podPath, "pod"));
      if (podType === "Unconfined" && !unresolved(ctx, w.subject, podPath, podType)) {
        // A container's own profile (field or annotation) overrides the pod's; the baseline profile refuses the pod's Unconfined all the same.
        const inheriting: string[] = [];
        for (const c of w.containers) if (typeOf(c.value["securityContext"]) === undefined && annotations?.[ANNOTATION + c.name] === undefined) inheriting.push(containerLabel(c));
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
          fix: FIX,
          key: "pod",
          severity: inheriting.length > 0 ? "high" : "low",
        });
      }
      for (const c of w.containers) {
        const t = typeOf(c.value["securityContext"]);
        if (t === undefined || ALLOWED_TYPES.has(t)) continue;
        const path = [...c.path, "securityContext", "appArmorProfile", "type"];
        if (unresolved(ctx, w.subject, path, t)) continue;
        reportAt(ctx, w.subject, t === "Unconfined" ? { problem: `${containerLabel(c)} runs without AppArmor (appArmorProfile Unconfined)`, path, principle: 3, control: "appArmor", fix: FIX, key: `${c.list}/${c.name}` } : notAType(`${containerLabel(c)} sets`, t, path, `${c.list}/${c.name}`));
      }
      if (!annotations) continue;
      // Every annotation of the prefix, as admission reads them: one naming a container the pod does not have is refused too.
      for (const key in annotations) {
        if (!key.startsWith(ANNOTATION)) continue;
        const a = asString(annotations[key]) ?? "";
        if (a === "" || a === "runtime/default" || a.startsWith("localhost/")) continue;
        const path = [...w.pod.metadataPath, "annotations", key];
        if (unresolved(ctx, w.subject, path, a)) continue;
        const name = key.slice(ANNOTATION.length);
        const c = w.containers.find((x) => x.name === name);
        const fix = `annotations:\n  ${key}: runtime/default`;
        if (!c) {
          // A container renamed and its annotation left behind: the API server refuses the pod ("container not found") before admission does.
          reportAt(ctx, w.subject, { problem: `sets AppArmor annotation ${key}: ${a} for container "${name}", which the pod does not have: the API server refuses the pod, and Pod Security admission (baseline) refuses the value`, path, principle: 3, control: "appArmor", fix: `# remove ${key}, or name a container of the pod`, key: `${name}/annotation`, severity: "low" });
        } else if (a === "unconfined") {
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} runs without AppArmor (annotation ${key}: unconfined)`, path, principle: 3, control: "appArmor", fix, key: `${c.list}/${c.name}/annotation` });
        } else {
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} has AppArmor annotation ${key}: ${a}, which is no profile (runtime/default, localhost/<name> or unconfined): the API server refuses the pod, and Pod Security admission (baseline) allows only runtime/default and localhost/ profiles`, path, principle: 3, control: "appArmor", fix, key: `${c.list}/${c.name}/annotation`, severity: "low" });
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
