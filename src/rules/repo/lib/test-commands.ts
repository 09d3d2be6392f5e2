// Shell commands that run a project's tests, for every major ecosystem: test runners (pytest, jest,
// ctest…), build tools' test goals (go test, cargo test, mvn verify, gradle check…), task runners'
// test targets (make test, just test, rake…) and package managers' test scripts (npm test, yarn
// test:unit…). A command line is split into simple commands first, so a word in an `echo` or a
// package that `pip install pytest` installs is not taken for a run. Pure: reading the scripts,
// Makefiles and package.json a command names is the caller's job (it gets them back as requests).

import { allCommands, splitCommands } from "../../../ecosystems/shell/split.js";

/** One thing a simple command does that matters here, in the order the line does them. */
export type CommandEffect =
  /** The command runs tests; `what` is the command as written (`go test`, `npm run test:ci`). */
  | { kind: "test"; what: string }
  /** A package.json script run by name (`npm run ci`), to be read; `dir` from `--prefix`/`--cwd`/`-C`. */
  | { kind: "package-script"; what: string; name: string; dir?: string }
  /** A task-runner target with a test-like name, which runs tests unless its file says otherwise. */
  | { kind: "target"; what: string; tool: "make" | "just" | "task" }
  /** A script run by path (`bash .ci/run`, `./script/cibuild`) that does not say it tests: what it runs decides. */
  | { kind: "script-file"; what: string; path: string }
  /** `cd dir`: later commands of the same script run there. */
  | { kind: "cd"; dir: string }
  /** Maven given no goal or phase runs the POM's `<defaultGoal>`, which decides (the POM is read by the caller). */
  | { kind: "maven-default"; what: string; pom: string };

/** Lines longer than this are cut before splitting; real command lines are far shorter. */
const MAX_LINE = 20_000;
/** Words read per simple command. */
const MAX_WORDS = 200;
/** Nested `bash -c "…"` quotes followed. */
const MAX_NESTING = 3;

/** What the simple commands of one command line do about tests, in order. */
export function commandEffects(line: string, nesting = 0): CommandEffect[] {
  const out: CommandEffect[] = [];
  for (const words of simpleCommands(line.slice(0, MAX_LINE))) {
    const effect = judge(words, nesting);
    if (effect) out.push(effect);
  }
  return out;
}

/**
 * The simple commands of a command line, nested ones (`$(…)`, backquotes) included, each as its
 * words with quotes removed: the project's shell splitter, so `bash -c "npm test"` has `npm test`
 * as one word and an `echo test` in a comment is nothing.
 */
function simpleCommands(line: string): string[][] {
  const out: string[][] = [];
  for (const { command } of allCommands(splitCommands(line))) {
    if (command.words.length > 0) out.push(command.words.slice(0, MAX_WORDS).map((w) => w.value));
  }
  return out;
}

/** A word as a command name: its base name, lower case, without a Windows suffix; a variable (`$(GO)`, `$CARGO`) read as what it names. */
function commandName(word: string): string {
  const v = /^\$(?:[({]([A-Za-z_]{1,40})[)}]|([A-Za-z_]{1,40}))$/.exec(word);
  if (v) return (v[1] ?? v[2] ?? "").toLowerCase().replace(/[-_]?(?:cmd|bin|exe|command|binary)$/, "");
  // `$(Q)go test` in Makefiles: a quiet-prefix variable glued to the command.
  const w = word.replace(/^\$[({][A-Z_]{1,12}[)}](?=[A-Za-z.])/, "");
  const base = w.slice(Math.max(w.lastIndexOf("/"), w.lastIndexOf("\\")) + 1).toLowerCase();
  return base.replace(/\.(?:exe|bat|cmd)$/, "");
}

/** Prefixes that run the rest of the words as the command. */
const PASS_THROUGH = new Set(["sudo", "env", "time", "exec", "command", "nohup", "nice", "stdbuf", "timeout", "unbuffer", "eatmydata", "catchsegv", "xvfb-run", "dbus-run-session", "valgrind", "then", "else", "do", "if", "elif", "while", "until", "!", "{", "winpty", "caffeinate"]);

/**
 * Commands that run another command somewhere among their words (a container, an environment, a
 * coverage tool): every later word is tried as the start of a command.
 */
const WRAPPERS = new Set([
  "docker", "podman", "docker-compose", "nerdctl", "kubectl", "vagrant", "ssh", "nix", "nix-shell", "devbox", "mise", "asdf", "direnv", "conda", "mamba",
  "micromamba", "pixi", "uv", "uvx", "poetry", "pipenv", "pdm", "hatch", "rye", "bundle", "npx", "pnpx", "bunx", "pipx", "coverage", "nyc", "c8",
  "istanbul", "scl", "opam", "esy", "stack", "cabal", "sh", "bash", "zsh", "dash", "fish", "pwsh", "powershell", "cmd", "script", "chroot", "schroot",
  "lxc", "multipass", "cmake", "devcontainer", "retry", "flock", "xcrun", "arch", "run-one", "with-contenv", "tini", "dumb-init", "gosu", "su-exec",
  "runuser", "dotenv", "cross-env", "env-cmd", "dotenvx", "op", "doppler", "infisical", "aws-vault",
]);

