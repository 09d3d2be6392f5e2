import { declaredLicence, type DeclaredLicence } from "./lib/license-manifest.js";
import { isSpdxId, recogniseLicence } from "./lib/license-text.js";
import type { FileEntry, Rule } from "../types.js";
import { filesToJudge } from "../../core/link-out.js";

export const rule: Rule = {
  meta: {
    id: "repo/license",
    title: "No recognised licence file",
    severity: "low",
    confidence: "high",
    check: "License",
    rationale:
      "Without a licence file people have no legal right to use, change or redistribute the code, so careful users and companies avoid it; a text nobody can recognise forces every user into a legal review.",
    remediation:
      "Add the full text of an OSI-approved licence as LICENSE (or LICENSE.md, COPYING) in the repository root, unmodified apart from the copyright line, or start the file with an `SPDX-License-Identifier:` line; for several licences use LICENSE-MIT and LICENSE-APACHE style files or a REUSE LICENSES/ folder.",
    references: [
      { title: "OpenSSF Scorecard: License", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#license" },
      { title: "GitHub: Licensing a repository", url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/licensing-a-repository" },
      { title: "SPDX License List", url: "https://spdx.org/licenses/" },
      { title: "REUSE Specification", url: "https://reuse.software/spec/" },
    ],
    network: false,
    assessmentSection: "project-compliance",
  },

  async run(ctx) {
    const candidates = ctx.files.filter((f) => f.kind !== "submodule" && !f.path.includes("/") && isLicenceFileName(f.path));
    // Links inside the checkout are read through (REUSE trees often link LICENSES/ files); a link out is named, never passed.
    const reuse = await filesToJudge(ctx, (p) => /^LICENSES\/[^/]{1,200}$/.test(p));
    // A root folder named like a licence file holding the licence (matplotlib's LICENSE/LICENSE).
    const inFolder = await filesToJudge(ctx, (p) => LICENCE_IN_FOLDER.test(p));
    const declared = await declaredLicence(ctx);

    // REUSE: each file in LICENSES/ is named after its SPDX identifier.
    const spdxFile = reuse.find((f) => isSpdxId(f.path.slice("LICENSES/".length).replace(/\.(txt|md)$/i, "")));
    if (spdxFile) {
      ctx.evidence({ message: `the licences are kept REUSE-style in LICENSES/ (${reuse.map((f) => f.path.slice("LICENSES/".length)).join(", ")})`, locations: [{ path: spdxFile.path }] });
      return;
    }
    if (candidates.length === 0 && reuse.length === 0 && inFolder.length === 0) {
      ctx.report({
        message: declared
          ? `no licence file in the repository root; ${declared.source} declares ${declared.expression}, but the licence text itself is not shipped`
          : "no licence file (LICENSE, COPYING, UNLICENSE or a LICENSES/ folder) in the repository root",
        evidence: { spdx: "none", ...declaredEvidence(declared) },
        key: "missing",
      });
      return;
    }

    const unrecognised: FileEntry[] = [];
    for (const f of [...candidates, ...reuse, ...inFolder]) {
      const text = await ctx.readText(f.path);
      const spdx = text ? recogniseLicence(text.text) : undefined;
      if (spdx !== undefined) {
        ctx.evidence({ message: `${f.path} holds the ${spdx} licence`, locations: [{ path: f.path, startLine: 1 }] });
        return;
      }
      if (text || f.kind === "file") unrecognised.push(f);
    }
    if (unrecognised.length === 0) return ctx.notApplicable(`${candidates.map((f) => f.path).join(", ")} could not be read (a symbolic link is not followed)`);
    for (const f of unrecognised) {
      ctx.report({
        message: `${f.path} is not recognised as an SPDX licence (no SPDX-License-Identifier line and no known licence text)${declared ? `; ${declared.source} declares ${declared.expression}` : ""}`,
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

/** `LICENSE/LICENSE`, `licence/COPYING.txt`: a licence file in a root folder named like one. */
const LICENCE_IN_FOLDER = /^(?:licen[cs]e|copying)\/(?:licen[cs]e|copying)(?:\.[A-Za-z]{1,8})?$/i;

/** Extensions of files that are code or data about licences, not licence texts (license.go, LICENSE.json). */
const NOT_TEXT = /\.(js|mjs|cjs|ts|tsx|jsx|go|py|rb|java|kt|rs|c|h|cc|cpp|hpp|cs|php|swift|json|ya?ml|toml|xml|gemspec|sh|ps1|lock|css|scss|vue|svelte|sql|csv|png|jpe?g|gif|svg)$/i;
const LICENCE_FIRST = /^(?:(?:un)?licen[cs]e|copying|copyright)(?:[-_.][A-Za-z0-9.+-]{1,60})?$/i;
const LICENCE_LAST = /^[A-Za-z0-9.+-]{1,40}[-_](?:licen[cs]e|copying)(?:[-_.][A-Za-z0-9.+-]{1,60})?$/i;

/** LICENSE, LICENCE.md, COPYING, UNLICENSE, LICENSE-MIT, MIT-LICENSE.txt, COPYING.LESSER... */
function isLicenceFileName(name: string): boolean {
  return (LICENCE_FIRST.test(name) || LICENCE_LAST.test(name)) && !NOT_TEXT.test(name);
}
