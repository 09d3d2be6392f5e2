import { allCommands, effectiveWords, moduleCommand, pipelines, programName, type ShellCommand, type ShellWord } from "../../../ecosystems/shell/split.js";
import { operands } from "../../../ecosystems/shell/operands.js";

// Which downloads a script checks before it runs them. A check clears only the files it checks,
// and only against a value the download cannot have chosen: `sha256sum -c` of a checksum list
// written out in the script (`echo "<sha256>  i.sh" | sha256sum -c -`) or kept in the repository,
// a comparison of a computed hash with a pinned one, or a signature check (`gpg --verify`,
// `cosign verify-blob`, `minisign -V`, `openssl dgst -verify`, …). Not a hash printed and never
// compared (`sha256sum i.sh`), a tool's version (`openssl version`, `cosign version`), a key
// import, a check of another file, or a checksum list the script computed from the download or
// downloaded unverified beside it.

/** A download not yet run: its URL, the program that fetched it, where, and whether a check covered it. */
export interface Download {
  url: string | undefined;
  downloader: string;
  /** Offset in the current script, -1 when it was made by an earlier script of the group. */
  start: number;
  verified: boolean;
  /** The path Scorecard remembers for it (its `> f`, wget's `-O f` or the URL's name), if any. */
  scorecardPath?: string;
}

/** What a checksum list names and whether its hashes are pinned (not computed from, or fetched with, the download). */
export interface ChecksumList {
  names: ReadonlySet<string> | "any";
  pinned: boolean;
}

/** What one group of scripts (a job, a Dockerfile stage, a file) knows as it runs them in order. */
export interface FetchState {
  /** Downloaded files by base name. */
  downloads: Map<string, Download>;
  /** The names of the downloads not checked yet (so that a check of "any" file costs what it clears). */
  unchecked: Set<string>;
  /** Checksum lists the scripts wrote, by base name. */
  checksumFiles: Map<string, ChecksumList>;
}

export const newFetchState = (): FetchState => ({ downloads: new Map(), unchecked: new Set(), checksumFiles: new Map() });

/** Records a download (replacing one of the same name). */
export function addDownload(state: FetchState, name: string, d: Download): void {
  state.downloads.set(name, d);
  if (d.verified) state.unchecked.delete(name);
  else state.unchecked.add(name);
  state.checksumFiles.delete(name);
}

/** Forgets a download (it ran, or was overwritten by immutable content). */
export function removeDownload(state: FetchState, name: string): void {
  state.downloads.delete(name);
  state.unchecked.delete(name);
  state.checksumFiles.delete(name);
}

/** Programs a check is made with: run for nothing else, they never execute the download. */
export const VERIFIERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|gpg2?|gpgv2?|sqv?|cosign|minisign|signify|slsa-verifier|openssl|rekor-cli|sigstore|get-filehash|certutil|get-authenticodesignature)$/;
const HASHERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum)$/;
const GREPS = new Set(["grep", "egrep", "fgrep", "rg", "findstr", "select-string", "sls"]);
const TESTS = new Set(["[", "[[", "test"]);
/** Commands that print their file operands after a first operand that is a pattern or a program. */
const PATTERN_FIRST = new Set(["grep", "egrep", "fgrep", "rg", "awk", "gawk", "sed", "jq", "yq"]);
const DOWNLOADERS = new Set(["curl", "wget", "fetch", "aria2c", "http", "https", "iwr", "invoke-webrequest", "irm", "invoke-restmethod", "gsutil", "aws"]);
/** `i.sh.sha256`, `tool.tar.gz.sha512sum`, `x.sums`: a list for the one file named before the suffix. */
const CHECKSUM_SUFFIX = /\.(?:sha(?:1|224|256|384|512)(?:sums?)?|b2(?:sums?)?|sums?|digests?|checksums?|hash(?:es)?)(?:\.txt)?$/i;
/** A hash written out: at least 128 bits of hex. */
const HEX_HASH = /[0-9a-fA-F]{32,128}/;
/** PowerShell's and .NET's comparisons. */
const PS_COMPARISON = /-(?:c|i)?(?:eq|ne|match|notmatch|like|notlike|contains|notcontains|in|notin)\b|\.equals\(|compare-object/i;
/**
 * How far along a pipeline a check looks, so a hostile script cannot make the tracking quadratic.
 * What is remembered (variables, checksum lists, unchecked downloads) is only ever looked up by
 * name, never scanned, so it needs no cap: a cap would let a script pad past it to hide a download.
 */
const PIPE_REACH = 16;

const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const lower = (s: string): string => s.toLowerCase();

/** Variables a word reads (`$X`, `${X}`, make's `$(X)` is a substitution and not counted here). */
function refs(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,100})/g)) if (out.length < 16) out.push(m[1] as string);
  return out;
}

