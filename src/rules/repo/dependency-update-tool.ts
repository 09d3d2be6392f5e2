import { byEcosystem, findManifests } from "../../ecosystems/manifests.js";
import { findUpdateTools } from "./lib/update-tool-configs.js";
import type { Rule, RuleContext } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/dependency-update-tool",
    title: "No dependency update tool",
    severity: "high",
    confidence: "high",
    check: "Dependency-Update-Tool",
    rationale:
      "Dependencies get security fixes all the time; without a bot that proposes updates, a project keeps shipping versions with known vulnerabilities until someone notices by hand. Like Scorecard, assay counts Dependabot's and Renovate's configuration files, PyUp's, and Dependabot's own commits merged into the history (updates switched on in the settings alone; a shallow clone cannot show them). It also counts what Scorecard does not look for: Renovate's other documented locations (.gitlab/renovate.json, .renovaterc.json5, a `renovate` key in package.json), Scala Steward, Depfu, Renovate or Scala Steward run from a workflow, and a workflow acting on Dependabot's pull requests (dependabot/fetch-metadata). A repository with nothing for a tool to update (no manifests, Dockerfiles or workflows using actions) is reported at info: Scorecard scores the check 0 for every repository without an update tool.",
    remediation:
      "Add .github/dependabot.yml with one `updates` entry per ecosystem the project uses (for example npm, pip, gomod, docker and github-actions, each with `directory: \"/\"` and a weekly schedule), or install Renovate and commit a renovate.json. If Dependabot security updates are enabled in the repository settings only, also commit the config file so the setup is visible and reviewable.",
    references: [
      { title: "OpenSSF Scorecard: Dependency-Update-Tool", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#dependency-update-tool" },
      { title: "GitHub: Configuring Dependabot version updates", url: "https://docs.github.com/en/code-security/dependabot/dependabot-version-updates/configuring-dependabot-version-updates" },
      { title: "Renovate: Configuration file locations", url: "https://docs.renovatebot.com/configuration-options/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const tools = await findUpdateTools(ctx);
    if (tools.length > 0) {
      for (const t of tools) ctx.evidence({ message: `${t.tool} proposes dependency updates (${t.via === "workflow" ? "run from a workflow" : t.via === "package.json" ? "configured in package.json" : "configured"})`, locations: [{ path: t.path }] });
      return;
    }
    const manifests = await findManifests(ctx);
    if (manifests.length === 0) {
      // Scorecard scores the check 0 for every repository without an update tool, whatever it depends on: said at
      // info, as there is nothing here for one to update.
      ctx.report({
        message: "no Dependabot, Renovate or other dependency update tool is configured, and no dependency manifests, Dockerfiles or workflows using actions were found for one to update; Scorecard scores Dependency-Update-Tool 0 all the same, as it does for every repository without an update tool",
        severity: "info",
        evidence: { ecosystems: [] },
        key: "missing",
      });
      return;
    }
    const bot = await dependabotCommit(ctx);
    if (bot) {
      ctx.evidence({ message: `Dependabot proposes dependency updates: its commit ${bot.slice(0, 12)} is in the history (updates enabled in the repository settings, without a configuration file)` });
      return;
    }
    const ecosystems = [...byEcosystem(manifests).keys()];
    const named = ecosystems.length === 1 ? ecosystems[0] : `${ecosystems.slice(0, -1).join(", ")} and ${ecosystems[ecosystems.length - 1]}`;
    const shallow = ctx.repository.vcs === "git" && ctx.repository.shallow;
    ctx.report({
      message: `no Dependabot, Renovate or other dependency update tool is configured, yet the project has ${named} dependencies${shallow ? " (a shallow clone: commits Dependabot made without a configuration file, which Scorecard also counts, cannot be seen)" : ""}`,
      evidence: { ecosystems, manifests: manifests.slice(0, 10).map((m) => m.path) },
      ...(shallow ? { confidence: "medium" as const } : {}),
      key: "missing",
    });
  },
};

/**
 * Dependabot's GitHub account (id 49699333) as git records it when Dependabot commits: its pull
 * requests' commits reach the default branch when they are merged with a merge commit.
 */
const DEPENDABOT_COMMITTER = "49699333+dependabot[bot]@users.noreply.github.com";

/**
 * A commit reachable from HEAD that Dependabot committed: Scorecard counts Dependabot as the update
 * tool when it finds one (security updates switched on in the settings leave no file), so it is
 * evidence here too. Squash and rebase merges make GitHub the committer, so they are not counted,
 * as Scorecard does not count them.
 */
async function dependabotCommit(ctx: RuleContext): Promise<string | undefined> {
  if (ctx.repository.vcs !== "git" || ctx.repository.head === null) return undefined;
  for await (const c of ctx.history({ patches: false, headOnly: true, committer: DEPENDABOT_COMMITTER })) return c.commit;
  return undefined;
}
