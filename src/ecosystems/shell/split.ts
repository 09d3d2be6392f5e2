// A small, bounded splitter of POSIX-ish shell scripts into simple commands, for detections that
// read what a script runs (fetch-and-execute, package installs). It is not a shell: it never
// expands anything. It splits on `;`, `&&`, `||`, `|`, `&` and newlines, respecting quotes,
// backslash escapes and line continuations, follows `$( )`, backticks and `<( )` into nested
// commands, skips heredoc bodies and comments, and keeps every word's offsets into the script.
// One pass over the input (nested substitutions are scanned once, by the same pass).

/** How a command is joined to the one before it at its level ("" for the first). */
export type Joiner = "" | ";" | "&&" | "||" | "|" | "&" | "\n";

/** A nested command list: `$( )`, backticks, process substitution `<( )` / `>( )`. */
export interface Substitution {
  kind: "$(" | "`" | "<(" | ">(";
  start: number;
  end: number;
  commands: ShellCommand[];
}

/** One word, with quotes removed and escapes resolved; expansions are kept as written. */
export interface ShellWord {
  value: string;
  /** Offsets into the script, end exclusive. */
  start: number;
  end: number;
  /** True when part of the word was quoted. */
  quoted: boolean;
  /** True when the word holds an unquoted or double-quoted `$` expansion or a substitution. */
  expands: boolean;
  subs: Substitution[];
}

/** A redirection (`> file`, `2>&1`, `< in`), with its target word. */
export interface Redirect {
  op: string;
  target: ShellWord | undefined;
}

/** A heredoc attached to a command: its delimiter and the body's offsets. */
export interface ShellHeredoc {
  delimiter: string;
  start: number;
  end: number;
  body: string;
}

/** One simple command: its words (name first), redirections and heredocs. */
export interface ShellCommand {
  words: ShellWord[];
  redirects: Redirect[];
  heredocs: ShellHeredoc[];
  joiner: Joiner;
  start: number;
  end: number;
}

/** Options of the splitter. */
export interface SplitOptions {
  /** Treat `#` as a comment start (true for shell; false for text that is not a script). */
  comments?: boolean;
}

/** Substitutions nested deeper than this are kept as plain text. */
const MAX_DEPTH = 16;

/** Splits a script into its commands, with nested substitutions reachable from their words. */
export function splitCommands(script: string, options: SplitOptions = {}): ShellCommand[] {
  const p = new Splitter(script, options.comments ?? true);
  return p.list(0, undefined).commands;
}

/** Every command of a split, nested ones included, each with the command whose word holds it. */
export function allCommands(commands: readonly ShellCommand[]): { command: ShellCommand; parent: ShellCommand | undefined; via: Substitution | undefined }[] {
  const out: { command: ShellCommand; parent: ShellCommand | undefined; via: Substitution | undefined }[] = [];
  const walk = (list: readonly ShellCommand[], parent: ShellCommand | undefined, via: Substitution | undefined, depth: number): void => {
    for (const c of list) {
      out.push({ command: c, parent, via });
      if (depth >= MAX_DEPTH) continue;
      for (const w of c.words) for (const s of w.subs) walk(s.commands, c, s, depth + 1);
      for (const r of c.redirects) for (const s of r.target?.subs ?? []) walk(s.commands, c, s, depth + 1);
    }
  };
  walk(commands, undefined, undefined, 0);
  return out;
}

/** The pipelines of a list: runs of commands joined by `|`. */
export function pipelines(commands: readonly ShellCommand[]): ShellCommand[][] {
  const out: ShellCommand[][] = [];
  for (const c of commands) {
    const last = out[out.length - 1];
    if (c.joiner === "|" && last) last.push(c);
    else out.push([c]);
  }
  return out;
}

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "case", "esac", "!", "{", "}", "time", "in"]);
const WRAPPERS = new Set(["sudo", "doas", "env", "exec", "command", "nohup", "nice", "xargs", "builtin", "stdbuf", "timeout", "call"]);

/**
 * The words that name the program and its arguments: leading reserved words (`if`, `then`, `!`),
 * variable assignments (`A=1 cmd`) and wrappers (`sudo -E`, `env X=1`, `timeout 10`) are skipped.
 */
