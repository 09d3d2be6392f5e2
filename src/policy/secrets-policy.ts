import { safeGlob } from "../core/glob.js";
import type { Finding } from "../core/finding.js";

/** The policy's `secrets:` section: allowlists and what the whole-tree scan includes. */
export interface SecretsPolicy {
  /** Globs of paths whose secrets are accepted (test fixtures, documentation). */
  allowPaths: string[];
  /** SHA-256 hashes of accepted values (the finding's `secretHash`), or their first 12+ characters. */
  allowHashes: string[];
  /** Scan node_modules/, vendor/, third_party/… too. */
  scanVendored: boolean;
  /** Scan minified and bundled files too. */
  scanMinified: boolean;
}

/** The default: nothing allowed, vendored and minified files skipped. */
export function defaultSecretsPolicy(): SecretsPolicy {
  return { allowPaths: [], allowHashes: [], scanVendored: false, scanMinified: false };
}

/** Why a secrets finding is allowed by the policy, if it is. */
export function secretAllowed(f: Finding, policy: SecretsPolicy, matcher: (glob: string, path: string) => boolean): string | undefined {
  if (!f.ruleId.startsWith("secrets/")) return undefined;
  const hash = typeof f.evidence.secretHash === "string" ? f.evidence.secretHash : undefined;
  if (hash) {
    const h = policy.allowHashes.find((x) => x.length >= 12 && hash.startsWith(x.toLowerCase()));
    if (h) return `allowed by secrets.allow.hashes in the policy (${h.slice(0, 12)}…)`;
  }
  const path = f.locations[0]?.path;
  const p = path === undefined ? undefined : policy.allowPaths.find((g) => matcher(g, path));
  return p ? `allowed by secrets.allow.paths in the policy (${p})` : undefined;
}

/** A cached glob matcher for allowlists. */
export function globMatcher(): (glob: string, path: string) => boolean {
  const cache = new Map<string, (p: string) => boolean>();
  return (glob, path) => {
    let m = cache.get(glob);
    if (!m) cache.set(glob, (m = safeGlob(glob, { dot: true })));
    return m(path);
  };
}
