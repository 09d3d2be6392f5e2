// Kubernetes strategic-merge patches (what `kubectl patch` and kustomize's `patchesStrategicMerge`
// apply), for the fields of the built-in kinds that decide security: maps are merged key by key,
// `null` deletes a key, lists with a merge key (containers by name, volumeMounts by mountPath…)
// are merged item by item, and every other list is replaced. Directives it does not know make
// the result unknown rather than guessed.
import type { YamlPath } from "./locate.js";
import { asMap } from "./manifest.js";

/**
 * The merge key of each list field, as the Kubernetes API types declare it
 * (`patchMergeKey`); a list not named here is replaced whole, as for CRDs.
 */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};

/** The merge key of a list: a container's `ports` by containerPort, a Service's by port. */
function mergeKeyOf(field: string | number | undefined, items: readonly unknown[]): string | undefined {
  if (typeof field !== "string") return undefined;
  if (field === "ports") return items.some((i) => asMap(i)?.["containerPort"] !== undefined) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

/** Where each item of a merged list came from in the patch: merged index → patch index, by the merged list's path. */
export type PatchIndexes = Map<string, Map<number, number>>;

/** The merged object, how its lists map to the patch's, or why it cannot be known. */
export interface MergeResult {
  value: Record<string, unknown>;
  indexes: PatchIndexes;
  /** A directive or shape this reader does not apply, with the path where it stands. */
  unsupported?: { path: YamlPath; reason: string };
  /**
   * Keys of maps the patch removed (`key: null`, or a map holding `$patch: delete`): `path` in the
   * merged object, `patch` where the patch says it. A finding about what is missing there is the
   * patch's doing.
   */
  deleted: PatchDeletion[];
}

/** A key a patch removed: its path in the merged object and in the patch. */
export interface PatchDeletion {
  path: YamlPath;
  patch: YamlPath;
}

const MAX_NODES = 100_000;
const MAX_DEPTH = 64;
const DELETE = Symbol("delete");
const pathKey = (p: YamlPath): string => p.join("\u0000");

/** Work left for merging, shared by the merges of one scan so that many patches stay bounded too. */
export interface MergeBudget {
  nodes: number;
}

/** Applies a strategic-merge patch to an object; neither input is changed. */
export function strategicMerge(base: Record<string, unknown>, patch: Record<string, unknown>, shared: MergeBudget = { nodes: MAX_NODES }): MergeResult {
  const indexes: PatchIndexes = new Map();
  const deleted: PatchDeletion[] = [];
  let budget = Math.min(MAX_NODES, shared.nodes);
  const start = budget;
  let unsupported: MergeResult["unsupported"];
  const fail = (path: YamlPath, reason: string): undefined => {
    unsupported ??= { path, reason };
    return undefined;
  };

  // `path` is in the merged object, `pp` the same place in the patch (list indexes differ).
  const mergeMap = (b: Record<string, unknown> | undefined, p: Record<string, unknown>, path: YamlPath, pp: YamlPath): Record<string, unknown> | typeof DELETE | undefined => {
    if (--budget < 0 || path.length > MAX_DEPTH) return fail(path, "the patch is too large or too deep to apply");
    const directive = p["$patch"];
    if (directive === "delete") return DELETE;
    if (directive === "replace") return stripDirectives(p);
    if (directive !== undefined) return fail(path, `the patch directive $patch: ${String(directive)} is not one kustomize applies`);
    const out: Record<string, unknown> = { ...(b ?? {}) };
    for (const [k, v] of Object.entries(p)) {
      if (k.startsWith("$setElementOrder/")) continue; // ordering only: no field changes
      if (k.startsWith("$")) return fail([...path, k], `the patch directive ${k} is not applied by assay`);
      const next = [...path, k];
      if (v === null) {
        if (k in out) deleted.push({ path: next, patch: [...pp, k] });
        delete out[k];
        continue;
      }
      const pm = asMap(v);
      const bm = asMap(out[k]);
      if (pm) {
        const merged = mergeMap(bm, pm, next, [...pp, k]);
        if (merged === undefined) return undefined;
        if (merged === DELETE) {
          if (k in out) deleted.push({ path: next, patch: [...pp, k] });
          delete out[k];
        } else out[k] = merged;
      } else if (Array.isArray(v)) {
        const merged = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : undefined, v, next, [...pp, k]);
        if (merged === undefined) return undefined;
        out[k] = merged;
      } else {
        out[k] = v;
      }
    }
    return out;
  };

  const mergeList = (b: unknown[] | undefined, p: readonly unknown[], path: YamlPath, pp: YamlPath): unknown[] | undefined => {
    const key = mergeKeyOf(path[path.length - 1], [...(b ?? []), ...p]);
    const map = new Map<number, number>();
    indexes.set(pathKey(path), map);
    if (!key || !b) {
      // Replaced whole: item i of the result is item i of the patch.
      const out: unknown[] = [];
      p.forEach((item, i) => {
        if (asMap(item)?.["$patch"] !== undefined) {
          fail([...path, i], "a $patch directive in a list without a merge key is not applied by assay");
          return;
        }
        map.set(out.length, i);
        out.push(item);
      });
      return unsupported ? undefined : out;
    }
    const out: unknown[] = [...b];
    for (let i = 0; i < p.length; i++) {
      // Finding the item walks the list: that walk is paid for too.
      budget -= 1 + out.length;
      if (budget < 0) return fail(path, "the patch is too large to apply");
      const item = asMap(p[i]);
      const id = item?.[key];
      if (!item || id === undefined) return fail([...path, i], `a list item without its merge key ${key}`);
      const at = out.findIndex((x) => asMap(x)?.[key] === id);
      const merged = mergeMap(at >= 0 ? asMap(out[at]) : undefined, item, [...path, at >= 0 ? at : out.length], [...pp, i]);
      if (merged === undefined) return undefined;
      if (merged === DELETE) {
        if (at >= 0) out.splice(at, 1);
        continue;
      }
      if (at >= 0) out[at] = merged;
      else out.push(merged);
      map.set(at >= 0 ? at : out.length - 1, i);
    }
    return out;
  };

  const merged = mergeMap(base, patch, [], []);
  shared.nodes -= start - Math.max(budget, 0);
  if (merged === undefined || merged === DELETE) return { value: base, indexes, deleted: [], unsupported: unsupported ?? { path: [], reason: "the patch deletes the whole object" } };
  return { value: merged, indexes, deleted };
}

