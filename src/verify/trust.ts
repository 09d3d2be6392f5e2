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
  /** The first root's material: what a keyed signature is checked against. */
  material: TrustMaterial;
  /**
   * Every root given, in order (one, unless the file holds several, as `gh attestation
   * trusted-root` writes Sigstore's and GitHub's, one JSON document a line): a keyless bundle is
   * verified when one of them verifies it.
   */
  roots: readonly TrustMaterial[];
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
  let rootJsons: unknown[];
  let source = "Sigstore public-good trusted root (shipped in @sigstore/tuf seeds.json)";
  if (opts.trustedRootJson !== undefined) {
    rootJsons = [opts.trustedRootJson];
    source = "the given trusted root";
  } else if (opts.trustedRoot !== undefined) {
    try {
      rootJsons = parseRoots(readBounded(opts.trustedRoot, MAX_TRUSTED_ROOT, "trusted root").toString("utf8"));
    } catch (e) {
      if (e instanceof AssayError) throw e;
      throw new AssayError("VERIFY_INPUT_INVALID", `${opts.trustedRoot}: not a readable trusted root (${(e as Error).message})`, { hint: "pass a trusted_root.json (sigstore TrustedRoot, JSON), or the JSON lines `gh attestation trusted-root` writes" });
    }
    source = rootJsons.length > 1 ? `${opts.trustedRoot} (${rootJsons.length} trusted roots)` : opts.trustedRoot;
  } else {
    const raw = targets["trusted_root.json"];
    if (!raw) throw new AssayError("INTERNAL", "@sigstore/tuf's seeds.json has no trusted_root.json");
    rootJsons = [decode(raw)];
  }
  const roots = rootJsons.map((j) => TrustedRoot.fromJSON(j));
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
  const materials = roots.map((root) => toTrustMaterial(root, finder));
  return { material: materials[0] as TrustMaterial, roots: materials, source, keyed: given !== undefined, registryKeyIds: new Set(npm.keys()) };
}

/** Trusted roots one file holds at most (`gh attestation trusted-root` writes two). */
const MAX_ROOTS = 16;

/**
 * The trusted roots of a file: one JSON document, or one a line (JSON Lines, what `gh attestation
 * trusted-root` writes: Sigstore's public-good root and GitHub's own, which signs the attestations
 * of private repositories). A line that is not JSON makes the whole file unreadable.
 */
function parseRoots(text: string): unknown[] {
  try {
    return [JSON.parse(text) as unknown];
  } catch (whole) {
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    if (lines.length < 2) throw whole;
    if (lines.length > MAX_ROOTS) throw new Error(`${lines.length} JSON lines; a trusted root file holds at most ${MAX_ROOTS}`);
    return lines.map((l, i) => {
      try {
        return JSON.parse(l) as unknown;
      } catch (e) {
        throw new Error(`line ${i + 1}: ${(e as Error).message}`);
      }
    });
  }
}

/**
 * What a keyless bundle must carry to verify against `material`: a transparency log entry and an
 * SCT when the root names a log of each kind (Sigstore's public-good instance), and in any case a
 * trusted time. A root with no transparency log or no CT log is an instance without one (GitHub's,
 * for private repositories: its Fulcio's certificates carry no SCT and its bundles an RFC 3161
 * timestamp, no log entry), as sigstore-go and `gh attestation verify` read it: asking it for
 * what it never makes would fail every bundle it signs, and a root the user named is the user's trust.
 */
export function keylessThresholds(material: TrustMaterial): { tlogThreshold: number; ctlogThreshold: number; timestampThreshold: number } {
  return { tlogThreshold: material.tlogs.length > 0 ? 1 : 0, ctlogThreshold: material.ctlogs.length > 0 ? 1 : 0, timestampThreshold: 1 };
}
