import { dirOf, joinRelative } from "../../../core/checkout-path.js";
import { yamlParser } from "../../../ecosystems/formats/yaml.js";
import { chartMetaPath } from "../../../ecosystems/helm/chart.js";
import { isRemote, KUSTOMIZATION_NAMES, readKustomization, type HelmChartEntry, type ImageOverride, type Kustomization } from "../../../ecosystems/kubernetes/kustomization.js";
import type { RuleContext } from "../../types.js";
import type { Problem } from "./inputs.js";

/** A kustomization file of the checkout, read. */
export interface KustomizationFile {
  /** Its folder: what other kustomizations name in their resources. */
  dir: string;
  /** The file itself. */
  path: string;
  k: Kustomization;
}

/** Every kustomization of the checkout, read once per scan, with its folder. */
export async function kustomizations(ctx: RuleContext): Promise<KustomizationFile[]> {
  let p = cache.get(ctx.files);
  if (!p) {
    p = (async () => {
      const out: KustomizationFile[] = [];
      for (const name of KUSTOMIZATION_NAMES) {
        for (const f of ctx.index.named(name)) {
          const y = await ctx.parse(f.path, yamlParser, { optional: true });
          if (!y) continue;
          out.push({ dir: dirOf(f.path), path: f.path, k: readKustomization(y.doc.toJS()) });
        }
      }
      return out;
    })();
    cache.set(ctx.files, p);
  }
  return p;
}
const cache = new WeakMap<object, Promise<KustomizationFile[]>>();

/**
 * Files that kustomizations use as patches. A patch is a partial object (a Deployment with only
 * the fields it changes), so judging it as a manifest would report every field it leaves out.
 */
export async function kustomizePatchFiles(ctx: RuleContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const { dir, k } of await kustomizations(ctx)) {
    for (const p of k.patchFiles) {
      const path = joinRelative(dir, p);
      if (path) out.add(path);
    }
  }
  return out;
}

/**
 * The `images:` entries that rewrite the images of a manifest file: those of the kustomization
 * that lists the file among its resources (kubebuilder's `controller:latest`, given its release
 * tag by config/manager/kustomization.yaml). Overlays further up are not applied, as for any
 * other field; a file listed by several kustomizations that set different images keeps its own.
 */
export async function kustomizeImages(ctx: RuleContext): Promise<Map<string, readonly ImageOverride[]>> {
  const out = new Map<string, readonly ImageOverride[]>();
  const conflicting = new Set<string>();
  for (const { dir, k } of await kustomizations(ctx)) {
    if (k.images.length === 0) continue;
    for (const r of k.resources) {
      const path = joinRelative(dir, r);
      if (!path || !ctx.has(path)) continue;
      const seen = out.get(path);
      if (seen && JSON.stringify(seen) !== JSON.stringify(k.images)) conflicting.add(path);
      else out.set(path, k.images);
    }
  }
  for (const p of conflicting) out.delete(p);
  return out;
}

/**
 * The folders of the kustomize Components that some kustomization of the checkout uses. A
 * Component nothing uses changes no object (it cannot be built on its own), so a template of one
 * that does not parse (microservices-demo's `newTag: @(CONTAINER_IMAGES_TAG)`, filled in by sed)
 * leaves no rule unable to judge.
 */
export async function usedComponents(ctx: RuleContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const { dir, k } of await kustomizations(ctx)) {
    for (const c of k.components) {
      const path = joinRelative(dir, c);
      if (path !== undefined) out.add(path.replace(/\/+$/, ""));
    }
  }
  return out;
}

/**
 * The folder of the checkout holding a `helmCharts:` entry's chart, where kustomize looks before
 * pulling it: the chart home's `NAME/`, or `NAME-VERSION/NAME/` (and `NAME-VERSION/`) as
 * kustomize lays out the charts it pulls. Undefined when none holds it.
 */
export function localChart(ctx: RuleContext, kf: KustomizationFile, h: HelmChartEntry): string | undefined {
  const home = joinRelative(kf.dir, kf.k.chartHome);
  if (home === undefined || h.name.includes("/") || h.name.startsWith(".")) return undefined;
  const at = (rel: string): string => (home === "" ? rel : `${home.replace(/\/+$/, "")}/${rel}`);
  const candidates = [at(h.name), ...(h.version !== undefined ? [at(`${h.name}-${h.version}/${h.name}`), at(`${h.name}-${h.version}`)] : [])];
  return candidates.find((d) => ctx.has(chartMetaPath(ctx, d)));
}

