import { findCheck } from "../core/check.js";
import { AssayError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { ruleNames } from "./rule-names.js";
import { ruleDoc } from "../docs/rule-doc.js";
import { checkLabel } from "../report/labels.js";
import { CHECKS, RULES } from "../rules/index.js";
import type { Rule } from "../rules/types.js";
import { parse } from "./args.js";
import { EXIT, type ExitCode, type Io } from "./io.js";

/** `assay rules`: every rule with severity, title and whether it runs offline; then the checks. */
export function rulesCommand(args: readonly string[], io: Io): ExitCode {
  const { values } = parse(args, { json: { type: "boolean" } }, 0, "usage: assay rules [--json]\n\nLists every rule (id, severity, offline or online, fixable, the persona it needs when not every scan runs it, check, title), then the checks.");
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ rules: RULES.map((r) => r.meta), checks: CHECKS }, null, 2)}\n`);
    return EXIT.passed;
  }
  const width = Math.max(...RULES.map((r) => r.meta.id.length));
  // A person at a terminal is told what the columns are; a pipe (grep, awk) gets the rows alone.
  const person = io.stdout.isTTY === true;
  if (person) io.stdout.write(`${"RULE".padEnd(width)}  ${"SEVERITY"}  NETWORK  FIX  ${"PERSONA".padEnd(8)}  ${"CHECK".padEnd(22)}  TITLE\n`);
  for (const { meta } of RULES) {
    io.stdout.write(`${meta.id.padEnd(width)}  ${meta.severity.padEnd(8)}  ${meta.network ? "online " : "offline"}  ${meta.fixable ? "fix" : "   "}  ${(meta.persona ?? "").padEnd(8)}  ${meta.check.padEnd(22)}  ${meta.title}\n`);
  }
  io.stdout.write("\nchecks (scored 0-10; risk weighs the total):\n");
  for (const c of CHECKS) {
    io.stdout.write(`  ${c.id.padEnd(22)}  ${c.risk.padEnd(8)}  ${c.description}\n`);
  }
  if (person) io.stdout.write("\n`assay explain RULE-ID` prints a rule's page (what it finds, why, how to fix it); `assay explain CHECK` a check's rules.\n");
  return EXIT.passed;
}

/** The rule with this id, or whose id ends with `/id` (its short name). */
function ruleNamed(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id) ?? RULES.find((r) => r.meta.id.endsWith(`/${id}`));
}

/** `assay explain RULE-ID|CHECK`: a rule's full page, or a check and the rules it scores. */
export function explainCommand(args: readonly string[], io: Io): ExitCode {
  const { positionals } = parse(args, {}, 1, "usage: assay explain RULE-ID|CHECK\n\nPrints a rule's page (what it finds, why it matters, how to fix it), or a check and the rules it scores.");
  const id = positionals[0];
  if (id === undefined) throw new AssayError("USAGE", "which rule?", { hint: "usage: assay explain RULE-ID or CHECK (see `assay rules`)" });
  const check = ruleNamed(id) ? undefined : findCheck(CHECKS, id);
  // Rule ids are lower case: `secrets/JWT` finds `secrets/jwt` when no check has that name (`Code-Review` is a check).
  const rule = ruleNamed(id) ?? (check ? undefined : ruleNamed(id.toLowerCase()));
  if (rule) {
    io.stdout.write(ruleDoc(rule.meta, CHECKS));
    return EXIT.passed;
  }
  if (!check) throw new AssayError("RULE_UNKNOWN", `unknown rule or check \`${id}\`${didYouMean(id, ruleNames(id, CHECKS.map((c) => c.id), RULES))}`, { hint: "run `assay rules` to list rule ids and checks" });
  const rules = RULES.filter((r) => r.meta.check === check.id);
  io.stdout.write(`# ${checkLabel(check.id, check.title)}\n\n${check.description}\n\nRisk: ${check.risk} (its weight in the total score).\n\nRules:\n`);
  for (const { meta } of rules) io.stdout.write(`- ${meta.id} (${meta.severity}${meta.network ? ", online" : ""}${meta.persona ? `, ${meta.persona} persona` : ""}): ${meta.title}\n`);
  return EXIT.passed;
}
