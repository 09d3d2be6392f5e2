import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeInvalidField } from "../../src/verify/bundle-fields.js";

describe("sentences for the bundle fields validation refuses", () => {
  it("says which version's rule a bundle broke", () => {
    assert.match(describeInvalidField("verificationMaterial.tlogEntries[0].inclusionProof", "application/vnd.dev.sigstore.bundle.v0.3+json") ?? "", /^a v0\.3 bundle needs an inclusion proof for every transparency log entry/);
    assert.match(describeInvalidField("verificationMaterial.tlogEntries[2].inclusionProof", "application/vnd.dev.sigstore.bundle+json;version=0.2") ?? "", /^a v0\.2 bundle needs/);
    assert.match(describeInvalidField("verificationMaterial.tlogEntries[0].inclusionPromise", "application/vnd.dev.sigstore.bundle+json;version=0.1") ?? "", /^a v0\.1 bundle needs a signed inclusion promise/);
    assert.match(describeInvalidField("verificationMaterial.content.$case", "application/vnd.dev.sigstore.bundle.v0.3+json") ?? "", /certificate alone .* not a certificate chain/);
    assert.match(describeInvalidField("mediaType", "application/json") ?? "", /^the media type "application\/json" is not a Sigstore bundle's/);
    assert.match(describeInvalidField("content.dsseEnvelope.signatures", "") ?? "", /exactly one non-empty signature/);
    assert.equal(describeInvalidField("somethingElse", ""), undefined);
  });
});
