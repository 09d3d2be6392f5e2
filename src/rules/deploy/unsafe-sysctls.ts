import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { SAFE_SYSCTLS } from "./lib/principles.js";
import { reportAt, unresolved, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/unsafe-sysctls",
    title: "Pod sets an unsafe sysctl",
    severity: "high",
    pss: true,
    rationale:
      "Sysctls outside the small safe set are not isolated per pod: they change the kernel of the whole node (memory, networking, security settings) for every other pod on it, or switch protections off. CN8 principle 3 (an insecure setting must be a conscious decision). Pod Security Standards, baseline profile, control Sysctls, as admission decides at its latest policy version (v1.37): only kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports (v1.27), net.ipv4.tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes and tcp_fin_timeout (v1.29), net.ipv4.tcp_rmem and tcp_wmem (v1.32), net.ipv4.tcp_slow_start_after_idle and tcp_notsent_lowat (v1.37) are allowed. Admission compares the name as written: a safe sysctl spelt with slashes (`net/ipv4/ip_local_port_range`), which the kubelet accepts, is refused all the same and reported low.",
    remediation: "Remove the sysctl from `securityContext.sysctls`; if the node needs it, set it on the node (a node tuning DaemonSet run by the cluster's operators), not in an application's manifest.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      asList(asMap(w.pod.spec["securityContext"])?.["sysctls"]).forEach((s, i) => {
        const path = [...w.pod.specPath, "securityContext", "sysctls", i, "name"];
        const name = asString(asMap(s)?.["name"]);
        if (name === undefined || unresolved(ctx, w.subject, path, name)) return;
        if (SAFE_SYSCTLS.has(name)) return;
        const dotted = name.replace(/\//g, ".");
        if (SAFE_SYSCTLS.has(dotted)) {
          reportAt(ctx, w.subject, { problem: `sets sysctl ${name}, the safe ${dotted} spelt with slashes: the kubelet takes it, but Pod Security admission (baseline) compares the name as written and refuses the pod`, path, principle: 3, control: "sysctls", fix: `- name: ${dotted}`, key: name, severity: "low" });
          return;
        }
        reportAt(ctx, w.subject, { problem: `sets sysctl ${name}, which is not in the Pod Security Standards' safe set`, path, principle: 3, control: "sysctls", fix: "# remove this sysctl from securityContext.sysctls", key: name });
      });
    }
  },
};
