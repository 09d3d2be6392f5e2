// What an `actions/github-script` step puts in its outputs: a slash-command bot parses the comment in
// JavaScript (`const args = context.payload.comment.body.split(" ")`) and hands a word of it on with
// `core.setOutput("chart", args[0])`; a later `run: CHART="${{ steps.cmd.outputs.chart }}"` then expands
// the commenter's text into a shell script. This follows values through plain assignments only.
import { contextCapability } from "../../../ecosystems/github-actions/index.js";
import type { Step } from "../../../ecosystems/github-actions/index.js";
import { isAction, usesName } from "./actions-data.js";

/** Longest script read: github-script bodies are short; a huge one is not worth a slow scan. */
const MAX_SCRIPT = 100_000;
/** Passes over the assignments: each pass carries taint one assignment further. */
const MAX_PASSES = 8;

// Bounded repetitions over disjoint classes: linear on any text.
const PAYLOAD_READ = /\bcontext\.payload((?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,8})/g;
const ASSIGNMENT = /(?:^|[;{(\s])(?:const|let|var)?[ \t]{0,10}([A-Za-z_$][\w$]{0,60})[ \t]{0,10}=(?![=>])([^;\n]{1,400})/gm;
const SET_OUTPUT = /\bcore\.setOutput\([ \t]{0,10}(['"`])([^'"`\n]{1,100})\1[ \t]{0,10},([^\n]{0,400})/g;
const IDENTIFIER = /[A-Za-z_$][\w$]{0,60}/g;
const TOP_RETURN = /^return[ \t]{1,10}([^;\n]{1,400})/gm;
const QUOTED = /'[^'\n]{0,400}'|"[^"\n]{0,400}"/g;

/**
 * The event payload field outsiders write that a github-script step's output `name` (lower-cased) is
 * computed from, as its context (`github.event.comment.body`); undefined when it is not, or when the
 * step is not github-script. Reads of fixed-shape fields (`context.payload.issue.number`) do not count.
 */
export function scriptOutputSource(step: Step, name: string): string | undefined {
  if (!isAction(usesName(step.uses), "actions/github-script")) return undefined;
  const script = (step.with["script"]?.value ?? "").slice(0, MAX_SCRIPT);
  if (!script.includes("context.payload")) return undefined;
  const tainted = taintedNames(script);
  for (const m of script.matchAll(SET_OUTPUT)) {
    if ((m[2] ?? "").toLowerCase() !== name) continue;
    const source = sourceOf(m[3] ?? "", tainted);
    if (source) return source;
  }
  // `result` is what the script returns; only a `return` at the script's own level is that value (one indented
  // inside a callback returns from the callback), so deeper ones are left out rather than guessed at.
  if (name === "result") {
    for (const m of script.matchAll(TOP_RETURN)) {
      const source = sourceOf(m[1] ?? "", tainted);
      if (source) return source;
    }
  }
  return undefined;
}

/** Each variable the script assigns from an outsider's payload field, directly or through other such variables. */
function taintedNames(script: string): Map<string, string> {
  const assignments = [...script.matchAll(ASSIGNMENT)].slice(0, 2000).map((m) => [m[1] as string, m[2] as string] as const);
  const tainted = new Map<string, string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let grew = false;
    for (const [id, rhs] of assignments) {
      if (tainted.has(id)) continue;
      const source = sourceOf(rhs, tainted);
      if (source) {
        tainted.set(id, source);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return tainted;
}

/** The outsider-written context an expression's text reads, itself or through a tainted variable. */
function sourceOf(text: string, tainted: ReadonlyMap<string, string>): string | undefined {
  for (const m of text.matchAll(PAYLOAD_READ)) {
    const path = (m[1] ?? "").slice(1).split(".");
    // The read may go on into a method of the field (`comment.body.split`): the longest field the table knows counts.
    for (let n = path.length; n >= 1; n--) {
      const { capability, prefix } = contextCapability(["github", "event", ...path.slice(0, n).map((p) => p.toLowerCase())]);
      if (capability === "arbitrary" && !prefix) return `github.event.${path.slice(0, n).join(".")}`;
      if (capability === "arbitrary" || capability === "fixed") break;
    }
  }
  if (tainted.size === 0) return undefined;
  // Words inside quotes are text, not variables (`core.setOutput("cmd", "args")`).
  const code = text.replace(QUOTED, "''");
  // Property names after a dot are not variables (`x.body` reads x, not a variable named body).
  for (const m of code.matchAll(IDENTIFIER)) {
    const before = m.index === 0 ? "" : code[m.index - 1];
    if (before === ".") continue;
    const source = tainted.get(m[0]);
    if (source) return source;
  }
  return undefined;
}
