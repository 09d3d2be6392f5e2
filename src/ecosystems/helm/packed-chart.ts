import { gunzipSync } from "node:zlib";
import { ParseFailure } from "../../core/files.js";
import { TAR_BLOCK as BLOCK, tarChecksumHolds as checksumHolds, tarOctal as octal, tarString as cString } from "../formats/tar-header.js";

/** A packed chart may be this large once decompressed; `helm package` output is kilobytes. */
const MAX_UNPACKED = 32 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/**
 * The regular files of a packed chart (`charts/common-2.1.0.tgz`, as `helm dependency build`
 * writes it): a gzip'd tar whose entries sit under one folder named after the chart. Paths are
 * returned without that folder. Bounded (32 MiB unpacked, 2,000 entries); a malformed archive
 * raises ParseFailure naming what is wrong. Links and devices are skipped, never followed.
 */
export function unpackChart(packed: Uint8Array): Map<string, Uint8Array> {
  let tar: Buffer;
  try {
    tar = gunzipSync(packed, { maxOutputLength: MAX_UNPACKED });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ParseFailure(code === "ERR_BUFFER_TOO_LARGE" ? "unpacks to more than 32 MiB" : `is not a gzip archive (${(e as Error).message})`);
  }
  const out = new Map<string, Uint8Array>();
  let longName: string | undefined;
  let entries = 0;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (++entries > MAX_ENTRIES) throw new ParseFailure(`holds more than ${MAX_ENTRIES} entries`);
    if (!checksumHolds(header)) throw new ParseFailure(`tar header at byte ${at} has a wrong checksum`);
    const size = octal(header.subarray(124, 136));
    if (size === undefined || at + BLOCK + size > tar.length) throw new ParseFailure(`tar entry at byte ${at} has a size past the end of the archive`);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = cString(data);
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const magic = cString(header.subarray(257, 263));
    const prefix = magic.startsWith("ustar") ? cString(header.subarray(345, 500)) : "";
    const name = longName ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = undefined;
    if (type !== "0" && type !== "\0" && type !== "7") continue;
    const inner = chartPath(name);
    if (inner !== undefined) out.set(inner, data);
  }
  return out;
}

/** The path under the chart's folder, or undefined for one that escapes it or names none. */
function chartPath(name: string): string | undefined {
  const segs = name.split("/").filter((s) => s !== "" && s !== ".");
  if (segs.length < 2 || segs.includes("..")) return undefined;
  return segs.slice(1).join("/");
}

/** The `path` record of a pax extended header ("<length> path=<value>\n" records). */
function paxPath(data: Uint8Array): string | undefined {
  const text = Buffer.from(data).toString("utf8");
  for (const line of text.split("\n")) {
    const m = /^\d{1,6} path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
