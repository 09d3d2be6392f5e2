import parseSpdx, { type SpdxExpression } from "spdx-expression-parse";
import { licenceFiles, readLicences } from "./lib/license-files.js";
import { isSpdxId } from "./lib/license-text.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/license-unrecognised",
    title: "Licence not recognised as open source",
    severity: "low",
    confidence: "medium",
    check: "License",
    rationale:
      "A licence file whose text matches no licence people know (no SPDX-License-Identifier line, no known licence wording) forces every user into a legal review before they may depend on the project, and a home-made licence may not grant what the authors meant. A licence that is recognised but restricts use is reported too: source-available ones (Business Source License, Elastic License 2.0, SSPL, PolyForm), Creative Commons' NonCommercial and NoDerivatives variants, and a project's own licence named only by an SPDX `LicenseRef-` identifier. Scorecard counts such files as a licence but takes a point off when the licence is not one the FSF or the OSI approves, and so does this rule: one point off the check per file, not a zero.",
    remediation:
      "Replace the text with the full, unmodified text of an OSI-approved licence (only the copyright line changed), or start the file with an `SPDX-License-Identifier:` line naming it; keep notices about third-party code in a separate file (NOTICE, THIRD_PARTY_LICENSES). If the licence is deliberately custom, suppress the finding with the reason.",
    references: [
      { title: "OpenSSF Scorecard: License", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#license" },
      { title: "SPDX License List", url: "https://spdx.org/licenses/" },
      { title: "Open Source Initiative: Licenses", url: "https://opensource.org/licenses" },
    ],
    network: false,
    assessmentSection: "metadata",
    // Two points of this rule's share are one point of the License check (repo/license weighs the
    // same): Scorecard's 9 for a licence file that is not FSF- or OSI-approved.
    scoring: { perFinding: 2 },
  },

  async run(ctx) {
    const files = await licenceFiles(ctx);
    if (files.spdxNamed) {
      // REUSE names each file by its licence: one the OSI or the FSF approves is enough, as a
      // project may add its own terms for some files (LicenseRef-) beside its open-source licence.
      const named = files.reuse.filter((f) => isSpdxId(reuseId(f.path)));
      const open = named.find((f) => notApproved(reuseId(f.path)) === undefined);
      if (open) {
        ctx.evidence({ message: `the licences in LICENSES/ are named by their SPDX identifiers (${open.path})`, locations: [{ path: open.path }] });
        return;
      }
      const ids = named.map((f) => reuseId(f.path));
      ctx.report({
        message: `LICENSES/ holds only ${ids.join(", ")}, ${notApproved(ids[0] as string) ?? "not an approved licence"}: neither the OSI nor the FSF approves ${ids.length === 1 ? "it" : "them"} as an open-source licence`,
        locations: [{ path: files.spdxNamed.path }],
        evidence: { spdx: ids.join(", "), approved: false },
        confidence: "high",
        key: "not-approved:LICENSES/",
      });
      return;
    }
    if (files.root.length === 0 && files.reuse.length === 0 && files.inFolder.length === 0) return ctx.notApplicable("there is no licence file (repo/license reports that)");
    // A file that cannot be read as text is repo/license's to report.
    const texts = await readLicences(ctx, files, true);
    const restricted = texts.recognised ? notApproved(texts.recognised.spdx) : undefined;
    if (texts.recognised && restricted) {
      const { path, spdx } = texts.recognised;
      ctx.report({
        message: `${path} holds the ${spdx} licence, ${restricted}: neither the OSI nor the FSF approves it as an open-source licence`,
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

/** Licences assay recognises that restrict use (source-available): Scorecard does not count them as FSF- or OSI-approved. */
const SOURCE_AVAILABLE = /^(?:BUSL-1\.1|Elastic-2\.0|SSPL-1\.0|PolyForm-[\w.-]{1,60}|Prosperity-[\w.-]{1,20}|Parity-[\w.-]{1,20})$/;

/**
 * What keeps a recognised licence expression from being one the OSI or the FSF approves, or
 * undefined when it is approved: a choice (OR) is open when either side is, a combination (AND)
 * only when both are. Other SPDX identifiers are taken as open; these are the ones projects use.
 */
function notApproved(expression: string): string | undefined {
  let tree: SpdxExpression;
  try {
    tree = parseSpdx(expression);
  } catch {
    return undefined;
  }
  const judge = (e: SpdxExpression): string | undefined => {
    if ("conjunction" in e) {
      const left = judge(e.left);
      const right = judge(e.right);
      return e.conjunction === "or" ? (left && right ? left : undefined) : (left ?? right);
    }
    if (SOURCE_AVAILABLE.test(e.license)) return "which is source-available";
    // Creative Commons' NonCommercial and NoDerivatives variants forbid what open-source licences must allow.
    if (/^CC-BY-N[CD]-/.test(e.license)) return "which forbids commercial use or changes";
    // A licence the project wrote itself, named only by it.
    if (/^(?:LicenseRef|DocumentRef)-/.test(e.license)) return "a licence of the project's own (not on the SPDX list)";
    return undefined;
  };
  return judge(tree);
}

/** The licence a REUSE LICENSES/ file is named after: LICENSES/MIT.txt → MIT. */
function reuseId(path: string): string {
  return path.slice("LICENSES/".length).replace(/\.(txt|md)$/i, "");
}
