import { accessPath, type Expr } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { parsedExpressions } from "./lib/expressions-in.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/overprovisioned-secrets",
    title: "Every secret handed to a step at once",
    severity: "medium",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "`${{ toJSON(secrets) }}` (or `secrets[<computed name>]`) gives the step every secret the run can see: GitHub then loads all of them into the runner, where the step, any action it runs and any code it executes can read them, whatever the step needed.",
    remediation: "Reference the secrets the step needs by name: `${{ secrets.NPM_TOKEN }}`.",
    references: [
      { title: "GitHub: Using secrets in GitHub Actions", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions" },
      { title: "zizmor: overprovisioned-secrets", url: "https://docs.zizmor.sh/audits/#overprovisioned-secrets" },
      { title: "CWE-272: Least Privilege Violation", url: "https://cwe.mitre.org/data/definitions/272.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const { path, found: f } of parsedExpressions(inputs.workflows, inputs.actions)) {
      for (const hit of overprovisioned(f.expr)) {
        const span = f.str.spanOf(f.fenced.innerStart + hit.start, f.fenced.innerStart + hit.end);
        ctx.report({
          message: `\`${clip(f.fenced.inner.slice(hit.start, hit.end), 80)}\` in ${path} exposes every secret of the run, not the ones the step needs`,
          locations: [at(path, span)],
          key: clip(f.fenced.inner.trim(), 100),
          fix: "${{ secrets.NAME }}   # name each secret the step needs",
        });
      }
    }
  },
};

/** `toJSON(secrets)`, a bare `secrets`, or `secrets[<expression>]`. */
function overprovisioned(e: Expr): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: { e: Expr; parent?: Expr }[] = [{ e }];
  for (let n = 0; stack.length > 0 && n < 10_000; n++) {
    const { e: cur, parent } = stack.pop() as { e: Expr; parent?: Expr };
    if (cur.kind === "context" && cur.name === "secrets" && (!parent || parent.kind === "call" || parent.kind === "binary")) out.push({ start: parent?.kind === "call" ? parent.start : cur.start, end: parent?.kind === "call" ? parent.end : cur.end });
    if (cur.kind === "index" && accessPath(cur.object)?.join(".") === "secrets" && cur.index.kind !== "literal") out.push({ start: cur.start, end: cur.end });
    if (cur.kind === "call") for (const a of cur.args) stack.push({ e: a, parent: cur });
    else if (cur.kind === "binary") stack.push({ e: cur.left, parent: cur }, { e: cur.right, parent: cur });
    else if (cur.kind === "not") stack.push({ e: cur.operand, parent: cur });
    else if (cur.kind === "index") stack.push({ e: cur.object, parent: cur }, { e: cur.index, parent: cur });
    else if (cur.kind === "property" || cur.kind === "filter") stack.push({ e: cur.object, parent: cur });
  }
  return out;
}
