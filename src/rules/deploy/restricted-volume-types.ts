import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { RESTRICTED_VOLUME_TYPES } from "./lib/principles.js";
import { reportAt, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/restricted-volume-types",
    title: "Pod uses a volume type outside the restricted profile",
    severity: "low",
    pss: true,
    rationale:
      "Volume types other than configMap, csi, downwardAPI, emptyDir, ephemeral, image (an OCI image mounted read-only, allowed since Kubernetes 1.33), persistentVolumeClaim, projected and secret reach storage directly from the pod spec (nfs, iscsi, rbd, gitRepo, cephfs…), bypassing the PersistentVolume layer where operators control access; gitRepo even runs git on the node. CN8 principle 5 (defaults inherited from the platform's storage layer rather than re-done per pod). Pod Security Standards, restricted profile, control Volume Types. hostPath is reported by deploy/host-path-volume.",
    remediation: "Use a PersistentVolumeClaim (bound to a PersistentVolume the cluster operator defines) instead of the inline volume source; replace gitRepo with an init container that clones into an emptyDir.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      asList(w.pod.spec["volumes"]).forEach((vol, i) => {
        const m = asMap(vol);
        if (!m) return;
        const name = asString(m["name"]) ?? `#${i + 1}`;
        for (const type of Object.keys(m)) {
          if (type === "name" || type === "hostPath" || RESTRICTED_VOLUME_TYPES.has(type)) continue;
          reportAt(ctx, w.subject, { problem: `volume "${name}" is of type ${type}, which the restricted profile does not allow`, path: [...w.pod.specPath, "volumes", i, type], principle: 5, control: "volumeTypes", fix: `volumes:\n  - name: ${name}\n    persistentVolumeClaim:\n      claimName: ${name}`, key: `${name}/${type}`, severity: type === "gitRepo" ? "medium" : "low" });
        }
      });
    }
  },
};
