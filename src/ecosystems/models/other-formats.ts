// Files that share an extension with a model format but are something else: Zope and Chameleon
// page templates (`.pt`), Python's site path files (`.pth`), SPSS and IDL data files (`.sav`), TensorFlow's
// V1 checkpoints (`.ckpt`, a LevelDB table). Reading them as pickles would report every one as a
// malformed pickle.

/** Extensions other tools use too: a file with one is a pickle only when its bytes are not those tools' formats. */
export const SHARED_EXTENSION = /\.(?:pt|pth|sav|ckpt)$/i;

/** The magic number that ends a LevelDB table (TensorFlow's V1 checkpoints are one), little-endian. */
const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb];

/** What the file is instead of a pickle (`head`: its first bytes, `tail`: its last 8 when known), or undefined. */
export function otherFormat(name: string, head: Uint8Array, tail?: Uint8Array): string | undefined {
  if (!SHARED_EXTENSION.test(name) || head.length === 0) return undefined;
  // SPSS system files start with `$FL2` (or `$FL3`, compressed).
  if (head[0] === 0x24 && head[1] === 0x46 && head[2] === 0x4c && (head[3] === 0x32 || head[3] === 0x33)) return "an SPSS data file";
  // IDL save files (scipy.io.readsav reads them) start with `SR` and 0x0004, or 0x0006 when compressed.
  // No pickle starts so: STRING (`S`) takes a quoted argument.
  if (head[0] === 0x53 && head[1] === 0x52 && head[2] === 0x00 && (head[3] === 0x04 || head[3] === 0x06)) return "an IDL save file";
  if (tail?.length === 8 && /\.ckpt$/i.test(name) && TABLE_MAGIC.every((b, i) => tail[i] === b)) return "a TensorFlow V1 checkpoint";
  return isText(head) ? "a text file (a page template or a path file)" : undefined;
}

/** UTF-8 text without NUL or other control bytes than tabs and line ends (a multi-byte character cut at the end is allowed). */
function isText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const c = head[i] as number;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return false;
  }
  try {
    // `stream` holds back an incomplete sequence at the end instead of failing on it.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, n), { stream: n < head.length });
    return true;
  } catch {
    return false;
  }
}
