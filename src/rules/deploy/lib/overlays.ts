// Kustomize overlays applied statically: each kustomization no other one uses (an entry point,
// what `kustomize build DIR` is run on) is rendered from its resources and bases, and its
// strategic-merge patches and JSON 6902 operations are applied, so a base's Deployment is judged
// as the overlays that use it deploy it. A patch assay cannot apply (a JSON 6902 operation that
// moves list items, a selector it cannot match, an unknown directive) makes what it touches
// unknown, never passed; one whose targets cannot be
// known (a missing or unparsable patch file with no target, a remote patch) leaves the overlay
// unrendered, said as a problem, and its bases judged as written. A chart a kustomization
// inflates (`helmCharts:`) from the checkout is rendered with the values it gives, and its objects
// are patched like the overlay's other resources.
import { joinRelative } from "../../../core/checkout-path.js";
import { ParseFailure, type TextFile } from "../../../core/files.js";
import { renderChart, type RenderedChart, type RenderedTemplate } from "../../../ecosystems/helm/chart.js";
import { coalesce, readValues } from "../../../ecosystems/helm/values.js";
import { asList, asMap, asString, isKubeObject, kubernetesParser, type KubeObject } from "../../../ecosystems/kubernetes/manifest.js";
import type { HelmChartEntry, ImageOverride, KustomizePatch, PatchTarget } from "../../../ecosystems/kubernetes/kustomization.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { strategicMerge, type MergeBudget, type PatchDeletion, type PatchIndexes } from "../../../ecosystems/kubernetes/strategic-merge.js";
import { parseStream, type StreamDocument } from "../../../ecosystems/kubernetes/yaml-stream.js";
import type { RuleContext } from "../../types.js";
import { chartObjects, type ChartObjects } from "./chart-objects.js";
import type { OpaqueValue, Problem } from "./inputs.js";
import { applyJson6902, type AppliedOp } from "./json6902.js";
import { fieldPathOf, getField, parseReplacement, setField, sourcePart, targetPart, type FieldSeg, type Replacement } from "./replacements.js";
import { kustomizations, localChart, renderHint, unreadValuesFile, type KustomizationFile } from "./kustomize.js";

/** A patch as applied to one object: where it is written, and how the merged lists map to it. */
export interface AppliedPatch {
  /** The text the patch is in (the patch file, or the kustomization for an inline patch). */
  file: TextFile;
  /** The patch document's offsets in `text`. */
  doc: Pick<StreamDocument, "start" | "end" | "uniqueKeys" | "lines">;
  /** The patch as parsed. */
  value: Record<string, unknown>;
  /** The text `doc` indexes: the file's, or the inline patch's own. */
  text: string;
  /** Maps an offset of `text` to one of `file` (identity for a patch file). */
  toFile(offset: number): number;
  indexes: PatchIndexes;
  /** For a strategic-merge patch: the keys it removed (`null`, `$patch: delete`). */
  deleted?: readonly PatchDeletion[];
  /** For a JSON 6902 patch: the operations applied, each deciding everything under its path. */
  ops?: AppliedOp[];
}

/** One object of a manifest file as one overlay renders it. */
export interface OverlayVariant {
  /** The folder of the kustomization rendered (the overlay). */
  overlay: string;
  value: Record<string, unknown>;
  patches: AppliedPatch[];
  opaque: OpaqueValue[];
  /** The `images:` entries of each kustomization on the way, innermost first, as kustomize applies them. */
  images: (readonly ImageOverride[])[];
  /** Set when a kustomization's `replacements:` wrote a field of it. */
  replaced?: true;
  /**
   * Image fields a replacement wrote, each with how many of `images` (innermost first) had
   * already been applied: kustomize runs `images:` before `replacements:`, so those do not rewrite it.
   */
  imagesReplaced?: ReadonlyMap<string, number>;
}

/** A chart a kustomization's `helmCharts:` entry inflates, rendered with the values the entry gives. */
export interface InflatedChart {
  /** The kustomization file that names it. */
  kustomization: string;
  entry: HelmChartEntry;
  chart: RenderedChart;
  /** The files its output came from (templates, values files, the kustomization), for placing findings. */
  files: ReadonlyMap<string, TextFile>;
  /** Whether any template the chart lacks was written. */
  marked: boolean;
}

/** An object of an inflated chart as one overlay renders it. */
export interface ChartVariant extends OverlayVariant {
  inflated: InflatedChart;
  template: RenderedTemplate;
  /** The object as the chart renders it, before the overlay's patches. */
  object: KubeObject;
  /** Its rank among its template's objects of its kind. */
  rank: number;
}

