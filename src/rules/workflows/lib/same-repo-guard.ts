// Lines of a shell script that run only for a pull request from the base repository's own branches:
// inside `if [ "<head repo>" = "<this repo>" ]; then … fi`, or after a test that exits for a fork
// (`if [ "$HEAD_REPO" != "$GITHUB_REPOSITORY" ]; then exit 0; fi`). A head checked out or computed there
// is a branch only people who can push made (kurtosis's PR head resolver), not a fork's.

import { lineIndex } from "../../../core/line-index.js";

/** A name for the pull request head's repository: the payload field, gh's JSON field, or a variable named for it. */
const HEAD_REPO = /head\.repo\.full_name|head_repository\.full_name|headRepository|HEAD_REPO[A-Z_]{0,30}|PR_REPO[A-Z_]{0,20}/i;
/** A name for this repository. */
const THIS_REPO = /github\.repository\b|\bGITHUB_REPOSITORY\b/;
/** gh's `isCrossRepository` (true for a fork) compared with a boolean. */
const CROSS = /isCrossRepository[^\n]{0,80}?(!=|={1,2})\s{0,3}["']?(true|false)\b/;

/** How a test line compares the head's repository with this one: `same` when it passes only for this repository, `fork` when only for a fork. */
function comparison(line: string): "same" | "fork" | undefined {
  const cross = CROSS.exec(line);
  if (cross) return (cross[1] === "!=") === (cross[2] === "true") ? "same" : "fork";
  if (!HEAD_REPO.test(line) || !THIS_REPO.test(line)) return undefined;
  if (/!=/.test(line)) return "fork";
  return /(?:^|[^=!<>])={1,2}(?:[^=]|$)/.test(line) ? "same" : undefined;
}

/** True when a line (or what follows `then` on it) ends the script or the step. */
function exits(line: string): boolean {
  return /(?:^|[\s;&|])(?:exit|return)\b/.test(line);
}

/** The 0-based line numbers of `script` that run only for a head in this repository. Bounded to the first 2,000 lines. */
export function sameRepoLines(script: string): Set<number> {
  const out = new Set<number>();
  const lines = script.split("\n").slice(0, 2000);
  // Open `if` blocks: whether their current branch runs only for this repository, and whether a fork exits in them.
  const stack: { same: boolean; test: "same" | "fork" | undefined; forkExits: boolean; inElse: boolean }[] = [];
  let afterForkExit = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (/^(?:if|elif)\b/.test(line)) {
      const test = comparison(line);
      // A one-line test: `if [ … != … ]; then exit 0; fi`, or `[ … != … ] && exit 0`.
      if (/\bfi\s*$/.test(line)) {
        if (test === "fork" && exits(line.slice(line.indexOf("then")))) afterForkExit = true;
      } else if (line.startsWith("elif")) {
        const top = stack[stack.length - 1];
        if (top) Object.assign(top, { same: test === "same", test, inElse: false });
      } else stack.push({ same: test === "same", test, forkExits: false, inElse: false });
    } else if (/^else\b/.test(line)) {
      const top = stack[stack.length - 1];
      if (top) Object.assign(top, { same: top.test === "fork", inElse: true });
    } else if (/^fi\b/.test(line)) {
      const top = stack.pop();
      if (top?.forkExits) afterForkExit = true;
    } else {
      if (/^\[\[?[^\n]{0,500}\]\]?\s{0,20}(?:&&|\|\|)/.test(line)) {
        const test = comparison(line);
        const joined = /\]\]?\s*&&/.test(line) ? "fork" : "same";
        if (test === joined && exits(line.slice(line.search(/&&|\|\|/)))) afterForkExit = true;
      }
      const top = stack[stack.length - 1];
      if (top && exits(line) && ((top.test === "fork" && !top.inElse) || (top.test === "same" && top.inElse))) top.forkExits = true;
    }
    if (afterForkExit || stack.some((b) => b.same)) out.add(i);
  });
  return out;
}

/** The 0-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  return lineIndex(text).positionAt(offset).line - 1;
}
