/**
 * The knowledge the deploy rules cite, as data: TAG-Security's "Secure Defaults: Cloud Native 8"
 * principles and the controls of the Kubernetes Pod Security Standards.
 */

/** The eight principles, by number, with the paper's own titles. */
export const CN8 = {
  1: "Make security a design requirement",
  2: "Applying secure configuration has the best user experience",
  3: "Selecting insecure configuration is a conscious decision",
  4: "Transition from insecure to secure state is possible",
  5: "Secure defaults are inherited",
  6: "Exception lists have first class support",
  7: "Secure defaults protect against pervasive vulnerability exploits",
  8: "Security limitations of a system are explainable",
} as const;
export type Principle = keyof typeof CN8;

export const CN8_URL = "https://github.com/cncf/tag-security/blob/main/community/resources/security-whitepaper/secure-defaults-cloud-native-8.md";
export const PSS_URL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

// Built once: findings cite these thousands of times, and one string each keeps them cheap to mask and hash.
const PRINCIPLE_TEXT = new Map((Object.keys(CN8) as unknown as Principle[]).map((k) => [Number(k) as Principle, `CN8-${k} ${CN8[k]}`]));

/** "CN8-3 Selecting insecure configuration is a conscious decision". */
export function principle(n: Principle): string {
  return PRINCIPLE_TEXT.get(n) ?? `CN8-${n} ${CN8[n]}`;
}

/** The Pod Security Standards controls, by the name the standard gives them. */
export const PSS = {
  hostProcess: { profile: "baseline", control: "HostProcess" },
  hostNamespaces: { profile: "baseline", control: "Host Namespaces" },
  privileged: { profile: "baseline", control: "Privileged Containers" },
  capabilities: { profile: "baseline", control: "Capabilities" },
  hostPath: { profile: "baseline", control: "HostPath Volumes" },
  hostPorts: { profile: "baseline", control: "Host Ports" },
  hostProbes: { profile: "baseline", control: "Host Probes / Lifecycle Hooks" },
  appArmor: { profile: "baseline", control: "AppArmor" },
  seLinux: { profile: "baseline", control: "SELinux" },
  procMount: { profile: "baseline", control: "/proc Mount Type" },
  procMountRestricted: { profile: "restricted", control: "/proc Mount Type" },
  seccomp: { profile: "baseline", control: "Seccomp" },
  sysctls: { profile: "baseline", control: "Sysctls" },
  volumeTypes: { profile: "restricted", control: "Volume Types" },
  privilegeEscalation: { profile: "restricted", control: "Privilege Escalation" },
  runAsNonRoot: { profile: "restricted", control: "Running as Non-root" },
  runAsUser: { profile: "restricted", control: "Running as Non-root user" },
  seccompRestricted: { profile: "restricted", control: "Seccomp" },
  capabilitiesRestricted: { profile: "restricted", control: "Capabilities" },
} as const;
export type PssControl = keyof typeof PSS;

const CONTROL_TEXT = new Map((Object.keys(PSS) as PssControl[]).map((c) => [c, `PSS ${PSS[c].profile}: ${PSS[c].control}`]));

/** "PSS baseline: Privileged Containers". */
export function control(c: PssControl): string {
  return CONTROL_TEXT.get(c) ?? `PSS ${PSS[c].profile}: ${PSS[c].control}`;
}

