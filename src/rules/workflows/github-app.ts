import { mapPair } from "../../ecosystems/formats/yaml.js";
import { isMapping, type Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { isAction } from "./lib/actions-data.js";
import { allUses } from "./lib/all-uses.js";
import { at } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/github-app",
    title: "GitHub App token minted broader or longer-lived than the job needs",
    severity: "high",
    confidence: "high",
    check: "Token-Permissions",
    rationale:
      "`actions/create-github-app-token` mints an installation token for a GitHub App, which usually holds far more than the job's own GITHUB_TOKEN: write access across many repositories, administration, secrets. Without a `permission-<name>` input the token carries every permission the installation has; with `owner` and no `repositories` it reaches every repository of that owner the app is installed on; with `skip-token-revoke: true` it stays valid for up to an hour after the job, for whoever read it from a log, an artifact or a compromised step. Each makes one stolen token worth much more.",
    remediation:
      "Ask for what the job uses: one `permission-<name>` input per permission (`permission-contents: write`), `repositories: repo-a,repo-b` whenever `owner` is set, and leave `skip-token-revoke` unset so the token is revoked when the job ends.",
    references: [
      { title: "actions/create-github-app-token: inputs", url: "https://github.com/actions/create-github-app-token#inputs" },
      { title: "zizmor: github-app", url: "https://docs.zizmor.sh/audits/#github-app" },
      { title: "CWE-250: Execution with Unnecessary Privileges", url: "https://cwe.mitre.org/data/definitions/250.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    let minted = 0;
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      const step = s.step;
      if (!step || s.uses.kind !== "repository" || !isAction(s.uses.name.toLowerCase(), "actions/create-github-app-token")) continue;
      minted++;
      // `with: ${{ … }}` cannot be read statically (workflows/obfuscation speaks of it).
      const withPair = mapPair(step.node, "with");
      if (withPair && !isMapping(withPair.value)) continue;
      // Action inputs are case-insensitive.
      const input = new Map<string, Str>(Object.entries(step.with).map(([k, v]) => [k.toLowerCase(), v]));
      const here = at(s.path, s.uses.raw.span);
      if (![...input.keys()].some((k) => k.startsWith("permission-"))) {
        ctx.report({
          message: `${s.where} mints a GitHub App token with no \`permission-*\` input, so it carries every permission of the app's installation`,
          locations: [here],
          key: `${s.id}:permissions`,
          fix: "with:\n  permission-contents: read  # one permission-<name> input per permission the job uses",
        });
      }
      const owner = input.get("owner");
      if (owner && !input.has("repositories")) {
        ctx.report({
          message: `${s.where} mints a GitHub App token for owner \`${owner.value.slice(0, 60)}\` without \`repositories\`, so it reaches every repository of that owner the app is installed on`,
          locations: [at(s.path, owner.span)],
          key: `${s.id}:owner`,
          fix: "with:\n  owner: …\n  repositories: repo-a,repo-b  # only those the job works on",
        });
      }
      const skip = input.get("skip-token-revoke");
      const skipValue = skip?.value.trim().toLowerCase() ?? "";
      if (skip && (skipValue === "true" || (skipValue.startsWith("${{") && skipValue.endsWith("}}")))) {
        ctx.report({
          message: `${s.where} ${skipValue === "true" ? "keeps" : "may keep (by an expression)"} its GitHub App token valid after the job ends (skip-token-revoke), for up to an hour, for anyone who read it`,
          locations: [at(s.path, skip.span)],
          key: `${s.id}:skip-token-revoke`,
          severity: skipValue === "true" ? "medium" : "low",
          fix: "remove `skip-token-revoke` so the token is revoked when the job ends",
        });
      }
    }
    // Nothing minted is nothing to judge: a pass here would weigh in Token-Permissions beside what Scorecard scores.
    if (minted === 0) ctx.notApplicable("no workflow or action mints a GitHub App token");
  },
};
