import { isBundleWithDsseEnvelope, type Bundle } from "@sigstore/bundle";
import { HashAlgorithm } from "@sigstore/protobuf-specs";
import { toSignedEntity, VerificationError, Verifier, type Signer } from "@sigstore/verify";
import { AssayError } from "../core/errors.js";
import { useFastDerEncoding } from "./der-encoding.js";
import { proofCheckpointMismatch } from "./inclusion-proof.js";
import type { BundleInput } from "./inputs.js";
import { certificateFacts, normaliseRepository, normaliseWorkflow, workflowMatches, type CertificateFacts } from "./fulcio.js";
import { isSlsa, matchingSubject, parseStatement, secureAlgorithm, summariseProvenance, type ProvenanceSummary, type Statement } from "./statement.js";
import { keylessThresholds, type Trust } from "./trust.js";

// Verifies one Sigstore bundle offline: the signature, the signing certificate's chain to the
// trusted root (or the given key), the transparency log's inclusion proof or promise, the signer's
// identity against the policy, and, for DSSE, that the artifact's digest is a subject of the
// statement. Each step is a named check with one sentence; the first failure is the verdict.

/**
 * Who must have signed. Every field names a signer that only a Fulcio certificate can show: a
 * bundle signed with a public key fails any policy that sets one (see requiresSigner).
 */
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
  /** The certificate's Source Repository URI must be this repository (`owner/repo` or a URL; see normaliseRepository). */
  sourceRepository?: string;
  /** The certificate's Build Signer URI must be this workflow (`owner/repo/path[@ref]` or a URL; see workflowMatches). */
  signerWorkflow?: string;
  /** The certificate's Source Repository Digest must be this commit (hex, any case), as gh's --source-digest. */
  sourceDigest?: string;
  /** The certificate's Source Repository Ref must be this ref, exactly (`refs/tags/v1.2.3`), as gh's --source-ref. */
  sourceRef?: string;
}

/** How strictly to verify; the defaults are the safe choices. */
export interface VerifyOptions {
  /**
   * Accept a bundle signed with the key given with --key that carries no transparency log entry and
   * no signed timestamp (cosign's --insecure-ignore-tlog): nothing then proves when it was signed.
   */
  insecureIgnoreTlog?: boolean;
}

/** One step of verification. */
export interface Check {
  name: "signature" | "certificate" | "transparency log" | "identity" | "source" | "workflow" | "subject" | "predicate" | "files" | "manifest" | "key" | "timestamp";
  ok: boolean;
  detail: string;
}