const OPENSSL_VALUE = new Set(["-out", "-sign", "-verify", "-prverify", "-signature", "-keyform", "-passin", "-hmac", "-mac", "-macopt", "-sigopt", "-engine", "-rand", "-writerand", "-provider", "-provider-path", "-propq", "-in", "-inform", "-content", "-certfile", "-CAfile", "-CApath", "-vfyopt"]);
const OPENSSL_DIGESTS = /^(?:dgst|sha(?:1|224|256|384|512)|sha3-(?:224|256|384|512)|sha512-(?:224|256)|blake2[bs]\d{0,3}|sm3)$/;

/** The files a command hashes (printing the hash), or undefined when it is not such a command. */
function hashedFiles(prog: string, args: readonly string[]): string[] | undefined {
  if (HASHERS.test(prog)) {
    if (checkMode(args)) return undefined;
    return operands(args, (f) => f === "-a" || f === "--algorithm" || f === "-l" || f === "--length").filter((a) => a !== "-");
  }
  if (prog === "openssl" && OPENSSL_DIGESTS.test(args[0] ?? "") && !args.some((a) => a === "-verify" || a === "-prverify")) return operands(args.slice(1), (f) => OPENSSL_VALUE.has(f));
  if (prog === "certutil") {
    const at = args.findIndex((a) => /^[-/]hashfile$/i.test(a));
    return at >= 0 && args[at + 1] ? [args[at + 1] as string] : undefined;
  }
  if (prog === "get-filehash") return [psFileArgument(args, /^-(?:path|literalpath|lp|pspath)$/i, /^-(?:a|algorithm)$/i)].filter((f): f is string => f !== undefined);
  return undefined;
}

