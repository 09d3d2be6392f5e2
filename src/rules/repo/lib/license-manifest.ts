import { declaredLicenses } from "../../../ecosystems/manifests.js";
import type { RuleContext } from "../../types.js";
import { validSpdxExpression } from "./license-text.js";

/** A licence a package manifest declares as a valid SPDX expression. */
export interface DeclaredLicence {
  expression: string;
  /** The manifest that declares it. */
  source: string;
}

/**
 * The first licence a root package manifest declares as a valid SPDX expression. Only
 * corroboration: the text must still ship.
 */
export async function declaredLicence(ctx: RuleContext): Promise<DeclaredLicence | undefined> {
  for (const d of await declaredLicenses(ctx)) {
    const valid = validSpdxExpression(d.expression.trim());
    if (valid) return { expression: valid, source: d.source };
  }
  return undefined;
}
