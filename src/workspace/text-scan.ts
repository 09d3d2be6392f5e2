import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { HistoryScanReport, HistoryScanRequest, TextScanFunction, TextScanReport, TextScanRequest, TextScanService, TextScanSkipped } from "../core/text-scan.js";
import { appliedV8Flags } from "../core/v8-flags.js";
import { BatchPool } from "./batch-pool.js";
import { FileClaims } from "./file-claims.js";
import { gitPatchBatches, PATCH_BATCH_BYTES, type PatchCut } from "./history.js";
import type { FileBatchResult } from "./file-scan.js";
import { nextTurn } from "../core/next-turn.js";
import type { PatchBatchResult } from "./patch-scan.js";
import { pathVerdict, type ScanFilterSettings } from "./scan-filter.js";
import { runJob, scannerCache, type ScannerRegistry, type TextScanWorkerData, type WorkerJob, type WorkerReply } from "./text-scan-worker.js";
import type { Workspace } from "./workspace.js";

/** How the service scans. */
export interface TextScanSettings extends ScanFilterSettings {
  /** Diff mode: only these paths (the files a change touched) are scanned. */
  only?: ReadonlySet<string>;
  /** Worker threads; default one per core but the main thread's (at most 8). 0 scans on the main thread only. */
  workers?: number;
  /**
   * Whether the main thread scans beside the worker threads: it claims files as they do, and takes
   * a history batch itself whenever every worker already has two waiting (default true, unless
   * `inline` fixes what it scans). It is idle otherwise, and a core it scans on spares a worker
   * thread's start and warm-up.
   */
  mainShares?: boolean;
  /**
   * Files (or bytes of history) handled on the main thread before workers start. By default the
   * main thread scans until it has spent INLINE_MS on it: a worker costs a core a quarter of a
   * second to boot, more than a small checkout takes to scan.
   */
  inline?: number;
  /** Inventories with more files than this start their workers at once, and keep prestarted ones (default EAGER_FILES). */
  eagerFiles?: number;
  /** Milliseconds of main-thread scanning before workers are considered (default INLINE_MS). */
  inlineMs?: number;
  /** Estimated main-thread scanning left below which workers are not started (default WORKERS_PAY_MS). */
  workersPayMs?: number;
  /** Bytes of `git log -p` output per history job (default PATCH_BATCH_BYTES). */
  patchBatchBytes?: number;
  /**
   * Looked for in every file the scan reads, and what was found told to the workspace
   * (`Workspace.noteNeedle`): the suppression comments' marker, so the report re-reads only the
   * files that hold one.
   */
  needle?: string;
}

/** Scans started in this process: each one's id keys its folder checks on every thread. */
let scans = 0;

/**
 * Files a thread claims at a time: a few milliseconds of scanning, so every thread finishes within
 * that of the others. A claim costs an atomic add; no message goes between the threads.
 */
const CLAIM = 32;
/** The main thread lets the event loop turn this often while it scans (other rules' I/O, progress). */
const TURN_MS = 20;
/** Milliseconds of scanning done on the main thread before worker threads are worth starting. */
const INLINE_MS = 200;
/** Bytes of history scanned on the main thread before workers start (git streams it no faster than one core scans it). */
const INLINE_PATCH_BYTES = 8 * 1024 * 1024;
/** Inventories this large start their workers at once, so the threads boot while the main thread scans. */
const EAGER_FILES = 8192;
/**
 * Main-thread scanning still ahead (estimated) below which workers are not started: booting one
 * costs a core about a quarter of a second, so a checkout of a few thousand files finishes sooner,
 * and with half the CPU, on the main thread alone.
 */
const WORKERS_PAY_MS = 500;
/** Matches kept from history before the scan stops and calls itself incomplete. */
const MAX_HISTORY_MATCHES = 200_000;

/**
 * The parallel text-scan capability of the rule context: it reads every text file of the
 * inventory once through the guarded reader (or streams `git log -p`), and runs a registered
 * scanner over the bytes on worker threads, one per core. Results are cached per scanner, so every
 * rule of a family shares one pass. Scanners found in `registry` run on workers; any other runs on
 * the main thread.
 */
