import { Scalar } from "yaml";
import { findExpressions, isActionPath, isWorkflowPath, workflowFiles } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";
import { allConditions, taggedConditions, type IfSite } from "./lib/conditions.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs, type Inputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unsound-condition",
    title: "Condition that is always true, or not read as written",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "When an `if:` holds anything besides one `${{ … }}` (text around it, two expressions joined by `&&` outside the braces, or the line break a `|` block scalar keeps), GitHub evaluates it as a string, and every non-empty string is true: the guard (\"only on main\", \"only for maintainers\") never stops anything. An `if:` that starts with `!` outside quotes or `${{ }}` (`if: !github.event.pull_request.head.repo.fork`) is no expression at all: `!` opens a YAML tag, which takes the leading words, so GitHub refuses the whole workflow file (\"Unexpected tag\") and none of its jobs run; a YAML tool that ignores the tag reads what is left (`! startsWith(…)` as `startsWith(…)`, the opposite). Such a condition guards nothing here: every other check takes the job or step as ungated.",
    remediation:
      "Write the whole condition inside one expression, or without braces: `if: github.ref == 'refs/heads/main' && github.event_name == 'push'`. For a block scalar, use `|-` or `>-` so no line break is kept (`assay fix` does this). A condition that starts with `!` must be inside `${{ }}`: `if: ${{ !github.event.pull_request.head.repo.fork }}` (`assay fix` does this too).",
    references: [
      { title: "GitHub: Expressions, about expressions in if conditionals", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#about-expressions" },
      { title: "GitHub: Using conditions to control job execution (an expression that starts with !)", url: "https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/using-conditions-to-control-job-execution" },
      { title: "actionlint: if: condition always true", url: "https://github.com/rhysd/actionlint/blob/main/docs/checks.md#if-cond-always-true" },
      { title: "zizmor: unsound-condition", url: "https://docs.zizmor.sh/audits/#unsound-condition" },
      { title: "CWE-570/571: Expression is Always False/True", url: "https://cwe.mitre.org/data/definitions/571.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    // A file that failed to parse for such a condition is reported even when no other file parsed.
    const unparsed = await reportUnparsedTags(ctx, inputs);
    if (unparsed === 0 && !applies(ctx, inputs)) return;
    for (const c of allConditions(inputs)) {
      const v = c.str.value;
      const fenced = findExpressions(v);
      if (fenced.length === 0) continue;
      const whole = fenced.length === 1 && (fenced[0] as { start: number }).start === 0 && (fenced[0] as { end: number }).end === v.length;
      if (whole) continue;
      const onlyTrailingBreak = fenced.length === 1 && (fenced[0] as { start: number }).start === 0 && v.slice((fenced[0] as { end: number }).end).trim() === "";
      const node = c.str.node;
      const header = node.type === Scalar.BLOCK_LITERAL ? "|" : node.type === Scalar.BLOCK_FOLDED ? ">" : undefined;
      const headerAt = c.str.span.offset;
      const canFix = onlyTrailingBreak && header !== undefined && c.yaml.text[headerAt] === header && !/[-+0-9]/.test(c.yaml.text[headerAt + 1] ?? "");
      ctx.report({
        message: `the \`if:\` of ${c.what} in ${c.path} ${onlyTrailingBreak ? "keeps a trailing line break after its expression" : "mixes an expression with other text"}, so GitHub reads it as a non-empty string: it is always true`,
        locations: [at(c.path, c.str.span)],
        snippet: clip(v, 200),
        key: `${c.id}:${clip(v, 100)}`,
        fix: onlyTrailingBreak && header ? `if: ${header}-\n  ${v.trim()}` : `if: ${v.replace(/\$\{\{\s*|\s*\}\}/g, "").replace(/\s+/g, " ").trim()}`,
        ...(canFix ? { edits: [{ path: c.path, offset: headerAt, replace: header, with: `${header}-` }] } : {}),
      });
    }
    for (const c of taggedConditions(inputs)) reportTagged(ctx, c);
  },
};

/** The fix for a condition that starts with `!`: the same text inside one expression, which YAML reads as plain text. */
function fenced(raw: string): string {
  return `\${{ ${raw.trim()} }}`;
}

/** What GitHub does with an `if:` that starts with `!`, and what a reader of the file might take it for. */
function taggedWhy(path: string, raw: string, rest: string | undefined): string {
  const refused = isActionPath(path) ? "GitHub refuses to load the action, and every step that uses it fails" : "GitHub refuses the whole workflow file and none of its jobs run";
  const misread = rest !== undefined && rest.trim() !== "" ? `; a YAML tool that drops the tag reads \`${clip(rest, 80)}\`, not what is meant` : "";
  return `starts with \`!\` outside quotes or \`\${{ }}\`: YAML reads \`${clip(/^![^\s,[\]{}]{0,200}/.exec(raw)?.[0] ?? "!", 80)}\` as a tag, not as the expression, so ${refused} ("Unexpected tag", or "did not find expected tag URI")${misread}. The guard it means to be is not there, and every other check takes it as no condition`;
}

/** Reports an `if:` the model read with a YAML tag (the file parsed; GitHub's stricter parser refuses it). */
function reportTagged(ctx: RuleContext, c: IfSite): void {
  const raw = c.str.value;
  const value = typeof c.str.node.value === "string" ? c.str.node.value : undefined;
  const oneLine = !raw.includes("\n");
  ctx.report({
    message: `the \`if:\` of ${c.what}${c.what.includes(c.path) ? "" : ` in ${c.path}`} ${taggedWhy(c.path, raw, value)}`,
    locations: [at(c.path, c.str.span)],
    snippet: clip(raw, 200),
    severity: "medium",
    confidence: "high",
    key: `${c.id}:tag:${clip(raw, 100)}`,
    evidence: { kind: "yaml-tag" },
    fix: `if: ${fenced(raw)}`,
    ...(oneLine ? { edits: [{ path: c.path, offset: c.str.span.offset, replace: raw, with: fenced(raw) }] } : {}),
  });
}

/** An `if:` line whose value starts with `!` (not YAML's own `!!` tags), the value as written and where it starts. */
const TAGGED_IF_LINE = /^([ \t]{0,200}(?:-[ \t]{1,20})?if:[ \t]{1,20})(![^!\n][^\n]{0,2000})$/;

/**
 * Workflows and actions that did not parse because an `if:` starts with `!` (`if: !contains(labels, 'x')`: YAML takes
 * `!contains(labels,` for a tag and then fails): reported at that line, which the parse error names.
 */
async function reportUnparsedTags(ctx: RuleContext, inputs: Inputs): Promise<number> {
  let reported = 0;
  const parsed = new Set<string>([...inputs.workflows.map((w) => w.path), ...inputs.actions.map((a) => a.path)]);
  const candidates = [...workflowFiles(ctx), ...ctx.index.named("action.yml"), ...ctx.index.named("action.yaml")].map((f) => f.path).filter((p) => !parsed.has(p) && (isWorkflowPath(p) || isActionPath(p)));
  for (const path of candidates.slice(0, 1000)) {
    const why = ctx.unread(path);
    if (why?.reason !== "parse-error" || why.line === undefined) continue;
    const file = await ctx.readText(path, { optional: true });
    if (!file) continue;
    const lines = file.text.split("\n", why.line);
    const line = (lines[why.line - 1] ?? "").replace(/\r$/, "");
    const m = TAGGED_IF_LINE.exec(line);
    if (!m) continue;
    // A trailing comment is YAML's, not the condition's.
    const raw = (m[2] as string).replace(/[ \t]#.*$/, "").trimEnd();
    const column = (m[1] as string).length + 1;
    const offset = lines.slice(0, why.line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    ctx.report({
      message: `the \`if:\` at line ${why.line} of ${path} ${taggedWhy(path, raw, undefined)}; nor could this scan read the file past it`,
      locations: [{ path, startLine: why.line, startColumn: column, endLine: why.line, endColumn: column + raw.length - 1 }],
      snippet: clip(raw, 200),
      severity: "medium",
      confidence: "high",
      key: `line:tag:${clip(raw, 100)}`,
      evidence: { kind: "yaml-tag" },
      fix: `if: ${fenced(raw)}`,
      edits: [{ path, offset, replace: raw, with: fenced(raw) }],
    });
    reported++;
  }
  return reported;
}
