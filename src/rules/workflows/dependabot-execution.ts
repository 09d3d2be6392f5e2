import { mapGet, mapPair, scalarString } from "../../ecosystems/formats/yaml.js";
import { nodeSpan, str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { loadDependabot } from "./lib/dependabot.js";
import { at } from "./lib/report.js";

export const rule: Rule = {
  meta: {
    id: "workflows/dependabot-execution",
    title: "Dependabot allowed to run dependencies' code",
    severity: "high",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "`insecure-external-code-execution: allow` lets Dependabot run code from the dependencies it updates (setup.py, gemspecs, Gradle scripts) while resolving them, with access to the registry credentials configured for it. A malicious new version of any dependency can then steal those credentials before anyone reviews the update.",
    remediation: "Set `insecure-external-code-execution: deny` (or remove the key; deny is the default), and use lockfiles Dependabot can update without running code.",
    references: [
      { title: "GitHub: Dependabot options, insecure-external-code-execution", url: "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#insecure-external-code-execution--" },
      { title: "zizmor: dependabot-execution", url: "https://docs.zizmor.sh/audits/#dependabot-execution" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const cfg = await loadDependabot(ctx);
    if (!cfg) return;
    for (const u of cfg.updates) {
      const pair = mapPair(u, "insecure-external-code-execution");
      const v = str(cfg.yaml, pair?.value);
      if (!v || v.value.trim().toLowerCase() !== "allow") continue;
      const eco = scalarString(mapGet(u, "package-ecosystem")) ?? "?";
      const dir = scalarString(mapGet(u, "directory")) ?? scalarString(mapGet(u, "directories")) ?? "/";
      const src = cfg.yaml.text.slice(v.span.offset, v.span.endOffset);
      ctx.report({
        message: `the ${eco} update of \`${dir}\` in ${cfg.path} lets Dependabot run dependencies' code (\`insecure-external-code-execution: allow\`)`,
        locations: [at(cfg.path, pair?.key ? nodeSpan(cfg.yaml, pair.key) : v.span)],
        key: `${eco}:${dir}`,
        fix: "insecure-external-code-execution: deny",
        ...(src === v.value ? { edits: [{ path: cfg.path, offset: v.span.offset, replace: src, with: "deny" }] } : {}),
      });
    }
  },
};
