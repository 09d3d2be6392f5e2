import { createHash, createPublicKey } from "node:crypto";
import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toSignedEntity, toTrustMaterial, Verifier } from "@sigstore/verify";
import { AssayError } from "../core/errors.js";
import { sigstoreSeeds } from "../verify/trust.js";

// The signed exchange of advisories: a Sigstore bundle (cosign sign-blob --new-bundle-format, or
// an in-toto attestation whose subject is the file) is verified offline, against the public-good
// trusted root that ships inside @sigstore/tuf (or one the user names), and accepted only when
// the signing certificate names an allowed identity and OIDC issuer, or when it is signed by a
// key the user holds. Nothing here touches the network.

const EMPTY_ROOT = { mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1", tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };

/** Who may sign: identities and issuers from a keyless (Fulcio) certificate, or a public key. */
export type SignerPolicy =
  | { kind: "identity"; identities: readonly string[]; issuers: readonly string[]; trustedRoot?: unknown }
  | { kind: "key"; publicKeyPem: string };

/** Who signed, once verified. */
export interface VerifiedSigner {
  identity?: string;
  issuer?: string;
  key?: string;
  /** `message-signature` (sign-blob) or `dsse` (an attestation about the file). */
  kind: "message-signature" | "dsse";
}

const fail = (message: string, hint?: string): AssayError => new AssayError("SIGNATURE_INVALID", message, { hint: hint ?? "the bundle was not accepted; nothing was imported" });

/** The public-good Sigstore trusted root shipped in @sigstore/tuf's seeds.json (its TUF-distributed target). */
export function publicGoodTrustedRoot(): unknown {
  const target = sigstoreSeeds()["trusted_root.json"];
  if (!target) throw fail("the Sigstore trusted root is missing from @sigstore/tuf", "reinstall assay");
  return JSON.parse(Buffer.from(target, "base64").toString("utf8"));
}

/** Verifies `bundleJson` over `artifact` and checks the signer against the policy; throws SIGNATURE_INVALID. */
export function verifyArtifactBundle(artifact: Buffer, bundleJson: unknown, policy: SignerPolicy): VerifiedSigner {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(bundleJson);
  } catch (e) {
    throw fail(`not a Sigstore bundle: ${e instanceof Error ? e.message : String(e)}`);
  }
  const dsse = bundle.content.$case === "dsseEnvelope";
  if (dsse) checkStatementSubject(bundle, artifact);
  try {
    if (policy.kind === "key") {
      const hint = bundle.verificationMaterial.content.$case === "publicKey" ? bundle.verificationMaterial.content.publicKey.hint : "";
      const publicKey = createPublicKey(policy.publicKeyPem);
      const trust = toTrustMaterial(TrustedRoot.fromJSON(EMPTY_ROOT), () => ({ publicKey, validFor: () => true }));
      if (bundle.verificationMaterial.content.$case !== "publicKey") throw fail("the bundle is signed with a certificate, not a key", "verify it with --certificate-identity and --certificate-oidc-issuer");
      new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundle, dsse ? undefined : artifact));
      return { key: hint || "(given key)", kind: dsse ? "dsse" : "message-signature" };
    }
    if (bundle.verificationMaterial.content.$case === "publicKey") throw fail("the bundle is signed with a key, not a certificate", "verify it with --key");
    const root = TrustedRoot.fromJSON(policy.trustedRoot ?? publicGoodTrustedRoot());
    const trust = toTrustMaterial(root);
    // A certificate is only checked at a trusted time (a transparency-log entry or a timestamp), so at least one is required.
    const verifier = new Verifier(trust, { tlogThreshold: root.tlogs.length > 0 ? 1 : 0, ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0, timestampThreshold: 1 });
    const signer = verifier.verify(toSignedEntity(bundle, dsse ? undefined : artifact));
    const identity = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (!identity || !policy.identities.includes(identity)) throw fail(`signed by ${identity ?? "an unnamed identity"}, which is not an allowed identity (${policy.identities.join(", ")})`);
    if (!issuer || !policy.issuers.includes(issuer)) throw fail(`the signer's OIDC issuer is ${issuer ?? "not stated"}, not an allowed issuer (${policy.issuers.join(", ")})`);
    return { identity, issuer, kind: dsse ? "dsse" : "message-signature" };
  } catch (e) {
    if (e instanceof AssayError) throw e;
    const code = (e as { code?: string }).code;
    throw fail(`signature verification failed${code ? ` (${code})` : ""}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** For an attestation: its in-toto statement must name the file (by sha256 or sha512) as a subject. */
function checkStatementSubject(bundle: Bundle, artifact: Buffer): void {
  if (bundle.content.$case !== "dsseEnvelope") return;
  let statement: { subject?: { digest?: Record<string, string> }[] };
  try {
    statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString("utf8")) as typeof statement;
  } catch {
    throw fail("the attestation's payload is not an in-toto statement");
  }
  const sha256 = createHash("sha256").update(artifact).digest("hex");
  const sha512 = createHash("sha512").update(artifact).digest("hex");
  const named = (statement.subject ?? []).some((s) => s.digest?.sha256?.toLowerCase() === sha256 || s.digest?.sha512?.toLowerCase() === sha512);
  if (!named) throw fail("the attestation is not about this file (no subject has its digest)");
}

/** Checks a DSSE bundle's signature and signer without an artifact (for tests and `db import --dry-run`). */
export function verifyBundleSigner(bundleJson: unknown, policy: Extract<SignerPolicy, { kind: "identity" }>): VerifiedSigner {
  const bundle = bundleFromJSON(bundleJson);
  if (bundle.content.$case !== "dsseEnvelope") throw fail("only attestations can be checked without their file");
  const root = TrustedRoot.fromJSON(policy.trustedRoot ?? publicGoodTrustedRoot());
  try {
    const signer = new Verifier(toTrustMaterial(root), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 }).verify(toSignedEntity(bundle));
    const identity = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (!identity || !policy.identities.includes(identity)) throw fail(`signed by ${identity ?? "an unnamed identity"}, which is not an allowed identity`);
    if (!issuer || !policy.issuers.includes(issuer)) throw fail(`the signer's OIDC issuer is ${issuer ?? "not stated"}, not an allowed issuer`);
    return { identity, issuer, kind: "dsse" };
  } catch (e) {
    if (e instanceof AssayError) throw e;
    throw fail(`signature verification failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
