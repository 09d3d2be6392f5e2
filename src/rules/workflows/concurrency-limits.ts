import { isMap } from "yaml";
import { mapGet, mapPair, scalarString } from "../../ecosystems/formats/yaml.js";
import { nodeSpan, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/concurrency-limits",
    title: "Pull request workflow without a concurrency limit",
    severity: "info",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "Without a `concurrency:` group that cancels superseded runs, every push to a pull request starts another full run while the previous ones keep going. Anyone who can open pull requests can then tie up the project's runners (and self-hosted machines) and delay real builds.",
    remediation:
      "Add at the top of the workflow: `concurrency:\\n  group: ${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}\\n  cancel-in-progress: true`.",
    references: [
      { title: "GitHub: Control the concurrency of workflows and jobs", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs" },
      { title: "zizmor: concurrency-limits", url: "https://docs.zizmor.sh/audits/#concurrency-limits" },
    ],
    network: false,
    // zizmor's concurrency-limits is pedantic: wasted runner time, not a weakness of the code.
    persona: "pedantic",
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs, "GitHub Actions workflows")) return;
    for (const wf of inputs.workflows) {
      if (!wf.events.some((e) => e === "pull_request" || e === "pull_request_target")) continue;
      if (wf.concurrency !== undefined) {
        if (!cancels(wf.concurrency)) {
          const pair = mapPair(wf.yaml.doc.contents, "concurrency");
          ctx.report({ message: `the concurrency group of ${wf.path} does not cancel superseded runs`, locations: [at(wf.path, nodeSpan(wf.yaml, pair?.key ?? wf.concurrency))], key: "no-cancel", fix: "cancel-in-progress: true" });
        }
        continue;
      }
      if (wf.jobs.length > 0 && wf.jobs.every((j) => j.concurrency !== undefined)) continue;
      ctx.report({ message: `${wf.path} runs on pull requests without a \`concurrency:\` group, so every push starts another run while the previous ones continue`, locations: [at(wf.path, wf.onSpan ?? { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 })], key: "missing", fix: fix(wf) });
    }
  },
};

/** True when a concurrency setting cancels in-progress runs (or states a choice about it). */
function cancels(node: unknown): boolean {
  if (!isMap(node)) return false;
  const v = mapGet(node, "cancel-in-progress");
  // An explicit `false` (or an expression) is a decision: respect it.
  return v !== undefined && scalarString(v) !== undefined;
}

function fix(_wf: Workflow): string {
  return "concurrency:\n  group: ${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}\n  cancel-in-progress: true";
}
