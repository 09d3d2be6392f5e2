// Which rules a command runs, and loading only their families' code: `assay secrets` compiles the
// secrets family alone (1.4 MB of JavaScript, not 3 MB), ~60 ms less before the scan starts.
import type { CheckMeta } from "../core/check.js";
import { AssayError } from "../core/errors.js";
import type { Family, Rule } from "../core/rule.js";
import { FAMILY_LOADERS } from "../rules/family-loaders.js";
import { meantRule } from "./rule-names.js";

/** The rules chosen, and the checks that score them (every check a chosen rule names). */
export interface Selection {
  rules: readonly Rule[];
  checks: readonly CheckMeta[];
}

/** Every family's rules and checks. */
async function allRules(): Promise<Selection> {
  const { RULES, CHECKS } = await import("../rules/index.js");
  return { rules: RULES, checks: CHECKS };
}

/** Whether `--rule id` names the rule: its id, or its family. */
function names(id: string, r: Rule): boolean {
  return r.meta.id === id || r.meta.id.startsWith(`${id}/`);
}

/** The rules named by `--rule` (ids or families); every rule when none is named. */
export async function selectRules(wanted: readonly string[] | undefined): Promise<Selection> {
  const named = (r: Rule): boolean => wanted === undefined || wanted.some((id) => names(id, r));
  const families = wanted === undefined ? undefined : [...new Set(wanted.map((id) => (id.includes("/") ? id.slice(0, id.indexOf("/")) : id)))];
  // A name outside every family, or a rule that scores a check of another family: every family is loaded.
  const loaders = families?.map((f) => (Object.hasOwn(FAMILY_LOADERS, f) ? FAMILY_LOADERS[f] : undefined));
  if (loaders !== undefined && loaders.every((l) => l !== undefined)) {
    const loaded = await Promise.all(loaders.map((l) => (l as () => Promise<Family>)()));
    const rules = loaded.flatMap((f) => f.rules).filter(named);
    const checks = loaded.flatMap((f) => f.checks);
    if (wanted?.every((id) => rules.some((r) => names(id, r))) && rules.every((r) => checks.some((c) => c.id === r.meta.check))) return { rules, checks };
  }
  const all = await allRules();
  for (const id of wanted ?? []) {
    if (!all.rules.some((r) => names(id, r))) throw new AssayError("RULE_UNKNOWN", `unknown rule or family \`${id}\`${meantRule(id, all.rules)}`, { hint: "run `assay rules` to list them" });
  }
  return { rules: all.rules.filter(named), checks: all.checks };
}
