// V8 flags set at run time, remembered for worker threads: as a worker thread boots, Node applies
// the process's command-line V8 options again, which puts back the default of every flag set since
// (the executable's young-generation and tiering flags were undone the moment the text-scan
// thread started, for the main thread too). The thread sets them once more when it runs.
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
