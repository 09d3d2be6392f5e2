import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { rejectConflictMarkers } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { lineIndex } from "../../core/line-index.js";

// rebar.lock (rebar3, Erlang's build tool; https://rebar3.org/docs/configuration/dependencies/#lock-files):
// an Erlang term, never evaluated. rebar3 3.5+ writes `{"1.2.0", [Deps]}.` followed by the
// `pkg_hash` lists; older ones the bare `[Deps].`. Each dependency is
// `{<<"app">>, Source, Level}`: Source `{pkg, <<"hex_name">>, <<"1.2.3">>}` (a Hex package, by
// its Hex name) or `{git, "url", {ref, "sha"}}` (a `git` package with no version); level 0 is a
// dependency the project's rebar.config declares. rebar3 wraps long terms over several lines.

/** Linear: every class bounded, no nesting of quantified groups over the same characters. */
const PKG = /\{\s{0,200}<<"([^"]{1,200})">>\s{0,200},\s{0,200}\{\s{0,200}pkg\s{0,200},\s{0,200}<<"([^"]{1,200})">>\s{0,200},\s{0,200}<<"([^"]{1,200})">>(?:\s{0,200},\s{0,200}<<"[^"]{0,200}">>){0,2}\s{0,200}\}\s{0,200},\s{0,200}(\d{1,4})\s{0,200}\}/g;
const GIT = /\{\s{0,200}<<"([^"]{1,200})">>\s{0,200},\s{0,200}\{\s{0,200}git(?:_subdir)?\s{0,200},\s{0,200}"([^"]{1,2000})"\s{0,200},\s{0,200}\{\s{0,200}ref\s{0,200},\s{0,200}"([0-9a-fA-F]{1,64})"\s{0,200}\}(?:\s{0,200},\s{0,200}"[^"]{0,500}")?\s{0,200}\}\s{0,200},\s{0,200}(\d{1,4})\s{0,200}\}/g;

/** Builds the lockfile from rebar.lock text. */
export function readRebarLock(text: string, path: string): Lockfile {
  const body = text.replace(/^\uFEFF/, "");
  rejectConflictMarkers(body, "resolve the conflict and run `rebar3 lock`");
  // Leading `%` comment lines aside, the term starts with `{"<version>",` or `[`.
  const start = /^(?:\s{0,200}%[^\n]{0,10000}\n)*\s{0,200}(\S?)/.exec(body)?.[1] ?? "";
  if (start !== "" && start !== "{" && start !== "[") throw new ParseFailure('not a rebar.lock: expected an Erlang term starting with {"1.2.0", or [', 1, 1);
  const lines = lineIndex(body);
  // Every term of the file ends with a full stop: a file cut short (a partial download, a merge
  // gone wrong) would otherwise give whichever entries happen to precede the cut.
  const trimmed = body.trimEnd();
  if (start !== "" && !trimmed.endsWith(".")) throw new ParseFailure("rebar.lock ends before its term does (no closing full stop): the file is truncated", lines.positionAt(trimmed.length).line, 1);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const found: { offset: number; add: () => void }[] = [];
  const set = new PackageSet("Hex", path);
  for (const m of body.matchAll(PKG)) {
    found.push({ offset: m.index, add: () => set.add({ name: m[2] as string, version: m[3] as string, line: lineOf(m.index), direct: m[4] === "0", source: "registry" }) });
  }
  for (const m of body.matchAll(GIT)) {
    const vcsUrl = gitVcsUrl(m[2] as string, m[3]);
    found.push({ offset: m.index, add: () => set.add({ name: m[1] as string, version: "", line: lineOf(m.index), direct: m[4] === "0", source: "git", ...(vcsUrl ? { vcsUrl } : {}) }) });
  }
  // In file order, so the list reads as the lockfile does.
  for (const f of found.sort((a, b) => a.offset - b.offset)) f.add();
  const version = /^(?:\s{0,200}%[^\n]{0,10000}\n)*\s{0,200}\{\s{0,200}"([^"]{1,20})"/.exec(body)?.[1];
  return set.lockfileOf(`rebar.lock${version ? `@${version}` : ""}`);
}

/** The parser for rebar.lock. */
export const rebarLockParser: Parser<Lockfile> = { id: "rebar.lock", parse: (file: TextFile) => readRebarLock(file.text, file.path) };