/** Overlay renders of the manifest objects some overlay changes, by `objectKey`; of every object of inflated charts; and what could not be read. */
export interface OverlayRenders {
  variants: Map<string, OverlayVariant[]>;
  /**
   * Objects the overlays change only by a kustomization's `namespace:` (its metadata.namespace,
   * and the namespace of binding subjects that follows it), all alike: the value they deploy, by
   * `objectKey`. Judged as written otherwise, so findings stay where and as they were.
   */
  renamespaced: Map<string, Record<string, unknown>>;
  charts: ChartVariant[];
  problems: Problem[];
}

/** Identifies an object of a manifest file across parses. */
export function objectKey(path: string, o: Pick<KubeObject, "doc" | "base">): string {
  return `${path}\u0000${o.doc.start}\u0000${o.base.join("\u0000")}`;
}

interface Rendered {
  key: string;
  object: KubeObject;
  value: Record<string, unknown>;
  patches: AppliedPatch[];
  opaque: OpaqueValue[];
  images: (readonly ImageOverride[])[];
  /** The folder of the kustomization that lists the object's file: its own `images:` are applied to the file as written too. */
  listedBy: string;
  /** True once a kustomization other than `listedBy` rewrites images. */
  reimaged: boolean;
  /** True once a replacement wrote a field of it. */
  replaced?: boolean;
  /** Image fields replacements wrote, by path, with the number of `images` lists applied before. */
  imagesReplaced?: Map<string, number>;
  /** True once a kustomization's `namespace:` changed its value. */
  namespaced?: boolean;
  /** For an object of an inflated chart: the chart, its template and its rank there. */
  from?: { inflated: InflatedChart; template: RenderedTemplate; rank: number };
  /**
   * Names and namespaces the object took from the `namePrefix`/`nameSuffix`/`namespace` of the
   * kustomizations below the one patching it: kustomize matches a patch by the current name or
   * any earlier one, so an overlay's patch may name `app-web` for a base's `web`.
   */
  names?: string[];
  namespaces?: string[];
}

const MAX_DEPTH = 16;
const MAX_OBJECTS = 20_000;
/** Map entries and list items all merges of one scan may visit. */
const MAX_MERGE_NODES = 2_000_000;

const cache = new WeakMap<object, Promise<OverlayRenders>>();

/** The overlay renders of the checkout, built once per scan. */
export function overlayRenders(ctx: RuleContext): Promise<OverlayRenders> {
  let p = cache.get(ctx.files);
  if (!p) {
    p = render(ctx);
    cache.set(ctx.files, p);
  }
  return p;
}

