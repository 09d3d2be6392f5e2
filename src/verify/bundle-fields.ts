// Sentences for the fields @sigstore/bundle's validation names, so that a bundle refused for its
// version's rules says which rule (protobuf-specs' bundle.proto and its media types) rather than
// only "invalid bundle".

const RULES: readonly [RegExp, (mediaType: string) => string][] = [
  [/^mediaType$/, (m) => `the media type ${JSON.stringify(m)} is not a Sigstore bundle's (application/vnd.dev.sigstore.bundle.v0.3+json, or +json;version=0.1 to 0.3)`],
  [/^verificationMaterial\.content\.\$case$/, () => "a v0.3 bundle carries its signing certificate alone (verificationMaterial.certificate), not a certificate chain"],
  [/^verificationMaterial\.tlogEntries\[\d+\]\.inclusionProof\.checkpoint$/, () => "a transparency log entry's inclusion proof has no checkpoint"],
  [/^verificationMaterial\.tlogEntries\[\d+\]\.inclusionProof$/, (m) => `a ${version(m)} bundle needs an inclusion proof for every transparency log entry (v0.1 bundles may carry only the signed inclusion promise)`],
  [/^verificationMaterial\.tlogEntries\[\d+\]\.inclusionPromise$/, () => "a v0.1 bundle needs a signed inclusion promise (signed entry timestamp) for every transparency log entry"],
  [/^verificationMaterial\.tlogEntries\[\d+\]\.(logId|kindVersion)$/, () => "a transparency log entry lacks its log id or its kind and version"],
  [/^verificationMaterial\.content\./, () => "the signing certificate is empty"],
  [/^verificationMaterial(\.content)?$/, () => "the bundle has no certificate or public key hint"],
  [/^content\.dsseEnvelope\.signatures/, () => "a bundle's DSSE envelope holds exactly one non-empty signature"],
  [/^content/, () => "the bundle has no message signature or DSSE envelope, or an empty one"],
];

function version(mediaType: string): string {
  const v = /version=(\d\.\d)/.exec(mediaType)?.[1] ?? /\.v(\d\.\d)\+json/.exec(mediaType)?.[1];
  return v !== undefined ? `v${v}` : "v0.2 or later";
}

/** One sentence for the first field a bundle failed validation on, or undefined for an unknown field. */
export function describeInvalidField(field: string, mediaType: unknown): string | undefined {
  const m = typeof mediaType === "string" ? mediaType : "";
  for (const [re, say] of RULES) if (re.test(field)) return say(m);
  return undefined;
}
