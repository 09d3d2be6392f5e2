/** NumPy's fixed sizes of the one-letter type codes written without a count (`d`, `i`, `?`). */
const FIXED: Readonly<Record<string, number>> = { "?": 1, b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, e: 2, f: 4, d: 8, g: 16, F: 8, D: 16, G: 32 };

/**
 * Bytes per item of a NumPy dtype string as np.save's header or a pickled dtype writes one (`<f8`,
 * `|b1`, `i4`, `d`, `<U5`, `<M8[ns]`); undefined for objects, structured types and the unknown.
 */
export function dtypeItemSize(dtype: string): number | undefined {
  const m = /^[<>|=]?([?bBhHiIlLqQefdgFDGuicSUVaMm])(\d{0,9})(?:\[\d{0,10}[A-Za-z]{1,3}\])?$/.exec(dtype);
  if (!m) return undefined;
  const kind = m[1] as string;
  const n = m[2] === "" ? undefined : Number(m[2]);
  if (kind === "?") return n ?? 1;
  if (kind === "U") return 4 * (n ?? 0);
  // Datetimes and timedeltas are 64-bit whatever their unit.
  if (kind === "M" || kind === "m") return n === 8 ? 8 : undefined;
  return n ?? FIXED[kind];
}
