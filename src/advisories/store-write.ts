import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { AdvisoryRecord } from "../core/advisories.js";
import { AssayError } from "../core/errors.js";
import { baseEcosystem, packageKey } from "./package-key.js";
import { readManifest } from "./store.js";
import { MANIFEST, SETS, STORE_FORMAT, type Manifest, type SetEntry } from "./store-format.js";

/** Writes one record set into a fresh folder; `commit` makes it current. */
export class SetWriter {
  readonly dir: string;
  readonly id: string;
  private readonly fd: number;
  private readonly rawFd: number | undefined;
  private offset = 0;
  private readonly index = new Map<string, number[]>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  count = 0;

  constructor(readonly store: string, readonly ecosystem: string, readonly source: "osv" | "local") {
    this.id = `${ecosystem.replace(/[^A-Za-z0-9.-]/g, "_")}-${source}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    this.dir = join(store, SETS, this.id);
    mkdirSync(this.dir, { recursive: true });
    this.fd = openSync(join(this.dir, "records.jsonl"), "w");
    this.rawFd = source === "local" ? openSync(join(this.dir, "raw.jsonl"), "w") : undefined;
  }

  /** Adds a record under every name of this ecosystem it affects; false when it affects none here. */
  add(record: AdvisoryRecord, raw?: unknown): boolean {
    const keys = [...new Set(record.affected.filter((a) => baseEcosystem(a.ecosystem) === this.ecosystem).map((a) => packageKey(a.ecosystem, a.name)))];
    if (keys.length === 0) return false;
    // Only this ecosystem's entries are kept: lookups are per ecosystem.
    const kept: AdvisoryRecord = { ...record, affected: record.affected.filter((a) => baseEcosystem(a.ecosystem) === this.ecosystem) };
    const line = Buffer.from(`${JSON.stringify(kept)}\n`, "utf8");
    for (const key of keys) {
      let spans = this.index.get(key);
      if (!spans) this.index.set(key, (spans = []));
      spans.push(this.offset, line.length - 1);
    }
    this.push(line);
    if (this.rawFd !== undefined && raw !== undefined) writeSync(this.rawFd, `${JSON.stringify(raw)}\n`);
    this.count++;
    return true;
  }

  private push(line: Buffer): void {
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.offset += line.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Finishes the files (flushed to disk) and makes the set current in the manifest. */
  commit(meta: Omit<SetEntry, "ecosystem" | "source" | "dir" | "records">): SetEntry {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    if (this.rawFd !== undefined) {
      fsyncSync(this.rawFd);
      closeSync(this.rawFd);
    }
    const indexPath = join(this.dir, "index.json");
    writeFileSync(indexPath, JSON.stringify(Object.fromEntries(this.index)));
    const fd = openSync(indexPath, "r");
    fsyncSync(fd);
    closeSync(fd);
    const entry: SetEntry = { ecosystem: this.ecosystem, source: this.source, dir: this.id, records: this.count, ...meta };
    updateManifest(this.store, (m) => ({ ...m, sets: [...m.sets.filter((s) => !(s.ecosystem === entry.ecosystem && s.source === entry.source)), entry].sort((a, b) => (a.ecosystem + a.source < b.ecosystem + b.source ? -1 : 1)) }));
    return entry;
  }

  /** Throws the half-written set away. */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    if (this.rawFd !== undefined) {
      try {
        closeSync(this.rawFd);
      } catch {
        // already closed
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Replaces the manifest atomically under the store's lock, then removes sets nothing names. */
export function updateManifest(store: string, change: (m: Manifest) => Manifest): Manifest {
  return withLock(store, () => {
    const current = readManifest(store) ?? { format: STORE_FORMAT, sets: [] };
    const next = change(current);
    const tmp = join(store, `${MANIFEST}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
    const fd = openSync(tmp, "r");
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(store, MANIFEST));
    collectGarbage(store, next);
    return next;
  });
}

/** Removes set folders the manifest no longer names (and temporary files of interrupted runs older than a day). */
function collectGarbage(store: string, manifest: Manifest): void {
  const live = new Set(manifest.sets.map((s) => s.dir));
  const setsDir = join(store, SETS);
  if (!existsSync(setsDir)) return;
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(setsDir)) {
    if (live.has(name)) continue;
    const path = join(setsDir, name);
    // A set being written by another process right now is young: leave it alone.
    try {
      if (statSync(path).mtimeMs > dayAgo && !isSuperseded(name, manifest)) continue;
    } catch {
      continue;
    }
    rmSync(path, { recursive: true, force: true });
  }
}

/** True when a folder is an older generation of a set the manifest already has a newer one of. */
function isSuperseded(name: string, manifest: Manifest): boolean {
  const m = /^(.*)-(osv|local)-([0-9a-z]+)-[0-9a-f]{8}$/.exec(name);
  if (!m) return false;
  const current = manifest.sets.find((s) => s.dir.startsWith(`${m[1]}-${m[2]}-`));
  const currentStamp = current ? /-([0-9a-z]+)-[0-9a-f]{8}$/.exec(current.dir)?.[1] : undefined;
  return currentStamp !== undefined && parseInt(m[3] as string, 36) < parseInt(currentStamp, 36);
}

const LOCK = ".lock";
const STALE_MS = 10 * 60 * 1000;

/** Runs `fn` holding the store's lock file (an exclusive create); a lock older than ten minutes is taken over. */
export function withLock<T>(store: string, fn: () => T): T {
  mkdirSync(store, { recursive: true });
  const path = join(store, LOCK);
  let fd: number | undefined;
  for (let attempt = 0; attempt < 2 && fd === undefined; attempt++) {
    try {
      fd = openSync(path, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let age = 0;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (age > STALE_MS) rmSync(path, { force: true });
      else throw new AssayError("ADVISORY_DB_BUSY", `another assay is changing the advisory store in ${store}`, { hint: `wait for it to finish, or remove ${path} if none is running` });
    }
  }
  if (fd === undefined) throw new AssayError("ADVISORY_DB_BUSY", `cannot lock the advisory store in ${store}`, { hint: `remove ${path} if no assay is running` });
  try {
    writeSync(fd, String(process.pid));
    return fn();
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}
