// The Kubernetes objects a rendered chart writes, and what keeps some from being judged: shared by
// charts rendered with their defaults and charts a kustomization inflates with its own values.
import type { TextFile } from "../../../core/files.js";
import { opaqueIn, unresolvedIn, type RenderedChart, type RenderedTemplate } from "../../../ecosystems/helm/chart.js";
import { UNRESOLVED_PREFIX } from "../../../ecosystems/helm/template-exec.js";
import { literalKinds } from "../../../ecosystems/helm/template-kinds.js";
import { locate, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { asMap, isKubeObject, objectsOf, type KubeObject } from "../../../ecosystems/kubernetes/manifest.js";
import { parseStream, type StreamDocument } from "../../../ecosystems/kubernetes/yaml-stream.js";
import type { RuleContext } from "../../types.js";
import type { OpaqueValue, Problem } from "./inputs.js";

/** What to do about output of templates a chart lacks, said wherever it stops a rule. */
export const VENDOR_HINT = "(vendor the chart's dependencies with `helm dependency build`, or scan `helm template` output)";

/** A rendered chart's objects, with the files its output points into. */
export interface ChartObjects {
  /** Each object with its rank among its template's objects of its kind: what names it across renders with other values. */
  objects: { template: RenderedTemplate; object: KubeObject; rank: number }[];
  problems: Problem[];
  /** The chart's files (and values files) the output came from, by path, for placing findings. */
  files: Map<string, TextFile>;
  /** Whether any template the chart lacks was written: only then are objects walked for its markers. */
  marked: boolean;
}

/** The objects a rendered chart writes; what could not be rendered, parsed or known is a problem. */
export async function chartObjects(ctx: RuleContext, chart: RenderedChart): Promise<ChartObjects> {
  const problems: Problem[] = [];
  const objects: ChartObjects["objects"] = [];
  const files = new Map<string, TextFile>();
  const fileOf = async (path: string): Promise<TextFile | undefined> => {
    if (!files.has(path)) {
      const t = chart.archived.get(path) ?? (await ctx.readText(path, { optional: true }));
      if (t) files.set(path, t);
    }
    return files.get(path);
  };
  for (const u of chart.unreadable) {
    const why = u.problem ?? (u.reason ? `does not parse as YAML (${u.reason})` : "could not be read");
    problems.push({ path: u.path, message: `${why}, so the chart's defaults could not be judged`, ...(u.line ? { line: u.line } : {}), ...(u.column ? { column: u.column } : {}) });
  }
  const marked = chart.unresolved.some((u) => u.opaque);
  const fromTemplates = problems.length;
  for (const t of chart.templates) {
    if (t.error) {
      const at = t.error.origin ? await fileOf(t.error.origin.path) : undefined;
      const pos = at && t.error.origin ? at.positionAt(t.error.origin.offset) : undefined;
      // The error may sit in a helper of another file (a library chart's define): name the template that called it too.
      const via = t.error.origin && t.error.origin.path !== t.path ? ` (rendering ${t.path})` : "";
      const source = await fileOf(t.path);
      const kinds = source ? literalKinds(source.text) : undefined;
      problems.push({ path: t.error.origin?.path ?? t.path, message: `Helm template cannot be rendered statically${via}: ${t.error.message}`, ...(pos ? { line: pos.line, column: pos.column } : {}), ...(kinds ? { kinds } : {}) });
      continue;
    }
    // Resolve the files output points into before placing anything (placing is synchronous).
    const origins = new Set<string>([t.path, ...t.map.paths()]);
    // And the values that turned off a branch, where a missing key is placed (none of the output may come from them).
    for (const s of t.skips ?? []) origins.add(s.decidedBy.path);
    for (const p of origins) await fileOf(p);
    const docs = parseStream(t.output).map((doc) => withoutApiVersion(doc, t, files, problems));
    for (const doc of docs) {
      if (doc.error) {
        const pos = templateLineOf(t, files, doc.error.line);
        problems.push({ path: t.path, message: `Helm template renders YAML that does not parse (${doc.error.message} at line ${doc.error.line} of the output)`, ...(pos ? { line: pos.line, column: pos.column } : {}) });
      } else if (!isKubeObject(doc.value)) {
        // A document written by a template the chart lacks: whatever objects it holds are unknown.
        const hidden = marked ? opaquePaths(chart, doc.value)[0] : undefined;
        if (hidden) problems.push({ path: t.path, message: `Helm template renders ${hidden.reason}, so the objects it writes cannot be judged ${VENDOR_HINT}` });
        // An object whose kind renders empty (a value the defaults leave unset) may be any kind: said, not dropped unseen.
        else if (typeof asMap(doc.value)?.["apiVersion"] === "string") problems.push({ path: t.path, message: `Helm template renders an object of ${String(asMap(doc.value)?.["apiVersion"]).slice(0, 80)} with no kind, so it cannot be judged` });
      }
    }
    const ranks = new Map<string, number>();
    for (const o of objectsOf(docs)) {
      const hidden = marked ? opaqueIn(chart, o.kind) : undefined;
      const rank = ranks.get(o.kind) ?? 0;
      ranks.set(o.kind, rank + 1);
      if (hidden) problems.push({ path: t.path, message: `Helm template writes an object whose kind is ${hidden.reason}, so it cannot be judged` });
      else objects.push({ template: t, object: o, rank });
    }
  }
  // What a template hides belongs to this chart (rules that judge a chart as a whole, by what it lacks, need to know).
  for (let i = fromTemplates; i < problems.length; i++) (problems[i] as Problem).chart = chart.dir;
  return { objects, problems, files, marked };
}

/**
 * The template's line that wrote line `line` of its output, or the closest one above it: a value
 * `toYaml` printed there came from values.yaml, but the indentation that broke it is the template's.
 */
function templateLineOf(t: RenderedTemplate, files: ReadonlyMap<string, TextFile>, line: number): { line: number; column: number } | undefined {
  const file = files.get(t.path);
  if (!file) return undefined;
  const starts: number[] = [0];
  for (let i = t.output.indexOf("\n"); i >= 0 && starts.length < line; i = t.output.indexOf("\n", i + 1)) starts.push(i + 1);
  for (let k = Math.min(line, starts.length) - 1; k >= 0; k--) {
    const start = starts[k] as number;
    const origin = t.map.originAt(start + (/^[ \t]*/.exec(t.output.slice(start, start + 200))?.[0].length ?? 0));
    if (origin?.path === t.path) return file.positionAt(Math.min(origin.offset, file.text.length));
  }
  return undefined;
}

/**
 * A rendered object with a kind but an empty or missing apiVersion (`apiVersion: {{ .Values.api }}`
 * with no default, a capabilities check that renders nothing offline). A kind the rules judge is
 * judged at its current API version, as the template's other defaults are what ships; any other
 * kind is one problem at the template's `kind:` line (for the rules that judge it), never dropped unseen.
 */
function withoutApiVersion(doc: StreamDocument, t: RenderedTemplate, files: ReadonlyMap<string, TextFile>, problems: Problem[]): StreamDocument {
  const m = asMap(doc.value);
  const kind = m?.["kind"];
  const api = m?.["apiVersion"];
  if (!m || typeof kind !== "string" || kind === "" || (api !== undefined && api !== null && api !== "")) return doc;
  const known = API_VERSION_OF[kind];
  if (known !== undefined) return { ...doc, value: { ...m, apiVersion: known } };
  const origin = t.map.originAt(locate(t.output, doc.start, doc.end, ["kind"]).offset);
  const file = origin ? files.get(origin.path) : undefined;
  const pos = origin && file ? file.positionAt(Math.min(origin.offset, file.text.length)) : undefined;
  problems.push({ path: origin && file ? origin.path : t.path, message: `Helm template renders a ${kind.slice(0, 80)} with ${api === undefined ? "no" : "an empty"} apiVersion, so it cannot be judged`, kinds: [kind], ...(pos ? { line: pos.line, column: pos.column } : {}) });
  return doc;
}

/** API versions of the kinds rules judge, for a chart that takes its apiVersion from a template it lacks. */
export const API_VERSION_OF: Readonly<Record<string, string>> = {
  Pod: "v1",
  Service: "v1",
  ServiceAccount: "v1",
  ReplicationController: "v1",
  Deployment: "apps/v1",
  StatefulSet: "apps/v1",
  DaemonSet: "apps/v1",
  ReplicaSet: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  Role: "rbac.authorization.k8s.io/v1",
  ClusterRole: "rbac.authorization.k8s.io/v1",
  RoleBinding: "rbac.authorization.k8s.io/v1",
  ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
  NetworkPolicy: "networking.k8s.io/v1",
};

const MAX_OPAQUE_WALK = 100_000;

/** Where in a value the output of templates the chart lacks was written, outermost first. */
export function opaquePaths(chart: RenderedChart, value: unknown): OpaqueValue[] {
  const out: OpaqueValue[] = [];
  let budget = MAX_OPAQUE_WALK;
  const walk = (v: unknown, path: YamlPath): void => {
    if (--budget < 0 || out.length >= 100) return;
    if (typeof v === "string") {
      const u = opaqueIn(chart, v);
      if (u) out.push({ path, reason: u.reason });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i]));
      return;
    }
    const m = asMap(v);
    if (!m) return;
    const keys = Object.keys(m);
    // A key written by such a template: the map around it may hold any other key too, beside the ones written here.
    const marker = keys.map((k) => opaqueIn(chart, k)).find((u) => u !== undefined);
    const written = marker ? keys.filter((k) => opaqueIn(chart, k) === undefined) : keys;
    if (marker) out.push({ path, reason: marker.reason, keys: written });
    for (const k of written) walk(m[k], [...path, k]);
  };
  walk(value, []);
  return out;
}

