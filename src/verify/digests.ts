import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

// Digests of a file, computed in one streamed pass: whatever the statement names (sha256, sha512…).

/**
 * Algorithms computed for every artifact (in-toto's names): the SHA-2 digests subjects are matched
 * on. SHA-1 is not computed: a subject is never matched on it (see statement.ts).
 */
export const ALGORITHMS = ["sha256", "sha512", "sha384"] as const;

/**
 * Hex digests of a file for each algorithm, in one pass over it through one 1 MiB buffer (plain
 * reads: a read stream and its async iteration cost `assay verify` more start-up than the hashing).
 */
export async function fileDigests(path: string, algorithms: readonly string[] = ALGORITHMS): Promise<Record<string, string>> {
  const hashes = algorithms.map((a) => [a, createHash(a)] as const);
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) for (const [, h] of hashes) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return Object.fromEntries(hashes.map(([a, h]) => [a, h.digest("hex")]));
}

/** Hex digests of bytes already in memory, for each algorithm. */
export function bytesDigests(bytes: Uint8Array, algorithms: readonly string[] = ALGORITHMS): Record<string, string> {
  return Object.fromEntries(algorithms.map((a) => [a, createHash(a).update(bytes).digest("hex")]));
}
