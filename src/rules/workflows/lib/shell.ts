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
  /**
   * The names a write to GITHUB_ENV or GITHUB_OUTPUT sets (`NAME=…` or `NAME<<DELIM`); a line written between
   * `echo "NAME<<EOF" >> $GITHUB_ENV` and the delimiter's own write is part of NAME's value and carries its name.
   */
  names: string[];
  /** A here-document with a quoted delimiter (`<<'EOF'`): the shell expands nothing in its body, GitHub still its `${{ }}`. */
  literal?: boolean;
}

/**
 * The text of a write as the shell expands it: the content, or for a quoted here-document only the `${{ }}`
 * expressions of its body (GitHub substitutes those into the script before the shell reads it).
 */
export function expandedContent(w: FileWrite): string {
  if (!w.literal) return w.content;
  return (w.content.match(/\$\{\{[^}\n]{0,2000}\}\}/g) ?? []).join("\n");
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
const HEREDOC = /<<-?[ \t]{0,10}(["']?|\\)([A-Za-z_][A-Za-z0-9_]{0,60})(["']?)/;
/** `NAME<<DELIM` written by a command (`echo "body<<$EOF"`): the delimiter a later write ends the value with. */
const MULTILINE_OPEN = /\b([A-Za-z_][A-Za-z0-9_-]{0,100})<<[ \t]{0,10}(\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?|[A-Za-z_][A-Za-z0-9_]{0,60})/;
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
  // A multi-line value opened by one command's write (`echo "NAME<<EOF" >> $GITHUB_ENV`), until its delimiter's write.
  let open: { target: EnvFile; names: string[]; delim: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const m = targetOf(line.text);
    if (m) {
      const target = m.target.toUpperCase() as EnvFile;
      const before = line.text.slice(0, m.index) + (m.after ? ` ${m.after}` : "");
      let content = before;
      let start = line.start;
      let end = line.end;
      let literal = false;
      let command = false;
      const heredoc = HEREDOC.exec(line.text);
      // `<<'EOF'`, `<<"EOF"` and `<<\EOF` quote the delimiter: the body is written as it stands.
      if (heredoc && outsideQuotes(line.text, heredoc.index) && (heredoc[1] === heredoc[3] || heredoc[1] === "\\")) {
        literal = heredoc[1] !== "";
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
      } else command = true;
      let names = namesIn(content, target);
      if (command && open && open.target === target) {
        // Inside a value a command opened: its lines are text of that value; the delimiter's own write ends it.
        if (content.includes(open.delim) && !content.includes("<<")) open = undefined;
        else names = [...new Set([...open.names, ...names])];
      } else if (command && (target === "GITHUB_ENV" || target === "GITHUB_OUTPUT")) {
        const m = MULTILINE_OPEN.exec(content);
        if (m && !content.slice(m.index + m[0].length).includes(m[2] as string)) open = { target, names: [m[1] as string], delim: m[2] as string };
      }
      out.push({ target, content, start, end, names, ...(literal ? { literal } : {}) });
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

/**
 * Commands whose output carries the text of their arguments or input: a value passed through them (`$(echo "$T" |
 * sed …)`) is still that value. Any other command prints its own output (`$(./deploy.sh "$BRANCH")`, `$(wc -c)`,
 * `$(date -d "$T")`): a variable passed to it as an argument is data to that program, not text in what it prints.
 * `curl`/`wget` count as passing it on: a URL someone chose fetches what they serve. So does `eval`, whatever it runs.
 */
const PASS_THROUGH: ReadonlySet<string> = new Set(["echo", "printf", "cat", "sed", "gsed", "awk", "gawk", "mawk", "cut", "head", "tail", "tr", "grep", "egrep", "fgrep", "rg", "jq", "yq", "xargs", "basename", "dirname", "sort", "uniq", "rev", "fold", "tee", "perl", "envsubst", "iconv", "fmt", "column", "paste", "expand", "unexpand", "realpath", "readlink", "printenv", "tac", "nl", "sd", "eval", "curl", "wget"]);
/** Interpreters: their inline program (`python3 -c '…'`, `node -e`) may print its arguments; a script file's output is its own. */
const INTERPRETERS: ReadonlySet<string> = new Set(["sh", "bash", "zsh", "dash", "python", "python3", "node", "ruby", "pwsh", "php"]);
/** A `tr` that deletes every character outside a set of letters, digits and `._/-` (`tr -cd 'a-z0-9-'`): only those remain. */
const TR_FILTER = /^tr[ \t]{1,10}-(?:cd|dc|c[ \t]{1,10}-d|d[ \t]{1,10}-c)[ \t]{1,10}(["']?)(?:[A-Za-z0-9._/-]|\[:(?:alnum|alpha|digit|lower|upper|xdigit):\]){1,100}\1[ \t]*$/;
/** Most levels of nested substitutions followed; deeper ones are kept as written (their variables still count). */
const MAX_NESTING = 8;

/**
 * The text with every command substitution (`$( … )`, `` `…` ``) whose output is a program's own replaced by `_`:
 * what is left expands only values that reach the output. Substitutions through pass-through commands are kept,
 * nested ones judged first. One that cannot be delimited (unbalanced) is kept: its variables still count.
 */
export function passThroughText(text: string, depth = 0): string {
  if (depth > MAX_NESTING || (!text.includes("$(") && !text.includes("`"))) return text;
  let out = "";
  let i = 0;
  let single = false;
  let double = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (single) {
      if (c === "'") single = false;
      out += c;
      i++;
      continue;
    }
    if (c === "\\") {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '"') double = !double;
    // Inside a substitution `'` quotes (`$(echo '$(x)')` substitutes nothing inside); in a written line or a
    // here-document body at the top it may be a plain apostrophe, so there every `$(` counts.
    if (c === "'" && depth > 0 && !double) {
      single = true;
      out += c;
      i++;
      continue;
    }
    const backtick = c === "`";
    if ((c === "$" && text[i + 1] === "(" && text[i + 2] !== "(") || backtick) {
      const open = backtick ? 1 : 2;
      const close = backtick ? text.indexOf("`", i + 1) : closingParen(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = passThroughText(text.slice(i + open, close), depth + 1);
      out += passesThrough(body) ? `${text.slice(i, i + open)}${body}${backtick ? "`" : ")"}` : "_";
      i = close + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The index of the `)` that closes a `$(` whose body starts at `from`, quotes and nested parentheses skipped; -1 if none. */
function closingParen(text: string, from: number): number {
  const stack: string[] = [")"];
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (top === "'") {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (top === '"') {
      if (c === '"') stack.pop();
      else if (c === "$" && text[i + 1] === "(") {
        stack.push(")");
        i++;
      }
      continue;
    }
    if (c === "'") stack.push("'");
    else if (c === '"') stack.push('"');
    else if (c === "(") stack.push(")");
    else if (c === ")") {
      stack.pop();
      if (stack.length === 0) return i;
    }
    if (stack.length > 200) return -1;
  }
  return -1;
}

/** True when some command of a substitution's body prints text it was given: every stage of its pipeline passes it on. */
function passesThrough(body: string): boolean {
  // Quoted text blanked out (same length), so the separators found are the shell's own.
  const skeleton = body.replace(/'[^'\n]*'|"(?:[^"\\\n]|\\.)*"/g, (q) => q[0] + "x".repeat(Math.max(0, q.length - 2)) + q[q.length - 1]);
  // `a | b; c && d`: the output is every command's; a command passes text on when every stage of its pipeline does.
  const stages: string[] = [];
  let from = 0;
  let count = 0;
  for (const m of skeleton.matchAll(/&&|\|\||[;\n&|]/g)) {
    stages.push(body.slice(from, m.index));
    from = m.index + m[0].length;
    // Too many parts to judge: kept, so its variables still count.
    if (++count > 100) return true;
    if (m[0] !== "|") {
      if (stagesPass(stages)) return true;
      stages.length = 0;
    }
  }
  stages.push(body.slice(from));
  return stagesPass(stages);
}

/** True when a pipeline has a command and every stage of it prints what it was given. */
function stagesPass(stages: readonly string[]): boolean {
  return stages.some((s) => s.trim() !== "") && stages.every(stagePasses);
}

/** True when one command of a pipeline prints what it was given (its arguments or its input). */
function stagePasses(stage: string): boolean {
  // Leading assignments (`LC_ALL=C sort`) and wrappers (`command`, `env`) run the command after them.
  const words = stage.trim().replace(/^(?:[A-Za-z_][A-Za-z0-9_]{0,60}=(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[^\s]{0,200})[ \t]{1,10}){1,10}/, "").replace(/^(?:(?:command|builtin|exec|env|sudo|nice|stdbuf(?:[ \t]{1,10}-\S{1,10}){0,3})[ \t]{1,10}){1,4}/, "");
  const name = /^[^\s;|&<>()]{1,200}/.exec(words)?.[0] ?? "";
  const base = name.slice(name.lastIndexOf("/") + 1).replace(/^["']|["']$/g, "");
  // A path (`./deploy.sh`, `scripts/x`) is the project's own program, whatever its name.
  if (name.includes("/") && !/^\/(?:usr\/)?(?:local\/)?s?bin\//.test(name)) return false;
  if (base === "tr") return !TR_FILTER.test(words.trim());
  if (base === "grep" || base === "egrep" || base === "fgrep" || base === "rg") return !/(?:^|[ \t])-(?:[A-Za-z]{0,5}[cqlL][A-Za-z]{0,5})\b/.test(words);
  if (base === "git") return /^git[ \t]{1,10}check-ref-format\b/.test(words);
  // Encoding leaves only the alphabet's letters; decoding gives back whatever was encoded.
  if (base === "base64" || base === "base32" || base === "basenc") return /(?:^|[ \t])(?:-[A-Za-z]{0,4}d|--decode)\b/.test(words);
  if (INTERPRETERS.has(base)) return /(?:^|[ \t])-[A-Za-z]{0,5}[cep]\b/.test(words);
  return PASS_THROUGH.has(base);
}
