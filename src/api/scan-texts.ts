// Secrets in text that is not a checkout: standard input, and the lines staged for a commit (the
// pre-commit hook). The same detectors, rules, policy (allowlists, severities), inline
// suppressions and gate as a scan, assembled into the same assessment, so every format renders it.
import type { Assessment } from "../core/assessment.js";
import type { CheckMeta } from "../core/check.js";
import type { FindingInput } from "../core/finding.js";
import { redactFinding } from "../core/redact.js";
import type { Rule } from "../core/rule.js";
import type { TextOrigin } from "../core/text-scan.js";
import { assemble, findingsPerRule, ruleResult, scoreChecks } from "../assessment/build.js";
import { toFindings } from "../engine/findings.js";
import { evaluateGate } from "../policy/gate.js";
import type { Policy } from "../policy/policy-file.js";
import { matchSuppressions, SUPPRESSION_NEEDLE, suppressionIndex, type Suppression } from "../policy/suppression.js";
import { triage } from "../policy/triage.js";
import { secretFinding } from "../rules/secrets/lib/secret-findings.js";
import { selectorOf } from "../rules/secrets/lib/selectors.js";
import { detectorOf } from "../rules/secrets/lib/secret-findings.js";
import { family as secretsFamily } from "../rules/secrets/index.js";
import { locate, lowConfidenceReason, scanBundle, SecretScanner, type LocatedSecret } from "../secrets/index.js";
import { VERSION } from "../version.js";
import { gitPatch, gitShowStaged } from "../workspace/history.js";
import { scanPatchBatch } from "../workspace/patch-scan.js";
import { pathVerdict } from "../workspace/scan-filter.js";

/** Secrets located in one text, and the text itself (for inline suppressions). */
export interface LocatedText {
  path: string;
  matches: LocatedSecret[];
  text?: string;
}

/** Options of a text scan. */
export interface TextAssessmentOptions {
  policy: Policy;
  /** The secrets rules to apply (the family's, or those --rule named). */
  rules: readonly Rule[];
  /** The checks to score: at least every check the rules name (the secrets family's by default). */
  checks?: readonly CheckMeta[];
  now?: Date;
  /** How the input is named in the report (`<stdin>`, `staged changes`). */
  target: string;
  baseline?: ReadonlySet<string>;
}

/** Locates secrets in a text read from anywhere (standard input): `path` names it and tells its file type. */
export function locateText(bytes: Uint8Array, path: string): LocatedText {
  const scanner = new SecretScanner();
  return { path, matches: locate(bytes, scanner.scan(bytes, { path })), text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") };
}

/** Locates secrets in the lines staged for commit in the repository at `cwd`, at their line numbers in the staged files. */
export async function locateStaged(cwd: string): Promise<LocatedText[]> {
  const patch = await gitPatch(cwd, ["diff", "--cached"]);
  const scanner = new SecretScanner();
  // A minified file's lines are searched only for what is unmistakable there (scanBundle), as in the tree scan.
  const fn = (bytes: Uint8Array, path: string, origin: TextOrigin) => locate(bytes, origin.unmistakableOnly ? scanBundle(bytes, { path }) : scanner.scan(bytes, { path }), origin);
  const settings = { scanVendored: false, scanMinified: false };
  const result = scanPatchBatch(patch, fn, (p) => pathVerdict(p, settings), false);
  const byPath = new Map<string, LocatedSecret[]>();
  for (const hit of result.hits) {
    const list = byPath.get(hit.path);
    if (list) list.push(...hit.matches);
    else byPath.set(hit.path, [...hit.matches]);
  }
  const out: LocatedText[] = [];
  for (const [path, matches] of byPath) out.push({ path, matches, text: await gitShowStaged(cwd, path) });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The assessment of secrets found in texts: findings, statuses, the Secrets check and the gate. */
export function assessTexts(texts: readonly LocatedText[], opts: TextAssessmentOptions): Assessment {
  const now = opts.now ?? new Date();
  const raw = opts.rules.flatMap((rule) => {
    const select = selectorOf(rule.meta.id);
    const inputs: FindingInput[] = [];
    for (const t of texts) {
      // What the path says (a test's, an example's) decides as in a scan of the tree: `--staged` and a file named alone agree with it.
      const kind = lowConfidenceReason(t.path);
      for (const m of t.matches) {
        const d = detectorOf(m);
        if (d && select(m, d, kind)) inputs.push(redactFinding(secretFinding(m, t.path)));
      }
    }
    return toFindings(rule.meta, inputs, opts.policy.rules[rule.meta.id]?.severity);
  });
  const indexes = new Map<string, Map<number, Suppression>>();
  for (const t of texts) if (t.text?.includes(SUPPRESSION_NEEDLE)) indexes.set(t.path, suppressionIndex(t.text));
  const triaged = triage(raw, { policy: opts.policy, today: now.toISOString().slice(0, 10), suppressions: matchSuppressions(raw, indexes), ...(opts.baseline ? { baseline: opts.baseline } : {}) });
  const findings = triaged.findings;
  const counts = findingsPerRule(findings);
  const rules = opts.rules.map((r) => ruleResult(r.meta, counts.has(r.meta.id) ? "fail" : "pass", undefined, opts.policy.rules[r.meta.id]?.severity ?? r.meta.severity, counts.get(r.meta.id) ?? 0));
  const { checks, score } = scoreChecks(opts.checks ?? secretsFamily.checks, rules, findings, new Map());
  return assemble({
    target: { path: opts.target, vcs: "none", commit: null },
    generatedAt: now,
    offline: true,
    policy: { source: opts.policy.source ?? null, baseline: null },
    files: texts.length,
    gate: evaluateGate(opts.policy, findings, checks, score, triaged.expired),
    checks,
    score,
    rules,
    findings,
    diagnostics: [],
    toolVersion: VERSION,
  });
}
