// The worker-thread side of the text-scan service: it receives paths to read and scan (with the
// guards of file-scan.ts; all of them, or the chunks it claims from a shared count) or a batch of
// `git log -p` output, runs the named scanner and posts the matches back.
import { parentPort, workerData } from "node:worker_threads";
import type { TextScanFunction, TextScanner } from "../core/text-scan.js";
import { FileClaims } from "./file-claims.js";
import { scanFileBatch, type FileBatchResult } from "./file-scan.js";
import type { FolderState } from "./guarded-read.js";
import { scanPatchBatch, type PatchBatchResult } from "./patch-scan.js";
import { pathVerdict, type ScanFilterSettings } from "./scan-filter.js";

/** Scanners by id, as registered by the code that wires the pipeline. */
export type ScannerRegistry = Readonly<Record<string, TextScanner<unknown>>>;

/** A job for a worker. */
export type WorkerJob =
  | {
      id: number;
      kind: "files";
      scanner: string;
      root: string;
      paths: string[];
      settings: ScanFilterSettings;
      /** Unique per scan in the process: batches of one scan share their folder checks. */
      scan?: number;
      /** Looked for in every file read (see scanFileBatch). */
      needle?: string;
      /** Set when threads share the paths: this one scans the chunks it claims (FileClaims), as `slot`. */
      claims?: ClaimsOfJob;
    }
  | { id: number; kind: "patch"; scanner: string; bytes: Uint8Array; settings: ScanFilterSettings; /** The bytes' memory is lent: it moves to the worker and comes back with the answer (BatchPool). */ lend?: boolean };

/** The shared claims on a file job's paths (see FileClaims), and the slot a thread claims as. */
export interface ClaimsOfJob {
  buffer: SharedArrayBuffer;
  chunk: number;
  slots: number;
  slot: number;
}

/** What the main thread hands a text-scan worker thread when it starts it. */
export interface TextScanWorkerData {
  assayTextScanWorker: true;
  /** One Int32: each thread adds 1 once it can scan, so the main thread knows without reading its messages. */
  booted?: SharedArrayBuffer;
  /** The V8 flags the main thread set at run time, some of which the thread's boot undid (see core/v8-flags.ts). */
  v8Flags?: string;
}

/** A worker's answer (`bytes`: a lent batch's memory, handed back). */
export type WorkerReply =
  | { id: number; files: FileBatchResult<unknown> }
  | { id: number; patch: PatchBatchResult<unknown>; bytes?: Uint8Array }
  | { id: number; error: string; bytes?: Uint8Array }
  | { ready: true };

/** Runs one job: shared by worker threads and by the main thread when it scans by itself. */
export function runJob(job: WorkerJob, scannerFor: (id: string) => TextScanFunction<unknown> | undefined): WorkerReply {
  const fn = scannerFor(job.scanner);
  if (!fn) return { id: job.id, error: `no text scanner named ${job.scanner} in this thread` };
  try {
    if (job.kind === "files") {
      if (job.claims) return { id: job.id, files: scanClaimedFiles(job, job.claims, fn) };
      return { id: job.id, files: scanFileBatch(job.root, job.paths, job.settings, fn, folderChecks(job.scan, job.root), job.needle) };
    }
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    return { id: job.id, patch: scanPatchBatch(bytes, fn, (p) => pathVerdict(p, job.settings), job.settings.scanMinified) };
  } catch (e) {
    return { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The chunks of a shared file job this thread claims, until none is left; nothing when the scan ended before the thread joined. */
function scanClaimedFiles(job: Extract<WorkerJob, { kind: "files" }>, c: ClaimsOfJob, fn: TextScanFunction<unknown>): FileBatchResult<unknown> {
  const claims = new FileClaims(job.paths.length, c.chunk, c.slots, c.buffer);
  let claimed = 0;
  function* counted(): Generator<[number, number]> {
    if (!claims.join(c.slot)) return;
    for (const r of claims.ranges(c.slot)) {
      claimed++;
      yield r;
    }
  }
  const files = scanFileBatch(job.root, job.paths, job.settings, fn, folderChecks(job.scan, job.root), job.needle, counted());
  files.claimed = claimed;
  return files;
}

let folders: { key: string; dirs: Map<string, FolderState> } | undefined;

/**
 * The folder checks of the current scan on this thread (a fresh map for a job that names no scan):
 * a folder is checked once per scan, as the workspace's own reader does, never across scans.
 */
function folderChecks(scan: number | undefined, root: string): Map<string, FolderState> {
  if (scan === undefined) return new Map();
  const key = `${scan}\u0000${root}`;
  if (folders?.key !== key) folders = { key, dirs: new Map() };
  return folders.dirs;
}

/** Scanner functions built once per thread. */
export function scannerCache(registry: ScannerRegistry): (id: string) => TextScanFunction<unknown> | undefined {
  const built = new Map<string, TextScanFunction<unknown>>();
  return (id) => {
    let fn = built.get(id);
    if (!fn) {
      const scanner = registry[id];
      if (!scanner) return undefined;
      fn = scanner.create();
      built.set(id, fn);
    }
    return fn;
  };
}

let serving = false;

/** The worker thread's loop: answers jobs until the main thread terminates it (once per thread, however often it is called). */
export function serveTextScans(registry: ScannerRegistry): void {
  const port = parentPort;
  if (!port || serving) return;
  serving = true;
  const data = workerData as Partial<TextScanWorkerData> | null;
  const scannerFor = scannerCache(registry);
  port.on("message", (job: WorkerJob) => {
    const reply = runJob(job, scannerFor);
    // A lent batch goes back with its answer, for the next batch (nothing in the answer points into it).
    if (job.kind === "patch" && job.lend === true && "id" in reply && !("files" in reply)) port.postMessage({ ...reply, bytes: job.bytes }, [job.bytes.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
  // Built now, while the main thread still lists the checkout, not on the first job.
  for (const id of Object.keys(registry)) scannerFor(id);
  const booted = data?.booted;
  if (booted instanceof SharedArrayBuffer) Atomics.add(new Int32Array(booted), 0, 1);
  port.postMessage({ ready: true } satisfies WorkerReply);
}
