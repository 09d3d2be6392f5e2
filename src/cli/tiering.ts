import { availableParallelism } from "node:os";
import { applyV8Flags } from "../core/v8-flags.js";

// One `assay` command is a short process: most of its code runs for well under a second, on
// inputs it sees once. V8's default tiering sends every function that gets warm to the optimising
// compiler on background threads, and on a 2-core CI runner that compilation was the largest
// single cost of a scan: 10,000 Kubernetes documents took ~1.9 s of CPU, ~1 s of it on V8's
// compiler threads, several functions compiled two or three times as their types settled. Asking
// for ~9× more interpreter ticks before optimising keeps the compiler for the functions that stay
// hot (scanner loops, parsers) and cut that scan's CPU by a quarter with the main thread's time
// unchanged; `assay scan` of the scan bench's project took ~16 % less CPU and a 278 MiB secrets
// scan the same (bench/RESULTS.md, 2026-12-01 evening). Only the interrupt budget is set: it is
// read each time a function's budget is reset, so changing it after start-up is safe, unlike the
// heap's flags (setting --single-threaded-gc at run time aborts V8).
//
// On a machine with two cores or fewer it also scavenges the young generation on the main thread
// alone. V8 sizes its parallel scavenge by Node's thread pool (four threads, whatever the
// machine), so on a 2-core CI runner up to five tasks share two cores and their hand-offs cost
// more than they save: 10 alternated fresh-process runs of the deploy bench's 10,000 documents
// took ~7 % less CPU with the main thread's time ~3 % longer, and a 281 MiB secrets scan the same
// wall and CPU (bench/RESULTS.md, 2026-12-03). V8 reads this flag at each scavenge (its own tests
// set it on a live isolate); the flags that marking reads abort V8 when changed at run time.
//
// And it keeps the young generation near its first size instead of letting it double up to
// 16 MiB semi-spaces. A short run's garbage dies young either way; a larger young generation only
// scavenges less often, and every page it grows into is a page fault, ~10 µs each in the virtual
// machines CI runs on. The secrets bench's 281 MiB scan faulted in 38,000 pages, 30,000 with it:
// 10 alternated runs, -80 ms of CPU, 8 of 10 faster; `assay scan` of this repository, the
// deploy bench's fresh process and a 10,000-commit history scan unchanged (bench/RESULTS.md,
// 2026-12-04). V8 reads the factor each time it would grow the space. A worker thread's boot puts
// it back to 2 for the whole process: the text-scan thread sets the flags again (core/v8-flags.ts).

/** Interpreter ticks (bytecode-size weighted) before V8 considers optimising a function; V8 11's default is 67,584. */
export const INTERRUPT_BUDGET = 600_000;

/** The V8 flags for one short run on a machine with `cores` cores. */
export function oneRunFlags(cores: number): string {
  return `--interrupt-budget=${INTERRUPT_BUDGET} --semi-space-growth-factor=1${cores <= 2 ? " --no-parallel-scavenge" : ""}`;
}

/** Tunes V8's tiering, its young generation's size (and, on two cores, its scavenger) for a short command-line run; called once by the `assay` executable, never by the library. */
export function tuneTieringForOneRun(cores = availableParallelism()): void {
  applyV8Flags(oneRunFlags(cores));
}
