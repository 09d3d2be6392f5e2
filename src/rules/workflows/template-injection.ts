import { Scalar } from "yaml";
import type { TextEdit } from "../../core/finding.js";
import type { Severity } from "../../core/severity.js";
import { accessPath, accountNameContext, DEFAULT_ENV_FOR, findExpressions, locallyCalledWorkflows, triggerReach, writerContext, type Expr, type Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction, usesName } from "./lib/actions-data.js";
import { reachOf, sourcePhrase, viaPhrase, worstTaint } from "./lib/describe.js";
import { at, clip, Findings, placeLabel, stepKey, stepLabel } from "./lib/report.js";
import { quoteStateAt } from "./lib/shell.js";
import { applies, eventsOf, loadInputs, type Site } from "./lib/sites.js";
import { shellOf, sinksOf, type Sink } from "./lib/steps.js";
import { evaluatedTaints } from "./lib/code-eval.js";
import { parsedOnce, scopeOf, taintsOfExpr, type Taint } from "./lib/taint.js";
import { GATED_CLAUSE, gatedSeverity, gateOf, ownBranchesGate } from "./lib/untrusted-code.js";
import { outsiderEvents } from "./lib/upstream.js";
import { addStepEnv } from "./lib/yaml-edit.js";

export const rule: Rule = {
  meta: {
    id: "workflows/template-injection",
    title: "Untrusted input expanded into a script",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "GitHub replaces `${{ … }}` in a `run:` script (or in `actions/github-script`'s `script:`) with the value's text before the shell or interpreter reads it. When that value is something outsiders write (an issue or pull request title, a branch name, a commit message, a comment), they can close the quote and append their own commands, which then run with the workflow's token and secrets. Values passed through `env:` and read as shell variables are not parsed as code, unless the script hands the variable to something that parses it: `eval \"$BODY\"`, `bash -c`/`sh -c`, `python -c`, `node -e`, `source <(…)`. Those are reported at the variable, rated as a direct expansion. An `inputs.*` value is rated by who chooses it. zizmor rates every string input high; here a reusable workflow's or composite action's string input is medium on its own (the caller decides whether outsiders' text reaches it), and each call this repository makes is judged with what it passes (critical for an issue title). A composite action kept under `.github/` that the repository's workflows use is judged only at those calls. An input only `workflow_dispatch` takes is low, since only people with write access dispatch a run. Typed inputs (`boolean`, `number`, `choice`, `environment`) are never reported. An input nothing declares is low, as zizmor rates it: no caller can pass it. A `repository_dispatch` payload (`github.event.client_payload`), arbitrary in zizmor's table, is medium: only a token with write access sends one, but what it carries often comes from elsewhere. zizmor also rates high every `github.*` context its table leaves out (`github.ref_name`, `github.ref`, `github.base_ref`, `github.actor`, `github.workflow`). Here they are not reported: on a fork's pull request `ref_name` is `<number>/merge` (the fork's branch is `github.head_ref`, which is reported); elsewhere it is a branch or tag that only people with push access create, who can already change the workflow. The same holds for the event's own refs and tags (`github.event.ref`, `release.tag_name`, `pull_request.base.ref`) and a `status` event's branches (`github.event.branches.*.name`). A login holds only letters, digits and hyphens, and a push's `pusher.name` is the pusher's login. An account's profile name (`github.event.issue.user.name`, `sender.name`) is its owner's free text, reported at medium confidence since webhook payloads seldom carry it. zizmor's table, generated from GitHub's webhook schemas, also calls arbitrary every string without a format, and structured (medium) every URL: logins, a repository's name and full name, SHAs, node ids, GitHub-made URLs (`html_url`), enums (`action`). No one can put shell syntax in those, and they are not reported. Free text only people with write access write (a label's or milestone's name, an issue's type, a requested team's name, a discussion category, a deployment's description) is high at most; an email address (a commit author's), which zizmor calls structured, is medium.",
    remediation:
      "Move the expression into the step's `env:` and read it as a quoted shell variable: `env: { TITLE: ${{ github.event.issue.title }} }` and `echo \"$TITLE\"` (PowerShell: `$env:TITLE`; github-script: `process.env.TITLE`). `assay fix` does this for `run:` scripts. Numbers, ids, SHAs and booleans are safe and not reported.",
    references: [
      { title: "GitHub: Security hardening, understanding the risk of script injections", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections" },
      { title: "GitHub Security Lab: Keeping your GitHub Actions and workflows secure, part 2 (untrusted input)", url: "https://securitylab.github.com/resources/github-actions-untrusted-input/" },
      { title: "zizmor: template-injection", url: "https://docs.zizmor.sh/audits/#template-injection" },
      { title: "CWE-94: Improper Control of Generation of Code", url: "https://cwe.mitre.org/data/definitions/94.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const found = new Findings();
    const fixes = new Map<unknown, TextEdit[] | null>();
    // Reusable workflows this repository's own workflows call: judged where they are called too.
    const calledHere = locallyCalledWorkflows(inputs.workflows, ctx);
    for (const site of inputs.sites) {
      const scope = scopeOf(site, inputs.actions);
      for (const sink of sinksOf(site.step)) {
        for (const f of findExpressions(sink.str.value)) {
          const e = parsedOnce(sink.str.node, f.inner);
          if (!e || inertJson(sink, e, sink.str.value, f.start, site)) continue;
          const taint = worstTaint(taintsOfExpr(scope, e, 0, f.inner));
          if (!taint) continue;
          const { severity, confidence, clause } = judge(site, taint, calledHere);
          const exprText = sink.str.value.slice(f.start, f.end);
          const span = sink.str.spanOf(f.start, f.end);
          const where = sink.kind === "run" ? "`run:` script" : `\`${sink.input}:\` input of ${sink.action}`;
          const fixEdits = sink.kind === "run" ? stepFix(site, sink, fixes, inputs.actions) : undefined;
          // The expression first; then its whole step, which zizmor's finding also spans, so a repository's
          // `# zizmor: ignore[template-injection]` written anywhere in the step (its `- name:` line, `run: |`) still holds.
          found.add(`${site.file}:${span.offset}`, {
            message: `${clip(exprText, 120)} expands ${sourcePhrase(taint)}${viaPhrase(taint)} into the ${where} of ${stepLabel(site.step)} (${placeLabel(site)})${clause}`,
            locations: [at(site.file, span), at(site.file, site.step.span)],
            snippet: clip(exprText, 200),
            severity,
            confidence,
            key: `${stepKey(site)}:${exprText}`,
            evidence: { source: taint.source, via: taint.via, capability: taint.capability, sink: sink.kind === "run" ? "run" : `${sink.action}:${sink.input}`, gate: gateOf(site.job, site.workflow?.jobs ?? []) ?? null },
            fix: fixText(site, sink, e, exprText, f.inner),
            ...(fixEdits ? { edits: fixEdits } : {}),
          });
        }
      }
      for (const ev of evaluatedTaints(site, scope)) {
        const { severity, confidence, clause } = judge(site, ev.taint, calledHere);
        const run = site.step.run as Str;
        const span = run.spanOf(ev.start, ev.end);
        const ref = run.value.slice(ev.start, ev.end);
        found.add(`${site.file}:${span.offset}`, {
          message: `${clip(ref, 120)} holds ${sourcePhrase(ev.taint)}${viaPhrase(ev.taint)}, and \`${ev.command}\` in the \`run:\` script of ${stepLabel(site.step)} (${placeLabel(site)}) evaluates the variable as code: passing it through \`env:\` does not help there${clause}`,
          locations: [at(site.file, span), at(site.file, site.step.span)],
          snippet: clip(ref, 200),
          severity,
          confidence,
          key: `${stepKey(site)}:${ev.command}:${ref}`,
          evidence: { source: ev.taint.source, via: ev.taint.via, capability: ev.taint.capability, sink: `run:${ev.command}`, gate: gateOf(site.job, site.workflow?.jobs ?? []) ?? null },
          fix: `do not hand the variable to \`${ev.command}\`: treat it as data (\`printf '%s\\n' "$${ev.name}"\`, or read it with \`process.env\`/\`os.environ\` in the script), and if it names a command, match it against a fixed list of allowed ones`,
        });
      }
    }
    found.flush(ctx);
  },
};

/** A label's name or description (`github.event.label.name`, `…labels.*.name`): text the repository's writers chose. */
const LABEL_TEXT = /(?:^|\.)(?:label|labels\.\*)\.(?:name|description)$/;

/** Actions whose code input is JavaScript. */
const JS_SINKS = ["actions/github-script", "cardinalby/js-eval-action"];

/**
 * True when `toJSON(…)` stands bare in JavaScript (`labels: ${{ toJSON(github.event.pull_request.labels.*.name) }}`,
 * nuxt's labeler): JSON is a JavaScript literal whose strings are escaped, so their text cannot leave it. Inside a
 * quoted string or a template literal (where `${…}` in the text would run) it can, and is judged as usual.
 */
function inertJson(sink: Sink, e: Expr, script: string, start: number, site: Site): boolean {
  if (sink.kind !== "input" || !JS_SINKS.includes(sink.action ?? "") || !(e.kind === "call" ? e.name === "tojson" : jsonOutput(e, site))) return false;
  const before = script.slice(0, start);
  const line = before.slice(before.lastIndexOf("\n") + 1);
  const odd = (text: string, quote: string): boolean => (text.split(quote).length - 1 - (text.split(`\\${quote}`).length - 1)) % 2 === 1;
  return !odd(before, "`") && !odd(line, "'") && !odd(line, '"');
}

/**
 * A step output its action writes as JSON: dorny/paths-filter's file lists with `list-files: json` (terraform's
 * changelog check), and github-script's `result` unless `result-encoding: string` (its README: JSON by default).
 */
function jsonOutput(e: Expr, site: Site): boolean {
  const parts = accessPath(e);
  if (!parts || parts[0] !== "steps" || parts[2] !== "outputs") return false;
  const step = site.steps.find((s) => s.id?.value.toLowerCase() === parts[1]);
  if (step === undefined) return false;
  if (parts[3] === "result" && parts.length === 4 && isAction(usesName(step.uses), "actions/github-script")) return step.with["result-encoding"]?.value.trim().toLowerCase() !== "string";
  return parts[3]?.endsWith("_files") === true && isAction(usesName(step.uses), "dorny/paths-filter") && step.with["list-files"]?.value.trim() === "json";
}

/**
 * How severe an expansion is. Behind a maintainer's approval (a label, an environment, a step that checks the
 * commenter's write access) it is still reported, as zizmor does, since text edited after the approval still
 * expands; it is said so and lowered one step, as dangerous-triggers lowers the same gate.
 */
/** What a finding says of a job that runs only for the repository's own branches. */
const SAME_REPO_CLAUSE = "the job runs only for this repository's own branches, whose authors can already push, so outsiders' text does not reach it";

function judge(site: Site, taint: Taint, calledHere: ReadonlySet<string>): { severity: Severity; confidence: "high" | "medium" | "low"; clause: string } {
  const reach = reachOf(site);
  const gate = site.job ? gateOf(site.job, site.workflow?.jobs ?? []) : undefined;
  const gated = gate === "approval";
  const clause = gated ? `${reach.clause} (${GATED_CLAUSE}: text edited after approval still expands)` : reach.clause;
  // A job kept to pull requests from this repository's own branches (`head.repo.full_name == github.repository`)
  // expands only what people who can push wrote: still a bug to fix, no longer a way in for outsiders. (A job kept to
  // `push` by its event name is already judged by the events it runs on.)
  if (site.job && ownBranchesGate(site.job, site.workflow?.jobs ?? [], site.step, site.steps) && taint.capability === "arbitrary" && triggerReach(outsiderEvents(eventsOf(site), site.root)) !== "maintainer") {
    return { severity: "medium", confidence: "high", clause: `${reach.clause} (${SAME_REPO_CLAUSE})` };
  }
  // A label's name is free text (zizmor's context table calls it arbitrary and rates it high), but only people with
  // write access create labels: an outsider cannot choose it, so it is high at most, never critical like an issue title.
  // So with a milestone's title, a discussion category, a deployment's description.
  if (taint.capability === "arbitrary" && (LABEL_TEXT.test(taint.source) || writerContext(taint.source.split(".")))) {
    const severity = gated ? gatedSeverity("high") : "high";
    const who = LABEL_TEXT.test(taint.source) ? "label names are free text, but only people with write access create labels" : "this is free text, but only people with write access write it";
    return { severity, confidence: "high", clause: `${clause}; ${who}` };
  }
  // An email address (a commit's author): git keeps whatever its author configured, but GitHub reports it with a shape,
  // and zizmor's table calls it structured and rates it medium.
  if (taint.capability === "arbitrary" && taint.structured) {
    return { severity: gated ? gatedSeverity("medium") : "medium", confidence: "high", clause: `${clause}; GitHub reports it as an email address, which leaves little room for shell syntax, though git does not check it` };
  }
  // zizmor's table calls an account's profile name arbitrary, and its owner types it; GitHub's webhook schemas list
  // the field, but most payloads leave it out, so the expansion may well be empty.
  if (taint.capability === "arbitrary" && accountNameContext(taint.source.split("."))) {
    return { severity: gated ? gatedSeverity(reach.severity) : reach.severity, confidence: "medium", clause: `${clause}; GitHub often leaves an account's name out of the payload, but when it is there its owner wrote it` };
  }
  // A source inferred from what a script reads (an artifact's file) is likelier to be wrong than a named context.
  if (taint.capability === "arbitrary") return { severity: gated ? gatedSeverity(reach.severity) : reach.severity, confidence: taint.inferred ? "medium" : "high", clause };
  if (taint.capability === "payload") return { severity: "medium", confidence: "medium", clause };
  // An input nothing declares expands to nothing a caller can set (GitHub refuses it in a reusable workflow's call, and
  // warns an action's caller): low, as zizmor rates an undeclared input, since it is most likely a typo.
  if (taint.undeclared) return { severity: "low", confidence: "low", clause: `; ${site.action ? `${site.file} does not declare this input` : "neither `workflow_call` nor `workflow_dispatch` declares this input"}, so no caller can pass it (a misspelt name?)` };
  // An input: who chooses it decides. A reusable workflow or an action on its own may be called with anything;
  // one this repository's workflows call is judged with what they pass where they call it, so on its own it is low.
  const exposed = !site.root || site.root.events.includes("workflow_call");
  if (exposed && site.root && calledHere.has(site.root.path)) return { severity: "low", confidence: "low", clause: "; this repository's workflows call it (judged there with what they pass), and other repositories may too" };
  return { severity: exposed ? "medium" : "low", confidence: exposed ? "medium" : "low", clause: exposed ? "; a caller may pass untrusted text" : "" };
}

/** The environment variable name a context access becomes (`github.event.issue.title` → `ISSUE_TITLE`). */
function envName(parts: readonly string[]): string | undefined {
  if (parts.includes("*")) return undefined;
  let rest = parts[0] === "github" && parts[1] === "event" ? parts.slice(2) : parts[0] === "github" ? parts.slice(1) : parts;
  if (rest[0] === "pull_request") rest = ["pr", ...rest.slice(1)];
  const name = rest.join("_").toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return /^[A-Z_][A-Z0-9_]{0,80}$/.test(name) ? name : undefined;
}

/** How to read a context in the script instead: an existing env var, a default one, or a new one to declare. */
function variableFor(e: Expr, inner: string): { name: string; declare: boolean } | undefined {
  const parts = accessPath(e);
  if (!parts) return undefined;
  // Environment variables keep the case they were written with (the expression's own text has it).
  if (parts[0] === "env" && parts.length === 2) {
    const written = /^\s*env\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(inner)?.[1];
    return written ? { name: written, declare: false } : undefined;
  }
  if (parts[0] === "github" && parts.length === 2 && DEFAULT_ENV_FOR[parts[1] as string]) return { name: DEFAULT_ENV_FOR[parts[1] as string] as string, declare: false };
  const name = envName(parts);
  return name ? { name, declare: true } : undefined;
}

function fixText(site: Site, sink: Sink, e: Expr, exprText: string, inner: string): string {
  const v = variableFor(e, inner);
  const name = v?.name ?? "VALUE";
  // A container's shell reads the step's `env:` too: single quotes keep `$NAME` for it to expand as a value.
  if (sink.kind === "input" && sink.action?.startsWith("docker://")) {
    return `pass the value through env and let the container's shell read the variable:\n\nenv:\n  ${name}: ${exprText}\nwith:\n  ${sink.input}: -c 'echo "$${name}"'`;
  }
  if (sink.kind === "input") {
    return `pass the value through env and read it from the environment in the script:\n\nenv:\n  ${name}: ${exprText}\nwith:\n  ${sink.input}: |\n    … process.env.${name} …`;
  }
  const shell = shellOf(site.step, site.job, site.workflow);
  const ref = shell === "pwsh" || shell === "powershell" ? `$env:${name}` : shell === "cmd" ? `%${name}%` : `"$${name}"`;
  const declare = v?.declare === false ? "" : `env:\n  ${name}: ${exprText}\n`;
  return `read it from the environment instead of expanding it into the script:\n\n${declare}run: … ${ref} …`;
}

/**
 * Every injected expression of a step's `run:` script moved into its `env:` in one edit set, so
 * fixing several findings of one step adds one `env:` block. Undefined when the step cannot be
 * rewritten safely (an unknown shell, quoting it cannot follow, an expression it cannot name).
 */
function stepFix(site: Site, sink: Sink, cache: Map<unknown, TextEdit[] | null>, actions: Parameters<typeof scopeOf>[1]): TextEdit[] | undefined {
  const cached = cache.get(site.step.node);
  if (cached !== undefined) return cached ?? undefined;
  const edits = buildStepFix(site, sink, actions);
  cache.set(site.step.node, edits ?? null);
  return edits;
}

function buildStepFix(site: Site, sink: Sink, actions: Parameters<typeof scopeOf>[1]): TextEdit[] | undefined {
  const run = sink.str;
  const shell = shellOf(site.step, site.job, site.workflow);
  const posix = ["bash", "sh", "zsh", "dash"].includes(shell);
  const pwsh = shell === "pwsh" || shell === "powershell";
  if (!posix && !pwsh) return undefined;
  const y = site.yaml;
  const scope = scopeOf(site, actions);
  const edits: TextEdit[] = [];
  const declared = new Map<string, string>();
  for (const f of findExpressions(run.value)) {
    const e = parsedOnce(run.node, f.inner);
    if (!e || taintsOfExpr(scope, e).length === 0) continue;
    const v = variableFor(e, f.inner);
    if (!v) return undefined;
    const exprText = run.value.slice(f.start, f.end);
    const span = run.spanOf(f.start, f.end);
    if (y.text.slice(span.offset, span.endOffset) !== exprText) return undefined;
    let replacement: string;
    if (posix) {
      const state = quoteStateAt(run.value, f.start);
      if (state === "none") replacement = `"\${${v.name}}"`;
      else if (state === "double" || state === "heredoc") replacement = `\${${v.name}}`;
      else if (state === "single") replacement = `'"\${${v.name}}"'`;
      else return undefined;
    } else {
      if (run.value[f.start - 1] === "'") return undefined;
      replacement = `$env:${v.name}`;
    }
    const encoded = encodeFor(run, replacement, span.offset);
    if (encoded === undefined) return undefined;
    edits.push({ path: site.file, offset: span.offset, replace: exprText, with: encoded });
    if (v.declare) {
      const existing = site.step.env[v.name];
      if (existing && existing.value.trim() !== exprText.trim()) return undefined;
      if (!existing) declared.set(v.name, exprText);
    }
  }
  if (edits.length === 0) return undefined;
  if (declared.size > 0) {
    const env = addStepEnv(site.file, y, site.step.node, [...declared].map(([k, v]) => [k, quoteYaml(v)]));
    if (!env) return undefined;
    edits.push(env);
  }
  return edits;
}

/** The replacement text as it must be written inside this scalar's style; undefined when that style cannot take it. */
function encodeFor(run: Str, replacement: string, offset: number): string | undefined {
  const type = run.node.type;
  if (type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED) return replacement;
  if (type === Scalar.QUOTE_DOUBLE) return replacement.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  if (type === Scalar.QUOTE_SINGLE) return replacement.replace(/'/g, "''");
  // A plain scalar may not start with a quote: that would turn it into a quoted one.
  if (offset === run.span.offset) return undefined;
  return replacement;
}

/** A `${{ … }}` written as a YAML value: plain when safe, else single-quoted. */
function quoteYaml(v: string): string {
  return /^\$\{\{[^'#\n]*\}\}$/.test(v) && !/: /.test(v) ? v : `'${v.replace(/'/g, "''")}'`;
}

