import { README_NAME } from "./lib/readme.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/best-practices-badge",
    title: "No OpenSSF Best Practices badge",
    severity: "low",
    confidence: "medium",
    check: "CII-Best-Practices",
    rationale:
      "The OpenSSF Best Practices Badge is a self-certified checklist of the practices that make a project's security trustworthy (reporting process, tests, static analysis, signed releases); working through it finds gaps, and the badge tells users where the project stands. Offline, a badge in the README passes: it shows the project takes part. Scorecard grades the level the project reached, read from bestpractices.dev (in progress 2, passing 5, silver 7, gold 10), so a project still in progress passes here and scores low there.",
    remediation:
      "Register the project at https://www.bestpractices.dev, answer the questionnaire, and add the badge it gives you to the README. The level (passing, silver, gold) is read from bestpractices.dev, which assay does not query offline.",
    references: [
      { title: "OpenSSF Best Practices Badge", url: "https://www.bestpractices.dev/en" },
      { title: "OpenSSF Scorecard: CII-Best-Practices", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#cii-best-practices" },
    ],
    network: false,
    assessmentSection: "appendix/best-practices",
  },

  async run(ctx) {
    // A README that is a link inside the checkout (README.md -> docs/intro.md) is the README GitHub shows.
    const readmes = ctx.files.filter((f) => (f.kind === "file" || f.kind === "symlink") && README_NAME.test(f.path));
    const unread: string[] = [];
    for (const f of readmes) {
      const text = await ctx.readText(f.path);
      if (!text) unread.push(`${f.path} ${ctx.unread(f.path)?.message ?? "cannot be read as text"}`);
      const badge = text ? BADGE.exec(text.text) : null;
      if (text && badge) {
        const pos = text.positionAt(badge.index);
        ctx.evidence({ message: `${f.path} shows the OpenSSF Best Practices badge (${badge[0]})`, locations: [{ path: f.path, startLine: pos.line, startColumn: pos.column }] });
        return;
      }
    }
    // What Scorecard reads is the project's entry on bestpractices.dev, which a checkout does not hold:
    // the finding is about the badge, and says the registration itself was not checked.
    const seen = readmes.length === 0
      ? "no README, so no OpenSSF Best Practices badge: the project has not shown it takes part in the programme"
      : unread.length === readmes.length
        ? `no OpenSSF Best Practices badge can be seen: ${unread.join("; ")}`
        : `no OpenSSF Best Practices badge in ${readmes.map((f) => f.path).join(", ")}`;
    ctx.report({ message: `${seen} (${REGISTRATION_OFFLINE})`, key: "missing" });
  },
};

/** What a missing badge's finding says it could not check. */
const REGISTRATION_OFFLINE = "not checked offline: whether the project is registered on bestpractices.dev, which Scorecard reads";

/** A link to a project on bestpractices.dev (or its former host), as the badge markdown has. */
const BADGE = /(?:bestpractices\.dev|bestpractices\.coreinfrastructure\.org)\/(?:[a-z]{2}(?:-[A-Za-z]{2})?\/)?projects\/\d{1,7}/;
