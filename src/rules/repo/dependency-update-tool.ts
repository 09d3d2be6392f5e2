import { byEcosystem, findManifests } from "../../ecosystems/manifests.js";
import { findUpdateTools } from "./lib/update-tool-configs.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/dependency-update-tool",
    title: "No dependency update tool",
    severity: "high",
    confidence: "high",
    check: "Dependency-Update-Tool",
    rationale:
      "Dependencies get security fixes all the time; without a bot that proposes updates, a project keeps shipping versions with known vulnerabilities until someone notices by hand.",
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
      ctx.notApplicable("no dependency manifests, Dockerfiles or workflows using actions were found");
      return;
    }
    const ecosystems = [...byEcosystem(manifests).keys()];
    const named = ecosystems.length === 1 ? ecosystems[0] : `${ecosystems.slice(0, -1).join(", ")} and ${ecosystems[ecosystems.length - 1]}`;
    ctx.report({
      message: `no Dependabot, Renovate or other dependency update tool is configured, yet the project has ${named} dependencies`,
      evidence: { ecosystems, manifests: manifests.slice(0, 10).map((m) => m.path) },
      key: "missing",
    });
  },
};
