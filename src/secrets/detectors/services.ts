// Software-as-a-service APIs: payments, messaging and e-mail, AI models, monitoring, productivity.
import { ALNUM, ALNUM_BYTE, B64, B64URL, HEX, UUID, byteTable, custom, keyName, keyed, prefixed, textAround, textBefore, wholeFile, type CandidateContext, type Detector, type Verdict } from "../detector.js";
import { shannonEntropy } from "../entropy.js";
import { looksLikeExample } from "../placeholder.js";

/** Discord bot tokens start with the bot's user id (a snowflake) in base64. */
function discordBot(secret: string): Verdict {
  const id = Buffer.from(secret.split(".")[0] ?? "", "base64").toString("latin1");
  return /^\d{17,20}$/.test(id) ? "secret" : "reject";
}

/**
 * The byte test of a call whose first argument is a quoted string: after the keyword (which ends
 * with the opening parenthesis) at most four blanks, a quote, and a first character that `lead`
 * accepts. Most `.run(` calls in code end here.
 */
function quotedLead(lead: RegExp): NonNullable<Detector["precheck"]> {
  return (bytes, at, len) => {
    let i = at + len;
    const stop = Math.min(bytes.length, i + 4);
    while (i < stop && (bytes[i] === 32 || bytes[i] === 9)) i++;
    const quote = bytes[i];
    if (quote !== 34 && quote !== 39 && quote !== 96) return false;
    const next = bytes[i + 1];
    return next !== undefined && lead.test(String.fromCharCode(next));
  };
}

/** The byte test of a Twilio API key SID: `SK` in capitals, alone, and 32 hex digits after it. */
const HEX_BYTE = byteTable((c) => /[0-9a-fA-F]/.test(c));
function twilioSid(bytes: Uint8Array, at: number): boolean {
  if (bytes[at] !== 83 || bytes[at + 1] !== 75 || (at > 0 && ALNUM_BYTE[bytes[at - 1] as number] === 1)) return false;
  for (let i = at + 2; i < at + 34; i++) if (HEX_BYTE[bytes[i] as number] !== 1) return false;
  return ALNUM_BYTE[bytes[at + 34] as number] !== 1;
}

/** The byte test of a Twilio Account SID at the end of its keyword (an opening quote, `=` or `: ` and `ac`): `AC` in capitals, 32 hex digits after it, then no letter or digit. */
function twilioAccountSid(bytes: Uint8Array, keywordAt: number, len: number): boolean {
  const at = keywordAt + len - 2;
  if (bytes[at] !== 65 || bytes[at + 1] !== 67) return false;
  for (let i = at + 2; i < at + 34; i++) if (HEX_BYTE[bytes[i] as number] !== 1) return false;
  return ALNUM_BYTE[bytes[at + 34] as number] !== 1;
}

/**
 * Base64 of binary data (an image or a font in a data URI, a notebook's PNG output, a file kept as a
 * string in a bundle) holds `EAAA` (the bytes 0x10 0x00 0x00) and runs of `A` (zero bytes), a
 * token's prefix by chance. A token is not a piece of a longer base64 run: no `+` or `/` (or their
 * URL encodings) right before it, no `+`, `/` or `=` right after it. And a random token has few `A`s
 * (where zero bytes make many) and, when `noRuns`, no run of five of one character.
 */
function notBinaryBase64(prefixes: readonly string[], noRuns: boolean): (s: string, ctx: CandidateContext) => Verdict {
  return (s, ctx) => {
    if (/(?:[+/]|%2[BbFf])$/.test(textBefore(ctx, 3))) return "reject";
    const end = ctx.index + ctx.match[0].length;
    if (/^(?:[+/=]|%2[BbFf]|%3[Dd])/.test(ctx.text.slice(end, end + 3))) return "reject";
    const body = s.slice(prefixes.find((p) => s.startsWith(p))?.length ?? 0);
    if (noRuns && /(.)\1{4}/.test(body)) return "reject";
    let zeros = 0;
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 65) zeros++;
    return zeros * 4 > body.length ? "reject" : "secret";
  };
}

const SQUARE_PREFIXES = ["EAAA", "sq0atp-"];
const TWITTER_BEARER_PREFIX = "AAAAAAAAAAAAAAAAAAAAA";
/** Common letter pairs of English words; a random run of 16 letters holds about one of them, a phrase (`mypasswordisgood`) several. */
const ENGLISH_PAIRS = new Set("th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ss oo wo rd ow ly ey".split(" "));

/** How many of the adjacent letter pairs of `s` are common in English. */
function englishPairs(s: string): number {
  let n = 0;
  for (let i = 0; i + 1 < s.length; i++) if (ENGLISH_PAIRS.has(s.slice(i, i + 2))) n++;
  return n;
}

const SMALL_LETTER_BYTE = byteTable((c) => /[a-z]/.test(c));

/** The byte test of an app password: an operator within 40 bytes, then (after blanks and a quote) four small letters and a blank or a fifth letter. */
function appPasswordAhead(bytes: Uint8Array, at: number, len: number): boolean {
  const end = Math.min(bytes.length, at + len + 40);
  let i = at + len;
  while (i < end && bytes[i] !== 61 && bytes[i] !== 58 && bytes[i] !== 44) {
    if (bytes[i] === 10 || bytes[i] === 13) return false;
    i++;
  }
  if (i >= end) return false;
  i++;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 62 || bytes[i] === 34 || bytes[i] === 39 || bytes[i] === 96)) i++;
  for (let k = 0; k < 4; k++) if (SMALL_LETTER_BYTE[bytes[i + k] as number] !== 1) return false;
  return bytes[i + 4] === 32 || SMALL_LETTER_BYTE[bytes[i + 4] as number] === 1;
}

const META_PREFIXES = ["EAAB", "EAAC", "EAAG", "EAAI", "EAAJ", "EAAD", "EAAM", "EAAN", "EAAO", "EAAP", "EAAQ", "EAAR", "EAAS", "EAAT", "EAAU", "EAAW"];

/**
 * True when a value's digits, read alone, count up (1 2 3 … 9 0 1 …) for nearly the whole run:
 * `a123b45c6d78e9f012a34…`, a stand-in typed by hand. Random hex does so by chance about once in 10^10.
 */
function countingDigits(s: string): boolean {
  const d = s.replace(/^0x/, "").replace(/[^0-9]/g, "");
  if (d.length < 12) return false;
  let up = 0;
  for (let i = 1; i < d.length; i++) if ((Number(d[i - 1]) + 1) % 10 === Number(d[i])) up++;
  return up >= (d.length - 1) * 0.9;
}

/** A secret a generator wrote: letters and digits both present, and not words run together (`SomeTwilioApiSecretPlaceholder12`). */
function randomSecret(s: string): Verdict {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s) && !/(?:[A-Z][a-z]{3,12}){3}/.test(s) ? "secret" : "reject";
}