/** A wrapper's first argument that installs or fetches rather than runs (`uv pip install pytest`, `poetry add pytest`, `docker pull`). */
const INSTALLS = new Set(["install", "i", "add", "sync", "lock", "update", "upgrade", "remove", "uninstall", "use", "pull", "push", "pip", "build", "create", "inject", "ensurepath", "tool-install", "self", "cache", "venv", "env", "login", "plugin", "plugins", "shell-init"]);

/** Wrapper options whose value is not a command (`-v ./tests:/tests`, `--with pytest`, `-p python3Packages.pytest`). */
const WRAPPER_VALUES: ReadonlySet<string> = new Set([
  "-v", "--volume", "-e", "--env", "-w", "--workdir", "--name", "-t", "--tag", "--mount", "--network", "--env-file", "-u", "--user", "--platform", "--with",
  "--python", "-p", "--group", "--extra", "--project", "--directory", "--entrypoint", "-f", "--file", "--package", "--from", "--cwd", "-l", "--label",
  "--only-group", "--with-requirements", "--index-url", "--extra-index-url", "--cap-add", "--device", "--ulimit", "--shm-size", "--memory", "--cpus", "-h", "--hostname",
]);

/** Test runners that run tests when they are the command (`pytest`, `jest`, `ctest`…). */
const RUNNERS = new Set([
  "pytest", "py.test", "pytest-3", "nosetests", "nose2", "trial", "green", "ward", "behave", "ctest", "phpunit", "simple-phpunit", "pest", "paratest",
  "rspec", "cucumber", "jest", "vitest", "mocha", "_mocha", "ava", "tap", "tape", "jasmine", "wdio", "testcafe", "uvu", "tsd", "borp", "lab", "qunit",
  "wtr", "web-test-runner", "elm-test", "gotestsum", "ginkgo", "gotest", "prove", "bats", "busted", "shellspec", "kuttl", "stestr", "testr", "xunit.console",
  "nunit3-console", "vstest.console", "mutmut", "infection", "richgo", "invoke-pester", "twister",
]);

/** Tools whose first argument names what they run; these subcommands run tests. */
const TEST_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  go: ["test"], dotnet: ["test", "vstest"], swift: ["test"], flutter: ["test"], dart: ["test"], mix: ["test", "coveralls", "coveralls.json", "coveralls.github", "coveralls.lcov"],
  deno: ["test"], ng: ["test", "e2e"], "react-scripts": ["test"], craco: ["test"], ember: ["test", "t", "exam"], meteor: ["test", "test-packages"],
  hardhat: ["test", "coverage"], truffle: ["test"], forge: ["test", "coverage"], anchor: ["test"], lein: ["test", "midje", "cloverage"], cabal: ["test"],
  stack: ["test"], dune: ["test", "runtest"], nimble: ["test"], raco: ["test"], gleam: ["test"], rebar3: ["eunit", "ct", "proper"], pants: ["test"],
  bazel: ["test", "coverage"], bazelisk: ["test", "coverage"], buck: ["test"], buck2: ["test"], please: ["test", "cover"], plz: ["test", "cover"],
  meson: ["test"], rails: ["test", "test:system", "test:all", "spec"], zig: ["test"], crystal: ["spec"], v: ["test"], odin: ["test"], scarb: ["test"],
  nargo: ["test"], terraform: ["test"], tofu: ["test"], opa: ["test"], molecule: ["test", "verify"], kitchen: ["test", "verify"], stencil: ["test"],
  tsdx: ["test"], aegir: ["test"], playwright: ["test"], cypress: ["run"], karma: ["start", "run"], codecept: ["run"], "vue-cli-service": ["test:unit", "test:e2e"],
  cross: ["test"], helm: ["unittest", "test"], ct: ["install", "lint-and-install"], "django-admin": ["test"], detox: ["test"], codeceptjs: ["run", "run-workers", "run-multiple"],
  spin: ["test"], dub: ["test"], pio: ["test"], platformio: ["test"], xmake: ["test"], bb: ["test"], esy: ["test"], rye: ["test"],
};

/** Interpreters that run a script named by their first argument. */
const INTERPRETERS = new Set(["python", "python2", "python3", "py", "pypy", "pypy3", "node", "nodejs", "ruby", "perl", "php", "rscript", "tsx", "ts-node", "lua", "luajit", "julia", "groovy", "escript", "elixir", "jruby", "deno", "bash", "sh", "zsh", "dash", "pwsh", "powershell"]);

/** Interpreters whose `-c` is a command line. */
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "pwsh", "powershell"]);

