import { asBool, asList, asMap, asString } from "../../ecosystems/kubernetes/manifest.js";
import type { Rule } from "../types.js";
import { deployInputs, type Subject } from "./lib/inputs.js";
import { deployMeta } from "./lib/meta.js";
import { hiddenFrom } from "./lib/opaque.js";
import { BINDING_KINDS, isBinding } from "./lib/rbac.js";
import { reportAt, workloads } from "./lib/report.js";

/** Objects shipped together with a subject: its chart's, or every plain manifest's. */
const bundleOf = (s: Subject): string => (s.source === "helm" ? `helm:${s.chart}` : "manifests");

/**
 * Service accounts by bundle and name, each with the namespaces it is named in ("" for an object
 * that names none: it lands in whichever namespace it is applied to). An account `quiet` of
 * namespace `app` is not the account `quiet` of namespace `other`.
 */
class Accounts {
  private readonly byName = new Map<string, Set<string>>();

  add(bundle: string, name: string, namespace: string | undefined): void {
    const key = `${bundle}/${name}`;
    let set = this.byName.get(key);
    if (!set) this.byName.set(key, (set = new Set()));
    set.add(namespace ?? "");
  }

  /** Whether the account may be this one: same namespace, or either side names none. */
  has(bundle: string, name: string, namespace: string | undefined): boolean {
    const set = this.byName.get(`${bundle}/${name}`);
    if (!set) return false;
    return namespace === undefined || set.has(namespace) || set.has("");
  }
}

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/service-account-token",
    title: "Pod mounts a service account token it does not use",
    severity: "low",
    rationale:
      "Kubernetes mounts a token for the pod's service account into every container unless told not to. A workload that never calls the Kubernetes API gains nothing from it, but whoever compromises the container gets a credential for the API server (with whatever the namespace's default account was granted). CN8 principle 7 names exposed credentials among the pervasive exploits secure defaults prevent. Workloads whose service account is bound to a Role or ClusterRole in the same chart or manifests are taken to use the API and are not reported.",
    remediation: "Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount); workloads that do call the API should use their own ServiceAccount bound to a narrow Role.",
  }),

  async run(ctx) {
    const inputs = await deployInputs(ctx);
    const bound = new Accounts();
    const optedOut = new Accounts();
    // Bundles with a binding whose subjects a missing template wrote, or a chart's template that
    // could not be rendered and may write a binding: any workload there may use the API.
    const unknown = new Set<string>();
    for (const pr of inputs.problems) if (pr.chart !== undefined && (!pr.kinds || pr.kinds.some((k) => BINDING_KINDS.has(k)))) unknown.add(`helm:${pr.chart}`);
    for (const s of inputs.subjects) {
      const v = s.object.value;
      if (s.object.kind === "ServiceAccount" && asBool(v["automountServiceAccountToken"]) === false) optedOut.add(bundleOf(s), s.object.name, s.object.namespace);
      if (isBinding(s) && s.opaque.length > 0 && hiddenFrom(ctx, s, [["subjects"]])) unknown.add(bundleOf(s));
      else if (isBinding(s)) {
        for (const subj of asList(v["subjects"])) {
          const m = asMap(subj);
          // A RoleBinding's account subject without a namespace is in the binding's own.
          if (asString(m?.["kind"]) === "ServiceAccount") bound.add(bundleOf(s), asString(m?.["name"]) ?? "", asString(m?.["namespace"]) ?? s.object.namespace);
        }
      }
    }
    for (const w of await workloads(ctx)) {
      if (unknown.has(bundleOf(w.subject))) continue;
      const spec = w.pod.spec;
      const auto = asBool(spec["automountServiceAccountToken"]);
      if (auto === false) continue;
      const sa = asString(spec["serviceAccountName"]) ?? asString(spec["serviceAccount"]) ?? "default";
      const [bundle, ns] = [bundleOf(w.subject), w.subject.object.namespace];
      if (bound.has(bundle, sa, ns) || (auto === undefined && optedOut.has(bundle, sa, ns))) continue;
      reportAt(ctx, w.subject, {
        problem: `mounts the token of service account "${sa}"${auto === true ? " (automountServiceAccountToken: true)" : ""}, which no Role or ClusterRole binding here grants anything, so the workload does not seem to need the API`,
        path: auto === true ? [...w.pod.specPath, "automountServiceAccountToken"] : [...w.pod.specPath, "containers"],
        principle: 7,
        fix: "automountServiceAccountToken: false  # in the pod spec",
        key: `sa/${sa}`,
      });
    }
  },
};
