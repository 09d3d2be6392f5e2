import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../../src/core/finding.js";
import { mdCode, mdText } from "../../../src/report/markdown/escape.js";
import { renderMarkdown } from "../../../src/report/markdown/render-markdown.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

/** The part of the report between a heading and the next heading of the same or higher level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const level = /^#+/.exec(heading)?.[0] ?? "###";
  const rest = md.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Cells of a table row, splitting on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

function manyOpen(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    ruleId: "repo/binary-artifacts",
    check: "Binary-Artifacts",
    severity: "high",
    confidence: "high",
    message: `blob ${i} is an executable`,
    locations: [{ path: `bin/blob-${i}` }],
    evidence: {},
    fingerprint: `fp-${i}`,
    status: "open",
  }));
}

/** The lines between `<summary>TEXT</summary>` and its closing tag, with the opening tag. */
function details(md: string, summary: string): { open: boolean; body: string } {
  const at = md.indexOf(`<summary>${summary}</summary>`);
  assert.ok(at >= 0, `no section ${summary}`);
  const tag = md.lastIndexOf("<details", at);
  return { open: md.slice(tag, at).startsWith("<details open>"), body: md.slice(at, md.indexOf("</details>", at)) };
}

describe("renderMarkdown: summary", () => {
  it("starts with a one-line verdict: the gate, the open findings by severity, the score", () => {
    const md = renderMarkdown(sampleAssessment());
    const score = sampleAssessment().summary.score?.toFixed(1);
    assert.equal(md.split("\n")[0], `❌ **assay: gate failed** — 4 open findings (1 critical, 2 high, 1 medium) · score ${score}/10`);
    assert.equal(md.split("\n")[1], "");
    const passed = renderMarkdown(sampleWith((a) => {
      a.gate = { ...a.gate, passed: true, reasons: [] };
      a.findings = a.findings.filter((f) => f.status !== "open");
      a.summary.score = 8.25;
    }));
    assert.ok(passed.startsWith("✅ **assay: gate passed** — no open findings · score 8.3/10\n\n"));
    assert.ok(!passed.includes("Why the gate failed"));
    assert.ok(!passed.includes("open finding</summary>"), "no empty severity sections");
  });

  it("says in the verdict when it reports only what a change introduced (diff mode)", () => {
    const md = renderMarkdown(sampleWith((a) => {
      a.diagnostics.push({ level: "note", code: "diff-mode", message: "only lines added since origin/main are reported: 7 findings elsewhere were left out" });
    }));
    assert.equal(md.split("\n")[0], "❌ **assay: gate failed** — 4 new findings (1 critical, 2 high, 1 medium) · only what this change introduced");
  });

  it("lists the gate's reasons right after the verdict", () => {
    const md = renderMarkdown(sampleAssessment());
    assert.ok(md.includes("\n\n**Why the gate failed**\n\n- 3 open findings at high severity or above\n- score "));
    assert.ok(md.indexOf("Why the gate failed") < md.indexOf("<details"));
  });

  it("tables the checks that lost points and collapses those that passed or do not apply", () => {
    const md = renderMarkdown(sampleAssessment());
    const table = section(md, "### Checks");
    assert.ok(table.includes("| Check | Score | Notes |"));
    assert.ok(table.includes("| Security-Policy | 0.0 | failed: "));
    assert.ok(table.includes("| Code-Owners | n/a | error: rule repo/code-owners failed to run |"));
    const rest = details(md, "3 checks: 1 passed, 2 not applicable or not available");
    assert.equal(rest.open, false);
    assert.ok(rest.body.includes("| License (Licence) | 10.0 | every rule passed |"));
    assert.ok(rest.body.includes("| Branch-Protection | n/a | not available: needs the GitHub API; skipped offline |"));
    assert.ok(rest.body.includes("| Signed-Releases | n/a | not applicable: the project publishes no releases |"));
    assert.ok(!table.slice(0, table.indexOf("<details>")).includes("License"), "a passing check is not in the visible table");
  });

  it("says the score is not available when no check could be scored, never n/a/10", () => {
    const out = renderMarkdown(sampleWith((a) => { a.summary.score = null; }));
    assert.match(out.split("\n")[0] ?? "", /score n\/a \(no check could be scored\)$/);
    assert.doesNotMatch(out, /n\/a\/10/);
  });
});

