import { allCommands, effectiveWords, pipelines, programName, splitCommands, type ShellCommand, type ShellWord } from "../../../ecosystems/shell/split.js";

// Fetch-and-execute in shell: a download piped into an interpreter (`curl … | sh`), fed to one
// through a substitution (`bash -c "$(curl …)"`, `source <(wget -O- …)`), or saved to a file that
// a later command runs (`curl -o i.sh …; sh i.sh`) with no checksum or signature check between.

/** One fetch-and-execute found in a script. */
export interface FetchExecute {
  how: "pipe" | "substitution" | "download-then-run";
  /** Offsets into the script of the whole construct (the download to the execution). */
  start: number;
  end: number;
  url: string | undefined;
  downloader: string;
  interpreter: string;
  /** The file a download-then-run saved and ran. */
  file?: string;
}

const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "iwr", "invoke-webrequest", "irm", "invoke-restmethod"]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "mksh", "busybox"]);
const INTERPRETERS = /^(?:sh|bash|zsh|dash|ksh|ash|fish|mksh|python(?:\d(?:\.\d{1,2})?)?|py|perl|ruby|node|nodejs|deno|bun|php|pwsh|powershell|lua|tclsh)$/;
const SOURCING = new Set(["source", ".", "eval", "iex", "invoke-expression"]);
const VERIFIERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|gpg2?|gpgv2?|cosign|minisign|signify|slsa-verifier|openssl|rekor-cli|sigstore|get-filehash|certutil)$/;

/** A file name, or a path: the base name a later command would use. */
const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

/** True when a URL is immutable content: a commit hash in its path (raw files at a commit). */
function pinnedUrl(url: string): boolean {
  return /\/[0-9a-f]{40}(?:\/|$)/.test(url);
}

function urlOf(words: readonly ShellWord[]): string | undefined {
  return words.find((w) => /^(?:https?|ftp):\/\//i.test(w.value))?.value ?? words.find((w) => /^[\w.-]{1,253}\.[a-z]{2,24}\/\S/i.test(w.value) && !w.value.startsWith("-"))?.value;
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
    } else if ((prog === "iwr" || prog === "invoke-webrequest") && /^-outfile$/i.test(v) && next) return next;
  }
  const out = cmd.redirects.find((r) => r.op === ">" || r.op === ">>" || r.op === ">|");
  if (out?.target) return out.target.value;
  if (prog === "wget" && url && !words.some((w) => w.value === "-qO-" || w.value === "-O-" || w.value === "-")) return base(url.split(/[?#]/)[0] ?? url) || "index.html";
  return undefined;
}

/** True when an interpreter command reads its program from standard input. */
function readsStdin(words: readonly ShellWord[]): boolean {
  const args = words.slice(1).map((w) => w.value);
  if (args.some((a) => a === "-c" || /^-[a-zA-Z]*c$/.test(a) || a === "-e" || a === "--eval" || a === "-m" || /^-command$/i.test(a))) return false;
  const firstOperand = args.find((a) => !a.startsWith("-") || a === "-");
  if (firstOperand === undefined || firstOperand === "-" || firstOperand === "/dev/stdin") return true;
  return args.includes("-s") || args.some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a) && !a.startsWith("--"));
}

const isDownloader = (w: readonly ShellWord[]): boolean => DOWNLOADERS.has(programName(w[0]).toLowerCase());

