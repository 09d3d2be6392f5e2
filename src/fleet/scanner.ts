import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Assessment } from "../core/assessment.js";
import type { ChildReply, ChildRequest } from "./scan-protocol.js";

/** How one repository's clone and scan ended. */
export type ScanOutcome =
  | { ok: true; commit: string; assessment: Assessment; ms: number; maxRssKb: number }
  | { ok: false; stage: "clone" | "scan" | "process"; error: string; ms: number; maxRssKb?: number };

/** Limits every scan process works within. */
export interface ScannerLimits {
  /** Disk a clone may take. */
  maxCloneBytes: number;
  cloneTimeoutMs: number;
  /** Clone and scan together; past it the process is killed and the job fails. */
  jobTimeoutMs: number;
  ruleTimeoutMs: number;
  /** V8 heap limit of a scan process, in MiB. */
  maxHeapMb: number;
  /** A scan process is replaced after this many jobs, so slow leaks cannot accumulate. */
  recycleAfter: number;
}

export const DEFAULT_LIMITS: ScannerLimits = {
  maxCloneBytes: 2 * 2 ** 30,
  cloneTimeoutMs: 10 * 60_000,
  jobTimeoutMs: 20 * 60_000,
  ruleTimeoutMs: 60_000,
  maxHeapMb: 2048,
  recycleAfter: 200,
};

/** The scan process's entry: the TypeScript source under tsx, else the bundle's fleet-scanner.js. */
function childEntry(): { file: string; execArgv: string[] } {
  // The benchmark runs the library from source but measures the built scan process.
  const override = process.env.ASSAY_FLEET_SCANNER;
  if (override) return { file: override, execArgv: [] };
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) return { file: join(dirname(here), "scan-child.ts"), execArgv: ["--import", "tsx"] };
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const file = join(dir, "fleet-scanner.js");
    if (existsSync(file)) return { file, execArgv: [] };
  }
  throw new Error(`fleet-scanner.js is missing beside ${here}: rebuild assay`);
}

/**
 * Removes a slot's scratch folder after its process ended. A process killed mid-job can leave a
 * git child still writing into the clone there (ENOTEMPTY while the folder is emptied): removal
 * is retried briefly, and what still cannot go is left for a later run's sweepScratch, never
 * thrown from the exit handler (an uncaught exception would end the whole fleet run).
 */
function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // Left behind: once this process has ended, the next run's sweepScratch removes it.
  }
}

/** Removes scratch folders left by scan processes of workers that died (their pid is gone). */
export function sweepScratch(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(/^slot-(\d+)-\d+$/.exec(n)?.[1]);
    if (!pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === "EPERM";
    }
    if (!alive) rmSync(join(root, n), { recursive: true, force: true });
  }
}

/**
 * One scan process slot: a child process started on first use, reused for `recycleAfter` jobs,
 * killed when a job overruns, replaced when it dies. Its scratch folder is deleted whenever its
 * process ends, so a killed scan leaves no clone behind.
 */
export class ScanSlot {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private jobs = 0;
  private stderr = "";
  private readonly scratch: string;
  /** The largest resident set any of this slot's processes reported, in KiB. */
  peakRssKb = 0;
  /** Called with the child's pid when a process starts (tests and the benchmark kill it). */
  onSpawn: ((pid: number) => void) | undefined;

  constructor(scratchRoot: string, index: number, private readonly limits: ScannerLimits) {
    this.scratch = join(scratchRoot, `slot-${process.pid}-${index}`);
  }

  /** Clones and scans one repository in the slot's process. */
  async scan(job: { id: string; url: string; name: string }): Promise<ScanOutcome> {
    const started = Date.now();
    let child: ChildProcess;
    try {
      child = await this.start();
    } catch (e) {
      return { ok: false, stage: "process", error: `cannot start a scan process: ${e instanceof Error ? e.message : String(e)}`, ms: Date.now() - started };
    }
    const req: ChildRequest = { type: "job", id: job.id, url: job.url, name: job.name, scratch: this.scratch, limits: { maxBytes: this.limits.maxCloneBytes, timeoutMs: this.limits.cloneTimeoutMs, ruleTimeoutMs: this.limits.ruleTimeoutMs } };
    const outcome = await new Promise<ScanOutcome>((resolve) => {
      const done = (o: ScanOutcome) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(o);
      };
      const onMessage = (m: ChildReply) => {
        if (m.type !== "done" || m.id !== job.id) return;
        this.peakRssKb = Math.max(this.peakRssKb, m.maxRssKb);
        done(m.ok ? { ok: true, commit: m.commit, assessment: m.assessment, ms: m.ms, maxRssKb: m.maxRssKb } : { ok: false, stage: m.stage, error: m.error, ms: m.ms, maxRssKb: m.maxRssKb });
      };
      const onExit = (code: number | null, signal: string | null) => {
        const why = signal ? `killed by ${signal}` : `exited with ${code}`;
        const tail = this.stderr.trim().split("\n").pop()?.slice(0, 300);
        done({ ok: false, stage: "process", error: `the scan process ${why}${tail ? ` (${tail})` : ""}`, ms: Date.now() - started });
      };
      const timer = setTimeout(() => {
        done({ ok: false, stage: "process", error: `the clone and scan took longer than ${Math.round(this.limits.jobTimeoutMs / 1000)} s`, ms: Date.now() - started });
        child.kill("SIGKILL");
      }, this.limits.jobTimeoutMs);
      child.on("message", onMessage);
      child.on("exit", onExit);
      child.send(req);
    });
    if (outcome.ok && ++this.jobs >= this.limits.recycleAfter) void this.stop();
    return outcome;
  }

  private start(): Promise<ChildProcess> {
    if (this.child && this.ready) {
      const c = this.child;
      return this.ready.then(() => c);
    }
    const entry = childEntry();
    mkdirSync(this.scratch, { recursive: true, mode: 0o700 });
    const child = fork(entry.file, [], {
      execArgv: [...entry.execArgv, `--max-old-space-size=${this.limits.maxHeapMb}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    this.child = child;
    this.jobs = 0;
    this.stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      this.stderr = (this.stderr + c.toString("utf8")).slice(-4096);
    });
    child.on("exit", () => {
      if (this.child === child) {
        this.child = undefined;
        this.ready = undefined;
      }
      removeScratch(this.scratch);
    });
    if (child.pid !== undefined) this.onSpawn?.(child.pid);
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("it did not start within 120 s"));
      }, 120_000);
      child.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`it ${signal ? `was killed by ${signal}` : `exited with ${code}`} while starting`));
      });
      child.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    this.ready.catch(() => undefined);
    return this.ready.then(() => child);
  }

  /** The pid of the running scan process, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Ends the slot's process (it exits when its channel closes) and removes its scratch; resolves once it is gone. */
  stop(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) {
      removeScratch(this.scratch);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      c.once("exit", () => {
        removeScratch(this.scratch);
        resolve();
      });
      try {
        c.disconnect();
      } catch {
        // Already disconnected: the kill below ends it.
      }
      setTimeout(() => c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"), 5_000).unref();
    });
  }
}
