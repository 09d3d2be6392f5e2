import { readFileSync, statSync } from "node:fs";
import { AssayError, type ErrorCode } from "../core/errors.js";
import { ioErrorText } from "../core/io-error.js";

// Files a user names on the command line (`assay verify`'s bundles, signatures, keys and trusted
// roots; `assay secrets FILE`) are read whole: a path to a device or a huge file is refused before
// it is read.

/** How a refusal is raised: its code, and what to say of a file over the bound. */
export interface BoundedReadErrors {
  code: ErrorCode;
  tooLargeHint: string;
}

/** A file's bytes, refused before reading when it is not a regular file or over `max` bytes. */
export function readBounded(path: string, max: number, what: string, errors: BoundedReadErrors = { code: "VERIFY_INPUT_INVALID", tooLargeHint: `a ${what} is a few kilobytes` }): Buffer {
  const { code, tooLargeHint } = errors;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AssayError(code, `${path}: not a regular file`, { hint: `pass the ${what} file` });
    if (st.size > max) throw new AssayError(code, `${path}: ${st.size} bytes is too large for a ${what}`, { hint: tooLargeHint });
    const buf = readFileSync(path);
    // The file may have grown between the two calls.
    if (buf.length > max) throw new AssayError(code, `${path}: ${buf.length} bytes is too large for a ${what}`, { hint: tooLargeHint });
    return buf;
  } catch (e) {
    if (e instanceof AssayError) throw e;
    throw new AssayError(code, `${path}: cannot be read: ${ioErrorText(e)}`, { hint: "check the path" });
  }
}