/** `python -m <module>` modules that run tests (tox, nox and hatch are judged by their arguments). */
const TEST_MODULES = new Set(["pytest", "py.test", "unittest", "nose", "nose2", "twisted.trial", "trial", "green", "xmlrunner", "stestr", "behave", "ward"]);

/** Code passed with `-e`/`-c` that runs tests (R's testthat and rcmdcheck, Julia's Pkg.test, pytest.main). */
const TEST_CODE = /\b(?:devtools::(?:test|check)|testthat::test_[a-z_]{1,30}|rcmdcheck::rcmdcheck|tinytest::test_[a-z_]{1,30}|covr::[a-z_]{1,30}|Pkg\.test|pytest\.main|unittest\.main|runtests\.jl)\b/;

/** Name segments that say a script or target runs tests. */
const TEST_SEGMENTS = new Set([
  "test", "tests", "testing", "testsuite", "runtest", "runtests", "unit", "unittest", "unittests", "e2e", "spec", "specs", "integration", "coverage", "cov",
  "pytest", "jest", "vitest", "mocha", "phpunit", "rspec", "tox", "nox", "ctest", "functional", "acceptance", "cibuild", "check",
]);
/** Segments that make a test-looking name about something else (`test:lint`, `check-format`, `test:compile`). */
const NOT_TEST_SEGMENTS = new Set([
  "lint", "linter", "linting", "eslint", "tslint", "stylelint", "prettier", "format", "fmt", "scalafmt", "scalastyle", "style", "docs", "doc", "typecheck",
  "types", "typings", "tsc", "spell", "spelling", "typos", "release", "publish", "deploy", "compile", "clean", "setup", "install", "prepare", "deps",
  "report", "watch", "bench", "benchmark", "benchmarks", "dev", "serve", "licenses", "license", "links", "markdown", "yaml", "vet", "tidy", "generate",
  "gen", "mod", "ready", "version", "changelog", "commit", "headers", "copyright",
]);

/**
 * True when a script, target or task name says it runs tests (`test`, `test:ci`, `unit-tests`,
 * `testDebugUnitTest`, `e2e`), and not lint or a build step. `check` counts only when `withCheck`:
 * `make check` is the GNU convention for running tests, `npm run check` is usually a type check.
 */
export function isTestName(name: string, withCheck = false): boolean {
  const segments = nameSegments(name);
  if (segments.some((s) => NOT_TEST_SEGMENTS.has(s))) return false;
  return segments.some((s) => TEST_SEGMENTS.has(s) && (withCheck || s !== "check"));
}

/** The words of a name: split at punctuation and camel case, lower case (`testDebugUnitTest` → test, debug, unit, test). */
function nameSegments(name: string): string[] {
  return name
    .slice(0, 200)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s:_\-./+*@=,]+/)
    .filter((s) => s !== "");
}

