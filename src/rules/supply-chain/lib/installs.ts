import { PIP_OPTIONS_WITH_VALUE } from "../../../ecosystems/pypi/pip-options.js";
import { byName, referenceName, shellAssignments, valueOf, type Assignment } from "../../../ecosystems/shell/assignments.js";
import { allCommands, effectiveWords, moduleCommand, programName, splitCommands, type ShellCommand, type ShellWord } from "../../../ecosystems/shell/split.js";
import { operands } from "../../../ecosystems/shell/operands.js";
import { scorecardProgram, scorecardWords } from "./scorecard-words.js";

// Package installs that fetch whatever the registry serves today: pip (and pipx) without hashes,
// `npm install` where `npm ci` belongs, `go install …@latest` (and `go run …@latest`), `cargo
// install`, `gem install` and `easy_install` without a version, and Chocolatey or NuGet installs
// without a version. Each comes with the pinned form to use. A program or version named by a
// variable the script (or Makefile) sets to a written value is read as that value.

/** One unpinned install found in a script. */
export interface UnpinnedInstall {
  ecosystem: "pip" | "npm" | "go" | "cargo" | "gem" | "choco" | "nuget";
  start: number;
  end: number;
  /** What is installed unpinned (packages, or the requirements file). */
  what: string;
  message: string;
  fix: string;
  severity: "medium" | "low";
  /** Requirement files named by `-r`, for the caller to check for hashes. */
  requirementFiles?: string[];
  /** Set when Scorecard's Pinned-Dependencies does not read the command as an install of its ecosystem (`uv pip install`, pipx). */
  unscored?: true;
}

const NPM_INSTALL = new Set(["install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall"]);

const isLocal = (spec: string): boolean => spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/") || spec.startsWith("file:") || /\.(?:whl|tar\.gz|zip|tgz)$/.test(spec) || /^\.\[[\w,.-]{0,200}\]$/.test(spec);

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "busybox"]);

/** How to read one script. */
export interface InstallOptions {
  /**
   * Judge project installs (`npm install` with no package, `npm i lodash`): true in CI and
   * Dockerfiles; "low" in a shell script Scorecard reads (it counts them, but a setup script is
   * also how people set up a checkout, so they are reported at low severity); false elsewhere
   * (Makefiles, PowerShell), where only global tool installs are judged.
   */
  npm: boolean | "low";
  /** Variables set before the script runs (a Makefile's), beside the script's own assignments. */
  variables?: readonly Assignment[];
  /** Called for every install judged, pinned or not: Pinned-Dependencies scores the pinned share per ecosystem (of those Scorecard reads as one: `scored`). */
  onInstall?: (ecosystem: UnpinnedInstall["ecosystem"], scored: boolean) => void;
}

/**
 * Finds unpinned installs in one script. With `npm: false` (a contributor's setup script) only
 * global npm installs of named packages are judged: a bare `npm install` there sets up a checkout.
 */
export function findUnpinnedInstalls(script: string, options: InstallOptions, depth = 0): UnpinnedInstall[] {
  const out: UnpinnedInstall[] = [];
  const commands = allCommands(splitCommands(script));
  const hashed = hashedExports(commands.map((c) => c.command));
  const assigned = [...(options.variables ?? []), ...shellAssignments(commands.map((c) => c.command))];
  const all = byName(assigned);
  const made = byName(assigned.filter((a) => a.at < 0));
  const own = byName(assigned.filter((a) => a.at >= 0));
  for (const { command } of commands) {
    // `$(NAME)` is a Makefile variable; in a shell script it runs a command, which is never resolved.
    const resolve = (word: string, from = all): string | undefined => {
      const name = referenceName(word);
      return name === undefined ? undefined : valueOf((word.startsWith("$(") ? made : from).get(name) ?? [], name, command.start);
    };
    // A program only from the script's own assignments: what names the tool in a Makefile is often a
    // default the caller overrides (`make PIP=…`), while a version default is what CI runs with.
    const named = namedProgram(effectiveWords(command), (w) => (w.startsWith("$(") ? undefined : resolve(w, own)));
    const words = inRunner(named);
    const prog = programName(words[0]).toLowerCase();
    const args = words.slice(1).map((w) => w.value);
    const at = { start: command.start, end: command.end };
    const found = pip(prog, args, hashed) ?? pipx(prog, args) ?? easyInstall(prog, args) ?? npm(prog, args, options.npm) ?? go(prog, args, resolve) ?? cargo(prog, args) ?? gem(prog, args) ?? choco(prog, args) ?? nuget(prog, args);
    const judged = found?.ecosystem ?? installKind(prog, args, options.npm);
    const scored = judged !== undefined && scorecardCounts(judged, scorecardWords(command, script));
    if (found) out.push({ ...found, ...at, ...(scored ? {} : { unscored: true as const }) });
    if (judged) options.onInstall?.(judged, scored);
    // `bash -c 'pip install …'` (common in Dockerfile RUN): the quoted script is judged too, reported at the quoted word.
    if (depth < 3 && SHELLS.has(prog)) {
      const c = words.findIndex((w) => w.value === "-c" || /^-[a-z]{0,4}c$/.test(w.value));
      const inner = c > 0 ? words[c + 1] : undefined;
      if (inner && inner.subs.length === 0) for (const f of findUnpinnedInstalls(inner.value, options, depth + 1)) out.push({ ...f, start: inner.start, end: inner.end });
    }
  }
  return out;
}

type Found = Omit<UnpinnedInstall, "start" | "end">;

/** The interpreters Scorecard reads `-m pip` after. */
const SCORECARD_PYTHONS = new Set(["python", "python3", "python2.7"]);

