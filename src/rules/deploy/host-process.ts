import { asBool, asMap } from "../../ecosystems/kubernetes/manifest.js";
import type { YamlPath } from "../../ecosystems/kubernetes/locate.js";
import type { Rule, RuleContext } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, workloads, type Workload } from "./lib/report.js";

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
      // Paths and labels are built only for what is reported: most workloads set nothing here.
      if (hostProcess(w.pod.spec["securityContext"])) report(ctx, w, [...w.pod.specPath, "securityContext", "windowsOptions", "hostProcess"], "pod");
      for (const c of w.containers) {
        if (hostProcess(c.value["securityContext"])) report(ctx, w, [...c.path, "securityContext", "windowsOptions", "hostProcess"], containerLabel(c));
      }
    }
  },
};

function hostProcess(sc: unknown): boolean {
  return asBool(asMap(asMap(sc)?.["windowsOptions"])?.["hostProcess"]) === true;
}

function report(ctx: RuleContext, w: Workload, path: YamlPath, who: string): void {
  reportAt(ctx, w.subject, { problem: `${who} runs as a Windows HostProcess (windowsOptions.hostProcess: true)`, path, principle: 3, control: "hostProcess", fix: "securityContext:\n  windowsOptions:\n    hostProcess: false", key: who });
}
