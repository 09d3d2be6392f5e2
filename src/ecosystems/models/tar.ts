import { TAR_BLOCK as BLOCK, tarChecksumHolds as checksumHolds, tarOctal, tarString } from "../formats/tar-header.js";
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

const MAX_TAR_ENTRIES = 100_000;

/**
 * True when `head` starts with a tar header whose checksum holds: ustar (POSIX `ustar\0` or GNU
 * `ustar  `), or the pre-POSIX (V7) header with no magic at all, which Python's tarfile, and so
 * torch.load's legacy loader, opens just the same.
 */
export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  if (magic !== "ustar" && (head[0] === 0 || head.subarray(257, 265).some((b) => b !== 0))) return false;
  return checksumHolds(head.subarray(0, BLOCK));
}

/** The regular files of a tar archive, in order, up to where reading stopped; `error` (the walk's error type) says why it stopped early. */
export async function readTarEntries(src: RangeSource): Promise<{ entries: TarEntry[]; error?: ZipError }> {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= src.size; ) {
    const h = await src.read(at, BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumHolds(h)) return { entries, error: new ZipError(`tar header at byte ${at} has a wrong checksum`, "malformed", at) };
    // A blank size is no size here: the archive is not what its name promises.
    const sizeField = h.subarray(124, 136);
    const size = tarString(sizeField).trim() === "" ? undefined : tarOctal(sizeField);
    if (size === undefined) return { entries, error: new ZipError(`tar header at byte ${at} has an unreadable size`, "malformed", at) };
    const data = at + BLOCK;
    if (data + size > src.size) return { entries, error: new ZipError(`tar member at byte ${at} runs past the end of the archive (truncated)`, "malformed", at) };
    const type = h[156] as number;
    if (type === 0x4c) {
      // GNU long name: the next member's name is this member's bytes.
      longName = tarString(await src.read(data, Math.min(size, 4096)));
    } else {
      if (type === 0x30 || type === 0) {
        if (entries.length >= MAX_TAR_ENTRIES) return { entries, error: new ZipError(`holds more than ${MAX_TAR_ENTRIES} tar members: the rest were not inspected`, "limit", at) };
        const prefix = tarString(h.subarray(345, 500));
        const name = longName ?? (prefix ? `${prefix}/${tarString(h.subarray(0, 100))}` : tarString(h.subarray(0, 100)));
        entries.push({ name, offset: data, size });
      }
      longName = undefined;
    }
    at = data + Math.ceil(size / BLOCK) * BLOCK;
  }
  return { entries };
}