/** A PowerShell command's file: the value of the named parameter, else the first positional one. */
function psFileArgument(args: readonly string[], named: RegExp, valued: RegExp): string | undefined {
  const at = args.findIndex((a) => named.test(a));
  if (at >= 0) return args[at + 1];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (valued.test(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/** True for `sha256sum -c` / `--check` (and `shasum -a 256 -c`). */
function checkMode(args: readonly string[]): boolean {
  return args.some((a) => a === "--check" || /^-[a-zA-Z]{0,8}c[a-zA-Z]{0,8}$/.test(a));
}

const GPG_VALUE = new Set(["--keyring", "--homedir", "--trust-model", "--status-fd", "--logger-fd", "--attribute-fd", "--trusted-key", "-o", "--output", "--default-key", "-u", "--local-user", "--weak-digest", "--passphrase-fd", "--keyserver", "--secret-keyring", "--primary-keyring", "--status-file", "--logger-file"]);
/** cosign, slsa-verifier, gh and sigstore options that take no value (all others do). */
const FLAG_ONLY = new Set(["--offline", "--insecure-ignore-tlog", "--insecure-ignore-sct", "--check-claims", "--private-infrastructure", "--use-signed-timestamps", "--allow-insecure-registry", "--allow-http-registry", "--local-image", "--print-provenance", "--deny-self-hosted-runners", "--no-public-good", "--bundle-from-oci", "--verbose", "-v", "--debug", "-d", "--staging", "--offline-mode", "--require-rekor-offline"]);
const longTakesValue = (f: string): boolean => !FLAG_ONLY.has(f);

/** Short options of minisign and signify that take a value. */
const SIGNIFY_VALUE = "mpPxstc";

/** What a signature check verifies: the files, every file of a signed list (`signify -C` without files), or undefined when the command checks no signature. */
function signedFiles(prog: string, args: readonly string[]): string[] | "any" | undefined {
  if (prog === "gpg" || prog === "gpg2" || prog === "gpgv" || prog === "gpgv2" || prog === "sqv") {
    const verify = prog.startsWith("gpgv") || prog === "sqv" ? -1 : args.findIndex((a) => a === "--verify" || a === "--verify-files");
    if (verify < 0 && !(prog.startsWith("gpgv") || prog === "sqv")) return undefined;
    const ops = operands(args.slice(verify + 1), (f) => GPG_VALUE.has(f) || f === "--signer-file");
    if (args[verify] === "--verify-files") return ops;
    // `gpg --verify sig file…`: the files after the signature; `gpg --verify f.asc` checks f (a detached signature) or f.asc itself.
    if (ops.length >= 2) return ops.slice(1);
    const only = ops[0];
    return only === undefined ? [] : [only, only.replace(/\.(?:asc|sig|gpg|sign)$/i, "")];
  }
  if (prog === "sq") {
    if (args[0] !== "verify") return undefined;
    return operands(args.slice(1), (f) => f === "--signer-file" || f === "--signer-cert" || f === "--signer" || f === "--detached" || f === "-o" || f === "--output" || f === "--signature-file");
  }
  if (prog === "cosign") return args[0] === "verify-blob" || args[0] === "verify-blob-attestation" ? operands(args.slice(1), longTakesValue) : undefined;
  if (prog === "slsa-verifier") return args[0] === "verify-artifact" ? operands(args.slice(1), longTakesValue) : undefined;
  if (prog === "gh") return args[0] === "attestation" && args[1] === "verify" ? operands(args.slice(2), longTakesValue) : undefined;
  if (prog === "sigstore") return args[0] === "verify" ? operands(args.slice(2), longTakesValue) : undefined;
  if (prog === "rekor-cli") {
    const at = args.indexOf("--artifact");
    return args[0] === "verify" && at > 0 && args[at + 1] ? [args[at + 1] as string] : undefined;
  }
  if (prog === "openssl") {
    if (OPENSSL_DIGESTS.test(args[0] ?? "") && args.some((a) => a === "-verify" || a === "-prverify")) return operands(args.slice(1), (f) => OPENSSL_VALUE.has(f));
    const at = args.indexOf("-in");
    return (args[0] === "smime" || args[0] === "cms") && args.includes("-verify") && at > 0 && args[at + 1] ? [args[at + 1] as string] : undefined;
  }
  if (prog === "minisign" || prog === "signify") {
    // Short options, clustered (`-Vm file`): V verifies one file (-m), signify's C a signed checksum list.
    let mode = "";
    const files: string[] = [];
    const values = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (!/^-[A-Za-z]{1,10}$/.test(a)) {
        files.push(a);
        continue;
      }
      for (let k = 1; k < a.length; k++) {
        const c = a[k] as string;
        if (c === "V" || c === "C") mode = c;
        if (SIGNIFY_VALUE.includes(c)) {
          const rest = a.slice(k + 1);
          values.set(c, rest !== "" ? rest : (args[++i] ?? ""));
          break;
        }
      }
    }
    if (mode === "V") return values.has("m") ? [values.get("m") as string] : undefined;
    if (mode === "C" && prog === "signify") return files.length > 0 ? files : "any";
    return undefined;
  }
  return undefined;
}

/**
 * Follows the checks of one script against the downloads of its group. Build it over the script's
 * split, then call `record` for each command in order; it answers whether the command was a check
 * (or a checking tool run for something else), which never runs the download.
 */
export class DownloadChecks {
  /** Each command's pipeline and its place in it. */
  private readonly pipeOf = new Map<ShellCommand, { pipe: ShellCommand[]; at: number }>();
  /** Shell variables holding a hash computed from files (`ACTUAL=$(sha256sum f | cut -c1-64)`). */
  private readonly hashVars = new Map<string, string[]>();
  /** Shell variables whose value came from a download or a hash of one. */
  private readonly taintedVars = new Set<string>();
  /** PowerShell variables holding a hash of a file (`$h = (Get-FileHash $f).Hash`). */
  private readonly psHashVars = new Map<string, string>();

  constructor(
    private readonly state: FetchState,
    private readonly script: string,
    top: readonly ShellCommand[],
  ) {
    const lists = new Set<readonly ShellCommand[]>([top]);
    for (const { via } of allCommands(top)) if (via) lists.add(via.commands);
    for (const list of lists) for (const pipe of pipelines(list)) pipe.forEach((c, at) => this.pipeOf.set(c, { pipe, at }));
  }

  /** Reads one command (in script order): checks, hashes, checksum lists written, assignments. True when it is a check or a checking tool. */
  record(cmd: ShellCommand, commandWords: readonly ShellWord[], commandProg: string): boolean {
    this.assignments(cmd);
    // `python -m sigstore verify …` is sigstore's own command.
    const values = commandWords.map((w) => w.value);
    const moduled = moduleCommand(values);
    const words = moduled.length === values.length ? commandWords : commandWords.slice(values.length - moduled.length);
    const prog = moduled.length === values.length ? commandProg : programName(words[0]).toLowerCase();
    const args = words.slice(1).map((w) => w.value);
    if (TESTS.has(prog)) this.comparison(words);
    const hashed = hashedFiles(prog, args);
    if (hashed) this.hashCompared(cmd, prog, hashed);
    else if (HASHERS.test(prog)) this.checksumCheck(cmd, words.slice(1));
    else {
      const signed = signedFiles(prog, args);
      if (signed === "any") this.clear({ names: "any", pinned: true });
      else if (signed) this.clear({ names: new Set(signed.map(base)), pinned: true });
    }
    if (prog === "get-authenticodesignature") {
      const file = psFileArgument(args, /^-(?:filepath|literalpath|lp)$/i, /^-(?:content|sourcepathorextension)$/i);
      const line = this.lineOf(cmd);
      if (file !== undefined && (PS_COMPARISON.test(line) || /\.status\b/i.test(line))) this.clearFiles([file]);
    }
    // `if ($hash.Hash -ne $expected)` after `$hash = Get-FileHash $f`.
    if (this.psHashVars.size > 0) {
      for (const w of words) {
        const m = /^\$([\w:]{1,100})(?:$|[.)\]])/.exec(w.value);
        const file = m ? this.psHashVars.get(lower(m[1] as string)) : undefined;
        if (file !== undefined && PS_COMPARISON.test(this.lineOf(cmd))) this.clearFiles([file]);
      }
    }
    // `echo "<sha256>  i.sh" > i.sh.sha256`, `sha256sum i.sh > i.sh.sha256`: a list the script writes.
    const out = DOWNLOADERS.has(prog) ? undefined : cmd.redirects.find((r) => r.op === ">" || r.op === ">>" || r.op === ">|");
    if (out?.target) {
      const place = this.pipeOf.get(cmd);
      const list = this.source(place ? place.pipe.slice(Math.max(0, place.at + 1 - PIPE_REACH), place.at + 1) : [cmd]);
      const name = base(out.target.value);
      const before = out.op === ">>" ? this.state.checksumFiles.get(name) : undefined;
      const merged: ChecksumList = before ? { names: before.names === "any" || list.names === "any" ? "any" : new Set([...before.names, ...list.names]), pinned: before.pinned && list.pinned } : list;
      this.state.checksumFiles.set(name, merged);
    }
    return VERIFIERS.test(prog);
  }

  /** Shell assignments: a variable holding a hash of files, or a value from a download. */
  private assignments(cmd: ShellCommand): void {
    let i = 0;
    const w = cmd.words;
    while (/^(?:if|then|else|elif|do|!|\{|local|export|readonly|declare|typeset)$/.test(w[i]?.value ?? "")) i++;
    while (w[i]?.value.startsWith("-")) i++;
    for (; i < w.length; i++) {
      const word = w[i] as ShellWord;
      const m = /^([A-Za-z_][A-Za-z0-9_]{0,100})=/.exec(word.value);
      if (!m) return;
      const name = m[1] as string;
      this.hashVars.delete(name);
      this.taintedVars.delete(name);
      const files = word.subs.flatMap((s) => allCommands(s.commands)).flatMap(({ command }) => {
        const ew = effectiveWords(command);
        return hashedFiles(programName(ew[0]).toLowerCase(), ew.slice(1).map((x) => x.value)) ?? [];
      });
      if (files.length > 0) this.hashVars.set(name, files.slice(0, 16).map(base));
      if (this.tainted(word)) this.taintedVars.add(name);
    }
  }

  /** True when a word's value came from a download, a hash (of anything), or a file downloaded unchecked. */
  private tainted(w: ShellWord): boolean {
    if (refs(w.value).some((r) => this.taintedVars.has(r) || this.hashVars.has(r))) return true;
    return w.subs.some((s) =>
      allCommands(s.commands).some(({ command }) => {
        const ew = effectiveWords(command);
        const prog = programName(ew[0]).toLowerCase();
        const args = ew.slice(1).map((x) => x.value);
        return DOWNLOADERS.has(prog) || hashedFiles(prog, args) !== undefined || args.some((a) => this.unchecked(base(a)));
      }),
    );
  }

  /** True for a file the group downloaded and did not check, or a checksum list not pinned. */
  private unchecked(name: string): boolean {
    const d = this.state.downloads.get(name);
    return (d !== undefined && !d.verified) || this.state.checksumFiles.get(name)?.pinned === false;
  }

  /** A value a hash can be compared against: written out, or a variable or command output not derived from a download. */
  private pinnedValue(w: ShellWord | undefined): boolean {
    if (!w || this.tainted(w) || this.hashOf(w).length > 0) return false;
    return HEX_HASH.test(w.value) || refs(w.value).length > 0 || w.subs.length > 0;
  }

  /** The files whose hash a word holds: a substitution that hashes them, or a variable set to one. */
  private hashOf(w: ShellWord): string[] {
    const out: string[] = [];
    for (const r of refs(w.value)) out.push(...(this.hashVars.get(r) ?? []));
    for (const s of w.subs) {
      for (const { command } of allCommands(s.commands)) {
        const ew = effectiveWords(command);
        out.push(...(hashedFiles(programName(ew[0]).toLowerCase(), ew.slice(1).map((x) => x.value)) ?? []).map(base));
      }
    }
    return out;
  }

  /** `[ "$(sha256sum f | cut -c1-64)" = "<sha256>" ]`, `[[ "$ACTUAL" == "$EXPECTED" ]]`. */
  private comparison(words: readonly ShellWord[]): void {
    for (let k = 1; k < words.length - 1 && k < 64; k++) {
      const op = (words[k] as ShellWord).value;
      if (op !== "=" && op !== "==" && op !== "!=") continue;
      const [l, r] = [words[k - 1] as ShellWord, words[k + 1] as ShellWord];
      if (this.hashOf(l).length > 0 && this.pinnedValue(r)) this.clearFiles(this.hashOf(l));
      else if (this.hashOf(r).length > 0 && this.pinnedValue(l)) this.clearFiles(this.hashOf(r));
    }
  }

  /** A hash printed: it checks something only when compared with a pinned value (`| grep -q <sha256>`, a PowerShell comparison on the line). */
  private hashCompared(cmd: ShellCommand, prog: string, files: readonly string[]): void {
    const place = this.pipeOf.get(cmd);
    for (const later of place ? place.pipe.slice(place.at + 1, place.at + 1 + PIPE_REACH) : []) {
      const ew = effectiveWords(later);
      if (GREPS.has(programName(ew[0]).toLowerCase()) && ew.slice(1).some((w) => !w.value.startsWith("-") && this.pinnedValue(w))) {
        this.clearFiles(files);
        return;
      }
    }
    if (prog === "get-filehash" || prog === "certutil") {
      const line = this.lineOf(cmd);
      const file = files[0];
      if (file === undefined) return;
      if (PS_COMPARISON.test(line)) this.clearFiles([file]);
      else {
        const m = /^\s{0,100}\$([\w:]{1,100})\s{0,10}=/.exec(line);
        if (m) this.psHashVars.set(lower(m[1] as string), file);
      }
    }
  }

  /** `sha256sum -c LIST` (or `<(echo …)`), or a list on standard input (a pipe, a heredoc, `<<<`, `< LIST`). */
  private checksumCheck(cmd: ShellCommand, argWords: readonly ShellWord[]): void {
    const args = argWords.map((w) => w.value);
    if (!checkMode(args)) return;
    const files = operands(args, (f) => f === "-a" || f === "--algorithm").filter((f) => f !== "-");
    if (files.length > 0) {
      for (const f of files.slice(0, 16)) {
        const sub = argWords.find((w) => w.value === f)?.subs.find((x) => x.kind === "<(");
        const pipe = sub ? pipelines(sub.commands).pop() : undefined;
        if (pipe) this.clear(this.source(pipe.slice(-PIPE_REACH)), pipe.slice(-PIPE_REACH));
        else this.clear(this.listFile(f));
      }
      return;
    }
    const heredoc = cmd.heredocs[0];
    if (heredoc) return this.clear(this.textList(heredoc.body.split(/\s+/), this.bodyTainted(heredoc.body)));
    const here = cmd.redirects.find((r) => r.op === "<<<")?.target;
    if (here) return this.clear(this.textList(here.value.split(/\s+/), this.tainted(here)));
    const from = cmd.redirects.find((r) => r.op === "<")?.target;
    if (from) return this.clear(this.listFile(from.value));
    const place = this.pipeOf.get(cmd);
    if (place && place.at > 0) {
      const before = place.pipe.slice(Math.max(0, place.at - PIPE_REACH), place.at);
      this.clear(this.source(before), before);
    }
  }

  /** The checksum list a file holds: written by the script, downloaded (unpinned unless checked), or kept in the repository. */
  private listFile(file: string): ChecksumList {
    const name = base(file);
    const written = this.state.checksumFiles.get(name);
    if (written) return written;
    const d = this.state.downloads.get(name);
    if (d && !d.verified) return { names: new Set(), pinned: false };
    // `i.sh.sha256` lists i.sh; a list with another name (SHA256SUMS, checksums.txt) may list anything.
    const stem = name.replace(CHECKSUM_SUFFIX, "");
    return stem !== name && stem !== "" ? { names: new Set([stem]), pinned: true } : { names: "any", pinned: true };
  }

  /** The checksum list a pipeline prints: echoed text, a file it reads, or nothing pinned when it hashes or downloads. */
  private source(pipe: readonly ShellCommand[]): ChecksumList {
    const hashedNames: string[] = [];
    for (const c of pipe) {
      const ew = effectiveWords(c);
      const prog = programName(ew[0]).toLowerCase();
      const h = hashedFiles(prog, ew.slice(1).map((x) => x.value));
      if (h) hashedNames.push(...h.map(base));
      else if (DOWNLOADERS.has(prog)) return { names: "any", pinned: false };
    }
    if (hashedNames.length > 0) return { names: new Set(hashedNames), pinned: false };
    const head = pipe[0];
    if (!head) return { names: new Set(), pinned: false };
    const ew = effectiveWords(head);
    const prog = programName(ew[0]).toLowerCase();
    if (prog === "echo" || prog === "printf") {
      const words = ew.slice(1).filter((w) => !/^-[neE]{1,3}$/.test(w.value));
      return this.textList(words.flatMap((w) => w.value.split(/\s+/)), words.some((w) => this.tainted(w)));
    }
    const heredoc = head.heredocs[0];
    if (heredoc) return this.textList(heredoc.body.split(/\s+/), this.bodyTainted(heredoc.body));
    const here = head.redirects.find((r) => r.op === "<<<")?.target;
    if (here) return this.textList(here.value.split(/\s+/), this.tainted(here));
    const ops = operands(ew.slice(1).map((w) => w.value), () => false);
    const files = [...(PATTERN_FIRST.has(prog) ? ops.slice(1) : ops), ...head.redirects.filter((r) => r.op === "<" && r.target).map((r) => (r.target as ShellWord).value)];
    const taint = pipe.some((c) => effectiveWords(c).slice(1).some((w) => this.tainted(w)));
    if (files.length === 0) return { names: "any", pinned: !taint };
    const lists = files.slice(0, 16).map((f) => this.listFile(f));
    if (taint || lists.some((l) => !l.pinned)) return { names: new Set(), pinned: false };
    if (lists.some((l) => l.names === "any")) return { names: "any", pinned: true };
    return { names: new Set(lists.flatMap((l) => [...(l.names as ReadonlySet<string>)])), pinned: true };
  }

  /**
   * A checksum list written out (`<sha256>  i.sh`, BSD's `SHA256 (i.sh) = <sha256>`): the names in it,
   * pinned unless a value in it comes from the download. Text that is no checksum line makes the check fail.
   */
  private textList(tokens: readonly string[], tainted: boolean): ChecksumList {
    const names = new Set<string>();
    for (const t of tokens.slice(0, 4096)) {
      const name = base(t.replace(/^\*/, "").replace(/^\((.*)\)$/, "$1"));
      if (name !== "") names.add(name);
    }
    return { names, pinned: !tainted };
  }

  /** A heredoc's body runs its substitutions: tainted when one downloads or hashes, or reads a tainted variable. */
  private bodyTainted(body: string): boolean {
    if (/(?:\$\(|`)[^)`]{0,200}\b(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|openssl|curl|wget)\b/.test(body)) return true;
    return refs(body.slice(0, 20_000)).some((r) => this.taintedVars.has(r) || this.hashVars.has(r));
  }

  /** Marks the downloads a pinned list covers as checked; `hints` (the pipeline that printed it) narrow "any" to the names they mention. */
  private clear(list: ChecksumList, hints: readonly ShellCommand[] = []): void {
    if (!list.pinned) return;
    if (list.names !== "any") return this.clearFiles([...list.names]);
    const mentioned = new Set<string>();
    for (const c of hints) for (const w of c.words) for (const t of w.value.split(/[^\w.+-]+/)) if (this.state.downloads.has(t)) mentioned.add(t);
    if (mentioned.size > 0) return this.clearFiles([...mentioned]);
    this.clearFiles([...this.state.unchecked]);
  }

  private clearFiles(files: readonly string[]): void {
    for (const f of files) {
      const d = this.state.downloads.get(base(f));
      if (d) d.verified = true;
      this.state.unchecked.delete(base(f));
    }
  }

  /** The script line a command starts on (PowerShell compares on the line: `if ((Get-FileHash $f).Hash -ne $x)`). */
  private lineOf(cmd: ShellCommand): string {
    // Within 2000 characters either side: a hostile one-line script stays linear.
    const from = Math.max(0, cmd.start - 2000);
    const before = this.script.slice(from, cmd.start);
    const after = this.script.slice(cmd.start, cmd.start + 2000);
    const nl = after.indexOf("\n");
    return before.slice(before.lastIndexOf("\n") + 1) + (nl < 0 ? after : after.slice(0, nl));
  }
}
