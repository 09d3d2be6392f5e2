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

describe("renderMarkdown: summary", () => {
  it("titles the report with the verdict and the total score", () => {
    const md = renderMarkdown(sampleAssessment());
    const score = sampleAssessment().summary.score?.toFixed(1);
    assert.ok(md.startsWith(`## ❌ assay: gate failed · score ${score}/10\n`));
    const passed = renderMarkdown(sampleWith((a) => {
      a.gate = { ...a.gate, passed: true, reasons: [] };
      a.summary.score = 8.25;
    }));
    assert.ok(passed.startsWith("## ✅ assay: gate passed · score 8.3/10\n"));
    assert.ok(!passed.includes("Why the gate failed"));
  });

  it("lists the gate's reasons", () => {
    const md = renderMarkdown(sampleAssessment());
    assert.ok(md.includes("**Why the gate failed**\n\n- 3 open findings at high severity or above\n- score "));
  });

  it("tables every check with its score, or n/a and the reason", () => {
    const table = section(renderMarkdown(sampleAssessment()), "### Checks");
    assert.ok(table.includes("| Check | Score | Notes |"));
    assert.ok(table.includes("| License (Licence) | 10.0 | every rule passed |"));
    assert.ok(table.includes("| Branch-Protection | n/a | not available: needs the GitHub API; skipped offline |"));
    assert.ok(table.includes("| Signed-Releases | n/a | not applicable: the project publishes no releases |"));
    assert.ok(table.includes("| Code-Owners | n/a | error: rule repo/code-owners failed to run |"));
  });
});

describe("renderMarkdown: findings", () => {
  it("lists open findings grouped by check, in check order", () => {
    const open = section(renderMarkdown(sampleAssessment()), "### Open findings (4)");
    const headings = [...open.matchAll(/^#### (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ["Security-Policy (0.0/10)", "Dependency-Update-Tool (0.0/10)", "Binary-Artifacts (0.0/10)", "Vulnerabilities (Known vulnerabilities) (0.0/10)"]);
    const vulns = section(open, "#### Vulnerabilities (Known vulnerabilities) (0.0/10)");
    assert.ok(vulns.includes("- **CRITICAL** `deps/known-vulnerability` package-lock.json:120: lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm (command injection).\\\n  Fix: upgrade lodash to 4.17.21"));
    assert.ok(!vulns.includes("minimist"), "a VEX-not-affected finding is not open");
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
    const details = md.slice(md.indexOf("<details>"), md.indexOf("</details>"));
    assert.ok(details.includes("<summary>4 findings not open: 1 baselined, 1 suppressed, 1 excepted, 1 not affected (VEX)</summary>"));
    assert.ok(details.includes("| baselined | high | `repo/binary-artifacts` | vendor/libfoo.so | recorded in the baseline |"));
    assert.ok(details.includes("| suppressed | high | `repo/binary-artifacts` | test/fixtures/app.jar | fixture for the jar parser |"));
    assert.ok(!details.includes("bin/tool.exe"), "open findings are not in the collapsed list");
  });

  it("says so when nothing is open", () => {
    const md = renderMarkdown(sampleWith((a) => {
      a.findings = a.findings.filter((f) => f.status !== "open");
    }));
    assert.ok(md.includes("### Open findings\n\nNo open findings.\n"));
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

  it("keeps every message on its own list line and neutralises links and code", () => {
    assert.ok(!/^## heading/m.test(md));
    assert.ok(md.includes("evil \\`code\\` &lt;img src=x onerror=alert(1)&gt; \\| \\[link\\](javascript:alert(1))\\\\n## heading"));
  });
});

describe("markdown escaping", () => {
  it("escapes inline syntax in text", () => {
    assert.equal(mdText("a*b*_c_ [x](y) `z` <t> & ~s~ \\"), "a\\*b\\*\\_c\\_ \\[x\\](y) \\`z\\` &lt;t&gt; &amp; \\~s\\~ \\\\");
  });

  it("fences code spans past any backtick run inside", () => {
    assert.equal(mdCode("plain"), "`plain`");
    assert.equal(mdCode("a`b"), "``a`b``");
    assert.equal(mdCode("`x`"), "`` `x` ``");
    assert.equal(mdCode("a|b", true), "`a\\|b`");
    assert.equal(mdCode("a|b"), "`a|b`");
  });
});
