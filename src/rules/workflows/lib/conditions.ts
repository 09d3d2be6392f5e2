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
  const out: IfSite[] = [];
  for (const wf of inputs.workflows) {
    for (const job of wf.jobs) {
      if (job.if) out.push({ path: wf.path, yaml: wf.yaml, str: job.if, what: `job \`${job.id}\``, id: `job \`${job.id}\``, events: wf.events });
      for (const st of job.steps) if (st.if) out.push({ path: wf.path, yaml: wf.yaml, str: st.if, what: `step ${st.index + 1} of job \`${job.id}\``, id: `step ${stepKey({ job, step: st, steps: job.steps })}`, events: wf.events });
    }
  }
  for (const a of inputs.actions) for (const st of a.runs.steps) if (st.if) out.push({ path: a.path, yaml: a.yaml, str: st.if, what: `step ${st.index + 1} of ${a.path}`, id: `step ${stepKey({ step: st, steps: a.runs.steps })} of ${a.path}`, events: [] });
  return out;
}

/** Every `if:` written with a leading `!` that YAML took for a tag (`if: !github.event.pull_request.head.repo.fork`). */
export function taggedConditions(inputs: Pick<Inputs, "workflows" | "actions">): IfSite[] {
  const out: IfSite[] = [];
  for (const wf of inputs.workflows) {
    for (const job of wf.jobs) {
      if (job.ifTagged) out.push({ path: wf.path, yaml: wf.yaml, str: job.ifTagged, what: `job \`${job.id}\``, id: `job \`${job.id}\``, events: wf.events });
      for (const st of job.steps) if (st.ifTagged) out.push({ path: wf.path, yaml: wf.yaml, str: st.ifTagged, what: `step ${st.index + 1} of job \`${job.id}\``, id: `step ${stepKey({ job, step: st, steps: job.steps })}`, events: wf.events });
    }
  }
  for (const a of inputs.actions) for (const st of a.runs.steps) if (st.ifTagged) out.push({ path: a.path, yaml: a.yaml, str: st.ifTagged, what: `step ${st.index + 1} of ${a.path}`, id: `step ${stepKey({ step: st, steps: a.runs.steps })} of ${a.path}`, events: [] });
  return out;
}
