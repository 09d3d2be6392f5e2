/** An inline `assay: ignore[rule-id, ...] reason` comment. */
export interface Suppression {
  rules: string[];
  reason: string;
}

// Bounded character classes and no nested quantifiers: linear on any line.
const PATTERN = /assay:\s?ignore\[([^\]\r\n]{1,300})\]([^\r\n]{0,500})/;

/** Parses a suppression comment from one line of text, if there is one. */
export function parseSuppression(line: string): Suppression | undefined {
  if (!line.includes("assay:")) return undefined;
  const m = PATTERN.exec(line);
  if (!m) return undefined;
  const rules = (m[1] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  // Trailing comment closers (`-->`, `*/`) are not part of the reason.
  const reason = (m[2] ?? "").replace(/(-->|\*\/)\s*$/, "").trim();
  return { rules, reason };
}

/** True when a suppression names this rule, its family (`family/*`) or everything (`*`). */
export function suppresses(s: Suppression, ruleId: string): boolean {
  const family = ruleId.split("/")[0];
  return s.rules.some((r) => r === ruleId || r === "*" || r === `${family}/*`);
}
