import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ASN1Obj, X509Certificate } from "@sigstore/core";
import { encodeDer, type Node } from "../../src/verify/der-encoding.js";
import { sigstoreSeeds } from "../../src/verify/trust.js";
import { sharedData } from "../helpers/shared-data.js";

// The library's own encoder, captured before anything replaces it (each test file runs in its own process).
const original = (ASN1Obj.prototype as unknown as Node).toDER;
const libraryDer = (o: ASN1Obj): Buffer => original.call(o as unknown as Node);

/** Every certificate of the shipped trusted root (Fulcio chains), and of the real bundles when present. */
function certificates(): Buffer[] {
  const root = JSON.parse(Buffer.from(sigstoreSeeds()["trusted_root.json"] ?? "", "base64").toString("utf8")) as { certificateAuthorities?: { certChain?: { certificates?: { rawBytes: string }[] } }[] };
  const out = (root.certificateAuthorities ?? []).flatMap((ca) => (ca.certChain?.certificates ?? []).map((c) => Buffer.from(c.rawBytes, "base64")));
  const data = sharedData();
  if (data) {
    const text = readFileSync(join(data, "sigstore/npm-sigstore-1.0.0-attestations.json"), "utf8");
    for (const m of text.matchAll(/"rawBytes"\s*:\s*"([A-Za-z0-9+/=]{200,})"/g)) out.push(Buffer.from(m[1] as string, "base64"));
  }
  return out;
}

describe("DER encoding of parsed ASN.1", () => {
  it("is byte for byte the library's, for every node of real certificates", () => {
    const certs = certificates();
    // The shipped trusted root alone holds a few; the shared data's bundles add more when present.
    assert.ok(certs.length >= (sharedData() ? 4 : 1), `only ${certs.length} certificates`);
    let nodes = 0;
    const walk = (o: ASN1Obj): void => {
      nodes++;
      assert.deepEqual(encodeDer(o as unknown as Node), libraryDer(o));
      for (const s of o.subs) walk(s);
    };
    for (const der of certs) {
      const root = ASN1Obj.parseBuffer(der as Buffer<ArrayBuffer>);
      walk(root);
      assert.deepEqual(encodeDer(root as unknown as Node), der, "a DER certificate re-encodes to its own bytes");
    }
    assert.ok(nodes > 100);
  });

  it("encodes long values with long-form lengths, and follows a change to a parsed object", () => {
    const cert = X509Certificate.parse(certificates()[0] as Buffer<ArrayBuffer>);
    const tbs = cert.tbsCertificate;
    const before = encodeDer(tbs as unknown as Node);
    assert.deepEqual(before, libraryDer(tbs));
    tbs.subs.pop();
    assert.deepEqual(encodeDer(tbs as unknown as Node), libraryDer(tbs));
    assert.ok(encodeDer(tbs as unknown as Node).length < before.length);
  });
});
