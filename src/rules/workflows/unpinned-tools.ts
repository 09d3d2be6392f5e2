import type { Rule } from "../types.js";
import { lookup, UNPINNED_TOOL_DEFAULTS } from "./lib/actions-data.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { applies, loadInputs } from "./lib/sites.js";

const FLOATING = /^(?:latest|\*|x|\*\.\*|x\.x)$/i;

export const rule: Rule = {
  meta: {
    id: "workflows/unpinned-tools",
    title: "Action installs whatever version of a tool is latest",
    severity: "medium",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "Setup actions download a tool at run time. Asked for `latest` (or left to a default of `latest`), each run can install a different build, including a compromised release published minutes earlier (as Trivy 0.69.4 was in March 2026): the pinned action does not pin what it installs.",
    remediation: "Give the tool's version input an exact version (`version: v0.69.3`), and update it deliberately (Renovate can track these inputs).",
    references: [
      { title: "zizmor: unpinned-tools", url: "https://docs.zizmor.sh/audits/#unpinned-tools" },
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    // Steps that install a tool at a version they choose, pinned or not: with none, there is nothing to pin.
    let judged = 0;
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        if (!step.uses || step.uses.kind !== "repository") continue;
        if (Object.keys(step.with).some((k) => /(?:^|[-_])version$/i.test(k)) || lookup(UNPINNED_TOOL_DEFAULTS, step)) judged++;
        const explicit = Object.entries(step.with).find(([k, v]) => /(?:^|[-_])version$/i.test(k) && FLOATING.test(v.value.trim()));
        if (explicit) {
          ctx.report({
            message: `step ${step.index + 1} (${clip(step.uses.raw.value, 80)}) of ${sequenceLabel(seq)} asks for \`${explicit[0]}: ${explicit[1].value.trim()}\`, so each run installs whatever is newest`,
            locations: [at(seq.path, explicit[1].span)],
            key: `${stepKey({ job: seq.job, step, steps: seq.steps })}:${explicit[0]}`,
            fix: `${explicit[0]}: <exact version>`,
          });
          continue;
        }
        const hit = lookup(UNPINNED_TOOL_DEFAULTS, step);
        if (!hit) continue;
        const input = hit[1];
        if (Object.keys(step.with).some((k) => k.toLowerCase() === input)) continue;
        ctx.report({
          message: `step ${step.index + 1} (${clip(step.uses.raw.value, 80)}) of ${sequenceLabel(seq)} does not set \`${input}\`, and ${hit[0]} then installs the latest release`,
          locations: [at(seq.path, step.uses.raw.span)],
          key: `${stepKey({ job: seq.job, step, steps: seq.steps })}:${input}`,
          fix: `with:\n  ${input}: <exact version>`,
        });
      }
    }
    if (judged === 0) ctx.notApplicable("no workflow step installs a tool through an action that takes its version");
  },
};
