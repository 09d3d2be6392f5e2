import { asBool, asMap } from "../../ecosystems/kubernetes/manifest.js";
import type { YamlPath } from "../../ecosystems/kubernetes/locate.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/host-process",
    title: "Windows container runs as a host process",
    severity: "critical",
    pss: true,
    rationale:
      "A Windows HostProcess container runs directly on the node as a process of the host, with the host's network and file system: it is the Windows equivalent of a privileged container. CN8 principle 3 (an insecure setting must be a conscious decision). Pod Security Standards, baseline profile, control HostProcess.",
    remediation: "Remove `windowsOptions.hostProcess: true` from the pod and container securityContexts; node management belongs in the cluster's own tooling.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      const targets: { sc: unknown; path: YamlPath; who: string }[] = [
        { sc: w.pod.spec["securityContext"], path: [...w.pod.specPath, "securityContext", "windowsOptions", "hostProcess"], who: "pod" },
        ...w.containers.map((c) => ({ sc: c.value["securityContext"], path: [...c.path, "securityContext", "windowsOptions", "hostProcess"], who: containerLabel(c) })),
      ];
      for (const t of targets) {
        if (asBool(asMap(asMap(t.sc)?.["windowsOptions"])?.["hostProcess"]) !== true) continue;
        reportAt(ctx, w.subject, { problem: `${t.who} runs as a Windows HostProcess (windowsOptions.hostProcess: true)`, path: t.path, principle: 3, control: "hostProcess", fix: "securityContext:\n  windowsOptions:\n    hostProcess: false", key: t.who });
      }
    }
  },
};
