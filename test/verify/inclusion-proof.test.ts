import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TransparencyLogEntry } from "@sigstore/bundle";
import { proofCheckpointMismatch } from "../../src/verify/inclusion-proof.js";

// A checkpoint note as the transparency log-checkpoint format writes it: origin, size, root, blank
// line, signature lines.
const root = Buffer.alloc(32, 3);
const entry = (treeSize: string, rootHash: Buffer, envelope: string | undefined): TransparencyLogEntry =>
  ({ inclusionProof: { logIndex: "1", rootHash, treeSize, hashes: [], ...(envelope !== undefined ? { checkpoint: { envelope } } : {}) } }) as unknown as TransparencyLogEntry;
const note = `rekor.sigstore.dev - 1193050959916656506\n46800506\n${root.toString("base64")}\n\n— rekor.sigstore.dev wNI9ajBF\n`;

describe("an inclusion proof against its checkpoint", () => {
  it("agrees when the proof's size and root are the checkpoint's", () => {
    assert.equal(proofCheckpointMismatch(entry("46800506", root, note)), undefined);
  });

  it("names a root hash or tree size that differs", () => {
    assert.equal(proofCheckpointMismatch(entry("46800506", Buffer.alloc(32, 4), note)), "the inclusion proof's root hash is not its checkpoint's");
    assert.equal(proofCheckpointMismatch(entry("46800507", root, note)), "the inclusion proof's tree size 46800507 is not its checkpoint's (46800506)");
  });

  it("leaves entries without a proof or checkpoint to the verifier", () => {
    assert.equal(proofCheckpointMismatch({} as TransparencyLogEntry), undefined);
    assert.equal(proofCheckpointMismatch(entry("1", root, undefined)), undefined);
  });
});