describe("renderMarkdown: findings", () => {
  it("lists open findings by severity in collapsible sections, open for critical and high", () => {
    const md = renderMarkdown(sampleAssessment());
    const summaries = [...md.matchAll(/^<summary>(\w+): \d+ open findings?<\/summary>$/gm)].map((m) => m[1]);
    assert.deepEqual(summaries, ["Critical", "High", "Medium"]);
    const critical = details(md, "Critical: 1 open finding");
    assert.equal(critical.open, true);
    assert.ok(critical.body.includes("- **CRITICAL** `deps/known-vulnerability` package-lock.json:120: lodash@\u20604.17.20 is affected by GHSA-35jh-r3h4-6jhm (command injection).\\\n  Fix: upgrade lodash to 4.17.21"));
    assert.ok(!md.includes("**HIGH** `deps/known-vulnerability`"), "a VEX-not-affected finding is not open");
    assert.equal(details(md, "High: 2 open findings").open, true);
    const medium = details(md, "Medium: 1 open finding");
    assert.equal(medium.open, false);
    assert.match(medium.body, /<\/summary>\n\n- \*\*MEDIUM\*\*/, "a blank line after the summary, so GitHub renders the list");
  });

  it("shows a multi-line fix as a code block inside the item, fenced past any backticks", () => {
    const out = renderMarkdown(sampleWith((a) => {
      const f = a.findings.find((x) => x.status === "open" && x.fix !== undefined)!;
      f.fix = "- run: echo ```\n  <script>x</script>\n";
    }));
    assert.match(out, /\n  Fix:\n\n  ````\n  - run: echo ```\n    <script>x<\/script>\n  ````\n/);
  });

  it("marks repository-level findings as such", () => {
    assert.ok(renderMarkdown(sampleAssessment()).includes("- **MEDIUM** `repo/security-policy` _repository_: No SECURITY.md"));
  });

  it("collapses findings that are not open, with counts", () => {
    const md = renderMarkdown(sampleAssessment());
    const notOpen = details(md, "4 findings not open: 1 baselined, 1 suppressed, 1 excepted, 1 not affected (VEX)");
    assert.equal(notOpen.open, false);
    const body = notOpen.body;
    assert.ok(body.includes("| baselined | high | `repo/binary-artifacts` | vendor/libfoo.so | recorded in the baseline |"));
    assert.ok(body.includes("| suppressed | high | `repo/binary-artifacts` | test/fixtures/app.jar | fixture for the jar parser |"));
    assert.ok(!body.includes("bin/tool.exe"), "open findings are not in the collapsed list");
  });

  it("says so when nothing is open", () => {
    const md = renderMarkdown(sampleWith((a) => {
      a.findings = a.findings.filter((f) => f.status !== "open");
    }));
    assert.match(md.split("\n")[0] ?? "", /— no open findings · score/);
  });

  it("caps the findings it lists", () => {
    const a = sampleWith((x) => {
      x.findings = manyOpen(60);
    });
    const md = renderMarkdown(a);
    assert.equal(md.match(/^- \*\*HIGH\*\*/gm)?.length, 50);
    assert.ok(md.includes("_…and 10 more open findings not listed here;"));
    const small = renderMarkdown(a, { maxFindings: 3 });
    assert.equal(small.match(/^- \*\*HIGH\*\*/gm)?.length, 3);
    assert.ok(small.includes("_…and 57 more open findings"));
    const notOpen = renderMarkdown(sampleWith((x) => {
      x.findings = manyOpen(5).map((f) => ({ ...f, status: "suppressed" as const }));
    }), { maxFindings: 2 });
    assert.equal(notOpen.match(/^\| suppressed \|/gm)?.length, 2);
    assert.ok(notOpen.includes("_…and 3 more._"));
    assert.ok(!renderMarkdown(sampleAssessment()).includes("more open finding"));
  });

  it("stays inside a PR comment's size limit however long and escape-heavy the findings are", () => {
    const huge = (f: Finding, i: number): Finding => ({
      ...f,
      message: "<".repeat(10_000),
      fix: "|".repeat(10_000),
      statusReason: "&".repeat(10_000),
      locations: [{ path: `${"<".repeat(5_000)}${i}`, startLine: 1 }],
    });
    const a = sampleWith((x) => {
      x.findings = [...manyOpen(500).map(huge), ...manyOpen(500).map((f, i) => ({ ...huge(f, i), status: "baselined" as const }))];
    });
    const md = renderMarkdown(a);
    assert.ok(md.length < 65_536, `${md.length} characters`);
    assert.match(md, /_…and \d+ more open findings not listed here;/);
    assert.match(md, /_…and \d+ more\._\n\n<\/details>/, "the collapsed section says what it left out and is still closed");
  });

  it("caps a mix of severities inside the limit with every section closed and the rest counted", () => {
    const severities = ["critical", "high", "medium", "low", "info"] as const;
    const a = sampleWith((x) => {
      x.findings = manyOpen(2_000).map((f, i) => ({ ...f, severity: severities[i % 5] ?? "info", message: `${"<&|".repeat(300)} ${i}` }));
    });
    const md = renderMarkdown(a, { maxFindings: 10_000 });
    assert.ok(md.length < 65_536, `${md.length} characters`);
    assert.equal(md.match(/<details/g)?.length, md.match(/<\/details>/g)?.length, "every collapsible section is closed");
    const listed = md.match(/^- \*\*[A-Z]+\*\*/gm)?.length ?? 0;
    assert.ok(listed > 10 && listed < 2_000, `${listed} listed`);
    assert.ok(md.includes(`_…and ${2_000 - listed} more open findings not listed here;`));
    assert.ok(md.startsWith("❌ **assay: gate failed** — 2000 open findings (400 critical, 400 high, 400 medium, 400 low, 400 info)"), "the verdict counts them all");
  });

  it("summarises diagnostics and lists the ones that need attention", () => {
    const diag = section(renderMarkdown(sampleAssessment()), "### Diagnostics");
    assert.ok(diag.includes("1 error, 1 warning, 1 note."));
    assert.ok(diag.includes("- **warning** `yaml-syntax` .github/workflows/ci.yml:12:5: malformed YAML"));
    assert.ok(!diag.includes("assets/video.bin"), "notes are counted, not listed");
  });
});

describe("renderMarkdown: hostile input", () => {
  const hostile = sampleWith((a) => {
    for (const f of a.findings) {
      f.locations = [{ path: "a|b<script>.md", startLine: 7 }];
      f.message = "evil `code` <img src=x onerror=alert(1)> | [link](javascript:alert(1))\n## heading";
      f.statusReason = "reason | with <b>pipe</b>";
    }
  });
  const md = renderMarkdown(hostile);

  it("never emits raw HTML from the repository", () => {
    assert.ok(!md.includes("<script"));
    assert.ok(!md.includes("<img"));
    assert.ok(!md.includes("<b>"));
    assert.ok(md.includes("a\\|b&lt;script&gt;.md:7"));
  });

  it("keeps table rows intact", () => {
    const row = md.split("\n").find((l) => l.startsWith("| baselined |"));
    assert.ok(row);
    assert.equal(cells(row).length, 5);
  });

  it("lets a hostile name create no link, mention or issue reference", () => {
    const named = renderMarkdown(
      sampleWith((a) => {
        for (const f of a.findings) f.message = "Pod/x https://evil.example.com/login www.evil.example.com @octocat @github/security-team #1 runs privileged";
      }),
    );
    assert.ok(!/https:\/\/evil|www\.evil|@octocat|@github\/|#1\b/.test(named), "no raw URL, mention or reference");
    assert.ok(named.includes("Pod/x https:\u2060//evil.example.com/login www.\u2060evil.example.com @\u2060octocat @\u2060github/security-team #\u20601 runs privileged"));
  });

  it("keeps every message on its own list line and neutralises links and code", () => {
    assert.ok(!/^## heading/m.test(md));
    assert.ok(md.includes("evil \\`code\\` &lt;img src=x onerror=alert(1)&gt; \\| \\[link\\](javascript:alert(1))\\\\n## heading"));
  });
});

describe("markdown escaping", () => {
  it("escapes inline syntax in text", () => {
    assert.equal(mdText("a*b*_c_ [x](y) `z` <t> & ~s~ \\"), "a\\*b\\*\\_c\\_ \\[x\\](y) \\`z\\` &lt;t&gt; &amp; \\~s\\~ \\\\");
  });

  it("breaks what GitHub links by itself with a word joiner: URLs, www., mentions, e-mail and issue references", () => {
    const wj = "\u2060";
    assert.equal(mdText("see https://evil.example.com/login"), `see https:${wj}//evil.example.com/login`);
    assert.equal(mdText("ftp://x.example and git://y.example"), `ftp:${wj}//x.example and git:${wj}//y.example`);
    assert.equal(mdText("go to www.evil.example.com or WWW.evil.example"), `go to www.${wj}evil.example.com or WWW.${wj}evil.example`);
    assert.equal(mdText("@octocat and @github/security-team"), `@${wj}octocat and @${wj}github/security-team`);
    assert.equal(mdText("mail admin@evil.example"), `mail admin@${wj}evil.example`);
    assert.equal(mdText("x.@octocat -@octocat"), `x.@${wj}octocat -@${wj}octocat`);
    assert.equal(mdText("lodash@4.17.20 (a dotted domain: an e-mail autolink)"), `lodash@${wj}4.17.20 (a dotted domain: an e-mail autolink)`);
    assert.equal(mdText("pin actions/checkout@v4 or o/r@11bd71901bbe"), "pin actions/checkout@v4 or o/r@11bd71901bbe", "not a link: left as written");
    assert.equal(mdText("fixes #1, owner/repo#22 and GH-3"), `fixes #${wj}1, owner/repo#${wj}22 and GH-${wj}3`);
    assert.equal(mdText("a #heading, C# and a:b"), "a #heading, C# and a:b", "only a # before digits is a reference");
  });

  it("fences code spans past any backtick run inside", () => {
    assert.equal(mdCode("plain"), "`plain`");
    assert.equal(mdCode("a`b"), "``a`b``");
    assert.equal(mdCode("`x`"), "`` `x` ``");
    assert.equal(mdCode("a|b", true), "`a\\|b`");
    assert.equal(mdCode("a|b"), "`a|b`");
  });
});

describe("Markdown report: a scanned subfolder", () => {
  it("names files by their path from the repository's top, as the pull request shows them", () => {
    const paths = sampleAssessment().findings.filter((f) => f.status === "open").flatMap((f) => f.locations.slice(0, 1).map((l) => l.path)).filter((p) => p !== "");
    assert.ok(paths.length > 0);
    const md = renderMarkdown(sampleWith((x) => (x.target.subfolder = "services/api")));
    for (const p of new Set(paths)) assert.ok(md.includes(mdText(`services/api/${p}`)), p);
    assert.equal(renderMarkdown(sampleAssessment()).includes("services/api/"), false);
  });
});
