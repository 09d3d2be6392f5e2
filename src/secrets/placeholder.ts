// Values that look like credentials but are not: references to where the real value lives
// (dropped), and examples or placeholders (reported at most as info).

/**
 * Example values the providers publish in their own documentation. They are in thousands of
 * READMEs and tutorials and open nothing.
 */
const DOCUMENTED = new Set([
  // AWS: IAM user guide and CLI docs.
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  "ASIAIOSFODNN7EXAMPLE",
  // OAuth 2.0 (RFC 6749): the example client credentials, code and tokens of its sections 1.5,
  // 2.3.1 and 4.1, copied into every OAuth library's docstrings and tests.
  "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
  "czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3",
  "s6BhdRkqt3:gX1fBat3bV",
  "s6BhdRkqt3:7Fjfp0ZBr1KtDRbnfVdmIw",
  "gX1fBat3bV",
  "7Fjfp0ZBr1KtDRbnfVdmIw",
  "SplxlOBeZQQYbYS6WxSbIA",
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  // OAuth 1.0 (RFC 5849, section 3.5.1): the example consumer key and token.
  "0685bd9184jfhq22",
  "ad180jjd733klru7",
  // RFC 4122's example UUID, which API documentation writes for any id or token.
  "123e4567-e89b-12d3-a456-426614174000",
  // Stripe: the test-mode key its API reference filled into every example request for years.
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  // Slack: the bot token of its API documentation's examples.
  "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
  // Discord: the bot token of its developer documentation's `Authorization: Bot …` example.
  "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
  // Telegram: the token of the Bot API documentation's examples.
  "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
  // JetBrains: the permanent token of YouTrack's REST API examples (the user `root`, the token `token`).
  "perm:cm9vdA==.dG9rZW4=.rNZ38ije7uiWwnUTRDdyFDdUkoPUPi",
  // Mailgun: the API key of its documentation's curl and SDK examples.
  "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
  // Azure Storage emulator (Azurite): a fixed, published development key.
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  // Azure Cosmos DB emulator: the fixed key its documentation publishes (every emulator has it;
  // Testcontainers' Cosmos DB module and many test suites use it).
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
]);

/** True for a value published as an example in a provider's documentation. */
export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED.has(value);
}

/**
 * OAuth client secrets of installed applications, which their vendor ships inside the application
 * and so publishes: an installed app cannot keep a secret (RFC 8252, section 8.5). gcloud writes
 * them into every application_default_credentials.json beside the refresh token, which is the
 * credential there.
 */
const PUBLISHED_CLIENT_SECRETS = new Set([
  // gcloud's application-default-credentials client (google-cloud-sdk, googlecloudsdk/core/config.py).
  "d-FL95Q19q7MQmFpd7hHD0Ty",
  // gcloud's own client, which its source names CLOUDSDK_CLIENT_NOTSOSECRET.
  "ZmssLNjJy2998hD4CTg2ejr2",
]);

/** True for a client secret its vendor publishes inside an installed application (gcloud's). */
export function isPublishedClientSecret(value: string): boolean {
  return PUBLISHED_CLIENT_SECRETS.has(value);
}

// Words that mark a value as a stand-in (`...` and `…`: a value elided in documentation; the hex
// digits in order, whole or cut as a UUID: `01234567-89ab-cdef-0123-456789abcdef`). Bounded
// alternation of literals: linear.
const PLACEHOLDER_WORDS = /example|sample|dummy|placeholder|changeme|change_me|change-me|change[_-]?this|change[_-]?in[_-]?prod|replace_?me|redacted|your[_-]?(?:[a-z]{1,12}[_-]){0,3}(?:api|access|secret|own|token|key|password|pass|name)|insert[_-]?your|put[_-]?your|fake|lorem|ipsum|not[ _-]?a[ _-]?real|xxxx|\*\*\*\*|\.\.\.|…|0{8}|1234567890|3456789abcdef|01234567-89ab-cdef|abcdefgh|qwerty/i;