/**
 * True when Scorecard's Pinned-Dependencies counts a command as an install of its ecosystem, from
 * the words it keeps (see scorecard-words.ts): pip or pip3, or python, python3 or python2.7 with
 * `-m pip`; npm; `go get` or `go install`; `choco install`; nuget or dotnet. It does not see `uv pip install`, pipx,
 * easy_install, `pip3.12`, pip run through `poetry run`, a program named by a variable, or one
 * behind `sudo -H`, so those are shown beside its score without weighing on it.
 */
function scorecardCounts(ecosystem: UnpinnedInstall["ecosystem"], words: readonly string[]): boolean {
  const prog = scorecardProgram(words);
  switch (ecosystem) {
    case "pip":
      return prog === "pip" || prog === "pip3" || (SCORECARD_PYTHONS.has(prog) && words.some((w, i) => w.toLowerCase() === "-m" && words[i + 1]?.toLowerCase() === "pip"));
    case "npm":
      return prog === "npm";
    case "go":
      // `go get` or `go install` with an operand; `go run …@latest` is not one of its downloads.
      return prog === "go" && words.length > 2 && (words[1] === "get" || words[1] === "install");
    case "choco":
      return (prog === "choco" || prog === "choco.exe") && words[1]?.toLowerCase() === "install";
    case "nuget":
      return prog === "nuget" || prog === "nuget.exe" || prog === "dotnet";
    default:
      // cargo and gem installs weigh nothing whoever reads them.
      return true;
  }
}

/** npm commands that install exactly what the lockfile records. */
const NPM_CLEAN_INSTALL = new Set(["ci", "clean-install", "ic", "install-clean", "isntall-clean"]);

/**
 * The ecosystem a command installs from, pinned or not, when it is one the checks here judge: the
 * pinned installs count towards the pinned share as Scorecard counts them (`npm ci`, `pip install
 * --require-hashes`, `go install …@v1.2.3`).
 */
function installKind(prog: string, args: string[], judgeProjectInstalls: boolean | "low"): UnpinnedInstall["ecosystem"] | undefined {
  if (pipArgs(prog, args)?.[0] === "install") return "pip";
  if ((prog === "pipx" && args[0] === "install") || /^easy_install(?:-?\d(?:\.\d{1,2})?)?$/.test(prog)) return "pip";
  if (prog === "npm") {
    const sub = npmArgs(args)[0] ?? "";
    const global = npmGlobal(args);
    if (NPM_CLEAN_INSTALL.has(sub)) return judgeProjectInstalls ? "npm" : undefined;
    return NPM_INSTALL.has(sub) && (judgeProjectInstalls || global) ? "npm" : undefined;
  }
  if (prog === "go" && (args[0] === "install" || args[0] === "get")) return "go";
  if (prog === "cargo" && args[0] === "install") return "cargo";
  if (prog === "gem" && args[0] === "install") return "gem";
  if (prog === "cinst" || (prog === "choco" && (args[0] === "install" || args[0] === "upgrade"))) return "choco";
  if ((prog === "nuget" && args[0]?.toLowerCase() === "install") || (prog === "dotnet" && args[0] === "add" && args.includes("package"))) return "nuget";
  return undefined;
}

/**
 * The words with a program named by a variable (`"$PIP" install`, `$(PIP) install` in a recipe)
 * replaced by the variable's written value, when its last path part is written out
 * (`PIP="$VENV/bin/pip"`). An unquoted value with blanks is split as the shell splits it
 * (`PIP="python3 -m pip"`); anything computed is left as it is.
 */
function namedProgram(words: ShellWord[], resolve: (word: string) => string | undefined): ShellWord[] {
  const first = words[0];
  const value = first ? resolve(first.value) : undefined;
  if (!first || value === undefined) return words;
  const parts = value.trim().split(/[ \t]+/);
  if (parts.length > 1 && first.quoted) return words;
  const base = (parts[0] ?? "").slice((parts[0] ?? "").lastIndexOf("/") + 1);
  if (!/^[\w.+-]{1,100}$/.test(base) || parts.slice(1).some((p) => p.includes("$"))) return words;
  return [...parts.map((p) => ({ ...first, value: p })), ...words.slice(1)];
}

/** Python project managers whose `run` runs the rest in the project's environment (`poetry run pip install …`). */
const RUNNERS = new Set(["poetry", "pipenv", "pdm", "rye", "hatch", "uv"]);

/** The command a project runner runs (`poetry run pip install x` → `pip install x`); any other command as it is. */
function inRunner<T extends { value: string }>(words: T[]): T[] {
  return RUNNERS.has(words[0]?.value ?? "") && words[1]?.value === "run" && words[2] !== undefined && !words[2].value.startsWith("-") ? words.slice(2) : words;
}

/**
 * Requirement files the script itself writes with hashes, from a lockfile: `uv export` and
 * `pdm export` (hashes unless `--no-hashes`), `poetry export` (unless `--without-hashes`),
 * `pip-compile --generate-hashes`. pip (and uv) then check every hash the file lists.
 */
