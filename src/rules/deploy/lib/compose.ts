import { dirOf } from "../../../core/checkout-path.js";
import { lowerConfidence, type Confidence, type Severity } from "../../../core/severity.js";
import { interpolateDefaults, type ComposeService } from "../../../ecosystems/compose/compose.js";
import { locate, type Located, type YamlPath } from "../../../ecosystems/kubernetes/locate.js";
import type { StreamDocument } from "../../../ecosystems/kubernetes/yaml-stream.js";
import type { LineTable } from "../../../ecosystems/formats/yaml-fast-data.js";
import { lineAtOrAfter, upperBound } from "../../../ecosystems/formats/yaml-fast-data.js";
import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { TextFileLike } from "../../types.js";
import type { RuleContext } from "../../types.js";
import type { Inherited } from "./compose-extends.js";
import { deployInputs, dotEnvIn } from "./inputs.js";
import { principle, type Principle } from "./principles.js";

/** A Compose service with the file it is in. */
export interface ServiceRef {
  service: ComposeService;
  path: string;
  text: TextFileLike;
  start: number;
  end: number;
  confidence: Confidence;
  /** For a service that extends another: where a path of its merged value was written, when the base wrote it. */
  origin?: (path: YamlPath) => Inherited | undefined;
  /** Values that came from a variable's default, as written, by path (joined with NUL). */
  defaults?: ReadonlyMap<string, string>;
  /** The default override file merged over this service (`compose.override.yaml` beside it), when it names it. */
  override?: string;
  /** The file's top-level named volumes, which the service's volumes may name. */
  volumes?: Record<string, unknown>;
  /** The parsed document (its measured lines): findings are placed within the service's own lines. */
  doc?: StreamDocument;
}

const servicesCache = new WeakMap<object, ServiceRef[]>();

/**
 * Every service of every Compose file of the checkout, with what it takes through `extends` merged
 * in, and its values as Compose interpolates them when no variable is set (`privileged:
 * ${PRIVILEGED:-true}` is `true` unless the environment says otherwise).
 */
export async function composeServices(ctx: RuleContext): Promise<ServiceRef[]> {
  const inputs = await deployInputs(ctx);
  const cached = servicesCache.get(inputs);
  if (cached) return cached;
  const out = inputs.compose.flatMap((c) => {
    if (!c.file.doc || c.baseOnly) return [];
    const extended = inputs.extended.get(c);
    const hidden = inputs.overridden.get(c);
    const ownVolumes = asMap(asMap(c.file.doc.value)?.["volumes"]);
    return c.file.services.flatMap((own): ServiceRef[] => {
      // A service the default override merges into its base's is judged there, merged, once.
      if (hidden?.has(own.name)) return [];
      const ext = extended?.get(own.name);
      // One whose extends Compose refuses has no known value: a problem already makes the rules incomplete for it.
      if (ext?.refused) return [];
      // The override's top-level volumes are the project's too (the later file's entry wins).
      const overVolumes = ext?.override ? asMap(asMap(ext.override.file.doc?.value)?.["volumes"]) : undefined;
      const volumes = overVolumes ? { ...ownVolumes, ...overVolumes } : ownVolumes;
      const defaults = new Map<string, string>();
      const merged = ext ? ext.value : own.value;
      // A .env file beside the Compose file (Compose reads it for interpolation) may set any variable: then no default is judged.
      const value = ctx.has(dotEnvIn(dirOf(c.path))) ? merged : (withDefaults(merged, [], defaults) as Record<string, unknown>);
      const service = { ...own, value };
      return [{ service, path: c.path, text: c.text, start: c.file.doc?.start ?? 0, end: c.file.doc?.end ?? 0, doc: c.file.doc, confidence: c.confidence, ...(ext ? { origin: ext.origin } : {}), ...(ext?.override ? { override: ext.override.path } : {}), ...(defaults.size > 0 ? { defaults } : {}), ...(volumes ? { volumes } : {}) }];
    });
  });
  servicesCache.set(inputs, out);
  return out;
}

/** Keys whose values are left as written: their rules interpolate them themselves (volumes, image), or a default is no finding (environment). */
const OWN_INTERPOLATION = new Set(["volumes", "image", "environment"]);

/**
 * A service's value with each string that holds `${VAR:-default}` replaced by what Compose makes
 * of it when no variable is set, noting the text as written by path.
 */
function withDefaults(v: unknown, path: readonly (string | number)[], written: Map<string, string>): unknown {
  if (typeof v === "string") {
    if (!v.includes("${")) return v;
    const out = interpolateDefaults(v);
    if (out === undefined || out === v) return v;
    written.set(path.join("\u0000"), v);
    return out;
  }
  if (path.length > 16 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x, i) => withDefaults(x, [...path, i], written));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = path.length === 0 && OWN_INTERPOLATION.has(k) ? x : withDefaults(x, [...path, k], written);
  return out;
}

