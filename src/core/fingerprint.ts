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
  const n = findings.length;
  const bases = new Array<string>(n);
  // Per basis: its one finding's index, or every index when several share it (rare: equal lines).
  const owners = new Map<string, number | number[]>();
  const groups: number[][] = [];
  for (let i = 0; i < n; i++) {
    const basis = fingerprintBasis(ruleId, findings[i] as FindingInput);
    bases[i] = basis;
    const had = owners.get(basis);
    if (had === undefined) owners.set(basis, i);
    else if (typeof had === "number") {
      const group = [had, i];
      owners.set(basis, group);
      groups.push(group);
    } else had.push(i);
  }
  // A finding's number among those of its basis, by place in the file: 0 for nearly all.
  const nth = new Uint32Array(n);
  for (const group of groups) {
    const at = (i: number) => findings[i]?.locations?.[0];
    group.sort((a, b) => (at(a)?.startLine ?? 0) - (at(b)?.startLine ?? 0) || (at(a)?.startColumn ?? 0) - (at(b)?.startColumn ?? 0) || a - b);
    group.forEach((i, k) => (nth[i] = k));
  }
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = hash("sha256", `${bases[i] as string}\u0000${nth[i] as number}`, "hex").slice(0, 32);
  return out;
}
