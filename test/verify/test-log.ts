import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

// A transparency log run by the tests: its own key, a trusted root (Sigstore's TrustedRoot JSON)
// that trusts only that log, and Rekor entries with a signed entry timestamp (the inclusion
// promise of a v0.1 bundle) over the bodies Rekor writes for a blob signature (hashedrekord 0.0.1)
// and a DSSE envelope (dsse 0.0.1). It gives keyed bundles the trusted time a real log would.

const V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";

/** A test log: the trusted root that names it, and a way to log a keyed bundle. */
export interface TestLog {
  trustedRoot: object;
  /** `bundle` (a keyed v0.3 bundle from sigstore-bundles.ts) as v0.1 with a logged entry at `integratedTime` (seconds). */
  logged(bundle: object, publicPem: string, integratedTime?: number): object;
}

/** A new log with a fresh P-256 key. */
export function testLog(): TestLog {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const logId = createHash("sha256").update(spki).digest();
  const trustedRoot = {
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    tlogs: [{ baseUrl: "https://log.test.invalid", hashAlgorithm: "SHA2_256", publicKey: { rawBytes: spki.toString("base64"), keyDetails: "PKIX_ECDSA_P256_SHA_256", validFor: { start: "2000-01-01T00:00:00Z" } }, logId: { keyId: logId.toString("base64") } }],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  };
  let index = 0;
  return { trustedRoot, logged: (bundle, publicPem, integratedTime = 1_767_225_600) => logBundle(bundle, publicPem, integratedTime, index++, logId, privateKey) };
}

function logBundle(bundle: object, publicPem: string, integratedTime: number, logIndex: number, logId: Buffer, logKey: KeyObject): object {
  const b = structuredClone(bundle) as { mediaType: string; verificationMaterial: { tlogEntries: unknown[] }; messageSignature?: { messageDigest: { digest: string }; signature: string }; dsseEnvelope?: { payload: string; signatures: { sig: string }[] } };
  const verifier = Buffer.from(publicPem).toString("base64");
  const body = b.messageSignature
    ? { apiVersion: "0.0.1", kind: "hashedrekord", spec: { data: { hash: { algorithm: "sha256", value: Buffer.from(b.messageSignature.messageDigest.digest, "base64").toString("hex") } }, signature: { content: b.messageSignature.signature, publicKey: { content: verifier } } } }
    : { apiVersion: "0.0.1", kind: "dsse", spec: { payloadHash: { algorithm: "sha256", value: createHash("sha256").update(Buffer.from(b.dsseEnvelope?.payload ?? "", "base64")).digest("hex") }, signatures: [{ signature: b.dsseEnvelope?.signatures[0]?.sig ?? "", verifier }] } };
  const canonicalizedBody = Buffer.from(JSON.stringify(body)).toString("base64");
  // The signed entry timestamp covers this object in canonical JSON: keys sorted, no spaces.
  const promised = JSON.stringify({ body: canonicalizedBody, integratedTime, logID: logId.toString("hex"), logIndex });
  const entry = {
    logIndex: String(logIndex),
    logId: { keyId: logId.toString("base64") },
    kindVersion: { kind: body.kind, version: body.apiVersion },
    integratedTime: String(integratedTime),
    inclusionPromise: { signedEntryTimestamp: sign("sha256", Buffer.from(promised), logKey).toString("base64") },
    canonicalizedBody,
  };
  b.mediaType = V01;
  b.verificationMaterial.tlogEntries = [entry];
  return b;
}