/** A path whose file or folder name says it runs tests (`./scripts/test.sh`, `ci/run_tests`, `test/run.py`). */
export function isTestPath(path: string): boolean {
  if (/^\/(?:usr|bin|sbin|etc|opt)\//.test(path) || /\.(?:txt|json|ya?ml|md|xml|cfg|ini|toml|log|lock|env|conf|properties|csv|html)$/i.test(path)) return false;
  if (/[:=$]/.test(path.replace(/^\$\{?\w{1,40}\}?\//, ""))) return false;
  const parts = path.split(/[/\\]/).filter((p) => p !== "" && p !== "." && p !== "..").map((p) => p.replace(/\.[A-Za-z0-9]{1,5}$/, ""));
  // `tests/lint.sh` lints: the file's own name decides when it says what it does.
  const base = parts[parts.length - 1] ?? "";
  if (nameSegments(base).some((s) => NOT_TEST_SEGMENTS.has(s))) return false;
  return parts.some((p) => isTestName(p));
}

/** Skips leading options (and their values for the options listed) of `words` from `from`; the index of the first positional word. */
function positional(words: readonly string[], from: number, withValue: ReadonlySet<string> = NO_VALUES): number {
  let i = from;
  while (i < words.length) {
    const w = words[i] as string;
    if (w === "--") return i + 1;
    if (!w.startsWith("-")) return i;
    i += withValue.has(w) ? 2 : 1;
  }
  return i;
}
const NO_VALUES: ReadonlySet<string> = new Set();

/** The positional words (not options, nor option values of the listed options, nor `X=y` assignments) from `from`. */
function positionals(words: readonly string[], from: number, withValue: ReadonlySet<string> = NO_VALUES): string[] {
  const out: string[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith("-")) {
      if (withValue.has(w)) i++;
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_.]{0,80}=/.test(w)) out.push(w);
  }
  return out;
}

/** The command as shown in evidence: its first words, shortened. */
function shown(words: readonly string[], at: number, count: number): string {
  const s = words.slice(at, at + count).join(" ");
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** What one simple command does, trying a wrapper's later words as commands of their own. */
function judge(words: readonly string[], nesting: number): CommandEffect | undefined {
  // Leading assignments and pass-through prefixes with their options (`CI=1 timeout -s KILL 20m make test`).
  let at = 0;
  let prefixed = false;
  while (at < words.length) {
    const w = words[at] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]{0,80}=/.test(w) || PASS_THROUGH.has(commandName(w)) || (prefixed && (w.startsWith("-") || /^\d/.test(w)))) {
      prefixed ||= PASS_THROUGH.has(commandName(w));
      at++;
      continue;
    }
    break;
  }
  if (at >= words.length) return undefined;
  const direct = commandAt(words, at, nesting);
  if (direct) return direct;
  if (!WRAPPERS.has(commandName(words[at] as string))) return undefined;
  const first = words[positional(words, at + 1, WRAPPER_VALUES)];
  if (first !== undefined && INSTALLS.has(first)) return undefined;
  // A test command anywhere wins over a script path met first (`nix develop ./flake -c make test`).
  let script: CommandEffect | undefined;
  for (let i = at + 1; i < words.length && i < at + 60; i++) {
    const w = words[i] as string;
    if (w.startsWith("-")) {
      if (WRAPPER_VALUES.has(w)) i++;
      continue;
    }
    const inner = /\s/.test(w.trim()) ? (nesting < MAX_NESTING ? commandEffects(w, nesting + 1).find((e) => e.kind !== "cd") : undefined) : commandAt(words, i, nesting, true);
    if (inner?.kind === "script-file") script ??= inner;
    else if (inner && inner.kind !== "cd") return inner;
  }
  return script;
}

/** What the command starting at `words[at]` does. */
function commandAt(words: readonly string[], at: number, nesting: number, wrapped = false): CommandEffect | undefined {
  const word = words[at] as string;
  const name = commandName(word);
  const test = (count: number): CommandEffect => ({ kind: "test", what: shown(words, at, count) });
  if (name === "cd") {
    const dir = words[at + 1];
    return dir !== undefined && !dir.startsWith("-") ? { kind: "cd", dir } : undefined;
  }
  if (RUNNERS.has(name)) return test(1);
  if (name === "tox" || name === "nox") return envsAreTests(words, at + 1) ? test(1) : undefined;
  const subs = TEST_SUBCOMMANDS[name];
  if (subs && subs.length > 0) {
    const i = positional(words, at + 1);
    const sub = words[i];
    if (sub !== undefined && subs.includes(sub)) return test(i - at + 1);
    if (name === "go" && (sub === "tool" || sub === "run") && words.slice(i + 1, i + 3).some((w) => /gotestsum|ginkgo/.test(w))) return test(i - at + 2);
    if (name === "zig" && sub === "build" && words.slice(i + 1).includes("test")) return test(3);
    if ((name === "dart" || name === "flutter") && (sub === "run" || sub === "pub") && words.slice(i + 1, i + 3).includes("test")) return test(3);
    if (name === "deno" && sub === "task" && isTestName(words[positional(words, i + 1)] ?? "")) return test(3);
  }
  // Scripts run directly (`./scripts/test.sh`, `script/cibuild`), or given a test-like command (`./x.py test`, `./dev unit`).
  // Inside a wrapper only an explicit relative path is a script: `org/image tests` is an image and its arguments.
  if (/[/\\]/.test(word) && !word.startsWith("-") && !/\b(?:gradlew|mvnw)(?:\.bat|\.cmd)?$/.test(word) && (!wrapped || /^\.{1,2}[/\\]/.test(word))) {
    if (isTestPath(word)) return test(1);
    const arg = words[positional(words, at + 1)];
    if (arg !== undefined && isTestName(arg) && !/[/\\]/.test(arg)) return test(positional(words, at + 1) - at + 1);
    if (!/[$:=]/.test(word) && !/^\/(?:usr|bin|sbin|etc|opt)\//.test(word)) return { kind: "script-file", what: shown(words, at, 1), path: word };
  }
  if (INTERPRETERS.has(name)) return interpreted(words, at, name, nesting);
  switch (name) {
    case "cargo":
      return cargo(words, at);
    case "mvn":
    case "mvnw":
    case "maven":
      return maven(words, at);
    case "gradle":
    case "gradlew":
      return gradle(words, at);
    case "sbt":
    case "sbtn":
    case "mill":
      return words.slice(at + 1).some((w) => w.split(/[\s;]+/).some((t) => isTestName(t.replace(/^\+{1,2}[\d.]{0,20}/, "").replace(/^__\./, "")))) ? test(2) : undefined;
    case "make":
    case "gmake":
    case "bmake":
    case "mingw32-make":
    case "nmake":
    case "just":
    case "task":
    case "go-task": {
      const tool = name === "just" ? "just" : name === "task" || name === "go-task" ? "task" : "make";
      const names = positionals(words, at + 1, TARGET_OPTIONS).filter((t) => isTestName(t, true));
      return names.length > 0 ? { kind: "target", what: `${word === "$(MAKE)" ? "make" : shown(words, at, 1)} ${names[0] ?? ""}`, tool } : undefined;
    }
    case "ninja":
    case "mage":
    case "invoke":
    case "inv":
    case "poe":
    case "doit":
    case "ant":
    case "fastlane":
    case "xcodebuild":
    case "earthly":
    case "dagger":
    case "rake":
    case "rushx":
    case "melos":
    case "ceedling":
      if (!targetsTest(words, at, name)) return undefined;
      return name === "xcodebuild" ? { kind: "test", what: `${word} test` } : test(Math.min(words.length - at, 4));
    case "hatch":
      return hatchTests(words, at) ? test(3) : undefined;
    case "pdm":
    case "rye":
    case "pixi":
    case "pipenv":
    case "poetry":
    case "uv": {
      const i = positional(words, at + 1);
      if (words[i] === "test") return test(2);
      const k = words[i] === "run" ? positional(words, i + 1, RUN_OPTIONS) : words.length;
      const script = words[k];
      if (script === undefined) return undefined;
      // `uv run tox -e lint` is tox, judged as tox; `pdm run test` is the project's script named test.
      const inner = commandAt(words, k, nesting, true);
      if (inner?.kind === "test" || ["tox", "nox", "python", "python3", "hatch"].includes(commandName(script))) return inner?.kind === "test" ? inner : undefined;
      return isTestName(script) ? test(k - at + 1) : undefined;
    }
    case "cmake": {
      // `cmake --build build --target test` (or `check`, `run_tests`).
      const i = words.findIndex((w, k) => k > at && (w === "--target" || w === "-t" || w.startsWith("--target=")));
      const target = i === -1 ? undefined : words[i]?.startsWith("--target=") ? words[i]?.slice(9) : words[i + 1];
      return target !== undefined && target.split(/[,\s]+/).some((t) => isTestName(t, true)) ? test(Math.min(words.length - at, 5)) : undefined;
    }
    case "docker":
    case "podman":
    case "docker-compose":
      return containerTests(words, at) ? test(Math.min(words.length - at, 4)) : undefined;
    case "nix":
      return words[positional(words, at + 1)] === "flake" && words[positional(words, positional(words, at + 1) + 1)] === "check" ? test(3) : undefined;
    case "r":
      return words[at + 1] === "CMD" && words[at + 2] === "check" ? test(3) : undefined;
    case "clojure":
    case "clj":
      // `clojure -X:test`, `clj -M:test:runner`: an alias named for tests.
      return words.slice(at + 1).some((w) => /^-[XMAT]:/.test(w) && isTestName(w.slice(2))) ? test(2) : undefined;
    case "composer": {
      const i = positional(words, at + 1);
      const sub = words[i];
      const script = sub === "run" || sub === "run-script" ? words[positional(words, i + 1)] : sub;
      return script !== undefined && isTestName(script) ? test(sub === script ? 2 : 3) : undefined;
    }
    case "turbo":
    case "nx":
    case "lerna":
    case "rush":
    case "ultra":
    case "wireit":
    case "moon":
    case "npm-run-all":
    case "npm-run-all2":
    case "run-s":
    case "run-p":
    case "concurrently":
      return monorepoTests(words, at, nesting) ? test(Math.min(words.length - at, 4)) : undefined;
    case "npm":
    case "yarn":
    case "pnpm":
    case "bun":
      return packageManager(words, at, name, nesting);
    default:
      return undefined;
  }
}

/**
 * Containers built or started for tests: `docker build --target test` (a Dockerfile stage that runs
 * them), `docker compose -f docker-compose.test.yml up` (a file of test services).
 */
function containerTests(words: readonly string[], at: number): boolean {
  const rest = words.slice(at + 1);
  const target = rest.findIndex((w) => w === "--target" || w.startsWith("--target="));
  if (target !== -1 && rest.some((w) => w === "build")) {
    const value = rest[target]?.startsWith("--target=") ? rest[target]?.slice(9) : rest[target + 1];
    if (value !== undefined && isTestName(value)) return true;
  }
  const file = rest.findIndex((w) => w === "-f" || w === "--file");
  const compose = words[at] === "docker-compose" || rest.includes("compose");
  const composeFile = (rest[file + 1] ?? "").replace(/^.*\//, "").replace(/\.ya?ml$/i, "");
  return compose && file !== -1 && isTestName(composeFile) && rest.some((w) => w === "up" || w === "run");
}

/** Options of make, just and task that take a value (`-C dir`, `-f file`, `-j 4`). */
const TARGET_OPTIONS: ReadonlySet<string> = new Set(["-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs", "-l", "--load-average", "-d", "--dir", "--justfile", "--working-directory", "-t", "--taskfile", "-o", "-W", "-I", "--include-dir"]);
/** Options of `uv run`, `pdm run`… that take a value. */
const RUN_OPTIONS: ReadonlySet<string> = new Set(["--with", "--python", "-p", "--group", "--extra", "--env-file", "-e", "--environment", "--project", "--directory"]);

/** tox/nox with `-e`/`-s` naming only lint, docs or build environments run no tests; anything else (no list, a `${{ matrix }}`) does. */
function envsAreTests(words: readonly string[], from: number): boolean {
  const envs: string[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i] as string;
    const m = /^(?:-e|--env|-s|--session|--sessions|-k|-t|--tags)(?:=(.{1,500}))?$|^-[es](.{1,500})$/.exec(w);
    if (!m) continue;
    const value = m[1] ?? m[2] ?? words[++i] ?? "";
    envs.push(...value.split(/[,\s]+/).filter((e) => e !== ""));
  }
  if (envs.length === 0) return true;
  return envs.some((e) => e.includes("$") || !NON_TEST_ENV.test(e));
}

/** tox environments and nox sessions that lint, type-check, document or package. */
const NON_TEST_ENV = /^(?:lint|linters?|linting|flake8|pylint|ruff|mypy|pyright|pytype|type|types|typing|typecheck|docs?|docs-[\w-]{1,40}|format|fmt|black|isort|pre-commit|precommit|style|pep8|pycodestyle|pydocstyle|build|release|publish|upload|clean|bandit|security|safety|spell(?:ing|check)?|codespell|check-manifest|manifest|packaging|pkg|readme|changelog|linkcheck|bump|vulture|dev|venv|develop|sbom|audit|licenses?|zizmor|deps|requirements|lock)$/i;

/** `python -m pytest`, `python manage.py test`, `node --test`, `Rscript -e 'devtools::test()'`, `python tests/run.py`. */
function interpreted(words: readonly string[], at: number, name: string, nesting: number): CommandEffect | undefined {
  const test = (count: number): CommandEffect => ({ kind: "test", what: shown(words, at, count) });
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w === "--test" || w.startsWith("--test=") || w === "--experimental-test-coverage") return test(i - at + 1);
    if (w === "-m" && name !== "node") {
      const mod = words[i + 1] ?? "";
      if (mod === "coverage" || mod === "hatch" || mod === "tox" || mod === "nox" || mod === "pdm" || mod === "poetry") {
        if (mod === "tox" || mod === "nox") return envsAreTests(words, i + 2) ? test(i - at + 2) : undefined;
        if (mod === "hatch") return hatchTests(words, i + 1) ? test(i - at + 3) : undefined;
        // `python -m coverage run -m pytest`: what coverage runs is the rest.
        const rest = judge(["coverage", ...words.slice(i + 2)], MAX_NESTING);
        return rest?.kind === "test" ? test(i - at + 2) : undefined;
      }
      return TEST_MODULES.has(mod) ? test(i - at + 2) : undefined;
    }
    if (SHELLS.has(name)) {
      // `bash -c "npm test"`: the code is a command line of its own; `-e`, `-x`, `-o pipefail` are options.
      if (w === "-c" || w === "-Command" || w === "-command") return nesting < MAX_NESTING ? commandEffects(words[i + 1] ?? "", nesting + 1).find((e) => e.kind === "test") : undefined;
      if (w === "-o" || w === "+o") i++;
      if (w.startsWith("-") || w.startsWith("+")) continue;
    } else if (w === "-e" || w === "-c" || w === "--eval") {
      return TEST_CODE.test(words[i + 1] ?? "") ? test(i - at + 1) : undefined;
    }
    if (w.startsWith("-")) {
      // Options with a separate value (`ruby -I test`, `python -W error`, `node -r ts-node/register`).
      if (/^-(?:[IWXr]|-require|-import|-loader)$/.test(w)) i++;
      continue;
    }
    const base = commandName(w);
    if (RUNNERS.has(base.replace(/\.(?:js|cjs|mjs|php|py)$/, "")) || isTestPath(w)) return test(i - at + 1);
    // A script given a test command: `python manage.py test`, `python setup.py test`, `php artisan test`, `python dev.py test`.
    const arg = words[i + 1];
    if (arg !== undefined && !arg.startsWith("-") && (isTestName(arg) || arg === "nosetests")) return test(i - at + 2);
    return SHELLS.has(name) && !/[$:=]/.test(w) ? { kind: "script-file", what: shown(words, at, i - at + 1), path: w } : undefined;
  }
  return undefined;
}

