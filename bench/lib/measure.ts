// Timing without external tools: each command runs as a child process, timed from spawn to exit,
// its exit code and output checked on every run (a benchmark that silently times a crash is
// worse than none), after warm-up, interleaved with the commands it is compared to so that the
// machine's drift hits both sides alike.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";

/** One timed run: wall time and what the command's own check extracted. */
export interface Sample<T> {
  ms: number;
  data: T;
}

/** A command to time; `check` throws when the run did not do what it should and returns what to keep. */
export interface Timed<T> {
  label: string;
  cmd: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  check(r: SpawnSyncReturns<Buffer>): T;
}

/** Minimum and median of a list of numbers. */
export function summary(xs: readonly number[]): { min: number; median: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 === 1 ? (s[Math.floor(mid)] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { min: s[0] as number, median };
}

function once<T>(c: Timed<T>): Sample<T> {
  const t = performance.now();
  const r = spawnSync(c.cmd, [...c.args], { cwd: c.cwd, env: c.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.error) throw new Error(`${c.label}: could not run ${c.cmd}: ${r.error.message}`);
  try {
    return { ms, data: c.check(r) };
  } catch (e) {
    const err = r.stderr.toString("utf8").trim().split("\n").slice(-5).join("\n");
    throw new Error(`${c.label}: ${(e as Error).message} (exit ${r.status ?? r.signal})${err ? `\n${err}` : ""}`);
  }
}

/** Runs every command `warmup` times, then `runs` rounds of each in turn; returns the samples per command. */
export function measure(commands: readonly Timed<unknown>[], runs: number, warmup: number): Sample<unknown>[][] {
  for (let i = 0; i < warmup; i++) for (const c of commands) once(c);
  const out: Sample<unknown>[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => out[j]?.push(once(c)));
  return out;
}

/** A check for commands that must exit 0 and whose output does not matter. */
export function exitZero(r: SpawnSyncReturns<Buffer>): null {
  if (r.status !== 0) throw new Error("exited non-zero");
  return null;
}
