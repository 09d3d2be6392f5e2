import { dirOf, joinRelative } from "../../core/checkout-path.js";
import { ParseFailure, type FileSource, type TextFile } from "../../core/files.js";
import { memorySource } from "../../core/memory-source.js";
import { asList, asMap, asString } from "../kubernetes/manifest.js";
import { nodePosition, mapGet, seqItems, yamlParser, type YamlFile } from "../formats/yaml.js";
import { LStr, SourceMap, type Origin } from "./located.js";
import type { Skip, Unresolved } from "./template-exec.js";
import { Renderer, RenderError, UNRESOLVED_PREFIX, type RenderEnv, type Val } from "./template-exec.js";
import { isTruthy, semverCheck } from "./template-functions.js";
import { parseTemplate, TemplateSyntaxError, type Node } from "./template-parse.js";
import { unglueComments } from "./glued-comments.js";
import { keyBareMarkers } from "./opaque-lines.js";
import { HelmIgnoreError, NOTHING_IGNORED, parseHelmIgnore, type HelmIgnore } from "./helmignore.js";
import { unpackChart } from "./packed-chart.js";
import { coalesce, readValues, toYaml } from "./values.js";

/** One rendered template of a chart. */
export interface RenderedTemplate {
  /** Path of the template in the checkout. */
  path: string;
  /** The chart (or subchart) folder it belongs to. */
  chart: string;
  output: string;
  map: SourceMap;
  /** Why it could not be rendered, where. */
  error?: { message: string; origin: Origin | undefined };
  /** Its branches a condition on a value left out. */
  skips?: readonly Skip[];
}

/** A chart rendered with its default values, as `helm template` would without `--set`. */
export interface RenderedChart {
  /** The chart's folder ("" for the checkout root). */
  dir: string;
  name: string;
  templates: RenderedTemplate[];
  /** Values that could not be known statically, by marker number (`__assay_unresolved_N`). */
  unresolved: Unresolved[];
  /** Files the renderer could not read or parse (so its result may be incomplete), with why and where when known. */
  unreadable: ChartUnreadable[];
  /** The merged default values (for rules that ask what a value defaults to). */
  values: Record<string, unknown>;
  /** Files read from packed subcharts, by their path (`charts/x-1.0.0.tgz/templates/a.yaml`), for positions. */
  archived: ReadonlyMap<string, TextFile>;
}

/** A chart file the renderer could not use: unreadable, or malformed at line:column. */
export interface ChartUnreadable {
  path: string;
  /** What is wrong with it, said whole ("packed subchart is not a gzip archive"). */
  problem?: string;
  reason?: string;
  line?: number;
  column?: number;
}

/** The Kubernetes version templates see in `.Capabilities` (a recent release, as `helm template` assumes one). */
const KUBE_VERSION = { Version: "v1.31.0", Major: "1", Minor: "31", GitVersion: "v1.31.0" };
/** API versions `helm template` knows without a cluster: the built-in ones. */
const API_VERSIONS = new Set(
  "v1 apps/v1 batch/v1 autoscaling/v1 autoscaling/v2 policy/v1 networking.k8s.io/v1 rbac.authorization.k8s.io/v1 storage.k8s.io/v1 scheduling.k8s.io/v1 coordination.k8s.io/v1 discovery.k8s.io/v1 node.k8s.io/v1 certificates.k8s.io/v1 admissionregistration.k8s.io/v1 apiextensions.k8s.io/v1 apiregistration.k8s.io/v1 events.k8s.io/v1 flowcontrol.apiserver.k8s.io/v1 authentication.k8s.io/v1 authorization.k8s.io/v1".split(
    " ",
  ),
);
const MAX_CHART_FILES = 2000;
/** Files of a chart that Helm reads as the chart itself, not as `.Files`. */
const HELM_OWN_FILES = new Set(["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json", "requirements.yaml", "requirements.lock"]);
/** Longer paths are left out of `.Files`, so `.Files.Glob`'s regular expression runs on short names. */
const MAX_FILE_PATH = 256;
/** A packed subchart larger than this is not read (`helm package` output is kilobytes). */
const MAX_PACKED = 8 * 1024 * 1024;
const MAX_PACKED_TOTAL = 64 * 1024 * 1024;

/** What a chart's packed subcharts hold, shared by every archive of the chart (nested ones too). */
interface PackedFiles {
  texts: Map<string, TextFile>;
  /** Bytes unpacked so far, against MAX_PACKED_TOTAL. */
  bytes: number;
}

/** What the chart reader needs of the checkout; `readBytes` lets it open packed subcharts. */
export type ChartSource = FileSource & { readBytes?(path: string, limit?: number, options?: { optional?: boolean }): Promise<Uint8Array | undefined> };

/** `.Capabilities.APIVersions.Has`: a built-in group/version, or a kind of one (`policy/v1/PodDisruptionBudget`). */
function hasApiVersion(v: string): boolean {
  if (API_VERSIONS.has(v)) return true;
  const slash = v.lastIndexOf("/");
  return slash > 0 && /^[A-Z][A-Za-z]{0,62}$/.test(v.slice(slash + 1)) && API_VERSIONS.has(v.slice(0, slash));
}
const MAX_SUBCHART_DEPTH = 5;

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);
const under = (path: string, dir: string): boolean => dir === "" || path.startsWith(`${dir}/`);

/**
 * The file a chart folder takes its metadata from: Chart.yaml, else the Chart.template.yaml some
 * projects commit instead and fill in at release time (cert-manager's versions are set so).
 */
export function chartMetaPath(src: FileSource, dir: string): string {
  const yaml = join(dir, "Chart.yaml");
  return src.has(yaml) || !src.has(join(dir, CHART_TEMPLATE)) ? yaml : join(dir, CHART_TEMPLATE);
}

