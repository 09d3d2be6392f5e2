import { dirOf, joinRelative } from "../../../core/checkout-path.js";
import { yamlParser } from "../../../ecosystems/formats/yaml.js";
import { KUSTOMIZATION_NAMES, readKustomization, type ImageOverride, type Kustomization } from "../../../ecosystems/kubernetes/kustomization.js";
import type { RuleContext } from "../../types.js";

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
