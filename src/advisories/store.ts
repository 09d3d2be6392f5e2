import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import type { AdvisoryDatabase, AdvisoryRecord, AdvisoryStatus } from "../core/advisories.js";
import { AssayError } from "../core/errors.js";
import { foldedKey, packageKey } from "./package-key.js";
import { updateCommand } from "./update-command.js";
import { MANIFEST, SETS, STORE_FORMAT, type Manifest, type SetEntry } from "./store-format.js";

// Opening reads only the manifest; a set's index is read the first time a package of its
// ecosystem is looked up, and records are read by offset, so a scan touches only what it needs.

const MAX_SPAN = 64 * 1024 * 1024;

interface LoadedSet {
  entry: SetEntry;
  index: Record<string, number[]>;
  fd: number;
  /** For ecosystems looked up without letter case (foldedKey): the index's keys by folded key. */
  folded?: Map<string, string[]>;
}

/** Reads and checks the manifest of a store folder; undefined when there is no store there. */
export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new AssayError("ADVISORY_DB_INVALID", `the advisory store's manifest cannot be read: ${path} (${e instanceof Error ? e.message : String(e)})`, { hint: "run `assay db update` to rebuild it" });
  }
  const manifest = m as Partial<Manifest>;
  if (manifest.format !== STORE_FORMAT || !Array.isArray(manifest.sets)) throw new AssayError("ADVISORY_DB_INVALID", `unsupported advisory store format in ${path}`, { hint: "run `assay db update` to rebuild it" });
  return manifest as Manifest;
}

/** An open, read-only advisory store. */
export class AdvisoryStore implements AdvisoryDatabase {
  readonly status: AdvisoryStatus;
  private readonly sets: SetEntry[];
  private readonly loaded = new Map<string, LoadedSet>();
  private readonly cache = new Map<string, readonly AdvisoryRecord[]>();

  private constructor(readonly location: string, manifest: Manifest) {
    this.sets = manifest.sets;
    this.status = {
      location,
      ecosystems: manifest.sets.map((s) => ({ ecosystem: s.ecosystem, source: s.source, records: s.records, updated: s.updated, origin: s.origin, ...(s.sha256 ? { sha256: s.sha256 } : {}) })),
    };
  }

  /** Opens the store in `dir`; undefined when there is none. */
  static open(dir: string): AdvisoryStore | undefined {
    const manifest = readManifest(dir);
    return manifest ? new AdvisoryStore(dir, manifest) : undefined;
  }

  lookup(ecosystem: string, name: string): readonly AdvisoryRecord[] {
    const key = packageKey(ecosystem, name);
    const cacheKey = `${ecosystem}\u0000${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const out: AdvisoryRecord[] = [];
    for (const entry of this.sets) {
      if (entry.ecosystem !== ecosystem) continue;
      const set = this.load(entry);
      // The index is keyed as records write the name; a folded ecosystem finds every spelling of it.
      for (const k of set.folded ? (set.folded.get(foldedKey(ecosystem, name)) ?? []) : [key]) {
        const spans = Object.hasOwn(set.index, k) ? set.index[k] : undefined;
        if (!spans) continue;
        for (let i = 0; i + 1 < spans.length; i += 2) out.push(this.readRecord(set, spans[i] as number, spans[i + 1] as number));
      }
    }
    this.cache.set(cacheKey, out);
    return out;
  }

  /** Every record of one set, in file order (for `db export` and rebuilding imported sets). */
  *records(entry: SetEntry, file: "records.jsonl" | "raw.jsonl" = "records.jsonl"): Generator<unknown> {
    const text = readFileSync(join(this.location, SETS, entry.dir, file), "utf8");
    for (const line of text.split("\n")) if (line.trim() !== "") yield JSON.parse(line);
  }

  /** The manifest's sets. */
  get entries(): readonly SetEntry[] {
    return this.sets;
  }

  /** Loads every index now (so timings of a later scan do not include it). */
  warm(ecosystems?: readonly string[]): void {
    for (const e of this.sets) if (!ecosystems || ecosystems.includes(e.ecosystem)) this.load(e);
  }

  /** Closes the files the store opened. */
  close(): void {
    for (const s of this.loaded.values()) closeSync(s.fd);
    this.loaded.clear();
    this.cache.clear();
  }

  private load(entry: SetEntry): LoadedSet {
    let set = this.loaded.get(entry.dir);
    if (set) return set;
    const dir = join(this.location, SETS, entry.dir);
    try {
      const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as Record<string, number[]>;
      set = { entry, index, fd: openSync(join(dir, "records.jsonl"), "r") };
      if (foldedKey(entry.ecosystem, "A") !== packageKey(entry.ecosystem, "A")) {
        const folded = new Map<string, string[]>();
        for (const k of Object.keys(index)) {
          const f = foldedKey(entry.ecosystem, k);
          const ks = folded.get(f);
          if (ks) ks.push(k);
          else folded.set(f, [k]);
        }
        set.folded = folded;
      }
    } catch (e) {
      throw new AssayError("ADVISORY_DB_INVALID", `the advisory store's ${entry.ecosystem} records cannot be read in ${dir} (${e instanceof Error ? e.message : String(e)})`, { hint: `run \`${updateCommand(entry.ecosystem)}\`` });
    }
    this.loaded.set(entry.dir, set);
    return set;
  }

  private readRecord(set: LoadedSet, offset: number, length: number): AdvisoryRecord {
    if (!(length > 0 && length <= MAX_SPAN)) throw new AssayError("ADVISORY_DB_INVALID", `the advisory store's ${set.entry.ecosystem} index is damaged`, { hint: `run \`${updateCommand(set.entry.ecosystem)}\`` });
    const buf = Buffer.alloc(length);
    const n = readSync(set.fd, buf, 0, length, offset);
    try {
      return JSON.parse(buf.toString("utf8", 0, n)) as AdvisoryRecord;
    } catch {
      throw new AssayError("ADVISORY_DB_INVALID", `the advisory store's ${set.entry.ecosystem} records are damaged`, { hint: `run \`${updateCommand(set.entry.ecosystem)}\`` });
    }
  }
}
