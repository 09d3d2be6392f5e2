import { loadYamlData } from "../formats/yaml-bounds.js";
import { locate, type YamlPath } from "../kubernetes/locate.js";
import { yamlFloat } from "./go-numbers.js";
import { yamlString } from "./go-yaml-scalar.js";
import { LStr, type Origin, type Run } from "./located.js";
import { Unresolved } from "./template-values.js";

/**
 * Where each key of a values map (or item of a list) was written: an origin, or a way to find it
 * when asked (values files are read fast, and placed only for the keys a finding points at).
 */
const keyOrigins = new WeakMap<object, Map<string | number, Origin | (() => Origin | undefined)>>();
/** For maps and lists read from a values file: the file and their path in it. */
const placed = new WeakMap<object, { text: string; file: string; path: YamlPath }>();

/** The origin of `key` in a map or list that came from a values file. */
export function originOf(container: unknown, key: string | number): Origin | undefined {
  if (container === null || typeof container !== "object") return undefined;
  const m = keyOrigins.get(container);
  const o = m?.get(key);
  if (typeof o === "function") {
    const v = o();
    if (v) m?.set(key, v);
    return v;
  }
  if (o) return o;
  const p = placed.get(container);
  if (!p || !Object.prototype.hasOwnProperty.call(container, key)) return undefined;
  const at = locate(p.text, 0, p.text.length, [...p.path, key]);
  const origin = { path: p.file, offset: at.offset };
  setOrigin(container, key, origin);
  return origin;
}

function setOrigin(container: object, key: string | number, origin: Origin | (() => Origin | undefined)): void {
  let m = keyOrigins.get(container);
  if (!m) keyOrigins.set(container, (m = new Map()));
  m.set(key, origin);
}

/**
 * Records where the value a template stored under `key` came from (`dict`, `set`), so toYaml of
 * the map still points at it; without an origin, an older one of the key is forgotten.
 */
export function storeOrigin(container: object, key: string | number, origin: Origin | undefined): void {
  if (origin) setOrigin(container, key, origin);
  else keyOrigins.get(container)?.delete(key);
}

/** Makes `to[toKey]` say it was written where `from[fromKey]` was (copies, merges), found when asked. */
export function copyOrigin(to: object, toKey: string | number, from: object, fromKey: string | number): void {
  setOrigin(to, toKey, () => originOf(from, fromKey));
}

/** Nodes a values file may hold; aliases are shared, never expanded. */
const MAX_NODES = 200_000;

/**
 * Reads a values file into plain values as Helm does (YAML 1.1 booleans: `enabled: no` is false);
 * where each key was written is found when asked. Throws a
 * ParseFailure with its position on malformed or hostile YAML (the bounds of every YAML load).
 */
export function readValues(text: string, path: string): Record<string, unknown> {
  const v = loadYamlData(text, { schema: "go-yaml" });
  const seen = new WeakSet<object>();
  let budget = MAX_NODES;
  const walk = (node: unknown, at: YamlPath, depth: number): unknown => {
    if (--budget < 0 || depth > 200) return node;
    if (node instanceof Date) return node.toISOString();
    if (node === null || typeof node !== "object") return node;
    if (seen.has(node)) return node;
    seen.add(node);
    placed.set(node, { text, file: path, path: at });
    if (Array.isArray(node)) node.forEach((x, i) => (node[i] = walk(x, [...at, i], depth + 1)));
    else for (const [k, x] of Object.entries(node)) (node as Record<string, unknown>)[k] = walk(x, [...at, k], depth + 1);
    return node;
  };
  const root = walk(v, [], 0);
  return root && typeof root === "object" && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
}

/** A map of values: not a list, a located string or a value not known statically. */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof LStr) && !(v instanceof Unresolved);

/** A copy of some of a map's keys (`omit`, `pick`) that still knows where each came from. */
export function subsetOf(m: Record<string, unknown>, keep: (key: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (!keep(k)) continue;
    out[k] = v;
    setOrigin(out, k, () => originOf(m, k));
  }
  return out;
}

/**
 * Helm's coalescing of values: `over` wins key by key, maps merge deeply, and a null in `over`
 * deletes the key. Origins of both sides are kept.
 */
