import type { Step } from "../../../ecosystems/github-actions/index.js";
import type { Location } from "../../../core/finding.js";
import type { RuleContext, TextEdit } from "../../types.js";
import { isAction, usesName } from "./actions-data.js";
import { at, clip, stepRef } from "./report.js";
import { sequences, type Sequence } from "./sequences.js";
import { applies, loadInputs } from "./sites.js";
import { setStepInput } from "./yaml-edit.js";

/** An actions/checkout step that persists the job's token, and the steps that run after it. */
export interface PersistingCheckout {
  seq: Sequence;
  checkout: Step;
  later: readonly Step[];
  /** Where a finding about it points, and its identity within the file. */
  location: Location;
  snippet: string;
  key: string;
  /**
   * `persist-credentials: ${{ … }}` (or a whole `with: ${{ … }}`): the workflow decides at run time, which may well
   * be a stated choice; zizmor reports it in its pedantic persona only, and so do the rules built on this.
   */
  persona?: "pedantic";
}

/**
 * Every checkout of the repository's workflows and composite actions that persists its token
 * because nothing says otherwise (`persist-credentials: true` is a stated choice, `false` the fix).
 */
export async function persistingCheckouts(ctx: RuleContext): Promise<PersistingCheckout[]> {
  const inputs = await loadInputs(ctx);
  if (!applies(ctx, inputs)) return [];
  const out: PersistingCheckout[] = [];
  for (const seq of sequences(inputs.workflows, inputs.actions)) {
    seq.steps.forEach((checkout, i) => {
      if (!isAction(usesName(checkout.uses), "actions/checkout")) return;
      const persist = checkout.with["persist-credentials"]?.value.trim().toLowerCase();
      if (persist === "false" || persist === "true") return;
      const decided = persist?.includes("${{") === true || checkout.withExpr !== undefined;
      out.push({
        seq,
        checkout,
        later: seq.steps.slice(i + 1),
        // The whole step, from its first key, as zizmor's artipacked points at it: its line is zizmor's (the `- name:`
        // line when a name comes first), and a `# zizmor: ignore[…]` anywhere in the step covers it.
        location: at(seq.path, checkout.span),
        snippet: clip(checkout.uses?.raw.value ?? "", 120),
        key: `${seq.job?.id ?? "action"}:${stepRef(checkout, seq.steps)}`,
        ...(decided ? { persona: "pedantic" as const } : {}),
      });
    });
  }
  return out;
}

/** The edit that adds `persist-credentials: false` to the checkout's `with:` (undefined when it cannot be placed). */
export function persistOff(c: PersistingCheckout): TextEdit | undefined {
  if (c.checkout.withExpr) return undefined;
  return setStepInput(c.seq.path, c.seq.yaml, c.checkout.node, "persist-credentials", "false");
}
