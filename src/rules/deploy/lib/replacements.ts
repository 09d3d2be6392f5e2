// Kustomize's `replacements:` (the ReplacementTransformer, which replaced `vars`): a value read
// from one object (`source`: kind, name… and a `fieldPath`) is written at the `fieldPaths` of
// every object its `targets` select, after the kustomization's other transformers. Field paths
// are dotted (`spec.template.spec.containers.[name=app].image`), with `[key=value]` picking a
// list item, a number an index and `[a.b/c]` a key holding dots; `options.delimiter` and `index`
// read or write one part of a string. What this reader does not apply (a `*` in a path, a
// selector by label) is left to the caller to make unknown, never guessed.
import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import { targetOf, type PatchTarget } from "../../../ecosystems/kubernetes/kustomization.js";
import type { YamlPath } from "../../../ecosystems/kubernetes/locate.js";

/** `options` of a source or target: a part of a delimited string, and whether a missing field is created. */
export interface FieldOptions {
  delimiter?: string;
  index: number;
  create: boolean;
}

export interface ReplacementSource extends PatchTarget {
  fieldPath: string;
  options: FieldOptions;
}

export interface ReplacementTarget {
  select: PatchTarget;
  reject: PatchTarget[];
  fieldPaths: string[];
  options: FieldOptions;
}

export interface Replacement {
  source: ReplacementSource;
  targets: ReplacementTarget[];
}

/** A segment of a field path: a key, an index, or the list item whose `key` is `value`. */
export type FieldSeg = { key: string } | { index: number } | { match: string; value: string };

const MAX_TARGETS = 100;
const MAX_FIELD_PATHS = 100;
const MAX_SEGMENTS = 64;

/** A source's or target's selector; an absent one selects by nothing. */
function selectorOf(m: Record<string, unknown> | undefined): PatchTarget {
  return targetOf(m) ?? {};
}

function optionsOf(v: unknown): FieldOptions {
  const m = asMap(v);
  const delimiter = asString(m?.["delimiter"]);
  const index = typeof m?.["index"] === "number" ? (m["index"] as number) : 0;
  return { ...(delimiter !== undefined && delimiter !== "" ? { delimiter } : {}), index, create: m?.["create"] === true };
}

/** A replacement as written; undefined when it is no map with a source. */
export function parseReplacement(v: unknown): Replacement | undefined {
  const m = asMap(v);
  const source = asMap(m?.["source"]);
  if (!m || !source) return undefined;
  const targets = asList(m["targets"])
    .slice(0, MAX_TARGETS)
    .flatMap((t): ReplacementTarget[] => {
      const tm = asMap(t);
      if (!tm) return [];
      const fieldPaths = asList(tm["fieldPaths"]).flatMap((f) => (typeof f === "string" ? [f] : [])).slice(0, MAX_FIELD_PATHS);
      return [{ select: selectorOf(asMap(tm["select"])), reject: asList(tm["reject"]).slice(0, MAX_TARGETS).map((r) => selectorOf(asMap(r))), fieldPaths: fieldPaths.length > 0 ? fieldPaths : ["metadata.name"], options: optionsOf(tm["options"]) }];
    });
  return { source: { ...selectorOf(source), fieldPath: asString(source["fieldPath"]) ?? "metadata.name", options: optionsOf(source["options"]) }, targets };
}

/** A field path read; undefined for what is not applied here (a `*`, an unclosed bracket, too many segments). */
export function fieldPathOf(s: string): FieldSeg[] | undefined {
  const out: FieldSeg[] = [];
  // kubebuilder's scaffold writes `.metadata.namespace`: kustomize reads it as `metadata.namespace`.
  let i = s.startsWith(".") ? 1 : 0;
  while (i < s.length) {
    if (out.length >= MAX_SEGMENTS) return undefined;
    let raw: string;
    let bracket = false;
    if (s[i] === "[") {
      const close = s.indexOf("]", i);
      if (close < 0) return undefined;
      raw = s.slice(i + 1, close);
      bracket = true;
      i = close + 1;
    } else {
      const dot = s.indexOf(".", i);
      const stop = dot < 0 ? s.length : dot;
      raw = s.slice(i, stop);
      i = stop;
    }
    if (s[i] === ".") i++;
    if (raw === "*" || raw === "") return undefined;
    const eq = bracket ? raw.indexOf("=") : -1;
    if (eq > 0) out.push({ match: raw.slice(0, eq), value: raw.slice(eq + 1) });
    else if (!bracket && /^\d{1,6}$/.test(raw)) out.push({ index: Number(raw) });
    else out.push({ key: raw });
  }
  return out.length > 0 ? out : undefined;
}

