import { readFileSync, statSync } from "node:fs";
import { AssayError } from "../core/errors.js";
import { ioErrorText } from "../core/io-error.js";

// Everything `assay verify` reads from the user (bundles, signatures, certificates, keys, trusted
// roots) is small: a path to a device or a huge file is refused before it is read.

/** A file's bytes, refused before reading when it is not a regular file or over `max` bytes. */
export function readBounded(path: string, max: number, what: string): Buffer {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AssayError("VERIFY_INPUT_INVALID", `${path}: not a regular file`, { hint: `pass the ${what} file` });
    if (st.size > max) throw new AssayError("VERIFY_INPUT_INVALID", `${path}: ${st.size} bytes is too large for a ${what}`, { hint: `a ${what} is a few kilobytes` });
    const buf = readFileSync(path);
    // The file may have grown between the two calls.
    if (buf.length > max) throw new AssayError("VERIFY_INPUT_INVALID", `${path}: ${buf.length} bytes is too large for a ${what}`, { hint: `a ${what} is a few kilobytes` });
    return buf;
  } catch (e) {
    if (e instanceof AssayError) throw e;
    throw new AssayError("VERIFY_INPUT_INVALID", `${path}: cannot be read: ${ioErrorText(e)}`, { hint: "check the path" });
  }
}