/** `cargo test`, `cargo +nightly nextest run`, `cargo llvm-cov`, `cargo hack test`; not `cargo test --no-run`. */
function cargo(words: readonly string[], at: number): CommandEffect | undefined {
  if (words.includes("--no-run")) return undefined;
  let i = at + 1;
  while (i < words.length && ((words[i] as string).startsWith("+") || (words[i] as string).startsWith("-"))) i += words[i] === "-Z" || words[i] === "--color" || words[i] === "--config" ? 2 : 1;
  const sub = words[i];
  const test = (): CommandEffect => ({ kind: "test", what: shown(words, at, i - at + 1) });
  if (sub === "test" || sub === "t" || sub === "tarpaulin" || sub === "nextest") return test();
  if (sub === "llvm-cov") return ["report", "show-env", "clean"].includes(words[i + 1] ?? "") ? undefined : test();
  if (sub === "miri" || sub === "hack" || sub === "insta" || sub === "careful" || sub === "all-features" || sub === "xtask" || sub === "make" || sub === "cranky" || sub === "mutants") {
    return sub === "mutants" || words.slice(i + 1).some((w) => w === "test" || w === "nextest" || (sub !== "hack" && isTestName(w))) ? test() : undefined;
  }
  return undefined;
}

/** Maven options that take a separate value. */
const MAVEN_VALUES: ReadonlySet<string> = new Set(["-pl", "--projects", "-f", "--file", "-s", "--settings", "-gs", "--global-settings", "-P", "--activate-profiles", "-rf", "--resume-from", "-T", "--threads", "-b", "--builder", "-l", "--log-file", "-t", "--toolchains", "-D", "-e", "-am"]);

