import { childrenOf, hasCall, isConstant, MAX_EXPRESSION_NODES, type Expr, type Step } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { parsedExpressions } from "./lib/expressions-in.js";
import { at, clip, keyBlock, stepLabel, stepRef } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/obfuscation",
    title: "Workflow written to hide what it does",
    severity: "low",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "GitHub accepts `uses: owner/repo/./sub/../action@v1` and expressions that always produce the same text (`${{ format('{0}', 'curl') }}`). People reviewing a pull request, and tools matching patterns, read these differently from GitHub; they are how a malicious change hides a step or a value. An index computed from another value (`${{ github.event[inputs.field] }}`) hides which value a step reads; it has legitimate uses (`needs[matrix.job]`), so it is reported only in the pedantic persona, as zizmor does. A step's whole `with:` written as one expression (`with: ${{ fromJSON(steps.setup.outputs.options) }}`) hides every input the action gets; zizmor reports it at info, and so does this rule.",
    remediation:
      "Write the plain form: the normalised `uses:` path, the literal value instead of a constant expression, and the field's name (`.field` or `['field']`) instead of a computed index.",
    references: [
      { title: "zizmor: obfuscation", url: "https://docs.zizmor.sh/audits/#obfuscation" },
      { title: "GitHub: Expressions", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const why = obfuscatedUses(step);
        if (why && step.uses) ctx.report({ message: `\`uses: ${clip(step.uses.raw.value, 100)}\` in ${sequenceLabel(seq)} ${why}`, locations: [at(seq.path, step.uses.raw.span)], key: `uses:${step.uses.raw.value}`, fix: "write the action's path without `.`, `..` or empty parts" });
        if (step.uses && step.withExpr) {
          ctx.report({
            message: `the \`with:\` of ${stepLabel(step)} in ${sequenceLabel(seq)} is one expression (\`${clip(step.withExpr.value.trim(), 80)}\`): which inputs ${clip(step.uses.raw.value.trim(), 80)} gets is decided at run time, so neither a reviewer nor a tool can check them (whether a checkout keeps the token, what an input runs)`,
            // The `with:` line, then the action, as zizmor's finding marks them (its ignore comments at either hold).
            locations: [at(seq.path, keyBlock(seq.yaml, step.node, "with") ?? step.withExpr.span), at(seq.path, step.uses.raw.span)],
            key: `with:${stepRef(step, seq.steps)}`,
            severity: "info",
            fix: "write the inputs out under `with:`, each with its own expression where it must vary",
          });
        }
      }
    }
    for (const wf of inputs.workflows) for (const job of wf.jobs) {
      const why = job.uses ? obfuscatedUses({ uses: job.uses } as Step) : undefined;
      if (why && job.uses) ctx.report({ message: `\`uses: ${clip(job.uses.raw.value, 100)}\` of job \`${job.id}\` in ${wf.path} ${why}`, locations: [at(wf.path, job.uses.raw.span)], key: `uses:${job.uses.raw.value}`, fix: "write the workflow's path without `.`, `..` or empty parts" });
    }
    for (const { path, found: f } of parsedExpressions(inputs.workflows, inputs.actions)) {
      const shown = clip(f.str.value.slice(f.fenced.start, f.fenced.end), 100);
      const why = obfuscatedExpr(f.expr);
      if (why) {
        ctx.report({
          message: `\`${shown}\` in ${path} ${why}`,
          locations: [at(path, f.str.spanOf(f.fenced.start, f.fenced.end))],
          key: `expr:${clip(f.fenced.inner.trim(), 100)}`,
          fix: "write the value it produces instead",
        });
      }
      for (const ix of computedIndexes(f.expr)) {
        // The node starts at the object it indexes; the finding points at the brackets, as zizmor's does.
        const open = f.fenced.inner.lastIndexOf("[", ix.index.start);
        const index = f.fenced.inner.slice(ix.index.start, ix.index.end);
        ctx.report({
          message: `\`${shown}\` in ${path} indexes with a computed value (\`${clip(index, 60)}\`): which field it reads depends on another value, so neither a reviewer nor a tool matching patterns can tell what reaches the step`,
          locations: [at(path, f.str.spanOf(f.fenced.innerStart + open, f.fenced.innerStart + ix.end))],
          key: `index:${clip(f.fenced.inner.slice(open, ix.end), 100)}`,
          evidence: { index },
          fix: "name the field (`.field` or `['field']`), or choose between fields with a condition",
          // A computed index has legitimate uses (`needs[matrix.job]`): zizmor reports it to pedants only.
          persona: "pedantic",
        });
      }
    }
  },
};

function obfuscatedUses(step: Pick<Step, "uses">): string | undefined {
  const u = step.uses;
  if (!u || u.kind === "local" || u.kind === "docker") return undefined;
  // The path part after owner/repo (an empty part makes the model call the reference invalid, so read the text).
  const parts = u.raw.value.trim().replace(/@.*$/, "").split("/").slice(2);
  if (parts.length === 0) return undefined;
  if (parts.includes("..")) return "climbs out of its path with `..`, which hides which action runs";
  if (parts.includes(".")) return "contains `.` path parts, which hide which action runs";
  if (parts.includes("")) return "contains empty path parts, which hide which action runs";
  return undefined;
}

/**
 * The indexes of `e` whose value is computed (`a[b.c]`, `a[format(…)]`), not a literal or `*`. A computed index's own
 * expression is not searched further: the outer index already says the access cannot be read.
 */
function computedIndexes(e: Expr): Extract<Expr, { kind: "index" }>[] {
  const out: Extract<Expr, { kind: "index" }>[] = [];
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < MAX_EXPRESSION_NODES; n++) {
    const cur = stack.pop() as Expr;
    if (cur.kind === "index" && cur.index.kind !== "literal") {
      out.push(cur);
      stack.push(cur.object);
    } else stack.push(...childrenOf(cur));
  }
  return out;
}

function obfuscatedExpr(e: Expr): string | undefined {
  // A bare literal is harmless; a call or operator on literals only disguises its value.
  if (e.kind !== "literal" && isConstant(e) && !hasCall(e, (n) => n === "hashfiles")) return "always evaluates to the same value: write that value instead";
  return undefined;
}
