import type { YamlPath } from "./locate.js";
import { asList, asMap, asString, type KubeObject } from "./manifest.js";

/** The pod template of a workload: its spec, its metadata, and where both sit in the object. */
export interface PodTemplate {
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the object (e.g. spec.template.spec). */
  specPath: YamlPath;
  /** The pod's metadata (annotations hold AppArmor and legacy seccomp profiles). */
  metadata: Record<string, unknown> | undefined;
  metadataPath: YamlPath;
}

/** One container of a pod spec. */
export interface Container {
  /** containers, initContainers or ephemeralContainers. */
  list: "containers" | "initContainers" | "ephemeralContainers";
  index: number;
  name: string;
  value: Record<string, unknown>;
  /** Path of the container inside the object. */
  path: YamlPath;
}

/** Where each kind keeps its pod template, by kind. API groups are checked by `isWorkload`. */
const TEMPLATE_PATHS: Readonly<Record<string, YamlPath>> = {
  Pod: [],
  PodTemplate: ["template"],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  DeploymentConfig: ["spec", "template"],
  Rollout: ["spec", "template"],
};

/** The kinds that run pods (Deployment, Job, Pod…). */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

/** API groups each workload kind belongs to (a CRD of the same kind name elsewhere is not one). */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  Pod: [""],
  PodTemplate: [""],
  ReplicationController: [""],
  Deployment: ["apps", "extensions"],
  StatefulSet: ["apps"],
  DaemonSet: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  Job: ["batch"],
  CronJob: ["batch"],
  DeploymentConfig: ["apps.openshift.io", ""],
  Rollout: ["argoproj.io"],
};

/** The API group of an apiVersion (`apps/v1` → apps, `v1` → ""). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** True when the object is a kind that runs pods (Deployment, Job, Pod…) in its own API group. */
export function isWorkload(o: Pick<KubeObject, "apiVersion" | "kind">): boolean {
  return GROUPS[o.kind]?.includes(apiGroup(o.apiVersion)) ?? false;
}

/** Reads a value at a path of keys and indexes. */
export function getPath(v: unknown, path: YamlPath): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === "number") cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = asMap(cur)?.[seg];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The pod template of a workload object, if it has one. */
export function podTemplate(o: Pick<KubeObject, "apiVersion" | "kind" | "value">): PodTemplate | undefined {
  if (!isWorkload(o)) return undefined;
  const tp = TEMPLATE_PATHS[o.kind] as YamlPath;
  const template = tp.length === 0 ? o.value : asMap(getPath(o.value, tp));
  const spec = asMap(template?.["spec"]);
  if (!template || !spec) return undefined;
  return { spec, specPath: [...tp, "spec"], metadata: asMap(template["metadata"]), metadataPath: [...tp, "metadata"] };
}

/** Every container of a pod spec, init and ephemeral ones included, with their paths. */
export function containersOf(t: PodTemplate): Container[] {
  const out: Container[] = [];
  for (const list of ["initContainers", "containers", "ephemeralContainers"] as const) {
    asList(t.spec[list]).forEach((c, index) => {
      const value = asMap(c);
      if (value) out.push({ list, index, name: asString(value["name"]) ?? `#${index + 1}`, value, path: [...t.specPath, list, index] });
    });
  }
  return out;
}

/** True for a Windows pod (`spec.os.name: windows`), where Linux-only controls do not apply. */
export function isWindowsPod(t: PodTemplate): boolean {
  return asString(asMap(t.spec["os"])?.["name"]) === "windows";
}

/**
 * True for a pod in its own user namespace (`spec.hostUsers: false`, the boolean itself: a value
 * the API server would refuse relaxes nothing), where the container's root is no user of the node.
 * Pod Security admission (policy v1.35+) skips Running as Non-root (user) for it, and the baseline
 * /proc Mount Type control.
 */
export function inUserNamespace(t: PodTemplate): boolean {
  return t.spec["hostUsers"] === false;
}
