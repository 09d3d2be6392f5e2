import { randomUUID } from "node:crypto";
import { isScalar, parseDocument, Scalar, visit } from "yaml";
import { ParseFailure } from "../../core/files.js";
import { lineIndex, type LineIndex } from "../../core/line-index.js";
import { checkExpansion, loadYamlData, MAX_YAML_BYTES, MAX_YAML_DATA_BYTES, MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS } from "../formats/yaml-bounds.js";
import { splitDocuments } from "../formats/yaml-documents.js";
import { lineAtOrAfter, lineTable, loadBlockYamlLines, type LineTable } from "../formats/yaml-fast-data.js";

export { splitDocuments };

/**
 * A multi-document YAML stream read fast: each `---` document is loaded on its own as plain data
 * (about ten times faster than a full syntax tree; manifests come by the thousand), within the
 * bounds of every YAML load (yaml-bounds.ts). Positions are found afterwards, only for what a
 * finding points at, by `locate`.
 */
export interface StreamDocument {
  /** 0-based index in the stream. */
  index: number;
  /** UTF-16 offsets of the document's text in the file (separator line excluded). */
  start: number;
  end: number;
  /** The parsed value; undefined for an empty document or one that failed to parse. */
  value: unknown;
  /** True when every mapping's keys are known to be unique (read by the fast path, which refuses a key written twice). */
  uniqueKeys?: true;
  /** The stream's measured lines, shared by its documents: `locate` steps over entries with them. */
  lines?: LineTable;
  /**
   * The stream's measured lines for every document, whichever parser read it, to index a mapping's
   * entries (`lines` is set only where `locate` may use them: not for a document the full parser
   * read, which may hold merge keys whose anchors only a search of the text follows).
   */
  table?: LineTable;
  /** Why the document could not be parsed, with its 1-based position in the file. */
  error?: { message: string; line: number; column: number };
}


/** Parses every document of a stream; one document's error never hides the others. Past MAX_YAML_DOCUMENTS, one error says the rest was not parsed. */
export function parseStream(text: string): StreamDocument[] {
  // The lines are measured once for the whole stream: split at them, and each plain document is then read in place.
  const table = text.length <= MAX_YAML_DATA_BYTES ? lineTable(text) : undefined;
  const parts = splitDocuments(text, table);
  // One index for the stream (built on the first error): positions of many broken documents stay linear.
  const ix = lineIndex(text);
  const out = parts.slice(0, MAX_YAML_DOCUMENTS).map((p, index) => parseOne(text, ix, table, p.start, p.end, index));
  const rest = parts[MAX_YAML_DOCUMENTS];
  if (rest) {
    const message = `more than ${MAX_YAML_DOCUMENTS.toLocaleString("en")} documents; the rest was not parsed`;
    out.push({ index: MAX_YAML_DOCUMENTS, start: rest.start, end: text.length, value: undefined, error: { message, ...ix.positionAt(rest.start) } });
  }
  return out;
}

