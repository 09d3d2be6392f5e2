import * as childProcess from "node:child_process";

/**
 * The longest a test's child process (git, the built CLI, npm, a shell) may run. A synchronous
 * spawn blocks the test's thread, so no test timeout can end it: without this a child that hangs
 * on one machine stalls the whole run until CI gives up, with no test named.
 */
export const CHILD_TIMEOUT_MS = 300_000;

// Tests take their synchronous spawns from here (the lint refuses node:child_process's): each
// carries the timeout unless the call sets its own. The casts keep node's overloads (a string
// with `encoding`, a Buffer without).

/** `execFileSync` bounded by CHILD_TIMEOUT_MS. */
export const execFileSync = ((file: string, args?: readonly string[], options?: childProcess.ExecFileSyncOptions) =>
  childProcess.execFileSync(file, args, { timeout: CHILD_TIMEOUT_MS, ...options })) as typeof childProcess.execFileSync;

/** `spawnSync` bounded by CHILD_TIMEOUT_MS. */
export const spawnSync = ((command: string, args?: readonly string[], options?: childProcess.SpawnSyncOptions) =>
  childProcess.spawnSync(command, args ?? [], { timeout: CHILD_TIMEOUT_MS, ...options })) as typeof childProcess.spawnSync;