function hashedExports(commands: readonly ShellCommand[]): Set<string> {
  const out = new Set<string>();
  for (const cmd of commands) {
    const effective = effectiveWords(cmd);
    const words = effective.map((w) => w.value);
    const prog = programName(effective[0]).toLowerCase();
    const sub = prog === "uv" && words[1] === "pip" ? words[2] : words[1];
    const hashes =
      ((prog === "uv" || prog === "pdm") && sub === "export" && !words.includes("--no-hashes")) ||
      (prog === "poetry" && sub === "export" && !words.includes("--without-hashes")) ||
      ((prog === "pip-compile" || (prog === "uv" && sub === "compile")) && words.includes("--generate-hashes"));
    if (!hashes) continue;
    const flag = words.findIndex((w) => w === "-o" || w === "--output" || w === "--output-file");
    const inline = words.find((w) => w.startsWith("--output=") || w.startsWith("--output-file="));
    const target = flag > 0 ? words[flag + 1] : inline ? inline.slice(inline.indexOf("=") + 1) : cmd.redirects.find((r) => r.op === ">")?.target?.value;
    if (target) out.add(target);
  }
  return out;
}

/** The words after pip (`pip`, `pip3.12`, `python -m pip`, `uv pip`), or undefined when the command is not pip. */
function pipArgs(prog: string, args: string[]): string[] | undefined {
  const [moduleProg, ...moduleArgs] = moduleCommand([prog, ...args]);
  if (/^pip(?:\d(?:\.\d{1,2})?)?$/.test(moduleProg ?? "")) return moduleArgs;
  if (prog === "uv" && args[0] === "pip") return args.slice(1);
  return undefined;
}

function pip(prog: string, args: string[], hashedFiles: ReadonlySet<string>): Found | undefined {
  let rest = pipArgs(prog, args);
  if (rest?.[0] !== "install") return undefined;
  rest = rest.slice(1);
  const specs: string[] = [];
  const reqFiles: string[] = [];
  // Constraints files (`-c`) are read as requirement files are: their hashes turn on hash-checking
  // for the whole install; without hashes they check nothing (and may not even pin).
  const constraintFiles: string[] = [];
  let hashes = false;
  let noDeps = false;
  const editables = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "--require-hashes") hashes = true;
    else if (a === "--no-deps" || a === "--no-dependencies") noDeps = true;
    else if (a.includes("=") && a.startsWith("--")) {
      const [flag, value = ""] = a.split("=", 2) as [string, string?];
      if (flag === "--requirement") reqFiles.push(value);
      if (flag === "--constraint") constraintFiles.push(value);
      if (flag === "--editable") {
        specs.push(value);
        editables.add(value);
      }
    } else if (PIP_OPTIONS_WITH_VALUE.has(a)) {
      const v = rest[i + 1] ?? "";
      if (a === "-r" || a === "--requirement") reqFiles.push(v);
      else if (a === "-c" || a === "--constraint") constraintFiles.push(v);
      else if (a === "-e" || a === "--editable") {
        specs.push(v);
        editables.add(v);
      }
      i++;
    } else if (/^-r\S/.test(a)) reqFiles.push(a.slice(2));
    else if (/^-c\S/.test(a)) constraintFiles.push(a.slice(2));
    else if (!a.startsWith("-")) specs.push(a);
  }
  const files = [...reqFiles, ...constraintFiles];
  // A file the script exports with hashes turns hash-checking on for the whole install (as one in the checkout does: see the rule).
  if (hashes || (files.length > 0 && files.every((f) => hashedFiles.has(f)))) return undefined;
  if (specs.length === 0 && reqFiles.length === 0) return undefined;
  // Built wheels (`pip install dist/*.whl`, a release asset) are what CI tests, as Scorecard exempts them.
  if (reqFiles.length === 0 && specs.every((s) => /\.whl$/i.test(s))) return undefined;
  const vcs = specs.filter((s) => PIP_VCS.test(s));
  const urls = specs.filter((s) => !PIP_VCS.test(s) && PIP_URL.test(s) && !/\.whl$/i.test(s));
  const remote = specs.filter((s) => !PIP_VCS.test(s) && !PIP_URL.test(s) && !isLocal(s) && !s.startsWith("$"));
  // `--no-deps` with code from the checkout or a commit fixes everything installed (Scorecard: only with `-e`; see the rule).
  if (reqFiles.length === 0 && remote.length === 0 && urls.length === 0 && vcs.every((s) => PIP_VCS_COMMIT.test(s)) && noDeps) return undefined;
  // Upgrading the installer itself (`pip install -U pip setuptools wheel`) is the common, lesser case.
  const tooling = remote.length > 0 && reqFiles.length === 0 && remote.every((r) => /^(?:pip|setuptools|wheel|uv|pipx|virtualenv)(?:[<>=!~].{0,40})?$/i.test(r));
  // `pkg==${VERSION}` pins as exactly as `pkg==1.2.3`: the variable is set elsewhere (a Dockerfile ARG).
  const exact = remote.length > 0 && urls.length === 0 && vcs.length === 0 && remote.every((s) => /^[A-Za-z0-9][\w.-]{0,200}(?:\[[\w,.-]{0,200}\])?===?(?:[\w.!+-]{1,100}|\$\{?\w{1,100}\}?)$/.test(s));
  const what = [...reqFiles.map((f) => `-r ${f}`), ...constraintFiles.map((f) => `-c ${f}`), ...specs].join(" ");
  // The command as written, `-e` kept, for the message: `pip install -e .` and `pip install .` differ.
  const shown = [...reqFiles.map((f) => `-r ${f}`), ...constraintFiles.map((f) => `-c ${f}`), ...specs.map((s) => (editables.has(s) ? `-e ${s}` : s))].join(" ");
  const floatingVcs = vcs.filter((s) => !PIP_VCS_COMMIT.test(s));
  const base = { ecosystem: "pip" as const, what, requirementFiles: files };
  if (files.length > 0) {
    return { ...base, severity: "medium", message: `pip install ${shown} does not check hashes`, fix: `pip install --require-hashes ${reqFiles.length > 0 ? "-r" : "-c"} ${files[0]}   (generate hashes: pip-compile --generate-hashes, or uv pip compile --generate-hashes)` };
  }
  const low = ((exact || tooling) && constraintFiles.length === 0) || (remote.length === 0 && urls.length === 0 && floatingVcs.length === 0 && vcs.length > 0);
  const severity = low ? "low" : "medium";
  if (remote.length > 0) {
    return {
      ...base,
      severity,
      message: exact ? `pip install ${shown} pins versions but not hashes` : `pip install ${shown} installs whatever version the index serves, without hashes`,
      fix: `pip install --require-hashes -r requirements.txt   (with ${pipName(remote[0] as string)}==<version> --hash=sha256:<hash> in requirements.txt)`,
    };
  }
  // A URL names a file, not a version: what it serves can change, and only a hash pins it (pip's direct references take `--hash`).
  if (urls.length > 0) {
    const url = urls[0] as string;
    return { ...base, severity, message: `pip install ${shown} downloads ${url} without checking a hash${noDeps ? "" : ", and its dependencies at whatever versions the index serves"}`, fix: `pip install --require-hashes -r requirements.txt   (with "<name> @ ${url} --hash=sha256:<hash>" in requirements.txt)` };
  }
  if (floatingVcs.length > 0) {
    const repo = (floatingVcs[0] as string).replace(/#.*$/, "").replace(/@[^/@]*$/, "");
    return { ...base, severity, message: `pip install ${shown} builds whatever ${(floatingVcs[0] as string).replace(/#.*$/, "").match(/@[^/@]+$/) ? "the branch or tag" : "the default branch"} holds today${noDeps ? "" : ", and its dependencies at whatever versions the index serves"}`, fix: `pip install --no-deps ${/\s/.test(repo) ? `"${repo}@<commit SHA>"` : `${repo}@<commit SHA>`}   (its dependencies from pip install --require-hashes -r requirements.txt)` };
  }
  const local = [...specs.filter((s) => !PIP_VCS.test(s)), ...vcs];
  const first = local[0] ?? ".";
  const project = first === "." || first.startsWith(".[") ? "the project's dependencies" : `the dependencies of ${first}`;
  const editable = editables.has(first) ? "-e " : "";
  return {
    ...base,
    severity,
    message: vcs.length > 0 && vcs.length === local.length ? `pip install ${shown} pins a commit but installs its dependencies at whatever versions the index serves, without hashes` : `pip install ${shown} installs ${project} at whatever versions the index serves, without hashes`,
    fix: `pip install --require-hashes -r requirements.txt && pip install --no-deps ${editable}${quoteSpec(first)}   (requirements.txt listing every dependency with ==<version> --hash=sha256:<hash>)`,
  };
}

