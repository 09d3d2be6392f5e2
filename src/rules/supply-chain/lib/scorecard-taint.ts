import { posix } from "node:path";
import type { ShellCommand } from "../../../ecosystems/shell/split.js";
import { scorecardProgram, scorecardWords } from "./scorecard-words.js";

// Which download-then-run Scorecard counts. It remembers the path a download writes, as written:
// curl's `> PATH`, wget's `-O PATH` (else the URL's last segment), gsutil's operand after the
// `gs://` object and `aws s3api get-object`'s last operand (a folder gets the object's name); then
// counts a later command that runs exactly that path, cleaned (`./i.sh` is `i.sh`): as the program,
// or as an operand of an interpreter. `curl -o f`, `wget -qO f` or `wget -P dir` write files it
// does not remember, and `/tmp/i.sh` is not `i.sh`.

/** The downloaders Scorecard knows (the AWS CLI only as `aws s3api get-object`). */
export const SCORECARD_DOWNLOADERS = new Set(["curl", "wget", "gsutil", "aws"]);
/** The interpreters Scorecard knows (checks/raw/shell_download_validate.go). */
export const SCORECARD_INTERPRETERS = new Set(["sh", "bash", "mksh", "dash", "ksh", "exec", "su", "python", "python3", "python2.7", "perl", "ruby", "php", "node", "nodejs", "java", "dotnet", "nuget"]);

const clean = (p: string): string => posix.normalize(p).replace(/(.)\/$/, "$1").toLowerCase();
/** Go's test for a folder operand, `Clean(Dir(p)) == Clean(p)`: a trailing slash, or `.`. */
const isFolder = (p: string): boolean => p.endsWith("/") || clean(p) === ".";

/** The path Scorecard records for a download command, if it records one. */
function recordedPath(cmd: ShellCommand, words: readonly string[], text: string): string | undefined {
  const prog = scorecardProgram(words);
  const folder = (dir: string, object: string): string => posix.join(dir, posix.basename(object.replace(/[?#].*$/, "")));
  if (prog === "curl" || prog === "wget" || prog === "gsutil" || (prog === "aws" && words[1] === "s3api" && words[2] === "get-object")) {
    // Only a plain `> path` (one literal word) is remembered.
    const out = cmd.redirects.find((r) => r.op === ">")?.target;
    if (out && !/["'$`]/.test(text.slice(out.start, out.end))) return out.value;
  }
  if (prog === "wget") {
    // The word as Scorecard keeps it, quotes and all: `-O "i.sh"` records `"i.sh"`, which only `bash "i.sh"` runs.
    for (let i = 1; i < words.length - 1; i++) if ((words[i] as string).toLowerCase() === "-o") return words[i + 1] as string;
    const url = words.slice(1).find((w) => w.startsWith("http"));
    return url ? posix.basename(url.replace(/^[a-z]+:\/\/[^/]*/i, "").replace(/[?#].*$/, "")) : undefined;
  }
  if (prog === "gsutil") {
    const at = words.findIndex((w, i) => i > 0 && i < words.length - 1 && w.startsWith("gs://"));
    if (at < 0) return undefined;
    const target = words[at + 1] as string;
    return isFolder(target) ? folder(target, words[at] as string) : target;
  }
  if (prog === "aws" && words[1] === "s3api" && words[2] === "get-object" && words.length >= 5) {
    const target = words[words.length - 1] as string;
    return isFolder(target) ? folder(target, words[words.length - 2] as string) : target;
  }
  return undefined;
}

/** True when a command runs `path` as Scorecard matches it: as the program, or as an interpreter's operand. */
function runsPath(words: readonly string[], path: string): boolean {
  const first = words[0];
  if (first === undefined) return false;
  const target = clean(path);
  if (clean(first) === target) return true;
  return SCORECARD_INTERPRETERS.has(scorecardProgram(words)) && words.slice(1).some((w) => clean(w) === target);
}

/** The path Scorecard remembers for a download command of `script` (see above), or undefined when it remembers none. */
export function scorecardRecordedPath(cmd: ShellCommand, script: string): string | undefined {
  const words = scorecardWords(cmd, script);
  return SCORECARD_DOWNLOADERS.has(scorecardProgram(words)) ? recordedPath(cmd, words, script) : undefined;
}

/** True when Scorecard takes a command of `script` for running the download it remembered at `path`. */
export function scorecardRuns(cmd: ShellCommand, script: string, path: string): boolean {
  return runsPath(scorecardWords(cmd, script), path);
}