const CHART_TEMPLATE = "Chart.template.yaml";

/** Every chart folder of the checkout (a folder holding Chart.yaml, or a Chart.template.yaml beside templates/), subcharts excluded. */
export function chartDirs(src: FileSource): string[] {
  const dirs = src.index.named("Chart.yaml").map((f) => dirOf(f.path));
  for (const f of src.index.named(CHART_TEMPLATE)) {
    const d = dirOf(f.path);
    if (!dirs.includes(d) && src.index.inFolder(join(d, "templates")).length > 0) dirs.push(d);
  }
  // A chart vendored in another chart's charts/ folder is rendered as part of its parent.
  return dirs.filter((d) => !dirs.some((p) => p !== d && under(d, p) && d.slice(p.length).replace(/^\//, "").startsWith("charts/")));
}

interface LoadedChart {
  dir: string;
  meta: Record<string, unknown>;
  /** Its folder as Helm names it: its name, under its parent's `charts/` for a subchart. */
  helmPath: string;
  values: Record<string, unknown>;
  templates: { path: string; nodes: Node[] | undefined; error?: { message: string; origin: Origin } }[];
  /** Its `.Files`, by path in the chart: each subchart sees its own, as in Helm. */
  files: ReadonlyMap<string, string>;
  subcharts: LoadedChart[];
  /** Its dependencies, from Chart.yaml (or requirements.yaml, where Helm 2 charts declare them). */
  deps: Dependency[];
  /** Dependencies it declares that the checkout does not hold: judged missing only when enabled by default. */
  missing: MissingDependency[];
  /** Chart.yaml's `kubeVersion` constraint, and where it is written. */
  kubeVersion?: { constraint: string; path: string; line: number; column: number };
}

/** A dependency a chart declares, and where. */
interface Dependency {
  entry: Record<string, unknown> | undefined;
  path: string;
  line: number;
  column: number;
}

/** A declared dependency the scan cannot read, and why. */
interface MissingDependency {
  dep: Dependency;
  why: string;
}

/** A missing dependency the default values install, and whether they configure it (`redis: {…}`). */
interface AbsentDependency extends MissingDependency {
  name: string;
  configured: boolean;
}

/** Aliases of one subchart rendered at most. */
const MAX_ALIASES = 8;

/** Missing dependencies named per chart at most: a hostile Chart.yaml may declare thousands. */
const MAX_MISSING = 20;

/**
 * Says which installed dependencies could not be read. One the chart only calls helpers of (a
 * `common.names.fullname` it lacks, with no values of its own) is taken for a library chart such
 * as Bitnami's `common`: it installs nothing, and each place a missing helper writes is already
 * said to be unknown, so the rest of the chart is still judged.
 */
function reportAbsent(absent: readonly AbsentDependency[], missingTemplates: ReadonlySet<string>, unreadable: ChartUnreadable[]): void {
  const helpers = [...missingTemplates];
  const unread = absent.filter((a) => a.configured || !helpers.some((n) => n.startsWith(`${a.name}.`)));
  for (const m of unread.slice(0, MAX_MISSING)) unreadable.push({ path: m.dep.path, problem: m.why, line: m.dep.line, column: m.dep.column });
  const last = unread[MAX_MISSING - 1];
  if (unread.length > MAX_MISSING && last) unreadable.push({ path: last.dep.path, problem: `declares ${unread.length - MAX_MISSING} more dependencies that cannot be read`, line: last.dep.line, column: last.dep.column });
}

/** What an install gives a chart beyond its defaults (kustomize's `helmCharts:` entries, say). */
export interface RenderOptions {
  /** The values given to the install (`--values`), from the chart's defaults; coalesced over them as Helm does. */
  values?(defaults: Record<string, unknown>): Record<string, unknown>;
  release?: { name?: string; namespace?: string };
}

/** The release `helm template` renders without a name or namespace given. */
const DEFAULT_RELEASE = { name: "release-name", namespace: "default" };

/**
 * Helm refuses to render a chart whose `kubeVersion` excludes the Kubernetes version it renders for
 * (`helm template` assumes KUBE_VERSION): said as why nothing of the chart could be judged. Only
 * the chart installed is checked, as Helm does; a constraint not read whole is taken as met.
 */
function refusedKubeVersion(chart: LoadedChart): ChartUnreadable | undefined {
  const k = chart.kubeVersion;
  if (!k || semverCheck(k.constraint, KUBE_VERSION.Version, true) !== false) return undefined;
  const constraint = JSON.stringify(k.constraint.slice(0, 120));
  return { path: k.path, problem: `requires kubeVersion ${constraint}, which excludes Kubernetes ${KUBE_VERSION.Version}, the version helm template renders for (it fails the same way unless \`--kube-version\` names another)`, line: k.line, column: k.column };
}

/** Reads a chart folder (and its unpacked subcharts) and renders every template with the default values, or those `options` give. */
export async function renderChart(src: ChartSource, dir: string, options: RenderOptions = {}): Promise<RenderedChart> {
  const unreadable: ChartUnreadable[] = [];
  const defines = new Map<string, { nodes: Node[]; path: string }>();
  const files = new Map<string, string>();
  const packed: PackedFiles = { texts: new Map(), bytes: 0 };
  const loaded = await loadChart(src, dir, defines, unreadable, files, 0, packed);
  const env: RenderEnv = { defines, unresolved: [], files, parse: parseTemplate, steps: 0, missing: new Set(), skips: [] };
  const templates: RenderedTemplate[] = [];
  const defaults = loaded ? withImports(loaded) : {};
  const given = options.values ? options.values(defaults) : {};
  const values = options.values ? (coalesce(defaults, given) as Record<string, unknown>) : defaults;
  const absent: AbsentDependency[] = [];
  const release = { name: options.release?.name ?? DEFAULT_RELEASE.name, namespace: options.release?.namespace ?? DEFAULT_RELEASE.namespace };
  const refused = loaded ? refusedKubeVersion(loaded) : undefined;
  if (refused) unreadable.push(refused);
  else if (loaded) renderAll(loaded, given, {}, env, templates, absent, release, undefined, loaded.helmPath);
  reportAbsent(absent, env.missing ?? new Set(), unreadable);
  return { dir, name: asString(loaded?.meta["name"]) ?? dir, templates, unresolved: env.unresolved, unreadable, values, archived: packed.texts };
}

/** The name Helm gives each define's file (`web/charts/redis/templates/_helpers.tpl`), by define, per chart being rendered. */
const defineFiles = new WeakMap<RenderEnv["defines"], Map<string, string>>();

/**
 * Records a define unless one Helm would keep over it is known. Helm parses the templates of a
 * chart and its subcharts deepest path first, and at one depth in reverse order of their names; a
 * later define of a name replaces an earlier one. So the define of the shallowest file wins (a
 * parent chart's over its subchart's), and at one depth that of the file whose name sorts first.
 */
function setDefine(defines: RenderEnv["defines"], name: string, def: { nodes: Node[]; path: string }, helmFile: string): void {
  let files = defineFiles.get(defines);
  if (!files) defineFiles.set(defines, (files = new Map()));
  const held = files.get(name);
  const old = defines.get(name);
  if (held !== undefined && old) {
    const empty = (nodes: readonly Node[]) => nodes.every((n) => n.t === "text" && !n.text.trim());
    const isEmpty = empty(def.nodes);
    const wasEmpty = empty(old.nodes);
    // Go never lets an empty define replace another, and always lets a full one replace an empty one, whatever the order.
    if (isEmpty && !wasEmpty) return;
    const depth = (p: string) => p.split("/").length;
    if (isEmpty === wasEmpty && (depth(held) < depth(helmFile) || (depth(held) === depth(helmFile) && held <= helmFile))) return;
  }
  files.set(name, helmFile);
  defines.set(name, def);
}

async function loadChart(src: ChartSource, dir: string, defines: RenderEnv["defines"], unreadable: ChartUnreadable[], files: Map<string, string>, depth: number, packed: PackedFiles, outer?: ChartIgnore, helmParent?: string): Promise<LoadedChart | undefined> {
  const chartPath = chartMetaPath(src, dir);
  // A subchart folder in charts/ is loaded with its parent's .helmignore, as Helm loads the folder
  // whole; a chart from elsewhere (a library chart a `file://` dependency names) is packaged with its own.
  const ignore = outer && (dir === outer.root || under(dir, outer.root)) ? outer : await chartIgnore(src, dir, unreadable);
  const left = (path: string): boolean => ignore.rules.ignores(ignore.root ? path.slice(ignore.root.length + 1) : path);
  const chartYaml = await src.parse(chartPath, yamlParser);
  if (!chartYaml) {
    unreadable.push({ path: chartPath });
    return undefined;
  }
  const meta = asMap(chartYaml.doc.toJS()) ?? {};
  const chartName = asString(meta["name"]) ?? (dir.split("/").pop() || "chart");
  const helmPath = helmParent === undefined ? chartName : `${helmParent}/charts/${chartName}`;
  const deps = await declaredDependencies(src, dir, chartPath, chartYaml, unreadable);
  const kubeNode = mapGet(chartYaml.doc.contents, "kubeVersion");
  const kubeConstraint = asString(meta["kubeVersion"]);
  const kubeVersion = kubeNode && kubeConstraint ? { constraint: kubeConstraint, path: chartPath, ...nodePosition(chartYaml, kubeNode) } : undefined;
  let values: Record<string, unknown> = {};
  const valuesPath = join(dir, "values.yaml");
  if (src.has(valuesPath) && !left(valuesPath)) {
    const text = await src.readText(valuesPath);
    if (!text) unreadable.push({ path: valuesPath });
    else {
      try {
        values = readValues(text.text, valuesPath);
      } catch (e) {
        unreadable.push(e instanceof ParseFailure ? { path: valuesPath, reason: e.message, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) } : { path: valuesPath });
      }
    }
  }
  const inChart = src.files.filter((f) => f.kind !== "submodule" && under(f.path, dir) && !left(f.path)).slice(0, MAX_CHART_FILES);
  if (ignore.rules.exhausted && ignore.root === dir) unreadable.push({ path: join(dir, ".helmignore"), problem: "has patterns too costly to match against every file of the chart; files after that point were judged as if it did not list them" });
  const templatesDir = join(dir, "templates");
  const templates: LoadedChart["templates"] = [];
  const subDirs = new Set<string>();
  for (const f of inChart) {
    const rel = dir ? f.path.slice(dir.length + 1) : f.path;
    // Helm installs every chart in charts/: one behind a link to a folder (the inventory lists the
    // link, not what it holds) is never read, so it is said rather than left out unseen.
    if (f.kind === "symlink" && /^charts\/[^/]+$/.test(rel) && !/\.tgz$/.test(rel)) unreadable.push({ path: f.path, problem: "is a symbolic link in charts/, which is not followed" });
    const sub = /^charts\/([^/]+)\/Chart\.yaml$/.exec(rel);
    if (sub) subDirs.add(join(dir, `charts/${sub[1]}`));
    if (rel.startsWith("charts/")) continue;
    if (!under(f.path, templatesDir)) continue;
    if (!/\.(ya?ml|tpl|txt|json)$/.test(f.path) || /(^|\/)NOTES\.txt$/.test(f.path)) continue;
    const text = await src.readText(f.path);
    if (!text) {
      unreadable.push({ path: f.path });
      continue;
    }
    try {
      const parsed = parseTemplate(text.text);
      for (const [name, nodes] of parsed.defines) setDefine(defines, name, { nodes, path: f.path }, `${helmPath}/${rel}`);
      // Helm names every template file, so `include (print $.Template.BasePath "/configmap.yaml") .`
      // (the checksum annotation charts put on pods) renders that file; BasePath is the folder here.
      if (!defines.has(f.path)) defines.set(f.path, { nodes: parsed.nodes, path: f.path });
      templates.push({ path: f.path, nodes: parsed.nodes });
    } catch (e) {
      const offset = e instanceof TemplateSyntaxError ? e.offset : 0;
      templates.push({ path: f.path, nodes: undefined, error: { message: `template syntax: ${(e as Error).message}`, origin: { path: f.path, offset } } });
    }
  }
  // Small non-template files, for `.Files.Get` (dashboards, config files shipped in the chart).
  for (const f of inChart) {
    const rel = dir ? f.path.slice(dir.length + 1) : f.path;
    if (rel.startsWith("templates/") || rel.startsWith("charts/") || rel.length > MAX_FILE_PATH || files.size >= 200) continue;
    // Helm's loader keeps these apart from the chart's Files: `.Files.Get "values.yaml"` is empty.
    if (HELM_OWN_FILES.has(rel)) continue;
    if (/\.(ya?ml|json|conf|cfg|ini|txt|toml|properties|sh|lua|tpl|xml|js|py)$/i.test(rel)) {
      const text = await src.readText(f.path, { optional: true });
      if (text && text.text.length < 256 * 1024) files.set(rel, text.text);
    }
  }
  const unvendored = await unvendoredDependencies(src, dir, deps, subDirs, values);
  for (const d of unvendored.dirs) subDirs.add(d);
  const subcharts: LoadedChart[] = [];
  if (depth < MAX_SUBCHART_DEPTH) {
    for (const sd of [...subDirs].sort()) {
      const sc = await loadChart(src, sd, defines, unreadable, new Map(), depth + 1, packed, ignore, helmPath);
      if (sc) subcharts.push(sc);
    }
    for (const f of inChart) {
      const rel = dir ? f.path.slice(dir.length + 1) : f.path;
      if (!/^charts\/[^/]+\.tgz$/.test(rel)) continue;
      const sc = await loadPacked(src, f.path, defines, unreadable, depth + 1, packed, helmPath);
      // An unpacked copy of the same chart wins, as it is what the author edits.
      if (sc && !subcharts.some((x) => x.meta["name"] === sc.meta["name"])) subcharts.push(sc);
    }
  }
  return { dir, meta, helmPath, values, templates, files, subcharts, deps, missing: unvendored.missing, ...(kubeVersion ? { kubeVersion } : {}) };
}

/** A chart's `.helmignore` rules, with the folder its paths are relative to. */
interface ChartIgnore {
  root: string;
  rules: HelmIgnore;
}

/**
 * The `.helmignore` of a chart folder, or Helm's default rule alone. One that cannot be read, or
 * that Helm refuses, leaves nothing out and is said: every template is judged, and the chart's
 * verdicts are incomplete.
 */
async function chartIgnore(src: ChartSource, dir: string, unreadable: ChartUnreadable[]): Promise<ChartIgnore> {
  const path = join(dir, ".helmignore");
  let text: string | undefined;
  if (src.has(path)) {
    text = (await src.readText(path))?.text;
    if (text === undefined) {
      unreadable.push({ path });
      return { root: dir, rules: parseHelmIgnore(undefined) };
    }
  }
  try {
    return { root: dir, rules: parseHelmIgnore(text) };
  } catch (e) {
    if (!(e instanceof HelmIgnoreError)) throw e;
    unreadable.push({ path, problem: `is refused by Helm (${e.message}), so the chart would not load; it was read as if it left nothing out` });
    return { root: dir, rules: parseHelmIgnore(undefined) };
  }
}

/**
 * The dependencies a chart declares: Chart.yaml's `dependencies:`, else those of the
 * requirements.yaml that charts of apiVersion v1 (Helm 2) keep them in, which Helm 3 still reads.
 */
async function declaredDependencies(src: FileSource, dir: string, chartPath: string, chartYaml: YamlFile, unreadable: ChartUnreadable[]): Promise<Dependency[]> {
  let file = chartYaml;
  let path = chartPath;
  if (seqItems(mapGet(chartYaml.doc.contents, "dependencies")).length === 0) {
    const requirements = join(dir, "requirements.yaml");
    if (!src.has(requirements)) return [];
    const parsed = await src.parse(requirements, yamlParser);
    if (!parsed) {
      unreadable.push({ path: requirements });
      return [];
    }
    file = parsed;
    path = requirements;
  }
  const entries = asList(asMap(file.doc.toJS())?.["dependencies"]);
  return seqItems(mapGet(file.doc.contents, "dependencies")).map((node, i) => ({ entry: asMap(entries[i]), path, ...nodePosition(file, node) }));
}

/** A packed subchart (`charts/x-1.0.0.tgz`) read from memory, its paths under the archive's own. */
async function loadPacked(src: ChartSource, path: string, defines: RenderEnv["defines"], unreadable: ChartUnreadable[], depth: number, packed: PackedFiles, helmParent: string): Promise<LoadedChart | undefined> {
  if (!src.readBytes) return undefined;
  // One budget for every archive of a chart, nested ones included: archives inside archives
  // must not multiply the bound.
  if (packed.bytes > MAX_PACKED_TOTAL) {
    unreadable.push({ path, problem: "is a packed subchart past the 64 MiB the chart's archives may unpack to, not read" });
    return undefined;
  }
  const bytes = await src.readBytes(path, MAX_PACKED + 1, { optional: true });
  if (!bytes) {
    unreadable.push({ path });
    return undefined;
  }
  if (bytes.length > MAX_PACKED) {
    unreadable.push({ path, problem: "is a packed subchart over 8 MiB, not read" });
    return undefined;
  }
  let files: Map<string, Uint8Array>;
  try {
    files = unpackChart(bytes);
  } catch (e) {
    unreadable.push({ path, problem: `is a packed subchart that cannot be read: it ${(e as Error).message}` });
    return undefined;
  }
  const inner = memorySource(new Map([...files].map(([p, b]) => [`${path}/${p}`, b])));
  if (!inner.has(`${path}/Chart.yaml`)) {
    unreadable.push({ path, problem: "is a packed subchart without a Chart.yaml" });
    return undefined;
  }
  for (const b of files.values()) packed.bytes += b.length;
  // `helm package` applied its .helmignore already: what the archive holds is the chart.
  const sc = await loadChart(inner, path, defines, unreadable, new Map(), depth, packed, { root: path, rules: NOTHING_IGNORED }, helmParent);
  // Findings point into templates and values files, and files .Files.Get reads: keep those for their line numbers.
  const read = new Set([...(sc?.files.keys() ?? [])].map((rel) => `${path}/${rel}`));
  for (const f of inner.files) {
    if (!/\.(ya?ml|tpl)$/.test(f.path) && !read.has(f.path)) continue;
    const t = await inner.readText(f.path);
    if (t) packed.texts.set(f.path, t);
  }
  return sc;
}

/**
 * Dependencies charts/ does not hold. Library charts of the checkout stand in for some: the one a
 * `file://` repository points at (as `helm dependency build` would copy it), else one of the same
 * name (a monorepo's shared helpers, such as Bitnami's `common` next to the charts using it); their
 * folders are returned to be read. An application chart of the checkout that a dependency names is
 * judged on its own already. Every other dependency (fetched from a repository, or a `file://`
 * folder above the checkout or missing from it) is `helm install`ed with the chart but cannot be
 * read here: it is returned as missing.
 */
async function unvendoredDependencies(src: FileSource, dir: string, deps: readonly Dependency[], vendored: ReadonlySet<string>, values: Record<string, unknown>): Promise<{ dirs: string[]; missing: MissingDependency[] }> {
  // Unpacked in charts/<name>/, or packed as charts/<name>-<version>.tgz.
  const vendoredNames = new Set([...vendored].map((d) => d.slice(d.lastIndexOf("/") + 1)));
  for (const f of src.index.inFolder(join(dir, "charts"))) {
    const m = /\/?([^/]+?)-\d[^/]*\.tgz$/.exec(f.path);
    if (m) vendoredNames.add(m[1] as string);
    // A link there is said on its own (not followed): not a second time as missing.
    else if (f.kind === "symlink") vendoredNames.add(f.path.slice(f.path.lastIndexOf("/") + 1));
  }
  const dirs: string[] = [];
  const missing: MissingDependency[] = [];
  let known: CheckoutCharts | undefined;
  for (const dep of deps) {
    const name = asString(dep.entry?.["name"]);
    if (!name || vendoredNames.has(name)) continue;
    const repo = asString(dep.entry?.["repository"]) ?? "";
    known ??= await checkoutCharts(src);
    const from = repo ? ` from ${repo.slice(0, 200)}` : "";
    if (repo.startsWith("file://")) {
      const target = joinRelative(dir, repo.slice("file://".length));
      if (target === undefined) missing.push({ dep, why: `declares the dependency "${name}"${from}, a folder outside the checkout` });
      else if (target === dir || under(dir, target)) continue;
      else if ([...known.libraries.values()].includes(target)) dirs.push(target);
      else if (!src.has(chartMetaPath(src, target))) missing.push({ dep, why: `declares the dependency "${name}"${from}, a folder the checkout does not hold` });
      // An application chart of the checkout is judged on its own; when this chart's values
      // configure it (an umbrella's `api: {securityContext: …}`), also as installed here.
      else if (asMap(values[asString(dep.entry?.["alias"]) ?? name]) !== undefined) dirs.push(target);
      continue;
    }
    const library = known.libraries.get(name);
    if (library !== undefined) {
      if (library !== dir && !under(dir, library)) dirs.push(library);
    } else if (!known.names.has(name)) {
      missing.push({ dep, why: `declares the dependency "${name}"${from}, which its charts/ folder does not hold (\`helm dependency build\` vendors it)` });
    }
  }
  return { dirs, missing };
}

/** The charts of the checkout: library charts by name (their folder), and every chart's name. */
interface CheckoutCharts {
  libraries: Map<string, string>;
  names: Set<string>;
}

const chartsOf = new WeakMap<FileSource, Promise<CheckoutCharts>>();

/** The checkout's charts (`type: library` ones by name): found once per checkout, whatever number of charts ask. */
function checkoutCharts(src: FileSource): Promise<CheckoutCharts> {
  let p = chartsOf.get(src);
  if (!p) chartsOf.set(src, (p = findCharts(src)));
  return p;
}

async function findCharts(src: FileSource): Promise<CheckoutCharts> {
  const out: CheckoutCharts = { libraries: new Map(), names: new Set() };
  for (const f of src.index.named("Chart.yaml").slice(0, MAX_CHART_FILES)) {
    const parsed = await src.parse(f.path, yamlParser, { optional: true });
    const m = asMap(parsed?.doc.toJS());
    const name = asString(m?.["name"]);
    if (!name) continue;
    out.names.add(name);
    if (asString(m?.["type"]) === "library" && !out.libraries.has(name)) out.libraries.set(name, dirOf(f.path));
  }
  return out;
}

/**
 * Renders a chart's templates, then its enabled subcharts with their share of the values.
 * `helmPath` is the chart's folder as Helm names templates: the chart's name, and a subchart's
 * `PARENT/charts/NAME` (its alias when it has one), so `.Template.Name` is `web/templates/a.yaml`.
 */
function renderAll(chart: LoadedChart, values: Record<string, unknown>, globals: Record<string, unknown>, env: RenderEnv, out: RenderedTemplate[], absent: AbsentDependency[], release: { name: string; namespace: string }, tags: Record<string, unknown> | undefined, helmPath: string): void {
  const merged = coalesce(withImports(chart), values) as Record<string, unknown>;
  // Helm reads `tags:` only from the top chart's values.
  const topTags = tags ?? asMap(merged["tags"]) ?? {};
  const g = coalesce(asMap(merged["global"]) ?? {}, globals) as Record<string, unknown>;
  merged["global"] = g;
  // Conditions are read from the values with each subchart's defaults under its key, as Helm's
  // processDependencyEnabled coalesces them: `redis.enabled: false` in the subchart's own
  // values.yaml turns it off when the parent says nothing.
  const view = withSubchartDefaults(chart, merged);
  const installs: { sub: LoadedChart; key: string }[] = [];
  for (const sub of chart.subcharts) {
    const name = asString(sub.meta["name"]) ?? sub.dir.split("/").pop() ?? "";
    // One chart declared under several aliases is installed once per alias, each with its own values.
    const declared = chart.deps.filter((d) => asString(d.entry?.["name"]) === name);
    let rendered = 0;
    for (const d of declared.length > 0 ? declared : [undefined]) {
      const dep = d?.entry;
      const key = asString(dep?.["alias"]) ?? name;
      if (!dependencyEnabled(dep, view, topTags)) continue;
      // A hostile chart may alias one subchart thousands of times: past a few, each is said, not rendered.
      if (d && ++rendered > MAX_ALIASES) {
        absent.push({ dep: d, why: `declares "${name}" under one more alias (${key.slice(0, 100)}) than the ${MAX_ALIASES} rendered`, name, configured: true });
        continue;
      }
      installs.push({ sub, key });
      // The chart's own templates see an installed subchart's defaults under its key, as Helm
      // coalesces them (an umbrella reading `.Values.postgresql.auth.database` from its subchart).
      if (key !== "__proto__") merged[key] = coalesce(withImports(sub), merged[key]);
    }
  }
  const root: Record<string, unknown> = {
    Values: merged,
    Release: { Name: release.name, Namespace: release.namespace, Service: "Helm", Revision: 1n, IsInstall: true, IsUpgrade: false },
    Chart: chartObject(chart.meta),
    Capabilities: {
      KubeVersion: KUBE_VERSION,
      APIVersions: { Has: (args: Val[]) => ({ v: hasApiVersion(String(args[0]?.v ?? "")), o: undefined }) },
      HelmVersion: { Version: "v3.16.0" },
    },
    Files: filesObject(chart.files, chart.dir),
  };
  // A library chart only lends its defines; Helm renders none of its templates.
  const library = asString(chart.meta["type"]) === "library";
  const helmName = (path: string): string => `${helmPath}/${chart.dir ? path.slice(chart.dir.length + 1) : path}`;
  // Each template file can be included by the name Helm gives it as well as by its path here.
  for (const t of chart.templates) {
    const def = env.defines.get(t.path);
    if (def && !env.defines.has(helmName(t.path))) env.defines.set(helmName(t.path), def);
  }
  for (const t of chart.templates) {
    if (library || t.path.split("/").pop()?.startsWith("_")) continue;
    if (!t.nodes) {
      out.push({ path: t.path, chart: chart.dir, output: "", map: new SourceMap(), ...(t.error ? { error: t.error } : {}) });
      continue;
    }
    const dot: Val = { v: { ...root, Template: { Name: helmName(t.path), BasePath: `${helmPath}/templates` } }, o: undefined };
    const map = new SourceMap();
    const skipped = env.skips?.length ?? 0;
    try {
      const s: LStr = new Renderer(env, t.path).render(t.nodes, dot, dot);
      for (const r of keyBareMarkers(unglueComments(s.runs), env.unresolved)) map.push(r.text, r.origin);
      // The template's own branches and those of the helpers it includes (a pod written by a `define`).
      const skips = env.skips?.slice(skipped) ?? [];
      // Kept per template: the bound on recorded branches is each template's.
      if (env.skips) env.skips.length = skipped;
      out.push({ path: t.path, chart: chart.dir, output: map.output, map, ...(skips.length > 0 ? { skips } : {}) });
    } catch (e) {
      const origin = e instanceof RenderError ? e.origin : { path: t.path, offset: 0 };
      out.push({ path: t.path, chart: chart.dir, output: "", map: new SourceMap(), error: { message: (e as Error).message, origin } });
    }
  }
  for (const { sub, key } of installs) renderAll(sub, (asMap(merged[key]) ?? {}) as Record<string, unknown>, g, env, out, absent, release, topTags, `${helmPath}/charts/${key}`);
  // One the default values leave off is not installed (`condition: redis.enabled` with false): no problem.
  for (const m of chart.missing) {
    if (!dependencyEnabled(m.dep.entry, view, topTags)) continue;
    const name = asString(m.dep.entry?.["name"]) ?? "";
    const key = asString(m.dep.entry?.["alias"]) ?? name;
    absent.push({ ...m, name, configured: asMap(merged[key]) !== undefined });
  }
}

/** Entries of one dependency's `import-values` read at most, and segments of a path in one. */
const MAX_IMPORTS = 64;
const MAX_IMPORT_PATH = 32;

const imported = new WeakMap<LoadedChart, Record<string, unknown>>();

/**
 * A chart's default values with what its dependencies' `import-values` bring, as Helm's
 * processImportValues computes them before rendering (bottom up, so a subchart's own imports are
 * part of what its parent imports): `import-values: [data]` copies the child's `exports.data`
 * into the parent's values, `{child: default.data, parent: myimports}` copies the child's
 * `default.data` to the parent's `myimports`. The child's values are read as the parent's
 * defaults see them (its own, under the parent's `<name>:` section); only maps are imported, an
 * earlier entry wins over a later one, and the parent's own values win over all of them. A
 * dependency the checkout lacks brings nothing: what a template reads of it stays unknown.
 */
function withImports(chart: LoadedChart): Record<string, unknown> {
  const done = imported.get(chart);
  if (done) return done;
  let table: Record<string, unknown> | undefined;
  const tags = asMap(chart.values["tags"]) ?? {};
  let view: Record<string, unknown> | undefined;
  for (const d of chart.deps) {
    const entries = asList(d.entry?.["import-values"]).slice(0, MAX_IMPORTS);
    const name = asString(d.entry?.["name"]);
    const sub = chart.subcharts.find((c) => asString(c.meta["name"]) === name);
    if (entries.length === 0 || !name || !sub || !dependencyEnabled(d.entry, (view ??= withSubchartDefaults(chart, chart.values)), tags)) continue;
    const key = asString(d.entry?.["alias"]) ?? name;
    const child = coalesce(withImports(sub), asMap(chart.values[key]) ?? {});
    for (const e of entries) {
      const m = asMap(e);
      const from = m ? asString(m["child"]) : asString(e);
      const to = m ? asString(m["parent"]) : ".";
      if (from === undefined || to === undefined) continue;
      const got = tableAt(child, m ? from : `exports.${from}`);
      if (!got) continue;
      const part = to === "." || to === "" ? got : nest(to.split(".").slice(0, MAX_IMPORT_PATH), got);
      table = table ? (coalesce(part, table) as Record<string, unknown>) : part;
    }
  }
  const out = table ? (coalesce(table, chart.values) as Record<string, unknown>) : chart.values;
  imported.set(chart, out);
  return out;
}

/**
 * Values with each declared subchart's defaults under its key (its alias, else its name), the
 * given values winning: what Helm reads a dependency's `condition` from. The values themselves
 * when no dependency has a condition.
 */
function withSubchartDefaults(chart: LoadedChart, values: Record<string, unknown>): Record<string, unknown> {
  if (!chart.deps.some((d) => asString(d.entry?.["condition"]))) return values;
  const defaults: Record<string, unknown> = {};
  for (const d of chart.deps.slice(0, MAX_IMPORTS)) {
    const name = asString(d.entry?.["name"]);
    const sub = name ? chart.subcharts.find((c) => asString(c.meta["name"]) === name) : undefined;
    if (!sub || !name) continue;
    const key = asString(d.entry?.["alias"]) ?? name;
    // An alias `__proto__` would set the map's prototype, and conditions read through it.
    if (key === "__proto__") continue;
    defaults[key] = coalesce(defaults[key], withImports(sub));
  }
  return coalesce(defaults, values) as Record<string, unknown>;
}

/** The map at a dotted path of values, if it is one (Helm imports tables only). */
function tableAt(values: unknown, path: string): Record<string, unknown> | undefined {
  let cur: unknown = values;
  // Own keys only: `__proto__` or `constructor` in a hostile chart's path must not reach Object's.
  for (const k of path.split(".").slice(0, MAX_IMPORT_PATH)) {
    const m = asMap(cur);
    cur = m && Object.hasOwn(m, k) ? m[k] : undefined;
  }
  return asMap(cur);
}

/** `{a: {b: table}}` for the path `a.b`. */
function nest(path: readonly string[], table: Record<string, unknown>): Record<string, unknown> {
  let out = table;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i] as string]: out };
  return out;
}

