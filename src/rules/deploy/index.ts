import type { Family } from "../types.js";
import { rule as privilegedContainer } from "./privileged-container.js";
import { rule as privilegeEscalation } from "./privilege-escalation.js";
import { rule as runAsRoot } from "./run-as-root.js";
import { rule as addedCapabilities } from "./added-capabilities.js";
import { rule as capabilitiesNotDropped } from "./capabilities-not-dropped.js";
import { rule as writableRootFilesystem } from "./writable-root-filesystem.js";
import { rule as hostNamespaces } from "./host-namespaces.js";
import { rule as hostPathVolume } from "./host-path-volume.js";
import { rule as hostPorts } from "./host-ports.js";
import { rule as hostProcess } from "./host-process.js";
import { rule as hostProbes } from "./host-probes.js";
import { rule as seccompProfile } from "./seccomp-profile.js";
import { rule as apparmorUnconfined } from "./apparmor-unconfined.js";
import { rule as selinuxOptions } from "./selinux-options.js";
import { rule as procMount } from "./proc-mount.js";
import { rule as unsafeSysctls } from "./unsafe-sysctls.js";
import { rule as restrictedVolumeTypes } from "./restricted-volume-types.js";
import { rule as missingResourceLimits } from "./missing-resource-limits.js";
import { rule as mutableImageTag } from "./mutable-image-tag.js";
import { rule as serviceAccountToken } from "./service-account-token.js";
import { rule as secretInEnv } from "./secret-in-env.js";
import { rule as rbacWildcard } from "./rbac-wildcard.js";
import { rule as rbacClusterAdmin } from "./rbac-cluster-admin.js";
import { rule as rbacAnonymousAccess } from "./rbac-anonymous-access.js";
import { rule as rbacEscalationVerbs } from "./rbac-escalation-verbs.js";
import { rule as rbacSecretsAccess } from "./rbac-secrets-access.js";
import { rule as rbacEscalationPaths } from "./rbac-escalation-paths.js";
import { rule as exposedService } from "./exposed-service.js";
import { rule as composeExposedPort } from "./compose-exposed-port.js";
import { rule as ingressWithoutTls } from "./ingress-without-tls.js";
import { rule as missingNetworkPolicy } from "./missing-network-policy.js";
import { rule as dockerfileMutableBaseImage } from "./dockerfile-mutable-base-image.js";
import { rule as dockerfileRootUser } from "./dockerfile-root-user.js";
import { rule as dockerfileAddUrl } from "./dockerfile-add-url.js";
import { rule as dockerfileSecretEnv } from "./dockerfile-secret-env.js";
import { rule as dockerfileHealthcheck } from "./dockerfile-healthcheck.js";
import { rule as dockerfileUnpinnedOsPackages } from "./dockerfile-unpinned-os-packages.js";

/** The secure defaults a cloud-native project ships: manifests, Helm charts, Compose files, Dockerfiles. */
export const family: Family = {
  id: "deploy",
  title: "Secure defaults of what the project ships",
  checks: [
    {
      id: "Secure-Defaults",
      title: "Secure defaults",
      risk: "high",
      description: "Kubernetes manifests, Helm chart defaults and Compose files the project ships are secure as they are, judged by TAG-Security's Secure Defaults: Cloud Native 8 and the Pod Security Standards.",
    },
    {
      id: "Dockerfile",
      title: "Dockerfile defaults",
      risk: "medium",
      description: "The images the project's Dockerfiles build run as a non-root user, from a known base, with no credentials baked in and nothing downloaded unverified.",
    },
  ],
  rules: [
    privilegedContainer,
    privilegeEscalation,
    runAsRoot,
    addedCapabilities,
    capabilitiesNotDropped,
    writableRootFilesystem,
    hostNamespaces,
    hostPathVolume,
    hostPorts,
    hostProcess,
    hostProbes,
    seccompProfile,
    apparmorUnconfined,
    selinuxOptions,
    procMount,
    unsafeSysctls,
    restrictedVolumeTypes,
    missingResourceLimits,
    mutableImageTag,
    serviceAccountToken,
    secretInEnv,
    rbacWildcard,
    rbacClusterAdmin,
    rbacAnonymousAccess,
    rbacEscalationVerbs,
    rbacSecretsAccess,
    rbacEscalationPaths,
    exposedService,
    composeExposedPort,
    ingressWithoutTls,
    missingNetworkPolicy,
    dockerfileMutableBaseImage,
    dockerfileRootUser,
    dockerfileAddUrl,
    dockerfileSecretEnv,
    dockerfileHealthcheck,
    dockerfileUnpinnedOsPackages,
  ],
};
