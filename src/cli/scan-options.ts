// The flags of `assay scan` (and of `assay secrets` on a checkout), apart from the command's code:
// the early start reads them before that code is loaded.

/** `assay scan`'s flags, for node:util's parseArgs. */
export const SCAN_OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  policy: { type: "string" },
  baseline: { type: "string" },
  "fail-on": { type: "string" },
  "min-score": { type: "string" },
  rule: { type: "string", multiple: true },
  persona: { type: "string" },
  offline: { type: "boolean" },
  online: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  "no-color": { type: "boolean" },
  color: { type: "boolean" },
  debug: { type: "boolean" },
  timings: { type: "boolean" },
  db: { type: "string" },
  now: { type: "string" },
  history: { type: "boolean" },
  since: { type: "string" },
  diff: { type: "string" },
  "changed-since": { type: "string" },
} as const;

/** Worker threads for whole-tree scans: ASSAY_WORKERS (0 scans on the main thread), else undefined (one per core but one). */
export function workersFrom(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const n = env.ASSAY_WORKERS;
  return n !== undefined && /^\d{1,2}$/.test(n) ? Number(n) : undefined;
}
