import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";

// The go.mod syntax (https://go.dev/ref/mod#go-mod-file): line-oriented directives, `(` blocks,
// `//` comments, tokens that may be quoted. Only what a package set needs is kept.

/** A module path and version as go.mod writes them (version with its `v`, "" for a local path). */
export interface ModVersion {
  path: string;
  version: string;
}

/** One `require` line. */
export interface GoRequire extends ModVersion {
  indirect: boolean;
  line: number;
}

/** One `replace` line: `old [version] => new [version]`. */
export interface GoReplace {
  old: ModVersion;
  new: ModVersion;
  line: number;
}

/** What a go.mod says. */
export interface GoModFile {
  path: string;
  module?: string;
  go?: string;
  /** The `go` line's number: a stdlib finding points at it. */
  goLine?: number;
  toolchain?: string;
  toolchainLine?: number;
  require: GoRequire[];
  replace: GoReplace[];
}

/** Splits a line into tokens (bare or "quoted" / `raw`), with the comment after `//` apart. */
function tokenize(s: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (s.startsWith("//", i)) return { tokens, comment: s.slice(i + 2).trim() };
    if (c === '"' || c === "`") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += c === '"' && s[j] === "\\" ? 2 : 1;
      if (j >= s.length) throw new ParseFailure("unterminated quoted string", line, i + 1);
      const raw = s.slice(i, j + 1);
      try {
        tokens.push(c === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1));
      } catch {
        throw new ParseFailure("invalid quoted string", line, i + 1);
      }
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== " " && s[j] !== "\t" && !s.startsWith("//", j)) j++;
    tokens.push(s.slice(i, j));
    i = j;
  }
  return { tokens, comment: "" };
}

/** True for the `// indirect` marker (`// indirect; for foo` too). */
function isIndirect(comment: string): boolean {
  return comment === "indirect" || comment.startsWith("indirect;");
}

function modVersion(tokens: string[]): ModVersion {
  return { path: tokens[0] ?? "", version: tokens[1] ?? "" };
}

/** Parses go.mod text; a malformed require or replace line is a ParseFailure at its line. */
export function parseGoMod(file: TextFile): GoModFile {
  const out: GoModFile = { path: file.path, require: [], replace: [] };
  const lines = file.text.split("\n");
  let block: { verb: string; line: number } | undefined;
  const apply = (verb: string, args: string[], comment: string, line: number, column: number): void => {
    switch (verb) {
      case "module":
        out.module = args[0];
        return;
      case "go":
        if (args.length !== 1) throw new ParseFailure("usage: go 1.23", line, column);
        out.go = args[0];
        out.goLine = line;
        return;
      case "toolchain":
        out.toolchain = args[0];
        out.toolchainLine = line;
        return;
      case "require":
        if (args.length !== 2) throw new ParseFailure("usage: require module/path v1.2.3", line, column);
        out.require.push({ path: args[0] as string, version: args[1] as string, indirect: isIndirect(comment), line });
        return;
      case "replace": {
        const arrow = args.indexOf("=>");
        const left = args.slice(0, arrow);
        const right = args.slice(arrow + 1);
        if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) throw new ParseFailure("usage: replace module/path [v1.2.3] => other/module v1.4.5 | ../local/path", line, column);
        out.replace.push({ old: modVersion(left), new: modVersion(right), line });
        return;
      }
      default:
        // exclude, retract, godebug, tool, ignore: nothing a package set needs.
        return;
    }
  };
  for (let n = 0; n < lines.length; n++) {
    const line = n + 1;
    const raw = (lines[n] as string).replace(/\r$/, "");
    // Said as what it is: read as a directive it would fail with a usage message about that directive.
    if (isConflictMarker(raw)) throw conflictMarkerFailure(line, "resolve the conflict and run `go mod tidy`");
    const { tokens, comment } = tokenize(raw, line);
    const column = raw.length - raw.trimStart().length + 1;
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0] === ")" && tokens.length === 1) {
        block = undefined;
        continue;
      }
      apply(block.verb, tokens, comment, line, column);
      continue;
    }
    const [verb, ...args] = tokens as [string, ...string[]];
    if (args.length === 1 && args[0] === "(") {
      block = { verb, line };
      continue;
    }
    if (args[args.length - 1] === "(") throw new ParseFailure("unexpected tokens before '('", line, column);
    apply(verb, args, comment, line, column);
  }
  if (block) throw new ParseFailure(`the ${block.verb} block is never closed`, block.line, 1);
  return out;
}

/** The workspace parser for go.mod syntax. */
export const goModFileParser: Parser<GoModFile> = { id: "go.mod-file", parse: (file: TextFile) => parseGoMod(file) };
