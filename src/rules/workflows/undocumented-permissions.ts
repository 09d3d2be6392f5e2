import { mapPair } from "../../ecosystems/formats/yaml.js";
import { nodeSpan, type Permissions, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { at } from "./lib/report.js";
import { loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/undocumented-permissions",
    title: "Write permission without a comment saying why",
    severity: "info",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "A `permissions:` block is only as good as the next person's ability to tell which scopes are still needed. A one-line comment per write scope (`contents: write  # creates the GitHub release`) makes an unneeded scope easy to spot and remove when the workflow changes.",
    remediation: "Add a comment on each write scope's line naming the step that needs it.",
    references: [
      { title: "zizmor: undocumented-permissions", url: "https://docs.zizmor.sh/audits/#undocumented-permissions" },
      { title: "GitHub: Controlling permissions for GITHUB_TOKEN", url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token" },
    ],
    network: false,
    // zizmor's undocumented-permissions is pedantic: a missing comment, not a wider token.
    persona: "pedantic",
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (inputs.workflows.length === 0) return ctx.notApplicable("no GitHub Actions workflows in this repository");
    for (const wf of inputs.workflows) {
      const blocks: [string, Permissions][] = [];
      if (wf.permissions) blocks.push([`the workflow level of ${wf.path}`, wf.permissions]);
      for (const j of wf.jobs) if (j.permissions) blocks.push([`job \`${j.id}\` in ${wf.path}`, j.permissions]);
      for (const [where, p] of blocks) {
        for (const [scope, level] of Object.entries(p.scopes)) {
          if (level.value !== "write" || documented(wf, level.span.line)) continue;
          const key = mapPair(p.node, scope)?.key;
          ctx.report({ message: `\`${scope}: write\` at ${where} has no comment saying which step needs it`, locations: [at(wf.path, key ? nodeSpan(wf.yaml, key) : level.span)], key: `${where}:${scope}`, fix: `${scope}: write  # needed by <step> to <what it does>` });
        }
      }
    }
  },
};

/** True when the scope's line ends with a comment, or the line above is a comment. */
function documented(wf: Workflow, line: number): boolean {
  const lines = wf.yaml.text.split("\n");
  const own = lines[line - 1] ?? "";
  const above = lines[line - 2] ?? "";
  return /\s#\s*\S/.test(own) || /^\s*#\s*\S/.test(above);
}
