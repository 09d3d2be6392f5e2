import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

// Digests of a file, computed in one streamed pass: whatever the statement names (sha256, sha512…).

/** Algorithms computed for every artifact (in-toto's names). */
export const ALGORITHMS = ["sha256", "sha512", "sha384", "sha1"] as const;

/** Hex digests of a file for each algorithm, in one pass over it. */
export async function fileDigests(path: string, algorithms: readonly string[] = ALGORITHMS): Promise<Record<string, string>> {
  const hashes = algorithms.map((a) => [a, createHash(a)] as const);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) for (const [, h] of hashes) h.update(chunk);
  return Object.fromEntries(hashes.map(([a, h]) => [a, h.digest("hex")]));
}

/** Hex digests of bytes already in memory, for each algorithm. */
export function bytesDigests(bytes: Uint8Array, algorithms: readonly string[] = ALGORITHMS): Record<string, string> {
  return Object.fromEntries(algorithms.map((a) => [a, createHash(a).update(bytes).digest("hex")]));
}
