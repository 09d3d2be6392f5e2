import { mapGet, mapPair, scalarString } from "../../ecosystems/formats/yaml.js";
import { nodeSpan, str } from "../../ecosystems/github-actions/index.js";
import type { TextEdit } from "../../core/finding.js";
import type { Rule } from "../types.js";
import { loadDependabot } from "./lib/dependabot.js";
import { at } from "./lib/report.js";
import { appendToMapping } from "./lib/yaml-edit.js";

/** What Dependabot waits after a release when an update sets no `default-days` (GitHub's changelog of 2026-07-14). */
const GITHUB_DEFAULT_DAYS = 3;

export const rule: Rule = {
  meta: {
    id: "workflows/dependabot-cooldown",
    title: "Dependabot cooldown too short",
    severity: "medium",
    confidence: "high",
    check: "CI-Hygiene",
    rationale:
      "Hijacked packages and actions are usually caught and pulled within days (the compromised tj-actions, trivy-action and npm releases of 2025–2026 were live for hours). Since July 2026 Dependabot waits 3 days after a release before proposing it, unless `cooldown: default-days` says otherwise; a week gives the registries and the people watching them more time before an automerge or a hurried review ships a release nobody has noticed is malicious. The threshold is 7 days, as zizmor's (`days` to change it): an update without `default-days`, or without a cooldown at all, is judged at Dependabot's 3 days.",
    remediation: "Add a cooldown to each update: `cooldown:\\n  default-days: 7` (security updates are not delayed). `assay fix` adds it.",
    references: [
      { title: "GitHub: Dependabot options, cooldown", url: "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference#cooldown-" },
      { title: "GitHub changelog: Dependabot version updates introduce a default package cooldown", url: "https://github.blog/changelog/2026-07-14-dependabot-version-updates-introduce-default-package-cooldown/" },
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
      const dd = cooldown ? str(cfg.yaml, mapGet(cooldown.value, "default-days")) : undefined;
      // Without `default-days` Dependabot applies its own default (3 days since July 2026), as zizmor 1.28 takes it.
      const n = dd ? Number(dd.value) : GITHUB_DEFAULT_DAYS;
      if (!Number.isFinite(n) || n >= days) continue;
      const too = `(less than ${days})`;
      if (!cooldown) {
        const ecoPair = mapPair(u, "package-ecosystem");
        const edit = appendToMapping(cfg.path, cfg.yaml, u, ["cooldown:", `  default-days: ${days}`]);
        ctx.report({ message: `${label} sets no cooldown, so Dependabot waits only its default ${n} days before proposing a release ${too}`, locations: [at(cfg.path, nodeSpan(cfg.yaml, ecoPair?.key ?? u))], key: `${eco}:${dir}:missing`, evidence: { days: n }, fix: `cooldown:\n  default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
      } else if (!dd) {
        const edit = appendToMapping(cfg.path, cfg.yaml, cooldown.value, [`default-days: ${days}`]);
        ctx.report({ message: `${label} sets a cooldown without \`default-days\`, so releases its semver settings do not cover wait only Dependabot's default ${n} days ${too}`, locations: [at(cfg.path, nodeSpan(cfg.yaml, cooldown.key))], key: `${eco}:${dir}:no-default`, evidence: { days: n }, fix: `default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
      } else {
        const src = cfg.yaml.text.slice(dd.span.offset, dd.span.endOffset);
        const edit: TextEdit | undefined = src === dd.value ? { path: cfg.path, offset: dd.span.offset, replace: src, with: String(days) } : undefined;
        // Medium like the other two, as zizmor 1.28 rates every case: an explicit 2 protects less than Dependabot's implicit 3.
        ctx.report({ message: `${label} waits only ${n} day${n === 1 ? "" : "s"} before proposing a release ${too}`, locations: [at(cfg.path, dd.span)], key: `${eco}:${dir}:short`, evidence: { days: n }, fix: `default-days: ${days}`, ...(edit ? { edits: [edit] } : {}) });
      }
    }
  },
};
