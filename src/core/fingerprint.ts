import { hash } from "node:crypto";
import type { FindingInput } from "./finding.js";

/** Collapses whitespace so re-indenting a line does not change what it is. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * What identifies a finding apart from where it is: the rule's key, else the snippet, else the
 * message. Line numbers are deliberately left out so unrelated edits do not change it.
 */
export function fingerprintBasis(ruleId: string, f: FindingInput): string {
  const path = f.locations?.[0]?.path ?? "";
  const what = f.key ?? (f.snippet !== undefined ? normalise(f.snippet) : normalise(f.message));
  return `${ruleId}\u0000${path}\u0000${what}`;
}

/**
 * Stable fingerprints for a batch of findings from one rule. Identical bases are told apart by
 * their order in the file, so two equal lines get two fingerprints that survive line shifts.
 */
export function fingerprints(ruleId: string, findings: readonly FindingInput[]): string[] {
  const seen = new Map<string, number>();
  // Positions in typed arrays and an index order: a rule may report tens of thousands of findings.
  const n = findings.length;
  const lines = new Float64Array(n);
  const cols = new Float64Array(n);
  findings.forEach((f, i) => {
    lines[i] = f.locations?.[0]?.startLine ?? 0;
    cols[i] = f.locations?.[0]?.startColumn ?? 0;
  });
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => (lines[a] as number) - (lines[b] as number) || (cols[a] as number) - (cols[b] as number) || a - b);
  const out: string[] = new Array<string>(n);
  for (const i of order) {
    const f = findings[i] as FindingInput;
    const basis = fingerprintBasis(ruleId, f);
    const n = seen.get(basis) ?? 0;
    seen.set(basis, n + 1);
    out[i] = hash("sha256", `${basis}\u0000${n}`, "hex").slice(0, 32);
  }
  return out;
}
