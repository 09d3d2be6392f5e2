import { accessPath, type Expr } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { parsedExpressions } from "./lib/expressions-in.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/unredacted-secrets",
    title: "Part of a structured secret escapes log masking",
    severity: "medium",
    confidence: "high",
    check: "CI-Secrets",
    rationale:
      "GitHub masks a secret's exact value in logs. A field taken out of a JSON secret (`fromJSON(secrets.CONFIG).password`) is a different string, so it is printed in clear wherever a step echoes it or an error message includes it.",
    remediation:
      "Store each credential as its own secret (`secrets.DB_PASSWORD`), or mask the field at the start of the step: `echo \"::add-mask::$VALUE\"` before anything can print it.",
    references: [
      { title: "GitHub: Using secrets, redacting structured data", url: "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#limits-for-secrets" },
      { title: "zizmor: unredacted-secrets", url: "https://docs.zizmor.sh/audits/#unredacted-secrets" },
      { title: "CWE-532: Insertion of Sensitive Information into Log File", url: "https://cwe.mitre.org/data/definitions/532.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    for (const { path, found: f } of parsedExpressions(inputs.workflows, inputs.actions)) {
      for (const hit of fieldsOfJsonSecrets(f.expr)) {
        const span = f.str.spanOf(f.fenced.innerStart + hit.start, f.fenced.innerStart + hit.end);
        ctx.report({
          message: `\`${clip(f.fenced.inner.slice(hit.start, hit.end), 100)}\` in ${path} takes a field out of a JSON secret, and that field is not masked in logs`,
          locations: [at(path, span)],
          key: clip(f.fenced.inner.slice(hit.start, hit.end), 100),
          fix: "store the field as its own secret and use ${{ secrets.FIELD }}",
        });
      }
    }
  },
};

/** Property or index accesses on `fromJSON(secrets.X)`. */
function fieldsOfJsonSecrets(e: Expr): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: Expr[] = [e];
  for (let n = 0; stack.length > 0 && n < 10_000; n++) {
    const cur = stack.pop() as Expr;
    if ((cur.kind === "property" || cur.kind === "index") && cur.object.kind === "call" && cur.object.name === "fromjson" && cur.object.args.some((a) => accessPath(a)?.[0] === "secrets")) {
      out.push({ start: cur.start, end: cur.end });
      continue;
    }
    if (cur.kind === "call") stack.push(...cur.args);
    else if (cur.kind === "binary") stack.push(cur.left, cur.right);
    else if (cur.kind === "not") stack.push(cur.operand);
    else if (cur.kind === "index") stack.push(cur.object, cur.index);
    else if (cur.kind === "property" || cur.kind === "filter") stack.push(cur.object);
  }
  return out;
}
