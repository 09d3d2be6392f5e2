import { asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, unresolved, workloads } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/host-ports",
    title: "Container binds a port of the node",
    severity: "medium",
    pss: true,
    rationale:
      "A hostPort opens the container on every address of the node, outside Services and NetworkPolicies, and limits scheduling to one such pod per node. CN8 principle 1 cites keeping the network attack surface small by default. Pod Security Standards, baseline profile, control Host Ports.",
    remediation: "Remove `hostPort` and expose the container through a Service (ClusterIP by default).",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        asList(c.value["ports"]).forEach((port, i) => {
          const v = asMap(port)?.["hostPort"];
          const path = [...c.path, "ports", i, "hostPort"];
          if (v === undefined || v === null || unresolved(ctx, w.subject, path, v)) return;
          if (Number(asString(v) ?? 0) === 0) return;
          reportAt(ctx, w.subject, { problem: `${containerLabel(c)} binds port ${asString(v)} of the node (hostPort)`, path, principle: 1, control: "hostPorts", fix: "# remove hostPort; expose the port with a Service", key: `${c.list}/${c.name}/${asString(v)}` });
        });
      }
    }
  },
};
