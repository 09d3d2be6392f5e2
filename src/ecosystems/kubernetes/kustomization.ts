import { asList, asMap, asString } from "./manifest.js";

/** The file names kustomize reads in a folder. */
export const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** What a kustomization refers to, as paths relative to its folder (remote URLs left out). */
export interface Kustomization {
  resources: string[];
  /** Strategic-merge and JSON 6902 patch files: partial objects, never applied on their own. */
  patchFiles: string[];
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
  return { resources: [...strings("resources"), ...strings("bases"), ...strings("components")], patchFiles };
}

/** Joins a path relative to a folder, resolving `.` and `..` (never above the checkout root). */
export function joinRelative(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split("/") : [];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}