/** A VCS requirement (pip's `git+https://…`, `hg+…`, `svn+…`, `bzr+…`, optionally `name @ ` before it). */
const PIP_VCS = /^(?:[\w.-]{1,200}\s{0,4}@\s{0,4})?(?:git|hg|svn|bzr)\+/i;
/** A git requirement at a full commit: the code is fixed whatever the repository's branches do. */
const PIP_VCS_COMMIT = /^(?:[\w.-]{1,200}\s{0,4}@\s{0,4})?git\+[^\s#]{1,2000}@[0-9a-f]{40}(?:#\S{0,200})?$/i;
/** A remote archive (`https://…/pkg-1.0.tar.gz`, `name @ https://…`); `file:` is the checkout. */
const PIP_URL = /^(?:[\w.-]{1,200}\s{0,4}@\s{0,4})?(?:https?|ftp):\/\//i;
/** A requirement as it must be written on a command line: `name @ URL` has blanks, so it is quoted. */
const quoteSpec = (spec: string): string => (/\s/.test(spec) ? `"${spec}"` : spec);
const pipName = (spec: string): string => spec.split(/[<>=!~[;@\s]/)[0] || spec;

/** `pipx install tool`: a global tool at whatever version is newest; `tool==1.2.3` pins it (without hashes). */
function pipx(prog: string, args: string[]): Found | undefined {
  if (prog !== "pipx" || args[0] !== "install") return undefined;
  const rest = args.slice(1);
  const specs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "--python" || a === "--suffix" || a === "--index-url" || a === "-i" || a === "--pip-args" || a === "--preinstall") i++;
    else if (!a.startsWith("-")) specs.push(a);
  }
  const remote = specs.filter((s) => !isLocal(s) && !s.startsWith("$"));
  if (remote.length === 0) return undefined;
  const exact = remote.every((s) => /^[A-Za-z0-9][\w.-]{0,200}(?:\[[\w,.-]{0,200}\])?===?[\w.!+-]{1,100}$/.test(s));
  const name = (remote[0] as string).split(/[<>=!~[]/)[0] ?? "tool";
  return {
    ecosystem: "pip",
    what: remote.join(" "),
    severity: exact ? "low" : "medium",
    message: exact ? `pipx install ${remote.join(" ")} pins the version but not hashes` : `pipx install ${remote.join(" ")} installs whatever version the index serves`,
    fix: `pipx install ${name}==<X.Y.Z>`,
  };
}

/** easy_install options whose value is the next word. */
const EASY_INSTALL_VALUE_FLAGS = new Set(["-f", "--find-links", "-i", "--index-url", "-d", "--install-dir", "-s", "--script-dir", "-b", "--build-directory", "-H", "--allow-hosts", "-O", "--optimize"]);

/**
 * `easy_install pkg` (setuptools' predecessor of pip) takes whatever version the index serves and
 * checks no hashes, as `pip install pkg` does; `pkg==1.2.3` pins it, and local archives and eggs are what the build made.
 */
function easyInstall(prog: string, args: string[]): Found | undefined {
  if (!/^easy_install(?:-?\d(?:\.\d{1,2})?)?$/.test(prog)) return undefined;
  const specs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (EASY_INSTALL_VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith("-")) specs.push(a);
  }
  const loose = specs.filter((s) => !isLocal(s) && !s.startsWith("$") && !s.includes("://") && !/\.egg$/i.test(s) && !/^[A-Za-z0-9][\w.-]{0,200}(?:\[[\w,.-]{0,200}\])?==(?:[\w.!+-]{1,100}|\$\{?\w{1,100}\}?)$/.test(s));
  if (loose.length === 0) return undefined;
  const tooling = loose.every((r) => /^(?:pip|setuptools|wheel|virtualenv)(?:[<>=!~].{0,40})?$/i.test(r));
  const name = (loose[0] as string).split(/[<>=!~[]/)[0] ?? "package";
  return { ecosystem: "pip", what: loose.join(" "), severity: tooling ? "low" : "medium", message: `easy_install ${loose.join(" ")} installs whatever version the index serves, without hashes`, fix: `pip install --require-hashes -r requirements.txt   (with ${name}==<version> --hash=sha256:<hash> in requirements.txt; easy_install is deprecated)` };
}

/** npm's commands that run an install of the project (install-test: `npm install && npm test`) or move its dependencies to newer versions (update). */
const NPM_INSTALL_TEST = new Set(["install-test", "it"]);
const NPM_UPDATE = new Set(["update", "up", "upgrade", "udpate"]);
/**
 * npm options whose value is the next word (`--prefix web`, `--registry URL`, `-w pkg`, `--omit dev`):
 * npm's configuration definitions whose type is not boolean, and their short forms. Any other
 * option is a flag (npm reads an unknown `--x` as `--x=true`), so the word after it is a package.
 */
const NPM_VALUE_OPTIONS = new Set(
  [
    "access", "allow-directory", "allow-file", "allow-git", "allow-remote", "allow-scripts", "also", "audit-level", "auth-type", "before", "browser", "ca", "cache", "cache-max", "cache-min", "cafile", "call", "cert", "cidr", "color", "cpu", "depth", "editor", "fetch-retries", "fetch-retry-factor", "fetch-retry-maxtimeout", "fetch-retry-mintimeout", "fetch-timeout", "git", "globalconfig", "heading", "https-proxy", "include", "install-strategy", "key", "libc", "local-address", "location", "lockfile-version", "loglevel", "logs-dir", "logs-max", "maxsockets", "message", "min-release-age", "node-gyp", "node-options", "noproxy", "omit", "only", "os", "otp", "prefix", "preid", "proxy", "registry", "replace-registry-host", "save-prefix", "scope", "script-shell", "shell", "tag", "umask", "user-agent", "userconfig", "workspace", "reg", "enjoy-by",
  ]
    .map((o) => `--${o}`)
    .concat(["-C", "-w", "-L", "-c", "-m"]),
);

/** npm's words from its command on: options may come before it (`npm --prefix web install`), as Scorecard reads them. */
function npmArgs(words: string[]): string[] {
  let at = 0;
  while (at < words.length && (words[at] as string).startsWith("-")) at += NPM_VALUE_OPTIONS.has(words[at] as string) ? 2 : 1;
  return words.slice(at);
}

/** The package specs after npm's command: words that are neither options nor an option's value (`-` is no package). */
function npmSpecs(args: readonly string[]): string[] {
  return operands(args, (f) => NPM_VALUE_OPTIONS.has(f)).filter((a) => a !== "-");
}

/** A global install: `-g`, `--global`, `--location=global` or `--location global` (`-L global`). */
function npmGlobal(words: readonly string[]): boolean {
  return words.some((w, i) => w === "-g" || w === "--global" || w === "--global=true" || w === "--location=global" || ((w === "--location" || w === "-L") && words[i + 1] === "global"));
}

function npm(prog: string, words: string[], judgeProjectInstalls: boolean | "low"): Found | undefined {
  const found = npmInstall(prog, words, judgeProjectInstalls !== false);
  // A project install in a setup script: counted as Scorecard counts it, reported at low severity.
  return found && judgeProjectInstalls === "low" && !npmGlobal(words) ? { ...found, severity: "low" } : found;
}

function npmInstall(prog: string, words: string[], judgeProjectInstalls: boolean): Found | undefined {
  if (prog !== "npm") return undefined;
  const args = npmArgs(words);
  const sub = args[0] ?? "";
  if (NPM_INSTALL_TEST.has(sub) || NPM_UPDATE.has(sub)) {
    if (!judgeProjectInstalls || npmGlobal(words)) return undefined;
    return NPM_UPDATE.has(sub)
      ? { ecosystem: "npm", what: "package.json", severity: "medium", message: `npm ${sub} moves dependencies to the newest versions package.json's ranges allow and rewrites the lockfile, instead of installing exactly what it records`, fix: "npm ci" }
      : { ecosystem: "npm", what: "package.json", severity: "medium", message: `npm ${sub} runs npm install, which resolves package.json ranges and may rewrite the lockfile instead of installing exactly what it records`, fix: "npm cit   (npm ci, then npm test)" };
  }
  if (!NPM_INSTALL.has(sub)) return undefined;
  const global = npmGlobal(words);
  if (!judgeProjectInstalls && !global) return undefined;
  // `npm install --prefix ./web` installs the project in ./web: option values are not packages.
  const specs = npmSpecs(args.slice(1));
  if (specs.length === 0) {
    if (global) return undefined;
    // The options say where and how (`--prefix ./web`, `--omit=dev`): npm ci takes the same ones.
    const subAt = words.length - args.length;
    const options = words.filter((w, i) => i !== subAt && w !== "--");
    const at = options.findIndex((w) => w === "--prefix" || w === "-C");
    const prefix = at >= 0 ? options[at + 1] : options.find((w) => w.startsWith("--prefix="))?.slice(9);
    const manifest = prefix ? `${prefix.replace(/\/+$/, "")}/package.json` : "package.json";
    return { ecosystem: "npm", what: manifest, severity: "medium", message: `npm ${args[0]}${options.length > 0 ? ` ${options.join(" ")}` : ""} resolves ${manifest} ranges and may rewrite the lockfile instead of installing exactly what it records`, fix: `npm ci${options.length > 0 ? ` ${options.join(" ")}` : ""}` };
  }
  const loose = specs.filter((s) => !exactNpm(s));
  if (loose.length === 0) {
    // `npm install -g pnpm@9.6.0` pins the package, not what it depends on: npm resolves its
    // dependencies' ranges at install time (a global install reads no lockfile, and a package rarely
    // ships a shrinkwrap). Scorecard counts every npm install but `npm ci` as unpinned; as with
    // `pip install x==1.2.3` without hashes and `cargo install` without --locked, it is low.
    const versioned = specs.filter((s) => !isLocal(s) && !s.startsWith("$") && !/#[0-9a-f]{40}$/.test(s));
    if (versioned.length === 0) return undefined;
    return { ecosystem: "npm", what: versioned.join(" "), severity: "low", message: `npm ${args[0]}${global ? " -g" : ""} ${versioned.join(" ")} pins ${versioned.length === 1 ? "the package" : "the packages"} but not ${versioned.length === 1 ? "its" : "their"} dependencies, which npm resolves to whatever their ranges allow at install time`, fix: `${global ? "list it in the package.json of a tools folder with its lockfile, run npm ci there and call it from node_modules/.bin" : "add it to package.json and run npm ci (the lockfile then pins its dependencies too)"}` };
  }
  return { ecosystem: "npm", what: loose.join(" "), severity: "medium", message: `npm ${args[0]}${global ? " -g" : ""} ${loose.join(" ")} installs whatever version the registry serves`, fix: `npm ${args[0]}${global ? " -g" : ""} ${loose.map((s) => `${npmName(s)}@<exact version>`).join(" ")}${global ? "" : "   (or add it to package.json and run npm ci)"}` };
}

const npmName = (s: string): string => (s.startsWith("@") ? `@${s.slice(1).split("@")[0]}` : (s.split("@")[0] ?? s));
const exactNpm = (s: string): boolean => isLocal(s) || s.startsWith("$") || /^(?:@[\w.-]{1,214}\/)?[\w.-]{1,214}@v?\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[\w.]{1,100})?$/.test(s) || /#[0-9a-f]{40}$/.test(s);

/** `go run` build flags whose value is the next word (`-tags integration`), so it is not taken for the package. */
const GO_RUN_VALUE_FLAGS = new Set(["-C", "-p", "-tags", "-ldflags", "-gcflags", "-asmflags", "-exec", "-mod", "-modfile", "-overlay", "-pkgdir", "-toolexec", "-buildmode", "-compiler", "-installsuffix", "-pgo", "-coverpkg", "-covermode"]);

/**
 * A Go version that names one version: a full semantic version (`v1.2.3`, `v1.2.3-rc.1`,
 * `v2.0.0+incompatible`) or a pseudo-version (`v0.0.0-20240101000000-abcdef123456`). A prefix
 * (`@v1`, `@v1.55`) is a version query: "a semantic version prefix, such as v1 or v1.2, selects the
 * highest available version with that prefix" (go.dev/ref/mod#version-queries), as do `@latest`,
 * `@upgrade`, `@patch`, comparisons (`@<v1.2`) and branch names.
 */
const GO_EXACT = /^v\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.-]{1,100})?(?:\+[0-9A-Za-z.-]{1,100})?$/;

