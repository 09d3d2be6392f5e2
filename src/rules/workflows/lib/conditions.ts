import type { YamlFile } from "../../../ecosystems/formats/yaml.js";
import type { Str } from "../../../ecosystems/github-actions/index.js";
import { stepKey } from "./report.js";
import type { Inputs } from "./sites.js";

/** An `if:` in a file, with what it guards. */
export interface IfSite {
  path: string;
  yaml: YamlFile;
  str: Str;
  /** "job `build`" or "step 2 of job `build`". */
  what: string;
  /** The same place for a finding's key, a step named by what it is, not its position. */
  id: string;
  events: readonly string[];
}

/** Every `if:` of every job and step (workflows and composite actions). */
export function allConditions(inputs: Pick<Inputs, "workflows" | "actions">): IfSite[] {
  return conditionSites(inputs, "if");
}

/** Every `if:` written with a leading `!` that YAML took for a tag (`if: !github.event.pull_request.head.repo.fork`). */
export function taggedConditions(inputs: Pick<Inputs, "workflows" | "actions">): IfSite[] {
  return conditionSites(inputs, "ifTagged");
}

/** The conditions kept under `field` (read as written, or set aside as a YAML tag) of every job and step. */
function conditionSites(inputs: Pick<Inputs, "workflows" | "actions">, field: "if" | "ifTagged"): IfSite[] {
  const out: IfSite[] = [];
  for (const wf of inputs.workflows) {
    for (const job of wf.jobs) {
      const j = job[field];
      if (j) out.push({ path: wf.path, yaml: wf.yaml, str: j, what: `job \`${job.id}\``, id: `job \`${job.id}\``, events: wf.events });
      for (const st of job.steps) {
        const c = st[field];
        if (c) out.push({ path: wf.path, yaml: wf.yaml, str: c, what: `step ${st.index + 1} of job \`${job.id}\``, id: `step ${stepKey({ job, step: st, steps: job.steps })}`, events: wf.events });
      }
    }
  }
  for (const a of inputs.actions) {
    for (const st of a.runs.steps) {
      const c = st[field];
      if (c) out.push({ path: a.path, yaml: a.yaml, str: c, what: `step ${st.index + 1} of ${a.path}`, id: `step ${stepKey({ step: st, steps: a.runs.steps })} of ${a.path}`, events: [] });
    }
  }
  return out;
}