export class TextScanPool implements TextScanService {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly local: ReturnType<typeof scannerCache>;
  private workers: WorkerSet | undefined;
  private workersFailed = false;
  /** Jobs answered by worker threads, counting each chunk of files a thread claimed as one (the rest ran on the main thread). */
  jobsOnWorkers = 0;
  /** Jobs the main thread scanned once worker threads had their share (mainShares). */
  jobsShared = 0;
  /** Buffers made for the batches of history scans (every other batch used one again). */
  patchBuffers = 0;
  /** Work done on the main thread so far: files, bytes of history, and the time it took. */
  private readonly inlineScanned = { files: 0, patch: 0, ms: 0 };
  /** Files of the running file scans not scanned yet. */
  private filesLeft = 0;
  /** Recent milliseconds per file on the main thread (a moving average: the first batches pay for the JIT). */
  private msPerFile: number | undefined;

  constructor(
    private readonly ws: Workspace,
    private readonly registry: ScannerRegistry,
    private readonly settings: TextScanSettings,
    /** The module a worker thread loads: it must call serveTextScans(registry) when it runs as a worker. */
    private readonly workerUrl?: URL,
    /** Threads started while the checkout was listed (prestartTextScanWorkers): kept for a large checkout, else stopped. */
    prestarted?: PrestartedWorkers,
  ) {
    this.local = scannerCache(registry);
    if (prestarted) {
      // Booting them again later would cost what they have already spent; a small checkout is scanned on the main thread without them.
      if (ws.files.length > (settings.eagerFiles ?? EAGER_FILES) && workerUrl !== undefined && this.workerCount() > 0) this.workers = prestarted.set;
      else void prestarted.set.close();
    }
  }

  /** True while worker threads are started: the main thread then mostly waits on them. */
  get usesThreads(): boolean {
    return this.workers !== undefined;
  }

  scan<M>(request: TextScanRequest<M>): Promise<TextScanReport<M>> {
    const key = `files\u0000${request.scanner.id}`;
    let p = this.cache.get(key) as Promise<TextScanReport<M>> | undefined;
    if (!p) {
      p = this.scanFiles(request);
      this.cache.set(key, p);
    }
    return p;
  }

  scanHistory<M>(request: HistoryScanRequest<M>): Promise<HistoryScanReport<M>> {
    const key = `history\u0000${request.scanner.id}\u0000${request.since ?? ""}\u0000${request.headOnly ? "head" : "all"}`;
    let p = this.cache.get(key) as Promise<HistoryScanReport<M>> | undefined;
    if (!p) {
      p = this.scanPatches(request);
      this.cache.set(key, p);
    }
    return p;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.workers?.close();
    this.workers = undefined;
  }

