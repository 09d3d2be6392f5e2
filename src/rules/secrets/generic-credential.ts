import { reportSecrets } from "./lib/secret-findings.js";
import { selectorOf } from "./lib/selectors.js";
import { secretRuleMeta } from "./lib/meta.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: secretRuleMeta({
    id: "secrets/generic-credential",
    title: "Password or secret assigned in code or configuration",
    severity: "medium",
    confidence: "low",
    rationale:
      "A password, passphrase, secret or API key written as a value (`password: \"…\"`, `api_key = \"…\"`, a configuration directive such as `DBPassword …`, a literal password passed to a login or connect call such as `smtp.login(\"user\", \"…\")` or `mysqli_connect(host, user, \"…\")`, a password in a URL, an Authorization header, a .netrc entry, curl -u, a Gradle signingConfig's storePassword, an OpenVPN profile's inline <auth-user-pass>, a FileZilla site's <Pass>, a WinSCP.ini session's obfuscated Password, an Ansible vault password file, a Terraform state's sensitive output or random_password result) without a provider's format to recognise. These are judged by name, entropy and context, so confidence is low; references to where the secret lives (${VAR}, {{ secrets.X }}, process.env.X), placeholders and password hashes are not reported, except an htpasswd file's fast ones ({SHA}, $apr1$), at low severity (in the file or in a Kubernetes Secret's htpasswd value, ingress-nginx's basic auth): they are guessed offline at billions a second.",
  }),

  async run(ctx) {
    await reportSecrets(ctx, selectorOf(rule.meta.id));
  },
};