/**
 * Keys whose value is a map or a list the rules read inside (a securityContext, its capabilities,
 * a container's env). A value not known statically there (`securityContext: {{ required "…"
 * .Values.sc | toYaml | nindent 12 }}`) is a marker string where a map belongs: read as a map it
 * would look empty, and every field under it unset, so it is unknown like a missing template's
 * output. Leaves (`privileged`, `image`, `resources`) are judged unknown by the rules themselves.
 */
const SHAPED_KEYS = new Set([
  "spec", "template", "jobTemplate", "metadata", "annotations",
  "securityContext", "capabilities", "add", "drop", "seccompProfile", "appArmorProfile", "seLinuxOptions", "windowsOptions", "sysctls", "os",
  "containers", "initContainers", "ephemeralContainers", "volumes", "hostPath", "env", "ports",
  "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
  "rules", "subjects", "roleRef", "tls",
]);

/** Where a chart's object holds a value not known statically in place of a map or list the rules read into. */
export function unknownShapes(chart: RenderedChart, value: unknown): OpaqueValue[] {
  const out: OpaqueValue[] = [];
  let budget = MAX_OPAQUE_WALK;
  // One path, extended and cut back as the walk goes: copied only for a value found.
  const path: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (--budget < 0 || out.length >= 100) return;
    if (typeof v === "string") {
      const key = path[path.length - 1];
      if (typeof key !== "string" || !SHAPED_KEYS.has(key) || !v.trimStart().startsWith(UNRESOLVED_PREFIX)) return;
      const u = unresolvedIn(chart, v);
      if (u && !u.opaque) out.push({ path: [...path], reason: `not known statically (${u.reason})`, hint: "(scan `helm template` output with the values to use)" });
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    const m = asMap(v);
    if (!m) return;
    for (const k in m) {
      path.push(k);
      walk(m[k]);
      path.pop();
    }
  };
  walk(value);
  return out;
}
