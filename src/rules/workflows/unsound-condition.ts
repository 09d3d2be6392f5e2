import { Scalar } from "yaml";
import { findExpressions } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { allConditions } from "./lib/conditions.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unsound-condition",
    title: "Condition that is always true",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "When an `if:` holds anything besides one `${{ … }}` (text around it, two expressions joined by `&&` outside the braces, or the line break a `|` block scalar keeps), GitHub evaluates it as a string, and every non-empty string is true: the guard (\"only on main\", \"only for maintainers\") never stops anything.",
    remediation:
      "Write the whole condition inside one expression, or without braces: `if: github.ref == 'refs/heads/main' && github.event_name == 'push'`. For a block scalar, use `|-` or `>-` so no line break is kept (`assay fix` does this).",
    references: [
      { title: "GitHub: Expressions, about expressions in if conditionals", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#about-expressions" },
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
    if (!applies(ctx, inputs)) return;
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
  },
};
