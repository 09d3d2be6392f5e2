import type { Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { usesName } from "./lib/actions-data.js";
import { at } from "./lib/report.js";
import { sequenceLabel, sequences, type Sequence } from "./lib/sequences.js";
import { shellProgram } from "./lib/steps.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/misfeature",
    title: "GitHub Actions feature that defeats review (Windows CMD shell, setup-python's pip-install)",
    severity: "low",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "Some features GitHub Actions permits make a workflow hard to review or its installs brittle. `shell: cmd` runs a step under Windows CMD, which has no formal grammar and several line-continuation and escaping mechanisms: neither a reviewer nor a tool can tell with confidence what a CMD script runs, or whether an expression expanded into it is quoted (it has not been the Windows runners' default since 2019; pwsh is). `actions/setup-python`'s `pip-install` input installs packages into the runner's global Python, outside any virtual environment and outside the project's lock, so what is installed differs by runner image and Python version. Both are reported at low, as zizmor's misfeature audit does; a step under a shell GitHub does not know (`perl {0}`, `zsh`) is reported to the auditor persona only, where zizmor reports it, since projects choose custom shells on purpose.",
    remediation:
      "Use `shell: pwsh` (or `bash`) instead of `cmd`. Instead of `pip-install:`, create a virtual environment in a `run:` step and install the project's locked requirements into it (`python -m venv .venv && .venv/bin/pip install -r requirements.txt`).",
    references: [
      { title: "zizmor: misfeature", url: "https://docs.zizmor.sh/audits/#misfeature" },
      { title: "actions/setup-python: pip-install input", url: "https://github.com/actions/setup-python/blob/main/docs/advanced-usage.md" },
      { title: "PEP 668: externally managed environments", url: "https://peps.python.org/pep-0668/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    // A default shell (a job's or the workflow's `defaults.run.shell`) is reported once, where it is written, not once per step.
    const reported = new Set<string>();
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const pip = usesName(step.uses) === "actions/setup-python" ? step.with["pip-install"] : undefined;
        if (pip && step.uses) {
          ctx.report({
            message: `\`${step.uses.raw.value}\` in ${sequenceLabel(seq)} installs \`${pip.value.slice(0, 100)}\` with \`pip-install:\`, into the runner's global Python, outside a virtual environment and the project's lock`,
            locations: [at(seq.path, pip.span), at(seq.path, step.uses.raw.span)],
            key: `pip-install:${step.index}:${seq.job?.id ?? ""}`,
            fix: "- uses: actions/setup-python@<SHA>\n- run: python -m venv .venv && .venv/bin/pip install -r requirements.txt",
          });
        }
        if (!step.run) continue;
        const declared = declaredShell(seq, step.shell);
        if (!declared || declared.str.value.includes("${{")) continue;
        const shell = shellProgram(declared.str.value);
        if (WELL_KNOWN.has(shell)) continue;
        const where = `${seq.path}:${declared.str.span.offset}`;
        if (reported.has(where)) continue;
        reported.add(where);
        const cmd = shell === "cmd";
        ctx.report({
          message: cmd
            ? `${declared.what} in ${sequenceLabel(seq)} runs \`run:\` scripts under Windows CMD (\`shell: ${declared.str.value.trim().slice(0, 60)}\`), which has no formal grammar: neither a reviewer nor a tool can tell with confidence what they run or whether what is expanded into them is quoted`
            : `${declared.what} in ${sequenceLabel(seq)} runs \`run:\` scripts under \`${declared.str.value.trim().slice(0, 60)}\`, a shell GitHub Actions does not know: what the scripts run cannot be analysed`,
          locations: [at(seq.path, declared.str.span), at(seq.path, step.run.span)],
          key: `shell:${where}`,
          fix: "shell: pwsh   # or bash",
          // A custom shell is usually chosen on purpose: zizmor reports it to auditors only.
          ...(cmd ? {} : { persona: "auditor" as const }),
        });
      }
    }
  },
};

/** Shells GitHub Actions knows, whose scripts tools can read (zizmor's list). */
const WELL_KNOWN = new Set(["bash", "sh", "pwsh", "powershell", "python"]);

/** Where a `run:` step's shell is written: the step's `shell:`, else its job's default, else its workflow's. */
function declaredShell(seq: Sequence, own: Str | undefined): { str: Str; what: string } | undefined {
  if (own) return { str: own, what: "a step" };
  const job = seq.job?.defaults.shell;
  if (job) return { str: job, what: `the default shell of job \`${seq.job?.id ?? ""}\`` };
  const wf = seq.workflow?.defaults.shell;
  return wf ? { str: wf, what: "the workflow's default shell" } : undefined;
}
