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
// A pull request or issue fetched through the API (`const { data: pr } = await github.rest.pulls.get(…)`, or
// `const pr = (await github.rest.pulls.get(…)).data`): its fields are the payload's, by the same names.
const API_DATA = /\b(?:const|let|var)[ \t]{1,10}(?:\{[ \t]{0,10}data[ \t]{0,10}:[ \t]{0,10}([A-Za-z_$][\w$]{0,60})[ \t]{0,10}\}|([A-Za-z_$][\w$]{0,60}))[ \t]{0,10}=[ \t]{0,10}\(?[ \t]{0,10}await[ \t]{1,10}github\.rest\.(pulls|issues)\.get\b([^;\n]{0,400})/g;

/**
 * The event payload field outsiders write that a github-script step's output `name` (lower-cased) is
 * computed from, as its context (`github.event.comment.body`); undefined when it is not, or when the
 * step is not github-script. Reads of fixed-shape fields (`context.payload.issue.number`) do not count.
 */
export function scriptOutputSource(step: Step, name: string): string | undefined {
  if (!isAction(usesName(step.uses), "actions/github-script")) return undefined;
  const script = (step.with["script"]?.value ?? "").slice(0, MAX_SCRIPT);
  if (!script.includes("context.payload") && !script.includes("github.rest.")) return undefined;
  const api = apiObjects(script);
  const tainted = taintedNames(script, api);
  for (const m of script.matchAll(SET_OUTPUT)) {
    if ((m[2] ?? "").toLowerCase() !== name) continue;
    const source = sourceOf(m[3] ?? "", tainted, api);
    if (source) return source;
  }
  // `result` is what the script returns; only a `return` at the script's own level is that value (one indented
  // inside a callback returns from the callback), so deeper ones are left out rather than guessed at.
  if (name === "result") {
    for (const m of script.matchAll(TOP_RETURN)) {
      const source = sourceOf(m[1] ?? "", tainted, api);
      if (source) return source;
    }
  }
  return undefined;
}

/** A variable holding a pull request or an issue fetched through the API, and how its fields are read. */
interface ApiObject {
  /** The payload path it mirrors: `pull_request`, `issue`, or none for the whole payload. */
  object: readonly string[];
  /** Reads of its fields: the variable (then `.data` for a whole response) and the field path in group 1. */
  read: RegExp;
}

/**
 * Variables holding a pull request or an issue fetched through the API (`pulls.get`, `issues.get`), whose fields are
 * the payload's by the same names. `const { data: pr } = …` and `const pr = (await …).data` hold the object itself;
 * a plain `const res = await …` holds the response, whose `.data` is the object.
 */
function apiObjects(script: string): ApiObject[] {
  const out: ApiObject[] = payloadAliases(script);
  if (!script.includes("github.rest.")) return out;
  for (const m of [...script.matchAll(API_DATA)].slice(0, 50)) {
    const name = (m[1] ?? m[2] ?? "").replace(/\$/g, "\\$");
    const whole = m[1] !== undefined || /\)[ \t]{0,10}\)[ \t]{0,10}\.data\b/.test(m[4] ?? "");
    // Bounded repetition over a dotted path: linear on any text.
    out.push({ object: [m[3] === "pulls" ? "pull_request" : "issue"], read: new RegExp(`(?<![\\w$.])${name}${whole ? "" : "\\.data"}((?:\\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,8})`, "g") });
  }
  return out;
}

// `const pr = context.payload.pull_request;`: a variable holding a part of the payload, whose fields are read later.
const PAYLOAD_ALIAS = /\b(?:const|let|var)[ \t]{1,10}([A-Za-z_$][\w$]{0,60})[ \t]{0,10}=[ \t]{0,10}context\.payload((?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){0,6})[ \t]{0,10}(?:;|$)/gm;

/**
 * Variables holding the payload or a part of it (`const pr = context.payload.pull_request`, or destructured:
 * `const { pull_request: pr } = context.payload`): `pr.title` reads its title.
 */
