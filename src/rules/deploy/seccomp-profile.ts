import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import { isWindowsPod } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { setFieldEdits } from "./lib/edits.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads, type Workload } from "./lib/report.js";
import { securityOpts } from "./lib/security-opt.js";

/** The seccomp profile type of a security context map, from `seccompProfile.type`. */
function typeOf(sc: unknown): string | undefined {
  return asString(asMap(asMap(sc)?.["seccompProfile"])?.["type"]);
}

/**
 * Whether the pod carries a legacy seccomp annotation (`seccomp.security.alpha.kubernetes.io/pod`,
 * `container.seccomp…/<name>`). Kubernetes stopped applying them in 1.27 (the API server no longer
 * copies them to the fields), and Pod Security admission reads only the `seccompProfile` fields
 * from policy v1.19, at both levels: a profile they name is none, and their `unconfined` is no
 * Unconfined the baseline refuses. The message names them, so the reader learns why they do not count.
 */
function legacyAnnotation(w: Workload): "unconfined" | "profile" | undefined {
  const a = asMap(w.pod.metadata?.["annotations"]);
  if (!a) return undefined;
  let found: "unconfined" | "profile" | undefined;
  for (const key in a) {
    if (key !== "seccomp.security.alpha.kubernetes.io/pod" && !key.startsWith("container.seccomp.security.alpha.kubernetes.io/")) continue;
    if (asString(a[key]) === "unconfined") return "unconfined";
    found = "profile";
  }
  return found;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/seccomp-profile",
    title: "Container runs without a seccomp profile",
    severity: "medium",
    pss: true,
    fixable: true,
    rationale:
      "Seccomp filters the system calls a container may make; the runtime's default profile blocks dozens that container escapes rely on. Kubernetes runs pods Unconfined unless the pod or container asks for a profile (or the kubelet enables SeccompDefault), so a manifest that says nothing ships no filter at all. CN8 principles 1 and 4 use seccomp as their examples (Docker's built-in policy; Kubernetes' gradual path to it). Pod Security Standards: baseline forbids `Unconfined`; restricted requires RuntimeDefault or Localhost, at the pod or on every container (Windows pods are exempt). Both read the `seccompProfile` fields only: the legacy `seccomp.security.alpha.kubernetes.io` annotations have been ignored since Kubernetes 1.27, so a pod that relies on them sets no profile (restricted, medium), and their `unconfined` is no baseline violation. In Compose, `seccomp:unconfined` switches Docker's default filter off.",
    remediation:
      "Set `seccompProfile: {type: RuntimeDefault}` in the pod's securityContext (containers inherit it). `assay fix` adds it to pods that set no profile anywhere. Never set `Unconfined`; in Compose remove `security_opt: [seccomp:unconfined]`.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      if (isWindowsPod(w.pod)) continue;
      const podSc = w.pod.spec["securityContext"];
      const podPath = [...w.pod.specPath, "securityContext", "seccompProfile", "type"];
      const podType = typeOf(podSc);
      if (podType !== undefined && unresolved(ctx, w.subject, podPath, podType)) continue;
      if (podType === "Unconfined") {
        // Containers with a profile of their own override the pod's; the baseline profile refuses the pod's Unconfined all the same.
        const inheriting: string[] = [];
        for (const c of w.containers) if (typeOf(c.value["securityContext"]) === undefined) inheriting.push(containerLabel(c));
        reportAt(ctx, w.subject, {
          problem:
            inheriting.length === w.containers.length
              ? "runs every container with seccomp Unconfined (pod securityContext)"
              : inheriting.length > 0
                ? `runs ${inheriting.join(", ")} with seccomp Unconfined (pod securityContext; the other containers set their own profile)`
                : "sets seccomp Unconfined for the pod; every container sets its own profile today, but Pod Security admission (baseline) refuses the pod, and a container added without one runs unconfined",
          path: podPath,
          principle: 1,
          control: "seccomp",
          fix: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault",
          key: "pod",
          severity: inheriting.length > 0 ? "high" : "low",
        });
      }
      const unset: string[] = [];
      for (const c of w.containers) {
        const own = typeOf(c.value["securityContext"]);
        if (own === undefined) {
          if (podType === undefined) unset.push(containerLabel(c));
          continue;
        }
        // The path is built only for a container that sets a profile: most inherit the pod's.
        const cPath = [...c.path, "securityContext", "seccompProfile", "type"];
        if (unresolved(ctx, w.subject, cPath, own)) continue;
        if (own === "Unconfined") {
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} runs with seccomp Unconfined`, path: cPath, principle: 1, control: "seccomp", fix: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault", key: `${c.list}/${c.name}`, severity: "high" });
        }
      }
      if (unset.length === 0) continue;
      const legacy = legacyAnnotation(w);
      // An annotation asking for unconfined is ignored, but it says the workload may need no filter: no unattended edit then.
      const edits = unset.length === w.containers.length && legacy !== "unconfined" ? setFieldEdits(w.subject, [...w.pod.specPath, "securityContext"], "seccompProfile", ["type: RuntimeDefault"]) : undefined;
      reportAt(ctx, w.subject, {
        problem: `sets no seccomp profile for ${unset.length === w.containers.length ? "any container" : unset.join(", ")}, so it runs Unconfined${legacy ? " (the seccomp.security.alpha.kubernetes.io annotations, unconfined or not, are ignored since Kubernetes 1.27, and Pod Security admission reads only the fields)" : ""}`,
        path: asMap(podSc) ? [...w.pod.specPath, "securityContext"] : [...w.pod.specPath, "containers"],
        missing: w.subject.placeMissing ? [...w.pod.specPath, "securityContext", "seccompProfile"] : undefined,
        principle: 1,
        control: "seccompRestricted",
        fix: "securityContext:  # of the pod\n  seccompProfile:\n    type: RuntimeDefault",
        key: "unset",
        ...(edits ? { edits } : {}),
      });
    }
    for (const s of await composeServices(ctx)) {
      for (const o of securityOpts(s.service)) {
        if (o.name === "seccomp" && o.value === "unconfined") reportCompose(ctx, s, o.path, { problem: "switches Docker's default seccomp filter off (seccomp:unconfined)", principle: 1, fix: "# remove seccomp:unconfined from security_opt", key: "seccomp", severity: "high" });
      }
    }
  },
};
