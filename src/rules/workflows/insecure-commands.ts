import type { Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/insecure-commands",
    title: "Deprecated set-env and add-path workflow commands enabled",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "`::set-env` and `::add-path` let anything a step prints set environment variables and PATH entries for later steps, so a log line from a test, a package install or a pull request's content becomes code execution. GitHub disabled them in 2020; `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns them back on.",
    remediation:
      "Remove `ACTIONS_ALLOW_UNSECURE_COMMANDS` and write to the environment files instead: `echo \"NAME=value\" >> \"$GITHUB_ENV\"` and `echo \"$dir\" >> \"$GITHUB_PATH\"`.",
    references: [
      { title: "GitHub changelog: Deprecating set-env and add-path commands", url: "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/" },
      { title: "GitHub: Workflow commands, environment files", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#environment-files" },
      { title: "zizmor: insecure-commands", url: "https://docs.zizmor.sh/audits/#insecure-commands" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const enabled = (env: Readonly<Record<string, Str>>): Str | undefined => {
      const key = Object.keys(env).find((k) => k.toUpperCase() === "ACTIONS_ALLOW_UNSECURE_COMMANDS");
      const v = key ? env[key] : undefined;
      return v && !/^(?:false|0|no|)$/i.test(v.value.trim()) ? v : undefined;
    };
    // `id` names the place for the fingerprint where `where` (said to people) holds a step's position.
    const report = (path: string, s: Str, where: string, id = where): void =>
      ctx.report({ message: `\`ACTIONS_ALLOW_UNSECURE_COMMANDS: ${clip(s.value, 30)}\` ${where} re-enables \`::set-env\` and \`::add-path\`, so any output of its steps can set variables and PATH`, locations: [at(path, s.span)], key: `enabled:${id}`, fix: "remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write to \"$GITHUB_ENV\" / \"$GITHUB_PATH\" instead" });
    for (const wf of inputs.workflows) {
      const w = enabled(wf.env);
      if (w) report(wf.path, w, `at the workflow level of ${wf.path}`);
      for (const job of wf.jobs) {
        const j = enabled(job.env);
        if (j) report(wf.path, j, `in job \`${job.id}\` of ${wf.path}`);
      }
    }
    for (const a of inputs.actions) {
      const r = enabled(a.runs.env);
      if (r) report(a.path, r, `in ${a.path}`);
    }
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const s = enabled(step.env);
        if (s) report(seq.path, s, `in step ${step.index + 1} of ${sequenceLabel(seq)}`, `in step ${stepKey({ job: seq.job, step, steps: seq.steps })} of ${seq.path}`);
        const run = step.run;
        if (!run) continue;
        // Without the opt-in the runner refuses the command (the step fails): a broken step, not an open one.
        // A composite action inherits its caller's environment, so there the opt-in cannot be ruled out.
        const on = seq.action !== undefined || [step.env, seq.job?.env ?? {}, seq.workflow?.env ?? {}].some((e) => enabled(e) !== undefined);
        const re = /::(set-env|add-path)\b/g;
        for (let m = re.exec(run.value); m; m = re.exec(run.value)) {
          ctx.report({
            message: `step ${step.index + 1} of ${sequenceLabel(seq)} uses the \`::${m[1]}\` workflow command, which GitHub disabled because any output can forge it${on ? "" : "; without ACTIONS_ALLOW_UNSECURE_COMMANDS the runner refuses it and the step fails"}`,
            locations: [at(seq.path, run.spanOf(m.index, m.index + m[0].length))],
            severity: on ? "medium" : "low",
            key: `${stepKey({ job: seq.job, step, steps: seq.steps })}:${m[1]}`,
            fix: m[1] === "set-env" ? 'echo "NAME=value" >> "$GITHUB_ENV"' : 'echo "/path/to/bin" >> "$GITHUB_PATH"',
          });
        }
      }
    }
  },
};
