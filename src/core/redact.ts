import { hash } from "node:crypto";
import type { EvidenceValue, FindingInput } from "./finding.js";
import { hasCredential, maskCredentials } from "./mask.js";

/** The first four characters, then a fixed-length mask: enough to recognise, not to use. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, Math.min(4, Math.floor(secret.length / 3)))}${"*".repeat(8)}`;
}

/** A hash that identifies a secret across files and commits without revealing it. */
export function secretHash(secret: string): string {
  // One-shot: a Hash object per secret cost more than the digest.
  return hash("sha256", secret, "hex");
}

const WORD = /^[A-Za-z]+$/;
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * The text with every occurrence of the secret masked; a secret that is a plain word (`pass`,
 * `admin`: a weak or placeholder password) only where it stands alone, not inside a longer word.
 */
function scrub(text: string, secret: string, mask: string): string {
  if (secret === "") return text;
  if (!WORD.test(secret)) return text.split(secret).join(mask);
  let out = "";
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
    const end = at + secret.length;
    if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(end))) continue;
    out += text.slice(from, at) + mask;
    from = end;
  }
  return out + text.slice(from);
}

/** Returns the finding with its secret replaced by a preview and a hash everywhere it appears. */
export function redactFinding(f: FindingInput): FindingInput {
  const secret = f.secret;
  if (secret === undefined || secret === "") return f;
  const mask = maskSecret(secret);
  const hash = secretHash(secret);
  // A plain-word secret ("password", "admin") is a placeholder or a default, and the rule's own
  // message and evidence use such words ("netrc-password", "a default password"): only the texts
  // quoted from the file are masked for it.
  const ours = WORD.test(secret) ? (t: string): string => t : (t: string): string => scrub(t, secret, mask);
  const evidence: Record<string, EvidenceValue> = {};
  for (const [k, v] of Object.entries(f.evidence ?? {})) {
    evidence[k] = typeof v === "string" ? ours(v) : Array.isArray(v) ? v.map((x: string) => ours(x)) : (v as EvidenceValue);
  }
  evidence.secretPreview = mask;
  evidence.secretHash = hash;
  const out: FindingInput = { ...f, message: ours(f.message), evidence, key: f.key ?? hash };
  delete out.secret;
  if (f.snippet !== undefined) out.snippet = scrub(f.snippet, secret, mask);
  if (f.fix !== undefined) out.fix = scrub(f.fix, secret, mask);
  // An edit that writes or removes the secret would carry it in clear: such a finding has no autofix.
  if (f.edits?.some((e) => e.replace.includes(secret) || e.with.includes(secret))) delete out.edits;
  return out;
}

/**
 * The finding with every credential-shaped value masked in its message, snippet, fix and evidence
 * (see mask.ts); edits that would write or replace one are dropped, since masking them would
 * corrupt the file they fix. Applied by the engine to every finding of every rule, with one
 * memoised `mask` per rule. `screenQuoted` false: the rule masked its snippet and evidence with
 * the full detector set where it read them (RuleMeta.masksAtSource).
 */
export function maskFinding(f: FindingInput, mask: (text: string) => string = maskCredentials, screenQuoted = true): FindingInput {
  // Messages and snippets are mostly unique: `mask`'s memo is for fixes and evidence.
  const message = maskCredentials(f.message);
  const snippet = f.snippet === undefined || !screenQuoted ? f.snippet : maskCredentials(f.snippet);
  const fix = f.fix === undefined ? undefined : mask(f.fix);
  const evidence = f.evidence === undefined || !screenQuoted ? f.evidence : maskEvidence(f.evidence, mask);
  const dropEdits = f.edits?.some((e) => hasCredential(e.replace) || hasCredential(e.with)) ?? false;
  // Nothing to mask (nearly every finding): the finding itself, not a copy per finding.
  if (message === f.message && snippet === f.snippet && fix === f.fix && evidence === f.evidence && !dropEdits) return f;
  const out: FindingInput = { ...f, message };
  if (snippet !== undefined) out.snippet = snippet;
  if (fix !== undefined) out.fix = fix;
  if (evidence !== undefined) out.evidence = evidence;
  if (dropEdits) delete out.edits;
  return out;
}

/** Evidence with `mask` applied to its texts: the same object when nothing changed. */
export function maskEvidence(evidence: Record<string, EvidenceValue>, mask: (text: string) => string): Record<string, EvidenceValue> {
  let out: Record<string, EvidenceValue> | undefined;
  // for…in, not for…of over Object.keys: run twice per finding, mostly before V8 optimises it,
  // where each step of an iterator and each list of keys is an allocation (for…in reads the map's cache).
  for (const k in evidence) {
    const v = evidence[k] as EvidenceValue;
    const masked = typeof v === "string" ? mask(v) : Array.isArray(v) ? maskList(v as string[], mask) : v;
    if (masked !== v) out ??= { ...evidence };
    if (out) out[k] = masked;
  }
  return out ?? evidence;
}

function maskList(xs: readonly string[], mask: (text: string) => string): readonly string[] {
  const out = xs.map((x) => mask(x));
  return out.every((x, i) => x === xs[i]) ? xs : out;
}
