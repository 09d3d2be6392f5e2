// Which runs a `workflow_run` workflow follows. It starts after the workflows its `workflows:` filter names
// (by their `name:`, or their path when they have none); when every one of them is in the checkout and only
// people with push access start them (`push`, `schedule`, a release…), no fork's pull request can have made the
// triggering run: its artifacts, branch and commit are the repository's own, as in a deploy-after-CI workflow.
import type { Workflow } from "../../../ecosystems/github-actions/index.js";

/** Events only people with write access, or GitHub for the repository's own branches, start. */
const INSIDER_EVENTS: ReadonlySet<string> = new Set([
  "push",
  "schedule",
  "workflow_dispatch",
  "workflow_call",
  "release",
  "merge_group",
  "repository_dispatch",
  "create",
  "delete",
  "deployment",
  "deployment_status",
  "page_build",
  "registry_package",
]);

const followed = new WeakMap<Workflow, readonly string[] | null>();

/**
 * Reads each `workflow_run` workflow's upstream once per scan: `workflows` are all of the checkout's. A name with
 * a pattern character, one no workflow here has, or one that an outsider's event can start leaves it as it was.
 */
export function readUpstreams(workflows: readonly Workflow[]): void {
  const byName = new Map<string, Workflow[]>();
  for (const wf of workflows) {
    const name = wf.name?.value.trim() || wf.path;
    byName.set(name, [...(byName.get(name) ?? []), wf]);
  }
  const insider = (wf: Workflow, depth: number): readonly string[] | undefined => {
    const cached = followed.get(wf);
    if (cached !== undefined) return cached ?? undefined;
    const trigger = wf.triggers.find((t) => t.event === "workflow_run");
    const names = (trigger?.filters["workflows"] ?? []).map((s) => s.value.trim());
    let out: readonly string[] | undefined;
    if (trigger && names.length > 0 && names.length <= 50 && depth <= 4 && names.every((n) => n !== "" && !/[*?[\]!]/.test(n))) {
      const upstream = names.flatMap((n) => byName.get(n) ?? []);
      const found = names.every((n) => byName.has(n));
      // A workflow that follows itself, or a cycle, is read as open: nothing bounds who starts it.
      followed.set(wf, null);
      const ok = found && upstream.every((u) => u !== wf && u.events.length > 0 && u.events.every((e) => INSIDER_EVENTS.has(e) || (e === "workflow_run" && insider(u, depth + 1) !== undefined)));
      out = ok ? names : undefined;
    }
    followed.set(wf, out ?? null);
    return out;
  };
  for (const wf of workflows) if (wf.events.includes("workflow_run")) insider(wf, 0);
}

/**
 * The workflows a `workflow_run` workflow follows when only people with push access start every one of them;
 * undefined when an outsider's pull request, issue or comment can lead to its run (or it is not known).
 */
export function insiderUpstream(wf: Workflow | undefined): readonly string[] | undefined {
  return wf ? (followed.get(wf) ?? undefined) : undefined;
}

/** `events` less `workflow_run` when `root` follows only insiders' workflows: no outsider's activity starts it then. */
export function outsiderEvents(events: readonly string[], root: Workflow | undefined): readonly string[] {
  return insiderUpstream(root) ? events.filter((e) => e !== "workflow_run") : events;
}