/**
 * Whether Helm renders a dependency: its `condition` decides when one of its comma-separated
 * paths is a boolean (the first that is); else its `tags` do, when the top chart's `tags:` set
 * any of them: enabled if one is true, disabled if all that are set are false.
 */
function dependencyEnabled(dep: Record<string, unknown> | undefined, values: Record<string, unknown>, tags: Record<string, unknown>): boolean {
  const condition = asString(dep?.["condition"]);
  for (const path of condition ? condition.split(",") : []) {
    let cur: unknown = values;
    for (const k of path.trim().split(".")) cur = asMap(cur)?.[k];
    if (typeof cur === "boolean") return cur;
  }
  let anyTrue = false;
  let anyFalse = false;
  for (const t of asList(dep?.["tags"])) {
    const v = tags[asString(t) ?? ""];
    if (v === true) anyTrue = true;
    else if (v === false) anyFalse = true;
  }
  return anyTrue || !anyFalse;
}

/** `.Chart`: Chart.yaml's fields with Go's capitalised names. */
function chartObject(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) out[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  return out;
}

/**
 * `.Files`: Get, Glob, AsConfig and Lines over the chart's small files. Like Helm's, it is also a
 * map of path to content, so `range $path, $_ := .Files.Glob "dashboards/*"` and `len` see the
 * files; the methods are not enumerable, so they are no entries of it.
 */
