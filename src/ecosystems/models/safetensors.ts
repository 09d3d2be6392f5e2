// The safetensors header: an 8-byte little-endian length, then that many bytes of JSON naming each
// tensor's dtype, shape and byte range. Checked for what a loader relies on, without trusting it.

/** A validated safetensors header. */
export interface SafetensorsHeader {
  headerLength: number;
  tensors: number;
  metadata: Record<string, string>;
}

const DTYPES = new Set(["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64"]);
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(headerJson));
  } catch {
    throw new Error("header is not valid UTF-8 JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("header is not a JSON object");
  const dataSize = fileSize - 8 - headerLength;
  let tensors = 0;
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (typeof value !== "object" || value === null || Object.values(value).some((v) => typeof v !== "string")) throw new Error("__metadata__ must map strings to strings");
      metadata = value as Record<string, string>;
      continue;
    }
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t !== "object" || t === null || typeof t.dtype !== "string" || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets)) throw new Error(`tensor ${name.slice(0, 80)} lacks dtype, shape or data_offsets`);
    if (!DTYPES.has(t.dtype)) throw new Error(`tensor ${name.slice(0, 80)} has unknown dtype ${String(t.dtype).slice(0, 20)}`);
    const [begin, end] = t.data_offsets as unknown[];
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || (begin as number) < 0 || (end as number) < (begin as number)) throw new Error(`tensor ${name.slice(0, 80)} has invalid data_offsets`);
    if ((end as number) > dataSize) throw new Error(`tensor ${name.slice(0, 80)} ends at byte ${end as number} of the data, past its end (${dataSize} bytes): truncated or crafted`);
    if (!(t.shape as unknown[]).every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw new Error(`tensor ${name.slice(0, 80)} has an invalid shape`);
    tensors++;
  }
  return { headerLength, tensors, metadata };
}
