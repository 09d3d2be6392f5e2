import { ASN1Obj } from "@sigstore/core";

// @sigstore/verify compares and checks certificates by re-encoding their parsed ASN.1 to DER
// every time (X509Certificate.equals and .verify, the chain builder's de-duplication and issuer
// search, SCT checks). @sigstore/core's encoder (3.x) grows a fresh 1 KiB block stream twice per
// node, so one certificate costs a few hundred zeroed allocations and a bundle's chain check
// re-encodes the same certificates dozens of times: most of `assay verify`'s time after start-up.
// The same encoding, byte for byte, is built here from the parts' encodings with one allocation
// per node. Nothing is cached, so a parsed object that a caller changes (the SCT check removes
// an extension from a copy) still encodes as it now is.

/** The parts of @sigstore/core's ASN1Obj the encoder reads. */
export interface Node {
  tag: { toDER(): number };
  value: Uint8Array;
  subs: Node[];
  toDER(): Buffer;
}

/** DER length octets, as @sigstore/core writes them (short form below 128, else long form). */
function lengthOctets(len: number): number[] {
  if (len < 128) return [len];
  const bytes: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** The DER encoding of a parsed ASN.1 object (what ASN1Obj#toDER returns), one allocation per node. */
export function encodeDer(node: Node): Buffer {
  return toDER.call(node);
}

function toDER(this: Node): Buffer {
  const value = this.subs.length > 0 ? Buffer.concat(this.subs.map((s) => s.toDER())) : this.value;
  const len = lengthOctets(value.length);
  const out = Buffer.allocUnsafe(1 + len.length + value.length);
  // One byte, as the original writes it into a byte array (high tag numbers are truncated there too).
  out[0] = this.tag.toDER() & 0xff;
  out.set(len, 1);
  out.set(value, 1 + len.length);
  return out;
}

let installed = false;

/** Replaces ASN1Obj#toDER with the equivalent encoder above; idempotent. */
export function useFastDerEncoding(): void {
  if (installed) return;
  installed = true;
  (ASN1Obj.prototype as unknown as Node).toDER = toDER;
}
