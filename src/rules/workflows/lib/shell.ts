// A light reading of `run:` scripts: logical lines, writes to the runner's environment files,
// shell variable references, and the quoting in force at a point (for fixes). Not a shell parser:
// every function is linear in the script and gives up on constructs it does not model.

/** One logical line (backslash continuations joined), with where it is in the script. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

/** Lines of a script, continuations joined; at most 20,000 of them. */
export function logicalLines(script: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let text = "";
  let lineStart = 0;
  for (let i = 0; i <= script.length && out.length < 20_000; i++) {
    if (i < script.length && script.charCodeAt(i) !== 10) continue;
    const raw = script.slice(lineStart, i).replace(/\r$/, "");
    if (raw.endsWith("\\") && i < script.length) {
      text += raw.slice(0, -1) + " ";
    } else {
      text += raw;
      out.push({ text, start, end: i });
      text = "";
      start = i + 1;
    }
    lineStart = i + 1;
  }
  return out;
}

/** A runner file a step can write to. */
export type EnvFile = "GITHUB_ENV" | "GITHUB_PATH" | "GITHUB_OUTPUT" | "GITHUB_STEP_SUMMARY" | "GITHUB_STATE";

/** A write to one of the runner's files: what is written (the command or the heredoc body) and where. */
export interface FileWrite {
  target: EnvFile;
  /** What the write puts in the file: the command before the redirect, or the lines of a heredoc or `{ … }` group. */
  content: string;
  /** Where the write is in the script (the line with the redirect, and any body before or after it). */
  start: number;
  end: number;
  /** The names a write to GITHUB_ENV or GITHUB_OUTPUT sets (`NAME=…` or `NAME<<DELIM`). */
  names: string[];
}

