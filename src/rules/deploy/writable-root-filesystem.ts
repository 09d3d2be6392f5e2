import { asBool } from "../../ecosystems/kubernetes/manifest.js";
import { isWindowsPod } from "../../ecosystems/kubernetes/workload.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerAnchor, containerLabel, own, reportAt, unresolved, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/writable-root-filesystem",
    title: "Container's root filesystem is writable",
    severity: "low",
    rationale:
      "A writable root filesystem lets an attacker who gets code execution drop tools, replace binaries or persist in the container. A read-only root filesystem, with emptyDir volumes only where the application writes, removes that step. CN8 principle 7 (defaults that blunt arbitrary code execution). Not part of the Pod Security Standards; kube-linter, Polaris and the CIS benchmark recommend it.",
    remediation: "Set `readOnlyRootFilesystem: true` in the container's securityContext and mount an `emptyDir` at each path the application writes to (e.g. /tmp).",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      if (isWindowsPod(w.pod)) continue;
      for (const c of w.containers) {
        if (c.list === "ephemeralContainers") continue;
        const v = own(c, "readOnlyRootFilesystem");
        if (v && unresolved(ctx, w.subject, v.path, v.value)) continue;
        if (v && asBool(v.value) === true) continue;
        reportAt(ctx, w.subject, {
          problem: v ? `${containerLabel(c)} sets readOnlyRootFilesystem: ${String(v.value)}` : `${containerLabel(c)} does not set readOnlyRootFilesystem: true`,
          path: v?.path ?? containerAnchor(c),
          missing: !v && w.subject.placeMissing ? [...c.path, "securityContext", "readOnlyRootFilesystem"] : undefined,
          principle: 7,
          fix: "securityContext:\n  readOnlyRootFilesystem: true\n# and an emptyDir volume mounted where the application writes (e.g. /tmp)",
          key: `${c.list}/${c.name}`,
        });
      }
    }
  },
};