function go(prog: string, args: string[], resolve: (word: string) => string | undefined): Found | undefined {
  if (prog !== "go" || (args[0] !== "install" && args[0] !== "get" && args[0] !== "run")) return undefined;
  let specs: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as string;
    if (GO_RUN_VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith("-")) specs.push(a);
  }
  if (args[0] === "run") {
    // `go run pkg@version args…` fetches that module version, as `go install` does; the words after it are the program's.
    // Without a version (`go run ./cmd`, `go run main.go`, a tool in go.mod) go.sum fixes what runs.
    let i = 1;
    while (i < args.length && (args[i] as string).startsWith("-")) i += GO_RUN_VALUE_FLAGS.has(args[i] as string) ? 2 : 1;
    const pkg = args[i];
    if (pkg === undefined || !/^[\w-]{1,100}(?:\.[\w-]{1,100}){1,10}\/[^@\s]{1,500}@\S{1,200}$/.test(pkg)) return undefined;
    specs = [pkg];
  }
  const resolved = new Map<string, string>();
  const loose = specs.filter((s) => {
    const at = s.lastIndexOf("@");
    if (at < 0) return args[0] === "get" && !s.startsWith(".") && s.includes(".");
    let v = s.slice(at + 1);
    if (v.includes("$")) {
      // `@$(GOLANGCI_VERSION)` after `GOLANGCI_VERSION ?= latest`: the written value is what runs. A variable set
      // elsewhere (a CI variable, a Makefile's `:= v2.14.1` included from another file) is taken as a pin, as gem and npm specs are.
      const prefix = v.startsWith("v") ? "v" : "";
      const value = resolve(v.slice(prefix.length));
      if (value === undefined || value.includes("$")) return false;
      v = prefix + value;
      resolved.set(s, v);
    }
    return v !== "none" && !GO_EXACT.test(v) && !/^[0-9a-f]{12,40}$/.test(v);
  });
  if (loose.length === 0) return undefined;
  const mod = loose[0] as string;
  const name = mod.includes("@") ? mod.slice(0, mod.lastIndexOf("@")) : mod;
  const shown = loose.map((s) => (resolved.has(s) ? `${s} (${s.slice(s.lastIndexOf("@") + 1)} is ${resolved.get(s)})` : s));
  const query = mod.includes("@") ? (resolved.get(mod) ?? mod.slice(mod.lastIndexOf("@") + 1)) : "latest";
  // What the query selects, so the message says why it is not a pin (go.dev/ref/mod#version-queries).
  const takes =
    query === "latest" || query === "upgrade" || query === "patch"
      ? "takes whatever version is newest at build time"
      : /^v\d{1,9}(?:\.\d{1,9})?$/.test(query)
        ? `takes the newest release whose version starts with ${query} at build time`
        : /^[<>]/.test(query)
          ? `takes the newest release matching ${query} at build time`
          : /^[0-9a-f]{4,11}$/.test(query)
            ? `names a commit by the short hash ${query}, which Go resolves at build time and may not stay unique`
            : `builds whatever commit ${query} names at build time (a branch or tag, not a version)`;
  return { ecosystem: "go", what: loose.join(" "), severity: "medium", message: `go ${args[0]} ${shown.join(" ")} ${takes}`, fix: `go ${args[0]} ${name}@v<X.Y.Z>` };
}

