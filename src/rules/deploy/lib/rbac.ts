import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { apiGroup } from "../../../ecosystems/kubernetes/workload.js";
import type { RuleContext } from "../../types.js";
import { deployInputs, type Subject } from "./inputs.js";
import { hiddenFrom } from "./opaque.js";

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  subject: Subject;
  cluster: boolean;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  /** Names the rule is restricted to (empty: every object of the resources). */
  resourceNames: string[];
  path: YamlPath;
}

/** Every rule of every Role and ClusterRole (rbac.authorization.k8s.io) in the checkout. */
export async function policyRules(ctx: RuleContext): Promise<readonly PolicyRule[]> {
  const inputs = await deployInputs(ctx);
  let out = policyRuleCache.get(inputs);
  if (!out) policyRuleCache.set(inputs, (out = readPolicyRules(inputs.subjects)));
  const hidden = new Set(inputs.subjects.filter((s) => s.opaque.length > 0 && isRole(s) && hiddenFrom(ctx, s, [["rules"]])));
  return hidden.size > 0 ? out.filter((r) => !hidden.has(r.subject)) : out;
}

const isRole = (s: Subject): boolean => (s.object.kind === "Role" || s.object.kind === "ClusterRole") && apiGroup(s.object.apiVersion) === "rbac.authorization.k8s.io";

/** The kinds that bind a role to subjects. */
export const BINDING_KINDS: ReadonlySet<string> = new Set(["RoleBinding", "ClusterRoleBinding"]);

/** A RoleBinding or ClusterRoleBinding (rbac.authorization.k8s.io). */
export const isBinding = (s: Subject): boolean => BINDING_KINDS.has(s.object.kind) && apiGroup(s.object.apiVersion) === "rbac.authorization.k8s.io";

/** Four RBAC rules read the same policy rules: they are read once per scan. */
const policyRuleCache = new WeakMap<object, PolicyRule[]>();

function readPolicyRules(subjects: readonly Subject[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const s of subjects) {
    if (!isRole(s)) continue;
    const kind = s.object.kind;
    asList(s.object.value["rules"]).forEach((r, i) => {
      const m = asMap(r);
      if (!m) return;
      const strs = (k: string): string[] => asList(m[k]).flatMap((x) => (asString(x) !== undefined ? [asString(x) as string] : []));
      out.push({ subject: s, cluster: kind === "ClusterRole", apiGroups: strs("apiGroups"), resources: strs("resources"), verbs: strs("verbs"), resourceNames: strs("resourceNames"), path: ["rules", i] });
    });
  }
  return out;
}

/** Role and ClusterRole bindings, with what they bind to whom. */
export async function bindings(ctx: RuleContext): Promise<{ subject: Subject; roleKind: string; roleName: string; subjects: { kind: string; name: string }[] }[]> {
  const out = [];
  for (const s of (await deployInputs(ctx)).subjects) {
    if (!isBinding(s) || (s.opaque.length > 0 && hiddenFrom(ctx, s, [["roleRef"], ["subjects"]]))) continue;
    const ref = asMap(s.object.value["roleRef"]);
    out.push({
      subject: s,
      roleKind: asString(ref?.["kind"]) ?? "",
      roleName: asString(ref?.["name"]) ?? "",
      subjects: asList(s.object.value["subjects"]).map((x) => ({ kind: asString(asMap(x)?.["kind"]) ?? "", name: asString(asMap(x)?.["name"]) ?? "" })),
    });
  }
  return out;
}

/**
 * How the checkout binds each ClusterRole, by name: through a ClusterRoleBinding (every namespace)
 * and through RoleBindings (one namespace each). Undefined when a binding's role or subjects come
 * from a template the chart lacks: any ClusterRole may then be bound cluster-wide.
 */
export async function clusterRoleScopes(ctx: RuleContext): Promise<ReadonlyMap<string, { cluster: boolean; namespaced: boolean }> | undefined> {
  const out = new Map<string, { cluster: boolean; namespaced: boolean }>();
  for (const s of (await deployInputs(ctx)).subjects) {
    if (!isBinding(s)) continue;
    if (s.opaque.length > 0) return undefined;
    const ref = asMap(s.object.value["roleRef"]);
    if (asString(ref?.["kind"]) !== "ClusterRole") continue;
    const name = asString(ref?.["name"]) ?? "";
    let scope = out.get(name);
    if (!scope) out.set(name, (scope = { cluster: false, namespaced: false }));
    if (s.object.kind === "ClusterRoleBinding") scope.cluster = true;
    else scope.namespaced = true;
  }
  return out;
}
