/**
 * The longest a test's child process (git, the built CLI, npm, a shell) may run. A synchronous
 * spawn blocks the test's thread, so no test timeout can end it: without this a child that hangs
 * on one machine stalls the whole run until CI gives up, with no test named.
 */
export const CHILD_TIMEOUT_MS = 300_000;