// Shorter marks, for values without a provider's format only: a 150-character random token holds
// `foo` about once in two hundred, so a provider's key is never judged by them; a password or a
// generic secret that holds them is far likelier a stand-in (`foo:bar`, `abcdef123`, `ContainerScopedFoo`,
// `abcd1234defg5678`, `a1b2c3d4…`, keyboard runs such as `2kjshdfp92i34asdasd`, `not-re@l`), and so is one that spells the word password (`generatedwebdavpassword1`,
// `SomeKindOfPassword123!@#`, `Pass@Word1`, `P@55w0rd`, `kmsPswd`), as API references write them.
// So does one that tells the reader what to put there, words joined by separators as a
// `.env.example` writes them: `a-very-long-random-string`, `replace_with_random_string`,
// `32-character-encryption-key-here`, `min-32-chars`.
const WEAK_PLACEHOLDER = /foo|abcd|1234|a1b2c3|1a2b3c|asdf|asdasd|zxcv|not[_-]?re[a@4]l|p[a@4][s5$]{2}[^A-Za-z0-9]?w(?:[o0]r)?d|pswd|random[_ -](?:[a-z]{1,12}[_ -])?(?:string|value|chars?|characters|bytes|text|phrase|secret|key|token)|[_ -](?:goes[_ -])?here$|^(?:replace|generate|insert|enter|paste|fill)[_ -](?:with|a|an|in|your|the|this|me|it)(?:[_ -]|$)|[0-9]{1,3}[_ -]?(?:char(?:acter)?s?|bytes?)[_ -]|(?:^|[_ -])(?:at[_ -]least|min(?:imum)?)[_ -][0-9]/i;

/**
 * True when a candidate looks like a stand-in: the documented examples, words such as EXAMPLE
 * or changeme, runs of x or *, one character repeated, or an ascending run like 1234567890.
 */
export function looksLikeExample(value: string): boolean {
  if (isDocumentedExample(value)) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  return lowVariety(value);
}

/** As `looksLikeExample`, also with the shorter marks that only a value without a provider's format is judged by. */
export function looksLikeGenericExample(value: string): boolean {
  return looksLikeExample(value) || WEAK_PLACEHOLDER.test(value);
}

/** Per character code below 256, how often it occurs in the value lowVariety is counting (reset after each). */
const BYTE_COUNTS = new Int32Array(256);

/** One character (or two) making up nearly all of a long value: `aaaaaaaa`, `00000000-0000-…`. */
function lowVariety(value: string): boolean {
  if (value.length < 8) return false;
  // Every value the scanner reads is latin1 (one character a byte): counted in a table, not a Map
  // (this runs for every candidate judged, and a Map per value was most of a masking rescan's time).
  let distinct = 0;
  let most = 0;
  let i = 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 255) break;
    const n = (BYTE_COUNTS[c] as number) + 1;
    BYTE_COUNTS[c] = n;
    if (n === 1) distinct++;
    if (n > most) most = n;
  }
  for (let j = 0; j < i; j++) BYTE_COUNTS[value.charCodeAt(j)] = 0;
  if (i === value.length) return most >= value.length * 0.6 || distinct <= 2;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const top = [...counts.values()].sort((a, b) => b - a);
  return (top[0] ?? 0) >= value.length * 0.6 || counts.size <= 2;
}