function filesObject(files: ReadonlyMap<string, string>, dir: string): Record<string, unknown> {
  const get = (name: unknown): string => files.get(String(name ?? "")) ?? "";
  // Helm writes AsConfig and AsSecrets through toYaml: keyed by base name, sorted, a file of many lines as a block.
  const byBaseName = (encode: (text: string) => string): LStr | string =>
    files.size === 0 ? "" : toYaml(Object.fromEntries([...files.entries()].map(([k, v]) => [k.split("/").pop() ?? k, encode(v)])));
  const out: Record<string, unknown> = Object.fromEntries([...files.keys()].sort().map((k) => [k, files.get(k) ?? ""]));
  const methods: Record<string, (args: Val[]) => Val> = {
    // The text keeps its place in the file, so an object a chart renders from its files is placed there.
    Get: (args) => {
      const name = String(args[0]?.v ?? "");
      const text = files.get(name);
      if (text === undefined) return { v: "", o: undefined };
      const origin = { path: join(dir, name), offset: 0 };
      return { v: new LStr([{ text, origin: { ...origin, linear: true } }]), o: origin };
    },
    GetBytes: (args) => ({ v: get(args[0]?.v), o: undefined }),
    Lines: (args) => ({ v: get(args[0]?.v).split("\n"), o: undefined }),
    Glob: (args) => {
      const pattern = String(args[0]?.v ?? "");
      // A regular expression with many wildcards backtracks polynomially on a long name: the files
      // here have paths of at most MAX_FILE_PATH characters, and a pattern with more than three
      // runs of `*` (no chart writes one), or longer than any path, matches nothing rather than stall the scan.
      if ((pattern.match(/\*+/g)?.length ?? 0) > 3 || pattern.length > MAX_FILE_PATH) return { v: filesObject(new Map(), dir), o: undefined };
      const re = new RegExp(`^${globSource(pattern, true)}$`);
      const matched = [...files.keys()].filter((k) => re.test(k));
      return { v: filesObject(new Map(matched.map((k) => [k, files.get(k) ?? ""])), dir), o: undefined };
    },
    AsConfig: () => ({ v: byBaseName((text) => text), o: undefined }),
    AsSecrets: () => ({ v: byBaseName((text) => Buffer.from(text).toString("base64")), o: undefined }),
  };
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(out, name, { value: fn, enumerable: false });
  return out;
}

