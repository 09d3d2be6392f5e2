import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { visit, type Document } from "yaml";
import type { AdvisoryRecord } from "../core/advisories.js";
import { ParseFailure } from "../core/files.js";
import { parseJson } from "../ecosystems/formats/json.js";
import { parseYaml } from "../ecosystems/formats/yaml.js";
import { OsvRecordError, readOsvRecord } from "./osv-record.js";
import { baseEcosystem } from "./package-key.js";
import { AdvisoryStore } from "./store.js";
import { SetWriter } from "./store-write.js";
import type { SetEntry } from "./store-format.js";

// `assay db import`: OSV records in JSON or YAML (one file each, a folder of them, or an export
// document) become the store's local sets, which match exactly like downloaded ones and are
// marked local in reports. A file that is not an OSV record is one problem with its position;
// the other files are still imported.

/** The document `assay db export` writes and `db import` reads back. */
export interface ExportDocument {
  assayAdvisories: 1;
  exported: string;
  records: unknown[];
}

/** One record read from a file. */
export interface ReadRecord {
  record: AdvisoryRecord;
  raw: unknown;
  path: string;
}

/** A file that could not be read as advisories. */
export interface ImportProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

const MAX_FILES = 200_000;
/** `PK\x03\x04`, how a zip archive's first entry opens. */
const ZIP_MAGIC = 0x04034b50;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Reads every advisory under a file or folder (`.json`, `.yaml`, `.yml`; symbolic links are not followed). */
export function readAdvisoryFiles(target: string, display: string): { records: ReadRecord[]; problems: ImportProblem[]; sha256: string } {
  const records: ReadRecord[] = [];
  const problems: ImportProblem[] = [];
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (path: string, depth: number): void => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if (depth > 32) return;
      for (const name of readdirSync(path).sort()) {
        if (name.startsWith(".")) continue;
        walk(join(path, name), depth + 1);
        if (files.length > MAX_FILES) return;
      }
    } else if (st.isFile() && /\.(json|ya?ml)$/i.test(path)) files.push(path);
  };
  const top = lstatSync(target);
  if (top.isFile()) files.push(target);
  else walk(target, 0);
  if (files.length > MAX_FILES) problems.push({ path: display, message: `holds more than ${MAX_FILES} files; the rest were not read` });
  for (const file of files.slice(0, MAX_FILES)) {
    const shown = top.isFile() ? display : join(display, relative(target, file));
    // Measured before it is read: a file past the bound is never loaded (past 2 GiB, reading it would throw and end the import).
    if (lstatSync(file).size > MAX_FILE_BYTES) {
      problems.push({ path: shown, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; not read` });
      continue;
    }
    const bytes = readFileSync(file);
    hash.update(bytes);
    if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_MAGIC) {
      problems.push({ path: shown, message: "a zip archive (such as the OSV bucket's all.zip): unpack it and import the folder", line: 1, column: 1 });
      continue;
    }
    readDocument(bytes.toString("utf8"), shown, /\.ya?ml$/i.test(file), records, problems);
  }
  return { records, problems, sha256: hash.digest("hex") };
}

/** Reads one file's text: an OSV record, a list of them, or an export document. */
export function readDocument(text: string, path: string, yaml: boolean, records: ReadRecord[], problems: ImportProblem[]): void {
  let value: unknown;
  try {
    value = yaml ? scalarsAsWritten(parseYaml(text).doc).toJS({ maxAliasCount: 1000 }) : parseJson(text).value;
  } catch (e) {
    const f = e instanceof ParseFailure ? e : undefined;
    problems.push({ path, message: f?.message ?? (e instanceof Error ? e.message : String(e)), ...(f?.line !== undefined ? { line: f.line } : {}), ...(f?.column !== undefined ? { column: f.column } : {}) });
    return;
  }
  const items = Array.isArray(value) ? value : isExport(value) ? value.records : [value];
  items.forEach((raw, i) => {
    try {
      records.push({ record: readOsvRecord(raw, { local: true }), raw, path });
    } catch (e) {
      problems.push({ path, message: `${items.length > 1 ? `record ${i + 1}: ` : ""}not an OSV record: ${e instanceof OsvRecordError ? e.message : String(e)}` });
    }
  });
}

/**
 * Every OSV value is text, but YAML reads a plain `fixed: 1.10` or `- 2.0` as a number (1.1, 2),
 * which no event or version list accepts: the `fixed` would be dropped and the range left open to
 * every later version. Such scalars keep the text they were written as.
 */
function scalarsAsWritten(doc: Document.Parsed): Document.Parsed {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "number" && typeof node.source === "string") node.value = node.source;
    },
  });
  return doc;
}

function isExport(v: unknown): v is ExportDocument {
  // Written as YAML, the format's version keeps its text ("1") like every other number (scalarsAsWritten).
  const version: unknown = (v as { assayAdvisories?: unknown } | null)?.assayAdvisories;
  return typeof v === "object" && v !== null && (version === 1 || version === "1") && Array.isArray((v as ExportDocument).records);
}

/** What an import changed. */
export interface ImportResult {
  added: number;
  replaced: number;
  unchanged: number;
  sets: SetEntry[];
  /** Withdrawn copies imported (each kept as a tombstone that matches nothing). */
  withdrawn: number;
}

/** True when OSV time `a` is later than `b`: RFC 3339 times compared as instants (offsets and fractions are written every way), as strings only when one is not a time. */
function laterThan(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x > y : a > b;
}

/**
 * Merges records into the store's local sets, one per ecosystem: a record replaces the local one
 * with the same id when it is as new or newer (`modified`); a withdrawn record stays as a
 * tombstone that matches nothing, so an older copy imported later cannot bring the record back
 * and a public record of the same id stays replaced (src/advisories/match.ts).
 */
export function importRecords(store: string, incoming: readonly ReadRecord[], origin: string, sha256: string, now: Date): ImportResult {
  const existing = AdvisoryStore.open(store);
  const result: ImportResult = { added: 0, replaced: 0, unchanged: 0, sets: [], withdrawn: 0 };
  const ecosystems = new Set(incoming.flatMap((r) => r.record.affected.map((a) => baseEcosystem(a.ecosystem))));
  for (const ecosystem of [...ecosystems].sort()) {
    const byId = new Map<string, { record: AdvisoryRecord; raw: unknown }>();
    const entry = existing?.entries.find((e) => e.ecosystem === ecosystem && e.source === "local");
    if (existing && entry) {
      const raws = [...existing.records(entry, "raw.jsonl")];
      for (const raw of raws) {
        const record = readOsvRecord(raw, { local: true });
        byId.set(record.id, { record, raw });
      }
    }
    for (const r of incoming) {
      if (!r.record.affected.some((a) => baseEcosystem(a.ecosystem) === ecosystem)) continue;
      const old = byId.get(r.record.id);
      if (old && laterThan(old.record.modified, r.record.modified)) {
        result.unchanged++;
        continue;
      }
      if (r.record.withdrawn) result.withdrawn++;
      else if (old && !old.record.withdrawn) result.replaced++;
      else result.added++;
      byId.set(r.record.id, { record: r.record, raw: r.raw });
    }
    const writer = new SetWriter(store, ecosystem, "local");
    try {
      let tombstones = 0;
      for (const id of [...byId.keys()].sort()) {
        const v = byId.get(id) as { record: AdvisoryRecord; raw: unknown };
        if (writer.add(v.record, v.raw) && v.record.withdrawn) tombstones++;
      }
      // `db status` counts the records that can match; the tombstones are said apart.
      writer.count -= tombstones;
      result.sets.push(writer.commit({ updated: now.toISOString(), origin, sha256, ...(tombstones > 0 ? { withdrawn: tombstones } : {}) }));
    } catch (e) {
      writer.abandon();
      throw e;
    }
  }
  existing?.close();
  return result;
}

/** The local records of the store (optionally of some ecosystems or ids) as an export document. */
export function exportDocument(store: AdvisoryStore, opts: { ecosystems?: readonly string[]; ids?: readonly string[]; now: Date }): ExportDocument {
  const records: unknown[] = [];
  const seen = new Set<string>();
  for (const entry of store.entries) {
    if (entry.source !== "local") continue;
    if (opts.ecosystems && opts.ecosystems.length > 0 && !opts.ecosystems.includes(entry.ecosystem)) continue;
    for (const raw of store.records(entry, "raw.jsonl")) {
      const id = (raw as { id?: unknown }).id;
      if (typeof id !== "string" || seen.has(id)) continue;
      if (opts.ids && opts.ids.length > 0 && !opts.ids.includes(id)) continue;
      seen.add(id);
      records.push(raw);
    }
  }
  records.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  return { assayAdvisories: 1, exported: opts.now.toISOString(), records };
}
