// Git LFS pointer files (git-lfs docs/spec.md): a checkout made without LFS holds, in place of a
// large model, a text stub under 1024 bytes: `version https://git-lfs.github.com/spec/v1`, then
// `oid sha256:<64 hex>` and `size <bytes>`, one key per line. The model is not there to judge.

/** Pointer files are smaller than this, by the spec. */
export const MAX_LFS_POINTER = 1024;

const POINTER = /^version https:\/\/(?:git-lfs|hawser)\.github\.com\/spec\/v1\r?\n(?:[a-z0-9.-]{1,100} [^\n]{0,900}\n){0,20}?oid sha256:[0-9a-f]{64}\r?\n/;

/** True when `bytes` (the whole file) is a Git LFS pointer. */
export function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.length >= MAX_LFS_POINTER || bytes[0] !== 0x76) return false;
  return POINTER.test(new TextDecoder("latin1").decode(bytes));
}
