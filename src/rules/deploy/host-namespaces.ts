import { asBool, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { reportAt, unresolved, workloads, type Workload } from "./lib/report.js";

const FIELDS = {
  hostNetwork: "the node's network: it can reach every service bound to the node's interfaces and sniff or spoof its traffic",
  hostPID: "the node's process table: it can see and signal every process on the node, and read their environment",
  hostIPC: "the node's IPC namespace: it can read shared memory of every process on the node",
} as const;

/** FIELDS' names, listed once: every workload walks them. */
const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

const COMPOSE = { network_mode: "network", pid: "process", ipc: "IPC", uts: "UTS", userns_mode: "user", cgroup: "cgroup" } as const;

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/host-namespaces",
    title: "Pod shares the node's namespaces",
    severity: "high",
    pss: true,
    rationale:
      "Namespaces are what isolate a container from the node. A pod with hostNetwork, hostPID or hostIPC shares the node's network stack, process table or shared memory, so one compromised pod sees, signals or impersonates everything on the node. CN8 principle 3: sharing the host's namespaces must be a conscious opt-in, not a default. Pod Security Standards, baseline profile, control Host Namespaces; in Compose the same holds for `network_mode: host`, `pid: host`, `ipc: host`, `uts: host` and `userns_mode: host`, and `cgroup: host` (the host's cgroup namespace: the container sees the host's whole cgroup tree, every service and container on it) is medium.",
    remediation:
      "Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to false); expose ports through a Service instead of the node's network. In Compose, drop `network_mode: host`, `pid: host` and `ipc: host` and publish ports with `ports:`.",
  }),

  async run(ctx) {
    // Indexed loops, no destructuring: `run` is called once a scan, so these loops run mostly
    // before V8 optimises them, where every for…of step and every `[a, b] =` allocates iterator
    // objects (the two rules' loops over constant lists made ~10 MB of them for 10,000 documents).
    const ws = await workloads(ctx);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as Workload;
      for (let f = 0; f < FIELD_NAMES.length; f++) {
        const field = FIELD_NAMES[f] as keyof typeof FIELDS;
        const why = FIELDS[field];
        const v = w.pod.spec[field];
        if (v === undefined) continue;
        const path = [...w.pod.specPath, field];
        if (unresolved(ctx, w.subject, path, v)) continue;
        if (asBool(v) !== true) continue;
        reportAt(ctx, w.subject, { problem: `shares ${why.slice(0, why.indexOf(":"))} (${field}: true): ${why.slice(why.indexOf(":") + 2)}`, path, principle: 3, control: "hostNamespaces", fix: `${field}: false`, key: field });
      }
    }
    for (const s of await composeServices(ctx)) {
      for (const [field, what] of Object.entries(COMPOSE)) {
        const v = asString(s.service.value[field]);
        if (v !== "host") continue;
        reportCompose(ctx, s, [field], { problem: `shares the host's ${what} namespace (${field}: host)`, principle: 3, fix: field === "network_mode" ? "# remove network_mode: host; publish ports instead:\nports:\n  - \"127.0.0.1:8080:8080\"" : `# remove ${field}: host`, key: field, ...(field === "cgroup" ? { severity: "medium" as const } : {}) });
      }
    }
  },
};
