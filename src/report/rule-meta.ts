import type { Assessment, CheckResult, RuleResult } from "../core/assessment.js";
import type { CheckMeta } from "../core/check.js";
import type { Reference, RuleMeta } from "../core/rule.js";

// `assay report --from FILE` renders a document anyone who could write FILE could have edited (or
// another assay version wrote). The rule meta it carries (titles, rationale, remediation,
// references) is shown in reports as assay's own words, and some outputs render it as Markdown
// (SARIF help, GitLab descriptions) or links (HTML references). So the meta of a rule or check this
// assay knows is taken from its own registry, never from the file; a rule it does not know keeps
// what the file says, but only as text: renderers ask `vouched` before they let a rule's meta be
// Markdown or a link, and such a rule keeps only its `https:` references, shown as text.

/**
 * Marks a rule whose meta came from a document rather than from assay's registry (see
 * `withOwnMeta`). An enumerable symbol key: copies made with spread or Object.assign (as
 * renderers make of an assessment) keep it, and JSON output never shows it.
 */
const FOREIGN: unique symbol = Symbol("assay.foreign-rule-meta");
type Marked = RuleResult & { [FOREIGN]?: true };

/** False for a rule whose meta `withOwnMeta` took from the document: render it only as escaped text, never as Markdown or links. */
export function vouched(r: RuleResult): boolean {
  return (r as Marked)[FOREIGN] !== true;
}

/** The registry `withOwnMeta` reads: assay's rules and checks (RULES, CHECKS). */
export interface MetaRegistry {
  rules: readonly { meta: RuleMeta }[];
  checks: readonly CheckMeta[];
}

function isReference(r: unknown): r is Reference {
  return typeof r === "object" && r !== null && typeof (r as Reference).title === "string" && typeof (r as Reference).url === "string";
}

/**
 * The assessment with the meta of every rule and check this assay knows replaced by its registry's
 * (the verdicts, counts, effective severity and reasons stay the document's), and every other rule
 * marked unvouched, its references cut to `https:` ones. The document is not changed. A reference
 * that is not a title and a URL is the document's fault: a TypeError naming it (the CLI's
 * renderLoaded says so), as a renderer reading it would have thrown.
 */
export function withOwnMeta(a: Assessment, registry: MetaRegistry): Assessment {
  const rules = new Map(registry.rules.map((r) => [r.meta.id, r.meta]));
  const checks = new Map(registry.checks.map((c) => [c.id, c]));
  const rule = (r: RuleResult, i: number): RuleResult => {
    const bad = r.references.findIndex((x) => !isReference(x));
    if (bad >= 0) throw new TypeError(`rules[${i}].references[${bad}] is not a title and a URL`);
    const own = rules.get(r.id);
    if (own !== undefined) return { ...r, title: own.title, rationale: own.rationale, remediation: own.remediation, references: own.references.map((x) => ({ ...x })) };
    const foreign: Marked = { ...r, references: r.references.filter((x) => /^https:\/\/\S+$/i.test(x.url)), [FOREIGN]: true };
    return foreign;
  };
  const check = (c: CheckResult): CheckResult => {
    const own = checks.get(c.id);
    return own === undefined ? c : { ...c, title: own.title, description: own.description };
  };
  return { ...a, rules: a.rules.map(rule), checks: a.checks.map(check) };
}
