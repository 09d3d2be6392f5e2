import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import type { Container } from "../../ecosystems/kubernetes/workload.js";
import { containerLabel, reportAt, unresolved, workloads, type Workload } from "./lib/report.js";

const HANDLERS = [
  ["livenessProbe"],
  ["readinessProbe"],
  ["startupProbe"],
  ["lifecycle", "postStart"],
  ["lifecycle", "preStop"],
] as const;

const KINDS = ["httpGet", "tcpSocket"] as const;

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/host-probes",
    title: "Probe or lifecycle hook targets another host",
    severity: "medium",
    pss: true,
    rationale:
      "A probe or lifecycle hook with `httpGet.host` or `tcpSocket.host` makes the kubelet, from the node's network, connect wherever the manifest says: a way to reach node-local or internal endpoints the pod itself cannot (server-side request forgery through the kubelet). CN8 principle 1. Pod Security Standards, baseline profile, control Host Probes / Lifecycle Hooks (Kubernetes 1.34).",
    remediation: "Remove `host` from the probe's httpGet or tcpSocket: the kubelet then probes the pod's own IP.",
  }),

  async run(ctx) {
    // Indexed loops, no destructuring: `run` is called once a scan, so these loops run mostly
    // before V8 optimises them, where every for…of step and every `[a, b] =` allocates iterator
    // objects (the two rules' loops over constant lists made ~10 MB of them for 10,000 documents).
    const ws = await workloads(ctx);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as Workload;
      for (let j = 0; j < w.containers.length; j++) {
        const c = w.containers[j] as Container;
        for (let k = 0; k < HANDLERS.length; k++) {
          const h = HANDLERS[k] as (typeof HANDLERS)[number];
          const handler = asMap(h.length === 1 ? c.value[h[0]] : asMap(c.value[h[0]])?.[h[1] as string]);
          if (!handler) continue;
          for (let n = 0; n < KINDS.length; n++) {
            const kind = KINDS[n] as (typeof KINDS)[number];
            const host = asString(asMap(handler[kind])?.["host"]);
            if (host === undefined || host === "") continue;
            const path = [...c.path, ...h, kind, "host"];
            // A host a chart's value decides but the renderer cannot know: say so rather than name the placeholder.
            if (unresolved(ctx, w.subject, path, host)) continue;
            reportAt(ctx, w.subject, { problem: `${containerLabel(c)} ${h.join(".")} ${kind} targets host ${host}`, path, principle: 1, control: "hostProbes", fix: `# remove host from ${h.join(".")}.${kind}`, key: `${c.list}/${c.name}/${h.join(".")}` });
          }
        }
      }
    }
  },
};
