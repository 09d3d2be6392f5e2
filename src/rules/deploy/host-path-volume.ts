import { asBool, asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { bindMounts, deviceMappings } from "../../ecosystems/compose/compose.js";
import { composeServices, reportCompose } from "./lib/compose.js";
import { deployMeta } from "./lib/meta.js";
import { RUNTIME_SOCKETS, SENSITIVE_DEVICES, sensitiveHostPath } from "./lib/principles.js";
import { reportAt, unresolved, workloads, type Workload } from "./lib/report.js";

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/host-path-volume",
    title: "Pod mounts a path of the node",
    severity: "high",
    pss: true,
    rationale:
      "A hostPath volume gives the container a directory of the node. Mounting the container runtime's socket (/var/run/docker.sock, containerd.sock) is root on the node; mounting /, /etc, /proc, /var/lib/kubelet or /root exposes credentials and lets the container rewrite the node. Even harmless-looking paths pin the pod to one node and survive it. CN8 principle 3 (an insecure setting must be a conscious decision, not shipped by default); Pod Security Standards, baseline profile, control HostPath Volumes. A sensitive path that every container mounts read-only is medium, not high: it can still be read, not rewritten; a runtime socket is critical either way. Compose bind mounts of the same sensitive paths are reported too (project folders like ./data are not, nor the host's /etc/localtime or a folder inside a user's home such as /home/deploy/web; the home itself and its dot folders are, also written `~/.ssh` or `${HOME}/.aws`). A Compose variable's default (`${SOCK:-/var/run/docker.sock}`) is judged as the path it mounts, and a path only the environment names, mounted where the runtime's socket goes (`${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock`), is taken for that socket, both at medium confidence. A named volume the local driver binds to a host path (`driver_opts: {o: bind, device: /var/run/docker.sock}`) is judged as that path. A Compose service's `devices:` are host paths too: the host's memory (/dev/mem, /dev/kmem, /dev/port), its disks and partitions, or all of /dev are reported high; FUSE, TUN, GPU, sound and serial devices are not.",
    remediation:
      "Replace hostPath volumes with emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim. Never mount the container runtime's socket; if a node agent needs a host path, mount the narrowest one read-only, behind a value that defaults off, and document why.",
  }),

  async run(ctx) {
    for (const w of await workloads(ctx)) {
      asList(w.pod.spec["volumes"]).forEach((vol, i) => {
        const hp = asMap(asMap(vol)?.["hostPath"]);
        if (!hp) return;
        const path = [...w.pod.specPath, "volumes", i, "hostPath", "path"];
        const p = asString(hp["path"]) ?? "";
        if (unresolved(ctx, w.subject, path, p)) return;
        const socket = RUNTIME_SOCKETS.test(p.replace(/\/+$/, ""));
        const sensitive = sensitiveHostPath(p);
        const name = asString(asMap(vol)?.["name"]) ?? `#${i + 1}`;
        // Read-only, a sensitive path can still be read (credentials) but not rewritten; a socket is root either way.
        const readOnly = mountedReadOnly(w, name);
        reportAt(ctx, w.subject, {
          problem: socket ? `mounts the container runtime's socket ${p} (volume "${name}"): that is root on the node` : `mounts the node's ${p || "(empty path)"} (hostPath volume "${name}"${readOnly ? ", read-only" : ""})${sensitive ? ", a sensitive host path" : ""}`,
          path,
          principle: 3,
          control: "hostPath",
          fix: `volumes:\n  - name: ${name}\n    emptyDir: {}  # or a configMap, secret or persistentVolumeClaim`,
          key: `${name}:${p}`,
          severity: socket ? "critical" : sensitive && !readOnly ? "high" : "medium",
        });
      });
    }
    for (const s of await composeServices(ctx)) {
      for (const m of bindMounts(s.service, s.volumes)) {
        const socket = RUNTIME_SOCKETS.test(m.source.replace(/\/+$/, ""));
        // `${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock` (Supabase's stack): the environment names
        // the source, but a path mounted where the runtime's socket goes is that socket by convention.
        if (!socket && m.source.startsWith("$") && RUNTIME_SOCKETS.test(m.target.replace(/\/+$/, ""))) {
          reportCompose(ctx, s, m.path.slice(s.service.path.length), {
            problem: `mounts ${m.source}, a host path the environment names, at ${m.target}: the container runtime's socket goes there, and that is root on the host`,
            principle: 3,
            fix: "# remove this bind mount, or give the service a socket proxy that allows only the calls it needs",
            key: `volume:${m.source}`,
            severity: "critical",
            confidence: "medium",
          });
          continue;
        }
        if (!socket && !sensitiveHostPath(inHome(m.source))) continue;
        reportCompose(ctx, s, m.path.slice(s.service.path.length), {
          // A read-only bind of a socket still lets the container connect to it and call the API.
          problem: `${socket ? `mounts the Docker socket ${m.source}${m.readOnly ? " (read-only, which does not stop API calls through it)" : ""}` : `mounts the host's ${m.source}${m.readOnly ? " (read-only)" : ""}`}${m.volume !== undefined ? ` through volume "${m.volume}", which its driver_opts bind to the host` : ""}${m.written ? ` (the default of ${m.written}, used unless the variable is set)` : ""}${socket ? ": that is root on the host" : ", a sensitive host path"}`,
          principle: 3,
          fix: "# remove this bind mount; use a named volume for data the service owns",
          key: `volume:${m.source}`,
          severity: socket ? "critical" : m.readOnly ? "medium" : "high",
          // The environment may name another path: the default is what ships, not what runs.
          ...(m.written ? { confidence: "medium" as const } : {}),
        });
      }
      for (const d of deviceMappings(s.service)) {
        if (!SENSITIVE_DEVICES.test(d.source)) continue;
        const memory = /^\/dev\/(?:mem|kmem|port)$/.test(d.source);
        reportCompose(ctx, s, d.path.slice(s.service.path.length), {
          problem: `gives the container the host's ${d.source === "/dev" || d.source === "/dev/" ? "every device (/dev)" : `device ${d.source}`}: raw access to the host's ${memory ? "memory" : "disks"} is root on the host`,
          principle: 3,
          fix: "# remove this device; give the service a volume for the data it needs",
          key: `device:${d.source}`,
          severity: "high",
        });
      }
    }
  },
};

/**
 * True when a volume is mounted, and every container that mounts it does so with `readOnly: true`
 * (a value a template leaves unknown is not read-only).
 */
function mountedReadOnly(w: Workload, volume: string): boolean {
  let mounts = 0;
  for (const c of w.containers) {
    for (const m of asList(c.value["volumeMounts"])) {
      const mount = asMap(m);
      if (asString(mount?.["name"]) !== volume) continue;
      if (asBool(mount?.["readOnly"]) !== true) return false;
      mounts++;
    }
  }
  return mounts > 0;
}

/**
 * A Compose source in the home of whoever runs Compose (`~/.ssh`, `$HOME/.aws`, `${HOME}`), as a
 * path in some user's home, so a dot folder or the home itself is judged as /home/<user>/… is.
 */
function inHome(source: string): string {
  const m = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(source);
  return m ? `/home/~${source.slice(m[0].length)}` : source;
}
