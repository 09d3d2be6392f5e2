import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

// A Sigstore instance without transparency or CT logs, run by the tests, as GitHub runs one for
// the attestations of private repositories: a Fulcio-like certificate authority whose leaf
// certificates carry no SCT, and an RFC 3161 timestamp authority that gives each signature its
// trusted time. Its trusted root (Sigstore's TrustedRoot JSON) names only those two. Everything is
// DER built here from RFC 5280 (certificates), RFC 5652 (CMS SignedData) and RFC 3161 (TSTInfo).

/** An instance: its trusted root, and a way to sign an in-toto statement keyless with it. */
export interface TestInstance {
  trustedRoot: object;
  /** A v0.3 bundle of `statement` signed by `identity` (issuer `issuer`), timestamped by the instance's TSA and logged nowhere. */
  signed(statement: object, identity: string, issuer: string): object;
}

/** When the test certificates are valid, and when the timestamp authority says each signature was made. */
const NOT_BEFORE = new Date("2026-01-01T00:00:00Z");
const NOT_AFTER = new Date("2026-01-01T00:10:00Z");
const SIGNED_AT = new Date("2026-01-01T00:05:00Z");

/** A new instance with fresh P-256 keys. */
export function testInstance(): TestInstance {
  const ca = selfSigned("Test Fulcio Root", ecKey());
  const tsaRoot = selfSigned("Test TSA Root", ecKey());
  const tsaKey = ecKey();
  const tsaLeaf = certificate({ serial: TSA_SERIAL, issuer: tsaRoot.name, subject: name("Test TSA"), key: tsaKey.publicKey, signer: tsaRoot.key.privateKey, notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2030-01-01T00:00:00Z"), extensions: [ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.8")), true)] });
  const trustedRoot = {
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    tlogs: [],
    certificateAuthorities: [{ subject: { organization: "test", commonName: "Test Fulcio Root" }, uri: "https://fulcio.test.invalid", certChain: { certificates: [{ rawBytes: ca.der.toString("base64") }] }, validFor: { start: "2025-01-01T00:00:00Z" } }],
    ctlogs: [],
    timestampAuthorities: [{ subject: { organization: "test", commonName: "Test TSA" }, uri: "https://tsa.test.invalid", certChain: { certificates: [{ rawBytes: tsaLeaf.toString("base64") }, { rawBytes: tsaRoot.der.toString("base64") }] }, validFor: { start: "2025-01-01T00:00:00Z" } }],
  };
  let serial = 100;
  return {
    trustedRoot,
    signed(statement, identity, issuer) {
      const signer = ecKey();
      const leaf = certificate({
        serial: serial++,
        issuer: ca.name,
        subject: seq(),
        key: signer.publicKey,
        signer: ca.key.privateKey,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        extensions: [
          ext("2.5.29.15", bitString(Buffer.from([0x80]), 7), true),
          ext("2.5.29.37", seq(oid("1.3.6.1.5.5.7.3.3"))),
          ext("2.5.29.17", seq(tlv(0x86, Buffer.from(identity))), true),
          ext("1.3.6.1.4.1.57264.1.1", Buffer.from(issuer)),
          ext("1.3.6.1.4.1.57264.1.8", tlv(0x0c, Buffer.from(issuer))),
        ],
      });
      const payloadType = "application/vnd.in-toto+json";
      const payload = Buffer.from(JSON.stringify(statement));
      const pae = Buffer.concat([Buffer.from(`DSSEv1 ${payloadType.length} ${payloadType} ${payload.length} `), payload]);
      const sig = sign("sha256", pae, signer.privateKey);
      return {
        mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
        verificationMaterial: { certificate: { rawBytes: leaf.toString("base64") }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: timestamp(sig, TSA_SERIAL, tsaRoot.name, tsaKey.privateKey).toString("base64") }] } },
        dsseEnvelope: { payload: payload.toString("base64"), payloadType, signatures: [{ sig: sig.toString("base64"), keyid: "" }] },
      };
    },
  };
}

