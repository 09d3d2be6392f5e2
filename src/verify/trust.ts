import { createPublicKey, type KeyObject } from "node:crypto";
import seedsJson from "@sigstore/tuf/seeds.json" with { type: "json" };
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial, VerificationError, type TrustMaterial } from "@sigstore/verify";
import { AssayError } from "../core/errors.js";
import { readBounded } from "./read-bounded.js";

/** A trusted root is a few tens of kilobytes (Sigstore's public-good one is ~7 KiB). */
const MAX_TRUSTED_ROOT = 4 * 1024 * 1024;

// The trust assay verifies against, offline: Sigstore's public-good trusted root as shipped in
// @sigstore/tuf's seeds.json (Fulcio CAs, Rekor and CT log keys, timestamp authorities), the npm
// registry's attestation keys from the same seeds, or the files the user names instead. The npm
// keys vouch for one thing only, that the registry published a tarball: verify.ts accepts them for
// npm publish attestations and never as a signer's identity.

/** A key a signature may be checked with, and when it was valid. */
interface TrustedKey {
  publicKey: KeyObject;
  validFor(date: Date): boolean;
}

/** What verification trusts, and where it came from (for the verdict). */
export interface Trust {
  material: TrustMaterial;
  source: string;
  /** True when a key was given with --key: bundles signed by it need no certificate. */
  keyed: boolean;
  /** Ids of the npm registry's attestation keys (used only when no key was given). */
  registryKeyIds: ReadonlySet<string>;
}

const TUF_REPO = "https://tuf-repo-cdn.sigstore.dev";

/** The TUF targets of @sigstore/tuf's seeds.json, imported so the bundle carries them (no runtime dependency). */
export function sigstoreSeeds(): Record<string, string> {
  const doc = seedsJson as Record<string, { targets?: Record<string, string> }>;
  const targets = doc[TUF_REPO]?.targets;
  if (!targets) throw new AssayError("INTERNAL", "@sigstore/tuf's seeds.json has no targets for the public-good instance");
  return targets;
}

const decode = (b64: string): unknown => JSON.parse(Buffer.from(b64, "base64").toString("utf8")) as unknown;

/** The npm registry's attestation keys (seeds' `registry.npmjs.org/keys.json`), by key id. */
function npmKeys(targets: Record<string, string>): Map<string, TrustedKey> {
  const out = new Map<string, TrustedKey>();
  const raw = targets["registry.npmjs.org%2Fkeys.json"];
  if (!raw) return out;
  const doc = decode(raw) as { keys?: { keyId: string; keyUsage: string; publicKey: { rawBytes: string; validFor: { start: string; end?: string } } }[] };
  for (const k of doc.keys ?? []) {
    if (k.keyUsage !== "npm:attestations") continue;
    const start = new Date(k.publicKey.validFor.start).getTime();
    const end = k.publicKey.validFor.end ? new Date(k.publicKey.validFor.end).getTime() : Infinity;
    out.set(k.keyId, { publicKey: createPublicKey({ key: Buffer.from(k.publicKey.rawBytes, "base64"), format: "der", type: "spki" }), validFor: (d) => d.getTime() >= start && d.getTime() <= end });
  }
  return out;
}

/**
 * Loads the trust: `trustedRoot` (a trusted_root.json file), `trustedRootJson` (one already read),
 * or the shipped seeds; `keyPem` for keyed signatures.
 */
export function loadTrust(opts: { trustedRoot?: string; trustedRootJson?: unknown; keyPem?: string; keyPath?: string } = {}): Trust {
  const targets = sigstoreSeeds();
  let rootJson: unknown;
  let source = "Sigstore public-good trusted root (shipped in @sigstore/tuf seeds.json)";
  if (opts.trustedRootJson !== undefined) {
    rootJson = opts.trustedRootJson;
    source = "the given trusted root";
  } else if (opts.trustedRoot !== undefined) {
    try {
      rootJson = JSON.parse(readBounded(opts.trustedRoot, MAX_TRUSTED_ROOT, "trusted root").toString("utf8")) as unknown;
    } catch (e) {
      if (e instanceof AssayError) throw e;
      throw new AssayError("VERIFY_INPUT_INVALID", `${opts.trustedRoot}: not a readable trusted root (${(e as Error).message})`, { hint: "pass a trusted_root.json (sigstore TrustedRoot, JSON)" });
    }
    source = opts.trustedRoot;
  } else {
    const raw = targets["trusted_root.json"];
    if (!raw) throw new AssayError("INTERNAL", "@sigstore/tuf's seeds.json has no trusted_root.json");
    rootJson = decode(raw);
  }
  const root = TrustedRoot.fromJSON(rootJson);
  const npm = npmKeys(targets);
  let given: KeyObject | undefined;
  if (opts.keyPem !== undefined) {
    try {
      given = createPublicKey(opts.keyPem);
    } catch (e) {
      throw new AssayError("VERIFY_INPUT_INVALID", `${opts.keyPath ?? "--key"}: not a PEM public key (${(e as Error).message})`, { hint: "pass the public key the artifact was signed with, e.g. cosign.pub" });
    }
  }
  const finder = (hint: string): TrustedKey => {
    if (given) return { publicKey: given, validFor: () => true };
    const k = npm.get(hint);
    if (!k) throw new VerificationError({ code: "PUBLIC_KEY_ERROR", message: hint === "" ? "the bundle names no key" : `no trusted key has the id ${hint}` });
    return k;
  };
  return { material: toTrustMaterial(root, finder), source, keyed: given !== undefined, registryKeyIds: new Set(npm.keys()) };
}
