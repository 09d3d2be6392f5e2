// Private keys of every armoured kind: PEM (PKCS#1, PKCS#8, SEC1, DSA), OpenSSH, PGP, PuTTY, SSH2.
import { custom, type Detector, type Judgement } from "../detector.js";

const ROTATE = "https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret";

/** What the BEGIN line and the headers say about a PEM block. */
function pemKind(block: string): Judgement {
  const label = /-----BEGIN ([A-Z0-9 ]{0,40}?)-----/.exec(block)?.[1] ?? "";
  const body = block.replace(/-----(?:BEGIN|END) [A-Z0-9 ]{0,40}-----/g, "").replace(/^[A-Za-z-]{1,40}:.*$/gm, "").replace(/\\[nr]|[\s"',+]/g, "");
  // Truncated or elided examples in documentation: "MIIE...", "<your key>", a few characters.
  if (body.length < 64 || /\.\.\.|<|>|x{8}|X{8}|…/.test(block.slice(0, 4096))) return { verdict: "example", note: "an elided or placeholder key" };
  const encrypted = /ENCRYPTED/.test(label) || /Proc-Type:[ \t]{0,3}4,ENCRYPTED/.test(block) || (label === "OPENSSH PRIVATE KEY" && opensshEncrypted(body));
  const kind = label.replace(/ ?PRIVATE KEY( BLOCK)?/, "").trim();
  const what = kind === "" ? "PKCS#8" : kind === "ENCRYPTED" ? "encrypted PKCS#8" : kind;
  return encrypted ? { verdict: "secret", severity: "medium", note: `${what}, encrypted with a passphrase` } : { verdict: "secret", note: what };
}

/** An OpenSSH key names its cipher in clear after the magic: "none" means no passphrase. */
function opensshEncrypted(body: string): boolean {
  const head = Buffer.from(body.slice(0, 64), "base64").toString("latin1");
  return head.startsWith("openssh-key-v1") && !head.slice(15, 40).includes("none");
}

export const KEY_DETECTORS: readonly Detector[] = [
  custom({
    id: "private-key", title: "Private key (PEM, OpenSSH or PGP)", provider: "Cryptographic key", category: "private-key", keywords: ["-----begin"], span: 40_000, confidence: "high", quick: /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY/, terminator: "-----END",
    // A lazy body bounded to 40,000 characters, then the END line of the same family.
    pattern: /(-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,40000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----)/y,
    check: (s) => pemKind(s), revoke: ROTATE, reference: "https://www.rfc-editor.org/rfc/rfc7468",
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
];
