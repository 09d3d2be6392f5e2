import { accessPath, contextCapability, type Expr } from "../../ecosystems/github-actions/index.js";
import type { Severity } from "../../core/severity.js";
import type { Rule } from "../types.js";
import { allConditions } from "./lib/conditions.js";
import { conditionOf } from "./lib/expressions-in.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

/** Contexts a pusher, a fork or a caller chooses: a substring of the allowed list passes. */
const CONTROLLABLE = ["github.ref", "github.ref_name", "github.head_ref", "github.base_ref", "github.actor", "github.triggering_actor", "github.sha"];

export const rule: Rule = {
  meta: {
    id: "workflows/unsound-contains",
    title: "contains() on a string lets substrings through",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "`contains('refs/heads/main refs/heads/release', github.ref)` searches a string, not a list: a branch named `refs/heads/mai`, `main` or `release` (anything that is part of the text) passes too. Guards written this way let branches, actors or inputs someone else chooses through.",
    remediation:
      "Search a real list: `contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)`, or compare each value with `==` joined by `||`.",
    references: [
      { title: "GitHub: Expressions, contains", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#contains" },
      { title: "zizmor: unsound-contains", url: "https://docs.zizmor.sh/audits/#unsound-contains" },
      { title: "CWE-697: Incorrect Comparison", url: "https://cwe.mitre.org/data/definitions/697.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const c of allConditions(inputs)) {
      const cond = conditionOf(c.str);
      if (!cond.expr) continue;
      for (const hit of unsound(cond.expr)) {
        const parts = hit.needle;
        const p = parts.join(".");
        const cap = contextCapability(parts).capability;
        const severity: Severity = CONTROLLABLE.includes(p) || parts[0] === "env" || parts[0] === "inputs" || cap === "arbitrary" || cap === "input" ? "high" : "info";
        ctx.report({
          message: `the \`if:\` of ${c.what} in ${c.path} checks \`${p}\` with contains() against the string '${clip(hit.haystack, 60)}', so any part of that string passes`,
          locations: [at(c.path, c.str.span)],
          snippet: clip(c.str.value, 200),
          severity,
          key: `${c.id}:${p}:${clip(hit.haystack, 60)}`,
          fix: `contains(fromJSON('${JSON.stringify(hit.haystack.split(/[\s,|;]+/).filter(Boolean))}'), ${p})`,
        });
      }
    }
  },
};

function unsound(e: Expr): { haystack: string; needle: string[] }[] {
  const out: { haystack: string; needle: string[] }[] = [];
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < 10_000; n++) {
    const cur = stack.pop() as Expr;
    if (cur.kind === "call") {
      const [a, b] = cur.args;
      const needle = b ? accessPath(b) : undefined;
      if (cur.name === "contains" && a?.kind === "literal" && a.type === "string" && needle) out.push({ haystack: a.value, needle });
      else stack.push(...cur.args);
    } else if (cur.kind === "binary") stack.push(cur.left, cur.right);
    else if (cur.kind === "not") stack.push(cur.operand);
  }
  return out;
}
