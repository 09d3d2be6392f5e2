// The privilege escalation risks of Kubernetes RBAC that are not wildcards or the escalate, bind
// and impersonate verbs (other rules report those), as Kubernetes' "RBAC good practices" lists
// them: a permission on one of these resources gives more than it names.
import type { Severity } from "../../../core/severity.js";

/** One escalation path: the permission, what it really gives, and how bad that is. */
export interface EscalationPath {
  id: string;
  /** API group of the resources ("" is the core group). */
  group: string;
  resources: readonly string[];
  verbs: readonly string[];
  /** Only a ClusterRole grants it in a way worth reporting (a namespaced Role doing it is ordinary). */
  clusterOnly?: boolean;
  /** The resources are cluster-scoped (nodes, webhooks…): a Role's namespace does not narrow them. */
  clusterScoped?: boolean;
  severity: Severity;
  /** What the account can then do, after "so it can". */
  gives: string;
  /** The YAML comment shown as the fix. */
  fix: string;
}

/** What creating pods, or the controllers that create them, gives a ClusterRole. */
const STARTS_PODS = "start pods in every namespace it is bound in, running as any service account there and mounting any secret, config map or volume of that namespace";

/** The paths, from https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks. */
export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: "node-proxy",
    clusterScoped: true,
    group: "",
    resources: ["nodes/proxy"],
    verbs: ["get", "create", "update", "patch"],
    severity: "high",
    gives: "reach the kubelet API of every node, which runs commands in every pod there and is neither audited nor checked by admission control",
    fix: "# remove nodes/proxy; read node metrics from metrics-server or nodes/metrics instead",
  },
  {
    id: "pod-exec",
    group: "",
    resources: ["pods/exec", "pods/attach"],
    // GET opens exec over WebSockets on clusters before 1.31, so it counts too.
    verbs: ["create", "get"],
    severity: "high",
    gives: "run commands inside any pod it can see, with that pod's service account token and mounted secrets",
    fix: "# remove pods/exec and pods/attach; if a tool must exec, restrict it to a namespaced Role with resourceNames",
  },
  {
    id: "ephemeral-containers",
    group: "",
    resources: ["pods/ephemeralcontainers"],
    verbs: ["update", "patch"],
    severity: "high",
    gives: "add a container of its choosing to a running pod, with that pod's service account and volumes",
    fix: "# remove pods/ephemeralcontainers; debugging is a human's job with their own credentials",
  },
  {
    id: "token-request",
    group: "",
    resources: ["serviceaccounts/token"],
    verbs: ["create"],
    severity: "high",
    gives: "mint tokens for any service account in its scope, and act with their permissions",
    fix: "# remove serviceaccounts/token, or restrict it with resourceNames to the one service account it needs",
  },
  {
    id: "csr-approval",
    clusterScoped: true,
    group: "certificates.k8s.io",
    resources: ["certificatesigningrequests/approval"],
    verbs: ["update", "patch"],
    severity: "high",
    gives: "approve certificate signing requests, issuing client certificates for any user or group a signer accepts",
    fix: "# remove certificatesigningrequests/approval; leave approval to the cluster's own approver or a human",
  },
  {
    id: "mutating-webhooks",
    clusterScoped: true,
    group: "admissionregistration.k8s.io",
    resources: ["mutatingwebhookconfigurations"],
    verbs: ["create", "update", "patch"],
    severity: "high",
    gives: "register or redirect webhooks that see, and can rewrite, every object sent to the API server, secrets included",
    fix: "# ship the webhook configuration with the chart instead of letting the workload write it; if it must patch its caBundle, restrict the rule with resourceNames",
  },
  {
    // A validating webhook cannot change objects: it sees them all and may refuse any.
    id: "validating-webhooks",
    clusterScoped: true,
    group: "admissionregistration.k8s.io",
    resources: ["validatingwebhookconfigurations"],
    verbs: ["create", "update", "patch"],
    severity: "high",
    gives: "register or redirect webhooks that see every object sent to the API server, secrets included, and may refuse any of them",
    fix: "# ship the webhook configuration with the chart instead of letting the workload write it; if it must patch its caBundle, restrict the rule with resourceNames",
  },
  {
    id: "persistent-volumes",
    clusterScoped: true,
    group: "",
    resources: ["persistentvolumes"],
    verbs: ["create"],
    severity: "medium",
    gives: "create hostPath volumes that mount any folder of a node",
    fix: "# create PersistentVolumeClaims (namespaced) and let a StorageClass provision the volumes",
  },
  {
    id: "workload-creation",
    group: "",
    resources: ["pods", "replicationcontrollers"],
    verbs: ["create"],
    clusterOnly: true,
    severity: "medium",
    gives: STARTS_PODS,
    fix: "kind: Role  # namespaced: start pods only where the workload works",
  },
  {
    id: "workload-creation",
    group: "apps",
    resources: ["deployments", "daemonsets", "statefulsets", "replicasets"],
    verbs: ["create", "update", "patch"],
    clusterOnly: true,
    severity: "medium",
    gives: STARTS_PODS,
    fix: "kind: Role  # namespaced: manage workloads only where the operator works",
  },
  // A Job's pod template cannot be changed once it is created (the API refuses it): updating a
  // Job starts nothing new. A CronJob's template can, and its next run uses it.
  {
    id: "workload-creation",
    group: "batch",
    resources: ["jobs"],
    verbs: ["create"],
    clusterOnly: true,
    severity: "medium",
    gives: STARTS_PODS,
    fix: "kind: Role  # namespaced: run jobs only where the workload works",
  },
  {
    id: "workload-creation",
    group: "batch",
    resources: ["cronjobs"],
    verbs: ["create", "update", "patch"],
    clusterOnly: true,
    severity: "medium",
    gives: STARTS_PODS,
    fix: "kind: Role  # namespaced: run jobs only where the workload works",
  },
  {
    id: "namespace-modification",
    clusterScoped: true,
    group: "",
    resources: ["namespaces"],
    verbs: ["update", "patch"],
    severity: "medium",
    gives: "relabel namespaces, lifting the Pod Security admission level that keeps privileged pods out",
    fix: "# remove update and patch on namespaces; set namespace labels at install time",
  },
];