/** The value at a field path, and its path as keys and indexes; undefined when it is not there. */
export function getField(root: unknown, path: readonly FieldSeg[]): { value: unknown; at: YamlPath } | undefined {
  let cur: unknown = root;
  const at: (string | number)[] = [];
  for (const seg of path) {
    const next = step(cur, seg);
    if (!next) return undefined;
    cur = next.value;
    at.push(next.at);
  }
  return cur === undefined ? undefined : { value: cur, at };
}

function step(cur: unknown, seg: FieldSeg): { value: unknown; at: string | number } | undefined {
  if ("key" in seg) {
    const m = asMap(cur);
    return m && Object.prototype.hasOwnProperty.call(m, seg.key) ? { value: m[seg.key], at: seg.key } : undefined;
  }
  if (!Array.isArray(cur)) return undefined;
  if ("index" in seg) return seg.index < cur.length ? { value: cur[seg.index], at: seg.index } : undefined;
  const i = cur.findIndex((x) => asString(asMap(x)?.[seg.match]) === seg.value);
  return i >= 0 ? { value: cur[i], at: i } : undefined;
}

/**
 * A copy of `root` with `value` written at the field path (maps and lists on the way copied, the
 * rest shared), and the path written; undefined when the path is missing and `create` does not
 * allow making it (kustomize then refuses the build), or a list item it names is missing.
 */
export function setField(root: Record<string, unknown>, path: readonly FieldSeg[], value: unknown, create: boolean): { value: Record<string, unknown>; at: YamlPath } | undefined {
  const at: (string | number)[] = [];
  const write = (cur: unknown, i: number): unknown => {
    const seg = path[i] as FieldSeg;
    const last = i === path.length - 1;
    if ("key" in seg) {
      const m = asMap(cur);
      if (!m && cur !== undefined) return undefined;
      const has = m !== undefined && Object.prototype.hasOwnProperty.call(m, seg.key);
      if (!has && !create) return undefined;
      at.push(seg.key);
      const child = last ? value : write(has ? m?.[seg.key] : undefined, i + 1);
      if (child === undefined) return undefined;
      return { ...(m ?? {}), [seg.key]: child };
    }
    if (!Array.isArray(cur)) return undefined;
    const found = step(cur, seg);
    if (!found) return undefined;
    at.push(found.at);
    const child = last ? value : write(found.value, i + 1);
    if (child === undefined) return undefined;
    const copy = [...cur];
    copy[found.at as number] = child;
    return copy;
  };
  const out = write(root, 0);
  return asMap(out) ? { value: out as Record<string, unknown>, at } : undefined;
}

/** The part of a source value `options` picks (a delimited string's `index`-th part), as a string when it is one. */
export function sourcePart(v: unknown, o: FieldOptions): unknown {
  if (o.delimiter === undefined) return v;
  const s = asString(v);
  if (s === undefined) return undefined;
  const parts = s.split(o.delimiter);
  return o.index >= 0 && o.index < parts.length ? parts[o.index] : undefined;
}

/** A target value with its `index`-th delimited part replaced (kustomize appends or prepends past either end). */
export function targetPart(old: unknown, v: unknown, o: FieldOptions): unknown {
  if (o.delimiter === undefined) return v;
  const s = asString(old) ?? "";
  const part = asString(v) ?? "";
  const parts = s.split(o.delimiter);
  if (o.index >= parts.length) parts.push(part);
  else if (o.index < 0) parts.unshift(part);
  else parts[o.index] = part;
  return parts.join(o.delimiter);
}