/** Maven runs the tests in every lifecycle phase from `test` on, unless they are skipped; without a goal, the POM's default goal decides. */
function maven(words: readonly string[], at: number): CommandEffect | undefined {
  if (words.some((w) => /^-D(?:skipTests|maven\.test\.skip)(?:=true)?$/.test(w))) return undefined;
  const goals = positionals(words, at + 1, new Set([...MAVEN_VALUES].filter((o) => o !== "-e" && o !== "-am")));
  if (goals.length === 0) {
    const file = words.findIndex((w, i) => i > at && (w === "-f" || w === "--file"));
    return { kind: "maven-default", what: shown(words, at, 1), pom: file === -1 ? "pom.xml" : (words[file + 1] ?? "pom.xml") };
  }
  return goals.some((g) => ["test", "verify", "install", "package", "integration-test", "deploy", "surefire:test", "failsafe:integration-test"].includes(g)) ? { kind: "test", what: shown(words, at, Math.min(words.length - at, 3)) } : undefined;
}

/** Gradle options that take a separate value. */
const GRADLE_VALUES: ReadonlySet<string> = new Set(["-x", "--exclude-task", "-p", "--project-dir", "-b", "--build-file", "-c", "--settings-file", "-g", "--gradle-user-home", "-I", "--init-script", "--console", "--warning-mode", "-D", "-P"]);

