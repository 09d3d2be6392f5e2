// Offline verification of signatures, attestations and model signatures (`assay verify`).
export { bytesDigests, fileDigests } from "./digests.js";
export { readAttestations, readBundle, readDetachedSignature, type ArtifactFacts, type BundleInput } from "./inputs.js";
export { readBounded } from "./read-bounded.js";
export { checkModelDirectory, type ModelComparison } from "./model-signing.js";
export { isSlsa, summariseProvenance, type ProvenanceSummary, type Statement } from "./statement.js";
export { loadTrust, type Trust } from "./trust.js";
export { checkPolicy, NPM_PUBLISH_PREDICATE, requiresSigner, verifyBundle, type BundleResult, type Check, type IdentityPolicy, type VerifyOptions } from "./verify.js";