  private async scanFiles<M>(request: TextScanRequest<M>): Promise<TextScanReport<M>> {
    const skipped: TextScanSkipped = { binary: 0, vendored: 0, minified: 0, symlinks: 0, submodules: 0 };
    const only = this.settings.only;
    const paths: string[] = [];
    for (const entry of this.ws.files) {
      if (only && !only.has(entry.path)) continue;
      if (entry.kind === "symlink") skipped.symlinks++;
      else if (entry.kind === "submodule") skipped.submodules++;
      else {
        const byName = pathVerdict(entry.path, this.settings);
        // A minified file is still read, for what is unmistakable in it (file-scan counts it).
        if (byName === "scan" || byName === "minified") paths.push(entry.path);
        else skipped[byName]++;
      }
    }
    const settings: ScanFilterSettings = { scanVendored: this.settings.scanVendored, scanMinified: this.settings.scanMinified };
    const report: TextScanReport<M> = { files: [], scanned: 0, bytes: 0, skipped, unread: [] };
    const needle = this.settings.needle;
    const found: string[] = [];
    const missed = new Set<string>();
    const absorb = (r: FileBatchResult<unknown>): void => {
      if (r.needle) {
        found.push(...r.needle.found);
        for (const p of r.needle.missed) missed.add(p);
      }
      report.files.push(...(r.files as TextScanReport<M>["files"]));
      report.scanned += r.scanned;
      report.bytes += r.bytes;
      skipped.binary += r.skipped.binary;
      skipped.minified += r.skipped.minified;
      report.unread.push(...r.unread);
    };
    const scanner = request.scanner.id;
    const workers = this.usesWorkers(scanner) ? this.workerCount() : 0;
    // Slot 0 is the main thread's; worker thread i claims as slot i + 1.
    const claims = new FileClaims(paths.length, CLAIM, 1 + workers);
    const job: Extract<WorkerJob, { kind: "files" }> = { id: 0, kind: "files", scanner, root: this.ws.root, paths, settings, scan: ++scans, ...(needle !== undefined ? { needle } : {}) };
    const here = (from: number, to: number): void => {
      const reply = this.runHere({ ...job, paths: paths.slice(from, to) }, to - from, request.scanner.create);
      this.filesLeft -= to - from;
      if ("error" in reply) throw new Error(`text scan failed: ${reply.error}`);
      if ("files" in reply) absorb(reply.files);
    };
    const threads: { slot: number; answered: Promise<void>; shutOut: boolean }[] = [];
    const handOut = (): void => {
      this.startWorkers(scanner);
      const set = this.workers as WorkerSet;
      for (let slot = 1; slot <= workers; slot++) {
        const thread = { slot, answered: Promise.resolve(), shutOut: false };
        thread.answered = set.run({ ...job, claims: { buffer: claims.buffer, chunk: CLAIM, slots: 1 + workers, slot } }, slot - 1).then(
          (reply) => {
            if ("error" in reply) throw new Error(`text scan failed: ${reply.error}`);
            if ("files" in reply && !thread.shutOut) {
              this.jobsOnWorkers += reply.files.claimed ?? 0;
              absorb(reply.files);
            }
          },
          () => {
            // Shut out, it had nothing to scan (a thread stopped while it still booted: closed with the pool).
            if (thread.shutOut) return;
            // A thread that stopped (or never started) answers nothing: what it claimed is scanned here, and what is left.
            this.workersFailed = true;
            for (const [from, to] of claims.claimedBy(slot)) here(from, to);
            for (const [from, to] of claims.ranges(0)) here(from, to);
          },
        );
        threads.push(thread);
      }
    };
    this.filesLeft += paths.length;
    // A large checkout starts the threads at once: they boot while the main thread scans.
    let handed = workers > 0 && paths.length > (this.settings.inline ?? this.settings.eagerFiles ?? EAGER_FILES);
    if (handed) handOut();
    let turned = performance.now();
    let left = true;
    while (!handed || this.mainShares) {
      const claim = claims.take(0);
      if (claim === undefined) {
        left = false;
        break;
      }
      here(claim[0], claim[1]);
      if (handed) this.jobsShared++;
      else if (workers > 0 && this.threadsPay()) {
        handOut();
        handed = true;
      }
      if (performance.now() - turned >= TURN_MS) {
        await nextTurn();
        turned = performance.now();
      }
    }
    // Every file is claimed: a thread that has not joined yet (still booting) scans nothing, and is not waited for.
    if (!left) for (const t of threads) t.shutOut = claims.shutOut(t.slot);
    await Promise.all(threads.filter((t) => !t.shutOut).map((t) => t.answered));
    if (needle !== undefined) this.ws.noteNeedle(needle, paths.filter((p) => !missed.has(p)), found);
    report.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    report.unread.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.noteSkipped(request.scanner.id, skipped);
    return report;
  }

