import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, rmdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { AssayError } from "../core/errors.js";
import { readOsvRecord } from "./osv-record.js";
import { OFFLINE_HINT } from "./update-command.js";
import { SetWriter } from "./store-write.js";
import type { SetEntry } from "./store-format.js";
import { DEFAULT_ZIP_LIMITS, readZipEntries, type ZipLimits } from "./zip-records.js";

// `assay db update`: each ecosystem's all.zip is streamed to a temporary file (hashed on the way,
// bounded in size), read entry by entry into a new record set, and only then made current. A
// failure at any point leaves the store as it was.

/** The ecosystems `db update` fetches by default: those assay has lockfile parsers and version orders for. */
export const DEFAULT_UPDATE_ECOSYSTEMS = ["npm", "PyPI", "Go", "crates.io", "RubyGems", "Packagist", "Maven", "NuGet", "Pub", "Hex", "CRAN", "Hackage", "SwiftURL", "GitHub Actions"];

/** Settings of one update. */
export interface UpdateOptions {
  store: string;
  ecosystems: readonly string[];
  /** Base URL of the bucket (or a mirror); `<base>/<Ecosystem>/all.zip` is fetched. */
  baseUrl: string;
  now?: () => Date;
  limits?: Partial<ZipLimits> & { maxDownloadBytes?: number };
  /** Progress lines for people (stderr). */
  onProgress?: (line: string) => void;
  /** An ecosystem left as it was while the others go on (said as a warning; progress lines when absent). */
  onWarning?: (line: string) => void;
  timeoutMs?: number;
}

/** The URL of an ecosystem's archive. */
export function archiveUrl(baseUrl: string, ecosystem: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(ecosystem)}/all.zip`;
}

/** Downloads and indexes each ecosystem in turn; returns the new sets. The first failure is thrown after the others were tried. */
export async function updateStore(opts: UpdateOptions): Promise<SetEntry[]> {
  const out: SetEntry[] = [];
  let failure: unknown;
  const created = !existsSync(opts.store);
  try {
    await updateEach(opts, out, (e) => (failure ??= e));
  } finally {
    // The downloads' folder holds nothing once each download is removed; a store this update created
    // and left empty (the source was unreachable) is not left behind either.
    removeIfEmpty(join(opts.store, "tmp"));
    if (created) {
      removeIfEmpty(join(opts.store, "sets"));
      removeIfEmpty(opts.store);
    }
  }
  if (failure !== undefined) throw failure;
  return out;
}

/** Removes a folder only when it exists and is empty. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Missing or not empty: nothing to tidy.
  }
}

async function updateEach(opts: UpdateOptions, out: SetEntry[], fail: (e: unknown) => void): Promise<void> {
  for (const ecosystem of opts.ecosystems) {
    try {
      out.push(await updateOne(opts, ecosystem));
    } catch (e) {
      // One ecosystem's failure (a mirror without it, a broken archive) leaves its old set and does not stop the others.
      fail(e);
      // A source that cannot be reached at all (no route, refused, unknown host) will not answer for the next ecosystem either.
      if (unreachable(e)) break;
      if (opts.ecosystems.length > 1) (opts.onWarning ?? opts.onProgress)?.(`${ecosystem}: not updated: ${e instanceof AssayError ? e.message : String(e)}`);
    }
  }
}

async function updateOne(opts: UpdateOptions, ecosystem: string): Promise<SetEntry> {
  const say = opts.onProgress ?? (() => undefined);
  const url = archiveUrl(opts.baseUrl, ecosystem);
  const tmpDir = join(opts.store, "tmp");
  mkdirSync(tmpDir, { recursive: true });
  const zipPath = join(tmpDir, `${ecosystem.replace(/[^A-Za-z0-9.-]/g, "_")}-${randomBytes(4).toString("hex")}.zip`);
  let writer: SetWriter | undefined;
  try {
    say(`${ecosystem}: downloading ${url}`);
    const { sha256, bytes } = await download(url, zipPath, opts, (done, total) => say(`${ecosystem}: ${mb(done)}${total ? ` of ${mb(total)}` : ""} downloaded`));
    say(`${ecosystem}: ${mb(bytes)} downloaded (sha256 ${sha256}); indexing`);
    const w = (writer = new SetWriter(opts.store, ecosystem, "osv"));
    let withdrawn = 0;
    let skipped = 0;
    let seen = 0;
    await readZipEntries(zipPath, { ...DEFAULT_ZIP_LIMITS, ...opts.limits }, (_name, buf) => {
      seen++;
      if (seen % 20_000 === 0) say(`${ecosystem}: ${seen} records read`);
      let record;
      try {
        record = readOsvRecord(JSON.parse(buf.toString("utf8")));
      } catch {
        skipped++;
        return;
      }
      if (record.withdrawn) withdrawn++;
      else if (!w.add(record)) skipped++;
    }, url);
    const entry = w.commit({ updated: (opts.now?.() ?? new Date()).toISOString(), origin: url, sha256, withdrawn, skipped });
    writer = undefined;
    say(`${ecosystem}: ${entry.records} records (${withdrawn} withdrawn and ${skipped} unreadable left out)`);
    return entry;
  } catch (e) {
    writer?.abandon();
    throw e;
  } finally {
    rmSync(zipPath, { force: true });
  }
}

const UNREACHABLE = new WeakSet<AssayError>();

function unreachable(e: unknown): boolean {
  return e instanceof AssayError && UNREACHABLE.has(e);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

async function download(url: string, path: string, opts: UpdateOptions, progress: (done: number, total: number | undefined) => void): Promise<{ sha256: string; bytes: number }> {
  const max = opts.limits?.maxDownloadBytes ?? 4 * 1024 * 1024 * 1024;
  const failed = (message: string, cause?: unknown): AssayError => new AssayError("ADVISORY_DOWNLOAD_FAILED", `${url}: ${message}`, { hint: `check the network or the mirror (--source, ASSAY_OSV_URL); the old store is untouched; ${OFFLINE_HINT}`, cause });
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30 * 60 * 1000), redirect: "follow" });
  } catch (e) {
    const error = failed(`cannot connect (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`, e);
    UNREACHABLE.add(error);
    throw error;
  }
  if (!res.ok || !res.body) throw failed(`HTTP ${res.status}${res.status === 404 ? " (no such ecosystem in the bucket?)" : ""}`);
  const total = Number(res.headers.get("content-length")) || undefined;
  if (total !== undefined && total > max) throw failed(`is ${total} bytes (at most ${max})`);
  const hash = createHash("sha256");
  let bytes = 0;
  let lastReport = 0;
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  body.on("data", (c: Buffer) => {
    bytes += c.length;
    hash.update(c);
    if (bytes > max) body.destroy(failed(`is larger than ${max} bytes`));
    if (bytes - lastReport >= 16 * 1024 * 1024) {
      lastReport = bytes;
      progress(bytes, total);
    }
  });
  try {
    // Made again here, not only before the request: another update of the same store may have tidied the empty folder away meanwhile.
    mkdirSync(dirname(path), { recursive: true });
    await pipeline(body, createWriteStream(path));
  } catch (e) {
    throw e instanceof AssayError ? e : failed(e instanceof Error ? e.message : String(e), e);
  }
  return { sha256: hash.digest("hex"), bytes };
}