export function effectiveWords(cmd: ShellCommand): ShellWord[] {
  const w = cmd.words;
  let i = 0;
  while (i < w.length) {
    const v = (w[i] as ShellWord).value;
    if (RESERVED.has(v) || /^[A-Za-z_][A-Za-z0-9_]{0,100}=/.test(v)) {
      i++;
      continue;
    }
    // `/usr/bin/env bash`: a wrapper named by its path is the same wrapper.
    if (WRAPPERS.has(v.slice(v.lastIndexOf("/") + 1))) {
      i++;
      // Wrapper flags (`sudo -E -u root`, `timeout 10`): skip options and a number.
      while (i < w.length) {
        const x = (w[i] as ShellWord).value;
        if (x === "-u" || x === "-g" || x === "-C" || x === "-n") i += 2;
        else if (x.startsWith("-") || /^\d{1,9}[smhd]?$/.test(x) || /^[A-Za-z_][A-Za-z0-9_]{0,100}=/.test(x)) i++;
        else break;
      }
      continue;
    }
    break;
  }
  return w.slice(i);
}

const PYTHON = /^(?:python(?:\d{1,2}(?:\.\d{1,2})?)?|py)$/;

/**
 * The module a `python -m MODULE args` command runs, as if run by its own name (`MODULE args`);
 * any other command's words as they are. `python3.12 -m pip install x` → `pip install x`.
 */
export function moduleCommand<T extends string>(words: readonly T[]): readonly T[] {
  return PYTHON.test(words[0] ?? "") && words[1] === "-m" && words[2] !== undefined ? words.slice(2) : words;
}

/** The base name of a program word: `/usr/bin/curl` → `curl`, `python3.11` stays. */
export function programName(word: ShellWord | undefined): string {
  if (!word) return "";
  const v = word.value;
  const slash = v.lastIndexOf("/");
  const base = slash >= 0 ? v.slice(slash + 1) : v;
  return base.replace(/\.exe$/i, "");
}

interface ListResult {
  commands: ShellCommand[];
  end: number;
}

class Splitter {
  private depth = 0;
  /** Backtick lists open around the current position: a backtick there closes, never opens. */
  private ticks = 0;
  private pendingHeredocs: { delimiter: string; strip: boolean; cmd: ShellCommand }[] = [];

  constructor(
    private readonly s: string,
    private readonly comments: boolean,
  ) {}

  /** Reads commands from `i` until `close` (`)` or a backtick) or the end; returns where it stopped (after `close`). */
  list(i: number, close: ")" | "`" | undefined): ListResult {
    const s = this.s;
    const commands: ShellCommand[] = [];
    let joiner: Joiner = "";
    let cmd: ShellCommand | undefined;
    const finish = (at: number, next: Joiner): void => {
      if (cmd && (cmd.words.length > 0 || cmd.redirects.length > 0)) {
        // The command ends with its last word (trailing blanks and continuations are not part of it).
        let end = cmd.start;
        for (const w of cmd.words) end = Math.max(end, w.end);
        for (const r of cmd.redirects) end = Math.max(end, r.target?.end ?? end);
        cmd.end = Math.min(Math.max(end, cmd.start), at);
        commands.push(cmd);
        joiner = next;
      } else if (next === "|" || next === "&&" || next === "||" || !(joiner === "|" || joiner === "&&" || joiner === "||")) {
        // `a |` then a newline: the pipe still joins the next command.
        joiner = next;
      }
      cmd = undefined;
    };
    const current = (at: number): ShellCommand => {
      if (!cmd) cmd = { words: [], redirects: [], heredocs: [], joiner: commands.length === 0 ? "" : joiner, start: at, end: at };
      return cmd;
    };
    while (i < s.length) {
      const c = s[i] as string;
      if (close === ")" && c === ")") {
        finish(i, ";");
        return { commands, end: i + 1 };
      }
      if (close === "`" && c === "`") {
        finish(i, ";");
        return { commands, end: i + 1 };
      }
      if (c === " " || c === "\t" || c === "\r") {
        i++;
        continue;
      }
      if (c === "\\" && s[i + 1] === "\n") {
        i += 2;
        continue;
      }
      if (c === "\n") {
        finish(i, "\n");
        i = this.skipHeredocs(i + 1);
        continue;
      }
      if (c === "#" && this.comments) {
        const nl = s.indexOf("\n", i);
        i = nl < 0 ? s.length : nl;
        continue;
      }
      if (c === ";" || c === "&" || c === "|") {
        const two = s.slice(i, i + 2);
        if (two === "&&" || two === "||" || two === ";;") {
          finish(i, two === ";;" ? ";" : two);
          i += 2;
          continue;
        }
        if (two === "|&") {
          finish(i, "|");
          i += 2;
          continue;
        }
        if (c === "&" && s[i + 1] === ">") {
          // `&> file`: a redirection, not a background operator.
          i = this.redirect(current(i), i, 2 + (s[i + 2] === ">" ? 1 : 0));
          continue;
        }
        finish(i, c === "|" ? "|" : c === "&" ? "&" : ";");
        i++;
        continue;
      }
      if (c === "(" || c === ")") {
        // A subshell or group: transparent, the commands inside are listed at this level.
        finish(i, ";");
        i++;
        continue;
      }
      if ((c === "<" || c === ">") && s[i + 1] === "(" && this.depth < MAX_DEPTH) {
        const w = this.word(i);
        current(i).words.push(w.word);
        i = w.end;
        continue;
      }
      if (c === "<" || c === ">") {
        let len = 1;
        if (c === "<" && s[i + 1] === "<") {
          if (s[i + 2] === "<") len = 3;
          else {
            i = this.heredocStart(current(i), i);
            continue;
          }
        } else if (s[i + 1] === ">" || s[i + 1] === "&" || s[i + 1] === "|") len = 2;
        i = this.redirect(current(i), i, len);
        continue;
      }
      const cm = current(i);
      const w = this.word(i);
      // `2>&1`, `3<file`: a word of digits directly followed by a redirection is its file descriptor.
      if ((s[w.end] === ">" || s[w.end] === "<") && /^\d{1,3}$/.test(w.word.value) && !w.word.quoted) {
        i = w.end;
        continue;
      }
      cm.words.push(w.word);
      i = w.end;
    }
    finish(i, ";");
    return { commands, end: i };
  }

