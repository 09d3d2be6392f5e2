import { X509Certificate } from "node:crypto";
import { ValidationError } from "@sigstore/bundle";
import { isObject } from "../ecosystems/formats/json.js";

// cosign's signatures from before the Sigstore bundle: `cosign sign-blob --bundle` (without
// --new-bundle-format) writes `{"base64Signature", "cert", "rekorBundle": {"SignedEntryTimestamp",
// "Payload": {"body", "integratedTime", "logIndex", "logID"}}}`, and `--output-signature` /
// `--output-certificate` write the signature and the certificate alone. Each is a message signature
// over the artifact's bytes; this rebuilds the Sigstore bundle it stands for (v0.1: the Rekor entry
// is proved by its signed entry timestamp), as `cosign bundle create` does. The message digest is the
// artifact's own sha256: the transparency log entry must record that same digest.

// Applied to trimmed text only, so no class overlaps the next and the match stays linear.
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

/** True for cosign's legacy bundle. */
export function isCosignLegacyBundle(v: unknown): boolean {
  return isObject(v) && typeof v["base64Signature"] === "string" && v["mediaType"] === undefined;
}

/**
 * A certificate as cosign and others hand it over: PEM, base64 of PEM (cosign's `cert` field and
 * `--output-certificate` with --b64), base64 of DER, or DER; the DER bytes as base64, or undefined.
 */
export function certificateDer(raw: Buffer | string): string | undefined {
  let bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  const text = bytes.toString("latin1").trim();
  if (!text.includes("-----BEGIN") && BASE64.test(text)) {
    const decoded = Buffer.from(text, "base64");
    if (decoded.toString("latin1").includes("-----BEGIN CERTIFICATE-----") || decoded[0] === 0x30) bytes = decoded;
  }
  try {
    return new X509Certificate(bytes).raw.toString("base64");
  } catch {
    return undefined;
  }
}

/**
 * A detached signature's bytes as base64: cosign writes base64 text by default and raw bytes with
 * --b64=false (an ASN.1 DER signature, starting 0x30, or 64 bytes of ed25519).
 */
export function signatureBase64(raw: Buffer): string | undefined {
  const text = raw.toString("latin1").trim();
  if (text !== "" && BASE64.test(text)) {
    const decoded = Buffer.from(text, "base64");
    if (decoded.length >= 8) return decoded.toString("base64");
  }
  return raw.length > 0 ? raw.toString("base64") : undefined;
}

/** A message-signature bundle (JSON) over an artifact with the given sha256, from its parts. */
export function messageSignatureBundle(parts: { signature: string; certificate?: string; sha256Hex: string; tlogEntries?: unknown[] }): unknown {
  const entries = parts.tlogEntries ?? [];
  return {
    mediaType: "application/vnd.dev.sigstore.bundle+json;version=0.1",
    verificationMaterial: { ...(parts.certificate !== undefined ? { x509CertificateChain: { certificates: [{ rawBytes: parts.certificate }] } } : { publicKey: { hint: "" } }), tlogEntries: entries },
    messageSignature: { messageDigest: { algorithm: "SHA2_256", digest: Buffer.from(parts.sha256Hex, "hex").toString("base64") }, signature: parts.signature },
  };
}

/** The Sigstore bundle (JSON) a legacy cosign bundle stands for, over an artifact with this sha256. */
export function cosignLegacyToBundle(v: unknown, sha256Hex: string): unknown {
  const b = v as Record<string, unknown>;
  const signature = signatureBase64(Buffer.from(String(b["base64Signature"]), "latin1"));
  if (signature === undefined || b["base64Signature"] === "") throw new ValidationError("the cosign bundle has an empty signature", ["base64Signature"]);
  let certificate: string | undefined;
  if (b["cert"] !== undefined && b["cert"] !== null && b["cert"] !== "") {
    certificate = typeof b["cert"] === "string" ? certificateDer(b["cert"]) : undefined;
    if (certificate === undefined) throw new ValidationError("the cosign bundle's certificate is not a PEM or DER X.509 certificate", ["cert"]);
  }
  const rekor = b["rekorBundle"];
  const entries: unknown[] = [];
  if (rekor !== undefined && rekor !== null) {
    const r = isObject(rekor) ? rekor : {};
    const p = isObject(r["Payload"]) ? r["Payload"] : {};
    const set = r["SignedEntryTimestamp"];
    const body = p["body"];
    if (typeof set !== "string" || set === "") throw new ValidationError("the cosign bundle's Rekor entry has no signed entry timestamp", ["rekorBundle.SignedEntryTimestamp"]);
    if (typeof body !== "string" || body === "") throw new ValidationError("the cosign bundle's Rekor entry has no body", ["rekorBundle.Payload.body"]);
    if (typeof p["logID"] !== "string" || !/^[0-9a-fA-F]{64}$/.test(p["logID"])) throw new ValidationError("the cosign bundle's Rekor log ID is not a hex SHA-256", ["rekorBundle.Payload.logID"]);
    for (const k of ["integratedTime", "logIndex"] as const) if (!Number.isSafeInteger(p[k])) throw new ValidationError(`the cosign bundle's Rekor ${k} is not an integer`, [`rekorBundle.Payload.${k}`]);
    let kind: unknown;
    try {
      kind = JSON.parse(Buffer.from(body, "base64").toString("utf8")) as unknown;
    } catch {
      throw new ValidationError("the cosign bundle's Rekor entry body is not base64 JSON", ["rekorBundle.Payload.body"]);
    }
    const k = isObject(kind) ? kind : {};
    if (k["kind"] !== "hashedrekord") throw new ValidationError(`the cosign bundle's Rekor entry is of kind ${String(k["kind"])}, not a signature over a blob (hashedrekord)`, ["rekorBundle.Payload.body"]);
    entries.push({
      logIndex: String(p["logIndex"]),
      logId: { keyId: Buffer.from(p["logID"], "hex").toString("base64") },
      kindVersion: { kind: "hashedrekord", version: String(k["apiVersion"] ?? "0.0.1") },
      integratedTime: String(p["integratedTime"]),
      inclusionPromise: { signedEntryTimestamp: set },
      canonicalizedBody: body,
    });
  }
  return messageSignatureBundle({ signature, ...(certificate !== undefined ? { certificate } : {}), sha256Hex, tlogEntries: entries });
}
