import type { Job, Step, Str, Workflow } from "../../../ecosystems/github-actions/index.js";
import { INJECTION_SINKS, lookup } from "./actions-data.js";
import type { Site } from "./sites.js";

/** The shell a `run:` step uses, normalised (`bash -e {0}` → `bash`; Windows runners default to `pwsh`). */
export function shellOf(step: Step, job: Job | undefined, workflow: Workflow | undefined): string {
  const declared = step.shell?.value ?? job?.defaults.shell?.value ?? workflow?.defaults.shell?.value;
  if (declared) {
    const first = declared.trim().split(/\s+/)[0] ?? "";
    return (first.split(/[\\/]/).pop() ?? first).replace(/\.exe$/i, "").toLowerCase();
  }
  const windows = job?.runsOn.some((l) => /windows/i.test(l.value)) ?? false;
  return windows ? "pwsh" : "bash";
}

/** A place in a step where text is evaluated as code: its `run:` script or an input a known action runs. */
export interface Sink {
  str: Str;
  kind: "run" | "input";
  /** The input's name for `input` sinks (`script`). */
  input?: string;
  /** The action for `input` sinks (`actions/github-script`). */
  action?: string;
}

/** The code sinks of a step. */
export function sinksOf(step: Step): Sink[] {
  if (step.run) return [{ str: step.run, kind: "run" }];
  const hit = lookup(INJECTION_SINKS, step);
  if (!hit) return [];
  const out: Sink[] = [];
  for (const [key, value] of Object.entries(step.with)) if (hit[1].includes(key.toLowerCase())) out.push({ str: value, kind: "input", input: key, action: hit[0] });
  return out;
}

/** The steps of a site's job or action before the site's step. */
export function stepsBefore(site: Site): readonly Step[] {
  const i = site.steps.indexOf(site.step);
  return i < 0 ? [] : site.steps.slice(0, i);
}

/** The steps after the site's step. */
export function stepsAfter(site: Site): readonly Step[] {
  const i = site.steps.indexOf(site.step);
  return i < 0 ? [] : site.steps.slice(i + 1);
}
