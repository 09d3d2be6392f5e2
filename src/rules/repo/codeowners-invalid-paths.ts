import { compilePattern, PathIndex } from "./lib/codeowners-glob.js";
import { findCodeowners, isValidOwner, parseCodeowners, type Token } from "./lib/codeowners-file.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/codeowners-invalid-paths",
    title: "CODEOWNERS line that assigns nothing",
    severity: "low",
    confidence: "medium",
    check: "Code-Owners",
    rationale:
      "A CODEOWNERS pattern that matches no file (often a path that was renamed), syntax the forge ignores, or an owner that is not a user, team or email address silently leaves code without the reviewer everyone believes it has.",
    remediation:
      "Fix or delete each reported line: point the pattern at paths that exist (GitHub paths are case sensitive; `docs/*` matches only files directly in docs/), drop `!` negations and `[ ]` ranges on GitHub, and write owners as @user, @org/team or an email address.",
    references: [
      { title: "GitHub: CODEOWNERS syntax", url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax" },
      { title: "GitLab: Code Owners syntax and error handling", url: "https://docs.gitlab.com/user/project/codeowners/reference/" },
      { title: "gitignore pattern format", url: "https://git-scm.com/docs/gitignore#_pattern_format" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const path = findCodeowners(ctx);
    if (!path) return ctx.notApplicable(ctx.has("OWNERS") ? "no CODEOWNERS file: ownership is kept in Kubernetes-style OWNERS files, which this rule does not check" : "no CODEOWNERS file (repo/codeowners reports it)");
    const file = await ctx.readText(path);
    if (!file) return ctx.notApplicable(`${path} could not be read as text`);
    const { entries, sections } = parseCodeowners(file.text);
    // GitHub rejects `!` and `[ ]`; GitLab reads `!` as an exclusion and `[ ]` as a character class.
    const gitlab = path.startsWith(".gitlab/") || sections.length > 0;
    // Paths the policy excludes from scanning still exist: a pattern naming them is valid.
    const index = new PathIndex(ctx.allFiles);
    const seen = new Map<string, boolean>();

    const report = (line: number, at: Token | undefined, problems: string[], kinds: string[], badOwners: string[]): void => {
      ctx.report({
        message: `${path} line ${line}: ${problems.join(", and ")}`,
        locations: [{ path, startLine: line, startColumn: at?.column ?? 1, ...(at ? { endLine: line, endColumn: at.column + at.raw.length - 1 } : {}) }],
        snippet: short(file.lineText(line), 200),
        evidence: { ...(at ? { pattern: short(at.text, 200) } : {}), problems: kinds, ...(badOwners.length > 0 ? { invalidOwners: badOwners } : {}) },
        key: `${kinds.join(",")}:${short(file.lineText(line).trim(), 300)}`,
      });
    };

    for (const s of sections) {
      const bad = s.owners.filter((o) => !isValidOwner(o.text)).map((o) => short(o.text, 80));
      if (bad.length > 0) report(s.line, undefined, [ownersProblem(bad)], ["invalid-owner"], bad);
    }
    for (const e of entries) {
      if (ctx.signal.aborted) return;
      const problems: string[] = [];
      const kinds: string[] = [];
      const pattern = e.pattern.text;
      const shown = `"${short(e.pattern.raw, 80)}"`;
      if (pattern.startsWith("@") && e.owners.length === 0) {
        problems.push(`${shown} is an owner where a path pattern should be`);
        kinds.push("missing-pattern");
      } else if (!gitlab && pattern.startsWith("!")) {
        problems.push(`GitHub does not support negated patterns like ${shown} and ignores the line`);
        kinds.push("unsupported-syntax");
      } else if (!gitlab && hasCharacterRange(pattern)) {
        problems.push(`GitHub does not support [ ] character ranges like ${shown} and ignores the line`);
        kinds.push("unsupported-syntax");
      } else {
        const glob = pattern.startsWith("!") ? pattern.slice(1) : pattern;
        let hit = seen.get(glob);
        if (hit === undefined) {
          hit = index.matchesAny(compilePattern(glob));
          seen.set(glob, hit);
        }
        if (!hit) {
          problems.push(`pattern ${shown} matches no file in the repository`);
          kinds.push("no-match");
        }
      }
      const bad = e.owners.filter((o) => !isValidOwner(o.text)).map((o) => short(o.text, 80));
      if (bad.length > 0) {
        problems.push(ownersProblem(bad));
        kinds.push("invalid-owner");
      }
      if (problems.length > 0) report(e.line, e.pattern, problems, kinds, bad);
    }
  },
};

function ownersProblem(bad: readonly string[]): string {
  const list = bad.map((o) => `"${o}"`).join(", ");
  return `${bad.length === 1 ? `owner ${list} is` : `owners ${list} are`} not a @user, @org/team or email address`;
}

function hasCharacterRange(pattern: string): boolean {
  const open = pattern.indexOf("[");
  return open !== -1 && pattern.indexOf("]", open + 1) !== -1;
}

function short(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
