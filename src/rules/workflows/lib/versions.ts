import type { Uses } from "../../../ecosystems/github-actions/index.js";

/**
 * The version a `uses:` runs, as far as it can be told offline: its tag (`v4.3.1`, or `v4` for
 * the newest 4.x), or the version its SHA's trailing comment names. Undefined for branches and bare SHAs.
 */
export function versionOf(uses: Uses | undefined): string | undefined {
  if (!uses) return undefined;
  const ref = uses.refKind === "symbolic" ? uses.ref : uses.commentVersion;
  if (!ref) return undefined;
  const m = /^v?(\d{1,6}(?:\.\d{1,6}){0,3})(?:[-+][0-9A-Za-z.-]{1,40})?$/.exec(ref.trim());
  return m ? m[1] : undefined;
}

/**
 * Compares dotted versions; a shorter one is the newest of its line (`4` ≥ `4.9.9`, since a
 * major tag moves to the latest release), so `4` compares above every `4.x.y`.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return y === undefined ? 0 : 1;
    if (y === undefined) return -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
