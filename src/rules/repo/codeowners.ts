import { isMap, isSeq } from "yaml";
import { mapGet, yamlParser } from "../../ecosystems/formats/yaml.js";
import { findCodeowners, findOwnersFile, misnamedCodeowners, misplacedCodeowners, parseCodeowners } from "./lib/codeowners-file.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/codeowners",
    title: "No CODEOWNERS file",
    severity: "low",
    confidence: "high",
    check: "Code-Owners",
    rationale:
      "Without CODEOWNERS nobody is asked to review changes to sensitive code (CI workflows, release scripts, authentication), so a risky change can merge with whoever happens to look, and branch protection cannot require an owner's approval. A CODEOWNERS that names owners only for documents or the documentation folder (`/docs/`) leaves the code without one and is reported the same way.",
    remediation:
      "Add .github/CODEOWNERS (or CODEOWNERS, docs/CODEOWNERS; .gitlab/CODEOWNERS on GitLab) that names an owner for every path, e.g. `* @org/maintainers` and `/.github/ @org/security`, then require code owner review in branch protection. Projects reviewed through Prow keep Kubernetes-style OWNERS files with `approvers` and `reviewers` instead.",
    references: [
      { title: "GitHub: About code owners", url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners" },
      { title: "GitLab: Code Owners", url: "https://docs.gitlab.com/user/project/codeowners/" },
      { title: "Kubernetes: OWNERS files", url: "https://www.kubernetes.dev/docs/guide/owners/" },
      { title: "OpenSSF Scorecard: Code-Review", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#code-review" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const path = findCodeowners(ctx);
    const owners = path ? undefined : findOwnersFile(ctx);
    if (owners) {
      // Prow reads OWNERS: `approvers` and `reviewers` lists (or `filters` of them per path pattern).
      const y = await ctx.parse(owners, yamlParser);
      if (!y) return;
      const root = y.doc.contents;
      const named = (node: unknown) => isSeq(node) && node.items.length > 0;
      const filters = mapGet(root, "filters");
      if (named(mapGet(root, "approvers")) || named(mapGet(root, "reviewers")) || (isMap(filters) && filters.items.length > 0)) return;
      ctx.report({ message: `${owners} names no approvers or reviewers, so no change needs an owner's review`, locations: [{ path: owners, startLine: 1, startColumn: 1 }], key: "owners-empty" });
      return;
    }
    if (!path) {
      const misnamed = misnamedCodeowners(ctx);
      const misplaced = misnamed.length > 0 ? [] : misplacedCodeowners(ctx);
      const unread = misnamed[0] ?? misplaced[0];
      ctx.report({
        message: misnamed.length > 0
          ? `no CODEOWNERS file: ${misnamed.join(", ")} is not read by GitHub or GitLab, which only read the upper-case name CODEOWNERS`
          : misplaced.length > 0
            ? `no CODEOWNERS file where forges read it: ${misplaced.join(", ")} ${misplaced.length === 1 ? "is" : "are"} not read by GitHub or GitLab, which look only in .github/, the root, docs/ and .gitlab/`
            : "no CODEOWNERS file in .github/, the root, docs/ or .gitlab/ (nor a Kubernetes-style OWNERS file)",
        ...(unread ? { locations: [{ path: unread, startLine: 1, startColumn: 1 }] } : {}),
        key: "missing",
      });
      return;
    }
    const file = await ctx.readText(path);
    if (!file) return ctx.notApplicable(`${path} could not be read as text`);
    const parsed = parseCodeowners(file.text);
    if (parsed.entries.length === 0) {
      ctx.report({ message: `${path} has no rules, so no file has an owner`, locations: [{ path, startLine: 1, startColumn: 1 }], key: "empty" });
      return;
    }
    // A pattern with no owner (and no section default) gives no file an owner: on GitHub it takes ownership away.
    const owning = parsed.entries.filter((e) => e.owners.length > 0 || e.sectionHasOwners);
    if (owning.length === 0) {
      const first = parsed.entries[0];
      ctx.report({ message: `${path} has ${parsed.entries.length} rule${parsed.entries.length === 1 ? "" : "s"} but none names an owner (\`${(first?.pattern.raw ?? "").slice(0, 80)}\` stands alone on its line), so no file has an owner`, locations: [{ path, startLine: first?.line ?? 1, startColumn: 1 }], key: "no-owner" });
      return;
    }
    // Owning only named documents (linkerd2's CHANGES.md, GOVERNANCE.md, MAINTAINERS.md) or the
    // documentation folder (eslint's `/docs/ @eslint/website-team`) leaves every line of code without an owner.
    if (owning.every((e) => DOCUMENT.test(e.pattern.raw) || DOCS_FOLDER.test(e.pattern.raw))) {
      const first = owning[0];
      const what = owning.some((e) => DOCS_FOLDER.test(e.pattern.raw)) ? "documentation" : owning.length === 1 ? "a document" : `${owning.length} documents`;
      ctx.report({ message: `${path} only names owners for ${what} (\`${(first?.pattern.raw ?? "").slice(0, 80)}\`${owning.length > 1 ? ", …" : ""}), so no code has an owner`, locations: [{ path, startLine: first?.line ?? 1, startColumn: 1 }], key: "documents-only" });
      return;
    }
    ctx.evidence({ message: `${path} names owners for the code (${owning.length} ownership rule${owning.length === 1 ? "" : "s"})`, locations: [{ path }] });
  },
};

/** A pattern naming one document by path, with no wildcard or directory: it owns that file alone. */
const DOCUMENT = /^\/?(?:[\w.-]{1,100}\/){0,20}[\w.-]{1,100}\.(?:md|markdown|rst|txt|adoc)$/i;
/** A pattern owning the top-level documentation folder and nothing else: `docs/`, `/doc`, `/documentation/**`. */
const DOCS_FOLDER = /^\/?(?:docs?|documentation)(?:\/(?:\*{1,2})?)?$/i;
