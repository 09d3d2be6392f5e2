import { readFile, realpath } from "node:fs/promises";
import { dirname, isAbsolute, resolve, sep } from "node:path";

// A `.git` that is a file (`gitdir: PATH`) sends git to another folder for the objects, the index
// and the history. Git's own worktrees and submodules do this; a checkout unpacked from somewhere
// can do it too, pointing at any repository on the machine, whose history and file list a scan
// would then read as this checkout's. Such a gitfile is followed (as git does) but said.

const MAX_GITFILE_BYTES = 4096;

/** Where a `.git` file points git, resolved against its folder as git does; undefined when `.git` is a folder or holds no `gitdir:` line. */
export async function gitfileTarget(dotGit: string): Promise<string | undefined> {
  let text: string;
  try {
    const buf = await readFile(dotGit);
    text = buf.subarray(0, MAX_GITFILE_BYTES).toString("utf8");
  } catch {
    return undefined; // a folder (EISDIR) or gone: not a gitfile
  }
  const m = /^gitdir: ?([^\r\n]{1,4000})/.exec(text);
  const target = m?.[1]?.trim();
  if (!target) return undefined;
  return isAbsolute(target) ? target : resolve(dirname(dotGit), target);
}

async function real(path: string): Promise<string | undefined> {
  return realpath(path).catch(() => undefined);
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * The repository a `.git` file points at when it is neither inside the checkout nor one of its
 * worktrees (git's back-link `<gitdir>/gitdir` names this `.git` file) nor one of its submodules
 * (under `<parent>/.git/modules/` of a folder holding the checkout); undefined otherwise.
 */
export async function foreignGitdir(dotGit: string): Promise<string | undefined> {
  const target = await gitfileTarget(dotGit);
  if (target === undefined) return undefined;
  const [dir, realDotGit] = await Promise.all([real(target), real(dotGit)]);
  if (dir === undefined || realDotGit === undefined) return undefined; // git refuses it: the probe reports a broken repository
  const checkout = dirname(realDotGit);
  if (within(dir, checkout)) return undefined;
  const backLink = await readFile(resolve(dir, "gitdir"), "utf8").then((t) => t.slice(0, MAX_GITFILE_BYTES).trim(), () => undefined);
  if (backLink && (await real(resolve(dir, backLink))) === realDotGit) return undefined;
  const modules = dir.indexOf(`${sep}.git${sep}modules${sep}`);
  if (modules > 0 && within(checkout, dir.slice(0, modules))) return undefined;
  return dir;
}