/** Reports a finding about a Compose service, at the line of `path` (relative to the service). */
export function reportCompose(ctx: RuleContext, s: ServiceRef, path: YamlPath, f: { problem: string; principle: Principle; fix: string; key: string; severity?: Severity; confidence?: Confidence }): void {
  // A setting the service takes through `extends` is reported at its `extends:`, naming where the base wrote it.
  const origin = s.origin?.(path);
  const inherited = origin && !origin.own ? origin : undefined;
  // Where the value was written: the service's own file, or the default override merged over it
  // (and a value taken through extends at the `extends:` of whichever of the two says it).
  const writer = inherited ? s.origin?.(["extends"]) : origin;
  const file = writer?.own ? writer.entry : undefined;
  const text: TextFileLike = file?.text ?? s.text;
  const at = file ? locate(text.text, file.file.doc?.start ?? 0, file.file.doc?.end ?? 0, [...(writer as Inherited).service.path, ...(inherited ? ["extends"] : (writer as Inherited).path)]) : locateInService(s, inherited ? ["extends"] : path);
  const pos = text.positionAt(at.offset);
  const atPath = file?.path ?? s.path;
  // A key written twice: YAML forbids it; Compose v2 refuses the file ("mapping key … already
  // defined"), Compose v1 kept the last entry, which is the one judged and shown here.
  const shadowed = at.shadowed?.map((o) => text.positionAt(o).line);
  // A setting a merge key brings (`<<: *defaults`) is reported at that key, naming where the anchor wrote it.
  const merged = at.merged !== undefined ? `, taken through the merge key ${text.lineText(pos.line).trim().slice(0, 80)} (written at line ${text.positionAt(at.merged).line})` : "";
  let from = "";
  if (inherited) {
    const doc = inherited.entry.file.doc;
    const there = inherited.entry.text.positionAt(locate(inherited.entry.text.text, doc?.start ?? 0, doc?.end ?? 0, [...inherited.service.path, ...inherited.path]).offset);
    from = `${inherited.entry.path}:${there.line}`;
  }
  // A service with `profiles` starts only when one of them is enabled (`--profile debug`): an opt-in,
  // which is what CN8 asks of an insecure setting, so the finding is less certain to matter.
  const profiles = asList(s.service.value["profiles"]).flatMap((p) => asString(p) ?? []).slice(0, 5);
  // A value a variable's default gave (`${PRIVILEGED:-true}`): what ships, unless the environment says otherwise.
  let written: string | undefined;
  for (let n = path.length; n > 0 && written === undefined; n--) written = s.defaults?.get(path.slice(0, n).join("\u0000"));
  let own = f.confidence === undefined ? s.confidence : lowerConfidence(s.confidence, f.confidence);
  if (written !== undefined) own = lowerConfidence(own, "medium");
  ctx.report({
    message: `Compose service "${s.service.name}"${profiles.length > 0 ? ` (started only with profile ${profiles.join(" or ")})` : ""}: ${f.problem}${written !== undefined ? ` (the default of ${written}, used unless the variable is set)` : ""}${merged}${inherited ? `, taken through extends from service "${inherited.service.name}" (${from})` : ""}${s.override && atPath === s.override ? ` (set by ${s.override}, which docker compose merges over ${s.path} by default)` : ""}${shadowed ? ` (a key on this path is written twice, also at line ${shadowed.join(", ")}: Compose v2 refuses the file, v1 applied the last one)` : ""} [${principle(f.principle).split(" ")[0]}]`,
    locations: [{ path: atPath, startLine: pos.line, startColumn: pos.column }],
    evidence: { resource: `service/${s.service.name}`, source: "compose", principle: principle(f.principle), ...(s.override ? { mergedWith: s.override } : {}), ...(inherited ? { inheritedFrom: from } : {}), ...(at.merged !== undefined ? { mergedFromLine: String(text.positionAt(at.merged).line) } : {}), ...(shadowed ? { duplicateKeyLines: shadowed.join(", ") } : {}) },
    key: `${s.path}#${s.service.name}#${f.key}`,
    fix: f.fix,
    // The lower of the file's and the finding's own: a guess about a variable's value stays a guess.
    confidence: profiles.length > 0 ? lowerConfidence(own, "medium") : own,
    ...(f.severity ? { severity: f.severity } : {}),
  });
}

/**
 * Per Compose document and mapping (`services`): where each entry starts, by key (a key written
 * twice has two), and every entry's line start in order. Locating a finding from the document's top
 * walked every service written before its own, for every finding: 15,000 privileged services took
 * 48 s for one rule.
 */
interface EntryIndex {
  byKey: Map<string, number[]>;
  lineStarts: number[];
}

const ENTRY_INDEXES = new WeakMap<StreamDocument, Map<string, EntryIndex | null>>();
/**
 * Characters of a document searched again from its top, at most, for keys a merge key may bring
 * from an anchor written before the service: hundreds of such findings in an ordinary file, a few
 * dozen in one of thousands of services (past it, such a finding is placed at the service).
 */
const MAX_WHOLE_SEARCH_CHARS = 4 * 1024 * 1024;
const wholeSearches = new WeakMap<StreamDocument, { left: number }>();

