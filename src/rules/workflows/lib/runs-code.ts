// Whether a script runs code from the workspace, read command by command: a build tool, an
// interpreter or a `./x` program counts only where a command stands, so "npm" in a bucket URL or
// "go" in an echoed sentence runs nothing.
import { PIP_OPTIONS_WITH_VALUE } from "../../../ecosystems/pypi/pip-options.js";
import { allCommands, effectiveWords, programName, splitCommands, type ShellWord } from "../../../ecosystems/shell/split.js";

/** Programs that build, test or interpret what the workspace holds (its manifests, scripts, hooks). */
const BUILD_TOOLS = new Set([
  "npm", "npx", "yarn", "pnpm", "bun", "node", "deno", "pipx", "poetry", "uv", "tox", "nox", "pytest",
  "make", "cmake", "ninja", "meson", "gradle", "gradlew", "mvn", "mvnw", "ant", "sbt", "go", "cargo", "rustc",
  "bundle", "rake", "ruby", "gem", "composer", "php", "dotnet", "msbuild", "nuget", "swift", "xcodebuild", "mix",
  "elixir", "cabal", "stack", "docker", "podman", "bash", "sh", "zsh", "pwsh", "source", ".", "terraform", "helm",
  "ansible", "ansible-playbook", "pre-commit", "tsc", "jest", "vitest", "eslint", "webpack", "vite", "eval",
  // Checkers and site builders that load code the workspace's configuration names: mypy's `plugins`, pylint's
  // `init-hook` and `load-plugins`, flake8's local plugins, prettier's and stylelint's JavaScript configs, rubocop's
  // `require`, golangci-lint's plugin files, sphinx's conf.py, mkdocs' hooks, jekyll's _plugins.
  "mypy", "pylint", "flake8", "prettier", "stylelint", "rubocop", "golangci-lint", "sphinx-build", "mkdocs", "jekyll",
]);

/** `python`, `python3`, `python3.12` (the interpreter puts the working directory on its import path). */
const PYTHON = /^python(?:\d{1,2}(?:\.\d{1,3})?)?$/;
const PIP = /^pip(?:\d{1,2}(?:\.\d{1,3})?)?$/;


/**
 * A requirement pip resolves from an index: `requests`, `black[d]==24.1`, `"pytest>=8,<9"`. Each
 * clause is an operator, then a version that starts with no operator character and holds no
 * comma, so a word splits into clauses one way only (linear; `a==,=,=…` used to backtrack for
 * minutes).
 */
const REGISTRY_REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}(?:\[[A-Za-z0-9,._ -]{0,200}\])?(?:[<>=!~]={0,2}[^\s/,<>=!~][^\s/,]{0,99}(?:,[<>=!~]={0,2}[^\s/,<>=!~][^\s/,]{0,99}){0,5})?$/;

/** A `${{ }}` expression is replaced by this before splitting: its value is unknown, so it never reads as a name. */
const EXPR = "\u0001expr\u0001";

/** True when a script runs code from the workspace (a build, a test, an interpreter, a `./x` program, `eval "$(cat f)"`). */
export function runsWorkspaceCode(script: string): boolean {
  const text = script.slice(0, 100_000).replace(/\$\{\{[^}\n]{0,300}\}\}/g, EXPR);
  for (const { command } of allCommands(splitCommands(text))) {
    const words = effectiveWords(command);
    const first = words[0];
    if (!first) continue;
    const name = programName(first);
    // `./gradlew`, `../tools/run`: a program of the workspace, wherever it lives.
    if (/^\.{1,2}\//.test(first.value) || BUILD_TOOLS.has(name) || PYTHON.test(name)) return true;
    // `$(cat f)` where a command stands: the file's text becomes the command.
    if (first.subs.some((s) => s.commands.some((c) => programName(effectiveWords(c)[0]) === "cat"))) return true;
    if (PIP.test(name) && pipRunsWorkspace(words.slice(1))) return true;
  }
  return false;
}

/**
 * True when a pip command builds or reads something of the workspace: `pip install .`, `-e .`, `-r requirements.txt`,
 * a local wheel or folder, or a `--find-links` folder. `pip install requests` resolves from the index and runs none of it.
 * An argument whose value is unknown (an expansion, an expression) counts as local: evidence not read never passes.
 */
function pipRunsWorkspace(args: readonly ShellWord[]): boolean {
  const sub = args.find((w) => !w.value.startsWith("-"))?.value;
  if (sub !== "install" && sub !== "wheel" && sub !== "download") return false;
  const rest = args.slice(args.findIndex((w) => w.value === sub) + 1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as ShellWord;
    const v = w.value;
    if (/^(?:-r|--requirement|-e|--editable|-c|--constraint)(?:=|$)/.test(v) || /^-[rec]./.test(v)) return true;
    if (v === "-f" || v === "--find-links" || v.startsWith("--find-links=")) {
      const link = v.includes("=") ? v.slice(v.indexOf("=") + 1) : (rest[++i]?.value ?? "");
      if (!/^https?:\/\//.test(link)) return true;
      continue;
    }
    if (PIP_OPTIONS_WITH_VALUE.has(v)) {
      i++;
      continue;
    }
    if (v.startsWith("-")) continue;
    if (w.expands || v.includes(EXPR)) return true;
    // A URL (`git+https://…`) is fetched from elsewhere; anything else that is not a plain name is a path here.
    if (/^(?:git\+)?[a-z]{2,10}:\/\//.test(v)) continue;
    if (!REGISTRY_REQUIREMENT.test(v) || /\.(?:whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(v)) return true;
  }
  return false;
}
