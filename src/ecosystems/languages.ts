// Programming languages by file extension, a few file names, and a script's `#!` line, for the
// inventory summary the self-assessment's metadata cites. Markup, data and configuration formats are
// not languages here. What counts follows GitHub's linguist: documentation, vendored and generated
// files are left out; tests are the project's code and count.

import type { FileEntry } from "../core/files.js";

const BY_EXTENSION: Readonly<Record<string, string>> = {
  go: "Go", rs: "Rust", py: "Python", pyi: "Python", js: "JavaScript", mjs: "JavaScript", cjs: "JavaScript", jsx: "JavaScript",
  ts: "TypeScript", tsx: "TypeScript", mts: "TypeScript", cts: "TypeScript", java: "Java", kt: "Kotlin", kts: "Kotlin",
  scala: "Scala", sc: "Scala", groovy: "Groovy", rb: "Ruby", php: "PHP", cs: "C#", fs: "F#", vb: "Visual Basic", c: "C", h: "C",
  cc: "C++", cpp: "C++", cxx: "C++", hpp: "C++", hh: "C++", hxx: "C++", m: "Objective-C", mm: "Objective-C", swift: "Swift",
  dart: "Dart", ex: "Elixir", exs: "Elixir", erl: "Erlang", hrl: "Erlang", hs: "Haskell", ml: "OCaml", mli: "OCaml",
  clj: "Clojure", cljs: "Clojure", lua: "Lua", pl: "Perl", pm: "Perl", r: "R", jl: "Julia", sh: "Shell", bash: "Shell",
  zsh: "Shell", ksh: "Shell", bats: "Shell", fish: "fish", ps1: "PowerShell", psm1: "PowerShell", zig: "Zig", nim: "Nim", sol: "Solidity", cr: "Crystal", v: "V",
  tf: "HCL", hcl: "HCL", vue: "Vue", svelte: "Svelte", elm: "Elm", purs: "PureScript", rkt: "Racket", d: "D", f90: "Fortran",
};

const BY_NAME: Readonly<Record<string, string>> = { Dockerfile: "Dockerfile", Containerfile: "Dockerfile", Makefile: "Makefile", Rakefile: "Ruby", Gemfile: "Ruby" };

/** The programming language of a path by its name, or undefined for anything else. */
export function languageOf(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const byName = BY_NAME[base];
  if (byName) return byName;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const ext = base.slice(dot + 1);
  return BY_EXTENSION[ext] ?? BY_EXTENSION[ext.toLowerCase()];
}

/**
 * Paths linguist leaves out of a repository's languages (its documentation.yml, vendor.yml and the
 * commonest generated files), and hidden folders but `.github` (virtual environments, tool caches).
 * Two of linguist's vendor rules are not followed: a top-level `tools/` or `deps/` folder is more
 * often a project's own code than bundled C dependencies.
 */
const NOT_COUNTED =
  /^(?:docs?|man|examples|demos?|samples?|debian)\/|(?:^(?!\.github\/)|\/)\.[^/]*\/|(?:^|\/)(?:documentation|javadoc|groovydoc|vendors?|third[-_]?party|3rd[-_]?party|node_modules|bower_components|extern(?:al)?|dist|Godeps\/_workspace)\/|^(?:tests?|specs?)\/fixtures\/|(?:\.|-)min\.(?:js|css)$|\.d\.ts$|\.pb\.go$|_pb2(?:_grpc)?\.py$|(?:^|\/)(?:gradlew|mvnw|configure)$/i;

/** True when linguist counts a path towards the repository's languages: not documentation, vendored or generated. */
export function countsTowardsLanguages(path: string): boolean {
  return !NOT_COUNTED.test(path);
}

/** Folders whose extensionless files are programs even where the inventory has no executable bit (a checkout made on Windows). */
const PROGRAM_FOLDER = /(?:^|\/)(?:s?bin|libexec)\/[^/]+$/;

/**
 * True when a file's language may be told by its `#!` line: a file with no extension and no
 * language by name that is executable or kept in a bin or libexec folder (pyenv's libexec/pyenv-*).
 */
export function mayHaveShebang(f: FileEntry): boolean {
  if (f.kind !== "file") return false;
  const base = f.path.slice(f.path.lastIndexOf("/") + 1);
  return base.lastIndexOf(".") <= 0 && BY_NAME[base] === undefined && (f.executable || PROGRAM_FOLDER.test(f.path));
}

/** Bytes of a file read for its `#!` line: an interpreter path and its arguments fit. */
export const SHEBANG_BYTES = 256;

/** Interpreters by name, digits and what follows dropped (`python3.12` is `python`), as linguist names them. */
const BY_INTERPRETER: Readonly<Record<string, string>> = {
  sh: "Shell", bash: "Shell", dash: "Shell", ash: "Shell", ksh: "Shell", mksh: "Shell", pdksh: "Shell", zsh: "Shell", bats: "Shell",
  fish: "fish", python: "Python", pypy: "Python", ruby: "Ruby", jruby: "Ruby", perl: "Perl", php: "PHP", node: "JavaScript",
  nodejs: "JavaScript", deno: "TypeScript", "ts-node": "TypeScript", tsx: "TypeScript", lua: "Lua", luajit: "Lua", Rscript: "R",
  pwsh: "PowerShell", tclsh: "Tcl", wish: "Tcl", awk: "Awk", gawk: "Awk", mawk: "Awk", nawk: "Awk", groovy: "Groovy",
  elixir: "Elixir", escript: "Erlang", scala: "Scala", julia: "Julia", make: "Makefile", osascript: "AppleScript",
};

/**
 * The language a script's first line names (`#!/usr/bin/env bash`, `#!/bin/sh -e`,
 * `#!/usr/bin/env -S deno run`), or undefined. Reads at most SHEBANG_BYTES of the line.
 */
export function languageOfShebang(head: string): string | undefined {
  if (!head.startsWith("#!")) return undefined;
  const end = head.indexOf("\n");
  const words = head.slice(2, Math.min(end < 0 ? head.length : end, SHEBANG_BYTES)).trim().split(/\s+/);
  let program = words[0]?.slice((words[0]?.lastIndexOf("/") ?? -1) + 1) ?? "";
  if (program === "env") {
    // env's options (`-S`, `-i`, `--split-string`) and variable assignments come before the program.
    program = words.slice(1).find((w) => !w.startsWith("-") && !w.includes("=")) ?? "";
  }
  const name = /^[A-Za-z][\w+-]*?(?=\d|$)/.exec(program.replace(/\r$/, ""))?.[0] ?? "";
  return BY_INTERPRETER[name];
}
