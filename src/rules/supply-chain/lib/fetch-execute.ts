import { allCommands, effectiveWords, pipelines, programName, splitCommands, type ShellCommand, type ShellWord } from "../../../ecosystems/shell/split.js";
import { pinnedUrl } from "./pinned-url.js";
import { scorecardRecordedPath, scorecardRuns } from "./scorecard-taint.js";
import { addDownload, DownloadChecks, newFetchState, removeDownload, type FetchState } from "./verify-download.js";

export { newFetchState, type FetchState } from "./verify-download.js";

// Fetch-and-execute in shell: a download piped into an interpreter (`curl … | sh`), fed to one
// through a substitution (`bash -c "$(curl …)"`, `source <(wget -O- …)`), or saved to a file that
// a later command runs (`curl -o i.sh …; sh i.sh`) with no checksum or signature check between.

/** One fetch-and-execute found in a script. */
export interface FetchExecute {
  /** `variable`: PowerShell's `$s = irm …` then `iex $s`. */
  how: "pipe" | "substitution" | "download-then-run" | "variable";
  /** Offsets into the script of the whole construct (the download to the execution). */
  start: number;
  end: number;
  url: string | undefined;
  downloader: string;
  interpreter: string;
  /** The file a download-then-run saved and ran. */
  file?: string;
  /** For a download-then-run: whether Scorecard counts it (it ran the path Scorecard remembers for the download). */
  scorecard?: boolean;
}

const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "iwr", "invoke-webrequest", "irm", "invoke-restmethod"]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "mksh", "busybox"]);
const INTERPRETERS = /^(?:sh|bash|zsh|dash|ksh|ash|fish|mksh|python(?:\d(?:\.\d{1,2})?)?|py|perl|ruby|node|nodejs|deno|bun|php|pwsh|powershell|lua|tclsh)$/;
const SOURCING = new Set(["source", ".", "eval", "iex", "invoke-expression"]);

/** A file name, or a path: the base name a later command would use. */
const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

const isUrl = (w: ShellWord): boolean => /^(?:https?|ftp|gs|s3):\/\//i.test(w.value);
const isBareUrl = (w: ShellWord): boolean => /^[\w.-]{1,253}\.[a-z]{2,24}\/\S/i.test(w.value) && !w.value.startsWith("-");

function urlOf(words: readonly ShellWord[]): string | undefined {
  const named = words.find(isUrl)?.value ?? words.find(isBareUrl)?.value;
  if (named !== undefined || programName(words[0]).toLowerCase() !== "aws") return named;
  // `aws s3api get-object --bucket b --key k out` names its object in two options.
  const value = (opt: string): string | undefined => words[words.findIndex((w) => w.value === opt) + 1]?.value;
  const bucket = words.some((w) => w.value === "--bucket") ? value("--bucket") : undefined;
  const key = words.some((w) => w.value === "--key") ? value("--key") : undefined;
  return bucket && key ? `s3://${bucket}/${key}` : undefined;
}

/**
 * True when everything a download command fetches is immutable: each URL it names is pinned to a
 * commit (curl writes every URL it is given to the same output), and no config file adds others.
 */
function pinnedDownload(words: readonly ShellWord[]): boolean {
  const urls = words.slice(1).filter((w) => isUrl(w) || isBareUrl(w));
  if (urls.length === 0 || words.some((w) => w.value === "-K" || w.value.startsWith("--config") || /^-[a-zA-Z]{0,8}K/.test(w.value))) return false;
  return urls.every((w) => pinnedUrl(w.value));
}