/** The outcome for one bundle. */
export interface BundleResult {
  origin: string;
  verified: boolean;
  checks: Check[];
  /** `key` is which key verified a keyed bundle: the one given with --key, or an npm registry key. */
  signer: { identity?: string; issuer?: string; keyHint?: string; key?: "given" | "npm registry" };
  statement?: Statement;
  predicateType?: string;
  provenance?: ProvenanceSummary;
  /** 1-based position of the bundle in a document that holds several. */
  index?: number;
  /** What the verdict on this bundle does not say (shown under it). */
  note?: string;
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

/** npm's publish attestation: the registry, with its own key, says it published this tarball. */
export const NPM_PUBLISH_PREDICATE = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

/** The flag that sets each policy field, for errors that name it. */
const POLICY_FLAGS = { identity: "--certificate-identity", identityRegexp: "--certificate-identity-regexp", issuer: "--certificate-oidc-issuer", issuerRegexp: "--certificate-oidc-issuer-regexp", sourceRepository: "--source-repository", signerWorkflow: "--signer-workflow", sourceDigest: "--source-digest", sourceRef: "--source-ref" } as const;

/**
 * Throws a usage error naming the flag when a policy value is blank: `--certificate-identity-regexp
 * "$UNSET"` would otherwise match every signer, and an empty list would allow none by accident.
 */
export function checkPolicy(policy: IdentityPolicy): void {
  for (const [field, flag] of Object.entries(POLICY_FLAGS) as [keyof typeof POLICY_FLAGS, string][]) {
    const v = policy[field];
    if (v !== undefined && v.trim() === "") throw new AssayError("USAGE", `${flag} is empty (an unset variable?): an empty value would accept any signer`, { hint: `give ${flag} the ${field.startsWith("issuer") ? "issuer" : field === "sourceRepository" ? "repository" : field === "signerWorkflow" ? "workflow" : field === "sourceDigest" ? "commit" : field === "sourceRef" ? "ref" : "identity"} that must have signed` });
  }
  if (policy.sourceRepository !== undefined && normaliseRepository(policy.sourceRepository) === undefined) throw new AssayError("USAGE", `--source-repository ${policy.sourceRepository}: not a repository (owner/repo, or a URL such as https://github.com/owner/repo)`);
  if (policy.signerWorkflow !== undefined && normaliseWorkflow(policy.signerWorkflow) === undefined) throw new AssayError("USAGE", `--signer-workflow ${policy.signerWorkflow}: not a workflow (owner/repo/.github/workflows/release.yml, optionally @ref, or its https:// URL)`);
  if (policy.sourceDigest !== undefined && !/^(?:sha1:)?(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(policy.sourceDigest.trim())) throw new AssayError("USAGE", `--source-digest ${policy.sourceDigest}: not a commit (40 or 64 hexadecimal digits)`);
  if (policy.sourceRef !== undefined && !policy.sourceRef.startsWith("refs/")) throw new AssayError("USAGE", `--source-ref ${policy.sourceRef}: not a full ref`, { hint: "write the ref as the certificate holds it: refs/tags/v1.2.3 or refs/heads/main" });
  if (policy.identities?.some((v) => v.trim() === "")) throw new AssayError("USAGE", "--certificate-identity is empty (an unset variable?)");
  if (policy.issuers?.some((v) => v.trim() === "")) throw new AssayError("USAGE", "--certificate-oidc-issuer is empty (an unset variable?)");
}

/** True when the policy names a signer, which only a certificate can show. */
export function requiresSigner(policy: IdentityPolicy): boolean {
  return policy.identity !== undefined || policy.identityRegexp !== undefined || policy.issuer !== undefined || policy.issuerRegexp !== undefined || (policy.identities?.length ?? 0) > 0 || (policy.issuers?.length ?? 0) > 0 || policy.sourceRepository !== undefined || policy.signerWorkflow !== undefined || policy.sourceDigest !== undefined || policy.sourceRef !== undefined;
}

/** Sigstore's HashAlgorithm (protobuf-specs common.proto) by its name in artifact digests. */
const DIGEST_ALGORITHMS: Partial<Record<HashAlgorithm, string>> = { [HashAlgorithm.SHA2_256]: "sha256", [HashAlgorithm.SHA2_384]: "sha384", [HashAlgorithm.SHA2_512]: "sha512" };

const keyless = (b: Bundle): boolean => b.verificationMaterial.content.$case !== "publicKey";

/**
 * Verifies a bundle; `artifact` is needed for message signatures, `digests` for DSSE subjects.
 * Throws AssayError (USAGE, VERIFY_INPUT_INVALID) for input that cannot be judged; every verdict,
 * good or bad, is a list of checks in the result.
 */
export function verifyBundle(input: BundleInput, trust: Trust, policy: IdentityPolicy, artifact: { bytes?: Buffer; digests?: Record<string, string> }, opts: VerifyOptions = {}): BundleResult {
  useFastDerEncoding();
  checkPolicy(policy);
  const { bundle } = input;
  const checks: Check[] = [];
  const result: BundleResult = { origin: input.origin, verified: false, checks, signer: {} };
  const isKeyless = keyless(bundle);
  if (isKeyless && policy.identity === undefined && policy.identityRegexp === undefined && !policy.identities?.length) {
    throw new AssayError("USAGE", `${input.origin} is signed keyless (a Fulcio certificate): say who must have signed it`, { hint: "add --certificate-identity ID (or --certificate-identity-regexp RE) and --certificate-oidc-issuer URL" });
  }
  const hint = bundle.verificationMaterial.content.$case === "publicKey" ? bundle.verificationMaterial.content.publicKey.hint : undefined;
  // With no --key, a keyed bundle can only be checked with an npm registry key (or not at all).
  const registryKey = !isKeyless && !trust.keyed && hint !== undefined && trust.registryKeyIds.has(hint);
  if (!isKeyless) result.signer = { ...(hint !== undefined ? { keyHint: hint } : {}), ...(trust.keyed ? { key: "given" as const } : registryKey ? { key: "npm registry" as const } : {}) };

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

  // A key names no one: whoever holds it (or, for npm's keys, the registry) signed. A policy that
  // names a signer cannot be met by it, however good the signature (as `db import` refuses it).
  if (!isKeyless && requiresSigner(policy)) {
    const by = registryKey ? `the npm registry's key ${hint ?? ""}` : trust.keyed ? "the key given with --key" : `a public key${hint ? ` (${hint})` : ""}`;
    checks.push({ name: "identity", ok: false, detail: `signed with ${by}, not a Fulcio certificate: a key names no signer, so it cannot show the required ${describePolicy(policy)}` });
    return result;
  }
  // The npm registry's keys sign one statement: that the registry published the tarball. Anything
  // else under them (a message signature, a provenance) is not the registry's to vouch for.
  if (registryKey && statement?.predicateType !== NPM_PUBLISH_PREDICATE) {
    checks.push({ name: "key", ok: false, detail: `the npm registry's keys are trusted only for npm publish attestations (${NPM_PUBLISH_PREDICATE}), and this bundle is ${statement ? `a ${statement.predicateType} statement` : "a message signature"} (pass the signer's key with --key)` });
    return result;
  }

  const tlogs = bundle.verificationMaterial.tlogEntries.length;
  const tsas = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0;
  // Only a key the user gave may go without a trusted time, and only when asked: the npm keys have
  // validity windows that nothing could be checked against.
  const untimedOk = !isKeyless && trust.keyed && opts.insecureIgnoreTlog === true;
  if (tlogs + tsas === 0 && !untimedOk) {
    // Without a log entry or a signed timestamp nothing says when it was signed: not that the
    // certificate (valid ten minutes) was valid then, nor that a key was not already retired.
    checks.push({
      name: "transparency log",
      ok: false,
      detail: isKeyless
        ? "no transparency log entry or signed timestamp: nothing proves the short-lived signing certificate was valid when it signed, so it cannot be verified offline (use the Sigstore bundle the signer published, which carries the log entry)"
        : `no transparency log entry or signed timestamp: nothing proves when the key signed, so whether the key was valid then cannot be checked (${trust.keyed ? "sign with the transparency log, as cosign does by default, or accept it anyway with --insecure-ignore-tlog" : "npm's publish attestations carry their log entry: use the document the registry serves"})`,
    });
    return result;
  }
  const duplicate = duplicateEntry(bundle);
  if (duplicate !== undefined) {
    checks.push({ name: "transparency log", ok: false, detail: `the bundle lists the transparency log entry ${duplicate} twice: a bundle carries each entry once, so it was altered (a repeated entry would count as two proofs)` });
    return result;
  }
  const mismatch = bundle.verificationMaterial.tlogEntries.map(proofCheckpointMismatch).find((m) => m !== undefined);
  if (mismatch !== undefined) {
    checks.push({ name: "transparency log", ok: false, detail: `${mismatch}: the log entry was altered after the log wrote it` });
    return result;
  }
  let signer: Signer;
  try {
    signer = verifyEntity(toSignedEntity(bundle, artifact.bytes), trust, isKeyless, untimedOk);
  } catch (e) {
    if (!(e instanceof VerificationError)) {
      // Not a verdict but bytes the verifier could not decode (a malformed DER certificate, a
      // truncated key): say so, rather than blame the artifact for a bundle that cannot be read.
      const why = e instanceof Error ? (e.message.split("\n")[0] ?? "").slice(0, 200) : String(e).slice(0, 200);
      checks.push({ name: "signature", ok: false, detail: `the bundle's verification material cannot be read (${why || "malformed"}), so nothing was verified` });
      return result;
    }
    checks.push(explain(e, hint));
    return result;
  }
  checks.push({ name: "signature", ok: true, detail: isKeyless ? "verified with the certificate in the bundle, which chains to a trusted Fulcio CA" : trust.keyed ? "verified with the key given with --key" : `verified with trusted key ${hint ?? ""} (the npm registry's, trusted for npm publish attestations only)` });
  checks.push({ name: "transparency log", ok: true, detail: tlogs > 0 ? `inclusion verified (${tlogs} entr${tlogs === 1 ? "y" : "ies"}, ${bundle.verificationMaterial.tlogEntries.map((t) => `log index ${t.logIndex}`).join(", ")})` : tsas > 0 ? "no transparency log entry; the signed timestamp gives the time" : "no transparency log entry, accepted with --insecure-ignore-tlog: nothing proves when it was signed" });

  if (isKeyless) {
    const san = signer.identity?.subjectAlternativeName ?? "";
    const issuer = signer.identity?.extensions?.issuer ?? "";
    result.signer = { identity: san, issuer };
    const idOk = policy.identity !== undefined ? san === policy.identity : policy.identityRegexp !== undefined ? safeRegExp(policy.identityRegexp, "--certificate-identity-regexp").test(san) : san !== "" && (policy.identities ?? []).includes(san);
    const { ok: issuerOk, want: issuerWant } = issuerCheck(policy, issuer);
    checks.push({
      name: "identity",
      ok: idOk && issuerOk,
      detail: idOk && issuerOk ? `${san} (issuer ${issuer})` : !idOk ? `signed by ${san || "(no identity)"} (issuer ${issuer}), not the ${identityWant(policy)}` : `signed by ${san} with issuer ${issuer || "(not stated)"}, not ${issuerWant}`,
    });
    const facts = certificateFacts(signer.identity?.oids ?? [], san, issuer);
    checks.push(...buildChecks(policy, facts, statement));
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
    if (artifact.digests) checks.push(subjectCheck(statement, artifact.digests));
    const prov = summariseProvenance(statement);
    if (prov) result.provenance = prov;
  }
  result.verified = checks.every((c) => c.ok);
  return result;
}

/**
 * The certificate's build facts against `--source-repository` and `--signer-workflow`, and against
 * what an SLSA provenance claims as its source. A fact the certificate lacks fails what asks for it.
 */
export function buildChecks(policy: IdentityPolicy, facts: CertificateFacts, statement: Statement | undefined): Check[] {
  const checks: Check[] = [];
  const { sourceRepository: certSource, signerWorkflow: certWorkflow } = facts;
  if (policy.sourceRepository !== undefined) {
    const ok = certSource !== undefined && normaliseRepository(certSource) === normaliseRepository(policy.sourceRepository);
    checks.push({ name: "source", ok, detail: certSource === undefined ? `the certificate names no source repository (no Fulcio Source Repository URI extension), so it cannot show ${policy.sourceRepository}` : ok ? `${certSource} (the certificate's ${facts.from.sourceRepository ?? ""})` : `the certificate's ${facts.from.sourceRepository ?? ""} says the source repository is ${certSource}, not ${policy.sourceRepository}` });
  }
  if (policy.signerWorkflow !== undefined) {
    const ok = certWorkflow !== undefined && workflowMatches(policy.signerWorkflow, certWorkflow);
    checks.push({ name: "workflow", ok, detail: certWorkflow === undefined ? `the certificate names no signing workflow (no Fulcio Build Signer URI extension), so it cannot show ${policy.signerWorkflow}` : ok ? `${certWorkflow} (the certificate's ${facts.from.signerWorkflow ?? ""})` : `the certificate's ${facts.from.signerWorkflow ?? ""} says the signing workflow is ${certWorkflow}, not ${policy.signerWorkflow}` });
  }
  if (policy.sourceDigest !== undefined) {
    const want = policy.sourceDigest.trim().replace(/^sha1:/i, "").toLowerCase();
    const ok = facts.sourceCommit !== undefined && facts.sourceCommit.toLowerCase() === want;
    checks.push({ name: "source", ok, detail: facts.sourceCommit === undefined ? `the certificate names no source commit (no Fulcio Source Repository Digest extension), so it cannot show ${want}` : ok ? `commit ${facts.sourceCommit} (the certificate's ${facts.from.sourceCommit ?? ""})` : `the certificate's ${facts.from.sourceCommit ?? ""} says the source commit is ${facts.sourceCommit}, not ${want}` });
  }
  if (policy.sourceRef !== undefined) {
    const ok = facts.sourceRef !== undefined && facts.sourceRef === policy.sourceRef;
    checks.push({ name: "source", ok, detail: facts.sourceRef === undefined ? `the certificate names no source ref (no Fulcio Source Repository Ref extension), so it cannot show ${policy.sourceRef}` : ok ? `ref ${facts.sourceRef} (the certificate's ${facts.from.sourceRef ?? ""})` : `the certificate's ${facts.from.sourceRef ?? ""} says the source ref is ${facts.sourceRef}, not ${policy.sourceRef}` });
  }
  // A provenance names its source in its own words; where the certificate names one too, they must
  // agree, or the provenance describes a build other than the one that signed it.
  const claimed = statement && isSlsa(statement.predicateType) ? summariseProvenance(statement)?.sourceRepository : undefined;
  if (claimed !== undefined && certSource !== undefined) {
    const ok = normaliseRepository(claimed) !== undefined && normaliseRepository(claimed) === normaliseRepository(certSource);
    checks.push({ name: "source", ok, detail: ok ? `the provenance's source repository ${claimed} is the certificate's` : `the provenance claims the source repository ${claimed}, but the certificate's ${facts.from.sourceRepository ?? ""} says ${certSource}: the provenance does not describe the build that signed it` });
  }
  // The commit and ref too, as slsa-verifier matches a GitHub provenance to its certificate: Fulcio
  // copied them from the CI's token, the signer wrote the provenance's.
  const summary = statement && isSlsa(statement.predicateType) ? summariseProvenance(statement) : undefined;
  if (summary?.commit !== undefined && facts.sourceCommit !== undefined) {
    const ok = summary.commit.toLowerCase() === facts.sourceCommit.toLowerCase();
    checks.push({ name: "source", ok, detail: ok ? `the provenance's source commit ${summary.commit} is the certificate's` : `the provenance claims the source commit ${summary.commit}, but the certificate's ${facts.from.sourceCommit ?? ""} says ${facts.sourceCommit}: the provenance does not describe the build that signed it` });
  }
  if (summary?.ref !== undefined && facts.sourceRef !== undefined) {
    const ok = summary.ref === facts.sourceRef;
    checks.push({ name: "source", ok, detail: ok ? `the provenance's source ref ${summary.ref} is the certificate's` : `the provenance claims the source ref ${summary.ref}, but the certificate's ${facts.from.sourceRef ?? ""} says ${facts.sourceRef}: the provenance does not describe the build that signed it` });
  }
  return checks;
}

/** Whether the artifact is a subject of the statement, compared on secure algorithms only. */
function subjectCheck(statement: Statement, digests: Readonly<Record<string, string>>): Check {
  const m = matchingSubject(statement, digests);
  if (m) return { name: "subject", ok: true, detail: `${m.name || "the subject"} matches the artifact's ${m.algorithm}` };
  const names = statement.subjects.map((s) => `${s.name || "(unnamed)"} ${Object.keys(s.digest).join("/")}`).join(", ");
  const comparable = statement.subjects.some((s) => Object.keys(s.digest).some((a) => { const n = secureAlgorithm(a); return n !== undefined && digests[n] !== undefined; }));
  if (!comparable) return { name: "subject", ok: false, detail: `no subject of the statement has a digest assay accepts (subjects: ${names}): subjects are matched on ${Object.keys(digests).join(", ")} only (SHA-1 and MD5 do not pin one artifact)` };
  return { name: "subject", ok: false, detail: `the artifact's digest is not a subject of the statement (subjects: ${names}): it is not the artifact that was signed` };
}

/**
 * The signer of a bundle, verified. Keyless: against each trusted root in turn until one verifies
 * it, each asking for what its instance makes (`keylessThresholds`: Sigstore's a log entry, an SCT
 * and a trusted time; GitHub's a signed timestamp). Keyed: the entries present are all checked, and
 * a trusted time is required unless --insecure-ignore-tlog allowed none; with one, the key must have
 * been valid at that time (its validFor window in the trusted keys). When no root verifies a keyless
 * bundle, the error said is that of the root that got furthest (the bundle's own instance, whose
 * timestamp authority and certificate authority it passed), the first of equals.
 */
function verifyEntity(entity: ReturnType<typeof toSignedEntity>, trust: Trust, isKeyless: boolean, untimedOk: boolean): Signer {
  if (!isKeyless) return new Verifier(trust.material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: untimedOk ? 0 : 1 }).verify(entity);
  let best: VerificationError | undefined;
  for (const material of trust.roots) {
    try {
      return new Verifier(material, keylessThresholds(material)).verify(entity);
    } catch (e) {
      // Bytes the verifier cannot decode fail alike under every root.
      if (!(e instanceof VerificationError)) throw e;
      if (best === undefined || stageOf(e) > stageOf(best)) best = e;
    }
  }
  throw best ?? new VerificationError({ code: "CERTIFICATE_ERROR", message: "no trusted root" });
}

/** How far the verifier got before `e`, in the order it checks: timestamps, the certificate's chain, its SCTs, the log entries, the signature. */
function stageOf(e: VerificationError): number {
  if (e.code === "TIMESTAMP_ERROR") return 1;
  if (e.code === "CERTIFICATE_ERROR") return /certificate chain/i.test(e.message) ? 2 : 3;
  if (e.code.startsWith("TLOG")) return 4;
  return 5;
}

/** A failed check from the verifier's error, in words that say what it means. */
function explain(e: VerificationError, hint: string | undefined): Check {
  const code = e.code;
  const name = CHECK_OF[code] ?? "signature";
  if (code === "TIMESTAMP_ERROR" && /duplicate/i.test(e.message)) return { name: "transparency log", ok: false, detail: "the bundle carries the same timestamp twice (a repeated log entry or RFC 3161 timestamp): it was altered, a repeated proof must not count twice" };
  const when = code === "PUBLIC_KEY_ERROR" ? /not valid for timestamp:?\s*(\S+)/i.exec(e.message)?.[1] : undefined;
  if (when !== undefined) return { name: "key", ok: false, detail: `the key ${hint ?? ""} was not valid at ${when}, when the signature was logged: the trusted keys say it was retired or not yet in use then` };
  // The key's own message names the key id it looked for, which is what the user needs.
  const own = e.message && (!EXPLAIN[code] || code === "PUBLIC_KEY_ERROR") ? ` (${e.message})` : "";
  return { name, ok: false, detail: `${EXPLAIN[code] ?? "verification failed"}${own}` };
}

/** The first transparency log entry the bundle lists twice (same log, same index), named. */
function duplicateEntry(bundle: Bundle): string | undefined {
  const seen = new Set<string>();
  for (const t of bundle.verificationMaterial.tlogEntries) {
    const id = `${Buffer.from(t.logId?.keyId ?? Buffer.alloc(0)).toString("hex")}/${t.logIndex}`;
    if (seen.has(id)) return `at log index ${t.logIndex}`;
    seen.add(id);
  }
  return undefined;
}

/** The signer the policy asks for, in words (`identity X, issuer Y`). */
function describePolicy(policy: IdentityPolicy): string {
  const identity = policy.identity !== undefined || policy.identityRegexp !== undefined || policy.identities?.length ? identityWant(policy) : undefined;
  const issuer = policy.issuer !== undefined ? `issuer ${policy.issuer}` : policy.issuerRegexp !== undefined ? `issuer matching /${policy.issuerRegexp}/` : policy.issuers?.length ? `issuer one of ${policy.issuers.join(", ")}` : undefined;
  const source = policy.sourceRepository !== undefined ? `source repository ${policy.sourceRepository}` : undefined;
  const workflow = policy.signerWorkflow !== undefined ? `signer workflow ${policy.signerWorkflow}` : undefined;
  return [identity, issuer, source, workflow].filter((p) => p !== undefined).join(", ");
}

/** The identity the policy asks for, in words. */
function identityWant(policy: IdentityPolicy): string {
  return policy.identity !== undefined ? `identity ${policy.identity}` : policy.identityRegexp !== undefined ? `identity matching /${policy.identityRegexp}/` : `allowed identities (${policy.identities?.join(", ")})`;
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
