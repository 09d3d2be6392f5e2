import { reportKeystores } from "./lib/keystores.js";
import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/private-key",
    title: "Private key committed",
    severity: "high",
    confidence: "high",
    rationale:
      "A private key (RSA, EC, DSA, Ed25519 in PEM, OpenSSH, PGP, PuTTY or SSH2 form, or .NET's XML form with its private exponent; an OpenVPN static key, a WireGuard private or preshared key, or a JSON Web Key with its private part) committed to a repository lets anyone impersonate its owner: log in to servers, sign releases or decrypt traffic. A key protected by a passphrase is reported at medium severity: it still invites an offline guessing attack. So is a committed keystore file (PKCS#12 .p12/.pfx, Java JKS or JCEKS, Bouncy Castle BKS), found by its name and confirmed by its first bytes, since the text scan does not read binary files; Android's debug.keystore, whose password is published, is low.",
    references: [{ title: "RFC 7468: textual encodings of PKIX, PKCS and CMS structures", url: "https://www.rfc-editor.org/rfc/rfc7468" }],
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
    await reportKeystores(ctx);
  },
};