const CARGO_VALUE_FLAGS = new Set(["--root", "--index", "--registry", "--target", "--target-dir", "--profile", "-j", "--jobs", "-Z", "--config", "--color", "--features", "-F", "--bin", "--example", "--message-format"]);

/**
 * An exact `cargo install` version. cargo-install(1), `--version`: "This may be a version
 * requirement, like ~1.2, to have Cargo select the newest version from the given requirement. If
 * the version does not have a requirement operator (such as ^ or ~), then it must be in the form
 * MAJOR.MINOR.PATCH, and will install exactly that version; it is not treated as a caret
 * requirement like Cargo dependencies are." So `1.2.3` and `=1.2.3` name one release, while
 * `^14`, `~1.2`, `>=0.1` and `1.*` are ranges (the same holds for `crate@version`).
 */
const CARGO_EXACT = /^=?\s{0,4}\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.-]{1,100})?(?:\+[0-9A-Za-z.-]{1,100})?$/;
const cargoExact = (v: string): boolean => CARGO_EXACT.test(v) || v.startsWith("$");

/**
 * `cargo install crate` without an exact version (`--version 1.2.3`, `crate@1.2.3`) builds whatever
 * release is newest (or newest in a range); a git install without `--rev`/`--tag` builds the branch.
 * Pinned, it still resolves the crate's dependencies afresh unless `--locked` (or `--frozen`) makes it
 * use the Cargo.lock the crate was published (or committed) with: cargo-install(1), "Dealing with the
 * Lockfile". That is reported at low severity, as a pinned pip install without hashes is.
 */
