import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

// Keyed Sigstore bundles (v0.3) made by the tests with keys they generate, as `cosign sign-blob
// --key … --tlog-upload=false` and `model_signing sign key …` make them: a message signature over
// an artifact, or a DSSE envelope over an in-toto statement.

/** A fresh P-256 key pair, the public half as PEM. */
export function testKey(): { privateKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateKey, publicPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

const material = { publicKey: { hint: "test-key" }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } };

/** A message-signature bundle over `artifact`. */
export function messageBundle(artifact: Buffer, privateKey: KeyObject): object {
  return {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: material,
    messageSignature: { messageDigest: { algorithm: "SHA2_256", digest: createHash("sha256").update(artifact).digest("base64") }, signature: sign("sha256", artifact, privateKey).toString("base64") },
  };
}

/** DSSE's pre-authentication encoding. */
function pae(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
}

/** A DSSE bundle over an in-toto statement. */
export function dsseBundle(statement: object, privateKey: KeyObject): object {
  const type = "application/vnd.in-toto+json";
  const payload = Buffer.from(JSON.stringify(statement));
  return {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: material,
    dsseEnvelope: { payload: payload.toString("base64"), payloadType: type, signatures: [{ sig: sign("sha256", pae(type, payload), privateKey).toString("base64"), keyid: "" }] },
  };
}

/** An OpenSSF model signing v1.0 statement for files (name → contents). */
export function modelStatement(name: string, files: Record<string, string | Buffer>): object {
  const resources = Object.keys(files)
    .sort()
    .map((f) => ({ name: f, algorithm: "sha256", digest: createHash("sha256").update(files[f] as string | Buffer).digest("hex") }));
  const root = createHash("sha256");
  for (const r of resources) root.update(Buffer.from(r.digest, "hex"));
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name, digest: { sha256: root.digest("hex") } }],
    predicateType: "https://model_signing/signature/v1.0",
    predicate: { serialization: { method: "files", hash_type: "sha256", allow_symlinks: false, ignore_paths: ["model.sig", ".git"] }, resources },
  };
}