/** Gradle's `test`, `check` and `build` (which depends on check) and test tasks of their own (`testDebugUnitTest`, `:app:integrationTest`), unless excluded with `-x test`. */
function gradle(words: readonly string[], at: number): CommandEffect | undefined {
  const excluded = new Set<string>();
  for (let i = at + 1; i < words.length; i++) if (words[i] === "-x" || words[i] === "--exclude-task") excluded.add((words[i + 1] ?? "").replace(/^:/, ""));
  const tasks = positionals(words, at + 1, GRADLE_VALUES).map((t) => t.slice(t.lastIndexOf(":") + 1));
  const runs = tasks.some((t) => {
    if (t === "build" || t === "check") return !excluded.has("test") && !excluded.has("check");
    if (/^(?:connected\w{0,60}|allTests|\w{0,60}[Tt]ests?|test\w{0,60})$/.test(t) && !excluded.has(t)) return isTestName(t) || /^connected/.test(t);
    return false;
  });
  return runs ? { kind: "test", what: shown(words, at, Math.min(words.length - at, 3)) } : undefined;
}

/** Task runners judged by the targets they are given (`rake` alone runs its default task, usually the tests). */
function targetsTest(words: readonly string[], at: number, name: string): boolean {
  const targets = positionals(words, at + 1, TARGET_OPTIONS).map((t) => t.replace(/^(?:\.\/)?[\w./-]{0,200}\+/, ""));
  if (name === "rake") return targets.length === 0 || targets.some((t) => isTestName(t) || ["default", "ci", "features", "cucumber"].includes(t));
  if (name === "xcodebuild") return words.slice(at + 1).some((w) => w === "test" || w === "test-without-building");
  if (name === "fastlane") return targets.some((t) => isTestName(t) || t === "scan");
  if (name === "ninja") return targets.some((t) => isTestName(t, true));
  return targets.some((t) => isTestName(t));
}

/** `hatch test`, `hatch run test:cov`, `hatch run +py=3.12 tests:run`. */
function hatchTests(words: readonly string[], at: number): boolean {
  const i = positional(words, at + 1, new Set(["-e", "--env"]));
  if (words[i] === "test") return true;
  if (words[i] !== "run") return false;
  const script = positionals(words, i + 1).find((w) => !w.startsWith("+"));
  return script !== undefined && isTestName(script);
}