const TARGET_VAR = /(?:\$\{?|\$env:|%)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STEP_SUMMARY|GITHUB_STATE)\b/gi;
// What comes right before a target for it to be written to: a redirect or `tee`, or a PowerShell writer earlier on the line.
// `tee`'s options come before the file: `-a`, `--append`, `-i`, `--` (a few, each bounded).
const REDIRECT_BEFORE = /(?:>>?|\btee(?:[ \t]{1,10}-{1,2}[a-z-]{0,20}){0,3})[ \t]{0,10}["']?$/i;
const PWSH_WRITER = /\b(?:Out-File|Add-Content|Set-Content)\b/i;

/**
 * The first write target on a line and where the redirect starts, if the line writes to one. A PowerShell writer
 * may take its value after the path (`Add-Content -Path $env:GITHUB_ENV -Value "T=$x"`): that text is `after`.
 */
function targetOf(text: string): { target: string; index: number; after?: string } | undefined {
  TARGET_VAR.lastIndex = 0;
  for (let m = TARGET_VAR.exec(text); m; m = TARGET_VAR.exec(text)) {
    const window = text.slice(Math.max(0, m.index - 240), m.index);
    const r = REDIRECT_BEFORE.exec(window);
    if (r) return { target: m[1] as string, index: m.index - window.length + r.index };
    if (PWSH_WRITER.test(window)) {
      const w = PWSH_WRITER.exec(text) as RegExpExecArray;
      return { target: m[1] as string, index: Math.min(w.index, m.index), after: text.slice(m.index + m[0].length) };
    }
  }
  return undefined;
}
const HEREDOC = /<<-?[ \t]{0,10}(["']?)([A-Za-z_][A-Za-z0-9_]{0,60})\1/;
const NAME = /(?:^|[\s"'`({;])([A-Za-z_][A-Za-z0-9_-]{0,100})(=|<<)/g;
const SET_OUTPUT = /::set-(output|env)[ \t]{1,10}name=([A-Za-z_][A-Za-z0-9_-]{0,100})::([^\n]{0,2000})/g;

// Scripts are asked about again and again (every taint lookup through env or outputs): read each once.
const writesMemo = new Map<string, FileWrite[]>();

/** Every write to the runner's environment files in a script (bash, sh, pwsh and cmd forms). */
export function fileWrites(script: string): FileWrite[] {
  if (!/GITHUB_|::set-/.test(script)) return [];
  const hit = writesMemo.get(script);
  if (hit) return hit;
  const out = scanWrites(script);
  if (writesMemo.size > 5000) writesMemo.clear();
  writesMemo.set(script, out);
  return out;
}

function scanWrites(script: string): FileWrite[] {
  const lines = logicalLines(script);
  const out: FileWrite[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const m = targetOf(line.text);
    if (m) {
      const target = m.target.toUpperCase() as EnvFile;
      const before = line.text.slice(0, m.index) + (m.after ? ` ${m.after}` : "");
      let content = before;
      let start = line.start;
      let end = line.end;
      const heredoc = HEREDOC.exec(line.text);
      if (heredoc && outsideQuotes(line.text, heredoc.index)) {
        // `cat <<EOF >> $GITHUB_ENV`: the body runs to the delimiter line.
        const delim = heredoc[2] as string;
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && (lines[j] as Line).text.trim() !== delim; j++) body.push((lines[j] as Line).text);
        content = body.join("\n");
        end = (lines[Math.min(j, lines.length - 1)] as Line).end;
        i = j;
      } else if (/^\s*\}/.test(line.text) || /^\s*done\b/.test(line.text)) {
        // `{ …; } >> "$GITHUB_OUTPUT"` or a loop redirected as a whole: the body is the lines since the opener.
        const body: string[] = [];
        for (let j = i - 1, depth = 0; j >= 0 && body.length < 200; j--) {
          const t = (lines[j] as Line).text;
          body.unshift(t);
          if (/^\s*\{\s*$/.test(t) || /\b(?:for|while|until)\b/.test(t)) {
            if (depth === 0) {
              start = (lines[j] as Line).start;
              break;
            }
            depth--;
          }
        }
        content = body.join("\n") + "\n" + before;
      }
      out.push({ target, content, start, end, names: namesIn(content, target) });
    }
    SET_OUTPUT.lastIndex = 0;
    for (let s = SET_OUTPUT.exec(line.text); s; s = SET_OUTPUT.exec(line.text)) {
      out.push({ target: s[1]?.toLowerCase() === "env" ? "GITHUB_ENV" : "GITHUB_OUTPUT", content: s[3] ?? "", start: line.start, end: line.end, names: [s[2] as string] });
    }
  }
  return out;
}

/** True when position `i` of a one-line command is outside quotes (`echo "x<<EOF"` writes a delimiter, it is no here-document). */
function outsideQuotes(text: string, i: number): boolean {
  let single = false;
  let double = false;
  for (let k = 0; k < i; k++) {
    const c = text[k];
    if (c === "\\" && !single) k++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return !single && !double;
}

function namesIn(content: string, target: EnvFile): string[] {
  if (target !== "GITHUB_ENV" && target !== "GITHUB_OUTPUT") return [];
  const names = new Set<string>();
  NAME.lastIndex = 0;
  for (let m = NAME.exec(content); m; m = NAME.exec(content)) names.add(m[1] as string);
  return [...names];
}

/** Shell variables a text expands (`$NAME`, `${NAME}`, `${NAME:-x}`, pwsh `$env:NAME`, cmd `%NAME%`). */
export function shellVariables(text: string): string[] {
  const out = new Set<string>();
  const re = /\$\{?(?:env:)?([A-Za-z_][A-Za-z0-9_]{0,100})|%([A-Za-z_][A-Za-z0-9_]{0,100})%/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.add((m[1] ?? m[2]) as string);
  return [...out];
}

/** True when the text runs a command or expands something (its written value is not a literal). */
export function isDynamic(text: string): boolean {
  return /[$`]|%[A-Za-z_]/.test(text);
}

/** Variables the runner sets that no outsider controls. */
export const RUNNER_VARIABLES: ReadonlySet<string> = new Set([
  "HOME",
  "PWD",
  "PATH",
  "USER",
  "RUNNER_TEMP",
  "RUNNER_TOOL_CACHE",
  "RUNNER_OS",
  "RUNNER_ARCH",
  "RUNNER_NAME",
  "RUNNER_WORKSPACE",
  "GITHUB_WORKSPACE",
  "GITHUB_ACTION_PATH",
  "GITHUB_SHA",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_NUMBER",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_REPOSITORY",
  "GITHUB_REPOSITORY_OWNER",
  "GITHUB_SERVER_URL",
  "GITHUB_API_URL",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_OUTPUT",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_EVENT_NAME",
  "GITHUB_JOB",
  "GITHUB_ACTOR",
  "GITHUB_REF",
  "GITHUB_REF_NAME",
  "GITHUB_BASE_REF",
  "GOPATH",
  "GOROOT",
  "JAVA_HOME",
  "ANDROID_HOME",
  "ANDROID_SDK_ROOT",
  "CARGO_HOME",
  "RUSTUP_HOME",
  "pythonLocation",
  "ImageOS",
  "LOCALAPPDATA",
  "APPDATA",
  "USERPROFILE",
  "ProgramFiles",
  "TEMP",
  "TMP",
  "TMPDIR",
]);

/** Where a character of a shell script stands: outside quotes, in '…', in "…", or in an expanding here-document body. */
export type QuoteState = "none" | "single" | "double" | "heredoc" | "literal-heredoc" | "comment";

/**
 * The quoting in force at `offset` of a bash/sh script: enough to rewrite an expanded expression
 * into a quoted variable reference. Tracks quotes, escapes, comments, `$( … )` and here-documents.
 */
export function quoteStateAt(script: string, offset: number): QuoteState {
  type Mode = "none" | "single" | "double";
  const stack: Mode[] = [];
  let mode: Mode = "none";
  let heredoc: { delim: string; literal: boolean } | undefined;
  let pendingHeredoc: { delim: string; literal: boolean } | undefined;
  let lineStart = true;
  for (let i = 0; i < offset && i < script.length; i++) {
    const c = script[i] as string;
    if (heredoc) {
      // Inside a here-document body: only a line that is exactly the delimiter ends it.
      if (lineStart) {
        const eol = script.indexOf("\n", i);
        const line = script.slice(i, eol < 0 ? script.length : eol).replace(/^\t+/, "");
        if (line.trim() === heredoc.delim) {
          heredoc = undefined;
          i = eol < 0 ? script.length : eol;
          lineStart = true;
          continue;
        }
      }
      lineStart = c === "\n";
      continue;
    }
    if (c === "\n") {
      lineStart = true;
      if (mode === "none" && pendingHeredoc) {
        heredoc = pendingHeredoc;
        pendingHeredoc = undefined;
      }
      continue;
    }
    lineStart = false;
    if (mode === "single") {
      if (c === "'") mode = "none";
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (mode === "double") {
      if (c === '"') mode = stack.pop() ?? "none";
      else if (c === "$" && script[i + 1] === "(") {
        stack.push(mode);
        mode = "none";
        i++;
      }
      continue;
    }
    // mode === "none"
    if (c === "'") mode = "single";
    else if (c === '"') {
      stack.push("none");
      mode = "double";
    } else if (c === "$" && script[i + 1] === "(") {
      stack.push("none");
      i++;
    } else if (c === ")" && stack.length > 0) mode = stack.pop() ?? "none";
    else if (c === "#" && (i === 0 || /\s/.test(script[i - 1] as string))) {
      const eol = script.indexOf("\n", i);
      if (eol < 0 || eol >= offset) return "comment";
      i = eol - 1;
    } else if (c === "<" && script[i + 1] === "<" && script[i + 2] !== "<") {
      const m = /^<<-?[ \t]{0,10}(["']?)([A-Za-z_][A-Za-z0-9_]{0,60})\1/.exec(script.slice(i, i + 80));
      if (m) {
        pendingHeredoc = { delim: m[2] as string, literal: m[1] !== "" };
        i += m[0].length - 1;
      }
    }
  }
  if (heredoc) return heredoc.literal ? "literal-heredoc" : "heredoc";
  return mode;
}
