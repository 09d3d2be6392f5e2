import type { FileEntry, TextFile } from "../../../core/files.js";
import type { Location } from "../../../core/finding.js";
import type { Confidence } from "../../../core/severity.js";
import { dirOf, joinRelative } from "../../../core/checkout-path.js";
import { KUSTOMIZATION_NAMES, type ImageOverride } from "../../../ecosystems/kubernetes/kustomization.js";
import { composeParser, includedFiles, isComposeFileName, referencedFiles, remoteIncludes } from "../../../ecosystems/compose/compose.js";
import { resolveExtends, type ComposeEntry, type ExtendedService } from "./compose-extends.js";
import { chartDirs, opaqueIn, readable, renderChart, unresolvedIn, type RenderedChart, type RenderedTemplate } from "../../../ecosystems/helm/chart.js";
import type { Node } from "../../../ecosystems/helm/template-parse.js";
import type { Skip } from "../../../ecosystems/helm/template-exec.js";
import { locate, locateTrail, type LocateTrail, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { positionIn } from "../../../ecosystems/formats/yaml-fast-data.js";
import { documentProblem, kubernetesParser, mayHoldManifest, type KubeObject } from "../../../ecosystems/kubernetes/manifest.js";
import type { StreamDocument } from "../../../ecosystems/kubernetes/yaml-stream.js";
import { API_VERSION_OF, chartObjects, opaquePaths, unknownShapes } from "./chart-objects.js";
import type { RuleContext } from "../../types.js";
import { flatJoin } from "../../../core/flat-string.js";
import { kustomizePatchFiles, unreadResources, usedComponents } from "./kustomize.js";
import { judgesAnyOf } from "./reads.js";
import { deciderOp } from "./json6902.js";
import { objectKey, overlayRenders, type AppliedPatch, type ChartVariant, type OverlayVariant } from "./overlays.js";
import { mergesAt, patchPathOf } from "../../../ecosystems/kubernetes/strategic-merge.js";

/** Where a path of an object was found in the checkout, and whether exactly. */
export interface Place {
  location: Location;
  /** True when the whole path was found; false when it points at the closest ancestor. */
  exact: boolean;
  /** The offset in the file, for edits (manifests only). */
  offset: number;
  /** Lines of earlier entries of a key on the path written twice in one mapping (the place is at the last, the one applied). */
  shadowed?: number[];
}

/** A Kubernetes object the deploy rules judge: from a manifest file or a Helm chart's defaults. */
export interface Subject {
  object: Pick<KubeObject, "apiVersion" | "kind" | "name" | "namespace" | "value">;
  /** `Deployment/web`. */
  label: string;
  source: "manifest" | "helm";
  /** The file that holds it: the manifest, or the chart template. */
  path: string;
  /** The chart folder, for Helm objects. */
  chart?: string;
  confidence: Confidence;
  /** Finds a path of the object (relative to the object) in the checkout. */
  place(path: YamlPath): Place;
  /**
   * For a chart's own render: where character `within` of the one-line scalar at `path` came
   * from, when a template assembles it from several values (`repository:tag`) and one part decides.
   */
  placeWithin?(path: YamlPath, within: number): Place;
  /**
   * For a chart's render: where the value is that turned off the template branch that would have
   * written a missing path (`containerSecurityContext.enabled: false`), if one did.
   */
  placeMissing?(path: YamlPath): Place | undefined;
  /** Why a value cannot be judged statically (a Helm value with no default), if so. */
  unresolved(v: unknown): string | undefined;
  /** Keys whose whole value is the output of a template the chart lacks: nothing under them can be judged. */
  opaque: readonly OpaqueValue[];
  /** The manifest's text and the object's document, for edits. Undefined for Helm output. */
  file?: TextFile;
  doc?: StreamDocument;
  base?: YamlPath;
  /** The kustomize overlay whose render this is, for a manifest object an overlay patches. */
  overlay?: string;
  /** For an overlay's render, the `images:` entries of each kustomization on the way, innermost first. */
  images?: readonly (readonly ImageOverride[])[];
  /**
   * For an overlay's render: the image fields (paths joined by NUL) a kustomization's
   * `replacements:` wrote, each with how many of `images` had been applied before the write and
   * so do not rewrite it (kustomize runs `images:` before `replacements:`).
   */
  imagesReplaced?: ReadonlyMap<string, number>;
  /**
   * For an object of a chart a kustomization inflates: the label the chart's own render gives
   * it, so a finding both renders share at one place is reported once, as the chart's.
   */
  sameAs?: string;
  /** For an object an overlay patches: the keys its patches removed, each placed where the patch says so. */
  removals?: readonly Removal[];
}

/** A key of an object an overlay's patch removed (`key: null`, `$patch: delete`, a JSON 6902 `remove`). */
export interface Removal {
  /** Its path in the object as rendered before the removal. */
  path: YamlPath;
  /** The patch's line that removes it. */
  place(): Place;
}

export { VENDOR_HINT } from "./chart-objects.js";

/** A key of an object whose value could be any YAML, and why. */
export interface OpaqueValue {
  path: YamlPath;
  reason: string;
  /**
   * Set when the unknown text sits among a mapping's keys (`spec:` then an include's output, then
   * `containers:`): it may add keys to the mapping at `path`, but the keys written here are these,
   * and what is under them is known.
   */
  keys?: readonly string[];
  /** What to do about it; Helm's vendoring hint when absent. */
  hint?: string;
}

/** Something the rules could not read or resolve, replayed into each rule as incomplete evidence. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
  /** The only kinds of object it can hide, when known (a Helm template whose text names them): rules judging none of them are not concerned. */
  kinds?: readonly string[];
  /** The chart a template of which could not be rendered or read: the objects it hides are that chart's. */
  chart?: string;
}