  /** A redirection operator of `len` characters at `i`, then its target word. */
  private redirect(cmd: ShellCommand, i: number, len: number): number {
    const op = this.s.slice(i, i + len);
    let j = i + len;
    while (this.s[j] === " " || this.s[j] === "\t") j++;
    if (j >= this.s.length || /[\n;&|()<>]/.test(this.s[j] as string)) {
      cmd.redirects.push({ op, target: undefined });
      return j;
    }
    const w = this.word(j);
    cmd.redirects.push({ op, target: w.word });
    return w.end;
  }

  /** `<<WORD` / `<<-WORD` / `<<'WORD'`: the body starts after the current line. */
  private heredocStart(cmd: ShellCommand, i: number): number {
    let j = i + 2;
    const strip = this.s[j] === "-";
    if (strip) j++;
    while (this.s[j] === " " || this.s[j] === "\t") j++;
    const w = this.word(j);
    if (w.word.value === "") {
      cmd.redirects.push({ op: "<<", target: undefined });
      return Math.max(w.end, j);
    }
    this.pendingHeredocs.push({ delimiter: w.word.value, strip, cmd });
    cmd.redirects.push({ op: strip ? "<<-" : "<<", target: w.word });
    return w.end;
  }

  /** Skips the bodies of heredocs opened on the line that just ended. */
  private skipHeredocs(i: number): number {
    const s = this.s;
    for (const h of this.pendingHeredocs.splice(0)) {
      const start = i;
      for (;;) {
        if (i >= s.length) {
          h.cmd.heredocs.push({ delimiter: h.delimiter, start, end: s.length, body: s.slice(start) });
          break;
        }
        const nl = s.indexOf("\n", i);
        const lineEnd = nl < 0 ? s.length : nl;
        let line = s.slice(i, lineEnd);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if ((h.strip ? line.replace(/^\t+/, "") : line) === h.delimiter) {
          h.cmd.heredocs.push({ delimiter: h.delimiter, start, end: i, body: s.slice(start, i) });
          i = nl < 0 ? s.length : nl + 1;
          break;
        }
        i = nl < 0 ? s.length : nl + 1;
      }
    }
    return i;
  }

