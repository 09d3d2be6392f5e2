import { createInterface } from "node:readline";
import type { HistoryCommit, HistoryFile, HistoryOptions } from "../core/files.js";
import { spawnGit } from "./git.js";

/** Bytes of added text kept per commit; a larger commit is cut there so memory stays bounded. */
const MAX_COMMIT_BYTES = 64 * 1024 * 1024;
/** Longer lines are cut: minified blobs would otherwise dominate memory. */
const MAX_LINE = 20_000;
const MARK = "\u0001assay-commit ";

/** Streams `git log -p` one commit at a time with the lines each commit added. */
export async function* gitHistory(cwd: string, opts: HistoryOptions = {}): AsyncGenerator<HistoryCommit> {
  const patches = opts.patches ?? true;
  const args = [
    "log", ...(patches ? ["-p", "-U0", "--no-ext-diff", "--no-textconv", "--no-renames"] : []), "--no-color", "--first-parent",
    `--format=${MARK}%H %aI %cI`,
    ...(opts.after ? [`--since=${opts.after.toISOString()}`] : []),
    // A revision range that starts with "-" would be read as an option: refuse it.
    ...(opts.since ? [`${opts.since.replace(/^-+/, "")}..HEAD`] : ["HEAD"]),
    "--", ...(opts.paths && opts.paths.length > 0 ? opts.paths : ["."]),
  ];
  const child = spawnGit(cwd, args);
  child.stderr.resume(); // an unread stderr pipe could fill and stall git
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  let commit: HistoryCommit | undefined;
  let file: HistoryFile | undefined;
  let nextLine = 0;
  let bytes = 0;
  try {
    for await (const line of lines) {
      if (line.startsWith(MARK)) {
        if (commit) yield commit;
        const [hash = "", authorDate = "", commitDate = ""] = line.slice(MARK.length).split(" ");
        commit = { commit: hash, authorDate, commitDate, files: [] };
        file = undefined;
        bytes = 0;
      } else if (!commit) {
        continue;
      } else if (line.startsWith("diff --git ")) {
        file = undefined;
      } else if (line.startsWith("+++ ")) {
        // git ends the name with a tab when it contains a space.
        const target = line.slice(4).replace(/\t$/, "");
        if (target === "/dev/null") file = undefined;
        else {
          file = { path: unquote(target).replace(/^b\//, ""), added: [] };
          commit.files.push(file);
        }
      } else if (line.startsWith("@@ ")) {
        const m = /\+(\d+)/.exec(line);
        nextLine = m ? Number(m[1]) : 0;
      } else if (file && line.startsWith("+") && bytes < MAX_COMMIT_BYTES) {
        const text = line.length > MAX_LINE + 1 ? line.slice(1, MAX_LINE + 1) : line.slice(1);
        bytes += text.length;
        file.added.push({ line: nextLine++, text });
      }
    }
    if (commit) yield commit;
  } finally {
    lines.close();
    if (child.exitCode === null) child.kill();
  }
}

/** git quotes unusual paths C-style ("a\tb"); undo the common escapes. */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  const inner = p.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = inner[++i] ?? "";
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(inner.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, '"': 34, "\\": 92 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}
