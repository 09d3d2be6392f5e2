// Credentials without a provider's format: JSON Web Tokens, passwords and secrets assigned to
// telling names, HTTP authorization headers, URL user info, .netrc entries. Lower confidence.
import { charClasses, shannonEntropy } from "../entropy.js";
import { assignment, assignmentOrEntryAhead, BLANK_GAP, charAfter, custom, directiveAt, dockerEnvLine, GAP_NAME, wholeFile, keyName, leadRun, lineOf, NOT_A_SECRET_NAME, textBefore, userInfoAhead, type CandidateContext, type Detector, type Judgement, type Verdict } from "../detector.js";
import { hasStandInPart, isDefaultPassword, isFieldName, isPasswordWord, isPublishedClientSecret, isReference, isTextWord, looksLikeExample, looksLikeGenericExample, opensWithSyntax, TRANSLATION_FILE, wordsValue } from "../placeholder.js";
import { lowConfidenceReason } from "../paths.js";
import { URL_CREDENTIALS, urlPassword } from "./databases.js";

/** Decodes one base64url segment of a JWT to text (or "" when it is not valid). */
function segment(s: string): string {
  try {
    return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  } catch {
    return "";
  }
}

/** A JSON object, or undefined. */
function object(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Words of a library's README example (`jwt.encode({"some": "payload"}, "secret")`), as claim names or values. */
const TOY_CLAIM = /^(?:some|payload|foo|bar|baz|qux|hello|world|hi|test|value|key|k|v|a|b|c|x|y|z|data|example|sample|message|msg)$/i;

/**
 * True for claims a README writes to show the call: at most three, none a registered claim of
 * RFC 7519 (no subject, issuer, audience or time), names and values from TOY_CLAIM or small numbers.
 */
function toyClaims(claims: Record<string, unknown>): boolean {
  const entries = Object.entries(claims);
  if (entries.length === 0 || entries.length > 3) return false;
  return entries.every(([k, v]) => TOY_CLAIM.test(k) && ((typeof v === "string" && TOY_CLAIM.test(v)) || (typeof v === "number" && Math.abs(v) < 1000)));
}

/** A JWT is three base64url parts: a JSON header naming an algorithm, and a JSON object of claims. */
export function jwt(secret: string): Judgement {
  const [h = "", p = ""] = secret.split(".");
  const header = segment(h);
  if (typeof object(header)?.alg !== "string") return { verdict: "reject" };
  const payload = segment(p);
  const claims = object(payload);
  if (!claims) return { verdict: "reject" };
  if (toyClaims(claims)) return { verdict: "example", note: "a README's example claims" };
  // jwt.io's sample token, and tokens whose claims say they are public (Supabase's anon key).
  if (/"name"\s*:\s*"John Doe"|"sub"\s*:\s*"1234567890"/.test(payload)) return { verdict: "example", note: "jwt.io's sample token" };
  // RFC 7519's and RFC 7515's example claims (issuer "joe", expired in 2011): test vectors of every JOSE library.
  if (/"iss"\s*:\s*"joe"/.test(payload) && /"exp"\s*:\s*1300819380\b/.test(payload)) return { verdict: "example", note: "the JOSE RFCs' example token" };
  if (/"role"\s*:\s*"anon"/.test(payload)) return { verdict: "reject" };
  if (/"role"\s*:\s*"service_role"/.test(payload)) return { verdict: "secret", severity: "critical", note: "a Supabase service_role key" };
  if (/"alg"\s*:\s*"none"/i.test(header)) return { verdict: "secret", severity: "low", note: "unsigned (alg none)" };
  // Past its expiry a token opens nothing (a documentation sample's session token from 2018).
  const exp = claims["exp"];
  if (typeof exp === "number" && exp > 0 && exp * 1000 < Date.now()) return { verdict: "secret", severity: "low", note: `expired ${new Date(exp * 1000).toISOString().slice(0, 10)}` };
  return { verdict: "secret" };
}

/** Files where an unquoted value is a value (configuration), not an expression of code. */
// Configuration files without an extension are named by convention (kubeconfig, ~/.kube/config, ~/.aws/credentials,
// an Ansible INI inventory named hosts or inventory, s3cmd's .s3cfg, boto's .boto, hub's ~/.config/hub, Bundler's
// .bundle/config, conda's .condarc); MySQL's option files end in .cnf, Postfix's tables in .cf. A
// shell's start-up files (.bashrc, .zshrc, .profile…) and Makefiles assign variables as a script does.
const CONFIG_FILE = /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|ini|cfg|conf|config|properties|toml|ya?ml|xml|plist|tfvars|hcl|json|pypirc|npmrc|netrc|sh|bash|zsh|ksh|ps1|bat|cmd|dockerfile|cnf|cf|conf\.ext|mk|mak)|(?:hosts|inventory)|\.pypirc|\.npmrc|\.netrc|\.pgpass|\.git-credentials|(?:Dockerfile|Containerfile)(?:\.[^/]*)?|\.(?:bash|zsh|ksh|mksh)rc|\.(?:bash_)?profile|\.bash_login|\.z(?:profile|shenv|login)|(?:GNU)?[Mm]akefile|docker-compose[^/]*|[^/]*\.service|kubeconfig|\.kube\/config|\.aws\/(?:credentials|config)|\.ssh\/config|\.docker\/config\.json|\.s3cfg|\.boto|\.yarnrc|\.config\/hub|\.bundle\/config|\.condarc)$/i;

/**
 * Values of code, not of configuration: calls, member access, booleans, numbers, names in
 * CONSTANT_CASE. In code an unquoted word is a variable; in a configuration file it is a value.
 */
function looksLikeCode(value: string, quoted: boolean, config: boolean): boolean {
  if (/^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|str|int|bool|password|secret|token)$/i.test(value)) return true;
  if (/^[0-9.]+$/.test(value)) return true;
  if (quoted) return false;
  // A PowerShell cmdlet (`$password = Read-Host …`, `ConvertTo-SecureString "…" -AsPlainText`): a command, its value follows.
  if (/^(?:Get|Read|ConvertTo|ConvertFrom|New|Import|Invoke|Select|Out|Write)-[A-Z][A-Za-z]{2,40}$/.test(value)) return true;
  // A call, a list or a map: in a configuration file a bracket inside a value (`FOzVhNc)LIz6b3`) is a password's character.
  if (/^[[{(]|[A-Za-z0-9_$]\(/.test(value) || (!config && /[()[\]{}]/.test(value)) || /^[A-Z][A-Z0-9_]*$/.test(value)) return true;
  if (config) return false;
  return /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$/.test(value) || /^[a-z_$][a-zA-Z0-9_$]*$/.test(value);
}

/** Whether the value was written in quotes (the assignment ends with the opening quote). */
function quoted(ctx: CandidateContext, secret: string): boolean {
  return /["'\x60]$/.test(keyName(ctx, secret));
}

/**
 * True when a value written as words mostly repeats the words of its key: `STORAGE_CLASS_HEADER_KEY
 * = 'storage-class'`, `SERVER_SIDE_ENCRYPTION_KEY = 'server-side-encryption-header'` name a
 * header or a field, they do not hold a secret.
 */
function echoesName(value: string, key: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9]{0,40}(?:[-_.][A-Za-z0-9]{1,40}){1,8}$/.test(value)) return false;
  const keyWords = new Set(key.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0));
  const words = value.toLowerCase().split(/[-_.]/);
  return words.filter((w) => keyWords.has(w)).length * 3 >= words.length * 2;
}

/** The character that ends a value: the one after it, or after its backslash when the quote is escaped (`\\"`). */
function closingQuote(ctx: CandidateContext): string {
  const c = charAfter(ctx);
  return c === "\\" ? ctx.text.charAt(ctx.index + ctx.match[0].length + 1) : c;
}

/** The YAML document around a match: from the `---` line before it to the one after it. */
function documentAround(ctx: CandidateContext): string {
  const before = ctx.text.lastIndexOf("\n---", ctx.index);
  const after = ctx.text.indexOf("\n---", ctx.index);
  return ctx.text.slice(before < 0 ? 0 : before, after < 0 ? ctx.text.length : after);
}

/**
 * One entry of a Secret's data: its value is group 1, unset for entries that name rather than guard
 * (`username: YWRtaW4=` beside the password), which are passed over.
 */
const SECRET_DATA_ENTRY = /[ \t]{1,8}["']?(?:(?:username|user|login|host|hostname|port|database|dbname|db|name|url|uri|endpoint|region|namespace|email)["']?:[^\n]{0,4096}|[A-Za-z0-9._-]{1,253}["']?:[ \t]{0,4}["']?([^\s"'#]{1,4096}))/;

/** The fast hashes htpasswd writes: `{SHA}` (one unsalted SHA-1) and `$apr1$` (a thousand rounds of MD5). */
const FAST_HTPASSWD_HASH = /^(?:\{SHA\}[A-Za-z0-9+/]{27}=|\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22})$/;

/** What a fast htpasswd hash allows, for the finding's message. */
function fastHashNote(hash: string): string {
  return hash.startsWith("{SHA}") ? "an unsalted SHA-1 hash, reversed offline for any weak password" : "an MD5-crypt hash, guessed offline at billions a second";
}

/** The hashes of a value made only of htpasswd lines (`user:hash`, at most 1,000), or undefined when it is anything else. */
function htpasswdHashes(value: string): string[] | undefined {
  const lines = value.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0 || lines.length > 1000) return undefined;
  const hashes: string[] = [];
  for (const line of lines) {
    const m = /^[^:\s]{1,64}:(\S{8,300})$/.exec(line);
    if (!m?.[1] || !isPasswordHash(m[1])) return undefined;
    hashes.push(m[1]);
  }
  return hashes;
}

/** PEM labels of what is public: certificates and their requests and revocation lists, public keys, parameters, signatures. */
const PUBLIC_PEM_LABEL = /^(?:(?:TRUSTED |X509 )?CERTIFICATE|X509 CRL|(?:NEW )?CERTIFICATE REQUEST|(?:RSA |EC |SSH2 )?PUBLIC KEY|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|(?:DH|EC|DSA) PARAMETERS|PKCS7|CMS)$/;

/** An OpenSSH public key line (`authorized_keys`, `known_hosts`, `id_ed25519.pub`). */
const SSH_PUBLIC_KEY_LINE = /^(?:[^\s]{1,255}[ \t]{1,4})?(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)[ \t]{1,4}AAAA[A-Za-z0-9+/]{20,8000}={0,3}(?:[ \t][^\n]{0,300})?$/;

/**
 * True for a value that holds only what is public: PEM blocks of certificates or public keys (a CA
 * bundle in `ca.crt`, a `tls.crt`), or OpenSSH public key lines. A private key among them is the
 * private-key detector's to report (it reads the decoded value too). A value cut at its first blank
 * (`-----BEGIN` of a one-line stringData) is an armour line, not a password.
 */
function onlyPublicKeys(value: string): boolean {
  const text = value.replace(/\r/g, "").trim();
  if (text.startsWith("-----BEGIN")) {
    for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]{1,40})-----/g)) if (!PUBLIC_PEM_LABEL.test(m[1] as string)) return false;
    return true;
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.length > 0 && lines.length <= 1000 && lines.every((l) => SSH_PUBLIC_KEY_LINE.test(l.trim()));
}