/** An RFC 3161 TimeStampResp (status granted) whose token says `data` (a signature) existed at SIGNED_AT. */
function timestamp(data: Buffer, tsaSerial: number, tsaIssuer: Buffer, tsaKey: KeyObject): Buffer {
  const tstInfo = seq(int(1), oid("1.2.3.4.1"), seq(seq(oid(SHA256)), octets(createHash("sha256").update(data).digest())), int(42), generalizedTime(SIGNED_AT));
  const attributes = [seq(oid("1.2.840.113549.1.9.3"), set(oid(TSTINFO))), seq(oid("1.2.840.113549.1.9.4"), set(octets(createHash("sha256").update(tstInfo).digest())))];
  // The signature covers the attributes encoded as a SET; the token carries them tagged [0].
  const signature = sign("sha256", set(...attributes), tsaKey);
  const signerInfo = seq(int(1), seq(tsaIssuer, int(tsaSerial)), seq(oid(SHA256)), tlv(0xa0, Buffer.concat(attributes)), seq(oid(ECDSA_SHA256)), octets(signature));
  const signedData = seq(int(3), set(seq(oid(SHA256))), seq(oid(TSTINFO), tlv(0xa0, octets(tstInfo))), set(signerInfo));
  return seq(seq(int(0)), seq(oid("1.2.840.113549.1.7.2"), tlv(0xa0, signedData)));
}

const SHA256 = "2.16.840.1.101.3.4.2.1";
const TSA_SERIAL = 7;
const ECDSA_SHA256 = "1.2.840.10045.4.3.2";
const TSTINFO = "1.2.840.113549.1.9.16.1.4";

const ecKey = (): { privateKey: KeyObject; publicKey: KeyObject } => generateKeyPairSync("ec", { namedCurve: "P-256" });

function selfSigned(cn: string, key: { privateKey: KeyObject; publicKey: KeyObject }): { der: Buffer; name: Buffer; key: { privateKey: KeyObject; publicKey: KeyObject } } {
  const n = name(cn);
  const der = certificate({ serial: 1, issuer: n, subject: n, key: key.publicKey, signer: key.privateKey, notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2030-01-01T00:00:00Z"), extensions: [ext("2.5.29.19", seq(bool(true)), true), ext("2.5.29.15", bitString(Buffer.from([0x06]), 1), true)] });
  return { der, name: n, key };
}

/** An X.509 v3 certificate signed with ECDSA P-256 / SHA-256. */
function certificate(c: { serial: number; issuer: Buffer; subject: Buffer; key: KeyObject; signer: KeyObject; notBefore: Date; notAfter: Date; extensions: Buffer[] }): Buffer {
  const tbs = seq(tlv(0xa0, int(2)), int(c.serial), seq(oid(ECDSA_SHA256)), c.issuer, seq(utcTime(c.notBefore), utcTime(c.notAfter)), c.subject, c.key.export({ type: "spki", format: "der" }), tlv(0xa3, seq(...c.extensions)));
  return seq(tbs, seq(oid(ECDSA_SHA256)), bitString(sign("sha256", tbs, c.signer), 0));
}

const name = (cn: string): Buffer => seq(set(seq(oid("2.5.4.10"), tlv(0x0c, Buffer.from("test")))), set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn)))));

function ext(id: string, value: Buffer, critical = false): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), content]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const bitString = (b: Buffer, unused: number): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));

function int(v: number): Buffer {
  const bytes: number[] = [];
  for (let x = v; ; x = Math.floor(x / 256)) {
    bytes.unshift(x % 256);
    if (x < 256) break;
  }
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const group: number[] = [p & 0x7f];
    for (let x = Math.floor(p / 128); x > 0; x = Math.floor(x / 128)) group.unshift(0x80 | (x & 0x7f));
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

const utcTime = (d: Date): Buffer => tlv(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, "")}Z`));
const generalizedTime = (d: Date): Buffer => tlv(0x18, Buffer.from(`${d.toISOString().slice(0, 19).replace(/[-:T]/g, "")}Z`));
