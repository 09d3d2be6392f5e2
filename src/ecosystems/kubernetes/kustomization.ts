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

/** What a kustomization refers to, as paths relative to its folder (remote URLs left out). */
export interface Kustomization {
  resources: string[];
  /** Strategic-merge and JSON 6902 patch files: partial objects, never applied on their own. */
  patchFiles: string[];
  images: ImageOverride[];
}

const isRemote = (s: string): boolean => /^(?:https?:|git@|ssh:|github\.com\/|oci:)/.test(s) || s.includes("?ref=");

/** Reads a parsed kustomization.yaml: resources (and the older bases), patches of every form. */
export function readKustomization(v: unknown): Kustomization {
  const k = asMap(v) ?? {};
  const strings = (key: string): string[] => asList(k[key]).flatMap((x) => (typeof x === "string" && !isRemote(x) ? [x] : []));
  const patchFiles = [...strings("patchesStrategicMerge")];
  for (const key of ["patches", "patchesJson6902"]) {
    for (const p of asList(k[key])) {
      const path = typeof p === "string" ? p : asString(asMap(p)?.["path"]);
      if (path && !isRemote(path) && !path.includes("\n")) patchFiles.push(path);
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
  return { resources: [...strings("resources"), ...strings("bases"), ...strings("components")], patchFiles, images };
}

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

