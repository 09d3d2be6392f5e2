import type { FindingInput, TextEdit } from "../../../core/finding.js";
import type { Severity } from "../../../core/severity.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { readable } from "../../../ecosystems/helm/chart.js";
import { asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import { containersOf, getPath, isWorkload, podTemplate, type Container, type PodTemplate } from "../../../ecosystems/kubernetes/workload.js";
import type { RuleContext } from "../../types.js";
import { deployInputs, type Place, type Removal, type Subject } from "./inputs.js";
import { deciderOf, hiddenFrom, noteHidden, type ReadPath } from "./opaque.js";
import { POD_READS, READS_EVERYTHING } from "./reads.js";
import { control, principle, type Principle, type PssControl } from "./principles.js";
import { flatJoin } from "../../../core/flat-string.js";

/** What a deploy finding says beyond its location. */
export interface DeployFinding {
  /** The specific problem, after the resource's name: "runs privileged (securityContext.privileged: true)". */
  problem: string;
  /** Path inside the object the finding points at (the closest existing ancestor is used when it is missing). */
  path: YamlPath;
  principle: Principle;
  control?: PssControl;
  /** The YAML to add or change, shown as the fix. */
  fix: string;
  /** Stable identity of what was found, within the object. */
  key: string;
  severity?: Severity;
  edits?: TextEdit[];
  /** The character of the scalar at `path` that decides (the tag of `repository:tag`), for a chart that assembles it. */
  within?: number;
  /**
   * For a finding about a field that is not set: that field's path (`path` then stands in at a
   * key that is there). A chart branch a value turned off that would have written it is the
   * place that decides. Built only for subjects that place one (`placeMissing`): a manifest's
   * finding, reported thousands of times, allocates no path for it.
   */
  missing?: YamlPath;
}

/** A workload's pod template, its containers, and the object it came from. */
export interface Workload {
  subject: Subject;
  pod: PodTemplate;
  containers: Container[];
}

const workloadCache = new WeakMap<object, Workload[]>();

/**
 * Every workload (Deployment, Job, Pod…) of the checkout's manifests and charts, found once per
 * scan, less those where something this rule reads was written by a template the chart lacks:
 * the rule records those as incomplete instead of judging them.
 */
export async function workloads(ctx: RuleContext): Promise<readonly Workload[]> {
  const inputs = await deployInputs(ctx);
  let out = workloadCache.get(inputs);
  if (!out) {
    out = [];
    for (const subject of inputs.subjects) {
      const pod = podTemplate(subject.object);
      if (pod) out.push({ subject, pod, containers: containersOf(pod) });
    }
    workloadCache.set(inputs, out);
  }
  if (!inputs.subjects.some((s) => s.opaque.length > 0)) return out;
  // A workload whose whole pod template a missing template wrote is no workload to podTemplate:
  // say so rather than pass it unseen.
  for (const s of inputs.subjects) if (s.opaque.length > 0 && isWorkload(s.object) && !podTemplate(s.object)) hiddenFrom(ctx, s, [[]]);
  return out.filter((w) => w.subject.opaque.length === 0 || judgeable(ctx, w));
}

/**
 * Whether a rule can judge a workload some of whose text a missing template wrote (recording
 * why not, or what it cannot see). Unknown text among the pod spec's keys may add a container
 * list the template does not write (init or ephemeral containers): the containers it does
 * write are still judged, and the rule says the others could not be.
 */
function judgeable(ctx: RuleContext, w: Workload): boolean {
  const hidden = readPaths(ctx.meta.id, w).flatMap((read) => {
    const o = deciderOf(w.subject, read);
    return o ? [{ o, read }] : [];
  });
  const first = hidden[0];
  if (!first) return true;
  const spec = w.pod.specPath;
  const addsLists = hidden.every(({ o, read }) => o.keys !== undefined && o.path.length === spec.length && o.path.every((k, i) => k === spec[i]) && CONTAINER_LISTS.includes(String(read[spec.length])));
  noteHidden(ctx, w.subject, first.o, addsLists ? ": the containers it may add cannot be judged" : undefined);
  return addsLists;
}

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"];

/** The rule's reads of a pod template as paths of the object ("*" for any index). */
function readPaths(ruleId: string, w: Workload): ReadPath[] {
  const template = w.pod.specPath.slice(0, -1);
  return podReads(POD_READS[ruleId] ?? READS_EVERYTHING, template, CONTAINER_LISTS.map((list) => [...template, "spec", list, "*"]));
}

/** Reads of a pod template (`spec.securityContext`, `C.securityContext` for each container) as paths under `template`, a container's under each of `containers`. */
function podReads(reads: readonly string[], template: YamlPath, containers: readonly ReadPath[]): ReadPath[] {
  const out: ReadPath[] = [];
  for (const read of reads) {
    const [head, ...rest] = read.split(".");
    if (head === "C") for (const c of containers) out.push([...c, ...rest]);
    else out.push([...template, head as string, ...rest]);
  }
  return out;
}

/** "container "app"" / "init container "setup"". */
export function containerLabel(c: Container): string {
  return `${c.list === "initContainers" ? "init container" : c.list === "ephemeralContainers" ? "ephemeral container" : "container"} "${c.name}"`;
}

/** "CN8-1; PSS baseline: Seccomp", by principle and control: built once, cited by thousands of findings. */
const CITES = new Map<Principle, Map<PssControl | undefined, string>>();

function cites(p: Principle, c: PssControl | undefined): string {
  let byControl = CITES.get(p);
  if (!byControl) CITES.set(p, (byControl = new Map()));
  let s = byControl.get(c);
  if (s === undefined) byControl.set(c, (s = c ? `CN8-${p}; ${control(c)}` : `CN8-${p}`));
  return s;
}

/**
 * What each rule reported about objects overlays or charts render, by place and key: overlays
 * that render an object alike report it once, and so do a chart and the umbrella that installs it
 * from `file://` (only what the umbrella's values change is reported again, at those values).
 */
const overlayReports = new WeakMap<RuleContext, Set<string>>();

/** Reports a finding about an object, naming it, its CN8 principle and PSS control, at its line. */
export function reportAt(ctx: RuleContext, subject: Subject, f: DeployFinding): void {
  const place = (f.missing && subject.placeMissing?.(f.missing)) || (subject.removals && removalPlace(ctx.meta.id, subject, subject.removals, f.path)) || (f.within !== undefined && subject.placeWithin ? subject.placeWithin(f.path, f.within) : subject.place(f.path));
  if (subject.overlay !== undefined || subject.source === "helm") {
    let seen = overlayReports.get(ctx);
    if (!seen) overlayReports.set(ctx, (seen = new Set()));
    const id = `${place.location.path}:${place.location.startLine ?? 0}:${place.location.startColumn ?? 0}#${subject.sameAs ?? subject.label}#${f.key}`;
    if (seen.has(id)) return;
    seen.add(id);
  }
  const helm = subject.source === "helm";
  // Built field by field, in the order reports show them: a finding is reported thousands of times.
  // With the control in the literal when there is one: a property added later costs each finding one more object.
  const evidence: Record<string, string> = f.control ? { resource: subject.label, source: subject.source, principle: principle(f.principle), control: control(f.control) } : { resource: subject.label, source: subject.source, principle: principle(f.principle) };
  if (helm) evidence["template"] = subject.path;
  if (subject.overlay !== undefined) evidence["overlay"] = subject.overlay || ".";
  // A key written twice: the value judged and the line shown are the last one's, the one Kubernetes applies.
  const shadowed = place.shadowed ? ` (a key on this path is written twice, also at line ${place.shadowed.join(", ")}: Kubernetes applies the last one, and kubectl --validate=strict refuses the object)` : "";
  if (place.shadowed) evidence["duplicateKeyLines"] = place.shadowed.join(", ");
  const finding: FindingInput = {
    // A container or service account named by a template (`c-{{ randAlphaNum 3 }}`) shows "…" where the value is not known.
    message: `${subject.label}${helm ? ` (Helm chart ${subject.chart || "."}, ${subject.overlay !== undefined ? `as kustomize overlay ${subject.overlay || "."} inflates it` : "default values"})` : subject.overlay !== undefined ? ` (as kustomize overlay ${subject.overlay || "."} renders it)` : ""}: ${helm ? readable(f.problem) : f.problem}${shadowed} [${cites(f.principle, f.control)}]`,
    locations: [place.location],
    evidence,
    key: flatJoin([subject.path, "#", subject.label, "#", f.key, subject.overlay !== undefined && place.location.path !== subject.path ? `#${place.location.path}` : ""]),
    fix: helm ? readable(f.fix) : f.fix,
    confidence: subject.confidence,
  };
  if (f.severity) finding.severity = f.severity;
  if (f.edits && f.edits.length > 0) finding.edits = f.edits;
  ctx.report(finding);
}

const startsWith = (path: YamlPath, prefix: YamlPath): boolean => prefix.length <= path.length && prefix.every((s, i) => s === path[i]);

/**
 * Where an overlay's patch removed what a finding misses: the finding stands in at a nearby key
 * (the container's name, its securityContext) for a field that is not there, and a patch removed
 * that field or a map above it (`securityContext: {$patch: delete}`, `runAsNonRoot: null`). Only a
 * removal of something the rule reads, of the finding's own container or of the pod, and not
 * written again by a later patch, counts; a finding at a value the rule reads is placed as usual.
 */
function removalPlace(ruleId: string, subject: Subject, removals: readonly Removal[], at: YamlPath): Place | undefined {
  const reads = POD_READS[ruleId];
  const pod = reads ? podTemplate(subject.object) : undefined;
  if (!reads || !pod) return undefined;
  const containers = containersOf(pod);
  const mine = containers.find((c) => startsWith(at, c.path));
  const paths = podReads(reads, pod.specPath.slice(0, -1), (mine ? [mine] : containers).map((c) => c.path));
  if (paths.some((r) => startsWith(at, r))) return undefined;
  let best: Removal | undefined;
  let score = -1;
  for (const r of removals) {
    if (!paths.some((p) => startsWith(p, r.path)) || getPath(subject.object.value, r.path) !== undefined) continue;
    // The finding's own container (or the pod, for a finding about the pod) first, then the deepest; the last patch of equals.
    const own = mine ? startsWith(r.path, mine.path) : !containers.some((c) => startsWith(r.path, c.path));
    const s = (own ? 1000 : 0) + r.path.length;
    if (s >= score) {
      best = r;
      score = s;
    }
  }
  return best?.place();
}

/**
 * True when a value is a Helm value the renderer could not know (a `required` value with no
 * default): the rule then says it could not judge it instead of guessing.
 */
export function unresolved(ctx: RuleContext, subject: Subject, path: YamlPath, v: unknown): boolean {
  const why = subject.unresolved(v);
  if (why === undefined) return false;
  const place = subject.place(path);
  ctx.incomplete(`${subject.label}: ${path.join(".")} cannot be known statically (${why})`, { path: place.location.path, ...(place.location.startLine !== undefined ? { line: place.location.startLine } : {}) });
  return true;
}

/** A security context field as it applies to a container: the container's own, else the pod's. */
export function effective(w: Workload, c: Container, field: string): { value: unknown; path: YamlPath; level: "container" | "pod" } | undefined {
  const csc = asMap(c.value["securityContext"]);
  if (csc && csc[field] !== undefined && csc[field] !== null) return { value: csc[field], path: [...c.path, "securityContext", field], level: "container" };
  const psc = asMap(w.pod.spec["securityContext"]);
  if (psc && psc[field] !== undefined && psc[field] !== null) return { value: psc[field], path: [...w.pod.specPath, "securityContext", field], level: "pod" };
  return undefined;
}

/** A container's own security context field. */
export function own(c: Container, field: string): { value: unknown; path: YamlPath } | undefined {
  const csc = asMap(c.value["securityContext"]);
  const v = csc?.[field];
  return v === undefined || v === null ? undefined : { value: v, path: [...c.path, "securityContext", field] };
}

/** The path to point at when a container field is missing: its securityContext, else the container. */
export function containerAnchor(c: Container): YamlPath {
  return asMap(c.value["securityContext"]) ? [...c.path, "securityContext"] : [...c.path, "name"];
}

/** A short name for a value in a message. */
export function shown(v: unknown): string {
  const s = asString(v) ?? JSON.stringify(v) ?? "null";
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
