// Whether a path of the checkout stays in it once its symbolic links are followed: the checkout is
// hostile input, and a folder or file in it may be a link to anywhere on the machine.
import { lstatSync, realpathSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";

/** True when something (a file, a folder, a link even to nothing) is at `path`. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `path` is `root` or below it (both already resolved through their symbolic links). */
function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/**
 * Where `rel` really is, following symbolic links, when it stays inside `root`; otherwise why not,
 * and at which existing path (relative to `root`) the way out is. A path that does not exist yet (a
 * baseline about to be written) is judged by its deepest existing folder.
 */
export function insideCheckout(root: string, rel: string): { ok: true; path: string } | { ok: false; why: string; at: string } {
  const rootReal = realpathSync(root);
  const full = resolve(root, rel);
  let probe = full;
  while (!exists(probe) && probe !== dirname(probe)) probe = dirname(probe);
  const at = relative(root, probe) || ".";
  let real: string;
  try {
    real = realpathSync(probe);
  } catch (e) {
    // A link to itself (or a ring of links) exists too: "to nothing" would send people looking for a missing file.
    return { ok: false, why: (e as NodeJS.ErrnoException).code === "ELOOP" ? "is a symbolic link that loops" : "is a symbolic link to nothing", at };
  }
  if (!within(rootReal, real)) return { ok: false, why: "is a symbolic link out of the checkout", at };
  // git's own folder is not the project's content (its config holds the remote's URL and, after
  // actions/checkout, the job's token): nothing is read from it or written into it, by name or through a link.
  // By the path asked for too: a case-insensitive file system (macOS, Windows) finds `.GIT/config`
  // where realpath may keep the letters as asked.
  const first = (p: string): string => (p.split(/[\\/]/)[0] ?? "").toLowerCase();
  if (first(relative(rootReal, real)) === ".git" || first(relative(resolve(root), full)) === ".git") return { ok: false, why: "is in the .git folder, which is git's, not the checkout's", at };
  return { ok: true, path: full };
}
