import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// deno.lock (https://docs.deno.com/runtime/fundamentals/modules/#integrity-checking-and-lock-files):
// the npm packages a Deno project resolved, keyed `name@version` (a peer resolution appended as
// `_peer@1.0.0`), under `npm` (lockfile versions 4 and 5), `packages.npm` (version 3) or
// `npm.packages` (version 2). JSR packages and remote URL modules have no OSV ecosystem and are
// not listed. The workspace's own `dependencies` (and its package.json's), resolved through
// `specifiers`, are the direct ones.

/** `name@version` of an npm key, the peer suffix dropped (`@scope/a@1.0.0_b@2.0.0` → [`@scope/a`, `1.0.0`]). */
function npmKey(key: string): [string, string] | undefined {
  const at = key.indexOf("@", 1);
  if (at <= 0) return undefined;
  const version = key.slice(at + 1).split("_")[0] ?? "";
  return version === "" ? undefined : [key.slice(0, at), version];
}

/** The specifiers the workspace declares (`npm:chalk@5`), its members' and package.json's included. */
function declared(workspace: Record<string, unknown> | undefined): string[] {
  if (!workspace) return [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const lists = (o: Record<string, unknown> | undefined): unknown[] => [...list(o?.dependencies), ...list(asObject(o?.packageJson)?.dependencies)];
  const out = lists(workspace);
  for (const member of Object.values(asObject(workspace.members) ?? {})) out.push(...lists(asObject(member)));
  return out.filter((s): s is string => typeof s === "string");
}

/** Where each lockfile version keeps its npm packages and its specifiers (versions 4 and 5 at the top). */
const LAYOUTS: Readonly<Record<string, { npm: readonly string[]; specifiers: readonly string[] }>> = {
  "2": { npm: ["npm", "packages"], specifiers: ["npm", "specifiers"] },
  "3": { npm: ["packages", "npm"], specifiers: ["packages", "specifiers"] },
};
const TOP_LEVEL = { npm: ["npm"], specifiers: ["specifiers"] } as const;

/** The object at a path of keys, if every step is one. */
function objectAt(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let o: Record<string, unknown> | undefined = root;
  for (const k of path) o = asObject(o?.[k]);
  return o;
}

/** Builds the lockfile from a parsed deno.lock. */
export function readDenoLock(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  const version = asString(root?.version);
  if (!root || version === undefined) throw new ParseFailure('not a deno.lock: no "version"', 1, 1);
  const layout = LAYOUTS[version] ?? TOP_LEVEL;
  const npm = objectAt(root, layout.npm) ?? {};
  const specifiers = objectAt(root, layout.specifiers) ?? {};
  // The resolved `name@version` of each declared npm specifier: v2 writes `chalk@5.3.0`, v3 `npm:chalk@5.3.0`, v4 and v5 `5.3.0`.
  const direct = new Set<string>();
  for (const spec of declared(asObject(root.workspace))) {
    if (!spec.startsWith("npm:")) continue;
    const resolved = asString(specifiers[spec]);
    if (resolved === undefined) continue;
    const name = npmKey(spec.slice(4))?.[0] ?? spec.slice(4);
    const key = resolved.startsWith("npm:") ? resolved.slice(4) : resolved.startsWith(`${name}@`) ? resolved : `${name}@${resolved}`;
    const parsed = npmKey(key);
    if (parsed) direct.add(`${parsed[0]}@${parsed[1]}`);
  }
  const hasRoots = asObject(root.workspace) !== undefined;
  const lines = jsonLines(json.text, (p) => p.length === layout.npm.length + 1 && layout.npm.every((step, i) => p[i] === step));
  const set = new PackageSet("npm", path);
  for (const [key, raw] of Object.entries(npm)) {
    const parsed = npmKey(key);
    if (!parsed) continue;
    const [name, v] = parsed;
    const integrity = asString(asObject(raw)?.integrity);
    set.add({
      name,
      version: v,
      line: lines.get(pathKey([...layout.npm, key])),
      source: "registry",
      ...(hasRoots ? { direct: direct.has(`${name}@${v}`) } : {}),
      ...(integrity ? { hashes: [integrity] } : {}),
    });
  }
  return set.lockfileOf(`deno.lock@${version}`);
}

/** The parser for deno.lock. */
export const denoLockParser: Parser<Lockfile> = lockfileParser("deno.lock", jsonParser, "resolve the conflict and run `deno install`", (json, file) => readDenoLock(json, file.path));