/** Finds fetch-and-execute in one script, and the files it downloaded for later scripts of the same group. */
export function findFetchExecute(script: string, downloaded: Map<string, { url: string | undefined; downloader: string; start: number; verified: boolean }> = new Map(), depth = 0): FetchExecute[] {
  const found: FetchExecute[] = [];
  const top = splitCommands(script);
  // 1. Pipes: a downloader earlier in a pipeline than an interpreter reading standard input.
  const visitPipes = (list: readonly ShellCommand[]): void => {
    for (const p of pipelines(list)) {
      let dl: { cmd: ShellCommand; words: ShellWord[] } | undefined;
      for (const cmd of p) {
        const words = effectiveWords(cmd);
        const prog = programName(words[0]).toLowerCase();
        if (DOWNLOADERS.has(prog)) dl = dl ?? { cmd, words };
        else if (dl && (INTERPRETERS.test(prog) || SHELLS.has(prog) || SOURCING.has(prog)) && (SOURCING.has(prog) || readsStdin(words))) {
          const url = urlOf(dl.words);
          if (!(url && pinnedUrl(url))) found.push({ how: "pipe", start: dl.cmd.start, end: cmd.end, url, downloader: programName(dl.words[0]), interpreter: prog });
          dl = undefined;
        }
      }
    }
  };
  // 2. Substitutions: an interpreter or `source`/`eval` given a downloader's output.
  for (const { command } of allCommands(top)) {
    const words = effectiveWords(command);
    const prog = programName(words[0]).toLowerCase();
    if (!(INTERPRETERS.test(prog) || SOURCING.has(prog))) continue;
    for (const w of words.slice(1)) {
      for (const sub of w.subs) {
        const dl = allCommands(sub.commands).find((c) => isDownloader(effectiveWords(c.command)));
        if (!dl) continue;
        const url = urlOf(effectiveWords(dl.command));
        if (url && pinnedUrl(url)) continue;
        const executes = sub.kind === "<(" || SOURCING.has(prog) || words.some((x) => x.value === "-c" || /^-[a-zA-Z]*c$/.test(x.value) || /^-command$/i.test(x.value));
        if (executes) found.push({ how: "substitution", start: command.start, end: command.end, url, downloader: programName(effectiveWords(dl.command)[0]), interpreter: prog });
      }
    }
  }
  visitPipes(top);
  for (const { command, via } of allCommands(top)) if (via) visitPipes([command]);

  // 3. Download, then run the saved file (in this script or a later one of the group).
  const flat = allCommands(top).map((c) => c.command);
  // Files made executable (`chmod +x tool`): a later bare `tool …` runs the download once it is on PATH.
  const executable = new Set<string>();
  for (const cmd of flat) {
    const all = effectiveWords(cmd);
    // PowerShell's `$proc = Start-Process …`: the command after the assignment.
    const words = /^\$[\w:]{1,100}$/.test(all[0]?.value ?? "") && all[1]?.value === "=" ? all.slice(2) : all;
    const prog = programName(words[0]).toLowerCase();
    if (DOWNLOADERS.has(prog)) {
      const target = downloadTarget(cmd, words, prog);
      const url = urlOf(words);
      if (target && !(url && pinnedUrl(url))) downloaded.set(base(target), { url, downloader: programName(words[0]), start: cmd.start, verified: false });
      continue;
    }
    // PowerShell checks a hash inside an expression (`if ((Get-FileHash $f).Hash -ne …)`), not as a command name.
    if (VERIFIERS.test(prog) || /\b(?:get-filehash|get-authenticodesignature)\b|\bcertutil\b/i.test(script.slice(cmd.start, cmd.end))) {
      // A checksum or signature check: the downloads so far count as verified.
      for (const d of downloaded.values()) d.verified = true;
      continue;
    }
    if (downloaded.size === 0) continue;
    if (prog === "chmod" && words.some((w) => /^(?:[ugoa]*\+[rwx]*x|[0-7]?[0-7][1357][1357])$/.test(w.value))) {
      for (const w of words.slice(1)) executable.add(base(w.value));
      continue;
    }
    const runs = executedFile(words, prog) ?? (executable.has(prog) && downloaded.has(prog) ? prog : undefined);
    if (!runs) continue;
    const d = downloaded.get(base(runs));
    if (d && !d.verified) {
      found.push({ how: "download-then-run", start: d.start >= 0 && d.start <= cmd.start ? d.start : cmd.start, end: cmd.end, url: d.url, downloader: d.downloader, interpreter: INTERPRETERS.test(prog) || SOURCING.has(prog) ? prog : base(runs), file: base(runs) });
      downloaded.delete(base(runs));
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
      for (const f of findFetchExecute(inner.value, new Map(), depth + 1)) found.push({ ...f, start: inner.start, end: inner.end });
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

/** The file a command executes: `sh f`, `python f`, `./f`, `/tmp/f`, `source f`, `"$f"`, PowerShell's `Start-Process -FilePath $f`. */
function executedFile(words: readonly ShellWord[], prog: string): string | undefined {
  const first = words[0]?.value ?? "";
  if (INTERPRETERS.test(prog) || SOURCING.has(prog)) {
    const args = words.slice(1).map((w) => w.value);
    if (args.some((a) => a === "-c" || a === "-m" || a === "-e")) return undefined;
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

/** PowerShell's fetch-and-execute: `iex (iwr …)`, `irm … | iex`, `IEX (New-Object Net.WebClient).DownloadString(…)`, per line. */
export function findPowerShellFetchExecute(script: string): FetchExecute[] {
  const out: FetchExecute[] = [];
  const lines = script.split("\n");
  let offset = 0;
  for (const line of lines) {
    if (line.length <= 4000) {
      const code = psCode(line);
      const exec = /\b(?:iex|invoke-expression)\b|\[scriptblock\]::create/i.exec(code);
      const fetch = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|curl|wget|start-bitstransfer)\b/i.exec(code);
      if (exec && fetch && !/^\s{0,100}#/.test(line)) {
        const url = /https?:\/\/[^\s'")]{1,2000}/i.exec(line)?.[0] ?? /(?<=\s)[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\/[^\s'"|)]{0,2000}/.exec(line.slice(fetch.index))?.[0];
        if (!(url && pinnedUrl(url))) {
          const start = offset + Math.min(exec.index, fetch.index);
          out.push({ how: "pipe", start, end: offset + line.replace(/\s+$/, "").length, url, downloader: fetch[0], interpreter: exec[0] });
        }
      }
    }
    offset += line.length + 1;
  }
  return out;
}
