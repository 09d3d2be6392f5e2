import { gzipSync } from "node:zlib";

/** One tar entry for `tarGz`: a regular file unless `type` says otherwise ("2" a symlink, "x" a pax header). */
export interface TarEntry {
  name: string;
  data?: string | Uint8Array;
  type?: string;
}

/** A gzip'd ustar archive, written from the POSIX format description (512-byte headers, octal fields). */
export function tarGz(entries: readonly TarEntry[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === "string" ? Buffer.from(e.data) : Buffer.from(e.data ?? new Uint8Array());
    const h = Buffer.alloc(512);
    h.write(e.name.slice(0, 100), 0, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    h.write("00000000000\0", 136);
    h.write(e.type ?? "0", 156);
    h.write("ustar\0", 257);
    h.write("00", 263);
    h.fill(32, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
