import type { ShellCommand } from "./split.js";

// The values a script gives its variables by plain assignment, so that a detection can read
// `"$PIP" install …` after `PIP="$VENV/bin/pip"` as the pip install it is. Nothing is expanded:
// a value is kept as written, and a value the script computes (`$(which pip)`, `+=`, a `for`
// loop, `read`) is recorded as unknown, so that a reference to it never resolves.

/** One assignment of a variable: its value as written, or undefined when the script computes it. */
export interface Assignment {
  name: string;
  value: string | undefined;
  /** Offset of the assignment in the script; -1 for a value set before the script runs (a Makefile variable). */
  at: number;
}

const DECLARE = new Set(["export", "local", "readonly", "declare", "typeset"]);
/** Words that open a body (`then PIP=…`): the assignment follows them. */
const BODY = new Set(["do", "then", "else", "{"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,100}$/;

/** The assignments of a list of commands (give it every command, nested ones included), in script order. */
export function shellAssignments(commands: readonly ShellCommand[]): Assignment[] {
  const out: Assignment[] = [];
  for (const cmd of commands) {
    const w = cmd.words;
    const first = w[0]?.value ?? "";
    if ((first === "for" || first === "select") && w[1] && NAME.test(w[1].value)) {
      out.push({ name: w[1].value, value: undefined, at: cmd.start });
      continue;
    }
    if (first === "read") {
      for (const x of w.slice(1)) if (NAME.test(x.value)) out.push({ name: x.value, value: undefined, at: cmd.start });
      continue;
    }
    let i = 0;
    while (BODY.has(w[i]?.value ?? "")) i++;
    if (DECLARE.has(w[i]?.value ?? "")) {
      i++;
      while (w[i]?.value.startsWith("-")) i++;
    }
    const rest = w.slice(i);
    const assigns = rest.map((x) => /^([A-Za-z_][A-Za-z0-9_]{0,100})(\+?)=(.*)$/s.exec(x.value));
    // `A=1 cmd` sets A for cmd only; only a command made of assignments sets them for what follows.
    if (rest.length === 0 || assigns.some((m) => m === null)) continue;
    rest.forEach((x, k) => {
      const m = assigns[k] as RegExpExecArray;
      const name = m[1] as string;
      const literal = m[2] === "" && x.subs.length === 0 && !/[`*?[]/.test(m[3] as string);
      out.push({ name, value: literal ? defaultOf(name, m[3] as string) : undefined, at: cmd.start });
    });
  }
  return out;
}

/** `V=${V:-latest}` gives V the default when it is unset: the default is what the script runs with. */
function defaultOf(name: string, value: string): string {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]{0,100}):?[-=]([^${}`]{0,200})\}$/.exec(value);
  return m && m[1] === name ? (m[2] as string) : value;
}

/**
 * The value of variable `name` where a command at `before` reads it: only when the script sets it
 * before that point and every assignment of it (anywhere) gives one and the same written value.
 * Two branches that set it differently, or one computed value, leave it unknown.
 */
export function valueOf(assignments: readonly Assignment[], name: string, before: number): string | undefined {
  let value: string | undefined;
  let setBefore = false;
  // A variable set over and over is computed in all but name; the bound also keeps look-ups linear.
  if (assignments.length > 64) return undefined;
  for (const a of assignments) {
    if (a.name !== name) continue;
    if (a.value === undefined || (value !== undefined && a.value !== value)) return undefined;
    value = a.value;
    if (a.at < before) setBefore = true;
  }
  return setBefore ? value : undefined;
}

/** Assignments grouped by variable, for repeated look-ups in a long script. */
export function byName(assignments: readonly Assignment[]): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const list = out.get(a.name);
    if (list) list.push(a);
    else out.set(a.name, [a]);
  }
  return out;
}

/** The variable a word consisting of one reference names (`$PIP`, `${PIP}`, and make's `$(PIP)`), else undefined. */
export function referenceName(word: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]{0,100})\}|\(([A-Za-z_][A-Za-z0-9_]{0,100})\)|([A-Za-z_][A-Za-z0-9_]{0,100}))$/.exec(word);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Makefile variables set outside recipes (`V ?= latest`, `PIP := $(VENV)/bin/pip`); appends and `!=` shell values are unknown. */
export function makeAssignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  for (const line of text.split("\n", 100_000)) {
    if (line.startsWith("\t")) continue;
    const m = /^(?:(?:export|override)\s{1,20})?([A-Za-z_][A-Za-z0-9_]{0,100})\s{0,20}(\?|::?|\+|!)?=\s{0,20}([^\r#]{0,500}?)\s{0,20}(?:#.{0,500})?\r?$/.exec(line);
    if (!m) continue;
    const op = m[2] ?? "";
    const value = m[3] as string;
    out.push({ name: m[1] as string, value: op === "+" || op === "!" || value.endsWith("\\") ? undefined : value, at: -1 });
  }
  return out;
}

/**
 * The values `for NAME in a b c; do … done` gives its variable, for each command of the loop's body
 * (give it the commands in script order). Items the shell would expand (`$PKGS`, globs) are dropped:
 * only what is written out is known.
 */
export function loopValues(commands: readonly ShellCommand[]): Map<ShellCommand, ReadonlyMap<string, readonly string[]>> {
  const out = new Map<ShellCommand, ReadonlyMap<string, readonly string[]>>();
  // One entry per open `do … done` body (while and until loops too, to match each `done`).
  const open: (readonly [string, readonly string[]] | undefined)[] = [];
  for (const cmd of commands) {
    const w = cmd.words.map((x) => x.value);
    if (w[0] === "done") open.pop();
    if (w[0] === "while" || w[0] === "until" || w[0] === "for" || w[0] === "select") {
      const known = w[0] === "for" && w[1] !== undefined && NAME.test(w[1]) && w[2] === "in";
      open.push(known ? [w[1] as string, cmd.words.slice(3).filter((x) => !x.expands && !/[*?[]/.test(x.value)).map((x) => x.value)] : undefined);
      continue;
    }
    if (open.length > 64) break;
    const scope = new Map<string, readonly string[]>();
    for (const o of open) if (o) scope.set(o[0], o[1]);
    if (scope.size > 0) out.set(cmd, scope);
  }
  return out;
}