/** Monorepo and script runners given task names (`turbo run test`, `nx run-many -t lint,test`, `run-s test:*`, `concurrently "npm:test"`). */
function monorepoTests(words: readonly string[], at: number, nesting: number): boolean {
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith("-")) {
      const m = /^(?:--targets?|-t)=(.{1,500})$/.exec(w);
      if (m && (m[1] ?? "").split(",").some((t) => isTestName(t))) return true;
      if (MONOREPO_VALUES.has(w)) i++;
      continue;
    }
    const value = w;
    if (/\s/.test(value.trim()) && nesting < MAX_NESTING && commandEffects(value, nesting + 1).some((e) => e.kind === "test")) return true;
    if (value.split(/[,\s]+/).some((t) => isTestName(t.replace(/^(?:npm|yarn|pnpm|bun):/, "").replace(/^[\w@/.-]{0,200}:(?=test)/, "")))) return true;
  }
  return false;
}

/** Options of monorepo runners whose value names packages, not tasks (`--filter test-utils`). */
const MONOREPO_VALUES: ReadonlySet<string> = new Set(["--filter", "-F", "--scope", "--ignore", "--projects", "-p", "--project", "--exclude", "--since", "--base", "--head", "--concurrency", "--output-logs", "--cache-dir", "--log-order", "--graph", "--parallel", "--configuration", "-c", "--names", "-n", "--prefix", "--prefix-colors"]);

/** Built-in commands of the package managers, which are not script names (`yarn install`, `pnpm add`). */
const PM_BUILTINS = new Set([
  "install", "i", "ci", "add", "remove", "rm", "uninstall", "update", "up", "upgrade", "audit", "outdated", "list", "ls", "link", "unlink", "pack",
  "publish", "version", "config", "cache", "init", "create", "info", "view", "why", "dedupe", "prune", "rebuild", "store", "setup", "env", "bin",
  "global", "licenses", "login", "logout", "owner", "tag", "team", "import", "patch", "plugin", "set", "constraints", "node", "dlx", "exec", "x",
  "explain", "fetch", "approve-builds", "pm", "doctor", "whoami", "help", "self-update", "autoclean", "generate-lock-entry",
]);
/** Options of npm, yarn, pnpm and bun that take a separate value. */
const PM_VALUES: ReadonlySet<string> = new Set(["--prefix", "-C", "--dir", "--cwd", "-w", "--workspace", "--filter", "-F", "--loglevel", "--reporter", "--registry", "--cache"]);

/** `npm test`, `yarn test:unit`, `pnpm -r test`, `bun test`; a script named otherwise is returned to be read from package.json. */
function packageManager(words: readonly string[], at: number, name: string, nesting: number): CommandEffect | undefined {
  let dir: string | undefined;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i] as string;
    const m = /^(?:--prefix|-C|--dir|--cwd)(?:=(.{1,300}))?$/.exec(w);
    if (m) dir = m[1] ?? words[i + 1];
  }
  const i = positional(words, at + 1, PM_VALUES);
  let sub = words[i];
  if (sub === undefined) return undefined;
  const test = (count: number): CommandEffect => ({ kind: "test", what: shown(words, at, count) });
  if (["test", "t", "tst", "it", "cit", "install-test", "install-ci-test", "clean-install-test"].includes(sub)) return test(i - at + 1);
  // `yarn workspaces foreach -A run test`, `yarn workspace app test`, `pnpm recursive run test`.
  let j = i;
  if (sub === "workspaces" || sub === "workspace" || sub === "recursive" || sub === "-r") {
    j = positional(words, i + 1, new Set(["--exclude", "--include", "--from", "-j", "--jobs"]));
    if (sub === "workspace") j = positional(words, j + 1);
    if (words[j] === "foreach" || words[j] === "run") j = positional(words, j + (words[j] === "foreach" ? 1 : 0), new Set(["--exclude", "--include", "--from", "-j", "--jobs"]));
    sub = words[j];
    if (sub === undefined) return undefined;
  }
  let script: string | undefined;
  if (sub === "run" || sub === "run-script" || sub === "rum" || sub === "urn") {
    j = positional(words, j + 1, PM_VALUES);
    script = words[j];
  } else if (sub === "test" || sub === "t") {
    return test(j - at + 1);
  } else if (name !== "npm" && !PM_BUILTINS.has(sub)) {
    script = sub;
  } else if (sub === "exec" || sub === "x" || sub === "dlx") {
    // `npm exec -- jest`, `yarn dlx vitest`: the command is what follows.
    const k = positional(words, j + 1, PM_VALUES);
    return k < words.length ? commandAt(words, k, nesting) : undefined;
  }
  if (name === "bun" && sub === "build") return undefined;
  if (script === undefined) return undefined;
  // `bun run test/foo.test.ts` names a file, not a script.
  if (isTestName(script) || (/[/\\]/.test(script) && isTestPath(script))) return test(j - at + 1);
  // `pnpm turbo run test`, `yarn vitest`: a name that is no script runs the package's binary.
  const bin = sub === script && !/[/\\]/.test(script) ? commandAt(words, j, nesting) : undefined;
  if (bin?.kind === "test") return bin;
  return { kind: "package-script", what: shown(words, at, j - at + 1), name: script, ...(dir !== undefined ? { dir } : {}) };
}
