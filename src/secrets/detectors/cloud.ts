// Cloud and hosting platforms: keys that reach infrastructure, storage and billing.
import { ALNUM, ALNUM_BYTE, B64, B64URL, HEX, UUID, byteTable, custom, keyed, prefixed, textAround, textBefore, tokenStartAt, type Detector, type Verdict } from "../detector.js";
import { charClasses } from "../entropy.js";
import { isReference, looksLikeExample } from "../placeholder.js";

/** The prefixes of AWS's access key ids (IAM users, roles, STS sessions…). */
const AWS_KEY_ID = /^(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{12,124}$/;
const AWS_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
const AZURE_KEYS = "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage";

/**
 * The prefixes of access key ids, which are 20 characters: AKIA for a long-term key, ASIA for a
 * temporary one, ABIA and ACCA for service-specific ones, then 16 base32 characters; the legacy
 * `A3T` takes a fourth character of its own (`A3T[A-Z0-9]`, as gitleaks reads it), so its ids are
 * 20 characters too.
 */
const AWS_KEY_ID_PREFIXES = ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"];
/** What follows an access key id's prefix: A3T's own fourth character, then 16 base32 characters. */
const AWS_KEY_ID_BODY = "(?:(?<=A3T)[A-Z0-9][A-Z2-7]{16}|(?<!A3T)[A-Z2-7]{16})";

const UPPER_OR_DIGIT_BYTE = byteTable((c) => /[A-Z0-9]/.test(c));
const BASE32_BYTE = byteTable((c) => /[A-Z2-7]/.test(c));

/** The byte test of an access key id at a keyword: where a token may start, the prefix in capitals (with A3T's fourth character), 16 base32 characters, then no letter or digit. */
function awsKeyIdAt(bytes: Uint8Array, at: number): boolean {
  if (at + 20 > bytes.length) return false;
  for (let i = at; i < at + 4; i++) if (UPPER_OR_DIGIT_BYTE[bytes[i] as number] !== 1) return false;
  for (let i = at + 4; i < at + 20; i++) if (BASE32_BYTE[bytes[i] as number] !== 1) return false;
  return ALNUM_BYTE[bytes[at + 20] as number] !== 1 && tokenStartAt(bytes, at);
}

/** A PEM body inside JSON ("\n" escapes) long enough to be a key, not a truncated example. */
function pemInJson(secret: string): Verdict {
  const body = secret.replace(/-----[A-Z ]{1,40}-----/g, "").replace(/\\{1,2}[nr]|\s/g, "");
  return body.length >= 200 ? "secret" : "example";
}

/** Words around a Google API key that say it calls Gemini (AI Studio's keys, `genai.configure(api_key=…)`, the Generative Language API). */
const GEMINI_CONTEXT = /gemini|genai|generativelanguage|generative[_-]?ai|google[_-]?ai[_-]?(?:studio|api)/i;

/** The service a Microsoft common annotated security key names in its signature (characters 76 to 80). */
const ANNOTATED_KEY_SERVICES: Readonly<Record<string, string>> = { ACOG: "an Azure AI services key (Cognitive Services, Azure OpenAI, Speech, Vision)" };

/**
 * True for a token body a random generator wrote: upper and lower case letters and digits all
 * present, and few `_`/`-` (an identifier such as `cfut_get_user_token_from_env` has many, and
 * seldom all three classes).
 */
function randomLooking(body: string): boolean {
  const alnum = body.replace(/[_-]/g, "");
  return charClasses(alnum) === 3 && body.length - alnum.length <= 4;
}

export const CLOUD_DETECTORS: readonly Detector[] = [
  prefixed({
    id: "aws-access-key-id", title: "AWS access key ID", provider: "Amazon Web Services", category: "cloud", severity: "high", prefix: AWS_KEY_ID_PREFIXES, body: AWS_KEY_ID_BODY, precheck: awsKeyIdAt,
    end: "(?![A-Za-z0-9])", revoke: AWS_KEYS, reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
    check: (s, ctx) => {
      if (s.length !== 20) return "reject";
      // A presigned URL's `X-Amz-Credential=` (or a signed request's `Credential=`) carries the key id by
      // design, to be shared: the secret key never travels, and the signature expires.
      if (/Credential=$/.test(textBefore(ctx, 20))) return { verdict: "secret", severity: "low", note: "in a signed request's credential scope, which carries the key id by design" };
      return "secret";
    },
  }),
  // Named as AWS's SDKs and tools name it (`aws_secret_access_key`, `SecretAccessKey`, the Java SDK's
  // `aws.secretKey` property, Spring Cloud AWS's `cloud.aws.credentials.secret-key`). A 40-character
  // value under any other name is left to the generic detectors, as gitleaks does (it has no rule
  // for the secret key without its name: 40 base64 characters alone are not AWS's).
  keyed({
    id: "aws-secret-access-key", title: "AWS secret access key", provider: "Amazon Web Services", category: "cloud", confidence: "high",
    keywords: ["aws_secret", "aws-secret", "awssecret", "secret_access_key", "secretaccesskey", "secret-access-key", "aws_sk", "aws.secret", "aws.credentials.secret"], value: `[${B64}]{40}`, minEntropy: 4, keyMustSay: null, revoke: AWS_KEYS,
    // S3-compatible services (MinIO, Ceph, Wasabi) name their keys as AWS does; beside an access key id
    // AWS never issues (no AKIA/ASIA… prefix), the secret is theirs, not a key to an AWS account.
    check: (_s, ctx) => {
      const id = /(?:access_?key_?id|AccessKeyId|accessKey)(?:["']?[ \t]{0,4}[:=][ \t]{0,4}["']?|>)([A-Z0-9]{16,128})\b/i.exec(textAround(ctx, 800))?.[1];
      return id !== undefined && !AWS_KEY_ID.test(id) ? { verdict: "secret", severity: "medium", note: "beside an access key id AWS does not issue (an S3-compatible service)" } : "secret";
    },
  }),
  // A key id and its secret handed over together under names that do not say AWS, or none: SDKs take
  // them positionally (Go's `credentials.NewStaticCredentials("AKIA…", "…", "")`, Java's `new
  // BasicAWSCredentials("AKIA…", "…")`, Ruby's `Aws::Credentials.new('AKIA…', '…')`, boto3's
  // `Session("AKIA…", "…")`), or as a call's keyword arguments. As trufflehog pairs them: the
  // 40-character base64 string that follows the id within 200 characters, as the next argument or
  // under a name saying secret. Found, it is masked wherever the id's finding quotes the line. A
  // detector that names the secret (above, below) knows it better: it wins where both find it.
  custom({
    id: "aws-secret-access-key-paired", title: "AWS secret access key (next to its access key ID)", provider: "Amazon Web Services", category: "cloud", confidence: "high", priority: 7,
    keywords: AWS_KEY_ID_PREFIXES.map((p) => p.toLowerCase()), span: 300, minEntropy: 4, inBundles: true, revoke: AWS_KEYS, precheck: awsKeyIdAt,
    pattern: /(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])[\s\S]{1,200}?(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=])/y,
    check: (secret, ctx) => {
      const whole = ctx.match[0];
      const between = whole.slice(20, whole.length - secret.length);
      // The next argument (`", "`, across a line break too), the password of `AKIA…:…`, or a name that says secret.
      const next = /^["'\x60]?[ \t]{0,4}[,:][ \t\r\n]{0,40}["'\x60]?$/.test(between);
      if (!next && !/secret/i.test(between)) return "reject";
      // AWS's secret keys are random base64: both cases of letters (a SHA-1 in hex, a word run is not one).
      return /[a-z]/.test(secret) && /[A-Z]/.test(secret) ? "secret" : "reject";
    },
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
  }),
  // s3cmd's .s3cfg and other S3 clients write `access_key = AKIA…` and `secret_key = …`: under that
  // generic name the 40 characters are AWS's only beside a key id AWS issues. Elsewhere (MinIO's
  // `secret_key`) this detector passes and the generic one judges the value.
  keyed({
    id: "aws-secret-key-beside-key-id", title: "AWS secret access key beside its key id (s3cmd's secret_key)", provider: "Amazon Web Services", category: "cloud", confidence: "high",
    keywords: ["secret_key"], value: `[${B64}]{40}`, minEntropy: 4, keyMustSay: null, vetoes: false, context: 600, revoke: AWS_KEYS,
    check: (_s, ctx) => (new RegExp(`(?<![A-Z0-9])${AWS_KEY_ID.source.slice(1, -1)}(?![A-Z0-9])`).test(textAround(ctx, 600)) ? "secret" : "reject"),
  }),
  // The AWS CLI's own way to store a key, in CI scripts and Dockerfiles: `aws configure set
  // aws_secret_access_key …` (blanks, no `=`, so no keyed detector reads it), with a profile's
  // prefix (`default.aws_secret_access_key`) or `--profile` anywhere before `set`
  // (https://docs.aws.amazon.com/cli/latest/reference/configure/set.html).
  custom({
    id: "aws-cli-configure-secret", title: "AWS secret access key set with aws configure set", provider: "Amazon Web Services", category: "cloud", confidence: "high", keywords: ["configure set "], span: 120, minEntropy: 4, revoke: AWS_KEYS,
    pattern: /configure set[ \t]{1,8}(?:--profile[ \t]{1,8}[A-Za-z0-9_.-]{1,40}[ \t]{1,8})?(?:[A-Za-z0-9_-]{1,40}\.)?aws_secret_access_key[ \t]{1,8}["']?([A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=])/y,
    // AWS's secret keys are random base64: both cases of letters.
    check: (s) => (/[a-z]/.test(s) && /[A-Z]/.test(s) ? "secret" : "reject"),
    reference: "https://docs.aws.amazon.com/cli/latest/reference/configure/set.html",
  }),
  custom({
    id: "kubeconfig-user-token", title: "Kubernetes user token in a kubeconfig", provider: "Kubernetes", category: "cloud", severity: "high", keywords: ["token:"], span: 4200, context: 3000, confidence: "high", priority: 11,
    // A kubeconfig's `users[].user.token` is a bearer token for the cluster's API (a service
    // account's JWT, or a static or OIDC token): whoever holds it acts as that user on the cluster.
    // Read only in a kubeconfig (by its name, or a document of `kind: Config` with clusters).
    pattern: /(?<=(?:^|[\r\n])[ \t]{1,40})token:[ \t]{0,4}["']?([A-Za-z0-9._~+/=:-]{20,4096})["']?(?=[ \t]*(?:[\r\n]|$))/y,
    check: (s, ctx) => {
      const kubeconfig = /(?:^|\/)(?:[^/]*kubeconfig[^/]*|\.kube\/config)$/i.test(ctx.path ?? "") || (/^kind:[ \t]{0,4}["']?Config["']?[ \t]*\r?$/m.test(ctx.text) && /^clusters:/m.test(ctx.text));
      if (!kubeconfig || isReference(s) || charClasses(s) < 2) return "reject";
      return looksLikeExample(s) ? { verdict: "example", note: "a placeholder" } : "secret";
    },
    reference: "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
  }),
  keyed({ id: "aws-session-token", title: "AWS session token", provider: "Amazon Web Services", category: "cloud", severity: "high", keywords: ["aws_session_token", "aws-session-token", "awssessiontoken", "sessiontoken", "aws_security_token"], value: `[${B64}]{100,1200}={0,2}`, minEntropy: 4.5, keyMustSay: null }),
  prefixed({ id: "aws-mws-key", title: "Amazon Marketplace Web Service auth token", provider: "Amazon", category: "cloud", prefix: "amzn.mws.", body: `[${HEX}]{8}-[${HEX}]{4}-[${HEX}]{4}-[${HEX}]{4}-[${HEX}]{12}` }),
  prefixed({ id: "aws-bedrock-api-key", title: "Amazon Bedrock API key", provider: "Amazon Web Services", category: "cloud", prefix: "ABSKQmVkcm9ja0FQSUtleS", body: `[${B64}]{40,300}={0,2}`, end: "(?![A-Za-z0-9+/=])", revoke: "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html" }),
  custom({
    // The key file as written, or kept as a string in another JSON or code (`credentials = "{\"type\": …}"`),
    // its quotes escaped and its line breaks escaped twice.
    id: "gcp-service-account-key", title: "Google Cloud service account key (JSON key file)", provider: "Google Cloud", category: "cloud", keywords: ['"private_key"', 'private_key\\"'], back: [0, 2], span: 8000, priority: 20, context: 4000,
    pattern: /\\?"private_key\\?"[ \t]{0,4}:[ \t]{0,4}\\?"(-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\{1,2}[nr]|[A-Za-z0-9+/= ]){50,6000}-----END (?:RSA )?PRIVATE KEY-----(?:\\{1,2}n)?)\\?"/y,
    check: (s, ctx) => {
      const around = textAround(ctx, 4000).replace(/\\+"/g, '"');
      if (!/"type"[ \t]{0,4}:[ \t]{0,4}"service_account"|"client_email"[ \t]{0,4}:[ \t]{0,4}"[^"]{1,200}\.iam\.gserviceaccount\.com"|"private_key_id"/.test(around)) return "reject";
      // A key file for an account that cannot exist (`service-account@example.com`, `"project_id": "example-project"`) is a library's test data.
      if (/"client_email"[ \t]{0,4}:[ \t]{0,4}"[^"@]{1,200}@example\.(?:com|org|net)"|"project_id"[ \t]{0,4}:[ \t]{0,4}"(?:example|test|fake|dummy|my)-project"/.test(around)) return { verdict: "example", note: "a key file for an example account" };
      return pemInJson(s);
    },
    revoke: "https://cloud.google.com/iam/docs/keys-disable-enable", reference: "https://cloud.google.com/iam/docs/keys-create-delete",
  }),
  // A Google API key is reported, as gitleaks and GitHub report it, but at medium: the same `AIza`
  // key is what Firebase's web config, Maps' script tag and google-services.json ship to every
  // browser and phone by design (Google's docs: restrict it, do not hide it), as the family reports
  // other browser keys (Segment's write key, New Relic's browser key) below the default gate. Named
  // for Gemini (AI Studio's keys are `AIza` too) it bills the project for every call and is no
  // browser key: high.
  prefixed({
    id: "google-api-key", title: "Google API key", provider: "Google Cloud", category: "cloud", severity: "medium", prefix: "AIza", body: `[${B64URL}]{35}`, end: "(?![A-Za-z0-9_\\-])", context: 200,
    check: (_s, ctx) => (GEMINI_CONTEXT.test(textAround(ctx, 200)) ? { verdict: "secret", severity: "high", note: "a Gemini API key: it bills the project for every call" } : { verdict: "secret", note: "Google API keys are served to browsers and apps by design (Firebase, Maps): restrict it to its APIs and callers" }),
    revoke: "https://console.cloud.google.com/apis/credentials", reference: "https://cloud.google.com/docs/authentication/api-keys",
  }),
  prefixed({ id: "google-oauth-client-secret", title: "Google OAuth client secret", provider: "Google Cloud", category: "cloud", severity: "high", prefix: "GOCSPX-", body: `[${B64URL}]{28}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://console.cloud.google.com/apis/credentials" }),
  prefixed({ id: "google-oauth-access-token", title: "Google OAuth access token", provider: "Google Cloud", category: "cloud", severity: "medium", prefix: "ya29.", body: `[${B64URL}]{30,2000}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 4 }),
  custom({
    id: "google-oauth-refresh-token", title: "Google OAuth refresh token", provider: "Google Cloud", category: "cloud", severity: "high", keywords: ["1//0"], span: 120,
    pattern: /(?<![A-Za-z0-9/])(1\/\/0[A-Za-z0-9_-]{40,100})(?![A-Za-z0-9_-])/y, minEntropy: 4,
  }),
  custom({
    id: "firebase-cloud-messaging-key", title: "Firebase Cloud Messaging server key", provider: "Google Firebase", category: "cloud", severity: "high", keywords: [":apa91b"], back: 11, span: 150,
    pattern: /(?<![A-Za-z0-9_-])(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])/g,
  }),
  keyed({
    id: "azure-storage-account-key", title: "Azure Storage account key (or Cosmos DB key) in a connection string", provider: "Microsoft Azure", category: "cloud", keywords: ["accountkey", "account_key", "storage_key", "storagekey", "storage-key", "storage_access_key", "primarykey", "primary_key", "masterkey", "master_key"],
    value: `[${B64}]{86}==`, keyMustSay: null, revoke: AZURE_KEYS,
  }),
  // An App Configuration store's access key in its connection string, `Endpoint=https://<store>.azconfig.io;Id=<id>;Secret=<secret>`
  // (https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication).
  custom({
    id: "azure-app-configuration-connection-string", title: "Azure App Configuration access key in a connection string", provider: "Microsoft Azure", category: "cloud", severity: "high", keywords: [".azconfig.io;"], span: 260,
    pattern: /\.azconfig\.io;Id=[A-Za-z0-9+/=:_\-]{1,80};Secret=([A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/y, minEntropy: 4,
    revoke: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
  }),
  // SignalR Service's and Web PubSub's access key in their connection string, as the portal gives it:
  // `Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;`.
  custom({
    id: "azure-signalr-access-key", title: "Azure SignalR Service / Web PubSub access key in a connection string", provider: "Microsoft Azure", category: "cloud", keywords: [".service.signalr.net", ".webpubsub.azure.com"], span: 200,
    pattern: /\.(?:service\.signalr\.net|webpubsub\.azure\.com)(?::[0-9]{1,5})?\/?;AccessKey=([A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/y, minEntropy: 4,
    revoke: "https://learn.microsoft.com/azure/azure-signalr/signalr-howto-key-rotation",
  }),
  keyed({ id: "azure-shared-access-key", title: "Azure Service Bus / Event Hubs / IoT shared access key", provider: "Microsoft Azure", category: "cloud", keywords: ["sharedaccesskey"], value: `[${B64}]{43}=`, keyMustSay: null, revoke: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas" }),
  custom({
    id: "azure-sas-token", title: "Azure shared access signature (SAS)", provider: "Microsoft Azure", category: "cloud", severity: "high", keywords: ["sv=20"], span: 1400,
    pattern: /sv=20\d\d-\d\d-\d\d(?:&(?!sig=)[A-Za-z0-9_%.:=-]{1,200}){1,15}&sig=([A-Za-z0-9%+/]{40,100}(?:%3[Dd]|=){0,2})(?![A-Za-z0-9%+/=])/y,
    revoke: "https://learn.microsoft.com/azure/storage/common/storage-sas-overview",
  }),
  custom({
    id: "azure-ad-client-secret", title: "Microsoft Entra ID (Azure AD) application client secret", provider: "Microsoft Azure", category: "cloud", keywords: ["q~"], back: 4, span: 40,
    pattern: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g, minEntropy: 4,
    revoke: "https://learn.microsoft.com/entra/identity-platform/howto-create-service-principal-portal",
  }),
  custom({
    id: "azure-identifiable-key", title: "Azure identifiable key (Storage, Functions, Container Registry, Cosmos DB, API Management, Batch, Relay, Event Grid, Cache for Redis…)", provider: "Microsoft Azure", category: "cloud",
    keywords: ["+ast", "azfu", "+acr", "acdb", "apim", "+asb", "+aeh", "aiot", "azse", "+aba", "+amc", "+arm", "azca", "azeg"], back: [76, 44, 42, 33], span: 12,
    // Microsoft's identifiable formats (microsoft/security-utilities): a signature at a fixed offset,
    // 32-byte keys (Service Bus, Event Hubs, Relay, IoT, Cache for Redis, Event Grid) with the
    // signature 33 characters in, 64-byte ones (Storage, Cosmos DB, Batch, ML classic, API
    // Management) 76 characters in.
    pattern: /(?<![A-Za-z0-9+/_-])([A-Za-z0-9+/]{76}(?:\+ABa|\+AMC)[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9+/]{33}(?:\+ARm|AzCa|AZEG)[A-P][A-Za-z0-9+/]{5}=|[A-Za-z0-9+/]{76}\+ASt[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6}|[A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9+/]{33}\+ASb[A-Za-z0-9+/]{5}=|[A-Za-z0-9+/]{33}\+AEh[A-Za-z0-9+/]{5}=|[A-Za-z0-9+/]{33}AIoT[A-Za-z0-9+/]{5}=|[A-Za-z0-9+/]{42}AzSe[A-Za-z0-9+/]{6})(?![A-Za-z0-9+/=_-])/g,
    revoke: "https://learn.microsoft.com/azure/security/fundamentals/secrets-best-practices",
  }),
  // Microsoft's common annotated security keys (84 characters, 2024 on): 52 random, the `JQQJ9`
  // marker, a version and a date, and at offset 76 the issuing service's signature: `ACOG` for
  // Azure AI services and Azure OpenAI, the keys most often committed (microsoft/security-utilities,
  // SEC101/200). Azure DevOps' `AZDO` is azure-devops-pat's.
  custom({
    id: "azure-annotated-key", title: "Azure common annotated key (Azure AI services, Azure OpenAI and other services' 84-character keys)", provider: "Microsoft Azure", category: "cloud", keywords: ["jqqj9"], back: 52, span: 40,
    pattern: /(?<![A-Za-z0-9])([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}[A-Za-z][A-Za-z0-9]{7}(?:[A-Za-z0-9]{2}==)?)(?![A-Za-z0-9+/=])/g,
    check: (s) => {
      const signature = s.slice(76, 80);
      if (signature === "AZDO") return "reject";
      return { verdict: "secret", note: ANNOTATED_KEY_SERVICES[signature] ?? `a Microsoft annotated key (signature ${signature})` };
    },
    revoke: "https://learn.microsoft.com/azure/ai-services/authentication#regenerate-keys", reference: "https://github.com/microsoft/security-utilities/blob/main/docs/SecretScanning.md",
  }),
  // Azure Data Factory's self-hosted integration runtime key: `IR@<guid>@<factory>@<region>@<key>`;
  // it registers a machine as the factory's runtime, which then runs its pipelines' copies.
  custom({
    id: "azure-data-factory-shir-key", title: "Azure Data Factory self-hosted integration runtime key", provider: "Microsoft Azure", category: "cloud", severity: "high", keywords: ["ir@"], span: 260,
    precheck: (bytes, at) => bytes[at] === 73 && bytes[at + 1] === 82 && tokenStartAt(bytes, at),
    pattern: /(IR@[0-9A-Za-z-]{36}@[A-Za-z0-9_.-]{1,90}@[A-Za-z0-9=-]{1,40}@[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/y, minEntropy: 4,
    revoke: "https://learn.microsoft.com/azure/data-factory/create-self-hosted-integration-runtime", reference: "https://learn.microsoft.com/azure/data-factory/create-self-hosted-integration-runtime",
  }),
  // CAST AI's API keys: `castai_v1_`, 64 characters and an 8-character suffix (gitleaks' castai-api-key); they reach the organisation's Kubernetes clusters.
  prefixed({ id: "castai-api-key", title: "CAST AI API key", provider: "CAST AI", category: "cloud", severity: "high", prefix: "castai_v1_", body: `[${ALNUM}]{64}_[${ALNUM}]{8}`, revoke: "https://console.cast.ai/user/api-access" }),
  // Aiven's API tokens: 372 base64 characters (`Authorization: aivenv1 <token>`), under an Aiven name (as trufflehog's aiven detector reads them).
  keyed({ id: "aiven-api-token", title: "Aiven API token", provider: "Aiven", category: "cloud", severity: "high", keywords: ["aiven"], value: `[${B64}=]{372}`, minEntropy: 4.5, revoke: "https://console.aiven.io/profile/tokens" }),
  prefixed({ id: "alibaba-access-key-id", title: "Alibaba Cloud AccessKey ID", provider: "Alibaba Cloud", category: "cloud", severity: "high", prefix: "LTAI", body: `[${ALNUM}]{12,20}`, minEntropy: 3 }),
  keyed({ id: "alibaba-access-key-secret", title: "Alibaba Cloud AccessKey secret", provider: "Alibaba Cloud", category: "cloud", keywords: ["alibaba", "aliyun", "alicloud"], value: `[${ALNUM}]{30}`, minEntropy: 4 }),
  // The secret is handed over right after its AccessKey ID, under names that do not say Alibaba:
  // `DefaultProfile.getProfile(region, "LTAI…", "…")`, `setAccessKeySecret("…")` on the next line,
  // a provider block's `secret_key = "…"`. Read up to 200 characters on from the ID, and only what
  // a separator between two arguments or a name saying secret leads to.
  custom({
    id: "alibaba-access-key-secret-paired", title: "Alibaba Cloud AccessKey secret (next to its AccessKey ID)", provider: "Alibaba Cloud", category: "cloud", keywords: ["ltai"], span: 260, minEntropy: 4,
    pattern: /LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])[\s\S]{1,200}?(?<![A-Za-z0-9])([A-Za-z0-9]{30})(?![A-Za-z0-9])/y,
    check: (secret, ctx) => {
      const whole = ctx.match[0];
      const id = /^LTAI[A-Za-z0-9]{12,20}/.exec(whole)?.[0] ?? "";
      const between = whole.slice(id.length, whole.length - secret.length);
      return /secret/i.test(between) || /^[ \t]{0,4}["'\x60][ \t]{0,4},[ \t]{0,4}["'\x60]$/.test(between) ? "secret" : "reject";
    },
  }),
  keyed({ id: "tencent-cloud-secret-key", title: "Tencent Cloud SecretKey", provider: "Tencent Cloud", category: "cloud", keywords: ["tencent", "qcloud"], value: `[${ALNUM}]{32}`, minEntropy: 3.8, keyMustSay: /secret|key/i }),
  prefixed({ id: "tencent-cloud-secret-id", title: "Tencent Cloud SecretId", provider: "Tencent Cloud", category: "cloud", severity: "high", prefix: "AKID", body: `[${ALNUM}]{32}`, minEntropy: 3.5 }),
  keyed({ id: "ibm-cloud-api-key", title: "IBM Cloud API key", provider: "IBM Cloud", category: "cloud", keywords: ["ibm", "bluemix"], value: `[${B64URL}]{44}`, minEntropy: 4.2, revoke: "https://cloud.ibm.com/iam/apikeys" }),
  prefixed({ id: "digitalocean-pat", title: "DigitalOcean personal access token", provider: "DigitalOcean", category: "cloud", prefix: "dop_v1_", body: `[${HEX}]{64}`, revoke: "https://cloud.digitalocean.com/account/api/tokens" }),
  prefixed({ id: "digitalocean-oauth-token", title: "DigitalOcean OAuth access token", provider: "DigitalOcean", category: "cloud", prefix: "doo_v1_", body: `[${HEX}]{64}` }),
  prefixed({ id: "digitalocean-refresh-token", title: "DigitalOcean OAuth refresh token", provider: "DigitalOcean", category: "cloud", prefix: "dor_v1_", body: `[${HEX}]{64}` }),
  prefixed({ id: "digitalocean-spaces-key", title: "DigitalOcean Spaces access key", provider: "DigitalOcean", category: "cloud", severity: "high", prefix: "DO00", body: "[A-Z0-9]{16}", minEntropy: 3 }),
  // Heroku's keys carry the `HRKU-` prefix: `HRKU-AA` + 58 characters, and the same prefix on a
  // UUID (keys of the older UUID format, as committed bot configs hold them).
  prefixed({ id: "heroku-api-key", title: "Heroku API key", provider: "Heroku", category: "cloud", prefix: "HRKU-", body: `(?:AA[${B64URL}]{58}|${UUID})`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://dashboard.heroku.com/account/applications" }),
  custom({
    id: "heroku-netrc-api-key", title: "Heroku API key in a .netrc (heroku login)", provider: "Heroku", category: "cloud", keywords: ["machine api.heroku.com", "machine git.heroku.com"], span: 500, priority: 11, revoke: "https://dashboard.heroku.com/account",
    // `heroku login` writes the account's API key as the password of api.heroku.com and git.heroku.com.
    pattern: new RegExp(`machine[ \\t]{1,10}(?:api|git)\\.heroku\\.com(?:[ \\t\\r\\n]{1,20}(?:login|account)[ \\t]{1,10}[^\\s]{1,128}){0,2}[ \\t\\r\\n]{1,20}password[ \\t]{1,10}(${UUID})(?![A-Za-z0-9-])`, "y"),
    minEntropy: 3, reference: "https://devcenter.heroku.com/articles/authentication#api-token-storage",
  }),
  keyed({ id: "heroku-api-key-legacy", title: "Heroku API key (UUID format)", provider: "Heroku", category: "cloud", keywords: ["heroku"], value: UUID, minEntropy: 3, revoke: "https://dashboard.heroku.com/account" }),
  keyed({ id: "cloudflare-api-token", title: "Cloudflare API token", provider: "Cloudflare", category: "cloud", keywords: ["cloudflare", "cf_api", "cf-api", "cf_token"], value: `[${B64URL}]{40}`, minEntropy: 4, revoke: "https://dash.cloudflare.com/profile/api-tokens" }),
  keyed({ id: "cloudflare-global-api-key", title: "Cloudflare global API key", provider: "Cloudflare", category: "cloud", keywords: ["cloudflare", "cf_api_key", "cf-api-key", "x-auth-key"], value: `[${HEX}]{37}`, minEntropy: 3.2, revoke: "https://dash.cloudflare.com/profile/api-tokens" }),
  // Since April 2026 Cloudflare's credentials are scannable: cfk_ (global API key), cfut_ (user token), cfat_ (account token), 40 characters and a checksum.
  prefixed({
    id: "cloudflare-prefixed-token", title: "Cloudflare API key or token (prefixed)", provider: "Cloudflare", category: "cloud", severity: "critical", prefix: ["cfk_", "cfut_", "cfat_"],
    body: `[${B64URL}]{40,52}`, end: "(?![A-Za-z0-9_\\-])", check: (s) => (randomLooking(s.slice(s.indexOf("_") + 1)) ? "secret" : "reject"),
    revoke: "https://dash.cloudflare.com/profile/api-tokens", reference: "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/",
  }),
  prefixed({ id: "cloudflare-origin-ca-key", title: "Cloudflare Origin CA key", provider: "Cloudflare", category: "cloud", severity: "high", prefix: "v1.0-", body: `[${HEX}]{24}-[${HEX}]{146}` }),
  keyed({ id: "linode-token", title: "Linode (Akamai) personal access token", provider: "Akamai Linode", category: "cloud", keywords: ["linode"], value: `[${HEX}]{64}`, minEntropy: 3.5 }),
  keyed({ id: "vultr-api-key", title: "Vultr API key", provider: "Vultr", category: "cloud", keywords: ["vultr"], value: "[A-Z0-9]{36}", minEntropy: 3.5 }),
  prefixed({ id: "scaleway-access-key", title: "Scaleway access key", provider: "Scaleway", category: "cloud", severity: "high", prefix: "SCW", body: "[A-Z0-9]{17}", minEntropy: 3 }),
  keyed({ id: "scaleway-secret-key", title: "Scaleway secret key", provider: "Scaleway", category: "cloud", keywords: ["scaleway", "scw_secret", "scw-secret"], value: UUID, minEntropy: 3 }),
  keyed({ id: "hetzner-token", title: "Hetzner Cloud API token", provider: "Hetzner", category: "cloud", keywords: ["hetzner", "hcloud"], value: `[${ALNUM}]{64}`, minEntropy: 4.5 }),
  // `fly tokens create` prints `FlyV1 fm2_…`; the macaroon is also handed around without the scheme word (as gitleaks finds it).
  custom({ id: "flyio-token", title: "Fly.io access token", provider: "Fly.io", category: "cloud", keywords: ["fo1_", "flyv1 fm", "fm1a_", "fm1r_", "fm2_"], span: 4000, pattern: /(?<![A-Za-z0-9])(fo1_[A-Za-z0-9_-]{43}|(?:FlyV1 )?fm(?:1[ar]|2)_[A-Za-z0-9+/=,_-]{100,3000})(?![A-Za-z0-9+/=_-])/y, minEntropy: 4 }),
  prefixed({ id: "netlify-token", title: "Netlify personal access token", provider: "Netlify", category: "cloud", severity: "high", prefix: "nfp_", body: `[${ALNUM}]{36}`, revoke: "https://app.netlify.com/user/applications" }),
  keyed({ id: "netlify-token-legacy", title: "Netlify access token (unprefixed)", provider: "Netlify", category: "cloud", severity: "high", keywords: ["netlify"], value: `[${B64URL}]{40,46}`, minEntropy: 4 }),
  keyed({ id: "vercel-token", title: "Vercel access token", provider: "Vercel", category: "cloud", severity: "high", keywords: ["vercel", "now_token"], value: `[${ALNUM}]{24}`, minEntropy: 3.8, revoke: "https://vercel.com/account/tokens" }),
  // Since late 2025 every Vercel credential names its kind: vcp_ (personal), vci_ (integration), vca_ and vcr_ (app access and refresh), vck_ (API key).
  prefixed({
    id: "vercel-prefixed-token", title: "Vercel access token or API key (prefixed)", provider: "Vercel", category: "cloud", severity: "high", prefix: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    body: `[${ALNUM}]{24,200}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 3.5, revoke: "https://vercel.com/account/tokens", reference: "https://vercel.com/changelog/new-token-formats-and-secret-scanning",
  }),
  prefixed({ id: "render-api-key", title: "Render API key", provider: "Render", category: "cloud", severity: "high", prefix: "rnd_", body: `[${ALNUM}]{32}` }),
  keyed({ id: "railway-token", title: "Railway API token", provider: "Railway", category: "cloud", severity: "high", keywords: ["railway"], value: UUID, minEntropy: 3 }),
  prefixed({ id: "supabase-access-token", title: "Supabase personal access token", provider: "Supabase", category: "cloud", prefix: "sbp_", body: `[${HEX}]{40}` }),
  prefixed({ id: "supabase-secret-key", title: "Supabase secret API key", provider: "Supabase", category: "cloud", prefix: "sb_secret_", body: `[${B64URL}]{31,64}`, end: "(?![A-Za-z0-9_\\-])" }),
  prefixed({ id: "databricks-token", title: "Databricks personal access token", provider: "Databricks", category: "cloud", prefix: "dapi", body: `[${HEX}]{32}(?:-\\d)?`, end: "(?![A-Za-z0-9])" }),
  prefixed({ id: "openshift-token", title: "OpenShift user token", provider: "Red Hat OpenShift", category: "cloud", severity: "high", prefix: "sha256~", body: `[${B64URL}]{43}`, end: "(?![A-Za-z0-9_\\-])" }),
  prefixed({ id: "planetscale-token", title: "PlanetScale token or password", provider: "PlanetScale", category: "cloud", severity: "high", prefix: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"], body: `[${B64URL}.]{32,64}`, end: "(?![A-Za-z0-9_\\-.])" }),
  keyed({ id: "oracle-cloud-key", title: "Oracle Cloud auth token", provider: "Oracle Cloud", category: "cloud", severity: "high", keywords: ["oci_", "oracle_cloud", "oraclecloud"], value: "[A-Za-z0-9+:;.()<>\\[\\]{}#_-]{20}", minEntropy: 4, keyMustSay: /token|secret|pass/i }),
  prefixed({ id: "yandex-api-key", title: "Yandex Cloud API key", provider: "Yandex Cloud", category: "cloud", prefix: "AQVN", body: `[${B64URL}]{35,38}`, end: "(?![A-Za-z0-9_\\-])", minEntropy: 3.5, revoke: "https://yandex.cloud/en/docs/iam/operations/api-key/delete" }),
  // Yandex Cloud's static access keys (the S3-compatible API): the key id is `YCAJ…` (25 characters), the secret `YC` + 38.
  keyed({ id: "yandex-static-key", title: "Yandex Cloud static access key secret", provider: "Yandex Cloud", category: "cloud", keywords: ["yandex", "yc_secret", "yc_storage"], value: `YC[${B64URL}]{38}`, minEntropy: 4, reference: "https://yandex.cloud/en/docs/iam/concepts/authorization/access-key" }),
  prefixed({ id: "yandex-iam-token", title: "Yandex Cloud IAM token", provider: "Yandex Cloud", category: "cloud", severity: "high", prefix: "t1.", body: `[${B64URL}]{20,400}={0,2}\\.[${B64URL}]{86}={0,2}`, end: "(?![A-Za-z0-9_\\-=])" }),
  prefixed({ id: "scalingo-api-token", title: "Scalingo API token", provider: "Scalingo", category: "cloud", prefix: "tk-us-", body: `[${B64URL}]{48}`, end: "(?![A-Za-z0-9_\\-])", revoke: "https://dashboard.scalingo.com/account/tokens" }),
  // Tailscale's key prefixes (kb/1277): tskey-<type>-<key id>-<secret>, the id ending in CNTRL.
  prefixed({ id: "tailscale-key", title: "Tailscale API access token, auth key, OAuth client secret, SCIM or webhook key", provider: "Tailscale", category: "cloud", prefix: ["tskey-api-", "tskey-auth-", "tskey-client-", "tskey-scim-", "tskey-webhook-"], body: `[${ALNUM}]{4,24}-[${ALNUM}]{24,64}`, minEntropy: 3.5, revoke: "https://login.tailscale.com/admin/settings/keys", reference: "https://tailscale.com/kb/1277/key-prefixes" }),
  prefixed({ id: "defined-networking-api-key", title: "Defined Networking (Nebula) API key", provider: "Defined Networking", category: "cloud", severity: "high", prefix: "dnkey-", body: "[a-z0-9=_\\-]{26}-[a-z0-9=_\\-]{52}", end: "(?![a-z0-9=_\\-])" }),
];
