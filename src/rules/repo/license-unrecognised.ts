import { licenceFiles, readLicences } from "./lib/license-files.js";
import type { Rule } from "../types.js";

/** Licences assay recognises that restrict use (source-available): Scorecard does not count them as FSF- or OSI-approved. */
const SOURCE_AVAILABLE = new Set(["BUSL-1.1", "Elastic-2.0", "SSPL-1.0"]);

export const rule: Rule = {
  meta: {
    id: "repo/license-unrecognised",
    title: "Licence not recognised as open source",
    severity: "low",
    confidence: "medium",
    check: "License",
    rationale:
      "A licence file whose text matches no licence people know (no SPDX-License-Identifier line, no known licence wording) forces every user into a legal review before they may depend on the project, and a home-made licence may not grant what the authors meant. A source-available licence (Business Source License, Elastic License 2.0, SSPL) is recognised but restricts use, so it is reported too. Scorecard counts such files as a licence but takes a point off when the licence is not one the FSF or the OSI approves, and so does this rule: one point off the check per file, not a zero.",
    remediation:
      "Replace the text with the full, unmodified text of an OSI-approved licence (only the copyright line changed), or start the file with an `SPDX-License-Identifier:` line naming it; keep notices about third-party code in a separate file (NOTICE, THIRD_PARTY_LICENSES). If the licence is deliberately custom, suppress the finding with the reason.",
    references: [
      { title: "OpenSSF Scorecard: License", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#license" },
      { title: "SPDX License List", url: "https://spdx.org/licenses/" },
      { title: "Open Source Initiative: Licenses", url: "https://opensource.org/licenses" },
    ],
    network: false,
    assessmentSection: "project-compliance",
    scoring: { perFinding: 1 },
  },

  async run(ctx) {
    const files = await licenceFiles(ctx);
    if (files.spdxNamed) {
      ctx.evidence({ message: `the licences in LICENSES/ are named by their SPDX identifiers (${files.spdxNamed.path})`, locations: [{ path: files.spdxNamed.path }] });
      return;
    }
    if (files.root.length === 0 && files.reuse.length === 0 && files.inFolder.length === 0) return ctx.notApplicable("there is no licence file (repo/license reports that)");
    // A file that cannot be read as text is repo/license's to report.
    const texts = await readLicences(ctx, files, true);
    if (texts.recognised && SOURCE_AVAILABLE.has(texts.recognised.spdx)) {
      const { path, spdx } = texts.recognised;
      ctx.report({
        message: `${path} holds the ${spdx} licence, which is source-available: neither the OSI nor the FSF approves it as an open-source licence`,
        locations: [{ path, startLine: 1, startColumn: 1 }],
        evidence: { spdx, approved: false },
        confidence: "high",
        key: `not-approved:${path}`,
      });
      return;
    }
    if (texts.recognised) {
      ctx.evidence({ message: `the licence is the standard ${texts.recognised.spdx} text, so users need no legal review of a custom licence`, locations: [{ path: texts.recognised.path, startLine: 1 }] });
      return;
    }
    if (texts.unrecognisedText.length === 0) return ctx.notApplicable("no licence file could be read as text (repo/license reports that)");
    const { declared } = files;
    for (const f of texts.unrecognisedText) {
      ctx.report({
        message: `${f.path} is not recognised as an SPDX licence (no SPDX-License-Identifier line and no known licence text)${declared ? `; ${declared.source} declares ${declared.expression}` : ""}`,
        locations: [{ path: f.path, startLine: 1, startColumn: 1 }],
        evidence: { spdx: "unrecognised", ...(declared ? { declared: declared.expression, declaredIn: declared.source } : {}) },
        key: `unrecognised:${f.path}`,
      });
    }
  },
};