function cargo(prog: string, args: string[]): Found | undefined {
  if (prog !== "cargo" || args[0] !== "install") return undefined;
  const rest = args.slice(1);
  if (rest.includes("--list")) return undefined;
  const specs: string[] = [];
  let version: string | undefined;
  let source: "registry" | "path" | "git" = "registry";
  let gitPinned = false;
  let locked = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const eq = a.indexOf("=");
    const [flag, inline] = a.startsWith("--") && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => inline ?? (rest[++i] as string | undefined) ?? "";
    if (flag === "--version" || flag === "--vers") version = value();
    else if (flag === "--path") {
      source = "path";
      value();
    } else if (flag === "--git") {
      source = "git";
      value();
    } else if (flag === "--rev" || flag === "--tag") {
      gitPinned = true;
      value();
    } else if (flag === "--branch") value();
    else if (flag === "--locked" || flag === "--frozen") locked = true;
    else if (CARGO_VALUE_FLAGS.has(flag)) {
      if (inline === undefined) i++;
    } else if (!a.startsWith("-")) specs.push(a);
  }
  const locks = `cargo install --locked ${rest.filter((a) => a !== "--locked").join(" ")}`.trimEnd();
  if (source === "git" && !gitPinned) {
    return { ecosystem: "cargo", what: "the git repository", severity: "medium", message: "cargo install --git without --rev or --tag builds whatever the branch holds today", fix: "cargo install --locked --git <URL> --rev <commit SHA>" };
  }
  const loose = source === "registry" ? specs.filter((s) => !s.startsWith("$") && !(s.includes("@") ? cargoExact(s.slice(s.indexOf("@") + 1)) : version !== undefined && cargoExact(version))) : [];
  if (loose.length > 0) {
    const first = loose[0] as string;
    const name = first.includes("@") ? first.slice(0, first.indexOf("@")) : first;
    const range = (first.includes("@") ? first.slice(first.indexOf("@") + 1) : version) || undefined;
    return {
      ecosystem: "cargo",
      what: loose.join(" "),
      severity: "medium",
      message: range !== undefined ? `cargo install ${loose.join(" ")} with the version requirement ${range} builds the newest release it allows` : `cargo install ${loose.join(" ")} without a version builds whatever release is newest`,
      fix: `cargo install --locked ${name} --version <X.Y.Z>`,
    };
  }
  if (locked || (source === "registry" && specs.length === 0)) return undefined;
  const what = source === "path" ? "the local crate" : source === "git" ? "the git repository" : specs.join(" ");
  return { ecosystem: "cargo", what, severity: "low", message: `cargo install ${source === "registry" ? specs.join(" ") : `--${source}`} without --locked ignores the Cargo.lock it was built and tested with: its dependencies resolve to whatever is newest`, fix: locks };
}

