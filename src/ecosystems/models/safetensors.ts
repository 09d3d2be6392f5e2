// The safetensors header: an 8-byte little-endian length, then that many bytes of JSON naming each
// tensor's dtype, shape and byte range. Checked for what a loader relies on, without trusting it.

/** A validated safetensors header. */
export interface SafetensorsHeader {
  headerLength: number;
  tensors: number;
  metadata: Record<string, string>;
}

/** Bits per element of each dtype the format defines. */
const DTYPE_BITS: Record<string, number> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, F64: 64, I64: 64, U64: 64, C64: 64,
};
/** The reference implementation refuses headers over 100 MB. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

/** The header's length from the first 8 bytes. */
export function safetensorsHeaderLength(head: Uint8Array): number {
  let v = 0;
  for (let k = 7; k >= 0; k--) v = v * 256 + (head[k] ?? 0);
  return v;
}

/** Validates the header JSON against the file size; throws Error with the reason. */
export function checkSafetensors(headerJson: Uint8Array, headerLength: number, fileSize: number): SafetensorsHeader {
  // The reference loader checks the first byte before parsing (InvalidHeaderStart); padding spaces may only follow.
  if (headerJson[0] !== 0x7b) throw new Error("header does not start with `{`");
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerJson));
  } catch {
    throw new Error("header is not valid UTF-8 JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("header is not a JSON object");
  const dataSize = fileSize - 8 - headerLength;
  let tensors = 0;
  const ranges: { name: string; begin: number; end: number }[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof value !== "object" || value === null || Object.values(value).some((v) => typeof v !== "string")) throw new Error("__metadata__ must map strings to strings");
      metadata = value as Record<string, string>;
      continue;
    }
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== "object" || t === null || typeof t.dtype !== "string" || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) throw new Error(`tensor ${name.slice(0, 80)} lacks dtype, shape or data_offsets`);
    const bits = Object.hasOwn(DTYPE_BITS, t.dtype) ? DTYPE_BITS[t.dtype] : undefined;
    if (bits === undefined) throw new Error(`tensor ${name.slice(0, 80)} has unknown dtype ${String(t.dtype).slice(0, 20)}`);
    const [begin, end] = t.data_offsets as unknown[];
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || (begin as number) < 0 || (end as number) < (begin as number)) throw new Error(`tensor ${name.slice(0, 80)} has invalid data_offsets`);
    if ((end as number) > dataSize) throw new Error(`tensor ${name.slice(0, 80)} ends at byte ${end as number} of the data, past its end (${dataSize} bytes): truncated or crafted`);
    if (!(t.shape as unknown[]).every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw new Error(`tensor ${name.slice(0, 80)} has an invalid shape`);
    // The reference loader refuses a byte range that is not exactly its shape's size (TensorInvalidInfo).
    const elements = (t.shape as number[]).reduce((a, d) => a * d, 1);
    const bytes = (elements * bits) / 8;
    if (!Number.isSafeInteger(bytes) || bytes !== (end as number) - (begin as number)) throw new Error(`tensor ${name.slice(0, 80)} spans ${(end as number) - (begin as number)} bytes, but its dtype and shape make ${Number.isSafeInteger(bytes) ? bytes : "an impossible size"}`);
    ranges.push({ name, begin: begin as number, end: end as number });
    tensors++;
  }
  // Tensors tile the data exactly, in offset order, with no hole, overlap or leftover bytes (the reference's InvalidOffset and MetadataIncompleteBuffer).
  ranges.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const r of ranges) {
    if (r.begin !== at) throw new Error(`tensor ${r.name.slice(0, 80)} starts at byte ${r.begin} of the data, where ${at} was expected: a hole or an overlap between tensors`);
    at = r.end;
  }
  if (at !== dataSize) throw new Error(`the tensors cover ${at} bytes of data, but the file holds ${dataSize}: bytes no tensor accounts for`);
  return { headerLength, tensors, metadata };
}
