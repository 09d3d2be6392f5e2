// A protobuf wire-format encoder (https://protobuf.dev/programming-guides/encoding/), enough for
// tests to write TensorFlow and ONNX messages field by field; the field numbers are the callers'.

/** A varint's bytes (exact up to 2^53). */
export function varint(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? b | 0x80 : b);
    if (n === 0) return out;
  }
}

/** A length-delimited field: a string, bytes or an embedded message. */
export function ld(field: number, body: Buffer | string): Buffer {
  const b = typeof body === "string" ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from([...varint((field << 3) | 2), ...varint(b.length)]), b]);
}

/** A varint field. */
export function vi(field: number, n: number): Buffer {
  return Buffer.from([...varint(field << 3), ...varint(n)]);
}
