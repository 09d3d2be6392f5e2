import { closeSync, constants, lstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { AssayError } from "../core/errors.js";
import { ioErrorText } from "../core/io-error.js";
import { inGitFolder } from "./guarded-read.js";
import { exists, insideCheckout } from "./inside-checkout.js";

/**
 * Rewrites a file of the checkout in place, for `assay fix`: never through a symbolic link, never
 * outside the root, and only a regular file that already exists (fix edits files, it does not create them).
 */
export async function rewriteFile(root: string, path: string, bytes: Uint8Array): Promise<void> {
  if (isAbsolute(path) || path.split("/").includes("..")) throw new Error(`${path}: outside the checkout`);
  const full = join(root, path);
  const [rootReal, dirReal] = await Promise.all([realpath(root), realpath(dirname(full))]);
  const rel = relative(rootReal, dirReal);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new Error(`${path}: its folder leaves the checkout through a symbolic link`);
  if (inGitFolder(path) || inGitFolder(rel.split(sep).join("/"))) throw new Error(`${path}: in the .git folder, which is git's, not the checkout's`);
  const st = await lstat(full);
  if (!st.isFile()) throw new Error(`${path}: not a regular file`);
  const fh = await open(full, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
  try {
    await fh.writeFile(bytes);
  } finally {
    await fh.close();
  }
}

/**
 * Refuses, as writeCheckoutFile would, a place in the checkout that cannot be written safely (a
 * command writing several files checks them all first and writes none); its full path otherwise.
 */
export function assertCheckoutTarget(root: string, path: string): string {
  if (isAbsolute(path) || path.split(/[\\/]/).includes("..")) throw new AssayError("OUTPUT_FAILED", `${path} is outside the checkout: not written`);
  // The folders on the way first: a link among them is a way out; the file itself may be no link at all.
  const r = insideCheckout(root, dirname(path));
  if (!r.ok) throw new AssayError("OUTPUT_FAILED", `${path}: ${r.at} ${r.why}: not written`, { hint: "remove the link, or write the file by hand" });
  const full = join(root, path);
  if (exists(full) && lstatSync(full).isSymbolicLink()) throw new AssayError("OUTPUT_FAILED", `${path} is a symbolic link: not written through it`, { hint: "remove the link, or write the file by hand" });
  return full;
}

/**
 * Creates or replaces a file at a fixed place in the checkout (`assay init`'s assay.yml, the
 * default VEX and answers files): the checkout is hostile, so a folder on the way that is a
 * symbolic link out of it, or a file that is a symbolic link at all, is refused, not written through.
 */
export function writeCheckoutFile(root: string, path: string, text: string): void {
  const full = assertCheckoutTarget(root, path);
  let fd: number;
  try {
    mkdirSync(dirname(full), { recursive: true });
    // O_NOFOLLOW: a link put there since the check above is refused too.
    fd = openSync(full, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    // mkdir says EEXIST (open ENOTDIR) when a folder on the way is a file: `.vex` or `.github` committed as one.
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === "EEXIST" || code === "ENOTDIR" ? `a part of ${path} is a file in the checkout, not a folder: move it, then run again` : code === "EISDIR" ? `${path} is a folder in the checkout: move it, then run again` : "check the folder is writable";
    throw new AssayError("OUTPUT_FAILED", `could not write ${path}: ${ioErrorText(e)}`, { hint });
  }
  try {
    const bytes = Buffer.from(text, "utf8");
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}
