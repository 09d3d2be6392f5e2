// Shell variables a `run:` script hands to an interpreter as code: `eval "$BODY"`, `bash -c "… $BODY"`,
// `python -c "print('$BODY')"`, `node -e`, `source <(echo "$BODY")`. Passing a value through `env:` keeps it
// out of the script's text, but these commands parse the value's text as code all the same.

import { quoteStateAt, RUNNER_VARIABLES } from "./shell.js";
import type { Site } from "./sites.js";
import { shellOf } from "./steps.js";
import { taintsOfAccess, writtenTaint, type Scope, type Taint } from "./taint.js";
import { worstTaint } from "./describe.js";

/** A variable whose value a command parses as code, with where its reference is in the script. */
export interface EvaluatedVariable {
  name: string;
  start: number;
  end: number;
  /** The command that parses it (`eval`, `bash -c`, `python -c`…). */
  command: string;
}

/**
 * Commands whose argument is code, at a command's start (not `./build.sh -c`): eval, a shell's `-c`, an interpreter's
 * `-c`/`-e`, and sourcing a process substitution.
 */
const EVAL_COMMAND = /(?<![\w./-])(?:eval\b|(?:ba|z|da|k)?sh[ \t]+(?:-[A-Za-z]{1,6}[ \t]+){0,3}-[A-Za-z]{0,5}c\b|python[0-9.]{0,4}[ \t]+(?:-[A-Za-z]{1,6}[ \t]+){0,3}-c\b|node(?:js)?[ \t]+(?:--?[\w-]{1,30}[ \t]+){0,3}(?:-e|--eval|-p|--print)\b|(?:perl|ruby)[ \t]+(?:-[A-Za-z]{1,6}[ \t]+){0,3}-[A-Za-z]{0,5}e\b|(?:source|\.)[ \t]+<\()/g;

/** Commands that evaluate code looked at in one script, and variable references in one command. */
const MAX_COMMANDS = 200;
const MAX_REFERENCES = 50;

/** Every variable of a POSIX shell script that a command there evaluates as code; a few dozen at most. */
export function evaluatedVariables(script: string): EvaluatedVariable[] {
  const out: EvaluatedVariable[] = [];
  const text = script.slice(0, 100_000);
  // quoteStateAt reads the script from its start: the commands and references looked at are bounded,
  // so a hostile script of thousands of quoted `eval` words stays linear in practice.
  let looked = 0;
  for (const m of text.matchAll(EVAL_COMMAND)) {
    if (out.length >= 50 || ++looked > MAX_COMMANDS) break;
    // Only a command the shell runs: not words inside a quoted string, a comment or a here-document.
    if (quoteStateAt(text, m.index) !== "none") continue;
    const command = m[0].replace(/[ \t]+/g, " ").replace(/ <\($/, " <(…)");
    const start = m.index + m[0].length;
    const end = commandEnd(text, start, m[0].endsWith("(") ? 1 : 0);
    let refs = 0;
    for (const v of text.slice(start, end).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]{0,100})/g)) {
      if (++refs > MAX_REFERENCES) break;
      const name = v[1] as string;
      const at = start + v.index;
      if (RUNNER_VARIABLES.has(name) || text[at - 1] === "\\") continue;
      // In single quotes the outer shell hands `$NAME` on as written: the inner interpreter reads the variable as a
      // value, not its text as code. eval parses its argument again, so there the reference expands all the same.
      if (!command.startsWith("eval") && quoteStateAt(text, at) === "single") continue;
      const close = v[0].startsWith("${") ? text.indexOf("}", at) : -1;
      out.push({ name, start: at, end: close > 0 && close - at < 300 ? close + 1 : at + v[0].length, command });
    }
  }
  return out;
}

/** Where the command whose arguments start at `from` ends: an unquoted newline, `;`, `&`, `|`, or the `)` closing `depth`. */
function commandEnd(text: string, from: number, depth: number): number {
  let quote: "'" | '"' | undefined;
  let parens = depth;
  for (let i = from; i < text.length && i < from + 4000; i++) {
    const c = text[i] as string;
    if (c === "\\" && quote !== "'") {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "(") parens++;
    else if (c === ")") {
      parens--;
      if (parens < 0 || (depth > 0 && parens === 0)) return i;
    } else if (parens === 0 && (c === "\n" || c === ";" || c === "&" || c === "|")) return i;
  }
  return Math.min(text.length, from + 4000);
}

/** POSIX shells, whose scripts evaluatedVariables reads. */
const POSIX = new Set(["bash", "sh", "zsh", "dash"]);

/**
 * The variables a step's `run:` script evaluates as code whose value someone outside the workflow chose: set in
 * `env:` (the step's, the job's, the workflow's, a composite action's caller's), written to GITHUB_ENV earlier, or
 * assigned in the script from such a value. Each with its worst taint.
 */
export function evaluatedTaints(site: Site, scope: Scope): (EvaluatedVariable & { taint: Taint })[] {
  const script = site.step.run?.value;
  if (script === undefined || !POSIX.has(shellOf(site.step, site.job, site.workflow))) return [];
  const out: (EvaluatedVariable & { taint: Taint })[] = [];
  for (const ev of evaluatedVariables(script)) {
    const taint = worstTaint([...taintsOfAccess(scope, ["env", ev.name], 0, `$${ev.name}`), ...writtenTaint(scope, `$${ev.name}`, 0, script)]);
    // The variable is the finding's subject: its own name is no hop worth repeating.
    if (taint) out.push({ ...ev, taint: { ...taint, via: taint.via[0] === `$${ev.name}` ? taint.via.slice(1) : taint.via } });
  }
  return out;
}
