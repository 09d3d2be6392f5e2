import { hash } from "node:crypto";
import type { FindingInput } from "./finding.js";

/** Collapses whitespace so re-indenting a line does not change what it is. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** What a finding is, apart from its rule and file: the rule's key, else the snippet, else the message. */
function whatOf(f: FindingInput): string {
  return f.key ?? (f.snippet !== undefined ? normalise(f.snippet) : normalise(f.message));
}

/**
 * What identifies a finding apart from where it is: the rule's key, else the snippet, else the
 * message. Line numbers are deliberately left out so unrelated edits do not change it.
 */
export function fingerprintBasis(ruleId: string, f: FindingInput): string {
  const path = f.locations?.[0]?.path ?? "";
  return `${ruleId}\u0000${path}\u0000${whatOf(f)}`;
}

/** The fingerprint of a finding of `ruleId` that is `what` in the file at `path`, the `nth` of its basis there. */
function fingerprintOf(ruleId: string, path: string, what: string, nth: number): string {
  return hash("sha256", `${ruleId}\u0000${path}\u0000${what}\u0000${nth}`, "hex").slice(0, 32);
}

/**
 * Stable fingerprints for a batch of findings from one rule. Identical bases are told apart by
 * their order in the file, so two equal lines get two fingerprints that survive line shifts.
 * `keep` receives, for each finding, what it takes to compute its fingerprint at another path
 * (see `fingerprintIfAt`).
 */
export function fingerprints(ruleId: string, findings: readonly FindingInput[], keep?: (i: number, what: string, nth: number, path: string) => void): string[] {
  const n = findings.length;
  const bases = new Array<string>(n);
  // What `keep` needs, split out only when there is a `keep`: most scans have no baseline.
  const whats = keep ? new Array<string>(n) : undefined;
  const paths = keep ? new Array<string>(n) : undefined;
  // Per basis: its one finding's index, or every index when several share it (rare: equal lines).
  const owners = new Map<string, number | number[]>();
  const groups: number[][] = [];
  for (let i = 0; i < n; i++) {
    const f = findings[i] as FindingInput;
    const path = f.locations?.[0]?.path ?? "";
    const what = whatOf(f);
    if (whats && paths) {
      whats[i] = what;
      paths[i] = path;
    }
    const basis = `${ruleId}\u0000${path}\u0000${what}`;
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
  for (let i = 0; i < n; i++) {
    // The basis already holds rule, path and what, in fingerprintOf's order.
    out[i] = hash("sha256", `${bases[i] as string}\u0000${nth[i] as number}`, "hex").slice(0, 32);
    if (keep && whats && paths) keep(i, whats[i] as string, nth[i] as number, paths[i] as string);
  }
  return out;
}

/** What `fingerprintIfAt` needs of a finding, kept only when a scan has a baseline to follow moved files in. */
const MOVABLE = new WeakMap<object, { ruleId: string; what: string; nth: number; path: string }>();

/** Remembers how to fingerprint `finding` at another path (see `fingerprints`' `keep`). */
export function rememberBasis(finding: object, ruleId: string, what: string, nth: number, path: string): void {
  MOVABLE.set(finding, { ruleId, what, nth, path });
}

/** Lets a copy of a finding (one whose texts were masked) be fingerprinted at another path as its original. */
export function carryBasis(from: object, to: object): void {
  const b = MOVABLE.get(from);
  if (b !== undefined) MOVABLE.set(to, b);
}

/**
 * The fingerprint `finding` would have were its file at `path` (the same finding, in a file that
 * moved), or undefined when its basis was not remembered. A rule's key that names the file (the
 * deploy rules name the manifest) names it at `path` too.
 */
export function fingerprintIfAt(finding: object, path: string): string | undefined {
  const b = MOVABLE.get(finding);
  if (b === undefined) return undefined;
  const what = b.path !== "" && b.what.includes(b.path) ? b.what.split(b.path).join(path) : b.what;
  return fingerprintOf(b.ruleId, path, what, b.nth);
}