/**
 * A `.Files.Glob` pattern as a regular expression, read as Helm's glob library reads it with `/`
 * as the separator: `*` and `?` within one folder, `**` across folders, `[abc]`, `[!abc]` and
 * `[a-z]` classes, `{json,yaml}` alternatives (`braces`: not nested), `\\` escaping a character.
 */
function globSource(pattern: string, braces: boolean): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        out += ".*";
        i++;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "\\" && i + 1 < pattern.length) out += escapeRegex(pattern[++i] as string);
    else if (c === "[" && pattern.indexOf("]", i + 2) > 0) {
      const end = pattern.indexOf("]", i + 2);
      const body = pattern.slice(i + 1, end);
      const negated = body.startsWith("!");
      out += `[${negated ? "^" : ""}${(negated ? body.slice(1) : body).replace(/[\\^\]]/g, "\\$&")}]`;
      i = end;
    } else if (c === "{" && braces && pattern.indexOf("}", i) > 0) {
      const end = pattern.indexOf("}", i);
      out += `(?:${pattern.slice(i + 1, end).split(",").map((alt) => globSource(alt, false)).join("|")})`;
      i = end;
    } else out += escapeRegex(c);
  }
  return out;
}

const escapeRegex = (c: string): string => c.replace(/[.+^${}()|[\]\\*?\/]/g, "\\$&");