  private async scanPatches<M>(request: HistoryScanRequest<M>): Promise<HistoryScanReport<M>> {
    const report: HistoryScanReport<M> = { hits: [], commits: 0, bytes: 0 };
    if (this.ws.vcs !== "git") return { ...report, incomplete: "the checkout is not a git repository, so its history could not be read" };
    // No commits is nothing to read, not something that could not be read: say so, and pass on it.
    // (HEAD may be unborn while other refs hold commits, `git checkout --orphan`: --all still reads them.)
    if (this.ws.head === null && request.headOnly) return this.noteEmptyHistory(report);
    if (this.ws.shallow) report.incomplete = "the clone is shallow: commits before its depth were not scanned (fetch the full history, e.g. actions/checkout with fetch-depth: 0)";
    const settings: ScanFilterSettings = { scanVendored: this.settings.scanVendored, scanMinified: this.settings.scanMinified };
    const inFlight = new Set<Promise<void>>();
    const limit = Math.max(2, this.jobsInFlight());
    let matches = 0;
    // File versions scanned only in part (too large in one commit), by commit and path.
    const cuts = new Map<string, PatchCut>();
    const noteCut = (c: PatchCut): void => {
      if (!this.ws.isExcluded(c.path)) cuts.set(`${c.commit}\0${c.path}`, c);
    };
    const absorb = (r: PatchBatchResult<unknown>): void => {
      report.commits += r.commits;
      report.bytes += r.bytes;
      r.truncated.forEach(noteCut);
      for (const hit of r.hits) {
        // The policy's `exclude` ("never scanned") holds for the paths of past commits too.
        if (this.ws.isExcluded(hit.path)) continue;
        matches += hit.matches.length;
        if (matches <= MAX_HISTORY_MATCHES) report.hits.push(hit as HistoryScanReport<M>["hits"][number]);
      }
    };
    // Each batch's memory is used again once it is scanned, here or on the worker it was lent to.
    const batchBytes = this.settings.patchBatchBytes ?? PATCH_BATCH_BYTES;
    const pool = new BatchPool(batchBytes, limit + 1);
    try {
      for await (const batch of gitPatchBatches(this.ws.root, { ...(request.headOnly ? { headOnly: true } : { allRefs: true }), ...(request.since ? { since: request.since } : {}), onCut: noteCut, batchBytes, alloc: (n) => pool.take(n) })) {
        const job: WorkerJob = { id: 0, kind: "patch", scanner: request.scanner.id, bytes: batch, settings, lend: true };
        const p = this.dispatch(job, batch.length, request.scanner.create as () => TextScanFunction<unknown>).then((reply) => {
          if ("bytes" in reply && reply.bytes) pool.give(reply.bytes, true);
          else pool.give(batch);
          if ("error" in reply) throw new Error(reply.error);
          if ("patch" in reply) absorb(reply.patch);
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p)).catch(() => undefined);
        // Bounded memory: at most a few batches are held while workers scan them.
        if (inFlight.size >= limit) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } catch (e) {
      await Promise.allSettled(inFlight);
      return { ...report, incomplete: `git history could not be read: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      this.patchBuffers += pool.allocated;
    }
    if (matches > MAX_HISTORY_MATCHES) report.incomplete = `more than ${MAX_HISTORY_MATCHES} matches in history; only the first were kept`;
    if (cuts.size > 0) {
      const named = [...cuts.values()].sort((a, b) => a.path.localeCompare(b.path) || a.commit.localeCompare(b.commit)).slice(0, 3).map((c) => `${c.path} (${c.commit.slice(0, 12)})`);
      const cut = `${cuts.size} file version${cuts.size === 1 ? "" : "s"} added more than 64 MiB in one commit and ${cuts.size === 1 ? "was" : "were"} scanned only in part: ${named.join(", ")}${cuts.size > 3 ? ", …" : ""}`;
      report.incomplete = report.incomplete ? `${report.incomplete}; ${cut}` : cut;
    }
    report.hits.sort((a, b) => a.commit.localeCompare(b.commit) || a.path.localeCompare(b.path));
    if (this.ws.head === null && report.commits === 0 && report.incomplete === undefined) return this.noteEmptyHistory(report);
    return report;
  }

  /** A repository without commits has no history: a note, not an incomplete scan. */
  private noteEmptyHistory<M>(report: HistoryScanReport<M>): HistoryScanReport<M> {
    this.ws.note("history-empty", { level: "note", code: "history-empty", message: "the repository has no commits yet, so there was no history to scan" });
    return report;
  }

  private usesWorkers(scanner: string): boolean {
    return this.workerUrl !== undefined && this.registry[scanner] !== undefined && this.workerCount() > 0 && !this.workersFailed;
  }

  private startWorkers(scanner: string): void {
    if (this.usesWorkers(scanner)) this.workers ??= new WorkerSet(this.workerUrl as URL, this.workerCount());
  }

  private workerCount(): number {
    return this.settings.workers ?? defaultWorkerCount();
  }

  private get mainShares(): boolean {
    return this.settings.mainShares !== false && this.settings.inline === undefined;
  }

  /** Jobs handed out at once: two waiting per worker, and one more the main thread may take. */
  private jobsInFlight(): number {
    return Math.max(1, 2 * this.workerCount() + (this.mainShares ? 1 : 0));
  }

  /** True when the main thread shares the scanning and every worker already has two jobs waiting. */
  private workersFull(): boolean {
    return this.mainShares && this.workers !== undefined && this.workers.waiting >= 2 * this.workerCount();
  }

  /**
   * Runs a batch of history: on the main thread for the first INLINE_PATCH_BYTES (or when workers
   * cannot run: no registered scanner, no worker module, a worker that failed to start), else on
   * the least busy worker thread.
   */
  private async dispatch(job: Extract<WorkerJob, { kind: "patch" }>, size: number, create: () => TextScanFunction<unknown>): Promise<WorkerReply> {
    const inline = this.inlineScanned.patch + size <= (this.settings.inline ?? INLINE_PATCH_BYTES);
    if (!this.usesWorkers(job.scanner) || inline) return this.runHere(job, size, create);
    this.startWorkers(job.scanner);
    // Checked without an await in between when a worker has room, so jobs handed out in the same
    // turn see each other. When they are full, the event loop turns once first: the replies that
    // came in meanwhile are read, and a worker that has room then gets the job instead.
    if (this.workersFull()) {
      await nextTurn();
      if (this.workersFull()) {
        this.jobsShared++;
        return this.runHere(job, size, create);
      }
    }
    try {
      const reply = await (this.workers as WorkerSet).run(job);
      this.jobsOnWorkers++;
      return reply;
    } catch {
      // A worker that cannot start (no bundle, no loader) is not a scan failure: scan here instead.
      this.workersFailed = true;
      // A batch of history that moved to a thread which then stopped went with it: the scan says so
      // (incomplete) rather than scanning the nothing left here.
      if (job.kind === "patch" && job.bytes.byteLength === 0 && size > 0) return { id: job.id, error: "a text-scan worker thread stopped while it held part of the history" };
      return runJob(job, (id) => this.local(id) ?? (id === job.scanner ? this.adHoc(id, create) : undefined));
    }
  }

  /**
   * Whether the main thread, scanning a checkout alone so far, should let worker threads join:
   * after its fixed share (`inline`), or once it has scanned INLINE_MS and what is left would keep
   * it busy longer than a thread takes to boot (at once when threads are running already).
   */
  private threadsPay(): boolean {
    if (this.settings.inline !== undefined) return this.inlineScanned.files >= this.settings.inline;
    if (this.workers !== undefined) return true;
    return this.inlineScanned.ms >= (this.settings.inlineMs ?? INLINE_MS) && workersPay(this.filesLeft, this.msPerFile, this.settings.workersPayMs);
  }

  /** Runs a job on the main thread, and measures its pace. */
  private runHere(job: WorkerJob, size: number, create: () => TextScanFunction<unknown>): WorkerReply {
    this.inlineScanned[job.kind] += size;
    const started = performance.now();
    try {
      return runJob(job, (id) => this.local(id) ?? (id === job.scanner ? this.adHoc(id, create) : undefined));
    } finally {
      const ms = performance.now() - started;
      this.inlineScanned.ms += ms;
      if (job.kind === "files" && size > 0) this.msPerFile = this.msPerFile === undefined ? ms / size : 0.7 * this.msPerFile + 0.3 * (ms / size);
    }
  }

  private readonly adHocScanners = new Map<string, TextScanFunction<unknown>>();

  /** A scanner no worker knows (a rule's own): built once, run on the main thread. */
  private adHoc(id: string, create: () => TextScanFunction<unknown>): TextScanFunction<unknown> {
    let fn = this.adHocScanners.get(id);
    if (!fn) {
      fn = create();
      this.adHocScanners.set(id, fn);
    }
    return fn;
  }

  private noteSkipped(scanner: string, s: TextScanSkipped): void {
    const parts = [
      s.binary > 0 ? `${s.binary} binary` : "",
      s.vendored > 0 ? `${s.vendored} vendored (node_modules/, vendor/, third_party/…)` : "",
      s.minified > 0 ? `${s.minified} minified or bundled (searched only for tokens with a fixed prefix, such as ghp_ or AKIA, and database URLs with a password)` : "",
    ].filter((x) => x !== "");
    if (parts.length === 0) return;
    const total = s.binary + s.vendored + s.minified;
    this.ws.note(`text-scan-skipped:${scanner}`, {
      level: "note",
      code: "scan-skipped-files",
      message: `${scanner}: ${total} file${total === 1 ? "" : "s"} not scanned in full: ${parts.join(", ")}`,
      ...(s.vendored + s.minified > 0 ? { hint: "scan them too with `secrets: { scan: { vendored: true, minified: true } }` in assay.yml" } : {}),
    });
  }
}

/**
 * Whether worker threads are worth starting for a file scan: what is left would keep the main
 * thread busy for longer than `payMs` at the pace it has been scanning. An unknown pace is not
 * enough to start them: the main thread scans a batch first and measures.
 */
export function workersPay(filesLeft: number, msPerFile: number | undefined, payMs = WORKERS_PAY_MS): boolean {
  return msPerFile !== undefined && filesLeft * msPerFile > payMs;
}

/** Worker threads started before their pool exists, handed to it (or stopped by it) once the checkout is listed. */
export interface PrestartedWorkers {
  readonly set: WorkerSet;
}

/**
 * Starts the text-scan worker threads now, before the checkout is listed: each takes about a
 * quarter of a second to boot, and listing a large checkout takes as long, so they are ready when
 * its files are. Pass them to the TextScanPool, which keeps them for a large checkout and stops
 * them for a small one; `close` stops them if no pool is made.
 */
export function prestartTextScanWorkers(url: URL, workers?: number): PrestartedWorkers & { close(): Promise<void> } {
  const set = new WorkerSet(url, workers ?? defaultWorkerCount());
  return { set, close: () => set.close() };
}

/** Threads started before a command's code was loaded (prestartEarly), until a scan takes them. */
let early: { workers: PrestartedWorkers & { close(): Promise<void> }; count: number } | undefined;

/**
 * Starts `workers` text-scan threads (default one per core but one; none for 0) before a command
 * loads the rest of its code: they boot on the core
 * that loading leaves idle. The scan that follows takes them (takeEarlyWorkers); the command stops
 * them if nobody did (a thread still booting keeps the process alive, unreferenced or not).
 */
export function prestartEarly(url: URL, workers?: number): void {
  const count = workers ?? defaultWorkerCount();
  if (early === undefined && count > 0) early = { workers: prestartTextScanWorkers(url, count), count };
}

/** The threads prestartEarly started, for a scan that wants `workers` of them (default: one per core but one); others are stopped. */
export function takeEarlyWorkers(workers?: number): (PrestartedWorkers & { close(): Promise<void> }) | undefined {
  const taken = early;
  early = undefined;
  if (taken === undefined || workers === undefined || workers === taken.count) return taken?.workers;
  void taken.workers.close();
  return undefined;
}

/**
 * One worker thread per core but the main thread's (at most 8): the main thread scans beside
 * them. On two cores, one worker and the main thread took ~10 % less CPU and ~7 % less time than
 * two workers on the secrets bench's tree (each thread's start and JIT warm-up cost ~0.5 s of CPU).
 */
function defaultWorkerCount(): number {
  return Math.min(8, availableParallelism()) - 1;
}

/** Worker threads, each answering jobs in order; a job goes to the one with the fewest pending. */
class WorkerSet {
  private readonly threads: { worker: Worker; failed: Error | undefined; exited: boolean; pending: Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }> }[] = [];
  private nextId = 1;
  /** Set once close() is called: threads stay referenced until they have exited. */
  private closing = false;
  /**
   * How many threads have booted, counted by the threads themselves: the main thread reads it
   * between batches it scans synchronously, when their "ready" messages are still unread.
   */
  private readonly booted = new Int32Array(new SharedArrayBuffer(4));

  constructor(url: URL, count: number) {
    for (let i = 0; i < count; i++) this.threads.push(this.start(url));
  }

  /** Jobs sent to the threads and not answered yet. */
  get waiting(): number {
    let n = 0;
    for (const t of this.threads) n += t.pending.size;
    return n;
  }

  /** Threads that have not exited. */
  get running(): number {
    return this.threads.filter((t) => !t.exited).length;
  }

  /** True once every thread has booted and built its scanners: the main thread then leaves the scanning to them. */
  get ready(): boolean {
    return Atomics.load(this.booted, 0) >= this.threads.length;
  }

  private start(url: URL): WorkerSet["threads"][number] {
    const flags = appliedV8Flags();
    const workerData: TextScanWorkerData = { assayTextScanWorker: true, booted: this.booted.buffer as SharedArrayBuffer, ...(flags !== undefined ? { v8Flags: flags } : {}) };
    // Sources run through tsx (tests, development): the worker registers its loader first.
    const worker = url.pathname.endsWith(".ts")
      ? new Worker(`import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true, workerData })
      : new Worker(url, { workerData });
    worker.unref();
    const thread: WorkerSet["threads"][number] = { worker, failed: undefined, exited: false, pending: new Map() };
    // Jobs are posted at once and wait in the thread's queue while it boots; one that never boots
    // fails its jobs (and every later one), and the pool scans them itself.
    const fail = (e: Error): void => {
      clearTimeout(timer);
      thread.failed ??= e;
      for (const p of thread.pending.values()) p.reject(e);
      thread.pending.clear();
    };
    const timer = setTimeout(() => {
      // A main thread busy for that long may not have read the threads' "ready" yet: their own count says.
      if (this.ready) return;
      fail(new Error("text-scan worker did not start"));
      void worker.terminate();
    }, 30_000);
    timer.unref();
    worker.on("message", (m: WorkerReply) => {
      if ("ready" in m) {
        clearTimeout(timer);
        return;
      }
      const p = thread.pending.get(m.id);
      thread.pending.delete(m.id);
      p?.resolve(m);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      thread.exited = true;
      fail(new Error(`text-scan worker exited with ${code}`));
    });
    return thread;
  }

  /** Runs a job on the thread with the fewest pending, or on thread `index`. */
  async run(job: WorkerJob, index?: number): Promise<WorkerReply> {
    const thread = (index === undefined ? undefined : this.threads[index]) ?? this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (thread.failed) throw thread.failed;
    const id = this.nextId++;
    let sent: WorkerJob = { ...job, id };
    const transfer: ArrayBuffer[] = [];
    if (job.kind === "patch") {
      // Hand the bytes over without a copy when their memory is theirs alone (lent from a BatchPool,
      // or a buffer of their own size); a view into a shared pool is copied.
      const b = job.bytes;
      const own = b.buffer instanceof ArrayBuffer && (job.lend === true || (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)) ? b : new Uint8Array(b);
      sent = { ...job, id, bytes: own };
      transfer.push(own.buffer as ArrayBuffer);
    }
    thread.worker.ref();
    try {
      return await new Promise<WorkerReply>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage(sent, transfer);
      });
    } finally {
      if (thread.pending.size === 0 && !this.closing) thread.worker.unref();
    }
  }

  /** Stops every thread, and waits until each has exited. */
  async close(): Promise<void> {
    // Referenced until they exit, so the event loop waits for terminate() to settle. An answer that
    // arrived meanwhile (from a thread shut out of a scan) used to unreference its thread again in
    // run(), and the process ended (exit 13 under a top-level await) before close() settled.
    this.closing = true;
    await Promise.all(
      this.threads.map((t) => {
        t.worker.ref();
        return t.worker.terminate();
      }),
    );
  }
}
