import { ZipError, type RangeSource } from "./zip.js";

// A tar reader for PyTorch's oldest checkpoint format (before 0.4): torch.load opens a `.pt` that is
// a tar archive and unpickles its `sys_info`, `pickle`, `storages` and `tensors` members. Only the
// 512-byte ustar headers are read (POSIX and GNU), each member's bytes are left where they are.

/** One regular file of a tar archive. */
export interface TarEntry {
  name: string;
  /** Where its bytes start in the archive. */
  offset: number;
  size: number;
}

const BLOCK = 512;
const MAX_TAR_ENTRIES = 100_000;

/** True when `head` starts with a ustar header (POSIX `ustar\0` or GNU `ustar  `) whose checksum holds. */
export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  return magic === "ustar" && checksumHolds(head.subarray(0, BLOCK));
}

/** The regular files of a tar archive, in order, up to where reading stopped; `error` (the walk's error type) says why it stopped early. */
export async function readTarEntries(src: RangeSource): Promise<{ entries: TarEntry[]; error?: ZipError }> {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= src.size; ) {
    const h = await src.read(at, BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumHolds(h)) return { entries, error: new ZipError(`tar header at byte ${at} has a wrong checksum`, "malformed", at) };
    const size = octal(h, 124, 12);
    if (size === undefined) return { entries, error: new ZipError(`tar header at byte ${at} has an unreadable size`, "malformed", at) };
    const data = at + BLOCK;
    if (data + size > src.size) return { entries, error: new ZipError(`tar member at byte ${at} runs past the end of the archive (truncated)`, "malformed", at) };
    const type = h[156] as number;
    if (type === 0x4c) {
      // GNU long name: the next member's name is this member's bytes.
      longName = cString(await src.read(data, Math.min(size, 4096)), 0, Math.min(size, 4096));
    } else {
      if (type === 0x30 || type === 0) {
        if (entries.length >= MAX_TAR_ENTRIES) return { entries, error: new ZipError(`holds more than ${MAX_TAR_ENTRIES} tar members: the rest were not inspected`, "limit", at) };
        const prefix = cString(h, 345, 155);
        const name = longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
        entries.push({ name, offset: data, size });
      }
      longName = undefined;
    }
    at = data + Math.ceil(size / BLOCK) * BLOCK;
  }
  return { entries };
}

function checksumHolds(h: Uint8Array): boolean {
  const stored = octal(h, 148, 8);
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
  return sum === stored;
}

/** An octal number field (NUL- or space-terminated); undefined when it is not one. */
function octal(h: Uint8Array, at: number, len: number): number | undefined {
  let v = 0;
  let digits = 0;
  for (let i = at; i < at + len; i++) {
    const c = h[i] as number;
    if (c === 0 || c === 0x20) {
      if (digits > 0) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return undefined;
    v = v * 8 + (c - 0x30);
    digits++;
  }
  return digits > 0 ? v : undefined;
}

function cString(h: Uint8Array, at: number, len: number): string {
  let e = at;
  while (e < at + len && e < h.length && h[e] !== 0) e++;
  return new TextDecoder("utf-8").decode(h.subarray(at, e));
}
