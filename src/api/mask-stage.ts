// The pipeline stage that keeps every output free of credentials, whichever rule quoted them: the
// full detector set runs over every finding's message, snippet, fix and evidence, every
// diagnostic and every rule's reason, before the assessment is built. The secrets family masks at
// the source already; this catches the rest (a CODEOWNERS line, a workflow snippet, a parse error
// that quotes the offending line). A gate-side masker of known prefixes can run before or after it.
import type { Diagnostic, RuleResult } from "../core/assessment.js";
import type { Finding } from "../core/finding.js";
import { carryBasis } from "../core/fingerprint.js";
import { maskEvidence } from "../core/redact.js";
import { maskedAmong, maskSecrets } from "../secrets/mask.js";
import { sharedScanner } from "../secrets/scanner.js";

/**
 * Findings with every credential in their texts masked: messages, snippets, fixes, evidence and
 * edits, screened together in one pass (see `maskedAmong`): nearly all are clean, and a text the
 * screen flags is then scanned alone. Scanning each distinct fix and evidence value on its own
 * (through a memo) cost as much as the rest of the stage: 10,000 manifests quote a resource name
 * in every finding's evidence and an image reference or an env entry in many fixes. The snippet
 * and evidence of a finding whose rule `maskedAtSource` (the secrets family: it quotes a line with
 * every credential the full detector set found in its file masked, and its evidence is previews
 * and hashes) are not screened again: that only masked the masks.
 */
export function maskFindings(fs: readonly Finding[], maskedAtSource: (ruleId: string) => boolean = () => false): Finding[] {
  const texts = new Set<string>();
  for (const f of fs) {
    texts.add(f.message);
    const screen = !maskedAtSource(f.ruleId);
    if (f.snippet !== undefined && screen) texts.add(f.snippet);
    if (f.fix !== undefined) texts.add(f.fix);
    if (screen) evidenceTexts(f.evidence, texts);
    if (f.edits) for (const e of f.edits) texts.add(e.with).add(e.replace);
  }
  const masked = maskedAmong([...texts]);
  const lookup = (text: string): string => masked.get(text) ?? text;
  return fs.map((f) => maskFinding(f, lookup, lookup, !maskedAtSource(f.ruleId)));
}

/** Adds the texts of a finding's evidence (strings and lists of strings) to `into`. */
function evidenceTexts(evidence: Finding["evidence"], into: Set<string>): void {
  for (const k in evidence) {
    const v = evidence[k];
    if (typeof v === "string") into.add(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") into.add(x);
  }
}

/** Builds the masking stage's detector set now (while a scan's threads work), not when the first finding is masked. */
export function prepareMasking(): void {
  sharedScanner();
}

/**
 * A finding with every credential in its texts masked; edits that would write one are dropped.
 * `mask` is for the texts findings repeat (fixes, evidence), `quoted` for its message and snippet.
 * `screenQuoted` false: its rule masked the snippet and evidence where it read them.
 */
export function maskFinding(f: Finding, mask: (text: string) => string = maskSecrets, quoted: (text: string) => string = maskSecrets, screenQuoted = true): Finding {
  const message = quoted(f.message);
  const snippet = f.snippet === undefined || !screenQuoted ? f.snippet : quoted(f.snippet);
  const fix = f.fix === undefined ? undefined : mask(f.fix);
  // Evidence is copied only when something in it is masked: nearly every finding keeps its own.
  const evidence = screenQuoted ? maskEvidence(f.evidence, mask) : f.evidence;
  const edits = f.edits?.filter((e) => mask(e.with) === e.with && mask(e.replace) === e.replace);
  const changed = message !== f.message || snippet !== f.snippet || fix !== f.fix || evidence !== f.evidence;
  if (!changed && edits?.length === f.edits?.length) return f;
  const out: Finding = { ...f, message, evidence };
  carryBasis(f, out);
  if (snippet !== undefined) out.snippet = snippet;
  if (fix !== undefined) out.fix = fix;
  if (edits === undefined || edits.length === 0) delete out.edits;
  else out.edits = edits;
  return out;
}

/** Diagnostics with credentials masked (a parse error may quote the line it failed on). */
export function maskDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.map((d) => {
    const message = maskSecrets(d.message);
    const hint = d.hint === undefined ? undefined : maskSecrets(d.hint);
    if (message === d.message && hint === d.hint) return d;
    return { ...d, message, ...(hint !== undefined ? { hint } : {}) };
  });
}

/** Rule results with credentials masked in their reasons (an incomplete rule quotes what it could not read) and in their evidence. */
export function maskRuleResults(rs: readonly RuleResult[]): RuleResult[] {
  return rs.map((r) => {
    const reason = r.reason === undefined ? undefined : maskSecrets(r.reason);
    const evidence = r.evidence?.map((o) => {
      const message = maskSecrets(o.message);
      return message === o.message ? o : { ...o, message };
    });
    const same = reason === r.reason && (evidence === undefined || evidence.every((o, i) => o === r.evidence?.[i]));
    return same ? r : { ...r, ...(reason !== undefined ? { reason } : {}), ...(evidence ? { evidence } : {}) };
  });
}
