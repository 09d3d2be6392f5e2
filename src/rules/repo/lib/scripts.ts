// Scripts a repository runs outside workflow files: shell scripts, Makefile targets and justfile
// recipes, parsed into units of command lines, and which of them a workflow `run:` line calls. The
// release and SAST rules read CI through these: `make release` publishes what its target does.

import type { FileEntry, RuleContext } from "../../types.js";
import { lineIndex, type LineIndex } from "../../../core/line-index.js";
import { commandLines } from "./release-commands.js";

/** One command line of a script with its place (1-based) in the file. */
export interface ScriptLine {
  text: string;
  line: number;
  column: number;
}

/** One runnable unit: a whole shell script, or one Makefile target / justfile recipe. */
export interface ScriptUnit {
  path: string;
  /** The target or recipe name; undefined for a whole script. */
  name?: string;
  /** Targets or recipes it depends on (run first). */
  deps: string[];
  lines: ScriptLine[];
}

/** Someone else's code: their scripts do not run this project's CI. */
export const FOREIGN_SCRIPT = /(?:^|\/)(?:node_modules|vendor|third_party|third-party|bower_components|testdata|fixtures|__fixtures__|examples?)\//;
const SHELL = /\.(?:sh|bash|zsh|fish|ps1)$/i;
const MAKEFILE = /(?:^|\/)(?:GNUmakefile|[Mm]akefile|[^/]{1,100}\.mk)$/;
const JUSTFILE = /(?:^|\/)\.?[Jj]ustfile$/;

/** True for a shell script, Makefile or justfile by its name. */
export function isScriptPath(path: string): boolean {
  return SHELL.test(path) || MAKEFILE.test(path) || JUSTFILE.test(path);
}

/** Script files of the project itself, release-named first, at most `max`. */
export function scriptFiles(files: readonly FileEntry[], max: number): FileEntry[] {
  const out = files.filter((f) => f.kind === "file" && !FOREIGN_SCRIPT.test(f.path) && isScriptPath(f.path));
  const score = (p: string) => (/release|publish|deploy|upload|dist/i.test(p) ? 0 : MAKEFILE.test(p) || JUSTFILE.test(p) ? 1 : 2);
  return out.sort((a, b) => score(a.path) - score(b.path) || (a.path < b.path ? -1 : 1)).slice(0, max);
}

/** The command lines of a block of script text starting at `base`; Make's `@`, `-`, `+` recipe prefixes dropped. */
function linesOf(body: string, base: number, index: LineIndex): ScriptLine[] {
  return commandLines(body).map((l) => ({ text: l.text.replace(/^([ \t]{0,1000})[@+-]{1,3}/, "$1 "), ...index.positionAt(base + l.offset) }));
}

/** `name [name…]: [deps…]` at the start of a line (not a variable assignment `x := y`, `x ::= y`). */
const RULE_HEAD = /^([A-Za-z0-9_.%/@-][A-Za-z0-9_.%/@ \t-]{0,200}?)[ \t]{0,20}:(?![:=])[ \t]{0,20}([^\n]*)$/;
/** Heads longer than this are not rules anyone writes; cutting them keeps RULE_HEAD's work per line bounded. */
const MAX_HEAD = 2_000;

/**
 * Makefile targets (recipes indented with a tab) or justfile recipes (indented with spaces or a
 * tab), each with its dependencies. Conditionals and variables are not evaluated; a recipe reads
 * as written.
 */
function recipeUnits(path: string, text: string, indent: "\t" | " "): ScriptUnit[] {
  const index = lineIndex(text);
  const starts = index.lineStarts();
  const units: ScriptUnit[] = [];
  let current: { names: string[]; deps: string[]; from: number; to: number } | undefined;
  const close = (): void => {
    if (!current) return;
    const lines = current.to > current.from ? linesOf(text.slice(current.from, current.to), current.from, index) : [];
    for (const name of current.names) units.push({ path, name, deps: current.deps, lines });
    current = undefined;
  };
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] as number;
    const to = i + 1 < starts.length ? (starts[i + 1] as number) - 1 : text.length;
    const line = text.slice(from, to).replace(/\r$/, "");
    const inRecipe = indent === "\t" ? line.startsWith("\t") : /^[ \t]/.test(line);
    if (current && (inRecipe || line.trim() === "" || /^[ \t]{0,100}#/.test(line))) {
      current.to = to;
      continue;
    }
    close();
    const head = line.startsWith("\t") ? null : RULE_HEAD.exec(line.slice(0, MAX_HEAD));
    if (!head) continue;
    const declared = (head[1] ?? "").split(/[ \t]+/).map((n) => n.replace(/^@/, "")).filter((n) => n !== "" && !n.startsWith("."));
    // A justfile recipe head is `name param…:`; a Makefile rule may name several targets.
    const names = indent === " " ? declared.slice(0, 1) : declared;
    if (names.length === 0) continue;
    // `target: deps ; recipe` puts a command on the head line itself.
    const rest = head[2] ?? "";
    const semi = rest.indexOf(";");
    const deps = (semi === -1 ? rest : rest.slice(0, semi)).replace(/\|.*$/, "").replace(/#.*$/, "");
    const depNames = deps.split(/[ \t]+/).filter((d) => /^[A-Za-z0-9_.%/@-]{1,200}$/.test(d) && !d.startsWith("."));
    const inlineAt = semi === -1 ? -1 : from + line.length - rest.length + semi + 1;
    current = { names, deps: depNames, from: inlineAt === -1 ? to + 1 : inlineAt, to };
  }
  close();
  return units;
}