/** Capabilities the baseline profile allows adding (the container runtime's default set). */
export const BASELINE_CAPABILITIES = new Set(["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]);

/** Capabilities that amount to root on the node, or to the node's network. */
export const DANGEROUS_CAPABILITIES = new Set(["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "SYS_RAWIO", "DAC_READ_SEARCH", "BPF", "PERFMON", "SYS_BOOT", "SYS_TIME", "MAC_ADMIN", "MAC_OVERRIDE", "NET_RAW"]);

/**
 * Sysctls the baseline profile allows: namespaced and isolated from other pods. Admission compares
 * the name as written, so `net/ipv4/ip_local_port_range` (which the kubelet takes) is not one. The
 * set grew with the policy version: ip_local_reserved_ports at v1.27, the tcp_keepalive ones and
 * tcp_fin_timeout at v1.29, tcp_rmem/tcp_wmem at v1.32, tcp_slow_start_after_idle and
 * tcp_notsent_lowat at v1.37 (the latest); the value is that version.
 */
export const SAFE_SYSCTLS: ReadonlyMap<string, string> = new Map([
  ["kernel.shm_rmid_forced", "1.0"],
  ["net.ipv4.ip_local_port_range", "1.0"],
  ["net.ipv4.ip_unprivileged_port_start", "1.0"],
  ["net.ipv4.tcp_syncookies", "1.0"],
  ["net.ipv4.ping_group_range", "1.0"],
  ["net.ipv4.ip_local_reserved_ports", "1.27"],
  ["net.ipv4.tcp_keepalive_time", "1.29"],
  ["net.ipv4.tcp_fin_timeout", "1.29"],
  ["net.ipv4.tcp_keepalive_intvl", "1.29"],
  ["net.ipv4.tcp_keepalive_probes", "1.29"],
  ["net.ipv4.tcp_rmem", "1.32"],
  ["net.ipv4.tcp_wmem", "1.32"],
  ["net.ipv4.tcp_slow_start_after_idle", "1.37"],
  ["net.ipv4.tcp_notsent_lowat", "1.37"],
]);

/** Volume types the restricted profile allows (`image` since Kubernetes 1.33, at every policy version). */
export const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"]);

/** SELinux types the baseline profile allows. */
export const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

/**
 * Host paths whose mount hands over the node: the container runtime's socket, the root, the
 * kubelet's credentials, kernel interfaces. Prefix matches on path segments.
 */
export const SENSITIVE_HOST_PATHS = [
  "/",
  "/etc",
  "/proc",
  "/sys",
  "/dev",
  "/boot",
  "/root",
  "/home",
  "/var/lib/kubelet",
  "/var/lib/docker",
  "/var/lib/containerd",
  "/run",
  "/run/containerd",
  "/run/crio",
  "/run/docker",
  "/run/dbus",
  "/run/systemd",
  "/var/log",
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
];

/**
 * Host devices that hand over the host: its memory (`/dev/mem`, `/dev/kmem`, `/dev/port`), its
 * disks and their partitions (every file on them is readable and writable below the file
 * system's permissions), and the whole of `/dev`. FUSE, TUN, GPUs, sound and serial devices are not.
 */
export const SENSITIVE_DEVICES = /^\/dev(?:\/(?:mem|kmem|port|(?:sd|hd|vd|xvd)[a-z]{1,3}\d{0,3}|nvme\d{1,3}(?:n\d{1,3}(?:p\d{1,3})?)?|mmcblk\d{1,3}(?:p\d{1,3})?|dm-\d{1,4}|md\d{1,4}|disk(?:\/[^/]{1,200}){0,3}|mapper(?:\/[^/]{1,200})?))?\/?$/;

/** Container runtime sockets: mounting one is root on the node. */
export const RUNTIME_SOCKETS = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)(?:\/[a-z-]{1,40})?\.sock$|^\/var\/run\/docker$|^\/run\/containerd$/;

/** True when a host path is, or is inside, a sensitive one (`/` and `/run` only when exactly them; `/var/run` is `/run`). */
export function sensitiveHostPath(path: string): boolean {
  const p = (path.replace(/\/+$/, "") || "/").replace(/^\/var\/run(?=\/|$)/, "/run");
  if (RUNTIME_SOCKETS.test(p)) return true;
  // The host's time zone, shared so logs agree on the time: public data, no credential in it.
  if (TIME_ZONE_FILES.has(p)) return false;
  // A CSI node driver's own folder under the kubelet's plugins (its socket, as the CSI deployment
  // guide lays it out) holds nothing of the kubelet's or of other pods; kubernetes.io/ there does
  // (the staging mounts of every pod's volumes), and so do plugins_registry and the rest.
  if (OWN_PLUGIN_FOLDER.test(p)) return false;
  // A user's home is sensitive as a whole (~/.ssh, ~/.kube, shell start-up files), a project folder
  // inside it (`/home/deploy/web`) is not, unless the path goes through a dot folder.
  if (p.startsWith("/home/")) {
    const inside = p.split("/").slice(3);
    if (inside.length > 0 && !inside.some((seg) => seg.startsWith("."))) return false;
  }
  return SENSITIVE_HOST_PATHS.some((s) => (EXACT_ONLY.has(s) ? p === s : p === s || p.startsWith(`${s}/`)));
}

/** One driver's folder in the kubelet's plugin folder (not kubernetes.io, the in-tree plugins' staging). */
const OWN_PLUGIN_FOLDER = /^\/var\/lib\/kubelet\/plugins\/(?!kubernetes\.io(?:\/|$))[^/]+(?:\/|$)/;

/** Files under /etc that only say what time zone the host is in. */
const TIME_ZONE_FILES = new Set(["/etc/localtime", "/etc/timezone"]);

/**
 * Folders sensitive as a whole but not in every part: `/run` holds the runtime's and systemd's
 * sockets (listed on their own), while `/run/flannel` or `/run/promtail` is one agent's own state.
 */
const EXACT_ONLY = new Set(["/", "/run"]);
