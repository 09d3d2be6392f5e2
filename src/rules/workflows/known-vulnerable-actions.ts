import type { Rule } from "../types.js";
import { allUses, usesDisplay } from "./lib/all-uses.js";
import { BUILT_IN, KNOWN_VULNERABLE_CHECKED, matchAdvisory } from "./lib/known-vulnerable.js";
import { at, clip } from "./lib/report.js";
import { applies, loadInputs } from "./lib/sites.js";

export const rule: Rule = {
  meta: {
    id: "workflows/known-vulnerable-actions",
    title: "Action version with a known compromise or vulnerability",
    severity: "high",
    confidence: "high",
    check: "Action-Trust",
    rationale:
      "Some action releases were published with malicious code (tj-actions/changed-files and reviewdog/action-setup in March 2025, aquasecurity/trivy-action, setup-trivy and Checkmarx's KICS action in March 2026) or have known flaws such as command injection through their outputs. A workflow that uses those refs ran, or still runs, that code with its secrets in reach.",
    remediation:
      "Move to the safe version the advisory names, pinned by its commit SHA. For compromises, also rotate every secret the affected workflows could read since the incident and check their logs for leaked values.",
    references: [
      { title: "GitHub Advisory Database (GitHub Actions)", url: "https://github.com/advisories?query=type%3Areviewed+ecosystem%3Aactions" },
      { title: "GHSA-mrrh-fwg8-r2c3: tj-actions/changed-files", url: "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3" },
      { title: "GHSA-69fq-xp46-6x23: Trivy ecosystem compromise", url: "https://github.com/aquasecurity/trivy/security/advisories/GHSA-69fq-xp46-6x23" },
      { title: "zizmor: known-vulnerable-actions", url: "https://docs.zizmor.sh/audits/#known-vulnerable-actions" },
      { title: "CWE-506: Embedded Malicious Code", url: "https://cwe.mitre.org/data/definitions/506.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/ecosystem",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const byRepo = new Map<string, typeof BUILT_IN[number][]>();
    for (const a of BUILT_IN) {
      const repo = a.action.split("/").slice(0, 2).join("/");
      byRepo.set(repo, [...(byRepo.get(repo) ?? []), a]);
    }
    for (const s of allUses(inputs.workflows, inputs.actions)) {
      if (s.uses.kind !== "repository") continue;
      for (const a of byRepo.get(`${s.uses.owner}/${s.uses.repo}`.toLowerCase()) ?? []) {
        const how = matchAdvisory(s.uses, a);
        if (!how) continue;
        const ids = [a.id, ...a.aliases].join(", ");
        const why = how === "commit" ? "pins the malicious commit itself" : how === "branch" ? `follows \`${s.uses.ref}\`, which pointed to the malicious code during the incident` : "is an affected version";
        ctx.report({
          message: `\`${usesDisplay(s.uses)}\` in ${s.where} ${why}: ${a.summary} (${ids}, ${a.published})`,
          locations: [at(s.path, s.uses.raw.span)],
          snippet: clip(s.uses.raw.value, 200),
          severity: a.kind === "compromise" ? (how === "branch" ? "high" : "critical") : "high",
          confidence: how === "branch" ? "medium" : "high",
          key: `${a.id}:${s.uses.name.toLowerCase()}@${s.uses.ref ?? ""}`,
          evidence: { advisory: a.id, aliases: a.aliases, kind: a.kind, published: a.published, listChecked: KNOWN_VULNERABLE_CHECKED, url: a.url },
          fix: a.safe ? `uses: ${s.uses.name}@<SHA of ${a.safe} or later> # v${a.safe.replace(/^v/, "")}${a.kind === "compromise" ? "   (and rotate the secrets the workflow could read)" : ""}` : `stop using ${a.action} until a clean release is confirmed, and rotate the secrets the workflow could read`,
        });
      }
    }
  },
};