/** The unresolved value a scalar of the output stands for, if it is a marker. */
export function unresolvedIn(chart: Pick<RenderedChart, "unresolved">, v: unknown): Unresolved | undefined {
  return typeof v === "string" ? markerAt(chart, v, v.indexOf(UNRESOLVED_PREFIX)) : undefined;
}

/**
 * Text of the output as a person reads it: each value not known statically (a `randAlphaNum`
 * suffix of a test pod's name, say) shown as "…" rather than as its internal marker.
 */
export function readable(v: string): string {
  return v.includes(UNRESOLVED_PREFIX) ? v.replace(MARKER, "…") : v;
}

/** A marker the renderer writes for a value not known statically (`UNRESOLVED_PREFIX` and its number). */
const MARKER = new RegExp(`${UNRESOLVED_PREFIX}\\d{1,9}`, "g");

/** The first opaque unresolved value (a template the chart lacks) a string of the output holds. */
export function opaqueIn(chart: Pick<RenderedChart, "unresolved">, v: string): Unresolved | undefined {
  for (let at = v.indexOf(UNRESOLVED_PREFIX); at >= 0; at = v.indexOf(UNRESOLVED_PREFIX, at + 1)) {
    const u = markerAt(chart, v, at);
    if (u?.opaque) return u;
  }
  return undefined;
}

/** The unresolved value of the marker starting at `at` of `v` (-1: none). */
function markerAt(chart: Pick<RenderedChart, "unresolved">, v: string, at: number): Unresolved | undefined {
  if (at < 0) return undefined;
  const start = at + UNRESOLVED_PREFIX.length;
  const n = /^\d{1,9}/.exec(v.slice(start, start + 9));
  return n ? chart.unresolved[Number(n[0])] : undefined;
}

export { isTruthy };
