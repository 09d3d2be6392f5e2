import type { DeclaredLicence } from "./lib/license-manifest.js";
import { licenceFiles, readLicences } from "./lib/license-files.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/license",
    title: "No licence file",
    severity: "low",
    confidence: "high",
    check: "License",
    rationale:
      "Without a licence file people have no legal right to use, change or redistribute the code, so careful users and companies avoid it. Like Scorecard, any licence file in the root (or a REUSE LICENSES/ folder) counts here, recognised or not, but not a list of the dependencies' licences (THIRD-PARTY-LICENSES), which is not the project's own; repo/license-unrecognised judges whether its text is a licence people know.",
    remediation:
      "Add the full text of an OSI-approved licence as LICENSE (or LICENSE.md, COPYING) in the repository root, unmodified apart from the copyright line, or start the file with an `SPDX-License-Identifier:` line; for several licences use LICENSE-MIT and LICENSE-APACHE style files or a REUSE LICENSES/ folder.",
    references: [
      { title: "OpenSSF Scorecard: License", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#license" },
      { title: "GitHub: Licensing a repository", url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/licensing-a-repository" },
      { title: "SPDX License List", url: "https://spdx.org/licenses/" },
      { title: "REUSE Specification", url: "https://reuse.software/spec/" },
    ],
    network: false,
    assessmentSection: "metadata",
  },

  async run(ctx) {
    const files = await licenceFiles(ctx);
    const { root, reuse, inFolder, spdxNamed, declared } = files;
    if (spdxNamed) {
      ctx.evidence({ message: `the licences are kept REUSE-style in LICENSES/ (${reuse.map((f) => f.path.slice("LICENSES/".length)).join(", ")})`, locations: [{ path: spdxNamed.path }] });
      return;
    }
    if (root.length === 0 && reuse.length === 0 && inFolder.length === 0) {
      ctx.report({
        message: declared
          ? `no licence file in the repository root; ${declared.source} declares ${declared.expression}, but the licence text itself is not shipped`
          : "no licence file (LICENSE, COPYING, UNLICENSE or a LICENSES/ folder) in the repository root",
        evidence: { spdx: "none", ...declaredEvidence(declared) },
        key: "missing",
      });
      return;
    }

    const texts = await readLicences(ctx, files, false);
    if (texts.recognised) {
      ctx.evidence({ message: `${texts.recognised.path} holds the ${texts.recognised.spdx} licence`, locations: [{ path: texts.recognised.path, startLine: 1 }] });
      return;
    }
    // A licence text nobody recognises is still the project's licence, as Scorecard counts it: repo/license-unrecognised judges the text.
    const [text] = texts.unrecognisedText;
    if (text) {
      ctx.evidence({ message: `${text.path} is the licence file (its text is not one assay recognises)`, locations: [{ path: text.path, startLine: 1 }] });
      return;
    }
    if (texts.notText.length === 0) return ctx.notApplicable(`${root.map((f) => f.path).join(", ")} could not be read (a symbolic link is not followed)`);
    for (const f of texts.notText) {
      ctx.report({
        message: `${f.path} is not a licence text: it cannot be read as text${declared ? `; ${declared.source} declares ${declared.expression}` : ""}`,
        locations: [{ path: f.path, startLine: 1, startColumn: 1 }],
        evidence: { spdx: "unrecognised", ...declaredEvidence(declared) },
        confidence: "medium",
        key: `unrecognised:${f.path}`,
      });
    }
  },
};

function declaredEvidence(d: DeclaredLicence | undefined): Record<string, string> {
  return d ? { declared: d.expression, declaredIn: d.source } : {};
}
