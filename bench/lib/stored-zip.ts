// A zip writer for generated archives: stored (uncompressed) entries produced one at a time, ZIP64
// end records past 65,535 entries. yazl, used for the small archives, looks for its first
// unfinished entry from the start of its list on every pump, and entries added in one synchronous
// loop are never finished before the next is added: building the 300 MB archive (~175,000
// entries) that way ran in a tight loop for over 25 minutes. This is linear. Tests use the
// in-memory form for archives written from the format's specification.
import { closeSync, openSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

const DOS_DATE_1980_01_01 = 0x21;

/** The bytes of a stored zip of `entries`, in order, produced as the entries are read. */
export function* storedZipChunks(entries: Iterable<[string, Buffer]>): Generator<Buffer> {
  const central: Buffer[] = [];
  let centralSize = 0;
  let offset = 0;
  let count = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, n);
    centralSize += entry.length + n.length;
    yield local;
    yield n;
    yield data;
    offset += local.length + n.length + data.length;
    count++;
  }
  const centralOffset = offset;
  yield* central;
  if (count > 0xffff) {
    const zip64Offset = offset + centralSize;
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(centralSize), 40);
    record.writeBigUInt64LE(BigInt(centralOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(zip64Offset), 8);
    locator.writeUInt32LE(1, 16);
    yield record;
    yield locator;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  yield end;
}

/** A stored zip of `entries`, in memory. */
export function storedZip(entries: Iterable<[string, Buffer]>): Buffer {
  return Buffer.concat([...storedZipChunks(entries)]);
}

/** Writes `entries` to `path` as a stored zip, a megabyte at a time; returns the number of entries. */
export function writeStoredZip(path: string, entries: Iterable<[string, Buffer]>): number {
  const fd = openSync(path, "w");
  let count = 0;
  const counted = function* (): Generator<[string, Buffer]> {
    for (const e of entries) {
      count++;
      yield e;
    }
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for (const b of storedZipChunks(counted())) {
      pending.push(b);
      pendingBytes += b.length;
      if (pendingBytes >= 1 << 20) {
        writeSync(fd, Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pending.length > 0) writeSync(fd, Buffer.concat(pending));
  } finally {
    closeSync(fd);
  }
  return count;
}
