import { asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployMeta } from "./lib/meta.js";
import { containerLabel, reportAt, workloads } from "./lib/report.js";

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
    for (const w of await workloads(ctx)) {
      for (const c of w.containers) {
        for (const h of HANDLERS) {
          let node: unknown = c.value;
          for (const k of h) node = asMap(node)?.[k];
          const handler = asMap(node);
          if (!handler) continue;
          for (const kind of KINDS) {
            const host = asString(asMap(handler[kind])?.["host"]);
            if (host === undefined || host === "") continue;
            reportAt(ctx, w.subject, { problem: `${containerLabel(c)} ${h.join(".")} ${kind} targets host ${host}`, path: [...c.path, ...h, kind, "host"], principle: 1, control: "hostProbes", fix: `# remove host from ${h.join(".")}.${kind}`, key: `${c.list}/${c.name}/${h.join(".")}` });
          }
        }
      }
    }
  },
};