async function render(ctx: RuleContext): Promise<OverlayRenders> {
  const all = await kustomizations(ctx);
  const problems: Problem[] = [];
  const variants = new Map<string, OverlayVariant[]>();
  const charts: ChartVariant[] = [];
  const renamespaced = new Map<string, Record<string, unknown>>();
  if (!all.some((k) => changesFields(k) || k.k.namespace !== undefined)) return { variants, charts, renamespaced, problems };
  const byDir = new Map(all.map((k) => [k.dir, k]));
  const used = new Set<string>();
  for (const { dir, k } of all) {
    for (const r of [...k.resources, ...k.components]) {
      const p = joinRelative(dir, r);
      if (p !== undefined && byDir.has(p)) used.add(p);
    }
  }
  let budget = MAX_OBJECTS;
  const merges: MergeBudget = { nodes: MAX_MERGE_NODES };
  const reported = new Set<string>();
  const problem = (p: Problem): void => {
    const id = `${p.path}\u0000${p.message}`;
    if (reported.has(id)) return;
    reported.add(id);
    problems.push(p);
  };
  // Each entry is rendered once, however many overlays use its kustomization.
  const inflations = new Map<string, Promise<Inflation | undefined>>();

  const build = async (kf: KustomizationFile, overlay: string, stack: readonly string[], broken: Broken): Promise<Rendered[]> => {
    if (stack.length > MAX_DEPTH || stack.includes(kf.dir)) {
      problem({ path: kf.path, message: `kustomization resources form a cycle or nest deeper than ${MAX_DEPTH}, so ${overlay || "."} is not rendered` });
      return [];
    }
    const out: Rendered[] = [];
    const collect = async (from: KustomizationFile, entries: readonly string[]): Promise<void> => {
      for (const r of entries) {
        const p = joinRelative(from.dir, r);
        if (p === undefined) continue;
        const sub = byDir.get(p);
        if (sub) out.push(...(await build(sub, overlay, [...stack, from.dir], broken)));
        else if (ctx.has(p) && /\.(ya?ml|json)$/i.test(p)) {
          const m = await ctx.parse(p, kubernetesParser, { optional: true });
          for (const o of m?.objects ?? []) {
            if (--budget < 0) return;
            out.push({ key: objectKey(p, o), object: o, value: o.value, patches: [], opaque: [], images: [], listedBy: from.dir, reimaged: false });
          }
        }
      }
    };
    // Kustomize inflates charts among the resources, before any patch applies.
    const inflate = async (from: KustomizationFile): Promise<void> => {
      for (const h of from.k.helmCharts) {
        const id = `${from.path}\u0000${h.index}`;
        let p = inflations.get(id);
        if (!p) inflations.set(id, (p = inflateChart(ctx, from, h, problem)));
        const inflated = await p;
        if (!inflated) continue;
        for (const { template, object, rank } of inflated.objects) {
          if (--budget < 0) return;
          // No manifest lists a chart's objects, so every `images:` entry on the way rewrites them.
          out.push({ key: objectKey(template.path, object), object, value: object.value, patches: [], opaque: [], images: [], listedBy: from.dir, reimaged: true, from: { inflated: inflated.chart, template, rank } });
        }
      }
    };
    // Kustomize's order of built-in transformers (configureBuiltinTransformers in its api):
    // patchesStrategicMerge and patches, namespace, namePrefix/nameSuffix, (labels, annotations),
    // patchesJson6902, (replicas), images, replacements.
    const transform = async (k: KustomizationFile): Promise<void> => {
      await applyPatches(ctx, k, out, overlay, broken, merges, "merge");
      rename(out, k);
      await applyPatches(ctx, k, out, overlay, broken, merges, "json6902");
      reimage(out, k);
      await applyReplacements(ctx, k, out, overlay, broken);
    };
    await collect(kf, kf.k.resources);
    await inflate(kf);
    // A component adds its resources and patches whatever the kustomization that uses it holds.
    for (const c of kf.k.components) {
      const comp = byDir.get(joinRelative(kf.dir, c) ?? "");
      if (!comp || stack.includes(comp.dir)) continue;
      await collect(comp, comp.k.resources);
      await inflate(comp);
      await transform(comp);
    }
    await transform(kf);
    return out;
  };

  for (const kf of all) {
    if (used.has(kf.dir)) continue;
    const broken: Broken = {};
    const rendered = await build(kf, kf.dir, [], broken);
    // Once the whole overlay is built, kustomize points references at the objects' new names and namespaces.
    followServiceAccounts(rendered);
    if (broken.why) {
      problem({ path: broken.why.path, message: `${broken.why.message}, so kustomize overlay ${kf.dir || "."} cannot be rendered and its bases are judged as written ${renderHint(kf.dir)}` });
      // A chart's objects exist nowhere else: judged as its values render them, unpatched.
      for (const r of rendered) if (r.from) charts.push({ overlay: kf.dir, value: r.object.value, patches: [], opaque: [], images: [], ...r.from, object: r.object });
      continue;
    }
    for (const r of rendered) {
      const replaced = r.replaced ? { replaced: true as const } : {};
      const imagesReplaced = r.imagesReplaced ? { imagesReplaced: r.imagesReplaced } : {};
      if (r.from) {
        charts.push({ overlay: kf.dir, value: r.value, patches: r.patches, opaque: r.opaque, images: r.images, ...replaced, ...imagesReplaced, ...r.from, object: r.object });
        continue;
      }
      // Untouched renders are kept too: an object another overlay changes is judged as this one leaves it as well.
      const list = variants.get(r.key) ?? [];
      // Where a replacement wrote an image, the images: lists applied before it are known to be skipped, the listing kustomization's too.
      list.push({ overlay: kf.dir, value: r.value, patches: r.patches, opaque: r.opaque, images: r.reimaged || r.imagesReplaced ? r.images : [], ...replaced, ...imagesReplaced, ...(r.namespaced ? { namespaced: true } : {}) });
      variants.set(r.key, list);
    }
  }
  if (budget < 0) {
    // Overlays that only move objects to namespaces change no field a rule judges: past the bound,
    // everything is judged as written, as before namespaces were applied, and nothing is unknown.
    if (!all.some(changesFields)) return { variants: new Map(), charts: [], renamespaced: new Map(), problems };
    problems.push({ path: all[0]?.path ?? "", message: `kustomizations render more than ${MAX_OBJECTS} objects; past that, bases are judged as written, not as overlays patch them` });
  }
  // Objects no overlay changes are judged as written, as before; those only moved to a namespace
  // keep it when every overlay moves them alike (else the namespace is not known, as written).
  for (const [key, list] of variants) {
    if (!list.every((v) => v.patches.length === 0 && v.opaque.length === 0 && v.images.length === 0 && !v.replaced)) continue;
    variants.delete(key);
    const first = list[0];
    if (!first || !list.every((v) => (v as Namespaced).namespaced)) continue;
    const written = JSON.stringify(first.value);
    if (list.every((v) => v === first || JSON.stringify(v.value) === written)) renamespaced.set(key, first.value);
  }
  for (const list of variants.values()) for (const v of list) delete (v as Namespaced).namespaced;
  return { variants, charts, renamespaced, problems };
}

