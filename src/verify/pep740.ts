import { ValidationError } from "@sigstore/bundle";
import { isObject } from "../ecosystems/formats/json.js";

// PyPI's attestations (PEP 740, "Index hosted attestations"): a provenance object
// (`{"version": 1, "attestation_bundles": [{"publisher", "attestations": [...]}]}`) or one attestation
// object (`{"version": 1, "verification_material": {"certificate", "transparency_entries"},
// "envelope": {"statement", "signature"}}`, as gh-action-pypi-publish writes `*.publish.attestation`).
// An attestation is a Sigstore DSSE bundle with its fields renamed: the statement is the DSSE payload
// (always an in-toto statement), the certificate is base64 DER, and the transparency entries are
// Rekor entries as a Sigstore bundle writes them; this rebuilds that bundle, as pypi-attestations does.

const IN_TOTO = "application/vnd.in-toto+json";

/** True for a PEP 740 provenance object. */
export function isPep740Provenance(v: unknown): v is { attestation_bundles: unknown[] } {
  return isObject(v) && Array.isArray(v["attestation_bundles"]);
}

/** True for one PEP 740 attestation object. */
export function isPep740Attestation(v: unknown): boolean {
  return isObject(v) && isObject(v["verification_material"]) && isObject(v["envelope"]);
}

/** The attestations of a provenance object, with their JSON paths (`attestation_bundles.0.attestations.1`). */
export function pep740Attestations(v: { attestation_bundles: unknown[] }): { value: unknown; path: (string | number)[] }[] {
  return v.attestation_bundles.flatMap((b, i) => {
    const list = isObject(b) ? b["attestations"] : undefined;
    if (!Array.isArray(list)) throw new ValidationError("a PEP 740 attestation bundle has no attestations list", [`attestation_bundles.${i}.attestations`]);
    return list.map((value: unknown, j) => ({ value, path: ["attestation_bundles", i, "attestations", j] }));
  });
}

/**
 * The Sigstore bundle (JSON) one PEP 740 attestation stands for: v0.3 when every transparency entry
 * has an inclusion proof (what PyPI accepts today), v0.1 when they carry only signed inclusion
 * promises (older Rekor clients), so that each is verified by the rules of its own version.
 */
export function pep740ToBundle(v: unknown): unknown {
  if (!isObject(v)) throw new ValidationError("a PEP 740 attestation is not a JSON object", []);
  if (v["version"] !== 1) throw new ValidationError(`unknown PEP 740 attestation version ${JSON.stringify(v["version"])} (only 1 is defined)`, ["version"]);
  const material = v["verification_material"] as Record<string, unknown>;
  const envelope = v["envelope"] as Record<string, unknown>;
  const certificate = material["certificate"];
  const entries = material["transparency_entries"];
  if (typeof certificate !== "string" || certificate === "") throw new ValidationError("the PEP 740 attestation has no certificate", ["verification_material.certificate"]);
  if (!Array.isArray(entries) || entries.length === 0) throw new ValidationError("the PEP 740 attestation has no transparency entries", ["verification_material.transparency_entries"]);
  if (typeof envelope["statement"] !== "string" || envelope["statement"] === "") throw new ValidationError("the PEP 740 attestation has no statement", ["envelope.statement"]);
  if (typeof envelope["signature"] !== "string" || envelope["signature"] === "") throw new ValidationError("the PEP 740 attestation has no signature", ["envelope.signature"]);
  const proofs = entries.every((e) => isObject(e) && isObject(e["inclusionProof"]));
  const promises = entries.every((e) => isObject(e) && isObject(e["inclusionPromise"]));
  const legacy = !proofs && promises;
  return {
    mediaType: legacy ? "application/vnd.dev.sigstore.bundle+json;version=0.1" : "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: {
      ...(legacy ? { x509CertificateChain: { certificates: [{ rawBytes: certificate }] } } : { certificate: { rawBytes: certificate } }),
      tlogEntries: entries,
    },
    dsseEnvelope: { payload: envelope["statement"], payloadType: IN_TOTO, signatures: [{ sig: envelope["signature"], keyid: "" }] },
  };
}
