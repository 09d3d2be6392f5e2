import { isMap, isPair, isScalar, isSeq } from "yaml";
import { deref, parseYaml } from "../formats/yaml.js";
import { LStr, type Origin, type Run } from "./located.js";

/** Where each key of a values map (or item of a list) was written. */
const keyOrigins = new WeakMap<object, Map<string | number, Origin>>();

/** The origin of `key` in a map or list that came from a values file. */
export function originOf(container: unknown, key: string | number): Origin | undefined {
  return container !== null && typeof container === "object" ? keyOrigins.get(container)?.get(key) : undefined;
}

function setOrigin(container: object, key: string | number, origin: Origin): void {
  let m = keyOrigins.get(container);
  if (!m) keyOrigins.set(container, (m = new Map()));
  m.set(key, origin);
}

/** Nodes a values file may expand to once aliases are followed (the YAML parser bounds it too). */
const MAX_NODES = 200_000;

/** Reads a values file into plain values, remembering where every key was written. */
export function readValues(text: string, path: string): Record<string, unknown> {
  const y = parseYaml(text);
  let budget = MAX_NODES;
  const conv = (node: unknown, depth: number): unknown => {
    if (--budget < 0 || depth > 200) return null;
    const n = deref(node);
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = deref(p.key);
        const key = isScalar(k) ? String(k.value) : "";
        if (key === "<<") {
          const src = conv(p.value, depth + 1);
          for (const m of Array.isArray(src) ? src : [src]) {
            if (m && typeof m === "object" && !Array.isArray(m)) for (const [mk, mv] of Object.entries(m)) if (!(mk in out)) out[mk] = mv;
          }
          continue;
        }
        out[key] = conv(p.value, depth + 1);
        setOrigin(out, key, { path, offset: (k as { range?: number[] } | null)?.range?.[0] ?? 0 });
      }
      return out;
    }
    if (isSeq(n)) {
      const out: unknown[] = [];
      n.items.forEach((item, i) => {
        out.push(conv(item, depth + 1));
        setOrigin(out, i, { path, offset: (deref(item) as { range?: number[] } | null)?.range?.[0] ?? 0 });
      });
      return out;
    }
    if (isScalar(n)) return n.value instanceof Date ? n.value.toISOString() : (n.value ?? null);
    return null;
  };
  const v = conv(y.doc.contents, 0);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof LStr);

/**
 * Helm's coalescing of values: `over` wins key by key, maps merge deeply, and a null in `over`
 * deletes the key. Origins of both sides are kept.
 */
export function coalesce(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    out[k] = v;
    const o = originOf(base, k);
    if (o) setOrigin(out, k, o);
  }
  for (const [k, v] of Object.entries(over)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    out[k] = k in out ? coalesce(out[k], v) : v;
    const o = originOf(over, k);
    if (o) setOrigin(out, k, o);
  }
  return out;
}

/** True when a string would read back as something else in plain YAML. */
function needsQuotes(s: string): boolean {
  if (s === "") return true;
  if (!/^[A-Za-z0-9_./@][A-Za-z0-9_./@ :=+-]{0,}$/.test(s)) return true;
  if (/^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(s)) return true;
  if (/^[-+]?(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(s) || /^0[xo]/i.test(s)) return true;
  return s.endsWith(" ") || s.includes(": ") || s.includes(" #") || s.endsWith(":");
}

/** A scalar as YAML writes it. */
export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return needsQuotes(v) ? JSON.stringify(v) : v;
  if (v instanceof LStr) return yamlScalar(v.toString());
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(String(v));
}

/**
 * Helm's `toYaml`: keys sorted (it goes through JSON), two-space indentation, lists not indented
 * under their key, no trailing newline. Each line keeps the origin of its key in the values file.
 */
export function toYaml(v: unknown, budget = { n: 200_000 }): LStr {
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
    } else line(indent, `${lead}${keyText}: ${scalarOrEmpty(child)}`, o);
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
      } else line(indent, `- ${scalarOrEmpty(item)}`, o);
    });
  };
  if (isPlainObject(v) && Object.keys(v).length > 0) emitMap(v, 0, 0);
  else if (Array.isArray(v) && v.length > 0) emitList(v, 0, 0);
  else line(0, scalarOrEmpty(v), undefined);
  return new LStr(runs);
}

function scalarOrEmpty(v: unknown): string {
  if (isPlainObject(v)) return "{}";
  if (Array.isArray(v)) return "[]";
  return yamlScalar(v);
}