  /** One word starting at `i`: quotes, escapes, expansions and substitutions, up to an unquoted separator. */
  private word(i: number): { word: ShellWord; end: number } {
    const s = this.s;
    const start = i;
    let value = "";
    let quoted = false;
    let expands = false;
    const subs: Substitution[] = [];
    while (i < s.length) {
      const c = s[i] as string;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === ";" || c === "&" || c === "|" || c === ")" || c === "(") break;
      if (c === "`" && this.ticks > 0) break;
      if ((c === "<" || c === ">") && !(s[i + 1] === "(" && i === start)) break;
      if ((c === "<" || c === ">") && s[i + 1] === "(") {
        const sub = this.substitution(i, c === "<" ? "<(" : ">(", i + 2, ")");
        subs.push(sub.sub);
        value += s.slice(i, sub.end);
        expands = true;
        i = sub.end;
        continue;
      }
      if (c === "`" && this.depth < MAX_DEPTH) {
        const sub = this.substitution(i, "`", i + 1, "`");
        subs.push(sub.sub);
        value += s.slice(i, sub.end);
        expands = true;
        i = sub.end;
        continue;
      }
      if (c === "\\") {
        if (s[i + 1] === "\n") {
          i += 2;
          continue;
        }
        if (i + 1 < s.length) value += s[i + 1];
        i += 2;
        quoted = true;
        continue;
      }
      if (c === "'") {
        const close = s.indexOf("'", i + 1);
        const end = close < 0 ? s.length : close;
        value += s.slice(i + 1, end);
        quoted = true;
        i = end + 1;
        continue;
      }
      if (c === "$" && s[i + 1] === "'") {
        // ANSI-C quoting: escapes are kept as written.
        let j = i + 2;
        while (j < s.length && s[j] !== "'") j += s[j] === "\\" ? 2 : 1;
        value += s.slice(i + 2, Math.min(j, s.length));
        quoted = true;
        i = j + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        i++;
        while (i < s.length && s[i] !== '"') {
          const d = s[i] as string;
          if (d === "\\" && i + 1 < s.length) {
            const n = s[i + 1] as string;
            if (n === "\n") i += 2;
            else {
              value += n === "$" || n === "`" || n === '"' || n === "\\" ? n : d + n;
              i += 2;
            }
            continue;
          }
          if (d === "$" || d === "`") {
            const e = this.dollar(i, subs);
            if (e > i) {
              value += s.slice(i, e);
              expands = true;
              i = e;
              continue;
            }
          }
          value += d;
          i++;
        }
        i++;
        continue;
      }
      if (c === "$") {
        const e = this.dollar(i, subs);
        if (e > i) {
          value += s.slice(i, e);
          expands = true;
          i = e;
          continue;
        }
      }
      value += c;
      i++;
    }
    const end = Math.min(i, s.length);
    return { word: { value, start, end, quoted, expands, subs }, end };
  }

  /** An expansion at `i` (`$x`, `${…}`, `$(…)`, `$((…))`, a backtick): its end, or `i` when there is none. */
  private dollar(i: number, subs: Substitution[]): number {
    const s = this.s;
    if (s[i] === "`") {
      if (this.depth >= MAX_DEPTH) return i;
      const sub = this.substitution(i, "`", i + 1, "`");
      subs.push(sub.sub);
      return sub.end;
    }
    const n = s[i + 1];
    if (n === "(" && s[i + 2] === "(") return this.balanced(i + 3, "(", ")", 2);
    if (n === "(") {
      if (this.depth >= MAX_DEPTH) return this.balanced(i + 2, "(", ")", 1);
      const sub = this.substitution(i, "$(", i + 2, ")");
      subs.push(sub.sub);
      return sub.end;
    }
    if (n === "{") return this.balanced(i + 2, "{", "}", 1);
    let j = i + 1;
    if (j < s.length && /[A-Za-z_]/.test(s[j] as string)) {
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
      return j;
    }
    if (j < s.length && /[0-9@*#?$!-]/.test(s[j] as string)) return j + 1;
    return i;
  }

  /** The end (exclusive) of a bracketed run that started before `i`, `open` nesting counted; quotes skipped. */
  private balanced(i: number, open: string, close: string, depth: number): number {
    const s = this.s;
    while (i < s.length && depth > 0) {
      const c = s[i] as string;
      if (c === "\\") i += 2;
      else if (c === "'") {
        const e = s.indexOf("'", i + 1);
        i = e < 0 ? s.length : e + 1;
      } else {
        if (c === open) depth++;
        else if (c === close) depth--;
        i++;
      }
    }
    return Math.min(i, s.length);
  }

  /** A nested command list starting at `from`, closed by `close`. */
  private substitution(start: number, kind: Substitution["kind"], from: number, close: ")" | "`"): { sub: Substitution; end: number } {
    this.depth++;
    if (close === "`") this.ticks++;
    const saved = this.pendingHeredocs;
    this.pendingHeredocs = [];
    const r = this.list(from, close);
    this.pendingHeredocs = saved;
    if (close === "`") this.ticks--;
    this.depth--;
    return { sub: { kind, start, end: r.end, commands: r.commands }, end: r.end };
  }
}
