import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import { AssayError } from "../core/errors.js";
import { bytesDigests, loadTrust, verifyBundle, type BundleResult, type Trust } from "../verify/index.js";

// The signed exchange of advisories: a Sigstore bundle (cosign sign-blob --new-bundle-format, or
// an in-toto attestation whose subject is the file), verified offline by `assay verify`'s own
// verification (src/verify/), against the public-good trusted root that ships inside @sigstore/tuf
// (or one the user names), and accepted only when the signing certificate names an allowed
// identity and OIDC issuer, or when it is signed by a key the user holds. This file only maps
// `db import`'s signer policy onto it and a failed check onto one error.

/** Who may sign: identities and issuers from a keyless (Fulcio) certificate, or a public key. */
export type SignerPolicy =
  /** `trustedRootFile`: a trusted_root.json, or the JSON lines `gh attestation trusted-root` writes, as `assay verify --trusted-root` reads it. */
  | { kind: "identity"; identities: readonly string[]; issuers: readonly string[]; trustedRootFile?: string }
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

function toBundle(bundleJson: unknown): Bundle {
  try {
    return bundleFromJSON(bundleJson);
  } catch (e) {
    throw fail(`not a Sigstore bundle: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function trustFor(policy: SignerPolicy): Trust {
  try {
    return policy.kind === "key" ? loadTrust({ keyPem: policy.publicKeyPem }) : loadTrust(policy.trustedRootFile !== undefined ? { trustedRoot: policy.trustedRootFile } : {});
  } catch (e) {
    // A root file the user named that cannot be read says so itself (its path, a hint).
    if (e instanceof AssayError && e.code === "VERIFY_INPUT_INVALID") throw e;
    throw fail(`the trust for verification cannot be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Runs `assay verify`'s verification of one bundle under `db import`'s policy; throws SIGNATURE_INVALID. */
function verifyUnder(bundle: Bundle, policy: SignerPolicy, artifact: { bytes?: Buffer; digests?: Record<string, string> }): VerifiedSigner {
  const dsse = bundle.content.$case === "dsseEnvelope";
  const keyed = bundle.verificationMaterial.content.$case === "publicKey";
  if (policy.kind === "key" && !keyed) throw fail("the bundle is signed with a certificate, not a key", "verify it with --certificate-identity and --certificate-oidc-issuer");
  if (policy.kind === "identity" && keyed) throw fail("the bundle is signed with a key, not a certificate", "verify it with --key");
  let result: BundleResult;
  try {
    // `db import --key` has always taken the team's own key without a log entry (cosign sign-blob
    // --tlog-upload=false), and db import has no flag to ask for one; keyless stays fail-closed.
    result = verifyBundle({ bundle, origin: "the bundle" }, trustFor(policy), policy.kind === "identity" ? { identities: policy.identities, issuers: policy.issuers } : {}, artifact, policy.kind === "key" ? { insecureIgnoreTlog: true } : {});
  } catch (e) {
    if (e instanceof AssayError && e.code === "SIGNATURE_INVALID") throw e;
    throw fail(`signature verification failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const failed = result.checks.find((c) => !c.ok);
  if (failed?.name === "subject") throw fail("the attestation is not about this file (no subject has its digest)");
  if (failed?.name === "identity" && policy.kind === "identity") {
    const { identity, issuer } = result.signer;
    if (!identity || !policy.identities.includes(identity)) throw fail(`signed by ${identity || "an unnamed identity"}, which is not an allowed identity (${policy.identities.join(", ")})`);
    throw fail(`the signer's OIDC issuer is ${issuer || "not stated"}, not an allowed issuer (${policy.issuers.join(", ")})`);
  }
  if (failed) throw fail(`signature verification failed (${failed.name}): ${failed.detail}`);
  const kind = dsse ? "dsse" : "message-signature";
  if (policy.kind === "key") return { key: result.signer.keyHint || "(given key)", kind };
  return { ...(result.signer.identity ? { identity: result.signer.identity } : {}), ...(result.signer.issuer ? { issuer: result.signer.issuer } : {}), kind };
}

/** Verifies `bundleJson` over `artifact` and checks the signer against the policy; throws SIGNATURE_INVALID. */
export function verifyArtifactBundle(artifact: Buffer, bundleJson: unknown, policy: SignerPolicy): VerifiedSigner {
  const bundle = toBundle(bundleJson);
  // A message signature is checked over the bytes; an attestation must name the file by digest.
  return verifyUnder(bundle, policy, bundle.content.$case === "dsseEnvelope" ? { digests: bytesDigests(artifact, ["sha256", "sha512"]) } : { bytes: artifact });
}

/** Checks a DSSE bundle's signature and signer without an artifact (for tests and `db import --dry-run`). */
export function verifyBundleSigner(bundleJson: unknown, policy: Extract<SignerPolicy, { kind: "identity" }>): VerifiedSigner {
  const bundle = toBundle(bundleJson);
  if (bundle.content.$case !== "dsseEnvelope") throw fail("only attestations can be checked without their file");
  return verifyUnder(bundle, policy, {});
}
