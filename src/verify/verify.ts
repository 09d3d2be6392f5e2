import { isBundleWithDsseEnvelope, type Bundle } from "@sigstore/bundle";
import { HashAlgorithm } from "@sigstore/protobuf-specs";
import { toSignedEntity, VerificationError, Verifier, type Signer } from "@sigstore/verify";
import { AssayError } from "../core/errors.js";
import { useFastDerEncoding } from "./der-encoding.js";
import { proofCheckpointMismatch } from "./inclusion-proof.js";
import type { BundleInput } from "./inputs.js";
import { matchingSubject, parseStatement, summariseProvenance, type ProvenanceSummary, type Statement } from "./statement.js";
import type { Trust } from "./trust.js";

// Verifies one Sigstore bundle offline: the signature, the signing certificate's chain to the
// trusted root (or the given key), the transparency log's inclusion proof or promise, the signer's
// identity against the policy, and, for DSSE, that the artifact's digest is a subject of the
// statement. Each step is a named check with one sentence; the first failure is the verdict.

/** Who must have signed (keyless signatures). */
export interface IdentityPolicy {
  identity?: string;
  identityRegexp?: string;
  issuer?: string;
  /** The issuer must match this (unanchored, as cosign's --certificate-oidc-issuer-regexp). */
  issuerRegexp?: string;
  /** Any one of these identities, exactly (`assay db import` accepts several signers). */
  identities?: readonly string[];
  /** Any one of these OIDC issuers. */
  issuers?: readonly string[];
}

/** One step of verification. */
export interface Check {
  name: "signature" | "certificate" | "transparency log" | "identity" | "subject" | "predicate" | "files" | "manifest" | "key" | "timestamp";
  ok: boolean;
  detail: string;
}

/** The outcome for one bundle. */
export interface BundleResult {
  origin: string;
  verified: boolean;
  checks: Check[];
  signer: { identity?: string; issuer?: string; keyHint?: string };
  statement?: Statement;
  predicateType?: string;
  provenance?: ProvenanceSummary;
}

const CHECK_OF: Record<string, Check["name"]> = {
  TLOG_ERROR: "transparency log",
  TLOG_INCLUSION_PROOF_ERROR: "transparency log",
  TLOG_INCLUSION_PROMISE_ERROR: "transparency log",
  TLOG_MISSING_INCLUSION_ERROR: "transparency log",
  TLOG_BODY_ERROR: "transparency log",
  CERTIFICATE_ERROR: "certificate",
  PUBLIC_KEY_ERROR: "key",
  SIGNATURE_ERROR: "signature",
  TIMESTAMP_ERROR: "timestamp",
};

const EXPLAIN: Record<string, string> = {
  TLOG_BODY_ERROR: "the transparency log entry records a different signature or digest than the bundle carries: the bundle or the artifact was altered",
  TLOG_INCLUSION_PROOF_ERROR: "the transparency log inclusion proof does not verify against the log's checkpoint",
  TLOG_INCLUSION_PROMISE_ERROR: "the transparency log's signed inclusion promise does not verify: the entry was altered or the log is not trusted",
  TLOG_MISSING_INCLUSION_ERROR: "the transparency log entry has neither an inclusion proof nor an inclusion promise",
  SIGNATURE_ERROR: "the signature does not match: the artifact or the bundle was altered",
  CERTIFICATE_ERROR: "the signing certificate does not chain to a trusted certificate authority, or was not valid when it signed",
  PUBLIC_KEY_ERROR: "the signing key is not trusted (pass it with --key)",
  TIMESTAMP_ERROR: "no trusted time proves when it was signed (neither a signed inclusion promise from the transparency log nor an RFC 3161 timestamp)",
};

const IN_TOTO = "application/vnd.in-toto+json";

/** Sigstore's HashAlgorithm (protobuf-specs common.proto) by its name in artifact digests. */
const DIGEST_ALGORITHMS: Partial<Record<HashAlgorithm, string>> = { [HashAlgorithm.SHA2_256]: "sha256", [HashAlgorithm.SHA2_384]: "sha384", [HashAlgorithm.SHA2_512]: "sha512" };

const keyless = (b: Bundle): boolean => b.verificationMaterial.content.$case !== "publicKey";

