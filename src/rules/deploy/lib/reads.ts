import { WORKLOAD_KINDS } from "../../../ecosystems/kubernetes/workload.js";

/**
 * What each workload rule reads of a pod template, as dotted paths under it: `spec.` is the pod
 * spec, `C.` every container (init, regular and ephemeral), `metadata.` the pod's metadata. When a
 * chart writes one of these (or a key above it) with a template it does not hold, the rule cannot
 * judge that workload and says so; fields it never reads (labels, affinity, the image of another
 * rule) leave its verdict alone. A rule missing here is gated on the whole pod spec.
 */
export const POD_READS: Readonly<Record<string, readonly string[]>> = {
  "deploy/added-capabilities": ["spec.os", "C.securityContext.capabilities.add"],
  "deploy/apparmor-unconfined": ["metadata.annotations", "spec.securityContext.appArmorProfile", "C.securityContext.appArmorProfile"],
  "deploy/capabilities-not-dropped": ["spec.os", "C.securityContext.capabilities.drop"],
  "deploy/host-namespaces": ["spec.hostNetwork", "spec.hostPID", "spec.hostIPC"],
  // A volume is a host path by its hostPath key: unknown text elsewhere in it (a configMap name) does not change that.
  "deploy/host-path-volume": ["spec.volumes.*.hostPath"],
  "deploy/host-ports": ["C.ports"],
  "deploy/host-probes": ["C.livenessProbe", "C.readinessProbe", "C.startupProbe", "C.lifecycle"],
  "deploy/host-process": ["spec.securityContext.windowsOptions", "C.securityContext.windowsOptions"],
  "deploy/missing-network-policy": [],
  "deploy/missing-resource-limits": ["C.resources"],
  "deploy/mutable-image-tag": ["C.image"],
  "deploy/privilege-escalation": ["spec.os", "C.securityContext.allowPrivilegeEscalation", "C.securityContext.privileged", "C.securityContext.capabilities.add"],
  "deploy/privileged-container": ["C.securityContext.privileged"],
  "deploy/proc-mount": ["spec.hostUsers", "C.securityContext.procMount"],
  "deploy/restricted-volume-types": ["spec.volumes"],
  "deploy/run-as-root": ["spec.os", "spec.hostUsers", "spec.securityContext.runAsUser", "spec.securityContext.runAsNonRoot", "C.securityContext.runAsUser", "C.securityContext.runAsNonRoot"],
  "deploy/seccomp-profile": ["metadata.annotations", "spec.os", "spec.securityContext.seccompProfile", "C.securityContext.seccompProfile"],
  "deploy/secret-in-env": ["C.env"],
  "deploy/selinux-options": ["spec.securityContext.seLinuxOptions", "C.securityContext.seLinuxOptions"],
  "deploy/service-account-token": ["spec.automountServiceAccountToken", "spec.serviceAccountName", "spec.serviceAccount"],
  "deploy/unsafe-sysctls": ["spec.securityContext.sysctls"],
  "deploy/writable-root-filesystem": ["spec.os", "C.securityContext.readOnlyRootFilesystem"],
};

/** What a rule not listed above is taken to read: everything of the pod. */
export const READS_EVERYTHING: readonly string[] = ["spec", "metadata.annotations"];

const RBAC_KINDS = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

/** The kinds that isolate pods on the network: Kubernetes' own and those of Cilium, Calico and the AdminNetworkPolicy API. */
export const POLICY_KINDS: readonly string[] = ["NetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy", "GlobalNetworkPolicy", "AdminNetworkPolicy"];

/**
 * The kinds each rule judges beyond the workloads every rule of POD_READS judges. A Helm template
 * that cannot be rendered, but whose text names all the kinds it writes, leaves the rules that
 * judge none of them alone (a Secret's template cannot hide a privileged container). A rule in
 * neither table is taken to judge every kind.
 */
export const KINDS_JUDGED: Readonly<Record<string, readonly string[]>> = {
  "deploy/service-account-token": ["ServiceAccount", ...RBAC_KINDS],
  "deploy/missing-network-policy": POLICY_KINDS,
  "deploy/exposed-service": ["Service"],
  "deploy/ingress-without-tls": ["Ingress"],
  "deploy/rbac-wildcard": RBAC_KINDS,
  "deploy/rbac-cluster-admin": RBAC_KINDS,
  "deploy/rbac-anonymous-access": RBAC_KINDS,
  "deploy/rbac-escalation-verbs": RBAC_KINDS,
  "deploy/rbac-secrets-access": RBAC_KINDS,
  "deploy/rbac-escalation-paths": RBAC_KINDS,
  // Compose services only: no Kubernetes kind, so an unrenderable Helm template hides nothing from it.
  "deploy/compose-exposed-port": [],
};

/** Whether a rule judges any of these kinds. */
export function judgesAnyOf(ruleId: string, kinds: readonly string[]): boolean {
  const own = KINDS_JUDGED[ruleId];
  const pods = ruleId in POD_READS;
  if (own === undefined && !pods) return true;
  return kinds.some((k) => (own?.includes(k) ?? false) || (pods && WORKLOAD_KINDS.includes(k)));
}