/** Why the chart of a `helmCharts:` entry the checkout lacks cannot be read, said like a remote resource. */
function missingChart(kf: KustomizationFile, h: HelmChartEntry): string {
  const version = h.version !== undefined ? ` ${h.version.slice(0, 100)}` : "";
  const home = joinRelative(kf.dir, kf.k.chartHome);
  const where =
    h.repo !== undefined
      ? `from ${h.repo.slice(0, 200)}, which kustomize pulls and a scan never does`
      : home === undefined
        ? `from ${kf.k.chartHome.slice(0, 200)}, outside the checkout`
        : `from ${kf.k.chartHome.slice(0, 200)}/${h.name.slice(0, 100)}, which is not in the checkout`;
  return `inflates the Helm chart "${h.name.slice(0, 100)}"${version} ${where}, so the objects it renders cannot be judged ${renderHint(kf.dir)}`;
}

/** A values file of a `helmCharts:` entry that cannot be read, or undefined when it can. */
export function unreadValuesFile(ctx: RuleContext, kf: KustomizationFile, h: HelmChartEntry, file: string): string | undefined {
  const what = `takes values for the Helm chart "${h.name.slice(0, 100)}" from ${file.slice(0, 200)}`;
  if (isRemote(file)) return `${what}, which kustomize fetches and a scan never does, so the objects it renders cannot be judged ${renderHint(kf.dir)}`;
  const path = joinRelative(kf.dir, file);
  if (path === undefined) return `${what}, outside the checkout, so the objects it renders cannot be judged ${renderHint(kf.dir)}`;
  if (!ctx.has(path)) return `${what}, which is not in the checkout, so the objects it renders cannot be judged ${renderHint(kf.dir)}`;
  return undefined;
}

/** What to say where an overlay could not be applied. */
export function renderHint(overlay: string): string {
  return `(render it with \`kustomize build ${overlay || "."} | assay manifests -\`)`;
}

/** Resources named as problems at most, per scan: a hostile checkout may list thousands. */
const MAX_UNREAD = 20;

/**
 * What kustomizations deploy that the scan cannot read: remote resources, bases and components
 * (kustomize fetches them; a scan never does), Helm charts it pulls and values files it fetches,
 * paths above the checkout, and paths the checkout lacks. Each is a problem: the objects it adds are not judged, so the rules are incomplete rather
 * than passed.
 */
export async function unreadResources(ctx: RuleContext): Promise<Problem[]> {
  const all = await kustomizations(ctx);
  const dirs = new Set(all.map((k) => k.dir));
  const out: Problem[] = [];
  let more = 0;
  const say = (kf: KustomizationFile, message: string): void => {
    if (out.length < MAX_UNREAD) out.push({ path: kf.path, message });
    else more++;
  };
  const add = (kf: KustomizationFile, what: string): void => say(kf, `takes resources from ${what}, so the objects they add cannot be judged ${renderHint(kf.dir)}`);
  for (const kf of all) {
    for (const r of kf.k.remote) add(kf, `${r}, which kustomize fetches and a scan never does`);
    for (const r of [...kf.k.resources, ...kf.k.components]) {
      const path = joinRelative(kf.dir, r);
      if (path === undefined) add(kf, `${r}, outside the checkout`);
      else if (!ctx.has(path) && !dirs.has(path.replace(/\/+$/, "")) && ctx.index.inFolder(path).length === 0) add(kf, `${r}, which is not in the checkout`);
    }
    for (const h of kf.k.helmCharts) {
      if (localChart(ctx, kf, h) === undefined) say(kf, missingChart(kf, h));
      else for (const f of [...(h.valuesFile !== undefined ? [h.valuesFile] : []), ...h.additionalValuesFiles]) {
        const why = unreadValuesFile(ctx, kf, h, f);
        if (why) say(kf, why);
      }
    }
  }
  const last = out[out.length - 1];
  if (more > 0 && last) out.push({ path: last.path, message: `and ${more} more resources that cannot be read` });
  return out;
}