export function coalesce(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    out[k] = v;
    setOrigin(out, k, () => originOf(base, k));
  }
  for (const [k, v] of Object.entries(over)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    out[k] = k in out ? coalesce(out[k], v) : v;
    setOrigin(out, k, () => originOf(over, k));
  }
  return out;
}

/** A scalar as go-yaml v2 writes it inline (a string spanning lines double-quoted, as a key is). */
export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return (yamlString(v, true) as { inline: string }).inline;
  if (v instanceof LStr) return yamlScalar(v.toString());
  if (typeof v === "number") return yamlFloat(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  return JSON.stringify(String(v));
}

/**
 * Helm's `toYaml`: keys sorted (it goes through JSON), two-space indentation, lists not indented
 * under their key, no trailing newline. Each line keeps the origin of its key in the values file.
 */
export function toYaml(v: unknown, budget = { n: 200_000 }, marker?: (u: Unresolved) => string): LStr {
  // A value not known statically inside the map (a generated password, a missing template's text) is written as its marker.
  const scalarOrEmpty = (x: unknown): string => (x instanceof Unresolved && marker ? marker(x) : scalarText(x));
  const runs: Run[] = [];
  const line = (indent: number, text: string, origin: Origin | undefined): void => {
    if (--budget.n < 0) throw new RangeError("value too large for toYaml");
    if (runs.length > 0) runs.push({ text: "\n", origin: undefined });
    if (indent > 0) runs.push({ text: " ".repeat(indent), origin: undefined });
    runs.push({ text, origin });
  };
  const entry = (lead: string, indent: number, key: string, child: unknown, o: Origin | undefined, depth: number): void => {
    if (depth > 100) throw new RangeError("value nested too deeply for toYaml");
    const keyText = yamlScalar(key);
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      line(indent, `${lead}${keyText}:`, o);
      emitMap(child, indent + lead.length + 2, depth + 1);
    } else if (Array.isArray(child) && child.length > 0) {
      line(indent, `${lead}${keyText}:`, o);
      emitList(child, indent + lead.length, depth + 1);
    } else if (!block(indent, `${lead}${keyText}: `, indent + lead.length + 2, child, o)) line(indent, `${lead}${keyText}: ${scalarOrEmpty(child)}`, o);
  };
  // A string spanning lines is a literal block, its lines two spaces in from its key or dash.
  const block = (indent: number, head: string, inner: number, v: unknown, o: Origin | undefined): boolean => {
    const s = typeof v === "string" ? v : v instanceof LStr ? v.toString() : undefined;
    if (s === undefined || !s.includes("\n")) return false;
    const y = yamlString(s);
    if (!("header" in y)) return false;
    line(indent, `${head}${y.header}`, o);
    for (const l of y.lines) line(l ? inner : 0, l, o);
    return true;
  };
  const emitMap = (obj: Record<string, unknown>, indent: number, depth: number): void => {
    for (const k of Object.keys(obj).sort()) entry("", indent, k, obj[k], originOf(obj, k), depth);
  };
  const emitList = (list: unknown[], indent: number, depth: number): void => {
    list.forEach((item, i) => {
      const o = originOf(list, i);
      if (isPlainObject(item) && Object.keys(item).length > 0) {
        Object.keys(item)
          .sort()
          .forEach((k, idx) => {
            if (idx === 0) entry("- ", indent, k, item[k], originOf(item, k) ?? o, depth);
            else entry("", indent + 2, k, item[k], originOf(item, k) ?? o, depth);
          });
      } else if (Array.isArray(item) && item.length > 0) {
        line(indent, "-", o);
        emitList(item, indent + 2, depth + 1);
      } else if (!block(indent, "- ", indent + 2, item, o)) line(indent, `- ${scalarOrEmpty(item)}`, o);
    });
  };
  if (isPlainObject(v) && Object.keys(v).length > 0) emitMap(v, 0, 0);
  else if (Array.isArray(v) && v.length > 0) emitList(v, 0, 0);
  else if (!block(0, "", 2, v, undefined)) line(0, scalarOrEmpty(v), undefined);
  return new LStr(runs);
}

function scalarText(v: unknown): string {
  if (isPlainObject(v)) return "{}";
  if (Array.isArray(v)) return "[]";
  return yamlScalar(v);
}