function stripDirectives(m: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (!k.startsWith("$")) out[k] = v;
  return out;
}

/**
 * True when the patch's value at a path is merged into the base's rather than written over it:
 * a map, or a list with a merge key. Where it is, the base still says what it holds.
 */
export function mergesAt(patch: unknown, path: YamlPath): boolean {
  // A list item's merge key (a container's name) only says which item the patch merges into.
  const [list, index, field] = path.slice(-3);
  if (typeof index === "number" && typeof list === "string" && field !== undefined && field === mergeKeyOf(list, [])) return true;
  let v: unknown = patch;
  for (const seg of path) {
    v = typeof seg === "number" ? (Array.isArray(v) ? v[seg] : undefined) : asMap(v)?.[seg];
    if (v === undefined) return false;
  }
  if (Array.isArray(v)) return mergeKeyOf(path[path.length - 1], v) !== undefined;
  const m = asMap(v);
  return m !== undefined && m["$patch"] === undefined;
}

/**
 * The path in the patch of a path of the merged object, as far as the patch wrote it: list
 * indexes translated, cut where the patch has no such item.
 */
export function patchPathOf(path: YamlPath, indexes: PatchIndexes): YamlPath {
  const out: (string | number)[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string | number;
    if (typeof seg === "number") {
      const at = indexes.get(pathKey(path.slice(0, i)))?.get(seg);
      if (at === undefined) return out;
      out.push(at);
    } else {
      out.push(seg);
    }
  }
  return out;
}
