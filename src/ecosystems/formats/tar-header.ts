// The fields of a ustar header (POSIX and GNU), shared by the readers of packed Helm charts and of
// PyTorch's tar checkpoints: 512-byte blocks, NUL-terminated strings, octal numbers.

/** A tar block, and the size of a header. */
export const TAR_BLOCK = 512;

/** A NUL-terminated string field, as UTF-8. */
export function tarString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return Buffer.from(end < 0 ? b : b.subarray(0, end)).toString("utf8");
}

/** An octal number field (0 when blank); undefined when it is not one. */
export function tarOctal(b: Uint8Array): number | undefined {
  const s = tarString(b).trim();
  if (!/^[0-7]{1,11}$/.test(s)) return s === "" ? 0 : undefined;
  return parseInt(s, 8);
}

/** The header's checksum holds: the sum of its bytes, with the checksum field read as spaces. */
export function tarChecksumHolds(header: Uint8Array): boolean {
  const want = tarOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
  return want === sum;
}
