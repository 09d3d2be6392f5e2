import { asBool, asMap } from "../../ecosystems/kubernetes/manifest.js";
import { inUserNamespace, isWindowsPod } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { containerAnchor, containerLabel, effective, reportAt, unresolved, workloads } from "./lib/report.js";

const isRootUser = (v: unknown): boolean => {
  const s = String(v ?? "").trim();
  return s === "0" || s === "root" || /^(?:0|root):/.test(s);
};

/**
 * A runAsUser as Kubernetes reads it: an integer. `Number` alone takes `""` (a chart's empty
 * `{{ .Values.uid | quote }}`) and `null`-like text for 0, which is root, and `true` for 1.
 */
function uidOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  return typeof v === "string" && /^\s*-?\d{1,19}\s*$/.test(v) ? Number(v) : undefined;
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/run-as-root",
    title: "Container runs as root",
    severity: "high",
    pss: true,
    rationale:
      "A container that runs as user 0 is root inside its namespace: every container-runtime or kernel escape starts from the strongest position, and files it writes on shared volumes belong to root. Without `runAsNonRoot: true` the image's USER decides, and most images default to root. CN8 principle 7 gives running as non-root as its example of a default that has protected users against container runtime and Kubernetes vulnerabilities. Pod Security Standards, restricted profile, controls Running as Non-root and Running as Non-root user, as admission decides them: the container's own securityContext overrides the pod's, but a pod-level `runAsNonRoot: false` or `runAsUser: 0` is refused even when every container overrides it (reported low); a non-root `runAsUser` without `runAsNonRoot: true` runs no root but is refused all the same (low, one finding a pod); Windows pods are asked for runAsNonRoot too; a pod in its own user namespace (`hostUsers: false`) is exempt from both controls (policy v1.35), its root being no user of the node.",
    remediation:
      "Set `runAsNonRoot: true` and a non-zero `runAsUser` (e.g. 10001) in the pod's securityContext, and build the image with a numeric non-root USER. Never set `runAsUser: 0`. In Compose, set `user:` to a non-root UID.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      // Root in a pod's own user namespace is no user of the node: admission (v1.35+) checks neither control there.
      if (inUserNamespace(w.pod)) continue;
      // Windows pods cannot set runAsUser, but admission still asks them for runAsNonRoot: true (the kubelet then refuses ContainerAdministrator).
      const windows = isWindowsPod(w.pod);
      // Whether a container was reported for the pod's own runAsUser: 0, or for its own runAsNonRoot: false.
      let podRootReported = false;
      let podFalseReported = false;
      // Containers that run as a non-root runAsUser without runAsNonRoot: true anywhere: not root, but refused by admission.
      const userOnly: string[] = [];
      for (const c of w.containers) {
        const user = effective(w, c, "runAsUser");
        const nonRoot = effective(w, c, "runAsNonRoot");
        if (user && unresolved(ctx, w.subject, user.path, user.value)) continue;
        if (nonRoot && unresolved(ctx, w.subject, nonRoot.path, nonRoot.value)) continue;
        const uid = user ? uidOf(user.value) : undefined;
        if (uid === 0) {
          if (user?.level === "pod") podRootReported = true;
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} runs as root (runAsUser: 0 at ${user?.level} level)`, path: user?.path ?? containerAnchor(c), principle: 7, control: "runAsUser", fix: "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001", key: `${c.list}/${c.name}`, severity: "high" });
          continue;
        }
        const nr = nonRoot ? asBool(nonRoot.value) : undefined;
        if (nr === true) continue;
        // The Running as Non-root control reads runAsNonRoot alone: a non-root runAsUser keeps root out, not the refusal.
        if (uid !== undefined && Number.isInteger(uid) && uid > 0) {
          if (nr === undefined) userOnly.push(containerLabel(c));
          else if (nonRoot?.level === "container") {
            reportAt(ctx, w.subject, { problem: `${containerLabel(c)} sets runAsNonRoot: false; it runs as user ${uid} (runAsUser), not root, but Pod Security admission (restricted) refuses runAsNonRoot: false`, path: nonRoot.path, principle: 7, control: "runAsNonRoot", fix: "securityContext:\n  runAsNonRoot: true", key: `${c.list}/${c.name}`, severity: "low" });
          }
          continue;
        }
        if (nonRoot?.level === "pod") podFalseReported = true;
        reportAt(ctx, w.subject, {
          problem:
            nr === false
              ? `${containerLabel(c)} sets runAsNonRoot: false and no non-root runAsUser, so it runs as whatever user the image says (usually root)`
              : windows
                ? `${containerLabel(c)} does not set runAsNonRoot: true, so the image's user decides (ContainerAdministrator in many Windows images)`
                : `${containerLabel(c)} may run as root: neither runAsNonRoot: true nor a non-root runAsUser is set, so the image's USER decides`,
          path: nonRoot?.path ?? containerAnchor(c),
          missing: !nonRoot && w.subject.placeMissing ? [...c.path, "securityContext", "runAsNonRoot"] : undefined,
          principle: 7,
          control: "runAsNonRoot",
          fix: windows ? "securityContext:\n  runAsNonRoot: true" : "securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001",
          key: `${c.list}/${c.name}`,
          severity: "medium",
        });
      }
      const podSc = asMap(w.pod.spec["securityContext"]);
      // Every container overrides the pod's root user: nothing runs as root today, but the restricted
      // profile refuses the pod (its control reads spec.securityContext.runAsUser too), and a
      // container added later without its own user inherits root.
      // Paths are built only for a pod that sets the field: most set neither, and every workload passes here.
      const podUser = podSc?.["runAsUser"];
      if (!podRootReported && podUser !== undefined && podUser !== null) {
        const podPath = [...w.pod.specPath, "securityContext", "runAsUser"];
        if (!unresolved(ctx, w.subject, podPath, podUser) && uidOf(podUser) === 0) {
          reportAt(ctx, w.subject, { problem: "sets runAsUser: 0 for the pod; every container overrides it today, but Pod Security admission (restricted) refuses the pod, and a container added without its own runAsUser runs as root", path: podPath, principle: 7, control: "runAsUser", fix: "securityContext:\n  runAsUser: 10001  # in the pod spec", key: "pod/runAsUser", severity: "low" });
        }
      }
      // Likewise the pod's runAsNonRoot: false, which admission refuses whatever the containers set.
      const podNonRoot = podSc?.["runAsNonRoot"];
      if (!podFalseReported && podNonRoot !== undefined && podNonRoot !== null) {
        const podNonRootPath = [...w.pod.specPath, "securityContext", "runAsNonRoot"];
        if (!unresolved(ctx, w.subject, podNonRootPath, podNonRoot) && asBool(podNonRoot) === false) {
          reportAt(ctx, w.subject, { problem: "sets runAsNonRoot: false for the pod; no container runs as root by it today (each sets runAsNonRoot: true or a non-root runAsUser), but Pod Security admission (restricted) refuses the pod, and a container added without either may run as root", path: podNonRootPath, principle: 7, control: "runAsNonRoot", fix: "securityContext:\n  runAsNonRoot: true  # in the pod spec", key: "pod/runAsNonRoot", severity: "low" });
        }
      }
      if (userOnly.length > 0) {
        reportAt(ctx, w.subject, {
          problem: `${userOnly.length === w.containers.length ? "runs every container" : `runs ${userOnly.join(", ")}`} as a non-root user (runAsUser) but sets runAsNonRoot: true nowhere: nothing runs as root, yet Pod Security admission (restricted) requires runAsNonRoot: true and refuses the pod`,
          path: podSc ? [...w.pod.specPath, "securityContext"] : [...w.pod.specPath, "containers"],
          missing: w.subject.placeMissing ? [...w.pod.specPath, "securityContext", "runAsNonRoot"] : undefined,
          principle: 7,
          control: "runAsNonRoot",
          fix: "securityContext:  # of the pod\n  runAsNonRoot: true",
          key: "pod/runAsNonRoot-unset",
          severity: "low",
        });
      }
    }
    for (const s of await composeServices(ctx)) {
      const u = s.service.value["user"];
      if (u === undefined || !isRootUser(u)) continue;
      reportCompose(ctx, s, ["user"], { problem: `runs as root (user: ${String(u)})`, principle: 7, fix: 'user: "10001:10001"', key: "user" });
    }
  },
};
