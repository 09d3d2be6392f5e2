// Private keys of every armoured kind: PEM (PKCS#1, PKCS#8, SEC1, DSA), OpenSSH, PGP, PuTTY, SSH2,
// OpenVPN's static and tls-crypt-v2 keys; and of two unarmoured ones: WireGuard's configuration and
// JSON Web Keys.
import { anyCase, assignmentAhead, custom, textBefore, type CandidateContext, type Detector, type Judgement, type Verdict } from "../detector.js";
import { looksLikeExample } from "../placeholder.js";

const ROTATE = "https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret";

/** What the BEGIN line and the headers say about a PEM block. */
function pemKind(block: string): Judgement {
  const label = /-----BEGIN ([A-Z0-9 ]{0,40}?)-----/.exec(block)?.[1] ?? "";
  const body = block.replace(/-----(?:BEGIN|END) [A-Z0-9 ]{0,40}-----/g, "").replace(/^[A-Za-z-]{1,40}:.*$/gm, "").replace(/\\[nr]|[\s"',+]/g, "");
  // Truncated or elided examples in documentation: "MIIE...", "<your key>", a few characters, the
  // words of a stand-in. The armour's headers are not read for them: a PGP key's `Comment: Alice
  // <alice@example.org>`, which PGPainless and Sequoia write, names its owner.
  const unheaded = withoutHeaders(block.slice(0, 4096));
  if (body.length < 64 || /\.\.\.|<|>|x{8}|X{8}|…/.test(unheaded)) return { verdict: "example", note: "an elided or placeholder key" };
  if (looksLikeExample(withoutHeaders(block))) return { verdict: "example", note: "an example or placeholder value" };
  const encrypted = /ENCRYPTED/.test(label) || /Proc-Type:[ \t]{0,3}4,ENCRYPTED/.test(block) || (label === "OPENSSH PRIVATE KEY" && opensshEncrypted(body));
  const kind = label.replace(/ ?PRIVATE KEY( BLOCK)?/, "").trim();
  const what = kind === "" ? "PKCS#8" : kind === "ENCRYPTED" ? "encrypted PKCS#8" : kind;
  return encrypted ? { verdict: "secret", severity: "medium", note: `${what}, encrypted with a passphrase` } : { verdict: "secret", note: what };
}

/** The block without its armour's header lines (`Comment: …`, `Proc-Type: …`), whether its lines end in line breaks or in `\\n` escapes (a key kept in a JSON string). */
function withoutHeaders(block: string): string {
  return block.replace(/(^|\n|\\n)[A-Za-z][A-Za-z0-9-]{0,39}:[ \t][^\r\n\\]{0,2000}/g, "$1");
}

/** An OpenSSH key names its cipher in clear after the magic: "none" means no passphrase. */
function opensshEncrypted(body: string): boolean {
  const head = Buffer.from(body.slice(0, 64), "base64").toString("latin1");
  return head.startsWith("openssh-key-v1") && !head.slice(15, 40).includes("none");
}

/**
 * A JWK's `d` (RSA, EC, OKP) or `k` (oct) member is its private or symmetric part (RFC 7518,
 * sections 6.2.2.1, 6.3.2.1 and 6.4.1; RFC 8037 for OKP): only in an object whose `kty` says so.
 * The object is the text between the braces around the member (JWKs are flat objects).
 */
function jwkMember(ctx: CandidateContext): Verdict | Judgement {
  const open = ctx.text.lastIndexOf("{", ctx.index);
  const close = ctx.text.indexOf("}", ctx.index);
  if (open < 0 || close < 0) return "reject";
  const object = ctx.text.slice(open, close);
  const kty = /"kty"[ \t\r\n]{0,8}:[ \t\r\n]{0,8}"(RSA|EC|OKP|oct)"/.exec(object)?.[1];
  const member = ctx.match[0].charAt(1);
  if (kty === undefined || (member === "k") !== (kty === "oct")) return "reject";
  return { verdict: "secret", note: kty === "oct" ? "a symmetric key (kty oct)" : `${kty} private key` };
}

/**
 * An OpenVPN key's use decides what it opens: in a profile's `<tls-auth>` or `<tls-crypt>` it only
 * lets a stranger reach the TLS handshake (the certificates still authenticate), while a static key
 * used with `--secret`, or a tls-crypt-v2 server key (which mints client keys), is the tunnel's own key.
 */
function openvpnKey(block: string, ctx: CandidateContext): Verdict | Judgement {
  const body = block.replace(/-----(?:BEGIN|END) OpenVPN [A-Za-z0-9 -]{1,40}-----/g, "").replace(/\s/g, "");
  // A documentation sample of zeros or a repeated line carries no key.
  if (body.length < 128 || new Set(body).size < 12) return { verdict: "example", note: "a placeholder key" };
  const before = textBefore(ctx, 600);
  const tag = Math.max(before.lastIndexOf("<tls-auth>"), before.lastIndexOf("<tls-crypt>"));
  // Only blank lines and comments (the `# 2048 bit OpenVPN static key` header) between the tag and the key.
  if (tag >= 0 && /^>?[ \t\r\n]*(?:#[^\n]*\n[ \t\r\n]*)*$/.test(before.slice(before.indexOf(">", tag)))) return { verdict: "secret", severity: "medium", note: "a tls-auth or tls-crypt key: it lets anyone reach the server's TLS handshake, the certificates still authenticate" };
  return { verdict: "secret", note: block.includes("tls-crypt-v2 client") ? "a tls-crypt-v2 client key" : block.includes("tls-crypt-v2 server") ? "a tls-crypt-v2 server key: it mints client keys" : "a static key" };
}

export const KEY_DETECTORS: readonly Detector[] = [
  custom({
    id: "private-key", title: "Private key (PEM, OpenSSH or PGP)", provider: "Cryptographic key", category: "private-key", keywords: ["-----begin"], span: 40_000, confidence: "high", quick: /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY/, terminator: "-----END",
    // A lazy body bounded to 40,000 characters, then the END line of the same family.
    pattern: /(-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,40000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----)/y,
    check: (s) => pemKind(s), checksExamples: true, revoke: ROTATE, reference: "https://www.rfc-editor.org/rfc/rfc7468",
  }),
  custom({
    id: "putty-private-key", title: "PuTTY private key (.ppk)", provider: "Cryptographic key", category: "private-key", keywords: ["putty-user-key-file-"], span: 12_000, confidence: "high", quick: /PuTTY-User-Key-File-[23]: /, terminator: "Private-Lines:",
    pattern: /(PuTTY-User-Key-File-[23]: [a-z0-9@.-]{3,60}\r?\nEncryption: [a-z0-9-]{1,30}[\s\S]{0,8000}?Private-Lines: \d{1,3}\r?\n(?:[A-Za-z0-9+/=]{1,80}\r?\n){1,120})/y,
    check: (s) => (/Encryption: none/.test(s) ? { verdict: "secret", note: "unencrypted" } : { verdict: "secret", severity: "medium", note: "encrypted with a passphrase" }), revoke: ROTATE,
  }),
  custom({
    id: "ssh2-private-key", title: "SSH2 (Tectia) private key", provider: "Cryptographic key", category: "private-key", keywords: ["---- begin ssh2 encrypted private key ----"], span: 20_000, confidence: "high", quick: /---- BEGIN SSH2/, terminator: "---- END SSH2",
    pattern: /(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----[\s\S]{64,16000}?---- END SSH2 ENCRYPTED PRIVATE KEY ----)/y, severity: "medium", revoke: ROTATE,
  }),
  custom({
    id: "wireguard-private-key", title: "WireGuard private key or preshared key", provider: "WireGuard", category: "private-key", keywords: ["privatekey", "presharedkey"], span: 80, confidence: "high", precheck: assignmentAhead(8),
    // wg(8)'s configuration: `PrivateKey = ` and `PresharedKey = ` open a line (wg reads the names
    // in any case) and take 32 bytes in base64, 44 characters whose 43rd is one of the 16 that leave
    // the last two bits zero. wg-easy keeps its server's and clients' keys as JSON (`"privateKey": "…"`,
    // `"preSharedKey"`), and Ansible or Helm values as YAML.
    pattern: new RegExp(`(?<=(?:^|[\\n\\r])[ \\t]{0,40}["']?)(?:${anyCase("privatekey")}|${anyCase("presharedkey")})["']?[ \\t]{0,4}[=:][ \\t]{0,4}["']?([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])`, "y"),
    minEntropy: 4, revoke: "https://www.wireguard.com/quickstart/#key-generation", reference: "https://man7.org/linux/man-pages/man8/wg.8.html",
  }),
  custom({
    id: "openvpn-static-key", title: "OpenVPN static key (tls-auth, tls-crypt, tls-crypt-v2 or --secret)", provider: "OpenVPN", category: "private-key", keywords: ["-----begin openvpn "], span: 4000, confidence: "high",
    quick: /-----BEGIN OpenVPN (?:Static key V1|tls-crypt-v2 (?:server|client) key)-----/, terminator: "-----END OpenVPN",
    // `openvpn --genkey` writes 2048 bits as 16 lines of 32 hex digits between its own armour (a
    // ta.key, or inline in a profile's <tls-auth>, <tls-crypt> or <secret>); tls-crypt-v2 keys are
    // base64 lines. The armour is not PEM's, so the private-key detector does not see it.
    pattern: /(-----BEGIN OpenVPN (?:Static key V1|tls-crypt-v2 (?:server|client) key)-----\r?\n(?:[A-Za-z0-9+/=]{16,80}\r?\n){4,80}-----END OpenVPN (?:Static key V1|tls-crypt-v2 (?:server|client) key)-----)/y,
    check: (s, ctx) => openvpnKey(s, ctx), reference: "https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/",
  }),
  custom({
    id: "jwk-private-key", title: "JSON Web Key with its private part", provider: "JOSE", category: "private-key", keywords: ['"d"', '"k"'], span: 1500, context: 3000, confidence: "high",
    pattern: /"[dk]"[ \t]{0,4}:[ \t]{0,4}"([A-Za-z0-9_-]{22,1400})"/y,
    minEntropy: 3.5, check: (_s, ctx) => jwkMember(ctx), reference: "https://www.rfc-editor.org/rfc/rfc7517",
  }),
  // .NET's XML form of an RSA key (`RSA.ToXmlString(true)`, `<RSAKeyValue>…`): with its private
  // exponent `<D>` (and P, Q…) it is the private key; with only Modulus and Exponent, the public one.
  // The whole element is the secret, so no part of it shows in a snippet. Each step of the pattern
  // reads up to and including one `<`, which is a tag's or nothing: a single way through, linear.
  custom({
    id: "xml-rsa-private-key", title: "RSA private key in .NET's XML form (RSAKeyValue with its private exponent D)", provider: "Cryptographic key", category: "private-key", keywords: ["<rsakeyvalue>"], span: 12000, confidence: "high",
    pattern: /(<RSAKeyValue>(?:[^<]{0,1400}<(?!D>|\/RSAKeyValue>)){0,40}[^<]{0,1400}<D>[ \t\r\n]{0,8}[A-Za-z0-9+/]{64,1400}={0,2}[ \t\r\n]{0,8}<\/D>(?:[^<]{0,1400}<(?!\/RSAKeyValue>)){0,40}[^<]{0,1400}<\/RSAKeyValue>)/y,
    check: (s) => (looksLikeExample(s.replace(/<\/?[A-Za-z]{1,12}>/g, "")) ? { verdict: "example", note: "an example or placeholder value" } : "secret"), revoke: ROTATE,
  }),
];
