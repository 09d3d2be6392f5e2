import { asObject } from "../formats/json.js";

/** The licence a package.json declares (`license`, the old `{ type }` object, or a `licenses` list), as written. */
export function packageJsonLicense(json: unknown): string | undefined {
  const o = asObject(json);
  if (!o) return undefined;
  const type = (l: unknown): string | undefined => {
    const t = asObject(l)?.type;
    return typeof t === "string" ? t : undefined;
  };
  if (typeof o.license === "string") return o.license;
  if (type(o.license)) return type(o.license);
  if (Array.isArray(o.licenses)) {
    const ids = o.licenses.map(type).filter((t): t is string => t !== undefined);
    if (ids.length > 0) return ids.length === 1 ? ids[0] : `(${ids.join(" OR ")})`;
  }
  return undefined;
}

/** True when a package.json declares dependencies of any kind. */
export function packageJsonHasDependencies(json: unknown): boolean {
  const o = asObject(json);
  if (!o) return false;
  return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].some((k) => Object.keys(asObject(o[k]) ?? {}).length > 0);
}

/** True when a package.json declares npm/yarn workspaces. */
export function packageJsonHasWorkspaces(json: unknown): boolean {
  return asObject(json)?.workspaces !== undefined;
}