/** A variant while the renders are sorted: whether a `namespace:` changed it. */
type Namespaced = OverlayVariant & { namespaced?: true };

/** Whether a kustomization changes more of its objects than their names and namespaces. */
function changesFields(k: KustomizationFile): boolean {
  return k.k.patches.length > 0 || k.k.remotePatches > 0 || k.k.images.length > 0 || k.k.helmCharts.length > 0 || k.k.replacements.length > 0;
}

/** An inflated chart and its objects. */
interface Inflation {
  chart: InflatedChart;
  objects: ChartObjects["objects"];
}

/**
 * Renders the chart of a `helmCharts:` entry as kustomize inflates it: the chart's defaults, then
 * its values file (kustomize's stands in for the chart's own) with the inline values combined per
 * `valuesMerge`, then each additional values file; the release named as the entry names it. A
 * chart or values file the checkout lacks is said by `unreadResources`: nothing is rendered.
 */
async function inflateChart(ctx: RuleContext, kf: KustomizationFile, h: HelmChartEntry, problem: (p: Problem) => void): Promise<Inflation | undefined> {
  const dir = localChart(ctx, kf, h);
  const named = [...(h.valuesFile !== undefined ? [h.valuesFile] : []), ...h.additionalValuesFiles];
  if (dir === undefined || named.some((f) => unreadValuesFile(ctx, kf, h, f) !== undefined)) return undefined;
  const cannot = `so the Helm chart "${h.name.slice(0, 100)}" kustomization ${kf.path} inflates cannot be judged ${renderHint(kf.dir)}`;
  const read = async (rel: string): Promise<Record<string, unknown> | undefined> => {
    const path = joinRelative(kf.dir, rel) as string;
    const text = await ctx.readText(path, { optional: true });
    if (!text) {
      problem({ path, message: `${ctx.unread(path)?.message ?? "could not be read"}, ${cannot}` });
      return undefined;
    }
    try {
      return readValues(text.text, path);
    } catch (e) {
      const at = e instanceof ParseFailure ? { ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) } : {};
      problem({ path, message: `does not parse as YAML (${(e as Error).message}), ${cannot}`, ...at });
      return undefined;
    }
  };
  const file = h.valuesFile !== undefined ? await read(h.valuesFile) : undefined;
  const additional: Record<string, unknown>[] = [];
  for (const f of h.additionalValuesFiles) {
    const v = await read(f);
    if (v) additional.push(v);
  }
  if ((h.valuesFile !== undefined && !file) || additional.length < h.additionalValuesFiles.length) return undefined;
  let inline: Record<string, unknown> | undefined;
  if (h.valuesInline) {
    // Read from the kustomization's text again, so each value knows its line there.
    const text = await ctx.readText(kf.path, { optional: true });
    try {
      inline = asMap(asMap(asList(asMap(text ? readValues(text.text, kf.path) : undefined)?.["helmCharts"])[h.index])?.["valuesInline"]);
    } catch {
      inline = undefined;
    }
    if (!inline) {
      problem({ path: kf.path, message: `the valuesInline of helmCharts entry "${h.name.slice(0, 100)}" cannot be read, ${cannot}` });
      return undefined;
    }
  }
  const values = (defaults: Record<string, unknown>): Record<string, unknown> => {
    const base = file ?? defaults;
    const main = inline === undefined ? base : h.valuesMerge === "replace" ? inline : h.valuesMerge === "merge" ? coalesce(inline, base) : coalesce(base, inline);
    return additional.reduce<Record<string, unknown>>((acc, v) => coalesce(acc, v) as Record<string, unknown>, main as Record<string, unknown>);
  };
  const release = { ...(h.releaseName !== undefined ? { name: h.releaseName } : {}), ...(h.namespace !== undefined ? { namespace: h.namespace } : {}) };
  const chart = await renderChart(ctx, dir, { values, release });
  const rendered = await chartObjects(ctx, chart);
  for (const p of rendered.problems) problem(p);
  return { chart: { kustomization: kf.path, entry: h, chart, files: rendered.files, marked: rendered.marked }, objects: rendered.objects };
}

