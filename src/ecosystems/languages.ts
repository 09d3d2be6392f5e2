// Programming languages by file extension (and a few file names), for the inventory summary the
// self-assessment's metadata cites. Markup, data and configuration formats are not languages here.

const BY_EXTENSION: Readonly<Record<string, string>> = {
  go: "Go", rs: "Rust", py: "Python", pyi: "Python", js: "JavaScript", mjs: "JavaScript", cjs: "JavaScript", jsx: "JavaScript",
  ts: "TypeScript", tsx: "TypeScript", mts: "TypeScript", cts: "TypeScript", java: "Java", kt: "Kotlin", kts: "Kotlin",
  scala: "Scala", sc: "Scala", groovy: "Groovy", rb: "Ruby", php: "PHP", cs: "C#", fs: "F#", vb: "Visual Basic", c: "C", h: "C",
  cc: "C++", cpp: "C++", cxx: "C++", hpp: "C++", hh: "C++", hxx: "C++", m: "Objective-C", mm: "Objective-C", swift: "Swift",
  dart: "Dart", ex: "Elixir", exs: "Elixir", erl: "Erlang", hrl: "Erlang", hs: "Haskell", ml: "OCaml", mli: "OCaml",
  clj: "Clojure", cljs: "Clojure", lua: "Lua", pl: "Perl", pm: "Perl", r: "R", jl: "Julia", sh: "Shell", bash: "Shell",
  zsh: "Shell", ps1: "PowerShell", psm1: "PowerShell", zig: "Zig", nim: "Nim", sol: "Solidity", cr: "Crystal", v: "V",
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
