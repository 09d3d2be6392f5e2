/** What the workspace read from scanned checkouts in this process: files opened for reading and bytes read. */
export interface ReadStats {
  files: number;
  bytes: number;
}

/**
 * The process-wide counters. Two additions per read cost nothing next to the read itself; they are
 * published on `globalThis` under `Symbol.for("assay.readStats")` so the benchmark's wrapper around
 * the bundled CLI (bench/child.mjs) can report how much of the tree a scan read.
 */
export const readStats: ReadStats = { files: 0, bytes: 0 };
(globalThis as Record<symbol, unknown>)[Symbol.for("assay.readStats")] = readStats;

/** Counts one read of `bytes` bytes. */
export function countRead(bytes: number): void {
  readStats.files++;
  readStats.bytes += bytes;
}