export const SERVICE_DETECTORS: readonly Detector[] = [
  // Payments
  prefixed({ id: "stripe-secret-key", title: "Stripe live secret key", provider: "Stripe", category: "service", severity: "critical", prefix: "sk_live_", body: `[${ALNUM}]{24,247}`, revoke: "https://dashboard.stripe.com/apikeys", reference: "https://docs.stripe.com/keys" }),
  prefixed({ id: "stripe-restricted-key", title: "Stripe live restricted key", provider: "Stripe", category: "service", severity: "critical", prefix: "rk_live_", body: `[${ALNUM}]{24,247}`, revoke: "https://dashboard.stripe.com/apikeys", reference: "https://docs.stripe.com/keys" }),
  prefixed({ id: "stripe-test-key", title: "Stripe test-mode secret key", provider: "Stripe", category: "service", severity: "low", prefix: ["sk_test_", "rk_test_"], body: `[${ALNUM}]{24,247}`, revoke: "https://dashboard.stripe.com/test/apikeys" }),
  prefixed({ id: "stripe-webhook-secret", title: "Stripe webhook signing secret", provider: "Stripe", category: "service", prefix: "whsec_", body: `[${ALNUM}]{32,64}`, reference: "https://docs.stripe.com/webhooks#verify-events" }),
  prefixed({ id: "square-access-token", title: "Square access token", provider: "Square", category: "service", severity: "critical", prefix: SQUARE_PREFIXES, body: `[${B64URL}]{22,60}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 4, check: notBinaryBase64(SQUARE_PREFIXES, true), revoke: "https://developer.squareup.com/apps" }),
  prefixed({ id: "square-oauth-secret", title: "Square OAuth application secret", provider: "Square", category: "service", prefix: "sq0csp-", body: `[${B64URL}]{43}`, end: "(?![A-Za-z0-9_\\-])" }),
  prefixed({ id: "braintree-access-token", title: "PayPal Braintree access token", provider: "PayPal", category: "service", severity: "critical", prefix: "access_token$production$", body: `[a-z0-9]{16}\\$[${HEX}]{32}` }),
  keyed({ id: "paypal-client-secret", title: "PayPal REST client secret", provider: "PayPal", category: "service", keywords: ["paypal"], value: `E[${B64URL}]{79}`, minEntropy: 4.5 }),
  prefixed({ id: "razorpay-key-id", title: "Razorpay live key id", provider: "Razorpay", category: "service", severity: "medium", prefix: "rzp_live_", body: `[${ALNUM}]{14}` }),
  keyed({ id: "razorpay-key-secret", title: "Razorpay key secret", provider: "Razorpay", category: "service", keywords: ["razorpay"], value: `[${ALNUM}]{24}`, minEntropy: 3.8 }),
  prefixed({ id: "flutterwave-secret-key", title: "Flutterwave secret key", provider: "Flutterwave", category: "service", severity: "critical", prefix: ["FLWSECK-", "FLWSECK_TEST-"], body: `[${HEX}]{32}-X`, end: "(?![A-Za-z0-9])"}),
  prefixed({ id: "flutterwave-encryption-key", title: "Flutterwave encryption key", provider: "Flutterwave", category: "service", prefix: "FLWSECK_TEST", body: `[${HEX}]{12}`, end: "(?![A-Za-z0-9\\-])" }),
  prefixed({ id: "plaid-access-token", title: "Plaid access token", provider: "Plaid", category: "service", prefix: ["access-production-", "access-development-", "access-sandbox-"], body: UUID }),
  keyed({ id: "plaid-secret", title: "Plaid API secret", provider: "Plaid", category: "service", keywords: ["plaid"], value: `[${HEX}]{30}`, minEntropy: 3 }),
  keyed({ id: "gocardless-token", title: "GoCardless access token", provider: "GoCardless", category: "service", severity: "critical", keywords: ["gocardless"], value: `(?:live|sandbox)_[${B64URL}=]{40}`, keyMustSay: null }),
  prefixed({ id: "shopify-access-token", title: "Shopify access token", provider: "Shopify", category: "service", prefix: ["shpat_", "shpca_", "shppa_"], body: `[${HEX}]{32}`, end: "(?![A-Za-z0-9])", revoke: "https://help.shopify.com/en/manual/apps/app-types/custom-apps" }),
  prefixed({ id: "shopify-shared-secret", title: "Shopify app shared secret", provider: "Shopify", category: "service", prefix: "shpss_", body: `[${HEX}]{32}` }),
  prefixed({ id: "coinbase-key", title: "Coinbase Developer Platform API key name", provider: "Coinbase", category: "service", prefix: "organizations/", body: `${UUID}/apiKeys/${UUID}`, severity: "medium" }),
  prefixed({ id: "mollie-api-key", title: "Mollie live API key", provider: "Mollie", category: "service", severity: "critical", prefix: "live_", body: `[${ALNUM}]{30}`, minEntropy: 4, context: 200, check: (_s, ctx) => (/mollie/i.test(textAround(ctx, 200)) ? "secret" : "reject") }),
  // Chargebee's site API keys: `live_` or `test_` and 32 to 34 letters and digits (gitleaks' chargebee-access-token); the prefixes are Mollie's and Lob's too, so the name must be near.
  prefixed({
    id: "chargebee-api-key", title: "Chargebee API key", provider: "Chargebee", category: "service", severity: "critical", prefix: ["live_", "test_"], body: `[${ALNUM}]{32,34}`, minEntropy: 3.5, context: 200,
    check: (s, ctx) => (!/chargebee/i.test(textAround(ctx, 200)) ? "reject" : s.startsWith("test_") ? { verdict: "secret", severity: "low", note: "a test site's key" } : "secret"),
    revoke: "https://www.chargebee.com/docs/2.0/api_keys.html", reference: "https://apidocs.chargebee.com/docs/api/auth",
  }),
  prefixed({ id: "adyen-api-key", title: "Adyen API key", provider: "Adyen", category: "service", severity: "critical", prefix: "AQE", body: `[${B64URL}]{20,40}\\.[${B64URL}]{40,200}`, context: 200, check: (_s, ctx) => (/adyen/i.test(textAround(ctx, 200)) ? "secret" : "reject") }),
  prefixed({ id: "lemonsqueezy-api-key", title: "Lemon Squeezy API key", provider: "Lemon Squeezy", category: "service", prefix: "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiI5NGQ1OWNlZi", body: `[${B64URL}]{100,2000}\\.[${B64URL}]{100,1000}`, end: "(?![A-Za-z0-9_\\-])", priority: 15 }),
  // Messaging, chat and e-mail
  // Bot tokens: workspace id, bot id, secret; the older form (as gitleaks' legacy bot rule finds it) has one number and the secret.
  prefixed({ id: "slack-bot-token", title: "Slack bot token", provider: "Slack", category: "service", prefix: "xoxb-", body: `(?:[0-9]{10,13}-[0-9]{10,13}(?:-[${ALNUM}]{24})?|[0-9]{8,14}-[${ALNUM}]{18,26})`, end: "(?![A-Za-z0-9\\-])", revoke: "https://api.slack.com/authentication/rotation", reference: "https://api.slack.com/authentication/token-types" }),
  prefixed({ id: "slack-user-token", title: "Slack user token", provider: "Slack", category: "service", prefix: ["xoxp-", "xoxe.xoxp-"], body: `[0-9]{1,13}-[0-9]{10,13}-[0-9]{10,13}-[${ALNUM}]{28,34}`, end: "(?![A-Za-z0-9\\-])", reference: "https://api.slack.com/authentication/token-types" }),
  prefixed({ id: "slack-app-token", title: "Slack app-level token", provider: "Slack", category: "service", prefix: "xapp-", body: `[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[${HEX}]{64}`, reference: "https://api.slack.com/authentication/token-types" }),
  // Configuration tokens (`xoxe.xoxp-1-…`, `xoxe.xoxb-1-…`) and their refresh tokens (`xoxe-1-…`): a base64 body of mixed case.
  prefixed({ id: "slack-config-token", title: "Slack configuration or refresh token", provider: "Slack", category: "service", prefix: ["xoxe.xoxb-", "xoxe.xoxp-", "xoxe-"], body: `[0-9]-[${ALNUM}]{140,170}`, end: "(?![A-Za-z0-9\\-])", reference: "https://api.slack.com/authentication/config-tokens" }),
  prefixed({ id: "slack-legacy-token", title: "Slack legacy or workspace token", provider: "Slack", category: "service", prefix: ["xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxa-2-"], body: `[0-9]{1,13}-[0-9A-Za-z\\-]{20,120}`, end: "(?![A-Za-z0-9\\-])", minEntropy: 3.5 }),
  custom({
    id: "slack-webhook", title: "Slack incoming webhook URL", provider: "Slack", category: "service", inBundles: true, keywords: ["hooks.slack.com/"], span: 160,
    // An incoming webhook is `services/T…/B…/<secret>`; Workflow Builder's `workflows/T…/A…/<id>/<secret>` and `triggers/T…/<id>/<secret>`.
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(T[A-Z0-9]{8,12}\/[A-Z0-9]{8,20}\/(?:[0-9]{8,20}\/)?[A-Za-z0-9]{23,48})(?![A-Za-z0-9])/y, revoke: "https://api.slack.com/messaging/webhooks",
  }),
  custom({
    id: "discord-webhook", title: "Discord webhook URL", provider: "Discord", category: "service", inBundles: true, keywords: ["/api/webhooks/"], span: 140,
    pattern: /\/api\/webhooks\/(\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/y, check: (_s, ctx) => (/discord(?:app)?\.com$/.test(textBefore(ctx, 40)) ? "secret" : "reject"),
  }),
  keyed({ id: "discord-bot-token", title: "Discord bot token", provider: "Discord", category: "service", keywords: ["discord", "bot_token", "bot-token", "bottoken"], value: `[MNO][${B64URL}]{23,27}\\.[${B64URL}]{6}\\.[${B64URL}]{27,40}`, check: discordBot, revoke: "https://discord.com/developers/applications" }),
  // A bot's token written straight into its start call, the way discord.py (`client.run("…")`) and
  // discord.js (`client.login("…")`) quickstarts show it; the first part must decode to the bot's
  // numeric id, so any other `.run("…")` string is passed over.
  custom({
    id: "discord-bot-token-call", title: "Discord bot token in a client's run or login call", provider: "Discord", category: "service", keywords: [".run(", ".login("], span: 100,
    pattern: /\.(?:run|login)\([ \t]{0,4}["'\x60]([MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})["'\x60]/y,
    precheck: quotedLead(/[MNO]/), check: discordBot, revoke: "https://discord.com/developers/applications",
  }),
  keyed({ id: "discord-client-secret", title: "Discord OAuth client secret", provider: "Discord", category: "service", keywords: ["discord"], value: `[${B64URL}]{32}`, minEntropy: 4, keyMustSay: /secret/i }),
  custom({
    id: "telegram-bot-token", title: "Telegram bot token", provider: "Telegram", category: "service", keywords: [":aa"], back: [8, 9, 10], span: 40,
    pattern: /(?<![0-9:])(\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g, revoke: "https://core.telegram.org/bots/features#botfather",
  }),
  custom({ id: "teams-webhook", title: "Microsoft Teams incoming webhook URL", provider: "Microsoft Teams", category: "service", inBundles: true, keywords: [".webhook.office.com/webhookb2/"], span: 320, pattern: /\.webhook\.office\.com\/webhookb2\/([0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/[A-Za-z0-9_-]{40,60})?)/y }),
  prefixed({ id: "twilio-api-key", title: "Twilio API key SID", provider: "Twilio", category: "service", severity: "medium", prefix: "SK", body: `[${HEX}]{32}`, context: 200, check: (_s, ctx) => (/twilio/i.test(textAround(ctx, 200)) ? "secret" : "reject") }),
  keyed({ id: "twilio-auth-token", title: "Twilio auth token or API secret", provider: "Twilio", category: "service", keywords: ["twilio"], value: `[${HEX}]{32}`, minEntropy: 3, revoke: "https://console.twilio.com/us1/account/keys-credentials/api-keys" }),
  // An API key's secret is 32 letters and digits (not hex, as the auth token is), handed over with
  // its SID (`SK` and 32 hex digits, https://www.twilio.com/docs/iam/api-keys/key-resource-v1):
  // named as a secret within five lines after the SID, or the next argument of the same call
  // (`twilio(apiKeySid, apiKeySecret, …)`). The SID alone identifies the key and is not reported here.
  custom({
    id: "twilio-api-key-secret", title: "Twilio API key secret (beside its SK key SID)", provider: "Twilio", category: "service", keywords: ["sk"], span: 1200, context: 200,
    pattern: /SK[0-9a-fA-F]{32}(?![A-Za-z0-9])(?:["'\x60][ \t]{0,4},[ \t]{0,4}(?:\r?\n[ \t]{0,40})?["'\x60]|(?:[^\r\n]{0,160}?\r?\n){0,5}?[^\r\n]{0,160}?(?:secret|Secret|SECRET)[A-Za-z0-9_.\-]{0,30}["'\x60\]]{0,2}[ \t]{0,4}(?:=>|[:=,])[ \t]{0,4}["'\x60]?)([A-Za-z0-9]{32})(?![A-Za-z0-9])/y,
    precheck: twilioSid, check: randomSecret, minEntropy: 3.8, revoke: "https://console.twilio.com/us1/account/keys-credentials/api-keys", reference: "https://www.twilio.com/docs/iam/api-keys",
  }),
  // An account's SID and its auth token handed over together under names that do not say Twilio, or
  // none: `Client("AC…", "…")` (Python), `Twilio::REST::Client.new('AC…', '…')`, `TwilioClient.Init("AC…", "…")`,
  // `require('twilio')('AC…', '…')`. As trufflehog pairs them: the 32 hex digits that follow the SID
  // (`AC` and 32 hex digits, https://www.twilio.com/docs/iam/api/account) within 120 characters, as the
  // next argument or under a name saying token or secret. The SID alone names the account and is not
  // reported. The keywords hold what opens the SID's value (a quote, `=`, `: `, a URL's `//` or curl's `-u`): `ac` alone is in
  // too many words for the keyword pass.
  custom({
    id: "twilio-auth-token-paired", title: "Twilio auth token (next to its Account SID)", provider: "Twilio", category: "service", keywords: ['"ac', "'ac", "`ac", "=ac", ": ac", "//ac", "-u ac", "--user ac"], span: 200, confidence: "medium", priority: 7, minEntropy: 3,
    pattern: /(?:["'\x60=]|: |\/\/|-u |--user )AC[0-9a-f]{32}(?![A-Za-z0-9])[\s\S]{1,120}?(?<![A-Za-z0-9])([0-9a-f]{32})(?![A-Za-z0-9])/y,
    precheck: twilioAccountSid,
    check: (secret, ctx) => {
      const whole = ctx.match[0];
      const between = whole.slice(whole.indexOf("AC") + 34, whole.length - secret.length);
      const next = /^["'\x60][ \t]{0,4},[ \t]{0,4}(?:\r?\n[ \t]{0,40})?["'\x60]$/.test(between);
      const named = /(?:token|secret|auth|pass)[A-Za-z0-9_.\-]{0,30}["'\x60\]]{0,2}[ \t]{0,4}(?:=>|[:=,])[ \t]{0,4}["'\x60]?$/i.test(between);
      // HTTP basic auth, as Twilio's API reads it: the SID as the user, the token as the password
      // (`curl -u AC…:…`, `https://AC…:…@api.twilio.com`).
      const basic = between === ":";
      if (!next && !named && !basic) return "reject";
      return /[0-9]/.test(secret) && /[a-f]/.test(secret) ? "secret" : "reject";
    },
    revoke: "https://console.twilio.com/us1/account/keys-credentials/api-keys", reference: "https://www.twilio.com/docs/iam/credentials/api",
  }),
  // The same secret found by its name alone (`TWILIO_API_SECRET=…`); a hex value is the auth token's, found above.
  keyed({ id: "twilio-api-secret", title: "Twilio API key secret", provider: "Twilio", category: "service", keywords: ["twilio"], value: `[${ALNUM}]{32}`, minEntropy: 3.8, keyMustSay: /secret/i, check: (s) => (/^[0-9a-f]{32}$/.test(s) ? "reject" : randomSecret(s)), revoke: "https://console.twilio.com/us1/account/keys-credentials/api-keys", reference: "https://www.twilio.com/docs/iam/api-keys" }),
  prefixed({ id: "sendgrid-api-key", title: "SendGrid API key", provider: "Twilio SendGrid", category: "service", prefix: "SG.", body: `[${B64URL}]{22}\\.[${B64URL}]{43}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://app.sendgrid.com/settings/api_keys" }),
  // Older keys are `key-` and 32 lower-case letters and digits (Mailgun's own documentation
  // example is one), newer ones `key-` and 32 hex digits. `key-` then 32 such characters is
  // common enough elsewhere that a key that is not hex needs Mailgun named around it.
  prefixed({
    id: "mailgun-api-key", title: "Mailgun API key", provider: "Mailgun", category: "service", prefix: "key-", body: "[0-9a-z]{32}", context: 200, revoke: "https://app.mailgun.com/settings/api_security",
    check: (s, ctx) => (/^key-[0-9a-f]{32}$/.test(s) || (/[0-9]/.test(s.slice(4)) && /mailgun/i.test(textAround(ctx, 200))) ? "secret" : "reject"),
  }),
  // Current keys are 32 hex digits, then two runs of 8 (`…-…-…`, as Mailgun's control panel shows
  // them): a shape distinctive enough that any name saying key or secret will do, not only `mailgun`.
  keyed({ id: "mailgun-private-key", title: "Mailgun private API key", provider: "Mailgun", category: "service", keywords: ["mailgun", "mg_api", "mg-api", "mg_key", "mg_private", "mg_sending", "api_key", "api-key", "apikey", "api_secret", "sending_key", "private_key"], value: `[${HEX}]{32}-[${HEX}]{8}-[${HEX}]{8}`, revoke: "https://app.mailgun.com/settings/api_security", reference: "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication" }),
  // Mailgun's API takes the key as the password of HTTP Basic auth for the user `api`
  // (https://documentation.mailgun.com/docs/mailgun/api-reference/authentication): `auth=("api", …)`,
  // `-u 'api:…'`, `https://api:…@api.mailgun.net`, mailgun.js's `{ username: 'api', key: … }`.
  custom({
    id: "mailgun-basic-auth-key", title: "Mailgun private API key (HTTP Basic auth for the user api)", provider: "Mailgun", category: "service", keywords: ["api:", "api\"", "api'", "api`"], span: 120,
    pattern: /(?<![A-Za-z0-9_.\-])api(?:["'\x60][ \t]{0,4},[ \t]{0,4}(?:key[ \t]{0,4}:[ \t]{0,4})?["'\x60]|:)([0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9])/y,
    revoke: "https://app.mailgun.com/settings/api_security",
  }),
  custom({ id: "mailchimp-api-key", title: "Mailchimp API key", provider: "Mailchimp", category: "service", keywords: ["-us"], back: 32, span: 6, pattern: /(?<![A-Za-z0-9])([0-9a-f]{32}-us\d{1,2})(?![A-Za-z0-9])/g, revoke: "https://us1.admin.mailchimp.com/account/api/" }),
  keyed({ id: "mandrill-api-key", title: "Mailchimp Transactional (Mandrill) API key", provider: "Mailchimp", category: "service", keywords: ["mandrill"], value: `[${B64URL}]{22}`, minEntropy: 3.8 }),
  keyed({ id: "postmark-token", title: "Postmark server or account token", provider: "Postmark", category: "service", keywords: ["postmark"], value: UUID, minEntropy: 3 }),
  prefixed({ id: "brevo-api-key", title: "Brevo (Sendinblue) API or SMTP key", provider: "Brevo", category: "service", prefix: ["xkeysib-", "xsmtpsib-"], body: `[${HEX}]{64}-[${ALNUM}]{16}` }),
  keyed({ id: "mailjet-secret", title: "Mailjet API secret", provider: "Mailjet", category: "service", keywords: ["mailjet"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  keyed({ id: "sparkpost-api-key", title: "SparkPost API key", provider: "SparkPost", category: "service", keywords: ["sparkpost"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  prefixed({ id: "resend-api-key", title: "Resend API key", provider: "Resend", category: "service", prefix: "re_", body: `[${ALNUM}]{8}_[${ALNUM}]{24}` }),
  prefixed({ id: "mailersend-token", title: "MailerSend API token", provider: "MailerSend", category: "service", prefix: "mlsn.", body: `[${HEX}]{64}` }),
  keyed({ id: "vonage-api-secret", title: "Vonage (Nexmo) API secret", provider: "Vonage", category: "service", keywords: ["nexmo", "vonage"], value: `[${ALNUM}]{16}`, minEntropy: 3.5 }),
  keyed({ id: "messagebird-api-key", title: "MessageBird (Bird) API key", provider: "MessageBird", category: "service", keywords: ["messagebird", "message_bird", "message-bird"], value: `[${ALNUM}]{25}`, minEntropy: 3.8 }),
  keyed({ id: "plivo-auth-token", title: "Plivo auth token", provider: "Plivo", category: "service", keywords: ["plivo"], value: `[${ALNUM}]{40}`, minEntropy: 4 }),
  // An Intercom access token is the base64 of `tok:<uuid with underscores>:<n>:<n>`, so it starts `dG9rO` and then `j` or `m` (a digit or a letter of the uuid).
  prefixed({ id: "intercom-token", title: "Intercom access token", provider: "Intercom", category: "service", prefix: ["dG9rOj", "dG9rOm"], body: `[${B64}]{40,80}={0,2}`, end: "(?![A-Za-z0-9+/=])", check: (s) => (/^tok:[0-9a-f_]{36}:\d{1,4}:\d{1,4}$/.test(Buffer.from(s, "base64").toString("latin1")) ? "secret" : "reject") }),
  keyed({ id: "zendesk-token", title: "Zendesk API token", provider: "Zendesk", category: "service", keywords: ["zendesk"], value: `[${ALNUM}]{40}`, minEntropy: 4 }),
  keyed({ id: "pusher-secret", title: "Pusher Channels app secret", provider: "Pusher", category: "service", keywords: ["pusher"], value: `[${HEX}]{20}`, minEntropy: 3 }),
  keyed({ id: "twitch-token", title: "Twitch API client secret or token", provider: "Twitch", category: "service", keywords: ["twitch"], value: "[a-z0-9]{30}", minEntropy: 3.8 }),
  prefixed({ id: "twitter-bearer-token", title: "X (Twitter) bearer token", provider: "X (Twitter)", category: "service", prefix: TWITTER_BEARER_PREFIX, body: "[A-Za-z0-9%]{30,120}", end: "(?![A-Za-z0-9%])", minEntropy: 3.5, check: notBinaryBase64([TWITTER_BEARER_PREFIX], false) }),
  // Key and token secrets (45-50 characters), and access tokens: the user's numeric id, a dash, 20-50 characters (as gitleaks' twitter-access-token finds them).
  keyed({ id: "twitter-secret", title: "X (Twitter) API key secret, access token or access token secret", provider: "X (Twitter)", category: "service", keywords: ["twitter", "consumer_secret", "access_token_secret"], value: `(?:[${ALNUM}]{45,50}|[0-9]{6,25}-[${ALNUM}]{20,50})`, minEntropy: 4.2, keyMustSay: /secret|token/i }),
  prefixed({ id: "facebook-access-token", title: "Meta (Facebook, Instagram, WhatsApp) access token", provider: "Meta", category: "service", prefix: META_PREFIXES, body: `[${ALNUM}]{90,400}`, minEntropy: 4.5, check: notBinaryBase64(META_PREFIXES, true) }),
  keyed({ id: "facebook-app-secret", title: "Meta (Facebook) app secret", provider: "Meta", category: "service", keywords: ["facebook", "fb_app_secret", "fb_secret", "fb-secret"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /secret|token/i }),
  // An app access token is the app id and its secret (or client token) joined by `|` (as gitleaks' facebook-access-token finds it).
  keyed({ id: "facebook-app-token", title: "Meta (Facebook) app access token", provider: "Meta", category: "service", keywords: ["facebook", "fb_access", "fb_app", "fb_token"], value: `[0-9]{15,16}(?:\\||%7[Cc])[${B64URL}]{27,40}`, minEntropy: 3.3, keyMustSay: /token|secret|key/i }),
  // AI model APIs
  custom({
    id: "openai-api-key", title: "OpenAI API key", provider: "OpenAI", category: "service", inBundles: true, keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-none-"], span: 260,
    pattern: /(?<![A-Za-z0-9_-])(sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/y, revoke: "https://platform.openai.com/api-keys",
  }),
  custom({
    id: "openai-api-key-legacy", title: "OpenAI API key (user key format)", provider: "OpenAI", category: "service", inBundles: true, keywords: ["t3blbkfj"], back: 23, span: 30,
    pattern: /(?<![A-Za-z0-9_-])(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/g, revoke: "https://platform.openai.com/api-keys",
  }),
  // API and Admin API keys, Claude Code's OAuth access and refresh tokens, and claude.ai's `sessionKey` cookie (`sk-ant-sid01-`), which unofficial API wrappers take in its place.
  prefixed({ id: "anthropic-api-key", title: "Anthropic API key, OAuth token or claude.ai session key", provider: "Anthropic", category: "service", prefix: ["sk-ant-api03-", "sk-ant-admin01-", "sk-ant-oat01-", "sk-ant-ort01-", "sk-ant-sid01-"], body: `[${B64URL}]{80,120}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://console.anthropic.com/settings/keys", reference: "https://docs.anthropic.com/en/api/getting-started" }),
  prefixed({ id: "huggingface-token", title: "Hugging Face access token", provider: "Hugging Face", category: "service", prefix: "hf_", body: "[A-Za-z]{34}", minEntropy: 3.8, revoke: "https://huggingface.co/settings/tokens", reference: "https://huggingface.co/docs/hub/security-tokens" }),
  prefixed({ id: "huggingface-org-token", title: "Hugging Face organization API token", provider: "Hugging Face", category: "service", prefix: "api_org_", body: "[A-Za-z]{34}", minEntropy: 3.8 }),
  prefixed({ id: "replicate-token", title: "Replicate API token", provider: "Replicate", category: "service", prefix: "r8_", body: `[${ALNUM}]{37}`, minEntropy: 4, revoke: "https://replicate.com/account/api-tokens" }),
  prefixed({ id: "groq-api-key", title: "Groq API key", provider: "Groq", category: "service", prefix: "gsk_", body: `[${ALNUM}]{52}`, revoke: "https://console.groq.com/keys" }),
  prefixed({ id: "perplexity-api-key", title: "Perplexity API key", provider: "Perplexity", category: "service", prefix: "pplx-", body: `[${ALNUM}]{48}` }),
  prefixed({ id: "xai-api-key", title: "xAI (Grok) API key", provider: "xAI", category: "service", prefix: "xai-", body: `[${ALNUM}]{80}` }),
  prefixed({ id: "openrouter-api-key", title: "OpenRouter API key", provider: "OpenRouter", category: "service", prefix: "sk-or-v1-", body: `[${HEX}]{64}` }),
  prefixed({ id: "fireworks-api-key", title: "Fireworks AI API key", provider: "Fireworks AI", category: "service", prefix: "fw_", body: `[${ALNUM}]{24}`, minEntropy: 3.8 }),
  prefixed({ id: "langsmith-api-key", title: "LangSmith API key", provider: "LangChain", category: "service", prefix: ["lsv2_pt_", "lsv2_sk_"], body: `[${HEX}]{32}_[${HEX}]{10}` }),
  prefixed({ id: "langfuse-secret-key", title: "Langfuse secret key", provider: "Langfuse", category: "service", prefix: "sk-lf-", body: UUID }),
  prefixed({ id: "pinecone-api-key", title: "Pinecone API key", provider: "Pinecone", category: "service", prefix: "pcsk_", body: `[${ALNUM}]{5,6}_[${ALNUM}]{60,70}` }),
  prefixed({ id: "cerebras-api-key", title: "Cerebras API key", provider: "Cerebras", category: "service", prefix: "csk-", body: "[a-z0-9]{48}" }),
  prefixed({ id: "tavily-api-key", title: "Tavily API key", provider: "Tavily", category: "service", prefix: "tvly-", body: `(?:dev-|prod-)?[${ALNUM}]{32}` }),
  prefixed({ id: "llamacloud-api-key", title: "LlamaCloud API key", provider: "LlamaIndex", category: "service", prefix: "llx-", body: `[${ALNUM}]{48}` }),
  prefixed({ id: "nvidia-api-key", title: "NVIDIA API key", provider: "NVIDIA", category: "service", prefix: "nvapi-", body: `[${B64URL}]{64}`, end: "(?![A-Za-z0-9_\\-])" }),
  keyed({ id: "deepseek-api-key", title: "DeepSeek API key", provider: "DeepSeek", category: "service", keywords: ["deepseek"], value: `sk-[${HEX}]{32}`, keyMustSay: null }),
  keyed({ id: "cohere-api-key", title: "Cohere API key", provider: "Cohere", category: "service", keywords: ["cohere", "co_api_key"], value: `[${ALNUM}]{40}`, minEntropy: 4 }),
  keyed({ id: "mistral-api-key", title: "Mistral AI API key", provider: "Mistral AI", category: "service", keywords: ["mistral"], value: `[${ALNUM}]{32}`, minEntropy: 4 }),
  keyed({ id: "together-api-key", title: "Together AI API key", provider: "Together AI", category: "service", keywords: ["together"], value: `(?:tgp_v1_[${B64URL}]{43}|[${HEX}]{64})`, minEntropy: 3.5 }),
  keyed({ id: "azure-openai-key", title: "Azure OpenAI / AI services key or API Management subscription key", provider: "Microsoft Azure", category: "service", keywords: ["azure_openai", "azure-openai", "azureopenai", "cognitive", "azure_ai", "openai_api_key", "aoai", "ocp-apim-subscription-key"], value: `[${HEX}]{32}`, minEntropy: 3.2 }),
  keyed({ id: "elevenlabs-api-key", title: "ElevenLabs API key", provider: "ElevenLabs", category: "service", keywords: ["elevenlabs", "eleven_labs", "xi-api-key", "xi_api_key"], value: `(?:sk_)?[${HEX}]{32,48}`, keyMustSay: null, minEntropy: 3 }),
  keyed({ id: "assemblyai-api-key", title: "AssemblyAI API key", provider: "AssemblyAI", category: "service", keywords: ["assemblyai", "assembly_ai"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  keyed({ id: "deepgram-api-key", title: "Deepgram API key", provider: "Deepgram", category: "service", keywords: ["deepgram"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "stability-api-key", title: "Stability AI API key", provider: "Stability AI", category: "service", keywords: ["stability"], value: `sk-[${ALNUM}]{48}`, keyMustSay: null }),
  keyed({ id: "wandb-api-key", title: "Weights & Biases API key", provider: "Weights & Biases", category: "service", keywords: ["wandb"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  // Monitoring, observability, incident response
  keyed({ id: "datadog-api-key", title: "Datadog API or application key", provider: "Datadog", category: "service", keywords: ["datadog", "dd_api_key", "dd-api-key", "dd_app_key", "dd-application-key", "dd_application_key", "dd_apikey", "dd_appkey", "dd_client_api_key", "dd_client_app_key"], value: `(?:[${HEX}]{40}|[${HEX}]{32})`, minEntropy: 3, keyMustSay: null, revoke: "https://app.datadoghq.com/organization-settings/api-keys" }),
  prefixed({ id: "newrelic-user-key", title: "New Relic user API key", provider: "New Relic", category: "service", prefix: "NRAK-", body: "[A-Z0-9]{27}" }),
  prefixed({ id: "newrelic-insert-key", title: "New Relic insights insert key", provider: "New Relic", category: "service", prefix: "NRII-", body: `[${B64URL}]{32}`, end: "(?![A-Za-z0-9_\\-])" }),
  prefixed({ id: "newrelic-browser-key", title: "New Relic browser API token", provider: "New Relic", category: "service", severity: "medium", prefix: "NRJS-", body: `[${HEX}]{19}` }),
  custom({ id: "newrelic-license-key", title: "New Relic license (ingest) key", provider: "New Relic", category: "service", keywords: ["nral"], back: 36, span: 8, pattern: /(?<![A-Za-z0-9])([a-f0-9]{36}NRAL)(?![A-Za-z0-9])/g }),
  // License keys made before the NRAL suffix are 40 hex digits with no mark of their own: known by
  // a name saying New Relic, or by `license_key` in the agent's own config (`newrelic.yml`, `newrelic.ini`, `newrelic.js`).
  keyed({
    id: "newrelic-license-key-legacy", title: "New Relic license (ingest) key (unsuffixed)", provider: "New Relic", category: "service", context: 300, keywords: ["newrelic_license", "new_relic_license", "nr_license", "license_key"], value: `[${HEX}]{40}`, minEntropy: 3, keyMustSay: null,
    check: (secret, ctx) => (/new_?relic|(?:^|[^a-z])nr_?license/i.test(keyName(ctx, secret)) || /(?:^|\/)newrelic[^/]*$/i.test(ctx.path ?? "") || /new_?relic/i.test(textAround(ctx, 300)) ? "secret" : "reject"),
  }),
  prefixed({ id: "sentry-org-token", title: "Sentry organization auth token", provider: "Sentry", category: "service", prefix: "sntrys_eyJ", body: `[${B64URL}+/=]{60,400}_[${B64URL}+/]{40,64}`, end: "(?![A-Za-z0-9_\\-+/=])", revoke: "https://sentry.io/settings/auth-tokens/" }),
  prefixed({ id: "sentry-user-token", title: "Sentry user auth token", provider: "Sentry", category: "service", prefix: "sntryu_", body: `[${HEX}]{64}`, revoke: "https://sentry.io/settings/account/api/auth-tokens/" }),
  wholeFile({
    id: "sentry-cli-config-token", title: "Sentry auth token in sentry-cli's .sentryclirc", provider: "Sentry", category: "service", span: 4000,
    // `sentry-cli login` writes the token under `[auth]` in ~/.sentryclirc (or a project's): the file
    // names Sentry, the key only `token`. Prefixed tokens are found anywhere; this is the older 64 hex digits.
    file: /(?:^|\/)\.sentryclirc$/, pattern: /(?:[^\n]{0,400}\n){0,40}?[ \t]{0,8}token[ \t]{0,4}=[ \t]{0,4}([0-9a-f]{64})[ \t]{0,8}(?:\r?\n|$)/, minEntropy: 3,
    revoke: "https://sentry.io/settings/account/api/auth-tokens/", reference: "https://docs.sentry.io/cli/configuration/",
  }),
  keyed({ id: "sentry-token-legacy", title: "Sentry auth token (unprefixed)", provider: "Sentry", category: "service", keywords: ["sentry"], value: `[${HEX}]{64}`, minEntropy: 3 }),
  prefixed({ id: "grafana-cloud-token", title: "Grafana Cloud API token", provider: "Grafana Labs", category: "service", prefix: "glc_", body: `[${B64}]{32,400}={0,2}`, end: "(?![A-Za-z0-9+/=])", minEntropy: 4 }),
  prefixed({ id: "grafana-service-account-token", title: "Grafana service account token", provider: "Grafana Labs", category: "service", prefix: "glsa_", body: `[${ALNUM}]{32}_[${HEX}]{8}` }),
  // A legacy Grafana API key is base64 JSON `{"k":"…","n":"…","id":…}`: it starts `eyJrIjoi` and is found without a name.
  prefixed({ id: "grafana-api-key-legacy", title: "Grafana API key (legacy)", provider: "Grafana Labs", category: "service", prefix: "eyJrIjoi", body: `[${B64}]{40,400}={0,2}`, end: "(?![A-Za-z0-9+/=])", check: (s) => (/^\{"k":"[A-Za-z0-9]{8,64}","n":"/.test(Buffer.from(s, "base64").toString("latin1")) ? "secret" : "reject") }),
  prefixed({ id: "dynatrace-token", title: "Dynatrace API token", provider: "Dynatrace", category: "service", prefix: "dt0c01.", body: "[A-Z0-9]{24}\\.[A-Z0-9]{64}" }),
  keyed({ id: "pagerduty-token", title: "PagerDuty API token", provider: "PagerDuty", category: "service", keywords: ["pagerduty", "pager_duty", "pd_token"], value: `(?:u\\+)?[${B64URL}+]{18,20}`, minEntropy: 3.5 }),
  keyed({ id: "honeycomb-api-key", title: "Honeycomb API key", provider: "Honeycomb", category: "service", keywords: ["honeycomb", "x-honeycomb-team"], value: `(?:hc[a-z]{3}_[${ALNUM}]{58}|[${ALNUM}]{22}|[${HEX}]{32})`, minEntropy: 3.5 }),
  keyed({ id: "splunk-hec-token", title: "Splunk HTTP Event Collector token", provider: "Splunk", category: "service", keywords: ["splunk"], value: UUID, minEntropy: 3 }),
  keyed({ id: "logdna-key", title: "Mezmo (LogDNA) ingestion key", provider: "Mezmo", category: "service", keywords: ["logdna", "mezmo"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  keyed({ id: "bugsnag-api-key", title: "Bugsnag API key", provider: "Bugsnag", category: "service", severity: "medium", keywords: ["bugsnag"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  keyed({ id: "opsgenie-api-key", title: "Opsgenie API key", provider: "Atlassian Opsgenie", category: "service", keywords: ["opsgenie"], value: UUID, minEntropy: 3 }),
  // Productivity, collaboration and developer platforms
  prefixed({ id: "atlassian-api-token", title: "Atlassian API token (Jira, Confluence)", provider: "Atlassian", category: "service", prefix: "ATATT3xFfGF0", body: `[${B64URL}=]{170,300}`, end: "(?![A-Za-z0-9_\\-=])", revoke: "https://id.atlassian.com/manage-profile/security/api-tokens" }),
  keyed({ id: "atlassian-api-token-legacy", title: "Atlassian API token (24-character format)", provider: "Atlassian", category: "service", keywords: ["jira", "confluence", "atlassian"], value: `[${ALNUM}]{24}`, minEntropy: 3.8 }),
  prefixed({ id: "notion-token", title: "Notion integration token", provider: "Notion", category: "service", prefix: ["ntn_", "secret_"], body: `[${ALNUM}]{43,46}`, minEntropy: 4, check: (s) => (s.startsWith("secret_") && s.length !== 50 ? "reject" : "secret"), revoke: "https://www.notion.so/profile/integrations" }),
  prefixed({ id: "linear-api-key", title: "Linear API key", provider: "Linear", category: "service", prefix: "lin_api_", body: `[${ALNUM}]{40}` }),
  keyed({ id: "linear-client-secret", title: "Linear OAuth client secret", provider: "Linear", category: "service", keywords: ["linear"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /secret/i }),
  keyed({ id: "asana-token", title: "Asana personal access token", provider: "Asana", category: "service", keywords: ["asana"], value: `[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[${HEX}]{32}`, keyMustSay: null }),
  keyed({ id: "asana-client-secret", title: "Asana OAuth client secret", provider: "Asana", category: "service", keywords: ["asana"], value: `[${ALNUM}]{32}`, minEntropy: 3.8, keyMustSay: /secret/i }),
  prefixed({ id: "airtable-pat", title: "Airtable personal access token", provider: "Airtable", category: "service", prefix: "pat", body: `[${ALNUM}]{14}\\.[${HEX}]{64}` }),
  // Airtable's API keys before personal access tokens: `key` and 14 letters and digits (as gitleaks' airtable-api-key expects 17 characters).
  keyed({ id: "airtable-api-key", title: "Airtable API key (legacy)", provider: "Airtable", category: "service", keywords: ["airtable"], value: `key[${ALNUM}]{14}`, minEntropy: 3.3, check: (s) => (/[A-Z0-9]/.test(s.slice(3)) ? "secret" : "reject") }),
  prefixed({ id: "clickup-token", title: "ClickUp personal API token", provider: "ClickUp", category: "service", prefix: "pk_", body: `[0-9]{6,10}_[A-Z0-9]{32}` }),
  keyed({ id: "trello-token", title: "Trello API token", provider: "Atlassian Trello", category: "service", keywords: ["trello"], value: `(?:ATTA[${HEX}]{64}|[${HEX}]{64})`, minEntropy: 3 }),
  keyed({ id: "monday-token", title: "monday.com API token", provider: "monday.com", category: "service", keywords: ["monday"], value: `eyJhbGciOiJIUzI1NiJ9\\.[${B64URL}]{60,400}\\.[${B64URL}]{40,50}`, keyMustSay: null }),
  prefixed({ id: "postman-api-key", title: "Postman API key", provider: "Postman", category: "service", prefix: "PMAK-", body: `[${HEX}]{24}-[${HEX}]{34}`, revoke: "https://go.postman.co/settings/me/api-keys" }),
  prefixed({ id: "contentful-token", title: "Contentful personal access token", provider: "Contentful", category: "service", prefix: "CFPAT-", body: `[${B64URL}]{43}`, end: "(?![A-Za-z0-9_\\-])" }),
  // Content Delivery and Preview API tokens: 43 characters, found by name (preview reads drafts; delivery reads what is published).
  keyed({ id: "contentful-delivery-token", title: "Contentful Delivery or Preview API token", provider: "Contentful", category: "service", severity: "medium", keywords: ["contentful"], value: `[${B64URL}]{43}`, minEntropy: 4 }),
  prefixed({ id: "figma-token", title: "Figma personal access token", provider: "Figma", category: "service", prefix: "figd_", body: `[${B64URL}]{40}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://help.figma.com/hc/en-us/articles/8085703771159" }),
  keyed({ id: "figma-token-legacy", title: "Figma personal access token (UUID format)", provider: "Figma", category: "service", keywords: ["figma"], value: `[0-9]{6}-${UUID}`, keyMustSay: null }),
  prefixed({ id: "dropbox-short-lived-token", title: "Dropbox access token", provider: "Dropbox", category: "service", prefix: ["sl.u.", "sl."], body: `[${B64URL}]{130,1200}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 4.5 }),
  keyed({ id: "dropbox-long-lived-token", title: "Dropbox long-lived access token", provider: "Dropbox", category: "service", keywords: ["dropbox"], value: `[${ALNUM}]{11}AAAAAAAAAA[${B64URL}]{43}`, keyMustSay: null }),
  keyed({ id: "dropbox-app-secret", title: "Dropbox app secret", provider: "Dropbox", category: "service", keywords: ["dropbox"], value: "[a-z0-9]{15}", minEntropy: 3.3, keyMustSay: /secret/i }),
  keyed({ id: "box-token", title: "Box developer token or client secret", provider: "Box", category: "service", keywords: ["box_client_secret", "box_developer_token", "box_token", "box-token"], value: `[${ALNUM}]{32}`, minEntropy: 3.8, keyMustSay: null }),
  prefixed({ id: "typeform-token", title: "Typeform personal access token", provider: "Typeform", category: "service", prefix: "tfp_", body: `[${B64URL}=.]{59}`, end: "(?![A-Za-z0-9_\\-=.])" }),
  prefixed({ id: "frameio-token", title: "Frame.io API token", provider: "Frame.io", category: "service", prefix: "fio-u-", body: `[${B64URL}=]{64}`, end: "(?![A-Za-z0-9_\\-=])" }),
  prefixed({ id: "readme-api-key", title: "ReadMe API key", provider: "ReadMe", category: "service", prefix: "rdme_", body: "[a-z0-9]{70}" }),
  prefixed({ id: "prefect-api-key", title: "Prefect API key", provider: "Prefect", category: "service", prefix: "pnu_", body: `[${ALNUM}]{36}` }),
  prefixed({ id: "shippo-api-token", title: "Shippo API token", provider: "Shippo", category: "service", prefix: ["shippo_live_", "shippo_test_"], body: `[${HEX}]{40}`, check: (s) => (s.startsWith("shippo_test_") ? "example" : "secret") }),
  prefixed({ id: "easypost-api-key", title: "EasyPost API key", provider: "EasyPost", category: "service", prefix: ["EZAK", "EZTK"], body: `[${ALNUM}]{54}` }),
  prefixed({ id: "duffel-token", title: "Duffel API token", provider: "Duffel", category: "service", prefix: ["duffel_live_", "duffel_test_"], body: `[${B64URL}=]{43}`, end: "(?![A-Za-z0-9_\\-=])" }),
  prefixed({ id: "infracost-api-key", title: "Infracost API key", provider: "Infracost", category: "service", prefix: "ico-", body: `[${ALNUM}]{32}` }),
  keyed({ id: "launchdarkly-key", title: "LaunchDarkly API access token or SDK key", provider: "LaunchDarkly", category: "service", keywords: ["launchdarkly", "launch_darkly", "ld_sdk_key", "ld_api_key"], value: `(?:api|sdk)-${UUID}`, keyMustSay: null }),
  keyed({ id: "algolia-admin-key", title: "Algolia admin API key", provider: "Algolia", category: "service", keywords: ["algolia"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /admin|write|secret|private/i }),
  prefixed({ id: "mapbox-secret-token", title: "Mapbox secret access token", provider: "Mapbox", category: "service", prefix: "sk.eyJ", body: `[${B64URL}]{40,300}\\.[${B64URL}]{20,40}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://account.mapbox.com/access-tokens/" }),
  keyed({ id: "okta-api-token", title: "Okta API token", provider: "Okta", category: "service", keywords: ["okta"], value: `00[${B64URL}]{40}`, keyMustSay: null, revoke: "https://help.okta.com/en-us/content/topics/security/api.htm" }),
  // Okta's own scheme in an Authorization header (`Authorization: SSWS 00…`), named by no `okta` key: the scheme says Okta.
  custom({ id: "okta-api-token-header", title: "Okta API token (SSWS header)", provider: "Okta", category: "service", keywords: ["ssws"], span: 56, pattern: /[Ss][Ss][Ww][Ss][ \t]{1,4}(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/y, revoke: "https://help.okta.com/en-us/content/topics/security/api.htm" }),
  keyed({ id: "auth0-client-secret", title: "Auth0 client secret or management token", provider: "Auth0", category: "service", keywords: ["auth0"], value: `[${B64URL}]{64}`, minEntropy: 4.2 }),
  prefixed({ id: "onepassword-service-token", title: "1Password service account token", provider: "1Password", category: "service", severity: "critical", prefix: "ops_eyJ", body: `[${B64}]{250,1200}={0,3}`, end: "(?![A-Za-z0-9+/=])" }),
  custom({ id: "onepassword-secret-key", title: "1Password account Secret Key", provider: "1Password", category: "service", severity: "critical", keywords: ["a3-"], span: 50, pattern: /(?<![A-Za-z0-9])(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9])/y }),
  prefixed({ id: "age-secret-key", title: "age encryption secret key", provider: "age", category: "service", severity: "high", prefix: "AGE-SECRET-KEY-1", body: "[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}" }),
  keyed({ id: "segment-write-key", title: "Segment write key or token", provider: "Twilio Segment", category: "service", severity: "medium", keywords: ["segment"], value: `[${ALNUM}]{32}`, minEntropy: 3.8 }),
  keyed({ id: "mixpanel-secret", title: "Mixpanel API secret", provider: "Mixpanel", category: "service", keywords: ["mixpanel"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /secret|pass/i }),
  keyed({ id: "amplitude-secret", title: "Amplitude secret key", provider: "Amplitude", category: "service", keywords: ["amplitude"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /secret/i }),
  keyed({ id: "contentstack-token", title: "Contentstack management token", provider: "Contentstack", category: "service", keywords: ["contentstack"], value: `cs[${HEX}]{32}`, keyMustSay: null }),
  keyed({ id: "sanity-token", title: "Sanity API token", provider: "Sanity", category: "service", keywords: ["sanity"], value: `sk[${ALNUM}]{78,90}`, keyMustSay: null }),
  prefixed({ id: "hubspot-private-app-token", title: "HubSpot private app access token", provider: "HubSpot", category: "service", prefix: ["pat-na1-", "pat-eu1-"], body: UUID }),
  // HubSpot API keys (`hapikey`, retired in 2022 but still in old code): a UUID, found by name.
  keyed({ id: "hubspot-api-key-legacy", title: "HubSpot API key (legacy hapikey)", provider: "HubSpot", category: "service", keywords: ["hubspot", "hapikey"], value: UUID, minEntropy: 3 }),
  custom({ id: "zapier-webhook-url", title: "Zapier catch hook URL", provider: "Zapier", category: "service", severity: "medium", keywords: ["hooks.zapier.com/hooks/catch/"], span: 80, pattern: /hooks\.zapier\.com\/hooks\/catch\/(\d{5,12}\/[a-z0-9]{6,8})\/?(?![A-Za-z0-9])/y }),
  custom({ id: "ifttt-webhook-key", title: "IFTTT webhook key", provider: "IFTTT", category: "service", severity: "medium", keywords: ["maker.ifttt.com/trigger/"], span: 200, pattern: /maker\.ifttt\.com\/trigger\/[A-Za-z0-9_-]{1,80}\/(?:json\/)?with\/key\/([A-Za-z0-9_-]{22,43})(?![A-Za-z0-9_-])/y }),
  keyed({ id: "recaptcha-secret-key", title: "Google reCAPTCHA secret key", provider: "Google", category: "service", keywords: ["recaptcha"], value: `6L[${B64URL}]{38}`, keyMustSay: /secret|private|server/i }),
  keyed({ id: "webhook-signing-secret", title: "Webhook signing secret", provider: "Webhooks", category: "service", severity: "medium", keywords: ["webhook_secret", "webhooksecret", "webhook-secret", "signing_secret", "signingsecret"], value: `[${ALNUM}_\\-+/=]{16,128}`, minEntropy: 3.8, keyMustSay: null, confidence: "low" }),
  keyed({ id: "shortcut-token", title: "Shortcut (Clubhouse) API token", provider: "Shortcut", category: "service", keywords: ["shortcut", "clubhouse"], value: UUID, minEntropy: 3 }),
  keyed({ id: "freshdesk-api-key", title: "Freshdesk API key", provider: "Freshworks", category: "service", keywords: ["freshdesk"], value: `[${ALNUM}]{20}`, minEntropy: 3.8 }),
  keyed({ id: "calendly-token", title: "Calendly personal access token", provider: "Calendly", category: "service", keywords: ["calendly"], value: `eyJraWQiOi[${B64URL}]{40,400}\\.[${B64URL}]{100,800}\\.[${B64URL}]{20,100}`, keyMustSay: null }),
  keyed({ id: "mattermost-token", title: "Mattermost access token", provider: "Mattermost", category: "service", keywords: ["mattermost"], value: "[a-z0-9]{26}", minEntropy: 3.8 }),
  keyed({ id: "rocketchat-token", title: "Rocket.Chat personal access token", provider: "Rocket.Chat", category: "service", keywords: ["rocketchat", "rocket_chat", "x-auth-token"], value: `[${B64URL}]{43}`, minEntropy: 4 }),
  keyed({ id: "gitter-token", title: "Gitter access token", provider: "Gitter", category: "service", keywords: ["gitter"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "kraken-private-key", title: "Kraken API private key", provider: "Kraken", category: "service", severity: "critical", keywords: ["kraken"], value: `[${B64}]{80,90}={0,2}`, minEntropy: 4.5 }),
  keyed({ id: "binance-secret", title: "Binance API secret", provider: "Binance", category: "service", severity: "critical", keywords: ["binance"], value: `[${ALNUM}]{64}`, minEntropy: 4.5, keyMustSay: /secret/i }),
  keyed({ id: "coinbase-secret", title: "Coinbase API secret or access token", provider: "Coinbase", category: "service", severity: "critical", keywords: ["coinbase"], value: `[${B64URL}+/=]{32,88}`, minEntropy: 4.2, keyMustSay: /secret|token/i }),
  keyed({ id: "etherscan-api-key", title: "Etherscan API key", provider: "Etherscan", category: "service", severity: "medium", keywords: ["etherscan", "bscscan", "polygonscan"], value: "[A-Z0-9]{34}", minEntropy: 3.8 }),
  keyed({ id: "infura-secret", title: "Infura / Alchemy API key", provider: "Infura", category: "service", severity: "medium", keywords: ["infura", "alchemy"], value: `[${ALNUM}_\\-]{32}`, minEntropy: 3.8 }),
  keyed({ id: "ethereum-private-key", title: "256-bit private key in hex (an Ethereum/EVM wallet key, or another elliptic-curve key)", provider: "Ethereum", category: "service", severity: "critical", keywords: ["private_key", "privatekey", "private-key", "mnemonic", "wallet_key", "deployer_key", "eth_key"], value: `(?:0x)?[${HEX}]{64}`, minEntropy: 3.5, keyMustSay: /priv|wallet|deployer|eth|pk/i, check: (s) => (countingDigits(s) ? { verdict: "example", note: "its digits count up, as a typed stand-in's do" } : "secret") }),
  // More providers, from their documented key formats.
  custom({ id: "maxmind-license-key", title: "MaxMind license key", provider: "MaxMind", category: "service", severity: "medium", keywords: ["_mmk"], back: 36, span: 4, pattern: /(?<![A-Za-z0-9_])([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_])/y, revoke: "https://www.maxmind.com/en/accounts/current/license-key" }),
  // OpenWeather's API takes its key as `appid` (https://openweathermap.org/appid), 32 hex digits: in
  // a request's query (`…/weather?q=London&appid=…`), a params map or a constant named after it. No
  // other common API names a 32-hex secret `appid` (an app id elsewhere is digits, a UUID or `wx…`).
  custom({
    id: "openweathermap-api-key", title: "OpenWeather API key (appid)", provider: "OpenWeather", category: "service", severity: "medium", keywords: ["appid"], span: 60, context: 300, minEntropy: 3,
    pattern: /(?<![A-Za-z0-9])(?:appid|APPID)(?:["'\x60\]]{0,2}[ \t]{0,4}(?:=>|[:=,])[ \t]{0,4}["'\x60]?)([0-9a-f]{32})(?![A-Za-z0-9])/y,
    // In a URL's query (`?appid=`, `&appid=`) the key is OpenWeather's; elsewhere the code must say
    // weather (AWS Pinpoint's application ids are 32 hex digits too, written `AppId`).
    check: (s, ctx) => {
      if (!/[0-9]/.test(s) || !/[a-f]/.test(s)) return "reject";
      return /[?&]$/.test(textBefore(ctx, 1)) || /weather|owm/i.test(textAround(ctx, 300)) || /weather/i.test(ctx.path ?? "") ? "secret" : "reject";
    },
    revoke: "https://home.openweathermap.org/api_keys",
  }),
  keyed({ id: "openweathermap-api-key-named", title: "OpenWeather API key", provider: "OpenWeather", category: "service", severity: "medium", keywords: ["openweather", "open_weather", "owm_"], value: `[${HEX}]{32}`, minEntropy: 3, revoke: "https://home.openweathermap.org/api_keys" }),
  // A Google account's app password (https://support.google.com/accounts/answer/185833): 16 small
  // letters, shown in four groups of four, the SMTP or IMAP password of Gmail for the whole account.
  // Written under a password's name: spaced as Google shows it, or run together where the code says mail.
  custom({
    id: "google-app-password", title: "Google account app password (Gmail SMTP/IMAP)", provider: "Google", category: "service", keywords: ["pass", "pwd"], span: 80, context: 300, confidence: "medium", precheck: appPasswordAhead,
    pattern: /(?:[Pp][Aa][Ss][Ss]|[Pp][Ww][Dd]|PASS|PWD)[A-Za-z0-9_.\-]{0,30}["'\x60\]]{0,2}[ \t]{0,6}(?:=|:|=>|,)[ \t]{0,6}["'\x60]?([a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}|[a-z]{16})(?![A-Za-z0-9])/y,
    check: (s, ctx) => {
      const letters = s.replace(/ /g, "");
      // Drawn at random, not words: many different letters, few of English's common letter pairs.
      if (new Set(letters).size < 10 || englishPairs(letters) > 3) return "reject";
      if (looksLikeExample(letters)) return { verdict: "example", note: "a placeholder" };
      if (s.length === 16 && !/mail|smtp|imap|gmail|app_?pass/i.test(textAround(ctx, 300))) return "reject";
      return "secret";
    },
    revoke: "https://myaccount.google.com/apppasswords", reference: "https://support.google.com/accounts/answer/185833",
  }),
  prefixed({ id: "mailgun-public-key", title: "Mailgun public validation key", provider: "Mailgun", category: "service", severity: "low", prefix: "pubkey-", body: `[${HEX}]{32}` }),
  prefixed({ id: "adobe-client-secret", title: "Adobe Developer Console client secret", provider: "Adobe", category: "service", prefix: "p8e-", body: `[${ALNUM}]{32}`, minEntropy: 3.5, revoke: "https://developer.adobe.com/console" }),
  prefixed({ id: "adafruit-io-key", title: "Adafruit IO key", provider: "Adafruit", category: "service", severity: "medium", prefix: "aio_", body: `[${ALNUM}]{28}`, minEntropy: 3.5 }),
  keyed({ id: "adafruit-io-key-legacy", title: "Adafruit IO key (32-hex format)", provider: "Adafruit", category: "service", severity: "medium", keywords: ["adafruit", "aio_key"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /key|token|secret/i }),
  prefixed({ id: "intra42-client-secret", title: "42 (intra) API client secret", provider: "42", category: "service", prefix: ["s-s4t2ud-", "s-s4t2af-"], body: `[${HEX}]{64}` }),
  prefixed({ id: "settlemint-token", title: "SettleMint access token", provider: "SettleMint", category: "service", prefix: ["sm_pat_", "sm_aat_", "sm_sat_"], body: `[${ALNUM}]{16}`, minEntropy: 3 }),
  keyed({ id: "fastly-api-token", title: "Fastly API token", provider: "Fastly", category: "service", severity: "critical", keywords: ["fastly"], value: `[${B64URL}]{32}`, minEntropy: 3.5, revoke: "https://manage.fastly.com/account/personal/tokens" }),
  keyed({ id: "sumologic-access-key", title: "Sumo Logic access key", provider: "Sumo Logic", category: "service", keywords: ["sumo"], value: `[${ALNUM}]{64}`, minEntropy: 4 }),
  keyed({ id: "rapidapi-key", title: "RapidAPI key", provider: "RapidAPI", category: "service", severity: "medium", keywords: ["rapidapi"], value: `[${B64URL}]{50}`, minEntropy: 4 }),
  keyed({ id: "sendbird-token", title: "Sendbird API token", provider: "Sendbird", category: "service", keywords: ["sendbird"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "confluent-api-secret", title: "Confluent Cloud API secret", provider: "Confluent", category: "service", severity: "critical", keywords: ["confluent"], value: `[${ALNUM}+/]{64}`, minEntropy: 4.2, keyMustSay: /secret|pass/i }),
  keyed({ id: "etsy-api-key", title: "Etsy API key", provider: "Etsy", category: "service", severity: "medium", keywords: ["etsy"], value: "[a-z0-9]{24}", minEntropy: 3.5 }),
  keyed({ id: "finnhub-api-key", title: "Finnhub API key", provider: "Finnhub", category: "service", severity: "medium", keywords: ["finnhub"], value: "[a-z0-9]{20}", minEntropy: 3.5 }),
  keyed({ id: "flickr-api-key", title: "Flickr API key or secret", provider: "Flickr", category: "service", severity: "medium", keywords: ["flickr"], value: "[a-z0-9]{32}", minEntropy: 3 }),
  keyed({ id: "freshbooks-token", title: "FreshBooks access token", provider: "FreshBooks", category: "service", keywords: ["freshbooks"], value: "[a-z0-9]{64}", minEntropy: 3.5 }),
  keyed({ id: "kucoin-api-secret", title: "KuCoin API key or secret", provider: "KuCoin", category: "service", severity: "critical", keywords: ["kucoin"], value: `(?:${UUID}|[${HEX}]{24})`, minEntropy: 3 }),
  keyed({ id: "bittrex-api-secret", title: "Bittrex API key or secret", provider: "Bittrex", category: "service", severity: "critical", keywords: ["bittrex"], value: "[a-z0-9]{32}", minEntropy: 3.5 }),
  keyed({ id: "linkedin-client-secret", title: "LinkedIn client secret", provider: "LinkedIn", category: "service", keywords: ["linkedin"], value: `[${ALNUM}]{16}`, minEntropy: 3.5, keyMustSay: /secret/i }),
  keyed({ id: "nytimes-api-key", title: "New York Times API key", provider: "The New York Times", category: "service", severity: "medium", keywords: ["nytimes", "new_york_times", "newyorktimes"], value: `[${B64URL}=]{32}`, minEntropy: 3.8 }),
  keyed({ id: "squarespace-api-key", title: "Squarespace API key", provider: "Squarespace", category: "service", keywords: ["squarespace"], value: UUID, minEntropy: 3 }),
  keyed({ id: "beamer-api-key", title: "Beamer API key", provider: "Beamer", category: "service", severity: "medium", keywords: ["beamer"], value: "b_[a-z0-9=_\\-]{44}", minEntropy: 3.5, keyMustSay: null }),
  keyed({ id: "privateai-api-key", title: "Private AI API key", provider: "Private AI", category: "service", keywords: ["privateai", "private_ai", "private-ai"], value: "[a-z0-9]{32}", minEntropy: 3.5 }),
  keyed({
    id: "django-secret-key", title: "Django SECRET_KEY", provider: "Django", category: "service", keywords: ["secret_key"], keyMustSay: null, camelCase: false,
    // Django's generator: 50 characters of a-z, 0-9 and !@#$%^&*(-_=+), after `django-insecure-`
    // when startproject wrote it; the marks keep the generic detectors from reading it whole.
    value: "(?:django-insecure-)?[A-Za-z0-9!@#$%^&*(\\-_=+)]{50}", end: "(?![A-Za-z0-9!@#$%^&*(\\-_=+)])",
    check: (s) => {
      if (s.startsWith("django-insecure-")) return { verdict: "secret", severity: "medium", note: "the development key startproject writes (django-insecure-); production must use another, kept out of the repository" };
      return shannonEntropy(s) >= 4 ? "secret" : "reject";
    },
    reference: "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key",
  }),
  custom({
    id: "flask-secret-key-bytes", title: "Flask or Python SECRET_KEY as a bytes literal (os.urandom's output)", provider: "Flask", category: "service", keywords: ["secret_key"], span: 1100, confidence: "medium",
    // Flask's documentation has users paste `python -c 'import os; print(os.urandom(16))'`, whose
    // output is a bytes literal of escapes (`b'\x1f\x8e…'`) no token pattern reads. The key signs
    // Flask's session cookie: with it anyone forges a session.
    pattern: /(?<![A-Za-z0-9_])(?:secret_key|SECRET_KEY)["']?\]?[ \t]{0,4}=[ \t]{0,4}b'((?:\\x[0-9a-fA-F]{2}|\\[^x\r\n]|[^'\\\r\n]){12,256})'/y,
    check: (s) => {
      // The value of Flask's quickstart, in every tutorial that copied it.
      if (s === "_5#y2L\"F4Q8z\\n\\xec]/") return { verdict: "example", note: "Flask's documentation's example key" };
      return (s.match(/\\x[0-9a-fA-F]{2}/g) ?? []).length >= 4 ? "secret" : "reject";
    },
    reference: "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
  }),
  keyed({
    id: "laravel-app-key", title: "Laravel APP_KEY (encryption key)", provider: "Laravel", category: "service", keywords: ["app_key"], keyMustSay: null,
    // `php artisan key:generate` writes `base64:` and 32 random bytes (16 for AES-128-CBC); Laravel
    // 5.0 to 5.2 wrote 32 random letters and digits. The key encrypts cookies and sessions and signs
    // URLs: with it anyone forges them (and on old versions runs code: CVE-2018-15133).
    value: `base64:(?:[${B64}]{43}=|[${B64}]{22}==)|[${ALNUM}]{32}`,
    check: (s, ctx) => {
      // The name is APP_KEY itself: `PUSHER_APP_KEY` and `ALGOLIA_APP_KEY` are other services' (public) keys.
      if (/[A-Za-z0-9_]$/.test(textBefore(ctx, 1))) return "reject";
      if (shannonEntropy(s.replace(/^base64:/, "")) < (s.startsWith("base64:") ? 4 : 3.5)) return "reject";
      // phpunit.xml sets the key the test suite runs with: a throwaway, unless it is production's too.
      return /(?:^|\/)phpunit\.xml(?:\.dist)?$/i.test(ctx.path ?? "") ? { verdict: "secret", severity: "low", note: "the test suite's key (phpunit.xml)" } : "secret";
    },
    revoke: "https://laravel.com/docs/encryption#gracefully-rotating-encryption-keys", reference: "https://laravel.com/docs/encryption#configuration",
  }),
  keyed({
    id: "rails-master-key", title: "Rails master key (RAILS_MASTER_KEY)", provider: "Ruby on Rails", category: "service", keywords: ["rails_master_key"], keyMustSay: null,
    // 32 hex digits that decrypt config/credentials.yml.enc, where a Rails app keeps every other secret.
    value: `[${HEX}]{32}`, minEntropy: 3,
    revoke: "https://guides.rubyonrails.org/security.html#custom-credentials", reference: "https://guides.rubyonrails.org/security.html#custom-credentials",
  }),
  wholeFile({
    id: "rails-master-key-file", title: "Rails master key file (config/master.key)", provider: "Ruby on Rails", category: "service", span: 64,
    // `rails new` writes config/master.key (and `rails credentials:edit --environment production`
    // config/credentials/production.key) and lists it in .gitignore: 32 hex digits alone in the file.
    file: /(?:^|\/)(?:master|config\/credentials\/[A-Za-z0-9_-]{1,40})\.key$/, pattern: /([0-9a-f]{32})[ \t\r\n]{0,8}$/, minEntropy: 3,
    revoke: "https://guides.rubyonrails.org/security.html#custom-credentials", reference: "https://guides.rubyonrails.org/security.html#custom-credentials",
  }),
  wholeFile({
    id: "jenkins-master-key-file", title: "Jenkins master key file (secrets/master.key)", provider: "Jenkins", category: "service", span: 300,
    // $JENKINS_HOME/secrets/master.key: 128 random bytes in lower-case hex, alone in the file. It
    // decrypts secrets/hudson.util.Secret, the key of every credential Jenkins stores encrypted
    // (credentials.xml's and jobs' `{AQAAABAAAA…}` values): with the home directory, all of them.
    file: /(?:^|\/)secrets\/master\.key$/, pattern: /([0-9a-f]{256})[ \t\r\n]{0,8}$/, minEntropy: 3,
    reference: "https://www.jenkins.io/doc/book/system-administration/backing-up/",
  }),
  keyed({
    id: "rails-secret-key-base", title: "Rails secret_key_base", provider: "Ruby on Rails", category: "service", keywords: ["secret_key_base"], keyMustSay: null,
    // `rails secret` prints 64 random bytes in hex; older apps kept shorter ones. It signs and
    // encrypts cookies and sessions: with it anyone forges a session.
    value: `[${HEX}]{64,128}`, minEntropy: 3,
    // Rails 4.1 to 5.1 generated config/secrets.yml with fixed keys for development and test (and
    // production's from the environment): those two sign nothing deployed.
    check: (_s, ctx) => {
      // Each line between is indented and not blank, or blank: the two never match the same text.
      const env = /(?:^|\n)([A-Za-z_]{1,40}):[ \t]*\r?\n(?:[ \t]{1,40}[^\s][^\n]{0,300}\n|[ \t]{0,40}\r?\n){0,20}[ \t]{1,8}$/.exec(textBefore(ctx, 2000))?.[1];
      return env === "development" || env === "test" ? { verdict: "secret", severity: "low", note: `the ${env} environment's key` } : "secret";
    },
    reference: "https://api.rubyonrails.org/classes/Rails/Application.html#method-i-secret_key_base",
  }),
  // From the providers' documented formats, and the shapes gitleaks and trufflehog look for.
  keyed({ id: "finicity-secret", title: "Finicity (Mastercard Open Banking) app key or partner secret", provider: "Finicity", category: "service", keywords: ["finicity"], value: `(?:[${HEX}]{32}|[${ALNUM}]{20})`, minEntropy: 3.3 }),
  // Lob's secret keys: `live_` or `test_` and 35 hex digits; the prefix is Mollie's too, so the name must be near.
  prefixed({
    id: "lob-api-key", title: "Lob API key", provider: "Lob", category: "service", prefix: ["live_", "test_"], body: `[${HEX}]{35}`, context: 200,
    check: (s, ctx) => (!/lob/i.test(textAround(ctx, 200)) ? "reject" : s.startsWith("test_") ? { verdict: "secret", severity: "low", note: "a test-environment key" } : "secret"),
    reference: "https://docs.lob.com/#tag/Authentication",
  }),
  // ClickHouse Cloud API key secrets start `4b1d` (as gitleaks finds them); a run of hex digits is a digest, not one.
  prefixed({ id: "clickhouse-cloud-secret", title: "ClickHouse Cloud API key secret", provider: "ClickHouse", category: "service", prefix: "4b1d", body: `[${ALNUM}]{38}`, minEntropy: 4, check: (s) => (/[G-Zg-z]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) ? "secret" : "reject") }),
  // Authress service client access keys: `sc_<client>.<key id>.acc_<account>.<private key>` (extensions `ext_`).
  prefixed({ id: "authress-access-key", title: "Authress service client access key", provider: "Authress", category: "service", prefix: ["sc_", "ext_", "scauth_", "authress_"], body: `[${ALNUM}]{5,30}\\.[${ALNUM}]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[${B64URL}+/=]{30,120}`, end: "(?![A-Za-z0-9_\\-+/=])", reference: "https://authress.io/knowledge-base/docs/authorization/service-clients" }),
  prefixed({ id: "posthog-personal-api-key", title: "PostHog personal API key", provider: "PostHog", category: "service", prefix: "phx_", body: `[${B64URL}]{39,60}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 4, reference: "https://posthog.com/docs/api#private-endpoint-authentication" }),
  custom({ id: "cloudinary-url", title: "Cloudinary API secret (CLOUDINARY_URL)", provider: "Cloudinary", category: "service", keywords: ["cloudinary://"], span: 200, pattern: /cloudinary:\/\/[0-9]{6,20}:([A-Za-z0-9_-]{20,40})@[A-Za-z0-9_-]{1,80}/y, minEntropy: 3.8, reference: "https://cloudinary.com/documentation/how_to_integrate_cloudinary#account_details" }),
  keyed({ id: "rollbar-token", title: "Rollbar access token", provider: "Rollbar", category: "service", severity: "medium", keywords: ["rollbar"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  keyed({ id: "spotify-client-secret", title: "Spotify client secret", provider: "Spotify", category: "service", keywords: ["spotify"], value: `[${HEX}]{32}`, minEntropy: 3, keyMustSay: /secret/i }),
  // Zoho OAuth access and refresh tokens: `1000.` and two runs of 32 hex digits.
  prefixed({ id: "zoho-oauth-token", title: "Zoho OAuth access or refresh token", provider: "Zoho", category: "service", prefix: "1000.", body: `[${HEX}]{32}\\.[${HEX}]{32}`, reference: "https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html" }),
  // Ably API keys: `<app id>.<key id>:<secret>`.
  keyed({ id: "ably-api-key", title: "Ably API key", provider: "Ably", category: "service", keywords: ["ably"], value: `[${B64URL}]{6}\\.[${B64URL}]{5,8}:[${B64URL}]{30,50}`, minEntropy: 4, reference: "https://ably.com/docs/auth/basic" }),
  prefixed({ id: "pubnub-secret-key", title: "PubNub secret key", provider: "PubNub", category: "service", prefix: "sec-c-", body: `[${B64}]{40,60}={0,2}`, end: "(?![A-Za-z0-9+/=])", minEntropy: 4 }),
  // WooCommerce REST API keys: consumer key `ck_` and consumer secret `cs_`, each 40 hex digits; the key alone is half of the pair.
  prefixed({
    id: "woocommerce-api-key", title: "WooCommerce REST API consumer secret or key", provider: "WooCommerce", category: "service", prefix: ["cs_", "ck_"], body: `[${HEX}]{40}`, minEntropy: 3,
    check: (s) => (s.startsWith("ck_") ? { verdict: "secret", severity: "medium", note: "the consumer key (its secret is the other half)" } : "secret"), reference: "https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication",
  }),
  // Ghost Admin API keys: `<id>:<secret>`, 24 and 64 hex digits.
  keyed({ id: "ghost-admin-api-key", title: "Ghost Admin API key", provider: "Ghost", category: "service", keywords: ["ghost"], value: `[${HEX}]{24}:[${HEX}]{64}`, reference: "https://ghost.org/docs/admin-api/#token-authentication" }),
  // Freemius secret keys (`sk_` and 29 printable characters), in a WordPress plugin's PHP (as gitleaks finds them); Stripe's `sk_live_` is Stripe's.
  keyed({
    id: "freemius-secret-key", title: "Freemius secret key", provider: "Freemius", category: "service", keywords: ["secret_key", "freemius"], value: "sk_[A-Za-z0-9!#$%&()*+,./:;=?@^_{|}~\\[\\]-]{29}", end: "(?![A-Za-z0-9!#$%&()*+,./:;=?@^_{|}~\\[\\]-])", minEntropy: 3.8,
    check: (s, ctx) => (/^sk_(?:live|test)_/.test(s) || !(/\.php$/i.test(ctx.path ?? "") || /freemius/i.test(textAround(ctx, 300))) ? "reject" : "secret"),
  }),
  // Salesforce session and OAuth access tokens: the org id (`00D` + 12 or 15 characters), `!`, then the session part.
  custom({
    id: "salesforce-access-token", title: "Salesforce access token", provider: "Salesforce", category: "service", keywords: ["00d"], span: 260, minEntropy: 4,
    precheck: (bytes, at) => (at === 0 || !ALNUM_BYTE[bytes[at - 1] as number]) && (bytes[at + 15] === 33 || bytes[at + 18] === 33),
    pattern: /(00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]{80,200})(?![A-Za-z0-9._])/y, reference: "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm",
  }),
  prefixed({ id: "instagram-access-token", title: "Instagram access token", provider: "Meta", category: "service", prefix: "IGQV", body: `[${B64URL}]{100,400}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 4.5 }),
  keyed({ id: "coveralls-token", title: "Coveralls repository token", provider: "Coveralls", category: "service", severity: "medium", keywords: ["coveralls"], value: `[${ALNUM}]{32,37}`, minEntropy: 3.8 }),
  keyed({ id: "todoist-token", title: "Todoist API token", provider: "Todoist", category: "service", keywords: ["todoist"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "vimeo-token", title: "Vimeo access token or client secret", provider: "Vimeo", category: "service", keywords: ["vimeo"], value: `(?:[${HEX}]{32}|[${B64}]{128})`, minEntropy: 3 }),
  keyed({ id: "pipedrive-token", title: "Pipedrive API token", provider: "Pipedrive", category: "service", keywords: ["pipedrive"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  keyed({ id: "loggly-token", title: "Loggly customer token", provider: "Loggly", category: "service", severity: "medium", keywords: ["loggly"], value: UUID, minEntropy: 3 }),
  keyed({ id: "airbrake-key", title: "Airbrake project or user key", provider: "Airbrake", category: "service", severity: "medium", keywords: ["airbrake"], value: `[${HEX}]{32}`, minEntropy: 3 }),
  // OneSignal REST API keys: `os_v2_app_…` (and `os_v2_org_…`) today, 48 characters before.
  keyed({ id: "onesignal-api-key", title: "OneSignal REST API key", provider: "OneSignal", category: "service", keywords: ["onesignal"], value: `(?:os_v2_(?:app|org)_[a-z0-9]{50,200}|[${B64URL}]{48})`, minEntropy: 3.8 }),
  keyed({ id: "meraki-api-key", title: "Cisco Meraki Dashboard API key", provider: "Cisco Meraki", category: "service", severity: "critical", keywords: ["meraki"], value: `[${HEX}]{40}`, minEntropy: 3 }),
  // Chief Tools (Account Chief) tokens: `ctp_` personal, `cto_` OAuth access, `ctr_` refresh, then 30 to 248 letters and digits (gitleaks' chieftools rules).
  prefixed({
    id: "chieftools-token", title: "Chief Tools personal access, access or refresh token", provider: "Chief Tools", category: "service", prefix: ["ctp_", "cto_", "ctr_"], body: `[${ALNUM}]{30,248}`, minEntropy: 3.5,
    check: (s) => randomSecret(s.slice(4)), reference: "https://docs.chief.tools/accountchief/tokens",
  }),
  prefixed({ id: "rootly-api-key", title: "Rootly API key", provider: "Rootly", category: "service", prefix: "rootly_", body: `[${HEX}]{64}`, minEntropy: 3, reference: "https://docs.rootly.com/api-reference/overview" }),
  prefixed({ id: "apify-api-token", title: "Apify API token", provider: "Apify", category: "service", prefix: "apify_api_", body: `[${ALNUM}]{36}`, minEntropy: 3.5, revoke: "https://console.apify.com/settings/integrations" }),
  // ngrok's agent authtokens and API keys: `2`, 26 letters and digits, `_`, a digit and 20 more (as trufflehog's ngrok detector reads them),
  // under an ngrok name, an ngrok.yml's `authtoken:`, or on the command line that saves it.
  keyed({ id: "ngrok-authtoken", title: "ngrok authtoken or API key", provider: "ngrok", category: "service", keywords: ["ngrok", "authtoken"], value: `2[${ALNUM}]{26}_[0-9][${ALNUM}]{20}`, keyMustSay: null, minEntropy: 3.5, revoke: "https://dashboard.ngrok.com/get-started/your-authtoken" }),
  custom({
    id: "ngrok-authtoken-cli", title: "ngrok authtoken on the command line that saves it", provider: "ngrok", category: "service", keywords: ["add-authtoken", "ngrok authtoken"], span: 120, minEntropy: 3.5,
    pattern: /(?:add-authtoken|ngrok authtoken)[ \t]{1,8}["']?(2[A-Za-z0-9]{26}_[0-9][A-Za-z0-9]{20})(?![A-Za-z0-9])/y, revoke: "https://dashboard.ngrok.com/get-started/your-authtoken",
  }),
  // Onfido API tokens: `api_live.` (or a region's `api_live_us.`, `api_live_ca.`), an 11-character token id and a 32-character secret; `api_sandbox.` reaches test data only.
  prefixed({
    id: "onfido-api-token", title: "Onfido API token", provider: "Onfido", category: "service", prefix: ["api_live.", "api_live_us.", "api_live_ca.", "api_sandbox.", "api_sandbox_us.", "api_sandbox_ca."], body: `[${B64URL}]{11}\\.[${B64URL}]{32}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 3.5,
    check: (s) => (s.startsWith("api_sandbox") ? { verdict: "secret", severity: "low", note: "a sandbox token" } : "secret"), reference: "https://documentation.onfido.com/api/latest/#authentication",
  }),
  // Telnyx API v2 keys: `KEY` and 55 characters, under a Telnyx name (as trufflehog's telnyx detector reads them).
  keyed({ id: "telnyx-api-key", title: "Telnyx API key", provider: "Telnyx", category: "service", keywords: ["telnyx"], value: `KEY[${B64URL}]{55}`, minEntropy: 3.8, keyMustSay: null, revoke: "https://portal.telnyx.com/#/app/api-keys" }),
  // Looker API3 credentials: a 20-character client id and a 24-character secret (gitleaks' looker-client-secret), in looker.ini's `[Looker]` section or under a Looker name.
  keyed({ id: "looker-client-secret", title: "Looker API client secret", provider: "Google Looker", category: "service", keywords: ["looker"], value: `[${ALNUM}]{24}`, minEntropy: 3.5, keyMustSay: /secret/i }),
];
