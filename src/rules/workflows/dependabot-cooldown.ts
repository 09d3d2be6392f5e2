import { mapGet, mapPair, scalarString } from "../../ecosystems/formats/yaml.js";
import { nodeSpan, str } from "../../ecosystems/github-actions/index.js";
import type { TextEdit } from "../../core/finding.js";
import type { Rule } from "../types.js";
import { loadDependabot } from "./lib/dependabot.js";
import { at } from "./lib/report.js";
import { appendToMapping } from "./lib/yaml-edit.js";

export const rule: Rule = {
  meta: {
    id: "workflows/dependabot-cooldown",
    title: "Dependabot proposes releases the day they are published",
    severity: "medium",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "Hijacked packages and actions are usually caught and pulled within days (the compromised tj-actions, trivy-action and npm releases of 2025–2026 were live for hours). Without a cooldown Dependabot opens pull requests for a release minutes after it appears, and an automerge or a hurried review ships it before anyone noticed it was malicious.",
    remediation: "Add a cooldown to each update: `cooldown:\\n  default-days: 7` (security updates are not delayed). `assay fix` adds it.",
    references: [
      { title: "GitHub: Dependabot options, cooldown", url: "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#cooldown-" },
      { title: "zizmor: dependabot-cooldown", url: "https://docs.zizmor.sh/audits/#dependabot-cooldown" },
      { title: "William Woodruff: We should all be using dependency cooldowns", url: "https://blog.yossarian.net/2025/11/21/We-should-all-be-using-dependency-cooldowns" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
    options: { days: { type: "number", default: 7, description: "the shortest `default-days` accepted" } },
  },

  async run(ctx) {
    const cfg = await loadDependabot(ctx);
    if (!cfg) return;
    const days = Number(ctx.options["days"] ?? 7);
    for (const u of cfg.updates) {
      const eco = scalarString(mapGet(u, "package-ecosystem")) ?? "?";
      const dir = scalarString(mapGet(u, "directory")) ?? "/";
      const label = `the ${eco} update of \`${dir}\` in ${cfg.path}`;
      const cooldown = mapPair(u, "cooldown");
      const ecoPair = mapPair(u, "package-ecosystem");
      const where = at(cfg.path, nodeSpan(cfg.yaml, ecoPair?.key ?? u));
      if (!cooldown) {
        const edit = appendToMapping(cfg.path, cfg.yaml, u, ["cooldown:", `  default-days: ${days}`]);
        ctx.report({ message: `${label} has no cooldown: new releases are proposed the day they appear`, locations: [where], key: `${eco}:${dir}:missing`, fix: `cooldown:\n  default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
        continue;
      }
      const dd = str(cfg.yaml, mapGet(cooldown.value, "default-days"));
      if (!dd) {
        const edit = appendToMapping(cfg.path, cfg.yaml, cooldown.value, [`default-days: ${days}`]);
        ctx.report({ message: `${label} sets a cooldown without \`default-days\`, which leaves most releases without one`, locations: [at(cfg.path, nodeSpan(cfg.yaml, cooldown.key))], key: `${eco}:${dir}:no-default`, fix: `default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
        continue;
      }
      const n = Number(dd.value);
      if (Number.isFinite(n) && n < days) {
        const src = cfg.yaml.text.slice(dd.span.offset, dd.span.endOffset);
        const edit: TextEdit | undefined = src === dd.value ? { path: cfg.path, offset: dd.span.offset, replace: src, with: String(days) } : undefined;
        ctx.report({ message: `${label} waits only ${n} day${n === 1 ? "" : "s"} before proposing a release (less than ${days})`, locations: [at(cfg.path, dd.span)], severity: "low", key: `${eco}:${dir}:short`, fix: `default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
      }
    }
  },
};