/** The file a download command writes, if it writes one (`-o f`, `-O`, `--output f`, `> f`, wget's default name). */
function downloadTarget(cmd: ShellCommand, words: readonly ShellWord[], prog: string): string | undefined {
  const url = urlOf(words);
  for (let i = 1; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    const next = words[i + 1]?.value;
    if (prog === "curl") {
      if ((v === "-o" || v === "--output") && next) return next === "-" ? undefined : next;
      if (/^-[a-zA-Z]*o$/.test(v) && !v.startsWith("--") && next) return next === "-" ? undefined : next;
      if (/^-o\S/.test(v)) return v.slice(2);
      if (v.startsWith("--output=")) return v.slice(9);
      if (v === "-O" || v === "--remote-name" || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(v)) return url ? base(url.split(/[?#]/)[0] ?? url) : undefined;
    } else if (prog === "wget") {
      if ((v === "-O" || v === "--output-document") && next) return next === "-" ? undefined : next;
      if (/^-[a-zA-Z]*O$/.test(v) && next) return next === "-" ? undefined : next;
      if (/^-O\S/.test(v)) return v.slice(2) === "-" ? undefined : v.slice(2);
      if (v.startsWith("--output-document=")) return v.slice(18) === "-" ? undefined : v.slice(18);
    } else if ((prog === "iwr" || prog === "invoke-webrequest" || prog === "irm" || prog === "invoke-restmethod") && /^-(?:outfile|od)$/i.test(v) && next) return next;
  }
  const out = cmd.redirects.find((r) => r.op === ">" || r.op === ">>" || r.op === ">|");
  if (out?.target) return out.target.value;
  if (prog === "wget" && url && !words.some((w) => w.value === "-qO-" || w.value === "-O-" || w.value === "-")) return base(url.split(/[?#]/)[0] ?? url) || "index.html";
  return undefined;
}

/** Shell options whose value is the next word (`bash -o pipefail`, `-O extglob`, `--rcfile f`). */
const SHELL_VALUE_OPTIONS = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);

/**
 * True when a shell reads its script from standard input: no operand (options such as `-e -u`,
 * `-o pipefail` or `-x` set behaviour), `-`, `/dev/stdin`, or `-s` (the operands are then the
 * script's arguments: `sh -s -- --yes`). `-c` runs its operand instead.
 */
function shellReadsStdin(prog: string, args: readonly string[]): boolean {
  // `busybox sh`: the applet, then its options.
  const rest = prog === "busybox" && SHELLS.has(args[0] ?? "") ? args.slice(1) : args;
  let s = false;
  for (let i = 0; i < rest.length && i < 64; i++) {
    const a = rest[i] as string;
    if (a === "-" || a === "/dev/stdin") return true;
    if (a === "--") return s || rest[i + 1] === undefined;
    if (/^[-+][a-zA-Z]{1,20}$/.test(a)) {
      if (a.startsWith("-") && a.includes("c")) return false;
      if (a.startsWith("-") && a.includes("s")) s = true;
      // `-o pipefail`, `-euo pipefail`: the last option of a cluster takes the next word.
      if (SHELL_VALUE_OPTIONS.has(a) || /^[-+][a-zA-Z]{0,19}[oO]$/.test(a)) i++;
      continue;
    }
    if (a.startsWith("--")) {
      if (SHELL_VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    return s;
  }
  return true;
}

/** True when an interpreter command reads its program from standard input. */
function readsStdin(words: readonly ShellWord[]): boolean {
  const prog = programName(words[0]).toLowerCase();
  const args = words.slice(1).map((w) => w.value);
  if (SHELLS.has(prog)) return shellReadsStdin(prog, args);
  if (args.some((a) => a === "-c" || /^-[a-zA-Z]*c$/.test(a) || a === "-e" || a === "--eval" || a === "-m" || /^-command$/i.test(a))) return false;
  const firstOperand = args.find((a) => !a.startsWith("-") || a === "-");
  if (firstOperand === undefined || firstOperand === "-" || firstOperand === "/dev/stdin") return true;
  return args.includes("-s") || args.some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a) && !a.startsWith("--"));
}

/**
 * True for a command that fetches: curl, wget and the like; `gsutil` with a `gs://` operand (`cp`,
 * `cat`); `aws s3api get-object`, or `aws s3 cp` from an `s3://` object.
 */
function isDownload(words: readonly ShellWord[], prog: string): boolean {
  if (DOWNLOADERS.has(prog)) return true;
  const args = words.slice(1).map((w) => w.value);
  if (prog === "gsutil") return args.some((a) => /^gs:\/\//i.test(a));
  if (prog !== "aws") return false;
  const at = args.findIndex((a) => !a.startsWith("-"));
  return (args[at] === "s3api" && args[at + 1] === "get-object") || (args[at] === "s3" && args[at + 1] === "cp" && /^s3:\/\//i.test(args[at + 2] ?? ""));
}

const isDownloader = (w: readonly ShellWord[]): boolean => isDownload(w, programName(w[0]).toLowerCase());

/**
 * The file a cloud-storage copy writes: the operand after the object (`gsutil cp gs://b/i.sh /tmp/`,
 * `aws s3 cp s3://b/i.sh .`), or get-object's last operand; into a folder (`.`, a trailing `/`) it
 * keeps the object's name. `-` is standard output.
 */
function storageTarget(words: readonly ShellWord[], prog: string): string | undefined {
  const args = words.slice(1).map((w) => w.value);
  let object: string | undefined;
  let target: string | undefined;
  if (prog === "aws" && args.includes("get-object")) {
    const key = args.indexOf("--key");
    object = key >= 0 ? args[key + 1] : undefined;
    target = args.length > 0 ? args[args.length - 1] : undefined;
  } else {
    const at = args.findIndex((a) => /^(?:gs|s3):\/\//i.test(a));
    object = at >= 0 ? args[at] : undefined;
    target = at >= 0 ? args[at + 1] : undefined;
  }
  if (target === undefined || target === "-" || target.startsWith("-")) return undefined;
  if (target === "." || target.endsWith("/")) return object ? base(object) || undefined : undefined;
  return target;
}

/** Finds fetch-and-execute in one script; `state` carries the downloads (and checksum lists) of the group's earlier scripts. */
export function findFetchExecute(script: string, state: FetchState = newFetchState(), depth = 0): FetchExecute[] {
  const found: FetchExecute[] = [];
  const top = splitCommands(script);
  const downloaded = state.downloads;
  // 1. Pipes: a downloader earlier in a pipeline than an interpreter reading standard input.
  const visitPipes = (list: readonly ShellCommand[]): void => {
    for (const p of pipelines(list)) {
      let dl: { cmd: ShellCommand; words: ShellWord[] } | undefined;
      for (const cmd of p) {
        const words = effectiveWords(cmd);
        const prog = programName(words[0]).toLowerCase();
        if (isDownload(words, prog)) dl = dl ?? { cmd, words };
        else if (dl && (INTERPRETERS.test(prog) || SHELLS.has(prog) || SOURCING.has(prog)) && (SOURCING.has(prog) || readsStdin(words))) {
          if (!pinnedDownload(dl.words)) found.push({ how: "pipe", start: dl.cmd.start, end: cmd.end, url: urlOf(dl.words), downloader: programName(dl.words[0]), interpreter: prog });
          dl = undefined;
        }
      }
    }
  };
  // 2. Substitutions: an interpreter or `source`/`eval` given a downloader's output, as an argument
  // (`bash -c "$(curl …)"`, `source <(curl …)`) or as its standard input (`bash <<< "$(curl …)"`).
  for (const { command } of allCommands(top)) {
    const words = effectiveWords(command);
    const prog = programName(words[0]).toLowerCase();
    if (!(INTERPRETERS.test(prog) || SOURCING.has(prog))) continue;
    const hereString = command.redirects.find((r) => r.op === "<<<")?.target;
    const stdinRead = hereString !== undefined && (SOURCING.has(prog) ? words.slice(1).some((w) => w.value === "/dev/stdin") : readsStdin(words));
    for (const w of stdinRead && hereString ? [...words.slice(1), hereString] : words.slice(1)) {
      for (const sub of w.subs) {
        const dl = allCommands(sub.commands).find((c) => isDownloader(effectiveWords(c.command)));
        if (!dl) continue;
        const dlWords = effectiveWords(dl.command);
        if (pinnedDownload(dlWords)) continue;
        const executes = w === hereString || sub.kind === "<(" || SOURCING.has(prog) || words.some((x) => x.value === "-c" || /^-[a-zA-Z]*c$/.test(x.value) || /^-command$/i.test(x.value));
        if (executes) found.push({ how: "substitution", start: command.start, end: command.end, url: urlOf(dlWords), downloader: programName(dlWords[0]), interpreter: prog });
      }
    }
  }
  visitPipes(top);
  for (const { command, via } of allCommands(top)) if (via) visitPipes([command]);

  // 3. Download, then run the saved file (in this script or a later one of the group), unless a
  // check of that file against a pinned value came between.
  const flat = allCommands(top).map((c) => c.command);
  const checks = new DownloadChecks(state, script, top);
  // Files made executable (`chmod +x tool`): a later bare `tool …` runs the download once it is on PATH.
  const executable = new Set<string>();
  for (const cmd of flat) {
    const every = effectiveWords(cmd);
    // PowerShell's `$proc = Start-Process …`: the command after the assignment.
    const words = /^\$[\w:]{1,100}$/.test(every[0]?.value ?? "") && every[1]?.value === "=" ? every.slice(2) : every;
    const prog = programName(words[0]).toLowerCase();
    if (isDownload(words, prog)) {
      // A bucket's object written to standard output and redirected (`gsutil cat gs://b/i.sh > i.sh`) is saved too.
      const target = DOWNLOADERS.has(prog) ? downloadTarget(cmd, words, prog) : (storageTarget(words, prog) ?? cmd.redirects.find((r) => r.op === ">" || r.op === ">>" || r.op === ">|")?.target?.value);
      if (target) {
        if (pinnedDownload(words)) removeDownload(state, base(target));
        else {
          const scorecardPath = scorecardRecordedPath(cmd, script);
          addDownload(state, base(target), { url: urlOf(words), downloader: programName(words[0]), start: cmd.start, verified: false, ...(scorecardPath !== undefined ? { scorecardPath } : {}) });
        }
      }
      continue;
    }
    if (checks.record(cmd, words, prog)) continue;
    if (downloaded.size === 0) continue;
    if (prog === "chmod" && words.some((w) => /^(?:[ugoa]*\+[rwx]*x|[0-7]?[0-7][1357][1357])$/.test(w.value))) {
      for (const w of words.slice(1)) executable.add(base(w.value));
      continue;
    }
    const runs = executedFile(words, prog) ?? (executable.has(prog) && downloaded.has(prog) ? prog : undefined);
    if (!runs) continue;
    const d = downloaded.get(base(runs));
    if (d && !d.verified) {
      const scorecard = d.scorecardPath !== undefined && scorecardRuns(cmd, script, d.scorecardPath);
      found.push({ how: "download-then-run", start: d.start >= 0 && d.start <= cmd.start ? d.start : cmd.start, end: cmd.end, url: d.url, downloader: d.downloader, interpreter: INTERPRETERS.test(prog) || SOURCING.has(prog) ? prog : base(runs), file: base(runs), scorecard });
      removeDownload(state, base(runs));
    }
  }
  // `sh -c 'curl … | sh'`: the quoted script is itself a script (reported at the quoted word).
  if (depth < 3) {
    for (const cmd of flat) {
      const words = effectiveWords(cmd);
      if (!SHELLS.has(programName(words[0]).toLowerCase())) continue;
      const c = words.findIndex((w) => w.value === "-c" || /^-[a-z]*c$/.test(w.value));
      const inner = c > 0 ? words[c + 1] : undefined;
      if (!inner || inner.subs.length > 0) continue;
      for (const f of findFetchExecute(inner.value, newFetchState(), depth + 1)) found.push({ ...f, start: inner.start, end: inner.end });
    }
  }
  const seen = new Set<string>();
  return found.filter((f) => {
    const k = `${f.start}:${f.end}:${f.how}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** PowerShell's options whose value is the next word (`-ExecutionPolicy Bypass`), by full name and shortest accepted prefix, and aliases. */
const PS_VALUE_PARAMS: readonly (readonly [string, number])[] = [
  ["executionpolicy", 2],
  ["windowstyle", 1],
  ["workingdirectory", 2],
  ["outputformat", 1],
  ["inputformat", 3],
  ["configurationname", 7],
  ["configurationfile", 14],
  ["settingsfile", 2],
  ["custompipename", 2],
  ["psconsolefile", 2],
  ["version", 1],
  ["ep", 2],
  ["wd", 2],
  ["of", 2],
  ["if", 2],
];

/** The script `pwsh`/`powershell` runs: the value of `-File` (or `-f`), else the first operand; none with `-Command` or `-EncodedCommand`. */
function psScriptArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length && i < 64; i++) {
    const a = args[i] as string;
    if (!a.startsWith("-")) return a;
    const name = a.slice(1).toLowerCase().replace(/:.*$/, "");
    if (name === "f" || (name.length >= 2 && "file".startsWith(name))) return args[i + 1];
    if (name === "c" || name === "e" || name === "ec" || (name.length >= 2 && ("command".startsWith(name) || "encodedcommand".startsWith(name)))) return undefined;
    if (!a.includes(":") && PS_VALUE_PARAMS.some(([full, min]) => name.length >= min && full.startsWith(name))) i++;
  }
  return undefined;
}

/** The file a command executes: `sh f`, `python f`, `pwsh -File f`, `./f`, `/tmp/f`, `source f`, `"$f"`, PowerShell's `Start-Process -FilePath $f`. */
function executedFile(words: readonly ShellWord[], prog: string): string | undefined {
  const first = words[0]?.value ?? "";
  if (prog === "pwsh" || prog === "powershell") return psScriptArgument(words.slice(1).map((w) => w.value));
  if (INTERPRETERS.test(prog) || SOURCING.has(prog)) {
    const args = words.slice(1).map((w) => w.value);
    if (args.some((a) => a === "-c" || a === "-m" || a === "-e")) return undefined;
    if (SHELLS.has(prog)) {
      // `bash -o pipefail f`, `sh -eu f`: the options' values are not the file.
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        if (a === "--") return args[i + 1];
        if (!a.startsWith("-") && !a.startsWith("+")) return a;
        if (/^-[a-zA-Z]{0,19}c[a-zA-Z]{0,19}$/.test(a)) return undefined;
        if (SHELL_VALUE_OPTIONS.has(a) || /^[-+][a-zA-Z]{0,19}[oO]$/.test(a)) i++;
      }
      return undefined;
    }
    return args.find((a) => !a.startsWith("-"));
  }
  if (prog === "start-process" || prog === "saps") {
    const args = words.slice(1).map((w) => w.value);
    const at = args.findIndex((a) => /^-filepath$/i.test(a));
    return at >= 0 ? args[at + 1] : args.find((a) => !a.startsWith("-"));
  }
  // A variable names the file only when a download wrote to that same variable (the lookup is exact).
  if (first.includes("/") || first.startsWith("$")) return first;
  return undefined;
}

/**
 * A PowerShell line with the text of its strings blanked (same length): `'…'` always, `"…"` unless it
 * holds a `$(…)` subexpression, which runs. What a message or `throw` says is not what the line does.
 */
function psCode(line: string): string {
  return line.replace(/'[^'\n]{0,4000}'|"[^"\n]{0,4000}"/g, (m) => (m.startsWith('"') && m.includes("$(") ? m : m[0] + " ".repeat(m.length - 2) + m[0]));
}

/** A PowerShell line with only its single-quoted strings blanked: a `"…$s…"` string reads `$s`. */
function psVariables(line: string): string {
  return line.replace(/'[^'\n]{0,4000}'/g, (m) => m[0] + " ".repeat(m.length - 2) + m[0]);
}

/** Fetches whose result is the content (not a file written with `-OutFile` or `DownloadFile`). */
const PS_CONTENT_FETCH = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloaddata|curl|wget)\b/i;

/**
 * PowerShell's fetch-and-execute: `iex (iwr …)`, `irm … | iex`, `IEX (New-Object Net.WebClient).DownloadString(…)`
 * on one line, and across lines through a variable: `$s = irm …` (or `(iwr …).Content`,
 * `.DownloadString(…)`), later `iex $s`, `Invoke-Expression $s.Content` or `& ([scriptblock]::Create($s))`.
 */
export function findPowerShellFetchExecute(script: string): FetchExecute[] {
  const out: FetchExecute[] = [];
  const lines = script.split("\n");
  /**
   * Variables (lower case, PowerShell's are case-insensitive) holding downloaded content, with the
   * assignment. Each line only looks up the variables it names (lines are at most 4000 characters),
   * so following them stays linear; no cap, which a script could pad past to hide one.
   */
  const fetched = new Map<string, { start: number; url: string | undefined; downloader: string }>();
  /** Variables set to a written URL (`$url = 'https://…'`), to name what a later fetch of `$url` downloads. */
  const urlVars = new Map<string, string>();
  let offset = 0;
  for (const line of lines) {
    if (line.length <= 4000 && !/^\s{0,100}#/.test(line)) {
      const code = psCode(line);
      const exec = /\b(?:iex|invoke-expression)\b|\[scriptblock\]::create/i.exec(code);
      const fetch = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|curl|wget|start-bitstransfer)\b/i.exec(code);
      const literal = [...line.matchAll(/https?:\/\/[^\s'")]{1,2000}/gi)].map((m) => m[0]);
      const urls = literal.length > 0 || urlVars.size === 0 ? literal : [...line.matchAll(/\$(\w{1,100})/g)].map((m) => urlVars.get((m[1] as string).toLowerCase())).filter((u): u is string => u !== undefined);
      const url = urls[0] ?? (fetch ? /(?<=\s)[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\/[^\s'"|)]{0,2000}/.exec(line.slice(fetch.index))?.[0] : undefined);
      const pinned = urls.length > 0 && urls.every(pinnedUrl);
      if (exec && fetch) {
        if (!pinned) {
          const start = offset + Math.min(exec.index, fetch.index);
          out.push({ how: "pipe", start, end: offset + line.replace(/\s+$/, "").length, url, downloader: fetch[0], interpreter: exec[0] });
        }
      } else if (exec && fetched.size > 0) {
        // `iex $s`: a variable that holds a download, read on the executing line.
        const read = [...psVariables(line).matchAll(/\$(?:script:|global:|local:)?(\w{1,100})/gi)].map((m) => (m[1] as string).toLowerCase());
        const from = read.map((v) => fetched.get(v)).find((f) => f !== undefined);
        if (from) out.push({ how: "variable", start: from.start, end: offset + line.replace(/\s+$/, "").length, url: from.url, downloader: from.downloader, interpreter: exec[0] });
      }
      // `$s = Invoke-RestMethod …`: remember it; any other assignment of the variable forgets it.
      const assign = /^\s{0,100}(?:\[[\w.]{1,100}\]\s{0,10})?\$(?:script:|global:|local:)?(\w{1,100})\s{0,10}=(?!=)/i.exec(code);
      if (assign) {
        const name = (assign[1] as string).toLowerCase();
        const rhs = code.slice(assign[0].length);
        const written = /^\s{0,10}(['"])(https?:\/\/[^\s'"]{1,2000})\1\s{0,10};?\s{0,10}$/i.exec(line.slice(assign[0].length));
        if (written) urlVars.set(name, written[2] as string);
        else urlVars.delete(name);
        const content = PS_CONTENT_FETCH.exec(rhs);
        const copied = [...psVariables(line.slice(assign[0].length)).matchAll(/\$(\w{1,100})/g)].map((m) => fetched.get((m[1] as string).toLowerCase())).find((f) => f !== undefined);
        if (content && !exec && !/-outfile\b/i.test(rhs) && !pinned) {
          fetched.set(name, { start: offset + (line.length - line.trimStart().length), url, downloader: content[0] });
        } else if (copied && !exec) {
          // `$s = $r.Content`: the content moves to another variable.
          fetched.set(name, copied);
        } else fetched.delete(name);
      }
    }
    offset += line.length + 1;
  }
  return out;
}