/** A path of a service's value, placed within the service's own lines when its mapping's entries are indexed; else searched from the document's top. */
function locateInService(s: ServiceRef, rest: YamlPath): Located {
  const full = [...s.service.path, ...rest];
  const doc = s.doc;
  const text = s.text.text;
  const name = s.service.path[s.service.path.length - 1];
  const index = doc && typeof name === "string" ? entryIndex(text, doc, s.service.path.slice(0, -1)) : undefined;
  const offsets = index?.byKey.get(name as string);
  const own = offsets?.[offsets.length - 1];
  const table = doc?.table;
  if (!doc || !table || !index || own === undefined) return locate(text, s.start, s.end, full);
  const line = lineAtOrAfter(table, own + 1) - 1;
  const from = table.starts[line] as number;
  const next = index.lineStarts[upperBound(index.lineStarts, from)];
  // Within the service's own lines; a document the full parser read is searched in its text (merge keys).
  const r = locate(text, from, next ?? s.end, [name as string, ...rest], doc.uniqueKeys === true, doc.lines);
  // Not found there: a merge key (`<<: *defaults`) may bring it from an anchor written before the service, which only the whole document's search follows.
  if (r.depth < rest.length + 1 && doc.uniqueKeys !== true) {
    let budget = wholeSearches.get(doc);
    if (!budget) wholeSearches.set(doc, (budget = { left: MAX_WHOLE_SEARCH_CHARS }));
    budget.left -= (next ?? s.end) - s.start;
    if (budget.left >= 0) return locate(text, s.start, s.end, full);
  }
  // The service's name written twice in its mapping: the last entry is the one Compose v1 applied.
  const shadowed = offsets && offsets.length > 1 ? [...offsets.slice(0, -1), ...(r.shadowed ?? [])] : r.shadowed;
  const out: Located = { ...r, depth: r.depth + s.service.path.length - 1 };
  if (shadowed) out.shadowed = shadowed;
  return out;
}

/** The entries of the block mapping at `parent` of a document read with measured lines, indexed once; undefined where that cannot be done safely (flow style, tabs, an alias as the value). */
function entryIndex(text: string, doc: StreamDocument, parent: YamlPath): EntryIndex | undefined {
  const lines = doc.table;
  if (!lines || lines.text !== text) return undefined;
  let perDoc = ENTRY_INDEXES.get(doc);
  if (!perDoc) ENTRY_INDEXES.set(doc, (perDoc = new Map()));
  const key = parent.join("\u0000");
  let index = perDoc.get(key);
  if (index === undefined) perDoc.set(key, (index = buildEntryIndex(text, doc, parent) ?? null));
  return index ?? undefined;
}

function buildEntryIndex(text: string, doc: StreamDocument, parent: YamlPath): EntryIndex | undefined {
  const lines = doc.table as LineTable;
  // Indentation measured in spaces alone is what the line table records.
  if (!lines.ascii && (text.includes("\t") || text.includes("\r"))) return undefined;
  const p = locate(text, doc.start, doc.end, parent, doc.uniqueKeys === true, doc.lines);
  if (p.depth !== parent.length || p.flow || p.merged !== undefined || p.valueOffset === undefined) return undefined;
  const parentLine = lineAtOrAfter(lines, p.offset + 1) - 1;
  const parentIndent = p.offset - (lines.starts[parentLine] as number);
  const firstChild = lineAtOrAfter(lines, p.valueOffset + 1) - 1;
  // A value on the key's own line (`services: {…}`, `services: *all`) is no block to index.
  if (firstChild === parentLine) return undefined;
  const end = lineAtOrAfter(lines, doc.end);
  const childIndent = lines.indents[firstChild] as number;
  if (childIndent <= parentIndent) return undefined;
  const byKey = new Map<string, number[]>();
  const lineStarts: number[] = [];
  for (let l = firstChild; l < end; l++) {
    if (lines.kinds[l] !== 2) continue;
    const ind = lines.indents[l] as number;
    if (ind < childIndent) break;
    if (ind > childIndent) continue;
    const at = (lines.starts[l] as number) + ind;
    const k = entryKey(text, at, lines.ends[l] as number);
    // A line at the entries' column that is no `key:` (a `- ` item, a flow continuation): not a mapping this index can read.
    if (k === undefined) return undefined;
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(at);
    lineStarts.push(lines.starts[l] as number);
  }
  return { byKey, lineStarts };
}

/** The key of a `key:` entry starting at `at` (plain, or quoted as written), as locate matches keys; undefined for anything else. */
function entryKey(text: string, at: number, end: number): string | undefined {
  const c = text.charCodeAt(at);
  if (c === 34 || c === 39) {
    const close = text.indexOf(String.fromCharCode(c), at + 1);
    return close < 0 || close >= end ? undefined : text.slice(at + 1, close);
  }
  if (c === 45 || c === 35 || c === 63) return undefined;
  for (let i = at; i < end; i++) {
    if (text.charCodeAt(i) !== 58) continue;
    const n = text.charCodeAt(i + 1);
    if (i + 1 >= end || n === 32 || n === 9 || n === 13 || n === 10) return text.slice(at, i).trimEnd();
  }
  return undefined;
}