function parseOne(text: string, ix: LineIndex, table: LineTable | undefined, start: number, end: number, index: number): StreamDocument {
  if (table && end - start <= MAX_YAML_DATA_BYTES) {
    // A document that starts at a line's start (not `--- value`) and is plain block YAML: no copy, no js-yaml.
    const from = lineAtOrAfter(table, start);
    if (from < table.count ? table.starts[from] === start : start === text.length) {
      const fast = loadBlockYamlLines(table, from, lineAtOrAfter(table, end), MAX_YAML_DEPTH);
      if (fast?.withinBounds) return { index, start, end, value: fast.value, uniqueKeys: true, lines: table, table };
    }
  }
  const chunk = text.slice(start, end);
  const failed = (e: ParseFailure): StreamDocument => ({ index, start, end, value: undefined, error: { message: e.message, ...inFile(ix, start, e) } });
  try {
    return { index, start, end, value: loadYamlData(chunk), ...(table ? { table } : {}) };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    // Bounds crossed: final. A syntax error may be a custom tag (`!Ref`) only the full parser accepts: ask it.
    if (/not parsed$/.test(e.message) || chunk.length > MAX_YAML_BYTES) return failed(e);
    const doc = parseDocument(chunk, { uniqueKeys: false, prettyErrors: false });
    const err = doc.errors[0];
    if (err) return { index, start, end, value: undefined, error: { message: firstLine(err.message), ...ix.positionAt(start + err.pos[0]) } };
    try {
      // The library finds each alias's anchor by walking the document: 15,000 aliases took seconds, more would take minutes.
      let aliases = 0;
      visit(doc, {
        Alias: () => (++aliases > MAX_ALIASES ? visit.BREAK : undefined),
        // Only a plain `<<` is a merge key (YAML 1.1, go-yaml, js-yaml); a quoted "<<" is an ordinary key.
        Pair: (_, pair) => {
          const key = pair.key;
          if (isScalar(key) && key.value === "<<" && (key.type === undefined || key.type === Scalar.PLAIN)) key.value = MERGE_KEY;
        },
      });
      if (aliases > MAX_ALIASES) throw new ParseFailure(`more than ${MAX_ALIASES.toLocaleString("en")} aliases; not parsed`);
      // Aliases resolve to shared values (no count limit needed): the expansion bound below judges them.
      const value: unknown = doc.toJS({ maxAliasCount: -1 });
      checkExpansion(value, chunk);
      applyMerges(value);
      return { index, start, end, value, ...(table ? { table } : {}) };
    } catch (e2) {
      return failed(e2 instanceof ParseFailure ? e2 : e);
    }
  }
}

/** A failure's position in a document, as a position in the whole stream. */
function inFile(ix: LineIndex, start: number, e: ParseFailure): { line: number; column: number } {
  const base = ix.positionAt(start);
  const line = e.line ?? 1;
  const column = e.column ?? 1;
  return { line: base.line + line - 1, column: line === 1 ? base.column + column - 1 : column };
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "").replace(/ \(\d+:\d+\)$/, "");
}

/** Aliases in one document the full parser resolves, at most (a Compose file shares a few anchors among its services). */
const MAX_ALIASES = 10_000;

/** What a plain `<<` key is renamed to before conversion: no document can write it (a fresh UUID per process), so a quoted "<<" never merges. */
const MERGE_KEY = `\u0000<<${randomUUID()}`;

/** Entries merge keys may copy in one document: a map of 10,000 keys merged into 10,000 others ran the process out of memory. */
const MAX_MERGED_ENTRIES = 1_000_000;

/**
 * YAML 1.1's merge keys (`<<: *defaults`, `<<: [*a, *b]`), as kubectl and docker compose apply
 * them, in a value the library read with `<<` left a plain key (YAML 1.2's default): the maps named
 * fill in the keys the map does not set, the first named winning. js-yaml applies them on the
 * usual path; this is the path for documents past its bounds, where leaving `<<` a key hid every
 * setting a Compose service or a pod took through an anchor (15,000 services made privileged that
 * way passed). Each map is merged once (aliases share it), its sources first; past
 * MAX_MERGED_ENTRIES copied entries the document is refused, never judged half-merged.
 */
function applyMerges(root: unknown): void {
  const done = new Set<object>();
  const active = new Set<object>();
  let left = MAX_MERGED_ENTRIES;
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== "object" || done.has(v) || active.has(v) || depth > MAX_YAML_DEPTH) return;
    active.add(v);
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else {
      const o = v as Record<string, unknown>;
      for (const x of Object.values(o)) visit(x, depth + 1);
      if (Object.hasOwn(o, MERGE_KEY)) {
        const from = o[MERGE_KEY];
        delete o[MERGE_KEY];
        const own = new Set(Object.keys(o));
        for (const src of Array.isArray(from) ? from : [from]) {
          if (src === null || typeof src !== "object" || Array.isArray(src)) continue;
          for (const [k, x] of Object.entries(src as Record<string, unknown>)) {
            if (--left < 0) throw new ParseFailure(`merge keys (<<) copy more than ${MAX_MERGED_ENTRIES.toLocaleString("en")} entries; not parsed`);
            if (!own.has(k)) {
              o[k] = x;
              own.add(k);
            }
          }
        }
      }
    }
    active.delete(v);
    done.add(v);
  };
  visit(root, 0);
}
