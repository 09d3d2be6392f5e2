import { ValidationError } from "@sigstore/bundle";
import { certificateDer } from "./cosign-legacy.js";
import { isObject } from "../ecosystems/formats/json.js";

// A bare DSSE envelope (`{"payloadType", "payload", "signatures": [{"keyid", "sig", "cert"?}]}`), one
// a line of an in-toto `.intoto.jsonl` bundle: what slsa-github-generator wrote before it wrote
// Sigstore bundles (with the Fulcio certificate in the signature), and what keyed in-toto tools
// write. It carries no transparency log entry: a keyed envelope verifies with the key given, a keyless
// one cannot be verified offline (nothing proves its short-lived certificate was valid when it
// signed) and fails on that, as slsa-verifier needs Rekor online for it.

/** True for a bare DSSE envelope. */
export function isDsseEnvelope(v: unknown): boolean {
  return isObject(v) && typeof v["payloadType"] === "string" && "payload" in v && "signatures" in v && v["mediaType"] === undefined;
}

/** The Sigstore bundle (JSON) a bare envelope stands for, with no transparency log entry. */
export function envelopeToBundle(v: unknown): unknown {
  const env = v as Record<string, unknown>;
  const sigs = env["signatures"];
  if (!Array.isArray(sigs) || sigs.length === 0) throw new ValidationError("malformed DSSE envelope: no signatures", ["signatures"]);
  // sigstore's bundle holds one signature: several signers are several envelopes there.
  if (sigs.length > 1) throw new ValidationError(`the DSSE envelope has ${sigs.length} signatures: assay verifies envelopes with one signature`, ["signatures"]);
  const sig = isObject(sigs[0]) ? sigs[0] : {};
  if (typeof sig["sig"] !== "string" || sig["sig"] === "") throw new ValidationError("malformed DSSE envelope: the signature is empty", ["signatures.0.sig"]);
  const cert = sig["cert"];
  let der: string | undefined;
  if (typeof cert === "string" && cert !== "") {
    der = certificateDer(cert);
    if (der === undefined) throw new ValidationError("the DSSE signature's certificate is not a PEM X.509 certificate", ["signatures.0.cert"]);
  }
  const keyid = typeof sig["keyid"] === "string" ? sig["keyid"] : "";
  return {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: { ...(der !== undefined ? { certificate: { rawBytes: der } } : { publicKey: { hint: keyid } }), tlogEntries: [] },
    dsseEnvelope: { payload: env["payload"], payloadType: env["payloadType"], signatures: [{ sig: sig["sig"], keyid }] },
  };
}
