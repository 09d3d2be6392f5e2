import { asList, asMap, asString } from "./manifest.js";

/** The file names kustomize reads in a folder. */
export const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** An `images:` entry: kustomize rewrites every container image named `name` with what it sets. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Which objects a patch applies to (kustomize's `target:` selector). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One patch of a kustomization: a file or inline text, with its target when it names one. */
export interface KustomizePatch {
  /** The patch file, relative to the kustomization's folder. */
  path?: string;
  /** A patch written in the kustomization itself. */
  inline?: string;
  /** Declared as a JSON 6902 patch (`patchesJson6902`); a `patches` entry may be either form. */
  json6902: boolean;
  target?: PatchTarget;
}

/**
 * A `helmCharts:` entry: a chart kustomize inflates with `helm template` (its
 * HelmChartInflationGenerator), pulled from `repo` into the chart home unless already there.
 */
export interface HelmChartEntry {
  /** Its position in the list, to find its `valuesInline` in the file. */
  index: number;
  name: string;
  repo?: string;
  version?: string;
  releaseName?: string;
  namespace?: string;
  /** Paths relative to the kustomization's folder, or URLs (kustomize fetches those). */
  valuesFile?: string;
  additionalValuesFiles: string[];
  /** Whether it writes values inline (read with their places by the renderer). */
  valuesInline: boolean;
  /** How the inline values combine with the values file: kustomize's default is `override`. */
  valuesMerge: "override" | "merge" | "replace";
}

/** What a kustomization refers to, as paths relative to its folder (remote URLs left out). */
export interface Kustomization {
  /** Resources and the older `bases`: manifest files and folders of other kustomizations. */
  resources: string[];
  /** Folders of `kind: Component` kustomizations, whose patches apply to this one's resources. */
  components: string[];
  /** Strategic-merge and JSON 6902 patch files: partial objects, never applied on their own. */
  patchFiles: string[];
  /**
   * Every patch, as written: patchesStrategicMerge, patchesJson6902, patches. Kustomize applies
   * patchesStrategicMerge and `patches` first, and patchesJson6902 (`json6902`) after the
   * namespace and name changes.
   */
  patches: KustomizePatch[];
  /** Remote patches, which cannot be read offline. */
  remotePatches: number;
  /** Remote resources, bases and components (`https://…`, `github.com/o/r//path?ref=…`), as written: never read offline. */
  remote: string[];
  images: ImageOverride[];
  /** `replacements:` entries, in order: written in the kustomization, or a file of them (`path:`). */
  replacements: ({ inline: Record<string, unknown> } | { path: string })[];
  helmCharts: HelmChartEntry[];
  /** `helmGlobals.chartHome`: the folder, relative to the kustomization's, holding a folder per chart. */
  chartHome: string;
  /** `namePrefix`, `nameSuffix` and `namespace`: what a kustomization above this one names the objects by. */
  namePrefix: string;
  nameSuffix: string;
  namespace?: string;
}

const TARGET_FIELDS = ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"] as const;

/** A selector of objects as kustomize writes one (a patch's `target`, a replacement's `select`); undefined for what is no map. */
export function targetOf(v: unknown): PatchTarget | undefined {
  const m = asMap(v);
  if (!m) return undefined;
  const t: PatchTarget = {};
  for (const f of TARGET_FIELDS) {
    const s = asString(m[f]);
    if (s !== undefined) t[f] = s;
  }
  return t;
}

/** True for a reference kustomize fetches over the network (a URL, a git or OCI address). */
export const isRemote = (s: string): boolean => /^(?:https?:|git@|ssh:|github\.com\/|oci:)/.test(s) || s.includes("?ref=");

/** Reads a parsed kustomization.yaml: resources (and the older bases), patches of every form. */
export function readKustomization(v: unknown): Kustomization {
  const k = asMap(v) ?? {};
  const strings = (key: string, remote = false): string[] => asList(k[key]).flatMap((x) => (typeof x === "string" && isRemote(x) === remote ? [x] : []));
  const patchFiles: string[] = [];
  const patches: KustomizePatch[] = [];
  let remotePatches = 0;
  for (const key of ["patchesStrategicMerge", "patchesJson6902", "patches"]) {
    for (const p of asList(k[key]).slice(0, 500)) {
      const m = asMap(p);
      const written = typeof p === "string" ? p : asString(m?.["path"]);
      const json6902 = key === "patchesJson6902";
      const target = targetOf(m?.["target"]);
      // patchesStrategicMerge takes a file name or the patch itself; `patches` has `patch:` for inline text.
      const inline = typeof p === "string" ? (p.includes("\n") ? p : undefined) : asString(m?.["patch"]);
      if (inline !== undefined) patches.push({ inline, json6902, ...(target ? { target } : {}) });
      else if (written && isRemote(written)) remotePatches++;
      else if (written) {
        patchFiles.push(written);
        patches.push({ path: written, json6902, ...(target ? { target } : {}) });
      }
    }
  }
  const images: ImageOverride[] = [];
  for (const i of asList(k["images"]).slice(0, 500)) {
    const m = asMap(i);
    const name = asString(m?.["name"]);
    if (!m || !name) continue;
    const o: ImageOverride = { name };
    for (const f of ["newName", "newTag", "digest"] as const) {
      const v = m[f];
      // A number (newTag: 1.2) is a tag as written.
      if (typeof v === "string" || typeof v === "number") o[f] = String(v);
    }
    images.push(o);
  }
  const replacements: Kustomization["replacements"] = [];
  for (const r of asList(k["replacements"]).slice(0, 200)) {
    const m = asMap(r);
    const path = asString(m?.["path"]);
    if (path !== undefined) replacements.push({ path });
    else if (m) replacements.push({ inline: m });
  }
  const remote = ["resources", "bases", "components"].flatMap((key) => strings(key, true));
  const chartHome = asString(asMap(k["helmGlobals"])?.["chartHome"]) ?? "charts";
  const namespace = asString(k["namespace"]);
  return {
    resources: [...strings("resources"), ...strings("bases")],
    components: strings("components"),
    patchFiles,
    patches,
    remotePatches,
    remote,
    images,
    replacements,
    helmCharts: helmCharts(k["helmCharts"]),
    chartHome,
    namePrefix: asString(k["namePrefix"]) ?? "",
    nameSuffix: asString(k["nameSuffix"]) ?? "",
    ...(namespace ? { namespace } : {}),
  };
}

/** Reads `helmCharts:` entries; one with no name is no chart kustomize can inflate. */
function helmCharts(v: unknown): HelmChartEntry[] {
  const out: HelmChartEntry[] = [];
  asList(v)
    .slice(0, 100)
    .forEach((e, index) => {
      const m = asMap(e);
      const name = scalar(m?.["name"]);
      if (!m || !name) return;
      const merge = asString(m["valuesMerge"]);
      const h: HelmChartEntry = {
        index,
        name,
        additionalValuesFiles: asList(m["additionalValuesFiles"]).flatMap((x) => (typeof x === "string" ? [x] : [])).slice(0, 50),
        valuesInline: asMap(m["valuesInline"]) !== undefined,
        valuesMerge: merge === "merge" || merge === "replace" ? merge : "override",
      };
      for (const f of ["repo", "version", "releaseName", "namespace", "valuesFile"] as const) {
        const s = scalar(m[f]);
        if (s !== undefined && s !== "") h[f] = s;
      }
      out.push(h);
    });
  return out;
}

/** A string, or a number as written (`version: 1.2`). */
const scalar = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** An image reference as kustomize's `images:` entries leave it (the first entry naming it wins, as in kustomize). */
export function overrideImage(ref: string, overrides: readonly ImageOverride[]): string {
  const at = ref.indexOf("@");
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(":");
  const hasTag = colon > noDigest.lastIndexOf("/");
  const name = hasTag ? noDigest.slice(0, colon) : noDigest;
  const o = overrides.find((x) => x.name === name);
  if (!o) return ref;
  const tag = hasTag ? noDigest.slice(colon + 1) : undefined;
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const newName = o.newName ?? name;
  if (o.digest !== undefined) return `${newName}@${o.digest}`;
  if (o.newTag !== undefined) return `${newName}:${o.newTag}`;
  return `${newName}${tag !== undefined ? `:${tag}` : ""}${digest !== undefined ? `@${digest}` : ""}`;
}

