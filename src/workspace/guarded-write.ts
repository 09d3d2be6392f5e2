import { constants } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

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
  const st = await lstat(full);
  if (!st.isFile()) throw new Error(`${path}: not a regular file`);
  const fh = await open(full, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
  try {
    await fh.writeFile(bytes);
  } finally {
    await fh.close();
  }
}
