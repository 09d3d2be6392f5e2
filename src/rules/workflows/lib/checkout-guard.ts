// actions/checkout refuses to check out a fork pull request's code in `pull_request_target` runs and in `workflow_run`
// runs after a pull request (v7, June 2026; backported in July 2026 to the v4, v5 and v6 major tags, not to the
// releases a SHA or a full version pins) unless the step sets `allow-unsafe-pr-checkout: true`.

import { isAction, usesName } from "./actions-data.js";
import type { UntrustedFetch } from "./untrusted-code.js";
import { versionOf } from "./versions.js";

/** Contexts whose checkout the guard recognises: the fork's head or merge commit by SHA, or the fork's repository. */
const RECOGNISED = new Set([
  "github.event.pull_request.head.sha",
  "github.event.pull_request.merge_commit_sha",
  "github.event.pull_request.head.repo.full_name",
  "github.event.workflow_run.head_sha",
  "github.event.workflow_run.head_commit.id",
  "github.event.workflow_run.head_repository.full_name",
]);

/** The guard's own pattern for a pull request ref, with the number written as an expression. */
const PULL_REF = /^refs\/pull\/\$\{\{[^}\n]{1,200}\}\}\/(?:head|merge)$/;

/**
 * The checkout (`actions/checkout@v4`) that refuses this fetch of a fork's code on every event that can run it, or
 * undefined when it runs: another action or a command, a version without the guard, the opt-in set (or set by an
 * expression), an event the guard does not cover (`issue_comment`), or a ref the guard may not recognise.
 */
export function checkoutRefusal(fetch: UntrustedFetch, events: readonly string[]): string | undefined {
  const step = fetch.step;
  if (fetch.kind !== "checkout" || !isAction(usesName(step.uses), "actions/checkout") || !step.uses) return undefined;
  if (events.length === 0 || !events.every((e) => e === "pull_request_target" || e === "workflow_run")) return undefined;
  if (step.with["allow-unsafe-pr-checkout"] !== undefined) return undefined;
  if (!RECOGNISED.has(fetch.context) && !PULL_REF.test(step.with["ref"]?.value.trim() ?? "")) return undefined;
  return guarded(step.uses) ? `actions/checkout@${step.uses.ref ?? ""}` : undefined;
}

/** True when the version a `uses:` of actions/checkout runs has the guard: v7 on, a v4–v6 major tag, or the default branch. */
function guarded(uses: NonNullable<UntrustedFetch["step"]["uses"]>): boolean {
  if (uses.refKind === "symbolic" && uses.ref === "main") return true;
  const version = versionOf(uses);
  const major = version === undefined ? undefined : Number(version.split(".")[0]);
  if (major === undefined) return false;
  if (major >= 7) return true;
  // A major tag moves to the backported release; `v4.2.2` or a SHA commented `# v4.2.2` stays where it was.
  return uses.refKind === "symbolic" && major >= 4 && /^v?\d+$/.test((uses.ref ?? "").trim());
}