/** Everything the deploy family reads from a checkout, built once per scan. */
export interface DeployInputs {
  subjects: Subject[];
  charts: RenderedChart[];
  compose: ComposeEntry[];
  /** Per Compose file, its services that extend another, merged with what they take from it. */
  extended: Map<ComposeEntry, Map<string, ExtendedService>>;
  /** Per default override file, the services it merges into its base's (judged there, merged). */
  overridden: Map<ComposeEntry, Set<string>>;
  problems: Problem[];
}

/**
 * Folders whose manifests are tests, examples or docs, or a development container's definition
 * (`.devcontainer/`, which editors build on a developer's machine and no one deploys): judged at
 * lower confidence.
 */
const LOW_CONFIDENCE = /(^|\/)(tests?|testing|testdata|test-data|e2e|examples?|samples?|demos?|docs?|fixtures?|hack|sandbox|\.devcontainer)(\/|$)/i;

/** Lower confidence for what is not shipped to users as is. */
export function confidenceFor(path: string): Confidence {
  return LOW_CONFIDENCE.test(path) ? "low" : "high";
}

const cache = new WeakMap<readonly FileEntry[], Promise<DeployInputs>>();

/**
 * The deploy family's inputs, loaded once per scan and shared by its rules: Kubernetes
 * manifests anywhere in the tree, Helm charts rendered statically with their default values,
 * and Compose files.
 */
export async function deployInputs(ctx: RuleContext): Promise<DeployInputs> {
  let p = cache.get(ctx.files);
  if (!p) {
    p = load(ctx);
    cache.set(ctx.files, p);
  }
  const inputs = await p;
  // Each rule learns what could not be read: a problem is evidence it cannot judge, unless it can only hide kinds the rule never judges.
  for (const pr of inputs.problems) {
    if (pr.kinds && !judgesAnyOf(ctx.meta.id, pr.kinds)) continue;
    ctx.incomplete(pr.message, { path: pr.path, ...(pr.line !== undefined ? { line: pr.line } : {}), ...(pr.column !== undefined ? { column: pr.column } : {}) });
  }
  // A checkout that ships nothing to deploy gives no evidence of secure defaults: the rule says so
  // rather than pass (what could not be read still makes it incomplete, which outranks this).
  if (inputs.subjects.length === 0 && inputs.charts.length === 0 && inputs.compose.length === 0) ctx.notApplicable("no Kubernetes manifests, Helm charts, Kustomize bases or Compose files");
  return inputs;
}

const isYaml = (p: string): boolean => /\.(ya?ml|json)$/i.test(p);

/** True when `path` is a symbolic link out of the checkout (read optionally: the problem is reported to every rule). */
async function leavesCheckout(ctx: RuleContext, path: string): Promise<boolean> {
  await ctx.readBytes(path, 1, { optional: true });
  return ctx.unread(path)?.reason === "symlink-outside";
}

/** Bytes of an unread YAML file searched for manifest keys. */
const PEEK_BYTES = 1024 * 1024;

/**
 * Why a YAML file that could not be read as text may still hide Kubernetes objects: too large or
 * holding a NUL (UTF-16 text is all NULs to a UTF-8 reader) when its first MiB names `apiVersion`
 * and `kind` as keys, or unreadable at all. Undefined when it cannot hold any.
 */
async function unreadManifest(ctx: RuleContext, path: string): Promise<Problem | undefined> {
  const why = ctx.unread(path);
  if (!why || why.reason === "symlink-broken" || why.reason === "symlink-loop" || why.reason === "not-a-file") return undefined;
  if (why.reason === "too-large" || why.reason === "binary") {
    const head = await ctx.readBytes(path, PEEK_BYTES, { optional: true });
    if (!head) return undefined;
    const text = new TextDecoder("latin1").decode(head).replace(/\0/g, "").replace(/^(?:\u00ff\u00fe|\u00fe\u00ff)/, "");
    if (!mayHoldManifest(text)) return undefined;
  }
  return { path, message: `${why.message}, so the Kubernetes objects it may hold could not be judged` };
}

