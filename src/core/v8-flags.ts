// V8 flags set at run time, remembered for worker threads: creating a worker thread's isolate puts
// some of them back, for the whole process (the young generation's growth factor returns to V8's
// minimum of 2, the main thread's too; the interrupt budget stays). The thread sets them once more
// when it runs.
import { setFlagsFromString } from "node:v8";

let applied: string | undefined;

/** Sets V8 flags for the process, and remembers them for worker threads started later. */
export function applyV8Flags(flags: string): void {
  setFlagsFromString(flags);
  applied = applied === undefined ? flags : `${applied} ${flags}`;
}

/** The flags applyV8Flags set, for a worker thread to set again once it has booted (undefined: none). */
export function appliedV8Flags(): string | undefined {
  return applied;
}

/** In a worker thread: sets again the flags its parent had set (see above). */
export function restoreV8Flags(flags: string | undefined): void {
  if (flags !== undefined) setFlagsFromString(flags);
}
