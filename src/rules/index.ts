import type { Rule } from "../core/rule.js";
import { rule as securityPolicy } from "./repo/security-policy.js";

/** Every rule assay ships, in a stable order. A family adds its rules here. */
export const RULES: readonly Rule[] = [
  securityPolicy,
];