async function load(ctx: RuleContext): Promise<DeployInputs> {
  const problems: Problem[] = [];
  const subjects: Subject[] = [];
  const charts: RenderedChart[] = [];
  const dirs = chartDirs(ctx);
  const inChart = (path: string): boolean => dirs.some((d) => d === "" || path.startsWith(`${d}/`));
  const patches = await kustomizePatchFiles(ctx);
  const components = await usedComponents(ctx);
  const overlays = await overlayRenders(ctx);
  problems.push(...overlays.problems, ...(await unreadResources(ctx)));

  const regularFiles = new Set(ctx.files.filter((f) => f.kind === "file").map((f) => f.path));
  for (const f of ctx.files) {
    if (f.kind === "submodule" || !isYaml(f.path) || inChart(f.path) || patches.has(f.path) || isComposeFileName(f.path)) continue;
    if (f.kind === "symlink") {
      // A YAML link out of the checkout may hold any object (a chart's template links are the chart's).
      if (await leavesCheckout(ctx, f.path)) {
        if (/\.ya?ml$/i.test(f.path) && !f.path.startsWith(".github/")) problems.push({ path: f.path, message: "is a symbolic link out of the checkout, so the objects it may hold cannot be judged" });
        continue;
      }
      // A link inside it is judged at its target when that is a YAML file judged here, else through the link (pod.yaml -> data/pod.txt).
      const target = ctx.linkTarget?.(f.path);
      if (target === undefined || (isYaml(target) && regularFiles.has(target))) continue;
    }
    const text = await ctx.readText(f.path, { optional: true });
    if (!text) {
      // Read optionally (most YAML is no manifest), but one too large, binary-looking or unreadable that may hold objects is not judged: say so, never pass on it.
      const problem = await unreadManifest(ctx, f.path);
      if (problem) problems.push(problem);
      continue;
    }
    if (!mayHoldManifest(text.text) || unusedComponent(f.path, text.text, components)) continue;
    const m = await ctx.parse(f.path, kubernetesParser, { optional: true });
    if (!m) continue;
    for (const doc of m.docs) {
      if (doc.error) problems.push({ path: f.path, message: documentProblem(m.text, doc, doc.error.message), line: doc.error.line, column: doc.error.column });
    }
    const confidence = confidenceFor(f.path);
    for (const o of m.objects) {
      // An object some overlay patches is judged as each overlay renders it, not as the base writes it.
      const key = objectKey(f.path, o);
      const variants = overlays.variants.get(key);
      // An object overlays only move to a namespace is judged as written, in that namespace.
      const moved = variants ? undefined : overlays.renamespaced.get(key);
      if (moved) subjects.push(new ManifestSubject({ ...o, namespace: namespaceOf(moved) ?? o.namespace, value: moved }, text, m.text, confidence));
      else if (!variants) subjects.push(new ManifestSubject(o, text, m.text, confidence));
      else for (const v of distinct(variants)) subjects.push(overlaySubject(o, text, m.text, v));
    }
  }

  // The label of each object of a chart's own render, to know the same object where a kustomization inflates the chart.
  const standalone = new Map<string, string>();
  for (const dir of dirs) {
    const chart = await renderChart(ctx, dir);
    charts.push(chart);
    const rendered = await chartObjects(ctx, chart);
    problems.push(...rendered.problems);
    for (const { template, object, rank } of rendered.objects) {
      const subject = helmSubject(object, template, chart, rendered.files, rendered.marked);
      subjects.push(subject);
      standalone.set(chartObjectId(template, object, rank), subject.label);
    }
  }
  // Objects of charts kustomizations inflate, as each overlay renders them (their own defaults are judged above).
  for (const v of distinctCharts(overlays.charts)) subjects.push(inflatedSubject(v, standalone.get(chartObjectId(v.template, v.object, v.rank))));
  // A chart rendered with its defaults and again with a kustomization's values fails alike: said once.
  dedupeProblems(problems);

  const compose: DeployInputs["compose"] = [];
  // Read once for every deploy rule, so what cannot be read is a problem each rule learns (not only the first rule's unread file).
  const composeRegular = new Set(ctx.files.filter((f) => f.kind === "file" && isComposeFileName(f.path)).map((f) => f.path));
  for (const f of ctx.files) {
    if (f.kind === "submodule" || !isComposeFileName(f.path)) continue;
    if (f.kind === "symlink") {
      // A link inside the checkout is read through it, unless its target is a Compose file read itself.
      if (await leavesCheckout(ctx, f.path)) {
        problems.push({ path: f.path, message: "is a symbolic link out of the checkout, so the services it may define cannot be judged" });
        continue;
      }
      const target = ctx.linkTarget?.(f.path);
      if (target === undefined || composeRegular.has(target)) continue;
    }
    const text = await ctx.readText(f.path, { optional: true });
    const file = text ? await ctx.parse(f.path, composeParser, { optional: true }) : undefined;
    if (!text || !file) {
      const why = ctx.unread(f.path);
      if (why) problems.push({ path: f.path, message: `${why.message}, so the services it may define cannot be judged`, ...(why.line !== undefined ? { line: why.line } : {}), ...(why.column !== undefined ? { column: why.column } : {}) });
      continue;
    }
    if (file.error) {
      problems.push({ path: f.path, message: `does not parse as YAML (${file.error.message})`, line: file.error.line, column: file.error.column });
      continue;
    }
    compose.push({ path: f.path, file, text, confidence: confidenceFor(f.path) });
  }
  await followComposeReferences(ctx, compose, problems);
  // A .env beside Compose files may name the files `docker compose` reads (COMPOSE_FILE) instead of the default pair.
  const composeFileVar = new Map<string, string>();
  for (const dir of new Set(compose.filter((c) => !c.baseOnly).map((c) => dirOf(c.path)))) {
    const env = dotEnvIn(dir);
    if (!ctx.has(env)) continue;
    const m = /^[ \t]{0,16}(?:export[ \t]{1,16})?COMPOSE_FILE[ \t]{0,16}=[ \t]{0,16}["']?([^"'\r\n#]{0,2000})/m.exec((await ctx.readText(env, { optional: true }))?.text ?? "");
    if (m) composeFileVar.set(dir, (m[1] ?? "").trim());
  }
  const extended = resolveExtends(compose, composeFileVar);
  problems.push(...extended.problems);
  return { subjects, charts, compose, extended: extended.services, overridden: extended.overridden, problems };
}

/** Files Compose references followed at most, per scan. */
const MAX_COMPOSE_REFERENCES = 64;

/**
 * Adds the files Compose files take services from (`extends.file`, `include`) whatever their names
 * (`common-services.yml`). A file only extended from is not part of the project (the spec: such a
 * file need not be a valid Compose file, and its services do not run): its services are judged
 * through the services that extend them. Paths above the checkout are not followed, and a file
 * inside it that is missing or broken, one outside it, and any past MAX_COMPOSE_REFERENCES are
 * problems: the services built on them cannot be judged.
 */
async function followComposeReferences(ctx: RuleContext, compose: DeployInputs["compose"], problems: Problem[]): Promise<void> {
  const byPath = new Map(compose.map((c) => [c.path, c]));
  const seen = new Set(compose.map((c) => c.path));
  const queue = compose.map((c) => ({ from: c.path, file: c.file }));
  let followed = 0;
  files: for (let q = queue.shift(); q; q = queue.shift()) {
    const included = new Set(includedFiles(q.file));
    for (const ref of remoteIncludes(q.file)) problems.push({ path: q.from, message: `includes ${ref}, which Compose fetches and a scan never does, so the services it adds cannot be judged` });
    for (const rel of referencedFiles(q.file)) {
      // A path from the environment is the variable's, not the default's: Compose reads what the user set.
      const path = rel.includes("$") ? undefined : joinRelative(dirOf(q.from), rel);
      if (path === undefined) {
        // Services extending such a file are named by resolveExtends; an included one is run whole.
        if (included.has(rel)) problems.push({ path: q.from, message: `includes ${rel}, ${rel.includes("$") ? "a path set by a variable" : "a file outside the checkout"}, so the services it adds cannot be judged` });
        continue;
      }
      const known = byPath.get(path);
      // A file both extended from and included is part of the project.
      if (known?.baseOnly && included.has(rel)) delete known.baseOnly;
      if (seen.has(path)) continue;
      seen.add(path);
      if (++followed > MAX_COMPOSE_REFERENCES) {
        problems.push({ path: q.from, message: `references more Compose files than the ${MAX_COMPOSE_REFERENCES} followed per scan; the services built on ${rel} and the rest cannot be judged` });
        break files;
      }
      if (!ctx.has(path)) {
        problems.push({ path: q.from, message: `takes services from ${rel}, which is not in the checkout, so they cannot be judged` });
        continue;
      }
      // A file that cannot be read or parsed is recorded by the read itself (the rule is incomplete).
      const text = await ctx.readText(path);
      const file = text ? await ctx.parse(path, composeParser) : undefined;
      if (!text || !file) continue;
      if (file.error) {
        problems.push({ path, message: `does not parse as YAML (${file.error.message})`, line: file.error.line, column: file.error.column });
        continue;
      }
      const entry: ComposeEntry = { path, file, text, confidence: confidenceFor(path), ...(included.has(rel) ? {} : { baseOnly: true }) };
      compose.push(entry);
      byPath.set(path, entry);
      queue.push({ from: path, file });
    }
  }
}

function label(o: Pick<KubeObject, "kind" | "name">): string {
  // Flat: every finding about the object quotes it, in its message, evidence and key.
  return flatJoin([o.kind, "/", o.name || "(unnamed)"]);
}

/** A kustomize Component's file (`kind: Component`) that no kustomization uses: it changes no object. */
function unusedComponent(path: string, text: string, used: ReadonlySet<string>): boolean {
  const dir = dirOf(path);
  const name = dir === "" ? path : path.slice(dir.length + 1);
  if (!KUSTOMIZATION_NAMES.includes(name) || !/^kind:[ \t]{0,10}["']?Component["']?[ \t]*$/m.test(text)) return false;
  return !used.has(dir);
}

/** Several rules point at the same places (a container, its securityContext): each is found once. */
function cached(place: (path: YamlPath) => Place): (path: YamlPath) => Place {
  let memo: Map<string, Place> | undefined;
  const finder = { find: place };
  return (path) => placeIn((memo ??= new Map()), path, finder);
}

/** The place of `path`, found once (by `finder`, a subject itself: no closure per lookup) and kept in `memo`. */
function placeIn(memo: Map<string, Place>, path: YamlPath, finder: { find(path: YamlPath): Place }): Place {
  const key = path.join("\u0000");
  let p = memo.get(key);
  if (!p) memo.set(key, (p = finder.find(path)));
  return p;
}

const MAX_LINES_UP = 10_000;

/** `{}` or `[]` and the end of its line: what toYaml prints for an empty map or list. */
const EMPTY_FLOW = /^(?:\{\}|\[\])\s*$/;

/**
 * The key of the map holding the entry at `offset` of a YAML text: the nearest line above with
 * less indentation (blank and comment lines skipped); `offset` itself when there is none.
 */
function parentKeyAt(text: string, offset: number): number {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = offset - lineStart;
  if (indent <= 0 || text.slice(lineStart, offset).trim() !== "") return offset;
  let end = lineStart - 1;
  for (let n = 0; end > 0 && n < MAX_LINES_UP; n++) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    const body = line.trimStart();
    if (body !== "" && !body.startsWith("#") && line.length - body.length < indent) return body.startsWith("- ") ? offset : start + line.length - body.length;
    end = start - 1;
  }
  return offset;
}

/** A manifest's values are all written in it: nothing is unresolved. */
const NOTHING_UNRESOLVED = (): undefined => undefined;
const NOTHING_OPAQUE: readonly OpaqueValue[] = Object.freeze([]);

/** What a subject read from a manifest file says of itself, as written or as an overlay renders it. */
function manifestFields(o: KubeObject, file: TextFile, confidence: Confidence): Pick<Subject, "label" | "source" | "path" | "confidence" | "unresolved"> {
  return { label: label(o), source: "manifest", path: file.path, confidence, unresolved: NOTHING_UNRESOLVED };
}

/**
 * An object of a manifest file, as written: the common subject (a manifest holds thousands). A
 * class, not an object of closures: 10,000 documents made three closures and two contexts each,
 * which the garbage collector copied for the whole scan.
 */
class ManifestSubject implements Subject {
  readonly label: string;
  readonly source = "manifest" as const;
  readonly path: string;
  readonly unresolved = NOTHING_UNRESOLVED;
  readonly opaque = NOTHING_OPAQUE;
  readonly doc: StreamDocument;
  readonly base: YamlPath;
  /** Places found so far, by path: several rules point at the same ones (a container, its securityContext). */
  private places: Map<string, Place> | undefined;
  /** Where the last search of this object's text stood: the next path under the same container starts there. */
  private trail: LocateTrail | undefined;

  constructor(
    readonly object: KubeObject,
    readonly file: TextFile,
    private readonly text: string,
    readonly confidence: Confidence,
  ) {
    this.label = label(object);
    this.path = file.path;
    this.doc = object.doc;
    this.base = object.base;
  }

  place(path: YamlPath): Place {
    return placeIn((this.places ??= new Map()), path, this);
  }

  /** Where `path` is (uncached: `place` keeps what it finds). */
  find(path: YamlPath): Place {
    const o = this.object;
    const full = o.base.length === 0 ? path : [...o.base, ...path];
    const at = locate(this.text, o.doc.start, o.doc.end, full, o.doc.uniqueKeys === true, o.doc.lines, (this.trail ??= locateTrail()));
    const pos = this.positionAt(at.offset);
    const place: Place = { location: { path: this.file.path, startLine: pos.line, startColumn: pos.column }, exact: at.depth === full.length, offset: at.offset };
    if (at.shadowed) place.shadowed = at.shadowed.map((x) => this.positionAt(x).line);
    return place;
  }

  /** The stream's measured lines give positions without a second measure of the file (10,000 documents: 6 MiB of text). */
  private positionAt(offset: number): { line: number; column: number } {
    const lines = this.object.doc.lines;
    return lines && lines.text === this.file.text ? positionIn(lines, offset) : this.file.positionAt(offset);
  }
}

/** Overlays that apply the same patches render the same object: it is judged once. */
function distinct(variants: readonly OverlayVariant[]): OverlayVariant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const id = [...v.patches.map((p) => `${p.file.path}@${p.doc.start}`), ...v.opaque.map((o) => `${o.path.join(".")}:${o.reason}`), JSON.stringify(v.images), v.replaced ? JSON.stringify(v.value) : "", namespaceOf(v.value) ?? ""].join("\u0000");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * A manifest object as an overlay renders it. A path points at the last patch that writes it,
 * else at the base; where neither holds it whole, at the deeper of the two (the base on a tie),
 * so a missing field points at the securityContext a patch added or the base's container.
 */
function overlaySubject(o: KubeObject, file: TextFile, text: string, v: OverlayVariant): Subject {
  const confidence = confidenceFor(file.path) === "low" || confidenceFor(v.overlay) === "low" ? "low" : "high";
  return {
    object: { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: namespaceOf(v.value) ?? o.namespace, value: v.value },
    ...manifestFields(o, file, confidence),
    place: cached((path) => {
      const full = o.base.length === 0 ? path : [...o.base, ...path];
      const inBase = locate(text, o.doc.start, o.doc.end, full, o.doc.uniqueKeys === true, o.doc.lines);
      const depth = inBase.depth - o.base.length;
      const best = patchPlace(path, v.patches, depth) ?? { depth, file, offset: inBase.offset };
      const pos = best.file.positionAt(Math.min(best.offset, best.file.text.length));
      return { location: { path: best.file.path, startLine: pos.line, startColumn: pos.column }, exact: best.depth === path.length, offset: -1 };
    }),
    opaque: v.opaque,
    overlay: v.overlay,
    ...(v.images.length > 0 ? { images: v.images } : {}),
    ...(v.imagesReplaced ? { imagesReplaced: v.imagesReplaced } : {}),
    ...removalsOf(v.patches),
  };
}

/** The namespace an object's metadata names, as a render leaves it. */
function namespaceOf(value: Record<string, unknown>): string | undefined {
  const meta = value["metadata"];
  const ns = meta !== null && typeof meta === "object" ? (meta as Record<string, unknown>)["namespace"] : undefined;
  return typeof ns === "string" ? ns : undefined;
}

/** The keys an overlay's patches removed, each at the line that removes it; nothing when they removed none. */
function removalsOf(patches: readonly AppliedPatch[]): { removals?: Removal[] } {
  const out: Removal[] = [];
  for (const p of patches) {
    const at = (path: YamlPath) => (): Place => {
      const found = locate(p.text, p.doc.start, p.doc.end, path, p.doc.uniqueKeys === true, p.doc.lines);
      const pos = p.file.positionAt(Math.min(p.toFile(found.offset), p.file.text.length));
      return { location: { path: p.file.path, startLine: pos.line, startColumn: pos.column }, exact: found.depth === path.length, offset: -1 };
    };
    for (const op of p.ops ?? []) if (op.removed) out.push({ path: op.path, place: at([op.index]) });
    for (const d of p.deleted ?? []) out.push({ path: d.path, place: at(d.patch) });
  }
  return out.length > 0 ? { removals: out } : {};
}

/**
 * Where an overlay's patches put `path`, when one does: the last patch that writes it, else the
 * one holding more of it than the `depth` the object as patched holds. Undefined: the object's.
 */
function patchPlace(path: YamlPath, patches: readonly AppliedPatch[], depth: number): { depth: number; file: TextFile; offset: number } | undefined {
  let best: { depth: number; file: TextFile; offset: number } | undefined;
  for (let i = patches.length - 1; i >= 0; i--) {
    const p = patches[i] as AppliedPatch;
    if (p.ops) {
      // A JSON 6902 operation wrote everything under its path: what earlier patches and the base
      // held there is gone, so the search ends at it (or goes on past a patch that did not touch the path).
      const op = deciderOp(p.ops, path);
      if (!op) continue;
      const opPath = op.removed ? [op.index] : [op.index, "value", ...path.slice(op.path.length)];
      const at = locate(p.text, p.doc.start, p.doc.end, opPath, p.doc.uniqueKeys === true, p.doc.lines);
      const d = op.removed ? op.path.length : op.path.length + Math.max(0, Math.min(at.depth, opPath.length) - 2);
      return best && best.depth > d ? best : { depth: d, file: p.file, offset: p.toFile(at.offset) };
    }
    const pp = patchPathOf(path, p.indexes);
    const at = locate(p.text, p.doc.start, p.doc.end, pp, p.doc.uniqueKeys === true, p.doc.lines);
    // A depth counts only as far as the translated path matches the merged one.
    const d = at.depth === pp.length ? pp.length : at.depth;
    const bestDepth = best?.depth ?? depth;
    const writes = d === path.length && (bestDepth < path.length || !mergesAt(p.value, pp));
    if (writes || d > bestDepth) {
      best = { depth: d, file: p.file, offset: p.toFile(at.offset) };
      if (writes) break;
    }
  }
  return best;
}

/** Chart variants that render alike (one base many overlays use, unpatched) are judged once. */
function distinctCharts(variants: readonly ChartVariant[]): ChartVariant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const id = [v.inflated.kustomization, v.inflated.entry.index, v.template.path, v.object.doc.start, v.object.base.join("."), ...v.patches.map((p) => `${p.file.path}@${p.doc.start}`), ...v.opaque.map((o) => `${o.path.join(".")}:${o.reason}`), JSON.stringify(v.images), v.replaced ? JSON.stringify(v.value) : "", namespaceOf(v.value) ?? ""].join("\u0000");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Names an object of a chart's render by its template, kind and rank there: the same in renders with other values or release names. */
function chartObjectId(t: RenderedTemplate, o: KubeObject, rank: number): string {
  return `${t.path}\u0000${o.kind}\u0000${rank}`;
}

/** Drops problems said twice (the same chart failing alike with its defaults and a kustomization's values). */
function dedupeProblems(problems: Problem[]): void {
  const seen = new Set<string>();
  let k = 0;
  for (const p of problems) {
    const id = `${p.path}\u0000${p.line ?? ""}\u0000${p.column ?? ""}\u0000${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems[k++] = p;
  }
  problems.length = k;
}

/**
 * An object of a chart a kustomization inflates, as an overlay renders it: a path points at the
 * last patch that writes it, else where the chart's render wrote it (a template, the chart's
 * values.yaml, or the kustomization's own values).
 */
function inflatedSubject(v: ChartVariant, sameAs: string | undefined): Subject {
  const { chart, files, marked } = v.inflated;
  const o = v.object;
  const base = helmSubject(o, v.template, chart, files, marked);
  const confidence = base.confidence === "low" || confidenceFor(v.overlay) === "low" ? "low" : "high";
  return {
    ...base,
    // Patches may rewrite the scalar: placed by path only, through them.
    placeWithin: undefined,
    object: { ...base.object, namespace: namespaceOf(v.value) ?? base.object.namespace, value: v.value },
    confidence,
    place: cached((path) => {
      const inChart = helmPlace(o, v.template, files, path);
      const best = patchPlace(path, v.patches, inChart.depth);
      if (!best) return inChart.place;
      const pos = best.file.positionAt(Math.min(best.offset, best.file.text.length));
      return { location: { path: best.file.path, startLine: pos.line, startColumn: pos.column }, exact: best.depth === path.length, offset: -1 };
    }),
    opaque: v.opaque.length === 0 ? base.opaque : [...base.opaque, ...v.opaque],
    overlay: v.overlay,
    ...(v.images.length > 0 ? { images: v.images } : {}),
    ...(v.imagesReplaced ? { imagesReplaced: v.imagesReplaced } : {}),
    ...(sameAs !== undefined ? { sameAs } : {}),
    ...removalsOf(v.patches),
  };
}

function helmSubject(o: KubeObject, t: RenderedTemplate, chart: RenderedChart, files: ReadonlyMap<string, TextFile>, marked: boolean): Subject {
  const missing = marked ? opaquePaths(chart, o.value) : NOTHING_OPAQUE;
  // Only a chart with values not known statically is walked for them.
  const shapes = chart.unresolved.length > 0 ? unknownShapes(chart, o.value) : NOTHING_OPAQUE;
  const opaque = shapes.length === 0 ? missing : [...missing, ...shapes];
  let object: Subject["object"] = o;
  if (missing.length > 0) {
    // `apiVersion: {{ include "common.capabilities.deployment.apiVersion" . }}` names the kind's
    // current version; a name from such a template is shown as unknown rather than as a marker.
    const apiVersion = opaqueIn(chart, o.apiVersion) ? (API_VERSION_OF[o.kind] ?? o.apiVersion) : o.apiVersion;
    const name = opaqueIn(chart, o.name) ? "" : o.name;
    object = { apiVersion, kind: o.kind, name, namespace: o.namespace, value: o.value };
  }
  return {
    object,
    label: object.name ? readable(label(object)) : `${o.kind}/(name from a template the chart lacks)`,
    source: "helm",
    path: t.path,
    chart: chart.dir,
    confidence: confidenceFor(t.path),
    place: cached((path) => helmPlace(o, t, files, path).place),
    placeWithin: (path, within) => helmPlace(o, t, files, path, within).place,
    ...(t.skips ? { placeMissing: (path: YamlPath) => missingPlace(o, t, files, path) } : {}),
    unresolved: (v) => unresolvedIn(chart, v)?.reason,
    opaque,
  };
}

/** Where a path of a chart's object was written (the template, or the values it came from), and how much of it the output holds. */
function helmPlace(o: KubeObject, t: RenderedTemplate, files: ReadonlyMap<string, TextFile>, path: YamlPath, within = 0): { place: Place; depth: number } {
  const full = [...o.base, ...path];
  const at = locate(t.output, o.doc.start, o.doc.end, full, o.doc.uniqueKeys === true, o.doc.lines);
  const depth = at.depth - o.base.length;
  const keyOrigin = t.map.originAt(at.offset);
  // A value written from values.yaml points there, not at the template's key (nor at the
  // values key holding the `tpl` string the key was written in).
  // A quoted scalar (`type: "{{ .Values.service.type }}"`) is read past the template's quote.
  const quoted = at.valueOffset !== undefined && /["']/.test(t.output.charAt(at.valueOffset)) ? 1 : 0;
  const valueOrigin = at.depth === full.length && at.valueOffset !== undefined ? t.map.originAt(at.valueOffset + quoted + scalarOffset(t.output, at.valueOffset + quoted, within)) : undefined;
  const fromValue = valueOrigin !== undefined && (valueOrigin.path !== keyOrigin?.path || (keyOrigin.tpl === true && valueOrigin.offset !== keyOrigin.offset));
  const origin = fromValue ? valueOrigin : keyOrigin;
  const file = origin ? files.get(origin.path) : undefined;
  if (!origin || !file) return { place: { location: { path: t.path }, exact: false, offset: -1 }, depth };
  // A map written from values.yaml (`{{- toYaml .Values.securityContext | nindent 12 }}`) starts
  // on the line after its key: point at its own key there, not at whichever child toYaml put first.
  // An empty one (`resources: {}`) prints `{}` with its own key's origin already.
  const block = fromValue && at.valueOffset !== undefined && t.output.lastIndexOf("\n", at.valueOffset) > at.offset && !EMPTY_FLOW.test(t.output.slice(at.valueOffset, at.valueOffset + 3));
  const offset = block ? parentKeyAt(file.text, Math.min(origin.offset, file.text.length)) : origin.offset;
  const pos = file.positionAt(Math.min(offset, file.text.length));
  return { place: { location: { path: origin.path, startLine: pos.line, startColumn: pos.column }, exact: at.depth === full.length, offset: -1 }, depth };
}

/** Where the value is that left a missing path of a chart's object out, if a template branch it turned off would have written it. */
function missingPlace(o: KubeObject, t: RenderedTemplate, files: ReadonlyMap<string, TextFile>, path: YamlPath): Place | undefined {
  const full = [...o.base, ...path];
  const at = locate(t.output, o.doc.start, o.doc.end, full, o.doc.uniqueKeys === true, o.doc.lines);
  return at.depth < full.length ? skipPlace(t, o, at, full[at.depth], files) : undefined;
}

/** Lines of a block read at most to find the template text it came from. */
const MAX_BLOCK_LINES = 2000;

/**
 * Where the value is that left out a missing key: a branch of the template (`{{- if
 * .Values.containerSecurityContext.enabled }}` then `securityContext:`) that a value turned off,
 * inside the template text of the deepest entry found (the container, the pod spec), writing
 * `key:` among that entry's children. Undefined when no such branch is there.
 */
function skipPlace(t: RenderedTemplate, o: KubeObject, at: { offset: number }, key: string | number | undefined, files: ReadonlyMap<string, TextFile>): Place | undefined {
  const skips = t.skips;
  if (!skips || typeof key !== "string") return undefined;
  const out = t.output;
  const lineStart = out.lastIndexOf("\n", at.offset - 1) + 1;
  const col = at.offset - lineStart;
  const isItem = out.charCodeAt(at.offset) === 45;
  // The template offsets the entry's block came from, and the column of its children.
  let lo = Infinity;
  let hi = -1;
  let childIndent = isItem ? col + 2 : -1;
  let p = lineStart;
  // A branch the value turned off sits after the block's last line: the block's template text runs
  // to where the next entry's starts (the end of the template when the block ends the document).
  let next = Infinity;
  // The file the entry's text was written in: the template, or a helper file whose `define` writes
  // the pod (grafana's `_pod.tpl`); its branches are read there.
  let src = t.path;
  let shift = 0;
  for (let n = 0; p < o.doc.end && n < MAX_BLOCK_LINES; n++) {
    const e = out.indexOf("\n", p);
    const lineEnd = e < 0 || e > o.doc.end ? o.doc.end : e;
    let i = p;
    while (i < lineEnd && out.charCodeAt(i) === 32) i++;
    if (i < lineEnd && out.charCodeAt(i) !== 35) {
      const origin = t.map.originAt(i);
      if (n === 0 && origin?.linear === true) {
        src = origin.path;
        // A helper's text is indented again where it is included (`include "grafana.pod" . | nindent 6`):
        // its branches write keys that much less indented than the output shows.
        const text = files.get(src)?.text;
        if (text !== undefined && origin.offset <= text.length) shift = i - p - (origin.offset - (text.lastIndexOf("\n", origin.offset - 1) + 1));
      }
      const own = origin?.path === src && origin.linear === true;
      if (n > 0 && i - p <= col) {
        next = own ? (origin as { offset: number }).offset : -1;
        break;
      }
      if (n > 0 && childIndent < 0) childIndent = i - p;
      if (own) {
        lo = Math.min(lo, (origin as { offset: number }).offset);
        hi = Math.max(hi, (origin as { offset: number }).offset);
      }
    }
    p = lineEnd + 1;
  }
  if (hi < 0 || next < 0) return undefined;
  hi = next;
  // An entry with no child left (`- name: web` alone): its children would stand two columns in, or one level in.
  if (childIndent < 0) childIndent = col + 2;
  // Passes of a `range` leave the same branch out at other places of the output: the nearest to this block's end is its own.
  let skip: Skip | undefined;
  let ambiguous = false;
  for (const s of skips) {
    if (s.path !== src || s.at < lo || s.at >= hi || childIndent - shift < 0 || !writesKey(s.nodes, key, childIndent - shift)) continue;
    // A helper's branch counts its output from where the helper started, not from the template's
    // start: passes of one helper included twice cannot be told apart, and are placed only when
    // the same value decided them all.
    if (src !== t.path && skip && (skip.decidedBy.path !== s.decidedBy.path || skip.decidedBy.offset !== s.decidedBy.offset)) ambiguous = true;
    if (!skip || Math.abs(s.out - p) < Math.abs(skip.out - p)) skip = s;
  }
  if (ambiguous) return undefined;
  const file = skip ? files.get(skip.decidedBy.path) : undefined;
  if (!skip || !file) return undefined;
  const pos = file.positionAt(Math.min(skip.decidedBy.offset, file.text.length));
  return { location: { path: skip.decidedBy.path, startLine: pos.line, startColumn: pos.column }, exact: false, offset: -1 };
}

/** Whether a branch's own text writes `key:` at a line's indentation `indent`. */
function writesKey(nodes: readonly Node[], key: string, indent: number): boolean {
  const lead = " ".repeat(indent) + key + ":";
  for (const n of nodes.slice(0, 200)) {
    if (n.t !== "text") continue;
    for (let i = n.text.indexOf(lead); i >= 0; i = n.text.indexOf(lead, i + 1)) {
      const before = i === 0 ? 10 : n.text.charCodeAt(i - 1);
      const after = n.text.charCodeAt(i + lead.length);
      if (before === 10 && (Number.isNaN(after) || after === 32 || after === 10 || after === 13)) return true;
    }
  }
  return false;
}

/**
 * How far into the output character `within` of a scalar starting at `start` is: as far, while the
 * scalar is on one line with no escapes before it (image references are); else 0, its start.
 */
function scalarOffset(output: string, start: number, within: number): number {
  if (within <= 0) return 0;
  const part = output.slice(start, start + within);
  return part.length === within && !/[\n\\]/.test(part) ? within : 0;
}

/** The `.env` file of a folder, which docker compose reads for interpolation (and COMPOSE_FILE) beside the Compose files there. */
export function dotEnvIn(dir: string): string {
  return dir ? `${dir}/.env` : ".env";
}
