import type { Confidence } from "../../../core/severity.js";
import type { TextFile } from "../../../core/files.js";
import { dirOf, joinRelative } from "../../../core/checkout-path.js";
import { includedFiles, volumeTarget, type ComposeFile, type ComposeService } from "../../../ecosystems/compose/compose.js";
import { locate, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import { asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";

// Compose's `extends` (Compose Specification, "extends"): a service starts from another one, of
// its own file (`extends: base`, `extends: {service: base}`) or of another (`file: common.yml`),
// and its own keys merge over the base's as the spec's merge rules say: a mapping merges key by
// key, a sequence appends (but `command` and `entrypoint` are replaced), `volumes` and `devices`
// replace the base's entry with the same target, and a scalar is overridden. `privileged: true` in the base is the extending
// service's too, unless it sets `privileged: false` itself. `docker compose` without `-f` merges
// the default override file (`compose.override.yaml` beside the base) over the base by the same
// rules, after each file's own extends: see defaultPairs.

/** A Compose file the deploy family read. */
export interface ComposeEntry {
  path: string;
  file: ComposeFile;
  text: TextFile;
  confidence: Confidence;
  /** Reached only through another file's `extends.file`: its services are bases, not part of the project. */
  baseOnly?: boolean;
}

/** Where a key of a merged service was written: the service it came from, and its path there. */
export interface Inherited {
  entry: ComposeEntry;
  service: ComposeService;
  /** Relative to that service. */
  path: YamlPath;
  /** True when it is the service's own key (its path in the file may differ from the merged one: `volumes[1]` may be its `volumes[0]`). */
  own: boolean;
}

/** A service with what it takes through `extends` merged in. */
export interface ExtendedService {
  value: Record<string, unknown>;
  /** The default override file (`compose.override.yaml` beside it) merged over it, when it names this service. */
  override?: ComposeEntry;
  /** Where a path (relative to the service) of the merged value was written; undefined when not known. */
  origin(path: YamlPath): Inherited | undefined;
  /**
   * Set when Compose refuses the service's `extends` (a cycle, a base that does not exist, or a
   * base built on one): it never runs as written, and no value of it is known, so it is not judged,
   * and a problem says so (fail closed: the rules are incomplete, never passed).
   */
  refused?: true;
}

/** Something about `extends` that Compose refuses, at the service that says it. */
export interface ExtendsProblem {
  path: string;
  message: string;
  line: number;
  column: number;
}

/** The files `docker compose` reads when given none, in the order it looks for them (compose-go's DefaultFileNames). */
const DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
/** The override it merges over the first of them when one is beside it, first found wins (DefaultOverrideFileNames). */
const OVERRIDE_FILES = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"];

/**
 * The default pairs of the checkout: per folder, the Compose file `docker compose` reads there
 * without `-f`, and the override it merges over it. Other names (`docker-compose.prod.yml`) are
 * read only with `-f` (or COMPOSE_FILE in the folder's .env) and are judged alone.
 */
export function defaultPairs(compose: readonly ComposeEntry[], composeFileVar: ReadonlyMap<string, string> = new Map()): { base: ComposeEntry; override: ComposeEntry }[] {
  const byPath = new Map(compose.filter((c) => !c.baseOnly).map((c) => [c.path, c]));
  const dirs = new Set([...byPath.keys()].map(dirOf));
  const out: { base: ComposeEntry; override: ComposeEntry }[] = [];
  for (const dir of dirs) {
    const at = (name: string): ComposeEntry | undefined => byPath.get(dir ? `${dir}/${name}` : name);
    // COMPOSE_FILE in the folder's .env names the files instead: the override is read only if
    // listed. Two files present in the checkout are merged as a pair; any other list, judged alone.
    const named = composeFileVar.get(dir);
    if (named !== undefined) {
      const files = named.split(/[:;]/).map((f) => f.trim()).filter(Boolean);
      const entries = files.map((f) => {
        const path = joinRelative(dir, f);
        return path === undefined ? undefined : byPath.get(path);
      });
      const [base, override] = entries;
      if (entries.length === 2 && base && override && base !== override) out.push({ base, override });
      continue;
    }
    const base = DEFAULT_FILES.map(at).find((c) => c !== undefined);
    const override = OVERRIDE_FILES.map(at).find((c) => c !== undefined);
    if (base && override) out.push({ base, override });
  }
  return out;
}

/** How deep an `extends` chain is followed; Compose has no limit, real files use one or two. */
const MAX_DEPTH = 16;
/** Problems located and listed at most; the rest are counted. */
const MAX_PROBLEMS = 20;

/** Sequences the extending service's value replaces; every other sequence appends to the base's. */
const REPLACED = new Set(["command", "entrypoint"]);
/** Sequences whose entries replace the base's with the same target. */
const BY_TARGET = new Set(["volumes", "devices"]);
/** Mappings that may be written as `KEY=value` lists, whose entries replace the base's of the same name. */
const NAMED = new Set(["environment", "labels", "sysctls", "annotations"]);

type Src = { entry: ComposeEntry; service: ComposeService };
type KeyOrigin = { kind: "whole"; at: Src } | { kind: "items"; items: { at: Src; index: number | string }[] } | { kind: "entries"; entries: Map<string, { at: Src; key: string }> };
interface Resolved {
  value: Record<string, unknown>;
  keys: Map<string, KeyOrigin>;
  /** How many bases were merged in: bounded, so merged lists stay within MAX_DEPTH times a service's own. */
  depth: number;
  /** The service's own keys tagged `!reset` or `!override` (dropped by the YAML load, so read from the text). */
  tags?: Map<string, "reset" | "override">;
  /** Set when Compose refuses the chain (a cycle, a base that does not exist): the service cannot be judged. */
  refused?: true;
}

/** Keys of a service whose tags are looked for, at most: each is located in the text. */
const MAX_TAGGED_KEYS = 64;

/**
 * Compose's merge tags on a service's own keys: `ports: !reset []` removes what the base said,
 * `volumes: !override [...]` replaces it whole rather than merging. The YAML load keeps only the
 * value, so the line of each key is read, and only in a file that holds either tag at all.
 */
function mergeTags(src: Src): Map<string, "reset" | "override"> | undefined {
  const text = src.entry.text.text;
  if (!text.includes("!reset") && !text.includes("!override")) return undefined;
  const doc = src.entry.file.doc;
  const out = new Map<string, "reset" | "override">();
  for (const k of Object.keys(src.service.value).slice(0, MAX_TAGGED_KEYS)) {
    const at = locate(text, doc?.start ?? 0, doc?.end ?? 0, [...src.service.path, k]);
    if (at.depth < src.service.path.length + 1) continue;
    const line = src.entry.text.lineText(src.entry.text.positionAt(at.offset).line);
    const m = /^\s{0,256}["']?[\w.-]{1,64}["']?\s{0,16}:\s{0,64}!(reset|override)(?:\s|$)/.exec(line);
    if (m) out.set(k, m[1] as "reset" | "override");
  }
  return out.size > 0 ? out : undefined;
}

/**
 * Merges every service's `extends` chain, per file and service name; only services that extend
 * another are in the result. Cycles, chains past MAX_DEPTH and bases that do not exist are
 * problems (Compose refuses the file); a base in a file outside the checkout is not followed.
 */
export function resolveExtends(compose: readonly ComposeEntry[], composeFileVar?: ReadonlyMap<string, string>): { services: Map<ComposeEntry, Map<string, ExtendedService>>; overridden: Map<ComposeEntry, Set<string>>; problems: ExtendsProblem[] } {
  const byPath = new Map(compose.map((c) => [c.path, c]));
  const byName = new Map(compose.map((c) => [c, new Map(c.file.services.map((sv) => [sv.name, sv]))]));
  const memo = new Map<string, Resolved>();
  const problems: ExtendsProblem[] = [];
  const said = new Set<string>();
  let unsaid = 0;
  const problem = (src: Src, message: string): void => {
    // Locating each is linear in the file: past a few, a hostile file's problems are only counted.
    if (problems.length >= MAX_PROBLEMS) {
      unsaid++;
      return;
    }
    const doc = src.entry.file.doc;
    const at = locate(src.entry.text.text, doc?.start ?? 0, doc?.end ?? 0, [...src.service.path, "extends"]);
    const pos = src.entry.text.positionAt(at.offset);
    const where = `${src.entry.path}:${pos.line}`;
    if (said.has(where)) return;
    said.add(where);
    problems.push({ path: src.entry.path, message, line: pos.line, column: pos.column });
  };
  const cycles = new Map<string, readonly string[]>();
  const refuse = (src: Src, message: string): Resolved => {
    problem(src, message);
    return { ...own(src), refused: true };
  };
  const own = (src: Src): Resolved => {
    const tags = mergeTags(src);
    return { value: src.service.value, keys: new Map(Object.keys(src.service.value).map((k) => [k, { kind: "whole", at: src }])), depth: 0, ...(tags ? { tags } : {}) };
  };

  const resolve = (src: Src, chain: readonly string[]): Resolved => {
    const id = `${src.entry.path}#${src.service.name}`;
    const done = memo.get(id);
    if (done) return done;
    const ext = src.service.value["extends"];
    if (ext === undefined) return own(src);
    const spec = asMap(ext);
    const baseName = asString(spec ? spec["service"] : ext);
    const fileRel = spec ? asString(spec["file"]) : undefined;
    let result = own(src);
    const basePath = fileRel === undefined ? src.entry.path : fileRel.includes("$") ? undefined : joinRelative(dirOf(src.entry.path), fileRel);
    const baseEntry = basePath === undefined ? undefined : byPath.get(basePath);
    const baseService = baseEntry && baseName !== undefined ? byName.get(baseEntry)?.get(baseName) : undefined;
    const baseId = `${basePath ?? ""}#${baseName ?? ""}`;
    if (chain.includes(baseId) || baseId === id) {
      const loop = baseId === id ? [id, id] : [...chain.slice(chain.indexOf(baseId)), id, baseId];
      // Every service on the loop is refused alike, and says so at its own extends (met from any of them first).
      for (const member of loop) if (!cycles.has(member)) cycles.set(member, loop);
      result = refuse(src, cycleMessage(src.service.name, loop));
    } else if (chain.length >= MAX_DEPTH) {
      problem(src, `service "${src.service.name}" extends a chain of more than ${MAX_DEPTH} services; the rest was not followed`);
    } else if (baseEntry && baseName !== undefined && !baseService) {
      result = refuse(src, `service "${src.service.name}" extends "${baseName}", which ${baseEntry.path} does not define; Compose refuses it, so the service cannot be judged`);
    } else if (fileRel !== undefined && basePath === undefined) {
      // Compose reads it (a sibling of the checkout, a path from the environment); we cannot, so
      // the service's merged value is unknown: judged on its own keys, and said to be incomplete.
      problem(src, `service "${src.service.name}" extends "${baseName ?? "?"}" from ${fileRel}, ${fileRel.includes("$") ? "a path set by a variable" : "a file outside the checkout"}, so what it inherits cannot be judged`);
    } else if (baseEntry && baseService) {
      const base = resolve({ entry: baseEntry, service: baseService }, [...chain, id]);
      const loop = cycles.get(id);
      // A service built on one Compose refuses is refused too (on the loop, as a member of it).
      if (base.refused) result = refuse(src, loop ? cycleMessage(src.service.name, loop) : `service "${src.service.name}" extends "${baseName ?? "?"}", whose own extends Compose refuses, so the service cannot be judged`);
      // Counted through memoised bases too: a long chain met one link at a time is still long.
      else if (base.depth >= MAX_DEPTH) problem(src, `service "${src.service.name}" extends a chain of more than ${MAX_DEPTH} services; the rest was not followed`);
      else result = merge(base, own(src));
    }
    memo.set(id, result);
    return result;
  };

  const services = new Map<ComposeEntry, Map<string, ExtendedService>>();
  for (const entry of compose) {
    for (const service of entry.file.services) {
      if (service.value["extends"] === undefined) continue;
      const r = resolve({ entry, service }, []);
      const mine = services.get(entry) ?? new Map<string, ExtendedService>();
      services.set(entry, mine);
      mine.set(service.name, { value: r.value, origin: (path) => originOf(r, path, new Set([service])), ...(r.refused ? { refused: true as const } : {}) });
    }
  }
  // `docker compose` with no -f merges the override over the base by the same rules (after each
  // file's own extends): a service both name is judged once, merged, on the base's side.
  const overridden = new Map<ComposeEntry, Set<string>>();
  for (const { base: top, override } of defaultPairs(compose, composeFileVar)) {
    // The override may also change a service the base brings in with `include:` (one level).
    const homes = [top, ...includedFiles(top.file).flatMap((rel) => {
      const path = joinRelative(dirOf(top.path), rel);
      const e = path === undefined ? undefined : byPath.get(path);
      return e ? [e] : [];
    })];
    for (const service of override.file.services) {
      const base = homes.find((h) => byName.get(h)?.has(service.name));
      const under = base ? byName.get(base)?.get(service.name) : undefined;
      if (!base || !under) continue;
      const b = resolve({ entry: base, service: under }, []);
      const o = resolve({ entry: override, service }, []);
      const r = merge(b, o);
      const mine = services.get(base) ?? new Map<string, ExtendedService>();
      services.set(base, mine);
      const selves = new Set([under, service]);
      mine.set(service.name, { value: r.value, override, origin: (path) => originOf(r, path, selves), ...(b.refused || o.refused ? { refused: true as const } : {}) });
      const hidden = overridden.get(override) ?? new Set<string>();
      overridden.set(override, hidden);
      hidden.add(service.name);
    }
  }
  const last = problems[problems.length - 1];
  if (unsaid > 0 && last) problems.push({ ...last, message: `and ${unsaid} more services whose extends Compose refuses, not listed` });
  return { services, overridden, problems };
}

function cycleMessage(name: string, loop: readonly string[]): string {
  return `service "${name}" extends itself through ${loop.map((c) => c.slice(c.lastIndexOf("#") + 1)).join(" → ")}; Compose refuses the cycle, so the service cannot be judged`;
}

/** Where a path of a merged service was written: the service itself (at the path its own value has there) or a base. */
function originOf(r: Resolved, path: YamlPath, selves: ReadonlySet<ComposeService>): Inherited | undefined {
  const [key, sub, ...rest] = path;
  const ko = typeof key === "string" ? r.keys.get(key) : undefined;
  if (!ko || key === undefined) return undefined;
  let at: Src;
  let there: YamlPath;
  if (ko.kind === "whole") {
    at = ko.at;
    there = path;
  } else if (ko.kind === "items" && typeof sub === "number" && ko.items[sub]) {
    const item = ko.items[sub] as { at: Src; index: number | string };
    at = item.at;
    there = [key, item.index, ...rest];
  } else if (ko.kind === "entries" && typeof sub === "string" && ko.entries.get(sub)) {
    const e = ko.entries.get(sub) as { at: Src; key: string };
    at = e.at;
    there = [key, e.key, ...rest];
  } else return undefined;
  return { entry: at.entry, service: at.service, path: there, own: selves.has(at.service) };
}

/** The base merged with the extending service's own keys, by the spec's rules. */
function merge(base: Resolved, mine: Resolved): Resolved {
  const value: Record<string, unknown> = { ...base.value };
  const keys = new Map(base.keys);
  for (const [k, written] of Object.entries(mine.value)) {
    let b = base.value[k];
    let v = written;
    let bo = base.keys.get(k);
    let mo = mine.keys.get(k) as KeyOrigin;
    // `environment:` as a list in one file and a mapping in the other: Compose merges them by
    // name all the same, so the mapping is read as its `KEY=value` list.
    if (NAMED.has(k) && bo && Array.isArray(b) !== Array.isArray(v) && (asMap(b) || asMap(v))) {
      if (asMap(b)) [b, bo] = asNamedList(asMap(b) as Record<string, unknown>, bo);
      else [v, mo] = asNamedList(asMap(v) as Record<string, unknown>, mo);
    }
    const tag = mine.tags?.get(k);
    if (tag === "reset") {
      // Back to Compose's default: neither the base's value nor this one.
      delete value[k];
      keys.delete(k);
    } else if (tag === "override") {
      value[k] = v;
      keys.set(k, mo);
    } else if (k !== "extends" && bo && Array.isArray(b) && Array.isArray(v) && !REPLACED.has(k)) {
      // `KEY=value` lists (environment, labels) replace the base's entry of the same name.
      // Other lists keep one of equal entries (compose-go enforces unicity after merging): `cap_add:
      // [SYS_ADMIN]` in both files is one capability, reported once, where the later file says it.
      const name = BY_TARGET.has(k) ? (x: unknown): string | undefined => (k === "devices" ? asString(x)?.split(":")[1] ?? asString(asMap(x)?.["target"]) : volumeTarget(x)) : NAMED.has(k) ? (x: unknown): string | undefined => asString(x)?.split("=")[0] : (x: unknown): string | undefined => (typeof x === "string" || typeof x === "number" ? `=${String(x)}` : undefined);
      const mineNames = new Set(v.map(name).filter((x) => x !== undefined));
      const items: { at: Src; index: number | string }[] = [];
      const merged: unknown[] = [];
      b.forEach((x, i) => {
        const n = name(x);
        if (n !== undefined && mineNames.has(n)) return;
        merged.push(x);
        items.push(itemOrigin(bo, i));
      });
      v.forEach((x, i) => {
        merged.push(x);
        items.push(itemOrigin(mo, i));
      });
      value[k] = merged;
      keys.set(k, { kind: "items", items });
    } else if (k !== "extends" && bo && asMap(b) && asMap(v)) {
      const entries = new Map<string, { at: Src; key: string }>();
      for (const e of Object.keys(asMap(b) as object)) entries.set(e, entryOrigin(bo, e));
      for (const e of Object.keys(asMap(v) as object)) entries.set(e, entryOrigin(mo, e));
      value[k] = { ...(asMap(b) as object), ...(asMap(v) as object) };
      keys.set(k, { kind: "entries", entries });
    } else {
      value[k] = v;
      keys.set(k, mo);
    }
  }
  return { value, keys, depth: base.depth + 1 };
}

/** A `KEY: value` mapping as Compose's `KEY=value` list, each item's origin its key's. */
function asNamedList(m: Record<string, unknown>, o: KeyOrigin): [unknown[], KeyOrigin] {
  const list: unknown[] = [];
  const items: { at: Src; index: number | string }[] = [];
  for (const [key, val] of Object.entries(m)) {
    list.push(val === null || val === undefined ? key : `${key}=${typeof val === "object" ? "" : String(val as string | number | boolean)}`);
    const e = entryOrigin(o, key);
    items.push({ at: e.at, index: e.key });
  }
  return [list, { kind: "items", items }];
}

function itemOrigin(o: KeyOrigin, i: number): { at: Src; index: number | string } {
  if (o.kind === "items") return o.items[i] ?? { at: (o.items[0] as { at: Src }).at, index: i };
  if (o.kind === "whole") return { at: o.at, index: i };
  return { at: [...o.entries.values()][0]?.at as Src, index: i };
}

function entryOrigin(o: KeyOrigin, key: string): { at: Src; key: string } {
  if (o.kind === "entries") return o.entries.get(key) ?? { at: [...o.entries.values()][0]?.at as Src, key };
  if (o.kind === "whole") return { at: o.at, key };
  return { at: o.items[0]?.at as Src, key };
}