/** A value of a Secret's data (base64) or stringData: judged as the credential it encodes. */
function kubernetesSecretValue(secret: string, ctx: CandidateContext): Judgement {
  if (!/^kind:[ \t]{0,4}["']?Secret["']?[ \t]*\r?$/m.test(documentAround(ctx))) return { verdict: "reject" };
  const base64 = !(ctx.head ?? ctx.match)[0].startsWith("stringData");
  let value = secret;
  if (base64) {
    if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(secret) || secret.length % 4 !== 0) return { verdict: "reject" };
    value = Buffer.from(secret, "base64").toString("latin1");
  }
  if (value.length < 4 || isReference(value) || isReference(secret)) return { verdict: "reject" };
  if (onlyPublicKeys(value)) return { verdict: "reject" };
  // htpasswd lines (ingress-nginx's basic auth: `auth` holds `user:$apr1$…`, one user a line) hold
  // hashes, judged as the htpasswd file detector judges them: the fast ones low, the slow ones not.
  const htpasswd = htpasswdHashes(value);
  if (htpasswd) {
    const fast = htpasswd.find((h) => FAST_HTPASSWD_HASH.test(h));
    return fast === undefined ? { verdict: "reject" } : { verdict: "secret", severity: "low", note: fastHashNote(fast) };
  }
  // A Secret often carries an app's whole environment: under a key that does not name a secret
  // (`LOG_LEVEL`, `REGION`, `DB_HOST`, `BUCKET`), words, numbers, flags and addresses are its
  // configuration. Such a key holds a credential only as a random-looking value; one in a
  // provider's format, or a URL's password, is found in the decoded value by its own detector.
  const key = /([A-Za-z0-9._-]{1,253})["']?:[ \t]{0,4}["']?$/.exec(keyName(ctx, secret))?.[1] ?? "";
  // A key that names what is not a secret (`DATABASE_NAME`, `API_BASE_URL`, `CLIENT_ID`) holds none; a file's name (`.env`, `tls.key`) may.
  if ((!key.includes(".") && NOT_A_SECRET_NAME.test(`${key}:`)) || (!SECRET_DATA_KEY.test(key) && !randomLooking(value))) return { verdict: "reject" };
  if (isDefaultPassword(value) || isFieldName(value) || looksLikeGenericExample(value) || wordsValue(value) === "stand-in") return { verdict: "example", note: "a placeholder or default value" };
  return { verdict: "secret" };
}

/** Keys of a Secret's data that name a secret, or a file that may hold one (`.dockerconfigjson`, `application.yml`, `tls.key`). */
const SECRET_DATA_KEY = /token|secret|key|auth|pass|pwd|cred|bearer|sign|priv|jwt|hmac|salt|pepper|cookie|session|dsn|conn|webhook|cert|tls|ssh|gpg|pgp|api|otp|seed|licen[cs]e|config|json|ya?ml|\.env|properties|ini$|conf$|toml$/i;

/** A value that may be a credential without a name saying so: long, mixed, high in entropy, not words or an address. */
function randomLooking(value: string): boolean {
  if (value.length < 12 || charClasses(value) < 2 || shannonEntropy(value) < 3.5) return false;
  return !/^[a-z][a-z0-9]*(?:[-_.,/][a-z0-9]+)*$/.test(value) && !/^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(value);
}

/**
 * Tokens that are not credentials, by their name: a page's cursor (AWS's `NextToken`, Google's
 * `nextPageToken`), an idempotency or concurrency token (`ClientRequestToken`, `IdempotencyToken`,
 * WAF's `ChangeToken`, `LockToken`), a paginator's setting (`input_token`), a form's CSRF token
 * (Rails' `authenticity_token`), a device's push address (APNs' `deviceToken`, Expo's `pushToken`),
 * a domain's verification token (SES's `VerificationToken`: published in DNS as a TXT record), a
 * one-time link's token (Devise's `confirmation_token`, `unlock_token`, `reset_password_token`:
 * spent once used, and stored as a digest, which is what a fixture holds).
 */
const NOT_CREDENTIAL_WORDS = ["verification", "confirmation", "invitation", "activation", "unlock", "reset", "next", "page", "paging", "pagination", "continuation", "continue", "resume", "cursor", "marker", "sync", "idempotency", "request", "change", "lock", "update", "purchase", "copy", "product", "action", "import", "export", "input", "output", "csrf", "xsrf", "authenticity", "device", "push"];
const AFTER_NAME = `["'\\x60\\]]{0,2}[ \\t]{0,6}(?:=|:|=>|->|\\?=|\\+=|,)`;
/** The word starts the name or follows a separator (`next_token`), or is a capitalised part (`NextToken`, `nextPageToken`): not `exchange_token`. */
const NOT_A_CREDENTIAL_TOKEN = new RegExp(
  `^(?:[A-Za-z0-9_.-]{0,80}[_.-])?(?:${NOT_CREDENTIAL_WORDS.join("|")}|${NOT_CREDENTIAL_WORDS.join("|").toUpperCase()})[_-]?(?:[Tt]oken|TOKEN)${AFTER_NAME}` +
    `|^(?:[A-Za-z0-9_.-]{0,80}[a-z0-9_.-])?(?:${NOT_CREDENTIAL_WORDS.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("|")})Token${AFTER_NAME}`,
);
/** A password reset's one-time token (`reset_password_token`, `passwordResetToken`), which the keyword `pass` starts inside. */
const RESET_PASSWORD_TOKEN = /(?:reset|forgot)[_-]?password[_-]?token|password[_-]?reset[_-]?token/i;
/** AWS's `ClientToken` is an idempotency token; Vault's `client_token` is a credential, so only this spelling. */
const CLIENT_TOKEN = /^(?:[A-Za-z0-9_.-]{0,80}[.])?ClientToken["'\x60\]]{0,2}[ \t]{0,6}[=:]/;

/**
 * True when the keyword is part of a longer name that is not a key of its own: a CloudFormation
 * resource type (`"AWS::IAM::AccessKey": "…"`, a schema's checksum), a segment of an ARN or URN
 * (`arn:aws:secretsmanager:…:secret:MyDatabaseSecret`), or a Helm chart's `checksum/secret`
 * annotation (the SHA-256 of the rendered Secret, there to restart the pods when it changes).
 */
function insideQualifiedName(ctx: CandidateContext): boolean {
  const lead = textBefore(ctx, 200).split("\n").pop() ?? "";
  return /(?:AWS|Alexa)::[A-Za-z0-9]{1,60}::[A-Za-z0-9]{0,60}$/.test(lead) || /(?:^|[^A-Za-z0-9])[au]rn:[^\s"'\x60]{1,200}:$/.test(lead) || /(?:^|[^A-Za-z0-9])checksum\/[A-Za-z0-9_.-]{0,80}$/.test(lead);
}

/**
 * True for the `secret_key` line Devise's generator writes, commented out, into
 * `config/initializers/devise.rb` of every app that installs it: Devise signs with the app's
 * `secret_key_base` unless the line is uncommented, so the generated key is never used.
 */
function deviseGeneratedKey(ctx: CandidateContext): boolean {
  return /(?:^|\/)devise\.rb$/.test(ctx.path ?? "") && /^[ \t]{0,20}#[ \t]{0,4}config\.$/.test(textBefore(ctx, 200).split("\n").pop() ?? "");
}

/**
 * True for the `apiKey` of a documentation site's Algolia search (Docusaurus' and VitePress'
 * `algolia: { appId, apiKey, indexName }`, `docsearch({ … })`): DocSearch gives a search-only key,
 * made to be served to every reader's browser. An admin key is found by its name
 * (algolia-admin-key); gatsby-plugin-algolia's indexing key sits under `options`, not here.
 */
function docSearchKey(ctx: CandidateContext): boolean {
  if (!/^api[_-]?key/i.test(ctx.match[0]) || /[A-Za-z0-9_]$/.test(textBefore(ctx, 1))) return false;
  const before = textBefore(ctx, 400);
  const inside = /(?:algolia|docsearch)["']?[ \t]*(?::[ \t]*\{|\([ \t]*\{)[^{}]{0,300}$/i.test(before) || /provider:[ \t]*["']algolia["'][^{}]{0,100}options:[ \t]*\{[^{}]{0,300}$/.test(before);
  if (!inside) return false;
  const end = ctx.index + ctx.match[0].length;
  return /index_?name["']?[ \t]*:/i.test(`${before.slice(-300)}${ctx.text.slice(end, end + 300)}`);
}

/** Values that are data rather than a secret: a date (`"PasswordLastUsed": "2016-…"`), a documented set of choices (`password.toHashes = true|false`). */
function notAValue(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:[T ]|$)/.test(value) || /^[a-z][a-z0-9-]{0,20}(?:\|[a-z][a-z0-9-]{0,20}){1,8}$/.test(value);
}

/**
 * An identifier quoted in code whose words name a secret: an action or an enum's value
 * (`SET_PASSWORD = 'SetPassword'`, `'gcpSecretConfig'`), a type named in quotes (a generated
 * client's `secret: 'SecretVolumeSource' = proto.Field(…)`). A random password has digits or
 * marks, not capitalised words; one that names a test or a stand-in (`dataStoreTestQuery`,
 * `ContainerScopedFoo`) is judged as a stand-in instead.
 */
function identifierInCode(value: string, quoted: boolean, config: boolean): boolean {
  if (config || !quoted || !/^_{0,2}(?:[a-z]{2,}|[A-Z][a-z]{2,})(?:[A-Z][a-z]{2,}){1,6}$/.test(value)) return false;
  return !hasStandInPart(value) && !/foo|bar|baz|qux/i.test(value);
}

/**
 * A class's or type's name quoted in code: Perl's `password => "TextInput"`, a docstring's
 * `password='IAmSensitive'`, a generated client's `'service_account_token': 'V1ServiceAccountTokenProjection'`.
 */
function pascalCaseName(value: string, config: boolean): boolean {
  return !config && /^(?:V[0-9]{1,2}(?:(?:alpha|beta)[0-9]{1,2})?)?(?:[A-Z][a-z]{1,20}|I|A){2,8}$/.test(value);
}

/** A value in base64 whose text is a placeholder: npm's docs write `password: 'bm90YXJlYWxwYXNzd29yZA=='` ("notarealpassword"). */
function encodesPlaceholder(value: string): boolean {
  if (value.length < 8 || value.length > 200 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, "base64").toString("latin1");
  return /^[\x20-\x7e]{4,}$/.test(text) && (looksLikeGenericExample(text) || isDefaultPassword(text) || isFieldName(text));
}

/**
 * Hashes of passwords are not the password: the modular crypt formats (`$2b$`, `$argon2id$`, `$6$`,
 * yescrypt's `$y$`, Apache's `$apr1$`, phpass's `$P$`, passlib's `$pbkdf2-sha256$`), LDAP's
 * `{SSHA}`, Django's `algorithm$salt$hash` (`pbkdf2_sha256$…`, `sha1$…`, `md5$…`, which Node's
 * password-hash writes too) and Werkzeug's `pbkdf2:sha256:600000$…`, `scrypt:32768:8:1$…`.
 */
function isPasswordHash(value: string): boolean {
  return (
    /^\$(?:2[abxy]?|argon2i?d?|[1567]|y|gy|apr1|P|H|md5|sha1|scrypt|pbkdf2(?:-sha(?:1|256|512))?)\$/i.test(value) ||
    /^\{(?:SSHA|SHA|MD5|SMD5|CRYPT|SSHA256|SSHA512|PBKDF2[A-Z0-9-]{0,12})\}/i.test(value) ||
    /^(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|(?:unsalted_)?(?:sha1|md5)|crypt|scrypt)\$[^$\s]{1,200}\$/.test(value) ||
    /^(?:pbkdf2:sha(?:1|256|512)(?::\d{1,9})?|scrypt:\d{1,9}:\d{1,3}:\d{1,3})\$[^$\s]{1,200}\$/.test(value)
  );
}

/**
 * Helm charts name the Kubernetes Secret that holds a password, and the key inside it, instead of
 * the password: `existingSecret: mysql-credentials`, `existingSecretPasswordKey: db-password`,
 * `passwordKey: mysql-root-password`, `passwordSecret: grafana-admin` (an operator's reference). Such values are names of objects (DNS subdomain names).
 */
function namesKubernetesSecret(key: string, value: string): boolean {
  if (!/[Ee]xisting[_-]?[Ss]ecret|EXISTING_SECRET|(?:^|[._-]|[a-z])(?:[Pp]assword|PASSWORD)[_-]?(?:[Kk]ey|KEY)["'\x60\]]{0,2}[ \t]{0,6}[=:]|(?:^|[._-]|[a-z])(?:[Pp]assword|PASSWORD|[Cc]redentials?|CREDENTIALS?)[_-]?(?:[Ss]ecret|SECRET)["'\x60\]]{0,2}[ \t]{0,6}[=:]/.test(key)) return false;
  return /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/.test(value) && /[a-z]/.test(value) && (/-/.test(value) || /^[a-z]+$/.test(value));
}

const STAND_IN_NAME = /dummy|fake|mock|sample|example/i;
/** A name that says its value is for tests (`TEST_ENCRYPTION_KEY1`, `testApiKey`): in a test's file, a stand-in too. */
const TEST_NAME = /(?:^|[^A-Za-z])test(?:ing)?(?![a-z])|(?:^|[^A-Za-z])TEST|[a-z]Test(?![a-z])/;

/**
 * The name's characters (`A-Za-z0-9_.-`, at most `n`) right before the match: the start of the key
 * whose keyword the match starts at. Read backwards by hand: a regular expression anchored at the
 * end (`[…]{0,80}$`) retried from every position of the text before it.
 */
function nameBefore(ctx: CandidateContext, n: number): string {
  let i = ctx.index;
  const stop = Math.max(0, ctx.index - n);
  while (i > stop && NAME_PATH_BYTE[ctx.text.charCodeAt(i - 1)] === 1) i--;
  return ctx.text.slice(i, ctx.index);
}

/** The shared judgement of generic candidates; `directive`: a configuration directive's (`DBPassword …`), whose name blanks end. */
function judgeGeneric(secret: string, ctx: CandidateContext, minLength: number, minEntropy: number, directive = false): Verdict | Judgement {
  const name = keyName(ctx, secret);
  // Blanks alone separate a name from its value in a directive and a Dockerfile's `ENV NAME value`;
  // a line break or `, "value":` only in an env entry after its `name`.
  if (!directive && GAP_NAME.test(name) && !dockerEnv(ctx) && !cDefine(ctx, name)) return "reject";
  // A header's macros mostly name things (`#define OSSL_KDF_PARAM_PASSWORD "pass"`): a macro's value must read as a secret, not a word.
  if (GAP_NAME.test(name) && cDefine(ctx, name) && (secret.length < 8 || charClasses(secret) < 2 || /^[A-Za-z][A-Za-z_-]*$/.test(secret))) return "reject";
  if (ENTRY_VALUE_NAME.test(name) && !entryName(ctx)) return "reject";
  // A name that blanks end (a directive's, a Dockerfile's `ENV NAME value`) is read as assigned.
  if (NOT_A_SECRET_NAME.test(name) || (/[ \t]$/.test(name) && NOT_A_SECRET_NAME.test(`${name.trimEnd()}=`))) return "reject";
  // The key's whole name: the match starts at its keyword (`Token` of `NextToken`).
  const key = `${nameBefore(ctx, 80)}${name}`;
  if (NOT_A_CREDENTIAL_TOKEN.test(key) || CLIENT_TOKEN.test(key) || RESET_PASSWORD_TOKEN.test(key) || insideQualifiedName(ctx)) return "reject";
  // Ciphertext (`kms_encrypted_token: AQICAH…`, `encryptedPassword`) opens nothing without its key,
  // which is a KMS's or a vault's: it is written into configuration to be committed.
  if (/encrypted|cipher_?text/i.test(key)) return "reject";
  // A name that says the value stands in for one (`fakeToken`, `DUMMY_PASSWORD`, `mock_api_key`): a test's or a doc's.
  const standIn = STAND_IN_NAME.test(key) || (TEST_NAME.test(key) && lowConfidenceReason(ctx.path ?? "") === "test");
  // `${DB_PASSWORD:?must be set}` (a shell's, Compose's) stops with that message when the variable is
  // unset, and `${DB_PASSWORD:+…}` substitutes text when it is set: neither holds the variable's value.
  if (/[?+]/.test(secret[0] ?? "") && /:$/.test(name) && /\$\{[A-Za-z0-9_]{0,80}$/.test(textBefore(ctx, 84))) return "reject";
  // A SealedSecret's encryptedData is ciphertext only the cluster's controller can open: made to be committed.
  // (`includes` first: the regular expression over 1,500 characters ran for every generic candidate.)
  const before = textBefore(ctx, 1500);
  if (before.includes("encryptedData:") && /\n[ \t]*encryptedData:[ \t]*\r?\n/.test(before) && /kind:[ \t]{0,4}["']?SealedSecret/.test(documentAround(ctx))) return "reject";
  const q = quoted(ctx, secret);
  // A quoted value ends at its closing quote: `"Automatic discovery…"` stopping at a space is prose.
  if (q && closingQuote(ctx) !== name[name.length - 1]) return "reject";
  // In YAML a `:` makes a key only before a blank: `completers:SecretsCompleter` (an entry
  // point, `module:attribute`) is one plain scalar, a value of some other key. Spring's
  // `${DB_PASSWORD:default}` is a placeholder's default, read below.
  if (!q && /[^"'\s]:$/.test(name) && /\.ya?ml$/i.test(ctx.path ?? "") && !/\$\{[A-Za-z0-9_.-]{0,80}$/.test(textBefore(ctx, 84))) return "reject";
  // Python's annotation of a type named in quotes (`secret: 'SecretVolumeSource' = proto.Field(…)`).
  if (q && /:[ \t]{0,4}["']$/.test(name) && /\.pyi?$/i.test(ctx.path ?? "") && /^["'][ \t]{0,4}=(?!=)/.test(ctx.text.slice(ctx.index + ctx.match[0].length, ctx.index + ctx.match[0].length + 8))) return "reject";
  // psql interpolates its variables as `:'name'` (`ALTER USER app WITH PASSWORD :'app_password'`):
  // the password is given on the command line (`psql -v app_password=…`), not here.
  if (q && /[ \t(,]:["']$/.test(name) && /\.(?:p?sql|pgsql)$/i.test(ctx.path ?? "")) return "reject";
  const config = CONFIG_FILE.test(ctx.path ?? "");
  if (!q && !config) return "reject";
  if (isReference(secret) || looksLikeCode(secret, q, config) || notAValue(secret) || isPublishedClientSecret(secret)) return "reject";
  // An alias (`password: *db_password`) names the anchor that holds the value, elsewhere in the file.
  if (!q && /^\*[A-Za-z0-9_.-]{1,80}$/.test(secret) && /\.ya?ml$/i.test(ctx.path ?? "")) return "reject";
  // A YAML plain scalar cannot start with `!`: unquoted there it is a tag (Home Assistant's
  // `!secret name`, `!env_var NAME`, CloudFormation's `!Ref`, `!Sub`), and the value is elsewhere.
  if (!q && secret.startsWith("!") && /\.ya?ml$/i.test(ctx.path ?? "")) return "reject";
  // Markup (`password: <code>! " #`, documentation kept in an API model) is prose, not a value.
  if (/^<[A-Za-z/]/.test(secret)) return "reject";
  // Amazon's identifiers of an account, an app or a skill (`amzn1.account.AF6R…`) name it; the
  // Login with Amazon client secret (`amzn1.oa2-cs.v1.…`) is not among them.
  if (/^amzn1\.(?:account|application(?:-oa2-client)?|ask\.[a-z]{1,20})\./.test(secret)) return "reject";
  if (/^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|https?:\/\/)/.test(secret) || /^[^@\s]{1,64}@[^@\s]{1,255}\.[a-z]{2,}$/i.test(secret)) return "reject";
  // A container image pinned by digest (`ghcr.io/acme/agent@sha256:…`): a name and a hash of public content.
  if (/^[a-z0-9][a-z0-9._-]{0,253}(?::[0-9]{1,5})?(?:\/[a-z0-9._-]{1,128}){1,8}(?::[A-Za-z0-9._-]{1,128})?@sha256:[0-9a-f]{64}$/.test(secret)) return "reject";
  if (isPasswordHash(secret)) return "reject";
  // A Mapbox public token (`pk.` and the base64 of `{"u":"<user>"…`) is made for browser code,
  // as Mapbox's documentation says; its secret sibling (`sk.`) has a detector of its own.
  if (/^pk\.eyJ1Ijoi/.test(secret)) return "reject";
  if (namesKubernetesSecret(key, secret)) return "reject";
  const words = wordsValue(secret);
  if (words === "name" || identifierInCode(secret, q, config)) return "reject";
  // A label: the word "password" in another language, or a word of a translation table.
  if (isPasswordWord(secret) || (TRANSLATION_FILE.test(ctx.path ?? "") && isTextWord(secret))) return "reject";
  if (words === "stand-in" || isDefaultPassword(secret) || isFieldName(secret) || looksLikeGenericExample(secret) || encodesPlaceholder(secret)) return { verdict: "example", note: "a placeholder or well-known default" };
  if (standIn) return { verdict: "example", note: "its name says it stands in for a real one" };
  if (pascalCaseName(secret, config)) return "reject";
  // The whole key: the match starts at its keyword (`KEY` of `STORAGE_CLASS_HEADER_KEY`).
  if (echoesName(secret, `${textBefore(ctx, 60).split("\n").pop() ?? ""}${name}`)) return "reject";
  if (secret.length < minLength || shannonEntropy(secret) < entropyFloor(secret, minEntropy)) return "reject";
  if (charClasses(secret) < 2 && secret.length < 24) return "reject";
  return "secret";
}

/**
 * The entropy a value must reach. Sixteen symbols cannot carry as much per character as base64's
 * 64: a random 32-character hex key (an MD5-sized API key) averages about 3.5 bits, so half of them
 * fell under the 3.5 meant for mixed alphabets. Long hex is held to 3.0, as detect-secrets' hex limit.
 */
function entropyFloor(value: string, minEntropy: number): number {
  return value.length >= 32 && /^[0-9a-fA-F]+$/.test(value) ? Math.min(minEntropy, 3) : minEntropy;
}

/**
 * True for an access key written beside its secret key (MinIO's and S3-compatible stores'
 * `accessKey`/`secretKey`, `access_key`/`secret_key`): the access key names the account, as a
 * user name does, and the secret beside it is the credential, judged on its own.
 */
function publicHalfOfPair(ctx: CandidateContext): boolean {
  const name = `${/[A-Za-z0-9_.-]{0,40}$/.exec(textBefore(ctx, 40))?.[0] ?? ""}${ctx.match[0]}`;
  if (!/^[A-Za-z0-9_.-]{0,30}access[_-]?key(?:[_-]?id)?["'\x60\]]{0,2}[ \t]{0,6}(?:=|:|=>)/i.test(name) || /secret|private/i.test(name)) return false;
  const around = ctx.text.slice(Math.max(0, ctx.index - 300), ctx.index + ctx.match[0].length + 300);
  return /secret[_-]?(?:access[_-]?)?key["'\x60\]]{0,2}[ \t]{0,6}(?:=|:|=>)/i.test(around);
}

/** A user and password written as the names of their fields (`CustomerId:CustomerKey`, `ClientId:ClientSecret`), as API references encode them. */
const FIELD_PAIR = /^(?:[A-Z][a-z]{1,20}){1,4}:(?:[A-Z][a-z]{1,20}){0,3}(?:Key|Secret|Password|Token|Pass)$/;

// A backslash in a value is the value's, except before a quote or as `\\n`, `\\r`, `\\t`: there it is
// the escaping of code kept inside a JSON string (a notebook's cells), and the value ends. A `}`
// that ends the value closes a placeholder (Spring's `${DB_PASSWORD:default}`, a shell's
// `${PASS:-default}`): the default is the committed value, without the brace.
// A `,` or `;` inside a value is the value's (`DB_PASSWORD=Kq8v;Wp4x`: dotenv reads to the line's end;
// `"Kq8v,Wp4x"` in quotes), unless it ends the value: before blanks, a quote or the line's end, or
// before the next `key=` or `key:` (a connection string's `;Database=`, a flow mapping's `, user: x`).
const SEPARATOR_IN_VALUE = `[,;](?![\\s"'\\x60,;)}\\]\\\\]|$|[A-Za-z_][A-Za-z0-9_ .\\-]{0,40}[=:])`;
const PASSWORD_VALUE = `(?:[^\\s"'\\x60,;\\\\}]|\\\\(?![nrt"'\\x60])|\\}(?![\\s"'\\x60,;)\\]]|$)|${SEPARATOR_IN_VALUE}){4,128}`;
const VALUE_END = `(?=["'\\x60\\s,;)}\\]\\\\]|$)`;
/** One string literal argument and its comma, as a call's user (or host) is written before the password. */
const STR_ARG = `[ \\t]{0,4}(?:"[^"\\r\\n\\\\]{0,300}"|'[^'\\r\\n\\\\]{0,300}')[ \\t]{0,4},`;
/** The calls whose password may be followed by further arguments: `mysqli_connect(h, u, pw, db)`, `new PDO(dsn, u, pw, $options)`, `Net::SMTP.start(…, secret, :login)`, `new NetworkCredential(u, pw, domain)`. */
const POSITIONAL_CALL = /^(?:FTP|MySQLdb|pymysql|mysqli|mysql_connect|PDO|SMTP\.|NetworkCredential|Authenticate)/;

/** The words that make a name passed as a string say it holds a secret; the keyword starts one of them. */
const SECRET_NAME_WORD = "(?:[Pp][Aa][Ss][Ss](?:[Ww][Oo][Rr][Dd]|[Ww][Dd]|[Pp][Hh][Rr][Aa][Ss][Ee])?|[Pp][Ww][Dd]|PASS(?:WORD|WD|PHRASE)?|PWD|[Ss][Ee][Cc][Rr][Ee][Tt]|SECRET|[Tt][Oo][Kk][Ee][Nn]|TOKEN|[Aa][Pp][Ii][_-]?[Kk][Ee][Yy]|API[_-]?KEY)";
/**
 * Before the keyword, in the name's string: a call that takes a name and then its value or its
 * default (`put`, `setProperty`, `Setenv`, `getenv`, `environ.get`, `fetch`, `getOrDefault`, `env`,
 * viper's `SetDefault`), its opening quote and the name's first words (`mail.smtp.`, `DB_`).
 */
const PAIR_LEAD = `(?<=(?<![A-Za-z0-9_$])(?:put|putString|putIfAbsent|setProperty|getProperty|setdefault|SetDefault|setDefault|set|Set|add|Add|append|setItem|setenv|Setenv|SetEnvironmentVariable|putenv|getenv|Getenv|getEnv|get|fetch|getOrDefault|env|config)[ \\t]{0,4}\\([ \\t]{0,4}["'][A-Za-z0-9_.\\-]{0,60})`;
/** Before the keyword: an environment variable read whose value a `||`, `??`, `?:` or `or` falls back from (`process.env.DB_PASSWORD || "…"`). */
const FALLBACK_LEAD = `(?<=(?:process\\.env\\.|import\\.meta\\.env\\.|(?:ENV|environ|\\$_ENV|\\$_SERVER)\\[[ \\t]{0,4}["']|(?:getenv|environ\\.get|ENV\\.fetch|Deno\\.env\\.get)\\([ \\t]{0,4}["'])[A-Za-z0-9_]{0,60})`;

/**
 * The byte test of the name's start, before the keyword: an opening quote after `(` or `[` (a call's
 * first argument, `ENV["…"]`), or an `env.` in the name's dotted path (`process.env.DB_PASSWORD`).
 */
function argumentOrEnvBehind(bytes: Uint8Array, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && at - j <= 64 && NAME_PATH_BYTE[bytes[j] as number] === 1) j--;
  const c = bytes[j];
  if (c === 34 || c === 39 || c === 96) {
    j--;
    while (j >= 0 && (bytes[j] === 32 || bytes[j] === 9)) j--;
    return bytes[j] === 40 || bytes[j] === 91;
  }
  for (let i = j + 1; i + 4 <= at; i++) if (bytes[i] === 101 && bytes[i + 1] === 110 && bytes[i + 2] === 118 && bytes[i + 3] === 46) return true;
  return false;
}
const NAME_PATH_BYTE = new Uint8Array(256).map((_, c) => (/[A-Za-z0-9_.-]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * The byte test of a name passed with its value or default: within the rest of the line's next 80
 * bytes, a `,` (the next argument) or a `|`, `?` or ` or ` (a fallback).
 */
function pairOrFallbackAhead(bytes: Uint8Array, at: number, len: number): boolean {
  if (!argumentOrEnvBehind(bytes, at)) return false;
  const end = Math.min(bytes.length, at + len + 80);
  for (let i = at + len; i < end; i++) {
    const c = bytes[i] as number;
    if (c === 44 || c === 124 || c === 63) return true;
    if (c === 10 || c === 13) return false;
    if (c === 111 && bytes[i + 1] === 114 && bytes[i - 1] === 32 && bytes[i + 2] === 32) return true;
  }
  return false;
}

/**
 * Names of keys that hold no secret (a record's, a cache's, a map's, a UI's or a public key's), or
 * whose secret a provider's detector reads by its format (Azure's `AccountKey`, PEM, WireGuard and
 * hex private keys).
 */
const NOT_A_SECRET_KEY_NAME = /(?:primary|foreign|sort|partition|range|hash|cache|storage|query|i18n|translation|locale|lang|route|react|idempotency|dedup(?:e|lication)?|index|lookup|map|dict|object|bucket|s3|row|column|table|field|attr|prop|property|registry|redis|shortcut|hot|keyboard|press|event|group|list|item|node|child|parent|entry|element|component|state|store|local|message|text|title|label|icon|image|asset|font|color|theme|style|order|filter|search|unique|composite|natural|ssh|gpg|pgp|public|pub|host|trust|known|license|product|serial|install|activation|registration|site|publishable|client_?id|app_?id|widget|sitekey|recaptcha|turnstile|captcha|device|push|sender|instance|access_?key_?id|key_?id|monkey|turkey|whiskey|jockey|hockey|account|private|preshared|file|doc|document|sheet|spreadsheet|folder|board|page|project|workspace|team|user|channel|room|tenant|org|space|collection|dataset|model|video|playlist|track|album|repo|branch|commit|issue|ticket|task|job|pipeline|queue|topic|schema|template|form|survey|experiment|feature|flag)[_.-]?key$/i;

/**
 * The byte test of a name that ends in key (`KEY`, `MAPS_KEY`, `weatherKey`, `api.key`): no letter
 * after the keyword, a quote, bracket, blank or assignment next, and an `=` or `:` within 8 bytes.
 */
function keyEndsNameAt(bytes: Uint8Array, at: number): boolean {
  // Every keyword is `key` and what follows the name, which is read again from there.
  const from = at + 3;
  if (ALNUM_OR_UNDERSCORE_BYTE[bytes[from] ?? 0] === 1) return false;
  const end = Math.min(bytes.length, from + 8);
  for (let i = from; i < end; i++) {
    const c = bytes[i] as number;
    if (c === 61 || c === 58) return randomRunAfter(bytes, i + 1);
    if (c === 10 || c === 13) return false;
  }
  return false;
}

/** After an assignment's operator, blanks and a quote: a run of 20 key characters or more with a capital, a small letter and a digit. */
function randomRunAfter(bytes: Uint8Array, from: number): boolean {
  let i = from;
  const limit = Math.min(bytes.length, from + 12);
  while (i < limit && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 61 || bytes[i] === 62)) i++;
  if (bytes[i] === 34 || bytes[i] === 39 || bytes[i] === 96) i++;
  const start = i;
  let classes = 0;
  const stop = Math.min(bytes.length, start + 128);
  for (; i < stop; i++) {
    const c = bytes[i] as number;
    if (c >= 65 && c <= 90) classes |= 1;
    else if (c >= 97 && c <= 122) classes |= 2;
    else if (c >= 48 && c <= 57) classes |= 4;
    else if (c !== 95 && c !== 45 && c !== 43 && c !== 47 && c !== 61 && c !== 46) break;
  }
  return i - start >= 20 && classes === 7;
}
const ALNUM_OR_UNDERSCORE_BYTE = new Uint8Array(256).map((_, c) => (/[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * The `value` of an `env` entry whose `name` the keyword is in: YAML's `- name: DB_PASSWORD` then
 * `  value: …` (Kubernetes, Compose, CloudFormation's `Name`/`Value`), JSON's `{"name": "DB_PASSWORD",
 * "value": …}` (an ECS task definition). The check keeps it only after a `name` key (entryName).
 */
const ENV_ENTRY = `\\r?\\n[ \\t]{1,40}[Vv]alue[ \\t]{0,4}:|,[ \\t\\r\\n]{0,40}\\\\?["'][Vv]alue\\\\?["'][ \\t]{0,4}:`;
/** The text before a value that ENV_ENTRY separates from its name. */
const ENTRY_VALUE_NAME = /(?:\n[ \t]{1,40}|,[ \t\r\n]{0,40}\\?["'])[Vv]alue\\?["']?[ \t]{0,4}:[ \t]{0,6}(?:[bru@]?\\?["'\x60])?$/;
/** True when the key whose name the match starts in is an `env` entry's `name` (`- name: DB_PASSWORD`, `{"name": "DB_PASSWORD"`). */
function entryName(ctx: CandidateContext): boolean {
  return /[Nn]ame\\?["']?[ \t]{0,4}:[ \t]{0,6}\\?["']?[A-Za-z0-9_.-]{0,120}$/.test(textBefore(ctx, 200).split("\n").pop() ?? "");
}
/**
 * A declaration's type between the name and `=`: Swift's and Kotlin's `let apiKey: String = …`,
 * TypeScript's `private readonly secret: string = …`, Scala's `val token: String = …`, Rust's
 * `const API_TOKEN: &str = …`.
 */
const TYPED = `:[ \\t]{0,4}(?:&(?:'static[ \\t]{1,4})?)?[A-Za-z][A-Za-z0-9_.]{0,30}[?!]?[ \\t]{0,4}=(?![=>])`;
/** A C array's brackets between the name and `=` (`char pass[] = "…"`, Arduino's Wi-Fi sketches). */
const C_ARRAY = `\\[[0-9]{0,4}\\][ \\t]{0,4}=(?!=)`;
/**
 * The separator of a generic assignment: the keyed one's, less the rarer `::=` and `<-`; an `env`
 * entry's `value`; a Dockerfile's `ENV NAME value`; a shell's default (`${DB_PASSWORD:-…}`, whose
 * value is what a deployment gets when it sets none); a typed declaration's `: String =`.
 */
const ASSIGN = assignment(`=|:=|:-|${TYPED}|${C_ARRAY}|:|=>|->|\\?=|\\+=|${ENV_ENTRY}|${BLANK_GAP}`);
/** A directive's blanks between its name, which the keyword ends, and its value (`DBPassword "…"`). */
const DIRECTIVE = `[ \\t]{1,8}["']?`;
/** The text before a directive's value: the keyword's word, blanks and perhaps a quote. */
const DIRECTIVE_NAME = /^[A-Za-z]{2,10}[ \t]{1,8}["']?$/;
const ASSIGNMENT_OR_ENTRY_AHEAD = assignmentOrEntryAhead();
/** The byte test of a generic assignment: as assignmentOrEntryAhead, or the name of a C macro (`#define API_KEY "…"`). */
const ASSIGNMENT_AHEAD: NonNullable<Detector["precheck"]> = (bytes, at, len) => ASSIGNMENT_OR_ENTRY_AHEAD(bytes, at, len) || cDefineAt(bytes, at);

/** The byte test of a C macro's name: only name characters, then blanks and `#define` (or `# define`), before the keyword on its line. */
function cDefineAt(bytes: Uint8Array, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 120 && NAME_PATH_BYTE[bytes[i] as number] === 1) i--;
  if (bytes[i] !== 32 && bytes[i] !== 9) return false;
  while (i >= 0 && (bytes[i] === 32 || bytes[i] === 9)) i--;
  if (i < 6 || bytes[i] !== 101 || bytes[i - 1] !== 110 || bytes[i - 2] !== 105 || bytes[i - 3] !== 102 || bytes[i - 4] !== 101 || bytes[i - 5] !== 100) return false;
  i -= 6;
  while (i >= 0 && (bytes[i] === 32 || bytes[i] === 9)) i--;
  return bytes[i] === 35;
}
const DIRECTIVE_AT = directiveAt();

const XML_NAME_BYTE = new Uint8Array(256).map((_, c) => (/[A-Za-z0-9.-]/.test(String.fromCharCode(c)) ? 1 : 0));

/** The byte test of an XML element that ends in the keyword (`<password>`, `<gpg.passphrase>`): a `<` before the name, which only name characters separate from the keyword. */
function xmlOpeningTagAt(bytes: Uint8Array, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 100 && XML_NAME_BYTE[bytes[i] as number] === 1) i--;
  return i >= 0 && bytes[i] === 60;
}

/** The byte test of a Groovy call (`password "…"`): no name character before the keyword, blanks and a quote after it. */
function groovyCallAt(bytes: Uint8Array, at: number, len: number): boolean {
  if (at > 0 && XML_NAME_BYTE[bytes[at - 1] as number] === 1) return false;
  const from = at + len;
  const stop = Math.min(bytes.length, from + 8);
  let j = from;
  while (j < stop && (bytes[j] === 32 || bytes[j] === 9)) j++;
  return j > from && (bytes[j] === 34 || bytes[j] === 39);
}

/** A Dockerfile (`Dockerfile`, `Containerfile`, `*.dockerfile`, `Dockerfile.prod`). */
const DOCKERFILE = /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[^/]*)?$|\.dockerfile$/i;

/** True when the match is a Dockerfile's `ENV NAME value`: only `ENV` and the name before it on its line, in a Dockerfile. */
function dockerEnv(ctx: CandidateContext): boolean {
  return DOCKERFILE.test(ctx.path ?? "") && dockerEnvLine(ctx);
}

/** True for a C preprocessor macro whose quoted value is the secret (`#define WIFI_PASSWORD "…"`): blanks separate its name and value. */
function cDefine(ctx: CandidateContext, name: string): boolean {
  return /["']$/.test(name) && /^[ \t]{0,8}#[ \t]{0,4}define[ \t]{1,8}[A-Za-z0-9_]{0,120}$/.test(textBefore(ctx, 200).split("\n").pop() ?? "");
}

/**
 * A password as a configuration directive's one value (`AuthLDAPBindPassword "…"` in httpd.conf,
 * `DBPassword …` in zabbix_server.conf, `MYSQLPassword …` in Pure-FTPd's): a line of a configuration
 * file that holds the name, the value and at most a comment. Apache reads `exec:` and `file:` values
 * as where to get the password; a value of one kind of character is a word of prose.
 */
function judgeDirective(secret: string, ctx: CandidateContext): Verdict | Judgement {
  const path = ctx.path ?? "";
  // A script's line starts with a command (`passwd deploy-user`), and YAML, JSON, XML and TOML have syntax of their own.
  if (!CONFIG_FILE.test(path) || /\.(?:ya?ml|json|xml|toml|sh|bash|zsh|ps1|bat|cmd|dockerfile)$|(?:^|\/)(?:Dockerfile|Containerfile)[^/]*$/i.test(path)) return "reject";
  if (!/^[ \t]{0,20}(?:[A-Za-z][A-Za-z0-9_.-]{0,40})?$/.test(textBefore(ctx, 80).split("\n").pop() ?? "")) return "reject";
  const end = ctx.index + ctx.match[0].length;
  if (!/^["']?[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/.test(ctx.text.slice(end, end + 300))) return "reject";
  if (/^(?:exec|file|env|builtin|pipe):/i.test(secret)) return "reject";
  const verdict = judgeGeneric(secret, ctx, 6, 2.5, true);
  return verdict === "secret" && charClasses(secret) < 2 ? "reject" : verdict;
}

/** Terraform's state, as `terraform state pull` and the local backend write it. */
const TFSTATE_FILE = /\.tfstate(?:\.backup|\.[0-9]{6,20}\.backup)?$/i;

/** `"sensitive"` as bytes, for the byte test of an output. */
const SENSITIVE_WORD = [34, 115, 101, 110, 115, 105, 116, 105, 118, 101, 34];

/**
 * The byte test of a state output: after the value's string (up to 4,096 bytes, escapes stepped
 * over), `"sensitive"` within the next 120 bytes. Most `"value"` keys of JSON stop here.
 */
function sensitiveOutputAhead(bytes: Uint8Array, at: number, len: number): boolean {
  let i = at + len;
  const colon = Math.min(bytes.length, i + 8);
  while (i < colon && bytes[i] !== 34) i++;
  if (bytes[i] !== 34) return false;
  const end = Math.min(bytes.length, i + 4100);
  for (i++; i < end && bytes[i] !== 34; i++) if (bytes[i] === 92) i++;
  const stop = Math.min(bytes.length - SENSITIVE_WORD.length, i + 120);
  for (let j = i + 1; j <= stop; j++) {
    let k = 0;
    while (k < SENSITIVE_WORD.length && bytes[j + k] === SENSITIVE_WORD[k]) k++;
    if (k === SENSITIVE_WORD.length) return true;
  }
  return false;
}

/** Whether `bytes` holds the ASCII text `word` at `at`, case and all. */
function bytesAre(bytes: Uint8Array, at: number, word: string): boolean {
  if (at < 0 || at + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Spaces and tabs (and, with `breaks`, line breaks) from `i` on, at most `max`: where they end. */
function skipBlanks(bytes: Uint8Array, i: number, max: number, breaks: boolean): number {
  const end = Math.min(bytes.length, i + max);
  while (i < end) {
    const c = bytes[i] as number;
    if (c !== 32 && c !== 9 && !(breaks && (c === 10 || c === 13))) break;
    i++;
  }
  return i;
}

/**
 * The byte test of a .netrc entry, the pattern's own conditions read without it: `machine` or
 * `default` in lower case, opening a line or a quoted string after at most 20 blanks (most hits
 * are \`export default \` and "a machine learning…"), and a `default` followed by a field name.
 */
function netrcEntryAt(bytes: Uint8Array, at: number): boolean {
  const machine = bytesAre(bytes, at, "machine");
  if (!machine && !bytesAre(bytes, at, "default")) return false;
  let i = at - 1;
  const stop = Math.max(-1, at - 21);
  while (i > stop && (bytes[i] === 32 || bytes[i] === 9)) i--;
  const c = bytes[i];
  const opens = i < 0 || c === 10 || c === 34 || c === 39 || c === 96 || c === 61 || (c === 110 && bytes[i - 1] === 92);
  if (!opens) return false;
  if (machine) return true;
  const field = skipBlanks(bytes, at + 7, 20, true);
  if (field === at + 7) return false;
  return bytesAre(bytes, field, "login") || bytesAre(bytes, field, "account") || bytesAre(bytes, field, "port") || bytesAre(bytes, field, "password");
}

/**
 * The byte test of a Secret's `data:` or `stringData:`, the pattern's own head read without it:
 * that case, no letter before it, and nothing but blanks before the line ends (in code, most
 * `data:` keys have their value on the same line).
 */
function secretDataHeadAt(bytes: Uint8Array, at: number): boolean {
  let colon: number;
  if (bytesAre(bytes, at, "data:")) colon = at + 4;
  else if (bytesAre(bytes, at, "stringData:")) colon = at + 10;
  else return false;
  const before = at > 0 ? (bytes[at - 1] as number) | 32 : 0;
  if (before >= 97 && before <= 122) return false;
  const i = skipBlanks(bytes, colon + 1, bytes.length, false);
  return bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] === 10);
}

/** A value Terraform marked sensitive: a secret unless it is empty-looking, a reference or a placeholder. */
function stateValue(s: string): Verdict | Judgement {
  if (s.length < 4 || isReference(s) || opensWithSyntax(s)) return "reject";
  if (isDefaultPassword(s) || looksLikeGenericExample(s)) return { verdict: "example", note: "a placeholder or default value" };
  return "secret";
}

export const GENERIC_DETECTORS: readonly Detector[] = [
  custom({
    id: "jwt", title: "JSON Web Token", provider: "JWT", category: "jwt", keywords: ["eyj"], span: 8000, confidence: "medium", precheck: leadRun("A-Za-z0-9_\\-", 8),
    pattern: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,6000}\.[A-Za-z0-9_-]{0,1000})(?![A-Za-z0-9_.-])/y, check: (s) => jwt(s),
    reference: "https://www.rfc-editor.org/rfc/rfc7519",
  }),
  custom({
    id: "password-assignment", title: "Password assigned in code or configuration", provider: "Generic", category: "generic", keywords: ["pass", "pwd", "rootpw", "_pw"], confidence: "low", span: 300, context: 1500,
    precheck: (bytes, at, len) => ASSIGNMENT_AHEAD(bytes, at, len) || DIRECTIVE_AT(bytes, at, len),
    // `pass` starts a word (or a camelCase part: dbPassword, DBPassword after an acronym) and is
    // not `passing` or `bypass`; glued to capitals it is the whole word (PGPASSWORD, MYSQLPWD),
    // never a bare PASS (BYPASS), and capitals after it make another word (PASSTHROUGH). The value
    // follows an assignment, or blanks when the name is a directive's (`DBPassword s3cr…`).
    // OpenLDAP's `rootpw` (slapd.conf) and `olcRootPW` (cn=config) hold the directory manager's
    // password; `pw` ends a longer name (php.ini's `mysqli.default_pw`, `DB_PW`).
    pattern: new RegExp(`(?:(?:(?<![A-Za-z])[Pp]|(?<=[a-z])P|(?<=[A-Z])P(?=ASSWORD|ASSWD|ASSPHRASE|WD|assword|asswd|assphrase))(?:[Aa][Ss][Ss](?:[Ww][Oo][Rr][Dd]|[Ww][Dd]|[Pp][Hh][Rr][Aa][Ss][Ee])?|[Ww][Dd])(?![a-z])(?![A-Z]{2})|(?:(?<![A-Za-z])|(?<=olc))[Rr][Oo][Oo][Tt][Pp][Ww](?![A-Za-z])|(?<=[A-Za-z0-9])_[Pp][Ww](?![A-Za-z]))(?:${ASSIGN}|${DIRECTIVE})(${PASSWORD_VALUE})${VALUE_END}`, "y"),
    check: (s, ctx) => (DIRECTIVE_NAME.test(keyName(ctx, s)) && !dockerEnv(ctx) && !cDefine(ctx, keyName(ctx, s)) ? judgeDirective(s, ctx) : judgeGeneric(s, ctx, 6, 2.5)),
  }),
  custom({
    id: "secret-assignment", title: "Secret, token or API key assigned in code or configuration", provider: "Generic", category: "generic",
    keywords: ["secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "auth_key", "authkey", "credential", "signing_key", "signingkey", "encryption_key", "encryptionkey", "master_key", "masterkey", "private_key", "client_key", "clientkey", "hmac_key", "hmackey", "jwt_key", "jwtkey"], confidence: "low", span: 400, context: 1500, precheck: ASSIGNMENT_AHEAD,
    pattern: new RegExp(`(?:[Ss][Ee][Cc][Rr][Ee][Tt]|[Tt][Oo][Kk][Ee][Nn]|[Aa][Pp][Ii][_-]?[Kk][Ee][Yy]|[Aa][Cc][Cc][Ee][Ss][Ss][_-]?[Kk][Ee][Yy]|[Aa][Uu][Tt][Hh][_-]?[Kk][Ee][Yy]|[Cc][Rr][Ee][Dd][Ee][Nn][Tt][Ii][Aa][Ll]|[Ss][Ii][Gg][Nn][Ii][Nn][Gg]_?[Kk][Ee][Yy]|[Ee][Nn][Cc][Rr][Yy][Pp][Tt][Ii][Oo][Nn]_?[Kk][Ee][Yy]|[Mm][Aa][Ss][Tt][Ee][Rr]_?[Kk][Ee][Yy]|[Pp][Rr][Ii][Vv][Aa][Tt][Ee]_[Kk][Ee][Yy]|[Cc][Ll][Ii][Ee][Nn][Tt]_?[Kk][Ee][Yy]|[Hh][Mm][Aa][Cc]_?[Kk][Ee][Yy]|[Jj][Ww][Tt]_?[Kk][Ee][Yy])${ASSIGN}((?:[A-Za-z0-9_\\-+/=.~:]|${SEPARATOR_IN_VALUE}){16,256})${VALUE_END}`, "y"),
    check: (s, ctx) => (publicHalfOfPair(ctx) || docSearchKey(ctx) || deviseGeneratedKey(ctx) ? "reject" : judgeGeneric(s, ctx, 16, 3.5)),
  }),
  custom({
    id: "key-assignment", title: "Random key assigned to a name that ends in key", provider: "Generic", category: "generic", confidence: "low",
    // `key` alone is in too many words for the keyword pass: the name's end and what follows it.
    keywords: ["key=", "key:", "key =", "key :", "key  ", "key\"", "key'"], span: 300, context: 1500, precheck: keyEndsNameAt,
    // `KEY = "…"`, `MAPS_KEY: …`, `weatherKey = '…'`: a name that ends in key, whose value reads as
    // a generated key (letters of both cases and digits, 20 characters or more, high entropy). Names
    // of keys that are no secret (`primaryKey`, `cacheKey`, `sortKey`, `publicKey`) are passed over.
    pattern: new RegExp(`(?:(?<=[a-z0-9])Key|(?<=^|[^A-Za-z0-9])(?:[Kk]ey|KEY))${ASSIGN}([A-Za-z0-9_\\-+/=.]{20,128})${VALUE_END}`, "y"),
    check: (s, ctx) => {
      const full = `${nameBefore(ctx, 60)}key`;
      // A JWT is the jwt detector's to judge (a Supabase anon key is public).
      if (NOT_A_SECRET_KEY_NAME.test(full) || charClasses(s) < 3 || /[./]{2}|^[./]|[-_.]{2}/.test(s) || s.startsWith("eyJ")) return "reject";
      // A bare `key` in JSON is a record's or a tag's (`{"Key": "Name", "Value": …}`, an S3 object's key).
      if (/^key$/i.test(full) && /\.json$/i.test(ctx.path ?? "")) return "reject";
      // Words, not a generated key: a dotted setting's name (`fs.s3.enableServerSideEncryption`),
      // a path (`123456789012/build-…`), two capitalised words in a row (`PreSharedKey`).
      if (/^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/.test(s) || /\/[A-Za-z]{2,}[-_]/.test(s) || /[A-Z][a-z]{3,}[A-Z][a-z]{3,}/.test(s)) return "reject";
      return judgeGeneric(s, ctx, 20, 4);
    },
  }),
  custom({
    id: "basic-auth-header", title: "HTTP Basic authorization header with a password", provider: "HTTP", category: "generic", keywords: ["basic "], span: 500, confidence: "medium",
    pattern: /[Bb][Aa][Ss][Ii][Cc][ \t]{1,4}([A-Za-z0-9+/]{8,600}={0,2})(?![A-Za-z0-9+/=])/y,
    check: (s, ctx) => {
      if (!/authoriz|--header|-H\b|headers?\b/i.test(textBefore(ctx, 80))) return "reject";
      const text = Buffer.from(s, "base64").toString("latin1");
      const m = /^([\x20-\x7e]{1,200}):([\x20-\x7e]{1,300})$/.exec(text);
      if (!m) return "reject";
      const pw = m[2] ?? "";
      if (isReference(pw)) return "reject";
      return isDefaultPassword(pw) || looksLikeGenericExample(text) || FIELD_PAIR.test(text) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
  }),
  custom({
    id: "bearer-token", title: "HTTP Bearer authorization header with a token", provider: "HTTP", category: "generic", keywords: ["bearer "], span: 2200, confidence: "low",
    pattern: /[Bb][Ee][Aa][Rr][Ee][Rr][ \t]{1,4}([A-Za-z0-9_\-.~+/]{20,2048}={0,2})(?![A-Za-z0-9_\-.~+/=])/y,
    check: (s, ctx) => {
      if (!/authoriz|--header|-H\b|headers?\b/i.test(textBefore(ctx, 80))) return "reject";
      if (isReference(s) || shannonEntropy(s) < 3.5 || charClasses(s) < 2) return "reject";
      // A JWT's opening with no JWT after it (`eyJhbGciOi.payload.sig`, a header cut short at
      // `eyJ0eXAi…:…`) is documentation's stand-in; a whole JWT is the jwt detector's to judge.
      if (s.startsWith("eyJ") && jwt(s).verdict === "reject") return { verdict: "example", note: "an elided or made-up JWT" };
      // Short opaque tokens are judged by the generic marks too (`abcDEF0123456789…`).
      return looksLikeExample(s) || (s.length <= 64 && looksLikeGenericExample(s)) ? { verdict: "example", note: "a placeholder" } : "secret";
    },
  }),
  custom({
    id: "token-auth-header", title: "HTTP Token authorization header with a token", provider: "HTTP", category: "generic", keywords: ["token "], span: 600, confidence: "low", precheck: leadRun("A-Za-z0-9_\\-.~+/", 20),
    // The `Token` scheme of an Authorization header (Django REST Framework's 40 hex digits, GitHub's
    // `token …`), written as the header's literal value: after `Authorization: `, `"Authorization": "`
    // or `("Authorization", "`.
    pattern: /[Tt][Oo][Kk][Ee][Nn] ([A-Za-z0-9_\-.~+/]{20,512}={0,2})(?![A-Za-z0-9_\-.~+/=])/y,
    check: (s, ctx) => {
      if (!/[Aa]uthorization["'\x60]?[ \t]{0,4}[:=,][ \t]{0,4}["'\x60]?$/.test(textBefore(ctx, 40))) return "reject";
      if (isReference(s) || shannonEntropy(s) < 3.5 || charClasses(s) < 2) return "reject";
      return looksLikeExample(s) || (s.length <= 64 && looksLikeGenericExample(s)) ? { verdict: "example", note: "a placeholder" } : "secret";
    },
  }),
  custom({
    id: "url-credentials", title: "Password in a URL (user info)", provider: "URL", category: "generic", keywords: ["://"], span: 800, pattern: URL_CREDENTIALS, confidence: "medium", precheck: userInfoAhead(),
    check: (s, ctx) => urlPassword(s, ctx, false),
  }),
  custom({
    id: "url-query-token", title: "Access token or API key in a URL's query string", provider: "URL", category: "generic",
    keywords: ["access_token=", "api_key=", "apikey=", "auth_token=", "client_secret=", "token="], span: 600, confidence: "low",
    // OAuth 2.0 allows `?access_token=` in a URI (RFC 6750 §2.3), and many APIs take `api_key=`: a URL
    // written into code with its query carries the credential. Only after `?` or `&` of a URL on the same line.
    pattern: /(?<=[?&])(?:access_token|api_?key|auth_token|client_secret|token)=([A-Za-z0-9._~+/%-]{16,512})(?=[&#"'\s`)<]|$)/iy,
    check: (s, ctx) => {
      const url = /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'`]{1,2000}$/i.exec(textBefore(ctx, 2000).split("\n").pop() ?? "")?.[0];
      if (url === undefined) return "reject";
      // A one-time link's token (a password reset, an e-mail check, an invitation) is spent once
      // used and expires unused: the link in a document or a test is no credential.
      if (/^token=/i.test(ctx.match[0]) && /reset|verif|confirm|invit|unsubscrib|activat|magic|sign-?in|login/i.test(url)) return "reject";
      if (isReference(s) || opensWithSyntax(s) || s.includes("%7B") || s.includes("%24")) return "reject";
      // Mapbox's public token (`pk.eyJ1…`) is made to sit in a browser's URLs.
      if (s.startsWith("pk.eyJ1")) return "reject";
      if (looksLikeGenericExample(s) || isFieldName(s) || wordsValue(s) !== undefined) return { verdict: "example", note: "a placeholder" };
      return shannonEntropy(s) >= 3.5 && charClasses(s) >= 2 ? "secret" : "reject";
    },
    reference: "https://www.rfc-editor.org/rfc/rfc6750#section-2.3",
  }),
  custom({
    id: "kubernetes-secret-manifest", title: "Value in a committed Kubernetes Secret manifest", provider: "Kubernetes", category: "generic", keywords: ["data:", "stringdata:"], span: 600, context: 4000, confidence: "medium", priority: 5,
    precheck: secretDataHeadAt,
    // Each value under `data:` (base64) or `stringData:` of a document that is `kind: Secret`
    // (before or after it: `kubectl create secret --dry-run -o yaml` writes data first): the first
    // entry with the block's head, the others as its entries.
    pattern: new RegExp(`(?<![A-Za-z])(?:stringData|data):[ \\t]*\\r?\\n${SECRET_DATA_ENTRY.source}`, "y"),
    next: SECRET_DATA_ENTRY,
    check: (s, ctx) => kubernetesSecretValue(s, ctx),
    reference: "https://kubernetes.io/docs/concepts/configuration/secret/",
  }),
  custom({
    id: "netrc-password", title: "Password in a .netrc entry", provider: "netrc", category: "generic", keywords: ["machine ", "default "], span: 1000, confidence: "medium",
    precheck: netrcEntryAt,
    // `machine` (or `default`, the entry for every other host) opens a line or a quoted string (a
    // .netrc written from code): not "a machine learning password". `login`, `account` and `port`
    // may come before the password in any order, and the password may be quoted (Python's netrc
    // and curl read quotes).
    pattern: /(?<=(?:^|[\n"'`=]|\\n)[ \t]{0,20})(?:machine[ \t]{1,10}[^\s]{1,253}|default)(?:[ \t\r\n]{1,20}(?:login|account|port)[ \t]{1,10}[^\s]{1,128}){0,3}[ \t\r\n]{1,20}password[ \t]{1,10}"?([^\s"'`]{1,256})/y,
    // A value opening with a sigil or bracket is syntax from documentation (`password [path/]filename`, `$PASS`).
    check: (s, ctx) => {
      if (isReference(s) || opensWithSyntax(s)) return "reject";
      // `default` is a common word: its entry is read only in a netrc, or on a line that writes one.
      if (ctx.match[0].startsWith("default") && !/netrc/i.test(ctx.path ?? "") && !/netrc/i.test(lineOf(ctx))) return "reject";
      // Anonymous FTP takes any password, by convention an e-mail address (`default login anonymous password user@site`).
      if (/[ \t\r\n]login[ \t]{1,10}(?:anonymous|ftp)[ \t\r\n]/i.test(ctx.match[0]) && s.includes("@")) return { verdict: "example", note: "an anonymous login" };
      return isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder" } : "secret";
    },
  }),
  custom({
    id: "terraform-state-sensitive-output", title: "Sensitive output value in a Terraform state file", provider: "Terraform", category: "generic", keywords: ['"value"'], span: 4300, confidence: "high", severity: "high",
    // terraform.tfstate (version 4) writes each output as `"value": …, "type": …, "sensitive": true`:
    // an output marked sensitive is a secret by its author's word, kept in clear in the state.
    precheck: sensitiveOutputAhead,
    pattern: /"value":[ \t]{0,4}"((?:[^"\\\r\n]|\\.){1,4096})",[ \t\r\n]{1,40}"type":[ \t]{0,4}"string",[ \t\r\n]{1,40}"sensitive":[ \t]{0,4}true/y,
    check: (s, ctx) => (TFSTATE_FILE.test(ctx.path ?? "") ? stateValue(s) : "reject"),
    reference: "https://developer.hashicorp.com/terraform/language/state/sensitive-data",
  }),
  custom({
    id: "terraform-state-random-password", title: "random_password result in a Terraform state file", provider: "Terraform", category: "generic", keywords: ['"result"'], span: 600, context: 2000, confidence: "high", severity: "high",
    // The random provider's random_password keeps the password it made in clear in the state, as
    // `result` among the instance's attributes; random_string's result is not meant as a secret.
    pattern: /"result":[ \t]{0,4}"((?:[^"\\\r\n]|\\.){1,512})"/y,
    check: (s, ctx) => {
      if (!TFSTATE_FILE.test(ctx.path ?? "")) return "reject";
      const before = textBefore(ctx, 2000);
      const type = before.lastIndexOf('"type":');
      return type >= 0 && /^"type":[ \t]{0,4}"random_password"/.test(before.slice(type)) ? stateValue(s) : "reject";
    },
    reference: "https://registry.terraform.io/providers/hashicorp/random/latest/docs/resource/password",
  }),
  custom({
    id: "htpasswd-weak-hash", title: "Fast password hash in an htpasswd file ({SHA}, $apr1$)", provider: "Apache httpd", category: "generic", keywords: [":{sha}", ":$apr1$"], span: 120, confidence: "medium", severity: "low",
    // `user:hash`, one user a line. A hash is not the password, so only the fast ones are reported,
    // and at low severity: {SHA} is one unsalted SHA-1 (precomputed tables reverse it) and $apr1$ a
    // thousand rounds of MD5, both guessed offline at billions a second. bcrypt ($2y$, htpasswd -B)
    // and SHA-crypt ($5$, $6$) are slow on purpose and are not reported, like any password hash.
    pattern: /(?<=(?:^|[\r\n])[^:\s#]{1,255}):(\{SHA\}[A-Za-z0-9+/]{27}=|\$apr1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22})(?=[ \t]*(?:[\r\n]|$))/y,
    check: (s, ctx) => {
      if (!/(?:^|\/)[^/]*htpasswd[^/]*$/i.test(ctx.path ?? "")) return "reject";
      return { verdict: "secret", note: fastHashNote(s) };
    },
    reference: "https://httpd.apache.org/docs/2.4/misc/password_encryptions.html",
  }),
  custom({
    id: "gradle-signing-password", title: "Keystore password in a Gradle signingConfig (storePassword, keyPassword) or a repository's credentials (password)", provider: "Gradle", category: "generic", keywords: ["storepassword", "keypassword", "password"], span: 200, confidence: "medium",
    precheck: groovyCallAt,
    // An Android app's build.gradle signs releases with `storePassword "…"` and `keyPassword "…"`,
    // and a repository's `credentials { username "…"; password "…" }` logs in to it: Groovy calls
    // without the `=` the assignment detectors need. With the keystore (often committed too) the
    // first sign updates as the app's publisher.
    pattern: /(?<![A-Za-z0-9_.])(?:storePassword|keyPassword|password)[ \t]{1,8}["']([^"'\r\n$]{4,128})["'](?=[ \t]{0,8}(?:[;}][^\n]{0,200}|\/\/[^\n]{0,400})?\r?(?:\n|$))/y,
    check: (s, ctx) => {
      if (!/\.gradle(?:\.kts)?$/i.test(ctx.path ?? "") || isReference(s) || opensWithSyntax(s)) return "reject";
      // `android` is the published password of Android's debug keystore.
      return s === "android" || isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password (android: the debug keystore's)" } : "secret";
    },
    reference: "https://developer.android.com/studio/publish/app-signing#secure-shared-keystore",
  }),
  custom({
    id: "openvpn-inline-password", title: "Password inline in an OpenVPN profile (<auth-user-pass>)", provider: "OpenVPN", category: "generic", keywords: ["<auth-user-pass>"], span: 320, confidence: "high",
    // OpenVPN 2.6 reads the user name and password from an inline block: its second line is the password.
    pattern: /<auth-user-pass>[ \t]*\r?\n[^\r\n<]{1,128}\r?\n([^\r\n<]{1,128})\r?\n[ \t]*<\/auth-user-pass>/y,
    check: (s) => (isReference(s) || opensWithSyntax(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret"),
    reference: "https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/",
  }),
  custom({
    id: "winscp-password", title: "Password in a WinSCP.ini session (obfuscated, not encrypted)", provider: "WinSCP", category: "generic", keywords: ["password="], span: 1100, context: 4000, confidence: "high",
    // WinSCP.ini (its portable configuration, `[Sessions\user@host]`) keeps a saved session's
    // password, and its proxy's, as hex digits of a fixed obfuscation that any script reverses; only
    // a master password (UseMasterPassword=1) encrypts them.
    pattern: /(?<=(?:^|\n)[ \t]{0,8}(?:Proxy|Tunnel)?)Password=([0-9A-F]{16,1024})(?=[ \t]*(?:\r|\n|$))/y,
    check: (_s, ctx) => {
      if (!/(?:^|\/)winscp[^/]*\.ini$/i.test(ctx.path ?? "")) return "reject";
      return /(?:^|\n)[ \t]*UseMasterPassword=1/.test(ctx.text) ? "reject" : { verdict: "secret", note: "reversible without a key" };
    },
    reference: "https://winscp.net/eng/docs/security_credentials",
  }),
  custom({
    id: "filezilla-password", title: "Password in a FileZilla site manager or recent servers file", provider: "FileZilla", category: "generic", keywords: ["<pass>", "<pass encoding="], span: 600, confidence: "high",
    // sitemanager.xml and recentservers.xml keep each server's password in `<Pass encoding="base64">`
    // (older versions in clear, `<Pass>`): base64 is an encoding, not a protection.
    pattern: /<Pass(?:[ \t]{1,4}encoding="(?:base64|crypt)")?>([^<\s]{1,512})<\/Pass>/y,
    check: (s, ctx) => {
      const crypt = ctx.match[0].includes('"crypt"');
      // A master password protects `crypt` entries: only their ciphertext is here.
      if (crypt) return "reject";
      const base64 = ctx.match[0].includes("base64");
      const text = base64 ? Buffer.from(s, "base64").toString("latin1") : s;
      if (base64 && (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || !/^[\x20-\x7e]{1,300}$/.test(text))) return "reject";
      if (isReference(text) || opensWithSyntax(text)) return "reject";
      return isDefaultPassword(text) || looksLikeGenericExample(text) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
    reference: "https://wiki.filezilla-project.org/Site_Manager",
  }),
  wholeFile({
    id: "ansible-vault-password-file", title: "Ansible Vault password file", provider: "Ansible", category: "generic", span: 300, confidence: "high", severity: "high",
    // ansible.cfg's vault_password_file (`.vault_pass`, `vault_password.txt`) holds the password of
    // every vault in the repository, alone on its first line: committed beside them, it opens them all.
    file: /(?:^|\/)\.?(?:ansible[_-])?vault[_-]?pass(?:word)?(?:[_-]?file)?(?:\.txt)?$/i,
    pattern: /[ \t]{0,8}([^\s#]{6,256})[ \t]{0,8}(?:\r?\n[ \t\r\n]{0,8})?$/,
    check: (s) => (isReference(s) || opensWithSyntax(s) || /^#!/.test(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret"),
    reference: "https://docs.ansible.com/ansible/latest/vault_guide/vault_managing_passwords.html",
  }),
  custom({
    id: "config-entry-secret", title: "Secret in a PHP define() or a .NET appSettings entry", provider: "Generic", category: "generic", keywords: ["define(", "define (", "<add "], span: 420, confidence: "low",
    // wp-config.php's define('DB_PASSWORD', '…') and salts; web.config's <add key="ApiKey" value="…" />.
    // wp-config-sample.php aligns the salts' values in a column: up to twenty blanks after the comma.
    pattern: /(?:define[ \t]{0,4}\([ \t]{0,4}["'][A-Za-z0-9_]{0,60}(?:pass|pwd|secret|token|key|salt)[A-Za-z0-9_]{0,40}["'][ \t]{0,4},[ \t]{0,20}|<add[ \t]{1,4}key[ \t]{0,4}=[ \t]{0,4}"[A-Za-z0-9_.:-]{0,60}(?:pass|pwd|secret|token|api_?key|api-key|access_?key|private_?key)[A-Za-z0-9_.:-]{0,40}"[ \t]{1,4}value[ \t]{0,4}=[ \t]{0,4})["']([^'"\r\n]{6,200})(?=["'])/iy,
    // WordPress ships 'put your unique phrase here': words and spaces are a phrase to replace, not a salt.
    check: (s, ctx) => {
      if (/^[A-Za-z]+(?: [A-Za-z]+){2,}$/.test(s)) return { verdict: "example", note: "a phrase to replace" };
      // WordPress's four salts key the HMACs of its login cookies beside the four keys: as secret as
      // they are, though `salt` elsewhere names a public value (judgeGeneric passes it over).
      if (/^define[ \t]{0,4}\([ \t]{0,4}["'](?:AUTH|SECURE_AUTH|LOGGED_IN|NONCE)_SALT["']/.test(ctx.match[0])) {
        if (looksLikeGenericExample(s)) return { verdict: "example", note: "a placeholder" };
        return s.length >= 32 && shannonEntropy(s) >= 4 ? "secret" : "reject";
      }
      return judgeGeneric(s, ctx, 8, 3);
    },
  }),
  custom({
    id: "password-call-argument", title: "Password or secret passed as a literal to a setter, a login or connect call, SetBasicAuth, JDBC getConnection or beside an API key header's name", provider: "Generic", category: "generic",
    keywords: ["password", "passwd", "passphrase", "pwd", "secret", "apikey", "api-key", "api_key", "basicauth", "getconnection", "login(", "ftp(", "ftp_tls(", "mysqldb.connect(", "pymysql.connect(", "mysqli", "mysql_connect(", "pdo(", "auth=(", "digestauth(", "smtp.start(", "ftp_login(", "ssh2_auth_password(", "simple_bind", "networkcredential(", "authenticate(", "authenticateasync(", "convertto-securestring"], span: 700, confidence: "low",
    // Each form starts at its keyword, where the scan runs the pattern: a setter or builder of a
    // credential (`ds.setPassword("…")`, `.withClientSecret("…")`), Go's `req.SetBasicAuth("user",
    // "…")`, an API key header set by name and value (`Headers.Add("X-API-KEY", "…")`), and the
    // calls whose documented signature puts the password after the user (and host): Java's
    // `DriverManager.getConnection(url, "user", "…")` and `new PasswordAuthentication("user", "…")`;
    // Python's `smtplib`/`ftplib`/`imaplib` `.login("user", "…")`, `ftplib.FTP(host, user, passwd)`,
    // `MySQLdb.connect(host, user, passwd)`, requests' `auth=("user", "…")` and `HTTPBasicAuth`,
    // Elasticsearch's and OpenSearch's `http_auth=(…)`, python-ldap's `simple_bind_s(who, cred)`;
    // PHP's `mysqli_connect(host, user, pw)`, `new PDO(dsn, user, pw)`, `ftp_login($c, user, pw)`,
    // `ssh2_auth_password($c, user, pw)`; Ruby's `Net::SMTP.start(address, port, helo, user, secret)`;
    // .NET's `new NetworkCredential(user, password[, domain])` and MailKit's `client.Authenticate(user, password)` (or `AuthenticateAsync`);
    // PowerShell's `ConvertTo-SecureString "…" -AsPlainText`.
    pattern: new RegExp(
      `(?:(?<=(?<![A-Za-z0-9_])(?:set|Set|with|With)(?:[A-Z][a-z]{1,12}){0,3})(?:Password|Passwd|Passphrase|Pwd|Secret|ApiKey)[ \\t]{0,4}\\(` +
        `|(?<=[sS]et)[Bb]asic[Aa]uth[ \\t]{0,4}\\(${STR_ARG}` +
        `|(?<="(?:[Xx]-)?)[Aa][Pp][Ii][-_]?[Kk][Ee][Yy]"[ \\t]{0,4},` +
        `|(?<=\\.)getConnection[ \\t]{0,4}\\([ \\t]{0,4}(?:"[^"\\r\\n]{1,300}"|[A-Za-z_][A-Za-z0-9_.]{0,80})[ \\t]{0,4},${STR_ARG}` +
        `|(?<=new[ \\t]{1,4})PasswordAuthentication[ \\t]{0,4}\\(${STR_ARG}` +
        `|(?<=new[ \\t]{1,4}(?:System\\.Net\\.)?)NetworkCredential[ \\t]{0,4}\\(${STR_ARG}` +
        `|(?<=\\.)Authenticate(?:Async)?[ \\t]{0,4}\\(${STR_ARG}` +
        `|ConvertTo-SecureString[ \\t]{1,4}(?:-String[ \\t]{1,4})?` +
        `|(?<=\\.)login[ \\t]{0,4}\\(${STR_ARG}` +
        `|(?<![A-Za-z0-9_])FTP(?:_TLS)?\\(${STR_ARG}${STR_ARG}` +
        `|(?:MySQLdb|pymysql)\\.connect\\(${STR_ARG}${STR_ARG}` +
        `|(?:mysqli(?:_connect)?|mysql_connect)[ \\t]{0,4}\\(${STR_ARG}${STR_ARG}` +
        `|PDO[ \\t]{0,4}\\([ \\t]{0,4}(?:"[^"\\r\\n]{1,300}"|'[^'\\r\\n]{1,300}'|\\$[A-Za-z_][A-Za-z0-9_]{0,60})[ \\t]{0,4},${STR_ARG}` +
        `|(?<=(?:^|[^A-Za-z0-9_])(?:http_)?)auth=\\(${STR_ARG}|(?<=HTTP|aiohttp\\.)(?:Basic|Digest)Auth\\(${STR_ARG}` +
        `|simple_bind(?:_s)?[ \\t]{0,4}\\(${STR_ARG}` +
        `|SMTP\\.start\\((?:[ \\t]{0,4}(?:'[^'\\r\\n]{0,128}'|"[^"\\r\\n]{0,128}"|[0-9]{1,5}|nil)[ \\t]{0,4},){4}` +
        `|(?:ftp_login|ssh2_auth_password)[ \\t]{0,4}\\([ \\t]{0,4}\\$[A-Za-z_][A-Za-z0-9_]{0,60}[ \\t]{0,4},${STR_ARG})` +
        `[ \\t]{0,4}["']([^"'\\s\\\\]{4,128})["'](?=[ \\t]{0,4}[),]|\\.toCharArray\\(\\)|[ \\t]{1,4}-AsPlainText)`,
      "y",
    ),
    check: (s, ctx) => {
      // Only a positional call takes more arguments after the password (the database, an auth type).
      const end = ctx.index + ctx.match[0].length;
      if (/^[ \t]{0,4},/.test(ctx.text.slice(end, end + 8)) && !POSITIONAL_CALL.test(ctx.match[0])) return "reject";
      if (isReference(s) || opensWithSyntax(s) || isPasswordHash(s)) return "reject";
      if (isDefaultPassword(s) || looksLikeGenericExample(s) || isFieldName(s) || wordsValue(s) !== undefined) return { verdict: "example", note: "a placeholder or default password" };
      // A secret or key (not a password) is a token's shape: long and varied, not a word.
      if (/^(?:Secret|[Aa][Pp][Ii][-_]?[Kk][Ee][Yy])/.test(ctx.match[0]) && (s.length < 12 || shannonEntropy(s) < 3.5 || charClasses(s) < 2)) return "reject";
      return s.length >= 6 && shannonEntropy(s) >= 2.5 ? "secret" : "reject";
    },
  }),
  custom({
    id: "secret-beside-its-name-argument", title: "Password or secret passed beside its name to a setter, or as the default of an environment or configuration lookup", provider: "Generic", category: "generic",
    keywords: ["pass", "pwd", "secret", "token", "api_key", "apikey", "api-key"], span: 400, context: 1500, confidence: "low", precheck: pairOrFallbackAhead,
    // A name and its value as two string arguments (`props.put("mail.smtp.password", "…")`,
    // `os.Setenv("DB_PASSWORD", "…")`), and a lookup's default, which is what runs wherever the
    // variable is unset (`os.getenv("DB_PASSWORD", "…")`, `ENV.fetch("SECRET_KEY", "…")`, Laravel's
    // `env('DB_PASSWORD', '…')`, `process.env.JWT_SECRET || "…"`, `os.getenv("X") or "…"`).
    pattern: new RegExp(`(?:${PAIR_LEAD}${SECRET_NAME_WORD}[A-Za-z0-9_.\\-]{0,40}["'][ \\t]{0,4},[ \\t]{0,4}|${FALLBACK_LEAD}${SECRET_NAME_WORD}[A-Za-z0-9_]{0,40}(?:["'][\\])])?[ \\t]{0,4}(?:\\|\\||\\?\\?|\\?:|or)[ \\t]{0,4})["']([^"'\\s\\\\]{4,128})(?=["'][ \\t]{0,4}[),;\\r\\n]|["']$)`, "y"),
    // A password is judged as an assigned one is; a secret, a token or an API key must read as random.
    // (`directive`: the name may end in a word, ` or "…"`, which is no blank-separated assignment.)
    check: (s, ctx) => (/^(?:[Pp][Aa][Ss][Ss]|[Pp][Ww][Dd])/.test(ctx.match[0]) ? judgeGeneric(s, ctx, 6, 2.5, true) : judgeGeneric(s, ctx, 16, 3.5, true)),
  }),
  custom({
    id: "xml-property-secret", title: "Secret in an XML property's value (Spring beans, Java EE resources)", provider: "Generic", category: "generic",
    keywords: ["<property", "<entry", "<param", "<constructor-arg"], span: 420, confidence: "low",
    // Spring's `<property name="password" value="…"/>` and the same `name`/`key` and `value` pair of other XML configurations.
    pattern: /<(?:property|entry|parameter|param|constructor-arg)[ \t]{1,4}(?:name|key)[ \t]{0,4}=[ \t]{0,4}"[A-Za-z0-9_.:-]{1,100}"[ \t]{1,4}value[ \t]{0,4}=[ \t]{0,4}"([^"\r\n]{4,200})(?=")/y,
    check: (s, ctx) => {
      const name = /"([A-Za-z0-9_.:-]{1,100})"/.exec(ctx.match[0])?.[1] ?? "";
      if (!/pass|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key/i.test(name) || NOT_A_SECRET_NAME.test(`${name}=`)) return "reject";
      if (isReference(s) || opensWithSyntax(s) || s.startsWith("#{") || isPasswordHash(s)) return "reject";
      if (isDefaultPassword(s) || looksLikeGenericExample(s) || isFieldName(s) || wordsValue(s) !== undefined) return { verdict: "example", note: "a placeholder or default value" };
      return s.length >= 6 && shannonEntropy(s) >= 2.5 && !/\s/.test(s) ? "secret" : "reject";
    },
  }),
  custom({
    id: "android-string-resource-secret", title: "API key, secret or token in an Android string resource or a Gradle build field", provider: "Android", category: "generic",
    keywords: ["<string name=", "buildconfigfield", "resvalue"], span: 500, confidence: "low",
    // `res/values/strings.xml`'s `<string name="api_key">…</string>`, and the values Gradle compiles
    // into the app (`buildConfigField "String", "API_KEY", "\"…\""`, `resValue "string", "api_secret", "…"`):
    // either ships inside every copy of the app, and sits in the repository in clear.
    pattern: /(?:<string[ \t]{1,4}name[ \t]{0,4}=[ \t]{0,4}"[A-Za-z0-9_.]{1,100}"(?:[ \t]{1,4}[A-Za-z:]{1,40}[ \t]{0,4}=[ \t]{0,4}"[^"\r\n]{0,40}"){0,3}[ \t]{0,4}>|(?:buildConfigField|resValue)[ \t]{0,4}\(?[ \t]{0,4}["'][A-Za-z.]{1,40}["'][ \t]{0,4},[ \t]{0,4}["'][A-Za-z0-9_.]{1,100}["'][ \t]{0,4},[ \t]{0,4}["'](?:\\")?)([^"'<>\s\\]{16,200})(?=<\/string>|(?:\\")?["'])/y,
    check: (s, ctx) => {
      const name = /(?:name[ \t]{0,4}=[ \t]{0,4}"|,[ \t]{0,4}["'])([A-Za-z0-9_.]{1,100})["']/.exec(ctx.match[0])?.[1] ?? "";
      // A key, a secret or a token by its name (`google_maps_key`, `client_secret`); an id, a name or a URL is public.
      if (!/secret|token|api_?key|apikey|access_?key|auth_?key|private_?key|client_?key|_key$|^key$/i.test(name) || NOT_A_SECRET_NAME.test(`${name}=`)) return "reject";
      if (isReference(s) || opensWithSyntax(s) || s.startsWith("@")) return "reject";
      if (looksLikeGenericExample(s) || isFieldName(s) || wordsValue(s) !== undefined) return { verdict: "example", note: "a placeholder" };
      return shannonEntropy(s) >= 3.5 && charClasses(s) >= 2 ? "secret" : "reject";
    },
  }),
  custom({
    id: "xml-password-element", title: "Password or passphrase in an XML element (Maven settings.xml, Icecast, app configs)", provider: "Generic", category: "generic",
    keywords: ["password>", "passwd>", "passphrase>"], span: 300, confidence: "low",
    precheck: xmlOpeningTagAt,
    // Maven's `<password>` and a GPG key's `<passphrase>`; Icecast names its passwords by role
    // (`<source-password>`, `<admin-password>`); a pom.xml's properties by dotted names
    // (`<gpg.passphrase>`, `<jdbc.password>`), others in camelCase (`<keystorePassword>`). Each
    // repetition of the name's parts ends with its separator, so a name is read one way only.
    pattern: /(?<=<(?:[a-z][a-z0-9]{0,30}[.-]){0,3}[a-z0-9]{0,30})(?:password|passwd|passphrase)>[ \t]{0,4}([^<\s]{4,200})[ \t]{0,4}<\/(?:[a-z][a-z0-9]{0,30}[.-]){0,3}[a-z0-9]{0,30}(?:password|passwd|passphrase)>/iy,
    // `${env.PASSWORD}` is filled in at build time, `{…}` is Maven's encrypted form: neither is the password.
    check: (s, ctx) => {
      if (isReference(s) || /^[$%]|^\{[A-Za-z0-9+/=]{8,}\}$/.test(s) || isPasswordHash(s)) return "reject";
      // An element that names a hash, a rule or a form's field (`<passwordHash>` is not read: the keyword ends the name) is not a password.
      const name = /<([A-Za-z0-9.-]{0,100})$/.exec(textBefore(ctx, 110))?.[1] ?? "";
      if (/hash|salt|digest|encrypt|encoded|policy|reset|forgot|hint|label|field|prompt|placeholder/i.test(name)) return "reject";
      // A setting about passwords (IAM's `<AllowUsersToChangePassword>true</…>`, `<RequirePassword>`) holds a flag or a number.
      if (/^(?:true|false|yes|no|on|off|null|nil|none|[0-9]{1,6})$/i.test(s) || /allow|require|enable|reuse|expir/i.test(name)) return "reject";
      return isDefaultPassword(s) || looksLikeGenericExample(s) || isFieldName(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret";
    },
  }),
  custom({
    id: "haproxy-password", title: "Password in an HAProxy configuration (stats auth, userlist insecure-password)", provider: "HAProxy", category: "generic",
    keywords: ["stats auth", "insecure-password"], span: 400, confidence: "medium",
    // `stats auth <user>:<password>` protects the statistics page; a userlist's `user <name>
    // insecure-password <password>` is a clear-text password (`password` takes a crypt(3) hash).
    pattern: /(?:(?<=(?:^|[\r\n])[ \t]{0,20})stats[ \t]{1,8}auth[ \t]{1,8}[^\s:#]{1,64}:|(?<=(?:^|[\r\n])[ \t]{0,20}user[ \t]{1,8}[^\s#]{1,64}[ \t]{1,8})insecure-password[ \t]{1,8})["']?([^\s"'#]{1,128})["']?(?=\s|$)/y,
    check: (s) => (isReference(s) || opensWithSyntax(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret"),
    reference: "https://docs.haproxy.org/3.0/configuration.html#4-stats%20auth",
  }),
  custom({
    id: "postfix-sasl-password", title: "Password in a Postfix SASL password map (sasl_passwd)", provider: "Postfix", category: "generic",
    keywords: ["]:25", "]:465", "]:587", "]:2525"], span: 400, confidence: "medium",
    // `[relay.example.net]:587 user@example.net:password`, one relay a line (smtp_sasl_password_maps):
    // the bracketed host and submission port start the line, the password follows the user's colon.
    pattern: /(?<=(?:^|[\r\n])[ \t]{0,8}\[[^\]\s]{1,253})\]:(?:25|465|587|2525)[ \t]{1,8}[^\s:#]{1,128}:([^\s#]{1,128})(?=\s|$)/y,
    check: (s) => (isReference(s) || opensWithSyntax(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder or default password" } : "secret"),
    reference: "https://www.postfix.org/SASL_README.html#client_sasl_enable",
  }),
  custom({
    id: "cli-password-argument", title: "Password passed on a command line (sshpass -p, mysql -p…, redis-cli -a, sqlcmd -P, ldapsearch -w, openssl pass:, keytool -storepass, --password, --token)", provider: "Command line", category: "generic",
    keywords: ["sshpass", "mysql", "redis-cli", "sqlcmd", "ldap", "pass:", "storepass", "keypass", "--pass", "--token", "--secret", "--client-secret", "--api-key", "--apikey", "--access-token", "--auth-token"], span: 500, confidence: "medium", priority: 3,
    // mysql's password is glued to -p (`-p secret` prompts, and `secret` is the database); the
    // others take it as the next word (sqlcmd and ldapsearch also glued); openssl's -passin,
    // -passout and -password take `pass:VALUE` (env:, file: and stdin name where it is instead);
    // a long option (`helm repo add --password P`) takes the next word (`--password=P` is an
    // assignment). Values are printable ASCII without quotes or backticks (Markdown's code marks).
    pattern: new RegExp(
      `(?:sshpass[ \\t]{1,4}-p[ \\t]{0,4}|mysql(?:dump|admin|import|sh|check)?\\b[^\\n]{0,200}?[ \\t]-p|redis-cli\\b[^\\n]{0,200}?[ \\t](?:-a|--pass)[ \\t]{1,4}` +
        `|(?:sqlcmd|bcp)\\b[^\\n]{0,200}?[ \\t]-P[ \\t]{0,4}|ldap(?:search|add|modify|delete|compare|passwd|whoami|exop)\\b[^\\n]{0,200}?[ \\t]-w[ \\t]{0,4}` +
        `|(?<=-pass(?:in|out|word)?[ \\t]{1,4})pass:|(?<=[ \\t]-(?:src|dest)?)(?:store|key)pass[ \\t]{1,4}` +
        `|(?<![A-Za-z0-9-])--(?:password|passwd|pass|client-secret|secret|token|api-key|apikey|access-token|auth-token)[ \\t]{1,4})["']?([!#-&(-,.-_a-~][!#-&(-_a-~]{2,127})["']?(?=\\s|;|$)`,
      "y",
    ),
    check: (s, ctx) => {
      if (isReference(s) || opensWithSyntax(s)) return "reject";
      if (isDefaultPassword(s) || looksLikeGenericExample(s) || isFieldName(s)) return { verdict: "example", note: "a placeholder or default password" };
      const flag = /^--[a-z-]+/.exec(ctx.match[0])?.[0];
      // A long option's value of a few characters is an example in prose; `id=x,src=y` is a
      // specification (`docker build --secret id=npm,src=.npmrc`), not the secret.
      if (flag && (s.length < 6 || /^[a-z]{1,12}=/.test(s))) return "reject";
      // `aws apigateway get-api-key --api-key ID` names a key by its id; the value is never on the command line.
      if (flag === "--api-key" && /(?:^|[\s;&|])aws[ \t]{1,4}apigateway[ \t]/.test(lineOf(ctx))) return "reject";
      // After mysql, or after a long option, a short word of letters is more likely another tool's
      // option (`-pthread`) or prose (`--pass through`) than a password.
      if ((flag || ctx.match[0].startsWith("mysql")) && /^[A-Za-z]{1,9}$/.test(s)) return "reject";
      // A token or key given as an option is a token's shape, not a word.
      if (flag && !/pass/.test(flag) && (s.length < 16 || shannonEntropy(s) < 3.5 || charClasses(s) < 2)) return "reject";
      return "secret";
    },
  }),
  custom({
    id: "curl-user-password", title: "Password passed to curl with -u", provider: "curl", category: "generic", keywords: ["curl "], span: 600, confidence: "medium",
    // An unquoted backtick starts a command substitution in a shell, so no password holds one: in
    // prose it closes a code span (`curl -u AC…:…`, in docs and comments).
    pattern: /curl [^\n]{0,400}?(?:-u|--user)[ \t]{1,4}["']?[^\s:"'\x60]{1,64}:([^\s"'@\x60]{3,128})["']?(?=\s|$)/y,
    check: (s) => (isReference(s) || /^[$%{<]/.test(s) ? "reject" : isDefaultPassword(s) || looksLikeGenericExample(s) ? { verdict: "example", note: "a placeholder" } : "secret"),
  }),
];
