import type { TransparencyLogEntry } from "@sigstore/bundle";

// An inclusion proof carries its tree's root hash and size beside the checkpoint that signs them.
// @sigstore/verify proves inclusion against the signed checkpoint only; sigstore-go and
// sigstore-python also refuse a proof whose own root hash or size differ from the checkpoint's, as
// assay does here: the two disagree only when the entry was altered after the log wrote it.

/** Why an entry's inclusion proof disagrees with its checkpoint, or undefined when they agree (or there is no proof). */
export function proofCheckpointMismatch(entry: TransparencyLogEntry): string | undefined {
  const proof = entry.inclusionProof;
  const envelope = proof?.checkpoint?.envelope;
  if (!proof || envelope === undefined) return undefined;
  // A checkpoint's note body: origin, tree size, base64 root hash, then optional lines.
  const lines = envelope.split("\n", 3);
  const size = lines[1];
  const root = lines[2];
  if (size === undefined || root === undefined) return undefined;
  if (size !== proof.treeSize) return `the inclusion proof's tree size ${proof.treeSize} is not its checkpoint's (${size})`;
  if (!Buffer.from(root, "base64").equals(Buffer.from(proof.rootHash))) return "the inclusion proof's root hash is not its checkpoint's";
  return undefined;
}