/** A script's units: one per Makefile target or justfile recipe, or the whole shell script as one. */
export function parseScript(path: string, text: string): ScriptUnit[] {
  if (MAKEFILE.test(path)) return recipeUnits(path, text, "\t");
  if (JUSTFILE.test(path)) return recipeUnits(path, text, " ");
  return [{ path, deps: [], lines: linesOf(text, 0, lineIndex(text)) }];
}

/** Units reached by running `names` (their dependencies first), each once. */
export function closure(units: readonly ScriptUnit[], names: readonly string[]): ScriptUnit[] {
  const byName = new Map<string, ScriptUnit>();
  for (const u of units) if (u.name !== undefined && !byName.has(u.name)) byName.set(u.name, u);
  const out: ScriptUnit[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number): void => {
    if (seen.has(name) || depth > 32) return;
    seen.add(name);
    const u = byName.get(name);
    if (!u) return;
    for (const d of u.deps) visit(d, depth + 1);
    out.push(u);
  };
  for (const n of names) visit(n, 0);
  return out;
}

/** What a `run:` line calls among the repository's scripts. */
export interface ScriptCall {
  /** The script, Makefile or justfile path. */
  path: string;
  /** Targets or recipes named; empty means the default (the first one). */
  names: string[];
}

const SCRIPT_PATH = /(?:^|[\s;&|("'=}])\.?\/?((?:[\w.@+-]{1,100}\/){0,12}[\w.@+-]{1,100}\.(?:sh|bash|zsh|fish|ps1))(?=$|[\s;&|)"'])/g;
const MAKE_CALL = /(?:^|[\s;&|(])g?make((?:\s{1,5}(?:-[\w-]{1,40}(?:[= ][^\s;&|]{1,200})?|[A-Za-z0-9_.%/@-]{1,200}(?:=[^\s;&|]{0,200})?)){0,20})/;
const JUST_CALL = /(?:^|[\s;&|(])just((?:\s{1,5}(?:-[\w-]{1,40}|[A-Za-z0-9_-]{1,100})){0,20})/;

/** Joins `dir` and a relative path the way a shell would from that working directory. */
export function under(dir: string, rel: string): string {
  const parts = dir === "" || dir === "." ? [] : dir.replace(/^\.\/?/, "").replace(/\/+$/, "").split("/");
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

/**
 * The scripts a command line calls, resolved from the step's working directory: paths ending in a
 * script extension, `make [target…]` (with `-C dir` / `-f file`), `just [recipe…]`.
 */
export function scriptCalls(line: string, workingDir: string, has: (path: string) => boolean): ScriptCall[] {
  const out: ScriptCall[] = [];
  // Most lines call no script: skip the searches unless a word they need is there.
  if (!/\.(?:sh|bash|zsh|fish|ps1)\b|make|just/.test(line)) return out;
  for (const m of line.matchAll(SCRIPT_PATH)) {
    const p = under(workingDir, m[1] ?? "");
    if (has(p)) out.push({ path: p, names: [] });
  }
  const make = MAKE_CALL.exec(line);
  if (make) {
    const args = (make[1] ?? "").trim().split(/\s+/).filter((a) => a !== "");
    let dir = workingDir;
    let file: string | undefined;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "-C" || a === "--directory") dir = under(dir, args[++i] ?? "");
      else if (a.startsWith("-C") && a.length > 2) dir = under(dir, a.slice(2));
      else if (a === "-f" || a === "--file" || a === "--makefile") file = args[++i];
      else if (!a.startsWith("-") && !a.includes("=")) names.push(a);
    }
    const path = file !== undefined ? under(dir, file) : ["GNUmakefile", "makefile", "Makefile"].map((n) => under(dir, n)).find(has);
    if (path !== undefined && has(path)) out.push({ path, names });
  }
  const just = JUST_CALL.exec(line);
  if (just) {
    const names = (just[1] ?? "").trim().split(/\s+/).filter((a) => a !== "" && !a.startsWith("-"));
    const path = ["justfile", "Justfile", ".justfile"].map((n) => under(workingDir, n)).find(has);
    if (path !== undefined) out.push({ path, names });
  }
  return out;
}

/** The units a call runs: named targets with their dependencies, the first target by default, a whole script. */
export function unitsOf(call: ScriptCall, units: readonly ScriptUnit[]): ScriptUnit[] {
  if (units.length === 0) return [];
  if (units[0]?.name === undefined) return [...units];
  const names = call.names.length > 0 ? call.names : [units[0]?.name as string];
  return closure(units, names);
}

/**
 * Reads and parses scripts once per rule run. A script CI calls is evidence for the verdict, so
 * reading it is not optional: one nobody can read makes the rule incomplete.
 */
export class ScriptReader {
  private readonly parsed = new Map<string, Promise<ScriptUnit[]>>();
  constructor(private readonly ctx: RuleContext) {}

  /** The units of a script (empty when it cannot be read). */
  async units(path: string, optional = false): Promise<ScriptUnit[]> {
    // Reads are cached by the workspace; asking again as evidence records an unreadable script once.
    if (!optional) await this.ctx.readText(path);
    let p = this.parsed.get(path);
    if (!p) {
      p = this.ctx.readText(path, { optional: true }).then((f) => (f ? parseScript(path, f.text) : []));
      this.parsed.set(path, p);
    }
    return p;
  }
}