/**
 * An exact RubyGems requirement: a bare version (`7.1.0`, which RubyGems reads as `= 7.1.0`) or
 * `= 7.1.0`. `~> 7.0`, `>= 0`, `!= 1.0` and lists of requirements select the newest matching release.
 */
const GEM_EXACT = /^(?:=\s{0,4})?\d{1,9}(?:\.[0-9A-Za-z]{1,20}){0,6}$/;
const gemExact = (v: string): boolean => GEM_EXACT.test(v.trim()) || v.startsWith("$");

/** gem install options whose value is the next word. */
const GEM_VALUE_FLAGS = new Set(["-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-P", "--trust-policy", "--platform", "--build-root", "--document", "--target-rbconfig"]);

function gem(prog: string, args: string[]): Found | undefined {
  if (prog !== "gem" || args[0] !== "install") return undefined;
  const rest = args.slice(1);
  if (rest.some((a) => a === "-g" || a === "--file" || a.startsWith("--file="))) return undefined;
  const specs: string[] = [];
  const versions: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "-v" || a === "--version") versions.push(rest[++i] ?? "");
    else if (a.startsWith("--version=")) versions.push(a.slice(10));
    else if (/^-v\S/.test(a)) versions.push(a.slice(2));
    else if (GEM_VALUE_FLAGS.has(a)) i++;
    else if (!a.startsWith("-")) specs.push(a);
  }
  // `-v '>= 1, < 2'` is a list; `name:version` takes a requirement too.
  const exactVersion = versions.length > 0 && versions.every((v) => v.split(",").length === 1 && gemExact(v));
  const loose = specs.filter((s) => !s.endsWith(".gem") && !s.startsWith("$") && !(s.includes(":") ? gemExact(s.slice(s.indexOf(":") + 1)) : exactVersion));
  if (loose.length === 0) return undefined;
  const range = versions.find((v) => !gemExact(v)) ?? (loose[0] as string).split(":")[1];
  const name = (loose[0] as string).split(":")[0] as string;
  return {
    ecosystem: "gem",
    what: loose.join(" "),
    severity: "medium",
    message: range !== undefined ? `gem install ${loose.join(" ")} with the requirement ${range} installs the newest release it allows` : `gem install ${loose.join(" ")} without a version installs whatever is newest`,
    fix: `gem install ${name} -v <X.Y.Z>`,
  };
}

/** Chocolatey options whose value is the next word (`--source URL`, `--install-arguments "…"`). */
const CHOCO_VALUE_FLAGS = new Set(["-s", "--source", "--params", "--parameters", "--package-parameters", "--ia", "--installargs", "--installarguments", "--install-arguments", "--cache-location", "--execution-timeout", "-u", "--user", "-p", "--password", "--checksum", "--checksum64", "--download-checksum", "--download-checksum-x64"]);

function choco(prog: string, args: string[]): Found | undefined {
  const sub = prog === "cinst" ? "install" : prog === "choco" ? args[0] : undefined;
  if (sub !== "install" && sub !== "upgrade") return undefined;
  const rest = prog === "cinst" ? args : args.slice(1);
  if (rest.some((a) => /^--?version(?:=|$)/i.test(a))) return undefined;
  // Checksums required for everything the package downloads: Scorecard counts such an install as pinned.
  if (rest.some((a) => /^--require-?checksums?(?:=|$)/i.test(a))) return undefined;
  const specs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (CHOCO_VALUE_FLAGS.has(a.toLowerCase())) i++;
    else if (!a.startsWith("-") && !/\.config$/i.test(a) && !/^\d/.test(a)) specs.push(a);
  }
  if (specs.length === 0) return undefined;
  return { ecosystem: "choco", what: specs.join(" "), severity: "medium", message: `choco ${sub} ${specs.join(" ")} without --version installs whatever is newest`, fix: `choco install ${specs[0]} --version <X.Y.Z> -y` };
}

function nuget(prog: string, args: string[]): Found | undefined {
  if (prog === "nuget" && args[0]?.toLowerCase() === "install") {
    const rest = args.slice(1);
    if (rest.some((a) => /^-version$/i.test(a))) return undefined;
    const specs = rest.filter((a) => !a.startsWith("-") && !/\.config$/i.test(a));
    const pkg = specs[0];
    if (!pkg || rest.indexOf(pkg) > 0) return undefined;
    return { ecosystem: "nuget", what: pkg, severity: "medium", message: `nuget install ${pkg} without -Version installs whatever is newest`, fix: `nuget install ${pkg} -Version <X.Y.Z>` };
  }
  if (prog === "dotnet" && args[0] === "add" && args.includes("package")) {
    const rest = args.slice(args.indexOf("package") + 1);
    if (rest.some((a) => a === "-v" || a === "--version" || a.startsWith("--version="))) return undefined;
    const pkg = rest.find((a) => !a.startsWith("-"));
    if (!pkg) return undefined;
    return { ecosystem: "nuget", what: pkg, severity: "medium", message: `dotnet add package ${pkg} without --version takes whatever is newest`, fix: `dotnet add package ${pkg} --version <X.Y.Z>` };
  }
  return undefined;
}