/** Records a kustomization's `images:` entries on the objects it holds. */
function reimage(objects: readonly Rendered[], kf: KustomizationFile): void {
  if (kf.k.images.length === 0) return;
  for (const o of objects) {
    o.images.push(kf.k.images);
    if (kf.dir !== o.listedBy) o.reimaged = true;
  }
}

/**
 * Applies a kustomization's `namePrefix`, `nameSuffix` and `namespace` after its patches, as
 * kustomize orders its transformers. Names are kept aside to match later patches by; the namespace
 * is written into each namespaced object, and (kustomize's default `defaultOnly` mode) into the
 * binding subjects named `default`.
 */
function rename(objects: readonly Rendered[], kf: KustomizationFile): void {
  const { namePrefix, nameSuffix, namespace } = kf.k;
  if (!namePrefix && !nameSuffix && namespace === undefined) return;
  for (const o of objects) {
    if (namePrefix || nameSuffix) {
      const names = (o.names ??= []);
      names.push(`${namePrefix}${names[names.length - 1] ?? o.object.name}${nameSuffix}`);
    }
    if (namespace === undefined) continue;
    (o.namespaces ??= []).push(namespace);
    const moved = setNamespace(o.value, namespace, (subject) => asString(subject["name"]) === "default");
    if (moved !== o.value) {
      o.value = moved;
      o.namespaced = true;
    }
  }
}

