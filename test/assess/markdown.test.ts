import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noAnswers } from "../../src/assess/answers.js";
import { buildSelfAssessment, type SelfAssessmentDoc } from "../../src/assess/document.js";
import { mdInline, renderAssessmentMarkdown } from "../../src/assess/markdown.js";
import { sampleWith } from "../report/sample-assessment.js";

/**
 * Splits one line of inline Markdown into code spans and the text between them, as CommonMark
 * does: a run of backticks not escaped by a backslash opens a span that the next run of the same
 * length closes; backslash escapes work only outside spans.
 */
function splitSpans(line: string): { prose: string[]; code: string[] } {
  const prose: string[] = [];
  const code: string[] = [];
  let text = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "\\" && i + 1 < line.length) {
      text += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== "`") {
      text += c;
      i++;
      continue;
    }
    let n = 0;
    while (line[i + n] === "`") n++;
    const fence = "`".repeat(n);
    let close = -1;
    for (let j = line.indexOf(fence, i + n); j >= 0; j = line.indexOf(fence, j + 1)) {
      if (line[j - 1] !== "`" && line[j + n] !== "`") {
        close = j;
        break;
      }
      while (line[j + 1] === "`") j++;
    }
    if (close < 0) {
      text += fence;
      i += n;
      continue;
    }
    prose.push(text);
    text = "";
    code.push(line.slice(i + n, close));
    i = close + n;
  }
  prose.push(text);
  return { prose, code };
}

const HOSTILE = [
  "`",
  "``",
  "a ``` b",
  "x`y`z",
  "`<img src=x onerror=alert(1)>`",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "`[x](javascript:alert(1))`",
  "![](http://beacon.example/p.png)",
  "` ![](http://beacon.example/p.png) `",
  "http://beacon.example www.beacon.example @all #1",
  "line one\nline two\r\n# heading",
  "a | b || c",
  "`a|b`",
  "\\`x\\`",
  "<http://beacon.example>",
  "&lt;img&gt; &#96;",
];

/** Every combination of two hostile strings inside a rule message that quotes them as code, as rules do. */
function messages(): string[] {
  const out: string[] = [];
  for (const x of HOSTILE) for (const y of HOSTILE) out.push(`action \`${x}\` in ${y} is \`${y}\` and ${x}`);
  return out;
}

/** The text between code spans is inert: no raw markup, no link or image syntax, nothing GitHub links by itself. */
function assertInert(out: string, inTable: boolean): void {
  assert.doesNotMatch(out, /[\r\n]/, out);
  const { prose, code } = splitSpans(out);
  for (const p of prose) {
    assert.doesNotMatch(p, /[<>]|(?<!\\)[[\]]|:\/\/|\bwww\.(?!\u2060)|(?<![\w\u2060])@(?!\u2060)\w|#(?!\u2060)\d|&(?!amp;|lt;|gt;)/, `prose ${JSON.stringify(p)} of ${JSON.stringify(out)}`);
    if (inTable) assert.doesNotMatch(p, /(?<!\\)\|/, `a pipe splits the cell: ${JSON.stringify(out)}`);
  }
  if (inTable) for (const c of code) assert.doesNotMatch(c, /(?<!\\)\|/, `a pipe in a code span splits the cell too: ${JSON.stringify(out)}`);
}

describe("self-assessment Markdown: repository text", () => {
  it("is code spans and inert text whatever backticks, markup and line breaks it holds", () => {
    for (const m of messages()) {
      assertInert(mdInline(m), false);
      assertInert(mdInline(m, true), true);
    }
  });

  it("keeps the code spans rule messages quote, and escapes a stray backtick instead of pairing it", () => {
    assert.equal(mdInline("grant `contents: write` to `run_fuzzers`"), "grant `contents: write` to `run_fuzzers`");
    assert.equal(mdInline("a ``` b"), "a \\`\\`\\` b");
    assert.equal(mdInline("image `x` ![](http://beacon.example/p.png)"), "image `x` !\\[\\](http:\u2060//beacon.example/p.png)");
    assert.equal(mdInline("cell `a|b` | c", true), "cell `a\\|b` \\| c");
  });

  it("links nothing in evidence, tables and headings; the maintainers' metadata answers still may", () => {
    const hostile = "![](http://beacon.example/p.png) <img src=x> [x](javascript:alert(1)) `a`b` | c\nd www.evil.example";
    const a = sampleWith((x) => {
      x.target.path = "/work/![x](javascript:alert(1)) www.beacon.example";
      x.target.remote = null;
      const f = x.findings.find((y) => y.status === "open");
      assert.ok(f);
      f.message = `workflow \`${hostile}\` quotes ${hostile}`;
      f.locations = [{ path: `dir/${hostile}.yml`, startLine: 3 }];
      const rule = x.rules.find((r) => r.id === f.ruleId);
      assert.ok(rule);
      rule.outcome = "fail";
      const check = x.checks[0];
      assert.ok(check);
      check.reason = `failed: ${hostile}`;
    });
    const doc: SelfAssessmentDoc = buildSelfAssessment(a, noAnswers(), []);
    const md = renderAssessmentMarkdown(doc);
    assert.ok(md.includes("beacon"), "the hostile text is in the document");
    assert.match(md, /^# !\\\[x\\\]\(javascript:alert\(1\)\) www\.\u2060beacon\.example: security self-assessment$/m);
    for (const line of md.split("\n")) {
      if (line.startsWith("<!--")) continue;
      const { prose } = splitSpans(line);
      for (const p of prose) assert.doesNotMatch(p, /<img|(?<!\\)!\[|(?<!\\)\]\(|:\/\/(?!\u2060)|www\.(?!\u2060)/, line);
    }
    // The line break stays inside its item or cell; a table row keeps its cells.
    const row = md.split("\n").find((l) => l.startsWith("|") && l.includes("beacon"));
    assert.ok(row, md);
    assert.equal(splitSpans(row).prose.join("").split(/(?<!\\)\|/).length, splitSpans("| x | y | z |").prose.join("").split("|").length);
  });

  it("cites a place once when a finding's related location is on its own line", () => {
    const a = sampleWith((x) => {
      const f = x.findings.find((y) => y.status === "open");
      assert.ok(f);
      f.message = "job `build` runs with the default token";
      f.locations = [
        { path: ".github/workflows/ci.yml", startLine: 4, startColumn: 3 },
        { path: ".github/workflows/ci.yml", startLine: 4, startColumn: 5 },
        { path: ".github/workflows/ci.yml", startLine: 1 },
      ];
      const rule = x.rules.find((r) => r.id === f.ruleId);
      assert.ok(rule);
      rule.outcome = "fail";
    });
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), []));
    const line = md.split("\n").find((l) => l.includes("runs with the default token"));
    assert.ok(line, md);
    assert.match(line, /\(`\.github\/workflows\/ci\.yml:4`, `\.github\/workflows\/ci\.yml:1`\)/);
  });

  it("keeps a URL the maintainers or the repository's address give in the metadata table as a link", () => {
    const a = sampleWith((x) => (x.target.remote = "git@github.com:example/project.git"));
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), []));
    assert.match(md, /\| Software \| https:\/\/github\.com\/example\/project \|/);
  });
});
