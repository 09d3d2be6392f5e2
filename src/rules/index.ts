import type { CheckMeta } from "../core/check.js";
import type { Family, Rule } from "../core/rule.js";
import { FAMILIES } from "./families.js";

export { FAMILIES };

/** Every rule assay ships: the union of the families' rules, in a stable order. */
export const RULES: readonly Rule[] = FAMILIES.flatMap((f: Family) => f.rules);

/** Every check the families declare, so a policy naming a check is validated before any rule runs. */
export const CHECKS: readonly CheckMeta[] = FAMILIES.flatMap((f: Family) => f.checks);