function payloadAliases(script: string): ApiObject[] {
  const out: ApiObject[] = [];
  // Bounded repetition over a dotted path: linear on any text.
  const alias = (variable: string, object: string[]): void => void out.push({ object, read: new RegExp(`(?<![\\w$.])${variable.replace(/\$/g, "\\$")}((?:\\.[A-Za-z_][A-Za-z0-9_]{0,60}){1,8})`, "g") });
  for (const m of [...script.matchAll(PAYLOAD_ALIAS)].slice(0, 50)) alias(m[1] as string, (m[2] ?? "").split(".").filter((p) => p !== ""));
  for (const { object, key, variable } of destructuredEntries(script)) {
    // A field that is itself outsider text is a tainted name (destructured); any other is an object whose fields are read later.
    if (!payloadSource([...object, key])) alias(variable, [...object, key]);
  }
  return out;
}

/** Each variable the script assigns from an outsider's payload field, directly or through other such variables. */
function taintedNames(script: string, api: readonly ApiObject[]): Map<string, string> {
  const assignments = [...script.matchAll(ASSIGNMENT)].slice(0, 2000).map((m) => [m[1] as string, m[2] as string] as const);
  const tainted = destructured(script);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let grew = false;
    for (const [id, rhs] of assignments) {
      if (tainted.has(id)) continue;
      const source = sourceOf(rhs, tainted, api);
      if (source) {
        tainted.set(id, source);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return tainted;
}

// `const { title, body: text } = context.payload.pull_request;`: names bound to fields of the payload.
const DESTRUCTURE = /\b(?:const|let|var)[ \t]{0,10}\{([^{}\n]{1,400})\}[ \t]{0,10}=[ \t]{0,10}context\.payload((?:\.[A-Za-z_][A-Za-z0-9_]{0,60}){0,6})\b/g;

/** The entries of every destructuring of the payload: the object destructured, the key read and the variable bound. */
function destructuredEntries(script: string): { object: string[]; key: string; variable: string }[] {
  const out: { object: string[]; key: string; variable: string }[] = [];
  for (const m of [...script.matchAll(DESTRUCTURE)].slice(0, 50)) {
    const object = (m[2] ?? "").split(".").filter((p) => p !== "");
    for (const entry of (m[1] as string).split(",").slice(0, 50)) {
      // `key`, `key: name` or `key = default`: the field read is the key, the variable its name.
      const e = /^[ \t]{0,20}([A-Za-z_$][\w$]{0,60})[ \t]{0,10}(?::[ \t]{0,10}([A-Za-z_$][\w$]{0,60}))?/.exec(entry);
      if (e) out.push({ object, key: e[1] as string, variable: e[2] ?? (e[1] as string) });
    }
  }
  return out;
}

/** Variables destructured from the payload that hold an outsider's field (`const { title } = context.payload.pull_request`). */
function destructured(script: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { object, key, variable } of destructuredEntries(script)) {
    const source = payloadSource([...object, key]);
    if (source) out.set(variable, source);
  }
  return out;
}

/** The outsider-written field a payload path names (`comment.body`, read on into `comment.body.split`), as its context. */
function payloadSource(path: readonly string[]): string | undefined {
  // The read may go on into a method of the field (`comment.body.split`): the longest field the table knows counts.
  for (let n = path.length; n >= 1; n--) {
    const { capability, prefix } = contextCapability(["github", "event", ...path.slice(0, n).map((p) => p.toLowerCase())]);
    if (capability === "arbitrary" && !prefix) return `github.event.${path.slice(0, n).join(".")}`;
    if (capability === "arbitrary" || capability === "fixed") break;
  }
  return undefined;
}

/** The outsider-written context an expression's text reads, itself or through a tainted variable or an API object. */
function sourceOf(text: string, tainted: ReadonlyMap<string, string>, api: readonly ApiObject[] = []): string | undefined {
  for (const m of text.matchAll(PAYLOAD_READ)) {
    const source = payloadSource((m[1] ?? "").slice(1).split("."));
    if (source) return source;
  }
  for (const { object, read } of api) {
    for (const m of text.matchAll(read)) {
      const source = payloadSource([...object, ...(m[1] ?? "").slice(1).split(".")]);
      if (source) return source;
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