/** Verifies a bundle; `artifact` is needed for message signatures, `digests` for DSSE subjects. */
export function verifyBundle(input: BundleInput, trust: Trust, policy: IdentityPolicy, artifact: { bytes?: Buffer; digests?: Record<string, string> }): BundleResult {
  useFastDerEncoding();
  const { bundle } = input;
  const checks: Check[] = [];
  const result: BundleResult = { origin: input.origin, verified: false, checks, signer: {} };
  const isKeyless = keyless(bundle);
  if (isKeyless && policy.identity === undefined && policy.identityRegexp === undefined && !policy.identities?.length) {
    throw new AssayError("USAGE", `${input.origin} is signed keyless (a Fulcio certificate): say who must have signed it`, { hint: "add --certificate-identity ID (or --certificate-identity-regexp RE) and --certificate-oidc-issuer URL" });
  }
  if (bundle.verificationMaterial.content.$case === "publicKey") result.signer.keyHint = bundle.verificationMaterial.content.publicKey.hint;

  let statement: Statement | undefined;
  if (isBundleWithDsseEnvelope(bundle)) {
    try {
      const type = bundle.content.dsseEnvelope.payloadType;
      // The payload type is signed with the payload: another type is not a statement to read as one.
      if (type !== IN_TOTO) throw new Error(`the payload type is ${JSON.stringify(type)}, not an in-toto statement (${IN_TOTO}) (dsseEnvelope.payloadType)`);
      statement = parseStatement(bundle.content.dsseEnvelope.payload);
      result.statement = statement;
      result.predicateType = statement.predicateType;
    } catch (e) {
      throw new AssayError("VERIFY_INPUT_INVALID", `malformed DSSE envelope: ${(e as Error).message}`, { position: { path: input.origin.replace(/ \(attestation \d+\)$/, "") } });
    }
  } else if (!artifact.bytes) {
    throw new AssayError("USAGE", `${input.origin} is a message signature: it needs the artifact's bytes`);
  }

  const tlogs = bundle.verificationMaterial.tlogEntries.length;
  const tsas = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0;
  // A keyed signature made without a transparency log (cosign --tlog-upload=false) has nothing to
  // count; keyless ones always need the log (and its time) to prove the short-lived certificate.
  if (isKeyless && tlogs + tsas === 0) {
    // Without a log entry or a signed timestamp, nothing says the certificate (valid ten minutes)
    // was valid when it signed: fail here with that reason rather than a bare threshold count.
    checks.push({ name: "transparency log", ok: false, detail: "no transparency log entry or signed timestamp: nothing proves the short-lived signing certificate was valid when it signed, so it cannot be verified offline (use the Sigstore bundle the signer published, which carries the log entry)" });
    return result;
  }
  const mismatch = bundle.verificationMaterial.tlogEntries.map(proofCheckpointMismatch).find((m) => m !== undefined);
  if (mismatch !== undefined) {
    checks.push({ name: "transparency log", ok: false, detail: `${mismatch}: the log entry was altered after the log wrote it` });
    return result;
  }
  const verifier = new Verifier(trust.material, isKeyless ? {} : { tlogThreshold: tlogs > 0 ? 1 : 0, ctlogThreshold: 0, timestampThreshold: tlogs + tsas > 0 ? 1 : 0 });
  let signer: Signer;
  try {
    signer = verifier.verify(toSignedEntity(bundle, artifact.bytes));
  } catch (e) {
    if (!(e instanceof VerificationError)) {
      // Not a verdict but bytes the verifier could not decode (a malformed DER certificate, a
      // truncated key): say so, rather than blame the artifact for a bundle that cannot be read.
      const why = e instanceof Error ? (e.message.split("\n")[0] ?? "").slice(0, 200) : String(e).slice(0, 200);
      checks.push({ name: "signature", ok: false, detail: `the bundle's verification material cannot be read (${why || "malformed"}), so nothing was verified` });
      return result;
    }
    const code = e.code;
    const name = CHECK_OF[code] ?? "signature";
    // The key's own message names the key id it looked for, which is what the user needs.
    const own = e instanceof Error && e.message && (!EXPLAIN[code] || code === "PUBLIC_KEY_ERROR") ? ` (${e.message})` : "";
    checks.push({ name, ok: false, detail: `${EXPLAIN[code] ?? "verification failed"}${own}` });
    return result;
  }
  checks.push({ name: "signature", ok: true, detail: isKeyless ? "verified with the certificate in the bundle, which chains to a trusted Fulcio CA" : `verified with ${trust.keyed ? "the key given with --key" : `trusted key ${result.signer.keyHint ?? ""}`.trim()}` });
  checks.push({ name: "transparency log", ok: true, detail: tlogs > 0 ? `inclusion verified (${tlogs} entr${tlogs === 1 ? "y" : "ies"}, ${bundle.verificationMaterial.tlogEntries.map((t) => `log index ${t.logIndex}`).join(", ")})` : "no transparency log entry (keyed signature; nothing proves when it was signed)" });

  if (isKeyless) {
    const san = signer.identity?.subjectAlternativeName ?? "";
    const issuer = signer.identity?.extensions?.issuer ?? "";
    result.signer = { identity: san, issuer };
    const want = policy.identity !== undefined ? `identity ${policy.identity}` : policy.identityRegexp !== undefined ? `identity matching /${policy.identityRegexp}/` : `allowed identities (${policy.identities?.join(", ")})`;
    const idOk = policy.identity !== undefined ? san === policy.identity : policy.identityRegexp !== undefined ? safeRegExp(policy.identityRegexp, "--certificate-identity-regexp").test(san) : san !== "" && (policy.identities ?? []).includes(san);
    const { ok: issuerOk, want: issuerWant } = issuerCheck(policy, issuer);
    checks.push({
      name: "identity",
      ok: idOk && issuerOk,
      detail: idOk && issuerOk ? `${san} (issuer ${issuer})` : !idOk ? `signed by ${san || "(no identity)"} (issuer ${issuer}), not the ${want}` : `signed by ${san} with issuer ${issuer || "(not stated)"}, not ${issuerWant}`,
    });
  }

  if (bundle.content.$case === "messageSignature" && artifact.digests) {
    // The signature was checked over the artifact's bytes; the digest the bundle (and its log entry)
    // records must be that artifact's too, or the bundle describes another file.
    const { algorithm, digest } = bundle.content.messageSignature.messageDigest ?? { algorithm: undefined, digest: Buffer.alloc(0) };
    const alg = algorithm !== undefined ? DIGEST_ALGORITHMS[algorithm] : undefined;
    const mine = alg !== undefined ? artifact.digests[alg] : undefined;
    const ok = mine !== undefined && mine === Buffer.from(digest).toString("hex");
    checks.push({ name: "subject", ok, detail: ok ? `the bundle's ${alg ?? ""} message digest is the artifact's` : mine === undefined ? `the bundle's message digest uses an algorithm assay does not compare (${algorithm !== undefined ? HashAlgorithm[algorithm] : "none"})` : `the bundle's ${alg ?? ""} message digest is not the artifact's: it is not the artifact that was signed` });
  }

  if (statement) {
    const m = artifact.digests ? matchingSubject(statement, artifact.digests) : undefined;
    const names = statement.subjects.map((s) => `${s.name || "(unnamed)"} ${Object.keys(s.digest).join("/")}`).join(", ");
    if (artifact.digests) checks.push({ name: "subject", ok: m !== undefined, detail: m ? `${m.name || "the subject"} matches the artifact's ${m.algorithm}` : `the artifact's digest is not a subject of the statement (subjects: ${names}): it is not the artifact that was signed` });
    const prov = summariseProvenance(statement);
    if (prov) result.provenance = prov;
  }
  result.verified = checks.every((c) => c.ok);
  return result;
}

/** Whether the certificate's issuer is one the policy allows, and how to name what it allows. */
function issuerCheck(policy: IdentityPolicy, issuer: string): { ok: boolean; want: string } {
  if (policy.issuerRegexp !== undefined) return { ok: issuer !== "" && safeRegExp(policy.issuerRegexp, "--certificate-oidc-issuer-regexp").test(issuer), want: `an issuer matching /${policy.issuerRegexp}/` };
  const issuers = policy.issuer !== undefined ? [policy.issuer] : policy.issuers;
  return { ok: issuers === undefined || (issuer !== "" && issuers.includes(issuer)), want: `an allowed issuer (${issuers?.join(", ")})` };
}

/** A user's regular expression, or a usage error naming it. */
export function safeRegExp(re: string, flag: string): RegExp {
  try {
    return new RegExp(re);
  } catch (e) {
    throw new AssayError("USAGE", `${flag}: ${(e as Error).message}`);
  }
}
