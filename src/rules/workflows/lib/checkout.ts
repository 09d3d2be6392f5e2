import type { Step } from "../../../ecosystems/github-actions/index.js";
import { isAction, usesName } from "./actions-data.js";

/**
 * The actions/checkout steps that persist the job's token because nothing says otherwise
 * (`persist-credentials: true` is a stated choice, `false` the fix), with their index in `steps`.
 */
export function persistingCheckouts(steps: readonly Step[]): { checkout: Step; at: number }[] {
  const out: { checkout: Step; at: number }[] = [];
  steps.forEach((checkout, at) => {
    if (!isAction(usesName(checkout.uses), "actions/checkout")) return;
    const persist = checkout.with["persist-credentials"]?.value.trim().toLowerCase();
    if (persist !== "false" && persist !== "true") out.push({ checkout, at });
  });
  return out;
}
