// JSON 6902 patches as kustomize applies them (`patchesJson6902`, or a `patches` entry whose file
// is a list of operations), for the operations that leave every other item of a list where it
// was: `add` of a map key or at a list's end (`-`), `replace`, `remove` of a map key, and `test`.
// Findings then point at the operation that wrote a value, and at the base for the rest, whose
// lines still hold. An operation that moves items (an insert or removal inside a list, `move`,
// `copy`), or one whose path does not resolve, is not applied: the paths it writes are unknown,
// never guessed. Kubebuilder's scaffold writes its webhook and metrics patches this way.
import { asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";

/** What an applied operation wrote, for placing findings: everything under `path` is its doing. */
export interface AppliedOp {
  /** The path written, with `-` resolved to the index the item got. */
  path: YamlPath;
  /** The operation's index in the patch document. */
  index: number;
  /** True when it removed `path` (nothing under it is written; the operation is the place). */
  removed: boolean;
}

/** The result of a JSON 6902 patch on one object. */
export interface Json6902Result {
  value: Record<string, unknown>;
  applied: AppliedOp[];
  /** Paths of operations not applied (unknown from then on), with why. */
  skipped: { path: YamlPath; reason: string }[];
}

const MAX_OPS = 200;
const MAX_PATH = 64;

/** A JSON pointer as segments, unescaped; undefined when it is not one. */
function segments(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const raw = pointer.split("/", MAX_PATH + 2).slice(1);
  if (raw.length > MAX_PATH) return undefined;
  return raw.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A list index segment: digits without a leading zero. */
const INDEX = /^(?:0|[1-9]\d{0,5})$/;

/** The path a skipped operation leaves unknown: its pointer, cut at a `-` (the whole list). */
function unknownPath(segs: readonly string[]): YamlPath {
  const out: (string | number)[] = [];
  for (const s of segs) {
    if (s === "-") break;
    out.push(INDEX.test(s) ? Number(s) : s);
  }
  return out;
}

/**
 * Copies the containers along `path` (the maps and lists it goes through) so the object the
 * patch is applied to is not changed; returns the copy of the container holding the last segment.
 */
function cloneAlong(root: Record<string, unknown>, segs: readonly string[]): { root: Record<string, unknown>; parent: unknown; path: (string | number)[] } | undefined {
  const top: Record<string, unknown> = { ...root };
  let cur: unknown = top;
  const path: (string | number)[] = [];
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    if (Array.isArray(cur)) {
      if (!INDEX.test(seg) || Number(seg) >= cur.length) return undefined;
      const k = Number(seg);
      const next: unknown = cur[k];
      const copy = Array.isArray(next) ? [...(next as unknown[])] : asMap(next) ? { ...asMap(next) } : undefined;
      if (!copy) return undefined;
      cur[k] = copy;
      cur = copy;
      path.push(k);
    } else {
      const m = asMap(cur);
      const next = m?.[seg];
      const copy = Array.isArray(next) ? [...(next as unknown[])] : asMap(next) ? { ...asMap(next) } : undefined;
      if (!m || !copy) return undefined;
      m[seg] = copy;
      cur = copy;
      path.push(seg);
    }
  }
  return { root: top, parent: cur, path };
}

/** Applies the operations of a JSON 6902 patch to an object; the object itself is not changed. */
export function applyJson6902(base: Record<string, unknown>, ops: readonly unknown[]): Json6902Result {
  let value = base;
  const applied: AppliedOp[] = [];
  const skipped: Json6902Result["skipped"] = [];
  // Once an operation is not applied, later ones under the same list or key may address what it
  // would have changed (an index it would have shifted): they are unknown too.
  const unknownUnder: YamlPath[] = [];
  const n = Math.min(ops.length, MAX_OPS);
  for (let index = 0; index < n; index++) {
    const op = asMap(ops[index]);
    const kind = asString(op?.["op"]);
    const pointer = asString(op?.["path"]);
    const segs = pointer === undefined ? undefined : segments(pointer);
    if (!op || !kind || !segs) {
      skipped.push({ path: [], reason: "an operation without a path" });
      unknownUnder.push([]);
      continue;
    }
    const skip = (reason: string): void => {
      const p = unknownPath(segs);
      skipped.push({ path: p, reason });
      unknownUnder.push(p.length > 0 && typeof p[p.length - 1] === "number" ? p.slice(0, -1) : p);
    };
    if (unknownUnder.some((u) => u.every((s, i) => String(s) === segs[i]))) {
      skip("after an operation assay does not apply");
      continue;
    }
    if (kind === "test") continue;
    // Assigned on a plain object, `__proto__` sets its prototype: the rules would read inherited
    // values (`runAsNonRoot: true`) that kustomize's output, with a literal `__proto__` key, lacks.
    if (segs.includes("__proto__")) {
      skip("a `__proto__` key");
      continue;
    }
    if ((kind !== "add" && kind !== "replace" && kind !== "remove") || segs.length === 0) {
      skip(`a ${kind.slice(0, 20)} operation`);
      continue;
    }
    if (kind !== "remove" && !("value" in op)) {
      skip("an operation without a value");
      continue;
    }
    const along = cloneAlong(value, segs);
    const last = segs[segs.length - 1] as string;
    if (!along) {
      skip("a path the object does not have");
      continue;
    }
    const { parent, path } = along;
    if (Array.isArray(parent)) {
      const end = last === "-" ? parent.length : INDEX.test(last) ? Number(last) : -1;
      // Only an append or a replacement in place leaves the other items' indexes (and lines) as written.
      if (kind === "add" && end === parent.length) parent.push(op["value"]);
      else if (kind === "replace" && end >= 0 && end < parent.length) parent[end] = op["value"];
      else {
        skip(kind === "remove" ? "a removal from a list" : "an insertion inside a list");
        continue;
      }
      applied.push({ path: [...path, end], index, removed: false });
    } else {
      const m = asMap(parent);
      if (!m || (kind !== "add" && !Object.prototype.hasOwnProperty.call(m, last))) {
        skip("a path the object does not have");
        continue;
      }
      if (kind === "remove") delete m[last];
      else m[last] = op["value"];
      applied.push({ path: [...path, last], index, removed: kind === "remove" });
    }
    value = along.root;
  }
  return { value, applied, skipped };
}

/**
 * The operation that decides `path` of the patched object: the last applied one whose path holds
 * it (a value it wrote, or under a key it removed). Undefined when none does.
 */
export function deciderOp(applied: readonly AppliedOp[], path: YamlPath): AppliedOp | undefined {
  for (let i = applied.length - 1; i >= 0; i--) {
    const a = applied[i] as AppliedOp;
    if (a.path.length > path.length) continue;
    let under = true;
    for (let k = 0; k < a.path.length; k++) {
      if (a.path[k] !== path[k]) {
        under = false;
        break;
      }
    }
    if (under) return a;
  }
  return undefined;
}