// A reference to the secret rather than the secret: ${VAR}, {{ secrets.X }}, <password>, %(x)s,
// projects/P/secrets/S (Google Secret Manager), $VAR (or \$VAR, escaped inside a shell string), #{Var}# (Octopus, Ruby), {self.password} (an f-string or format field), process.env.X, os.environ[...], ENV["X"], vault:..., ENC[...],
// the tokens a build or release step replaces (`@@PASSWORD@@`; autoconf's and CMake's `@DB_PASSWORD@`).
const REFERENCE = /^projects\/[^/\s]{1,100}\/secrets\/|^\{[A-Za-z_][\w.]{0,60}(?:\[[\w'"]{0,40}\])?(?:![rsa])?(?::[^}]{0,20})?\}|^\\?\$\{|^\\?\$\(|^\\?\$[A-Za-z_]|\{\{|\}\}|^<[^>]{0,80}>$|^\[[^\]]{0,80}\]$|^%\(|^%[sd]$|^%[A-Za-z_]{1,40}%$|^@@[A-Za-z_][A-Za-z0-9_.-]{0,60}@@$|^#\{[^}]{1,80}\}#?$|process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|ENV\[|env\(|System\.getenv|secrets\.|^vault:|^ENC\[|^!vault|^arn:aws(?:-[a-z]{2,10}){0,2}:|^sm:\/\/|^ref\+|^@Microsoft\.KeyVault/i;

/** True when a value opens with template or documentation syntax (`$PASS`, `%s`, `{x}`, `<password>`, `[path]`, `***`) rather than a character of a secret. */
export function opensWithSyntax(value: string): boolean {
  return /^[$%{<[*]/.test(value);
}

/** Autoconf's and CMake's substitutions (`@DB_PASSWORD@` in a `.in` template): in capitals only, as a password in lower case is a password. */
const SUBSTITUTION = /^@[A-Z][A-Z0-9_]{2,60}@$/;

/** True when the value names where a secret comes from (an environment variable, a template, a vault) instead of holding it. */
export function isReference(value: string): boolean {
  return REFERENCE.test(value) || SUBSTITUTION.test(value);
}

/** Well-known default passwords: committed, they are a weak default rather than a leaked secret. */
const DEFAULT_PASSWORDS = new Set(["password", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "changeme", "changeit", "notasecret", "admin", "administrator", "root", "toor", "secret", "s3cret", "s3cr3t", "mysecret", "supersecret", "topsecret", "mypassword", "yourpassword", "letmein", "123456", "12345678", "123456789", "qwerty", "default", "guest", "postgres", "mysql", "test", "testing", "pass", "user", "demo", "hunter2", "foo", "bar", "baz", "foobar", "abc", "anonymous", "anon", "anoncvs", "ftp", "xyzzy", "geheim", "secure", "hackme",
  // kube-prometheus-stack's Grafana admin password, in its published values.yaml and every copy of it.
  "prom-operator"]);

/**
 * True for a well-known default or demonstration password, also with a few digits or marks after
 * it (`secret123`, `admin!`), or words of them among marks and digits (`geheim$parole`, the urllib
 * docs' example; `#pass`, Python's netrc tests).
 */
export function isDefaultPassword(value: string): boolean {
  // FTP's anonymous convention writes `-anonymous@` or `guest@`: marks on either side.
  const lower = value.toLowerCase().replace(/^[-_.]/, "");
  if (DEFAULT_PASSWORDS.has(lower) || DEFAULT_PASSWORDS.has(lower.replace(/[0-9!@#$%^&*._-]{1,4}$/, ""))) return true;
  if (value.length > 60) return false;
  const words = utf8Text(lower).split(/[^\p{L}]+/u).filter((w) => w !== "");
  // One word alone must be a default itself: the word "password" in another language alone is a label.
  return words.every((w) => DEFAULT_PASSWORDS.has(w) || PASSWORD_WORDS.has(w)) && (words.length >= 2 || DEFAULT_PASSWORDS.has(words[0] ?? ""));
}

/**
 * The name of what belongs there, written where the value should be: `https://user:token@host`,
 * `password: "password"`, `key_password="keyfile_password"`, `pass pass`, `proxyuser:proxypass`. Up to four words of the
 * vocabulary of credential fields, one of them naming the secret itself.
 */
const FIELD_NAME = /^(?:(?:my|your|the|some|db|user|admin|app|api|access|auth|client|keyfile|key|private|secret|pass|password|passwd|passphrase|pwd|token|pat|oauth|personal|credentials?|proxy|ftp|smtp|mail|login|service|repo)[\s_.#+-]?){1,4}$/i;
const SECRET_WORD = /pass|pwd|secret|token|key|credential|^pat$/i;

/** True when a value is just the name of the field it stands in for, perhaps with a short counter (`key_1234`, `token2`). */
export function isFieldName(value: string): boolean {
  const name = value.replace(/[_-]?\d{1,4}$/, "");
  return value.length <= 40 && name !== "" && FIELD_NAME.test(name) && SECRET_WORD.test(name);
}

/**
 * The word "password" (and "passphrase") in the languages apps are translated into most: the value
 * of a `password` key in a translation table or a form's labels is the label, not a password.
 */
const PASSWORD_WORDS = new Set([
  "passwort", "kennwort", "contraseña", "contrasena", "contrasenya", "senha", "motdepasse", "wachtwoord", "hasło", "haslo",
  "lösenord", "losenord", "adgangskode", "kodeord", "passord", "salasana", "salasõna", "parool", "parola", "parolă", "heslo", "jelszó",
  "jelszo", "şifre", "sifre", "geslo", "lozinka", "slaptažodis", "parole", "lykilorð", "sandi", "katalaluan", "κωδικός", "пароль",
  "лозинка", "парола", "密码", "密碼", "口令", "パスワード", "비밀번호", "암호", "รหัสผ่าน", "סיסמה", "סיסמא", "گذرواژه", "पासवर्ड",
]);

/** True when a value is the word "password" in another language, as translation files and form labels hold it. */
export function isPasswordWord(value: string): boolean {
  return value.length <= 60 && PASSWORD_WORDS.has(utf8Text(value).toLowerCase().replace(/[\s:：]+$/u, ""));
}

/** True when a value is one word of text (any script), as translation tables hold: no digits, no symbols of a key. */
export function isTextWord(value: string): boolean {
  // 40 characters of text are at most 120 bytes of UTF-8, as the scanner hands them over.
  return value.length <= 120 && /^[\p{L}\p{M}'’.!?:-]{1,40}$/u.test(utf8Text(value));
}

/** The scanner reads bytes as Latin-1, so a UTF-8 word arrives one byte per character: this is its text. */
function utf8Text(value: string): string {
  if (!/[\x80-\xff]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  const text = Buffer.from(value, "latin1").toString("utf8");
  // Not UTF-8 (a Latin-1 file): the characters are the text already.
  return text.includes("\ufffd") ? value : text;
}

/** Paths of translation tables (gettext, XLIFF, .NET resources, Apple strings, Flutter ARB, locales/ folders): their values are text people read. */
export const TRANSLATION_FILE = /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?)\/|\.(?:po|pot|xlf|xliff|resx|strings|arb)$|(?:^|\/)messages(?:_[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)?\.properties$/i;

/** Parts of an identifier that mark a test or stand-in value: `dataStoreTestQuery`, `mock_api_token`. */
const STAND_IN_PART = /^(?:test|tests|testing|example|sample|dummy|fake|mock|stub|placeholder)$/i;

/** True when an identifier has a part that names a test or a stand-in (`dataStoreTestQuery`, `mock_api_token`). */
export function hasStandInPart(value: string): boolean {
  return value.split(/[_-]|(?=[A-Z][a-z])/).some((p) => STAND_IN_PART.test(p));
}

/**
 * How a value written as words reads: `name` for an environment variable's or constant's name
 * (`GOOGLE_APPLICATION_CREDENTIALS`) or a module path (`google.oauth2.credentials.Credentials`),
 * `stand-in` for words that name a credential or a test (`correct_password`,
 * `access_token_for_reauth`, `dataStoreTestQuery`, `HEADER.PAYLOAD.SIGNATURE`), else undefined. Random credentials have digits or no word structure; these have only letters.
 */
export function wordsValue(value: string): "name" | "stand-in" | undefined {
  if (value.length > 80) return undefined;
  if (/^HEADER\.[A-Z_]{0,40}\.SIGNATURE$/i.test(value)) return "stand-in";
  if (/^[A-Z]{2,}(?:_[A-Z]{2,}){1,8}$/.test(value)) return "name";
  // An HTTP header's name (Access-Control-Allow-Credentials, X-Api-Key).
  if (/^(?:X-)?[A-Z][a-z]{1,20}(?:-[A-Z][a-z]{1,20}){1,6}$/.test(value)) return "name";
  // A module or attribute path (google.oauth2.credentials.Credentials, settings.SECRET_KEY), a
  // namespace, a domain or a resource path (roles/iam.serviceAccountTokenCreator,
  // run.googleapis.com/secrets, storage/v1): code, even in a configuration file. Segments are
  // letters with at most a few digits at their end; random keys interleave digits.
  if (/^[A-Za-z_][A-Za-z_-]{1,40}[0-9]{0,3}(?:[./\\:](?:[A-Za-z_][A-Za-z_-]{1,40}[0-9]{0,3}|v[0-9]{1,2})){1,8}$/.test(value)) return "name";
  // A command-line option (--with_passphrase).
  if (/^--?[a-z][a-z0-9_-]{1,60}$/.test(value)) return "name";
  let parts: string[] | undefined;
  // snake_case and kebab-case words, a version or a short number at their end (google_oauth2_credentials, x-amz-security-token).
  if (/^[a-z]{1,}[0-9]{0,2}(?:[_-][a-z]{1,}[0-9]{0,2}){1,8}$/.test(value) && /[a-z]{2}/.test(value)) parts = value.split(/[_-]/);
  // Constant-style words with a lower-case tail (CLOUDSDK_PROXY_PASSWORD_value).
  else if (/^[A-Z]{2,}(?:_[A-Z]{2,}){0,8}(?:_[a-z]{2,}){1,3}$/.test(value)) parts = value.split("_");
  // camelCase and PascalCase identifiers, private ones (`_EllipticCurvePrivateKey`, a Python type named in quotes) too.
  else if (/^_{0,2}(?:[a-z]{2,}|[A-Z][a-z]{2,})(?:[A-Z][a-z]{2,}){1,6}$/.test(value)) parts = value.replace(/^_+/, "").split(/(?=[A-Z])/);
  if (!parts) return undefined;
  return parts.some((p) => STAND_IN_PART.test(p) || SECRET_WORD.test(p)) ? "stand-in" : undefined;
}