/** Kinds kustomize's namespace transformer leaves alone: cluster-scoped ones of the Kubernetes API. */
const CLUSTER_SCOPED = new Set(["Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass", "RuntimeClass", "IngressClass", "CSIDriver", "CSINode", "VolumeAttachment", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "PodSecurityPolicy", "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "ComponentStatus"]);

/**
 * The object in `namespace` (a copy: the parsed manifest is shared by every render), with the
 * subjects `moveSubject` picks of a binding moved there too; the object itself when nothing changes.
 */
function setNamespace(value: Record<string, unknown>, namespace: string, moveSubject: (subject: Record<string, unknown>) => boolean, moveObject = true): Record<string, unknown> {
  const kind = asString(value["kind"]) ?? "";
  let out = value;
  const meta = asMap(value["metadata"]) ?? {};
  if (moveObject && !CLUSTER_SCOPED.has(kind) && meta["namespace"] !== namespace) out = { ...value, metadata: { ...meta, namespace } };
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
    const subjects = asList(value["subjects"]);
    let changed = false;
    const moved = subjects.map((x) => {
      const m = asMap(x);
      if (!m || !moveSubject(m) || m["namespace"] === namespace) return x;
      changed = true;
      return { ...m, namespace };
    });
    if (changed) out = { ...out, subjects: moved };
  }
  return out;
}

/** Subjects of bindings one overlay's references are followed for at most: a hostile checkout may list millions. */
const MAX_SUBJECTS = 100_000;

/**
 * Points the ServiceAccount subjects of bindings at the account they name as the overlay moved
 * it, as kustomize's name-reference fix does once an overlay is built: a subject whose name (as
 * written or as renamed) and namespace are those of one account of the overlay as it was written,
 * else as it is now, takes the account's namespace. Kustomize reads an empty namespace as
 * `default` when it groups accounts by namespace.
 */
function followServiceAccounts(objects: readonly Rendered[]): void {
  const byName = new Map<string, Rendered[]>();
  for (const o of objects) {
    if (o.object.kind !== "ServiceAccount") continue;
    for (const n of new Set([o.object.name, ...(o.names ?? [])])) {
      const list = byName.get(n) ?? [];
      list.push(o);
      byName.set(n, list);
    }
  }
  if (byName.size === 0) return;
  const effective = (ns: string | undefined): string => (ns === undefined || ns === "" ? "default" : ns);
  const nsOf = (v: Record<string, unknown>): string | undefined => asString(asMap(v["metadata"])?.["namespace"]);
  let budget = MAX_SUBJECTS;
  for (const o of objects) {
    if (o.object.kind !== "RoleBinding" && o.object.kind !== "ClusterRoleBinding") continue;
    for (const x of asList(o.value["subjects"])) {
      if (--budget < 0) return;
      const m = asMap(x);
      if (!m || asString(m["kind"]) !== "ServiceAccount") continue;
      const named = byName.get(asString(m["name"]) ?? "") ?? [];
      const ns = asString(m["namespace"]);
      const written = ns === undefined ? named : named.filter((a) => effective(a.object.namespace) === ns);
      const candidates = ns === undefined || written.length > 0 ? written : named.filter((a) => effective(nsOf(a.value)) === ns);
      const target = candidates[0] ? nsOf(candidates[0].value) : undefined;
      if (target === undefined || target === ns || candidates.some((c) => nsOf(c.value) !== target)) continue;
      o.value = setNamespace(o.value, target, (subject) => subject === m, false);
      o.namespaced = true;
    }
  }
}

/** Why an overlay cannot be rendered at all: a patch whose targets cannot be known. */
interface Broken {
  why?: Problem;
}

/** Replacements read from one kustomization at most (files hold lists). */
const MAX_REPLACEMENTS = 200;
/** Objects selected and fields written by one kustomization's replacements at most. */
const MAX_REPLACEMENT_WORK = 500_000;

/** As much of a field path as names a place of the object (a `[name=app]` item by its index there): what is surely written under. */
function knownPrefix(value: unknown, path: readonly FieldSeg[] | undefined): YamlPath {
  const out: (string | number)[] = [];
  let cur = value;
  for (const seg of path ?? []) {
    if ("key" in seg) out.push(seg.key);
    else if ("index" in seg) out.push(seg.index);
    else {
      const i = Array.isArray(cur) ? cur.findIndex((x) => asString(asMap(x)?.[seg.match]) === seg.value) : -1;
      if (i < 0) break;
      out.push(i);
    }
    const at = out[out.length - 1] as string | number;
    cur = typeof at === "number" ? (Array.isArray(cur) ? cur[at] : undefined) : asMap(cur)?.[at];
  }
  return out;
}

/**
 * Applies a kustomization's `replacements:` to the objects it holds. A value that cannot be read
 * (a source kustomize's generators make, which are not applied here, or one no object or several
 * match), a target chosen by a selector assay does not match, or a field path it does not read
 * leaves each field written unknown; a replacements file that cannot be read leaves the overlay
 * unrendered.
 */
async function applyReplacements(ctx: RuleContext, kf: KustomizationFile, objects: Rendered[], overlay: string, broken: Broken): Promise<void> {
  if (kf.k.replacements.length === 0) return;
  const hint = renderHint(overlay);
  const specs: Replacement[] = [];
  for (const r of kf.k.replacements) {
    if ("inline" in r) {
      const p = parseReplacement(r.inline);
      if (p && specs.length < MAX_REPLACEMENTS) specs.push(p);
      continue;
    }
    const path = joinRelative(kf.dir, r.path);
    const text = path === undefined ? undefined : await ctx.readText(path, { optional: true });
    if (!text || path === undefined) {
      broken.why ??= { path: kf.path, message: `replacements file ${r.path.slice(0, 200)} cannot be read` };
      continue;
    }
    for (const d of parseStream(text.text)) {
      if (d.error) {
        broken.why ??= { path, message: `a replacements document does not parse as YAML (${d.error.message})`, line: d.error.line, column: d.error.column };
        continue;
      }
      for (const v of Array.isArray(d.value) ? d.value : [d.value]) {
        const p = parseReplacement(v);
        if (p && specs.length < MAX_REPLACEMENTS) specs.push(p);
      }
    }
  }
  // Selections and writes all replacements of one kustomization may make: a hostile one lists
  // thousands of targets and field paths over thousands of objects.
  let work = MAX_REPLACEMENT_WORK;
  for (const spec of specs) {
    work -= objects.length * (1 + spec.targets.length);
    if (work < 0) {
      broken.why ??= { path: kf.path, message: "its replacements select and write more than assay applies" };
      return;
    }
    const sources = objects.filter((o) => matches(o, spec.source) === true);
    const from = fieldPathOf(spec.source.fieldPath);
    const got = sources.length === 1 && from ? getField((sources[0] as Rendered).value, from) : undefined;
    const value = got ? sourcePart(got.value, spec.source.options) : undefined;
    const what = `${spec.source.kind ?? "?"}/${spec.source.name ?? "?"} ${spec.source.fieldPath}`.slice(0, 200);
    for (const t of spec.targets) {
      for (const o of objects) {
        const m = matches(o, t.select);
        if (m === false || t.reject.some((r) => matches(o, r) === true)) continue;
        work -= t.fieldPaths.length;
        if (work < 0) {
          broken.why ??= { path: kf.path, message: "its replacements select and write more than assay applies" };
          return;
        }
        for (const f of t.fieldPaths) {
          const to = fieldPathOf(f);
          const written = m === true && value !== undefined && to ? setField(o.value, to, targetPart(getField(o.value, to)?.value, value, t.options), t.options.create) : undefined;
          if (!written) {
            o.opaque.push({ path: knownPrefix(o.value, to), reason: `written by a replacement of ${kf.path} (from ${what}) that assay cannot apply`, hint });
            continue;
          }
          o.value = written.value;
          o.replaced = true;
          const at = knownPrefix(o.value, to);
          if (at[at.length - 1] === "image") (o.imagesReplaced ??= new Map()).set(at.join("\u0000"), o.images.length);
        }
      }
    }
  }
}

/** The object a strategic-merge patch names, or its kustomize target. */
function matches(o: Rendered, t: PatchTarget): boolean | "unknown" {
  const obj = o.object;
  if (t.kind !== undefined && t.kind !== obj.kind) return false;
  if (t.group !== undefined || t.version !== undefined) {
    const [group, version] = obj.apiVersion.includes("/") ? (obj.apiVersion.split("/", 2) as [string, string]) : ["", obj.apiVersion];
    if ((t.group !== undefined && t.group !== group) || (t.version !== undefined && t.version !== version)) return false;
  }
  if (t.namespace !== undefined && obj.namespace !== undefined && t.namespace !== obj.namespace && !o.namespaces?.includes(t.namespace)) return false;
  if (t.labelSelector !== undefined || t.annotationSelector !== undefined) return "unknown";
  if (t.name !== undefined) {
    // kustomize reads a target's name as a regular expression: only plain names are compared.
    if (!/^[\w.-]{1,253}$/.test(t.name)) return "unknown";
    if (t.name !== obj.name && !o.names?.includes(t.name)) return false;
  }
  return true;
}

/** A JSON 6902 patch maps no list items to its own (it writes whole values). */
const NO_INDEXES: PatchIndexes = new Map();

/** A JSON pointer (`/spec/template/spec/containers/0`) as a path; `-` (append) stops at the list. */
function pointerPath(pointer: string): YamlPath {
  const out: (string | number)[] = [];
  for (const raw of pointer.split("/").slice(1, 65)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (seg === "-") break;
    out.push(/^\d{1,6}$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}

/**
 * Applies a kustomization's patches of one phase: `merge` is patchesStrategicMerge then `patches`
 * (either form), before the namespace and names change; `json6902` is patchesJson6902, after.
 */
async function applyPatches(ctx: RuleContext, kf: KustomizationFile, objects: Rendered[], overlay: string, broken: Broken, merges: MergeBudget, phase: "merge" | "json6902"): Promise<void> {
  const hint = renderHint(overlay);
  const hide = (targets: Iterable<Rendered>, path: YamlPath, reason: string): void => {
    for (const o of targets) o.opaque.push({ path, reason, hint });
  };
  if (kf.k.remotePatches > 0 && phase === "merge") broken.why ??= { path: kf.path, message: "a remote patch cannot be read offline" };
  for (const p of kf.k.patches) {
    if (p.json6902 !== (phase === "json6902")) continue;
    const where = p.path !== undefined ? joinRelative(kf.dir, p.path) : kf.path;
    const loaded = where === undefined ? undefined : await loadPatch(ctx, kf, p, where);
    const candidates = (t: PatchTarget | undefined): Rendered[] => objects.filter((o) => !t || matches(o, t) !== false);
    if (!loaded || where === undefined) {
      if (p.target) hide(candidates(p.target), [], `changed by patch ${p.path ?? "(inline)"} of ${kf.path}, which cannot be read`);
      else broken.why ??= { path: kf.path, message: `patch ${p.path ?? "(inline)"} cannot be read` };
      continue;
    }
    for (const d of loaded.docs) {
      if (d.error) {
        if (p.target) hide(candidates(p.target), [], `changed by a patch in ${where} that does not parse`);
        else broken.why ??= { path: where, message: `a patch document does not parse as YAML (${d.error.message})`, line: d.error.line, column: d.error.column };
        continue;
      }
      const v = d.value;
      if (p.json6902 || Array.isArray(v)) {
        const target = p.target;
        if (!target) {
          // Kustomize refuses a list of operations with no target to apply it to: the overlay does not build.
          broken.why ??= { path: where, message: "a JSON 6902 patch names no target" };
          continue;
        }
        const notApplied = `changed by a JSON 6902 patch in ${where} that assay does not apply`;
        for (const o of candidates(target)) {
          // An object a selector may or may not pick: each path the operations write is unknown.
          if (!Array.isArray(v) || matches(o, target) === "unknown") {
            for (const op of asList(v).slice(0, 200)) {
              const ptr = asString(asMap(op)?.["path"]);
              hide([o], ptr === undefined ? [] : pointerPath(ptr), notApplied);
            }
            continue;
          }
          const r = applyJson6902(o.value, v);
          for (const sk of r.skipped) hide([o], sk.path, `changed by a JSON 6902 patch in ${where} that assay does not apply (${sk.reason})`);
          if (r.applied.length === 0) continue;
          o.value = r.value;
          o.patches.push({ file: loaded.file, doc: d, value: {}, text: loaded.text, toFile: loaded.toFile, indexes: NO_INDEXES, ops: r.applied });
        }
        continue;
      }
      const patch = asMap(v);
      if (!patch) continue;
      const meta = asMap(patch["metadata"]);
      const target: PatchTarget | undefined = p.target ?? (isKubeObject(patch) ? { kind: patch["kind"] as string, ...(asString(meta?.["name"]) ? { name: asString(meta?.["name"]) as string } : {}), ...(asString(meta?.["namespace"]) ? { namespace: asString(meta?.["namespace"]) as string } : {}) } : undefined);
      if (!target) {
        broken.why ??= { path: where, message: "a patch names no kind" };
        continue;
      }
      for (const o of objects) {
        const m = matches(o, target);
        if (m === false) continue;
        if (m === "unknown") {
          hide([o], [], `possibly changed by a patch in ${where} whose target selector assay does not match`);
          continue;
        }
        const r = strategicMerge(o.value, patch, merges);
        if (r.unsupported) {
          const cut = r.unsupported.path.findIndex((s) => typeof s === "number");
          hide([o], cut < 0 ? r.unsupported.path : r.unsupported.path.slice(0, cut), `changed by a patch in ${where} that assay cannot apply (${r.unsupported.reason})`);
          continue;
        }
        o.value = r.value;
        o.patches.push({ file: loaded.file, doc: d, value: patch, text: loaded.text, toFile: loaded.toFile, indexes: r.indexes, ...(r.deleted.length > 0 ? { deleted: r.deleted } : {}) });
      }
    }
  }
}

interface LoadedPatch {
  file: TextFile;
  text: string;
  docs: StreamDocument[];
  toFile(offset: number): number;
}

async function loadPatch(ctx: RuleContext, kf: KustomizationFile, p: KustomizePatch, where: string): Promise<LoadedPatch | undefined> {
  if (p.inline === undefined) {
    const file = await ctx.readText(where, { optional: true });
    const m = file ? await ctx.parse(where, kubernetesParser, { optional: true }) : undefined;
    return file && m ? { file, text: m.text, docs: m.docs, toFile: (i) => i } : undefined;
  }
  const file = await ctx.readText(kf.path, { optional: true });
  if (!file) return undefined;
  const text = p.inline;
  return { file, text, docs: parseStream(text), toFile: inlineOffsets(file.text, text) };
}

/**
 * Maps offsets of an inline patch (a block scalar in the kustomization) to offsets of the file:
 * its lines are the file's lines from where its first line is found, shifted by the indentation.
 * Where it cannot be found, everything maps to that first line or the file's start.
 */
function inlineOffsets(fileText: string, inline: string): (offset: number) => number {
  const lines = inline.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  const firstLine = lines[first]?.trim() ?? "";
  const at = firstLine === "" ? -1 : fileText.indexOf(firstLine);
  if (at < 0) return () => 0;
  const lineStart = fileText.lastIndexOf("\n", at - 1) + 1;
  const indent = at - lineStart - ((lines[first] ?? "").length - (lines[first] ?? "").trimStart().length);
  const fileLines: number[] = [];
  for (let i = lineStart, n = 0; n < lines.length - first && i <= fileText.length; n++) {
    fileLines.push(i);
    const nl = fileText.indexOf("\n", i);
    if (nl < 0) break;
    i = nl + 1;
  }
  const inlineStarts: number[] = [];
  for (let i = 0, n = 0; n < lines.length; n++) {
    inlineStarts.push(i);
    i += (lines[n] ?? "").length + 1;
  }
  return (offset) => {
    let n = 0;
    while (n + 1 < inlineStarts.length && (inlineStarts[n + 1] as number) <= offset) n++;
    const fileLine = fileLines[n - first];
    return fileLine === undefined ? at : fileLine + Math.max(0, indent) + (offset - (inlineStarts[n] as number));
  };
}
