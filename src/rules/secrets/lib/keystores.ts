// Keystores committed as files: PKCS#12 (.p12, .pfx), Java's JKS and JCEKS, Bouncy Castle's BKS.
// They are binary, so the text scan never reads them; they are found by name and confirmed by
// their first bytes (a Git LFS pointer or a text file with such a name is not one).
import type { RuleContext } from "../../../core/rule.js";
import { filesToJudge } from "../../../core/link-out.js";
import { lowConfidenceReason } from "../../../secrets/index.js";

/** Names of keystore files; their first bytes decide whether one is. */
const KEYSTORE_NAME = /\.(p12|pfx|jks|jceks|keystore|bks)$/i;

/** The kind of keystore its first bytes show, or undefined when they show none. */
export function keystoreKind(head: Uint8Array): string | undefined {
  const [a, b, c, d] = [head[0], head[1], head[2], head[3]];
  if (a === 0xfe && b === 0xed && c === 0xfe && d === 0xed) return "Java keystore (JKS)";
  if (a === 0xce && b === 0xce && c === 0xce && d === 0xce) return "Java keystore (JCEKS)";
  // PKCS#12 is a DER (or BER) SEQUENCE whose length takes one to three more bytes, then its version (INTEGER 3).
  if (a === 0x30 && b !== undefined && (b === 0x80 || (b >= 0x81 && b <= 0x83))) return "PKCS#12 keystore";
  // BKS and UBER open with their version as a 4-byte integer (1 or 2).
  if (a === 0 && b === 0 && c === 0 && (d === 1 || d === 2)) return "Bouncy Castle keystore (BKS)";
  return undefined;
}

/**
 * Reports each committed keystore once: at medium severity, as an encrypted private key is (a
 * keystore is sealed with a password, which is often committed beside it, in gradle.properties or
 * an application's configuration); Android's debug keystore, whose password is the published
 * `android`, at low. Test and example paths lower the confidence, as for every secret.
 */
export async function reportKeystores(ctx: RuleContext): Promise<void> {
  // A keystore behind a link inside the checkout (release.jks -> blobs/0a1b) is judged through it; a link out is incomplete.
  for (const f of await filesToJudge(ctx, (p) => KEYSTORE_NAME.test(p))) {
    const head = await ctx.readBytes(f.path, 8);
    if (!head) continue;
    const kind = keystoreKind(head);
    if (!kind || (kind.startsWith("Bouncy") && !/\.bks$/i.test(f.path))) continue;
    const debug = /(?:^|\/)debug\.keystore$/i.test(f.path);
    const lower = lowConfidenceReason(f.path);
    const details = [debug ? "Android's debug keystore, whose password is the published `android`" : "sealed with a password, which is often committed beside it", lower ? `in ${/^[aeiou]/.test(lower) ? "an" : "a"} ${lower} file` : undefined].filter((x): x is string => x !== undefined);
    ctx.report({
      message: `${kind} committed (${details.join("; ")})`,
      locations: [{ path: f.path }],
      severity: debug ? "low" : "medium",
      confidence: lower ? "low" : "medium",
      evidence: { detector: "keystore-file", provider: "Cryptographic key", kind, ...(lower ? { pathKind: lower } : {}) },
      key: f.path,
      fix: [
        "1. Make a new key pair (and certificate) and replace the one in this keystore wherever it is trusted: whoever has the file can try passwords offline, and the password is often in the repository too.",
        "2. Remove the file and purge it from the git history (git filter-repo --path <file> --invert-paths), then force-push; keep keystores in a secret manager or CI secret.",
        "3. A test keystore with a throwaway key is fine: allow its path with `secrets: { allow: { paths: […] } }` in assay.yml.",
      ].join("\n"),
    });
  }
}
