// The HTML report: escaped, self-contained, readable without JavaScript, filterable with it, and
// checked for real in headless Chromium (no network request, no CSP violation, a screenshot).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { renderHtml } from "../../../src/report/html/render-html.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HOSTILE = `</pre><script>alert(1)</script><img src=x onerror="fetch('https://evil.example/')">\u001b[31m\u202e a\u200bpp\u{e0041}`;

describe("renderHtml", () => {
  it("is one self-contained document: a CSP that allows only its own style and script, no remote resource", () => {
    const out = renderHtml(sampleAssessment());
    assert.match(out, /^<!doctype html>\n<html lang="en">/);
    assert.match(out, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    // Only the references' links point outside, and links load nothing by themselves.
    assert.doesNotMatch(out, /<(?:script|img|link|iframe)[^>]*\s(?:src|href)=/);
    assert.doesNotMatch(out, /@import|url\(/);
  });

  it("escapes everything that comes from the scanned repository", () => {
    const a = sampleWith((x) => {
      const f = x.findings[0];
      assert.ok(f);
      f.message = HOSTILE;
      f.snippet = HOSTILE;
      f.fix = HOSTILE;
      f.locations = [{ path: HOSTILE, startLine: 3 }];
      x.target.path = HOSTILE;
      x.gate.reasons = [HOSTILE];
    });
    const out = renderHtml(a);
    assert.equal(out.match(/<script>/g)?.length, 1, "only the report's own script");
    assert.doesNotMatch(out, /<img/);
    assert.doesNotMatch(out, /\u001b|\u202e|\u200b|\udb40/);
    assert.match(out, /&lt;\/pre&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it("printed to a CI log, holds no workflow command from the repository's text", () => {
    const COMMANDS = "a\n::error::pwned\r::add-mask::x\r\n  ::warning::y ##[group]z\u2028::notice::w";
    const a = sampleWith((x) => {
      const f = x.findings[0];
      assert.ok(f);
      f.message = COMMANDS;
      f.snippet = COMMANDS;
      f.fix = COMMANDS;
      f.statusReason = COMMANDS;
      f.locations = [{ path: COMMANDS, startLine: 3 }];
      x.target.path = COMMANDS;
      x.gate.reasons = [COMMANDS];
      x.diagnostics.push({ level: "error", code: "parse-error", message: COMMANDS, path: COMMANDS, line: 1 });
    });
    const out = renderHtml(a);
    assert.doesNotMatch(out, /\r|##\[/);
    // The runner ends a line at CR or LF and ignores leading spaces before `::`.
    for (const line of out.split(/\r\n|\r|\n/)) assert.ok(!line.trimStart().startsWith("::"), JSON.stringify(line));
    // The browser still shows the text as written.
    assert.match(out, /a&#10;::error::pwned&#13;::add-mask::x&#13;&#10;  ::warning::y ##&#91;group\]z\uFFFD::notice::w/);
  });

  it("links a reference only when it is a web address (a saved assessment may have been edited)", () => {
    const a = sampleWith((x) => {
      for (const r of x.rules) r.references = [{ title: "evil", url: "javascript:alert(1)" }, { title: "data", url: " data:text/html,x" }, { title: "ok", url: "https://example.org/x" }];
    });
    const out = renderHtml(a);
    assert.doesNotMatch(out, /href="(?!https:\/\/|#findings")/);
    assert.match(out, /evil \(javascript:alert\(1\)\)/);
    assert.match(out, /<a href="https:\/\/example\.org\/x" rel="noreferrer noopener">ok<\/a>/);
  });

  it("shows the verdict, the score and grade, every check and every finding", () => {
    const a = sampleAssessment();
    const out = renderHtml(a);
    assert.match(out, a.gate.passed ? /Gate passed/ : /Gate failed/);
    for (const c of a.checks) assert.ok(out.includes(`>${c.id}<`), c.id);
    assert.equal(out.match(/<article class="finding/g)?.length, a.findings.length);
    assert.match(out, /class="grade" aria-label="grade [A-F?]"/);
  });

  it("caps the findings it lists and says how many it left out", () => {
    const a = sampleAssessment();
    const out = renderHtml(a, { maxFindings: 1 });
    assert.equal(out.match(/<article class="finding/g)?.length, 1);
    assert.match(out, new RegExp(`${a.findings.length - 1} more findings are not listed`));
  });

  it("says the total is not scored when no check could be, without a /10 or a grade", () => {
    const out = renderHtml(sampleWith((a) => { a.summary.score = null; }));
    assert.match(out, /<span class="num">not scored<\/span><\/div>/);
    assert.doesNotMatch(out, /n\/a<\/span><span class="of">/);
  });
});

describe("renderHtml in headless Chromium", { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` }, () => {
  // playwright-core is loaded only here, so the other tests run without it.
  let browser: Browser;
  const dir = tmpDir({});
  const shots = process.env.ASSAY_SCREENSHOT_DIR ?? join(tmpdir(), "assay-screenshots");

  before(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  });
  after(async () => browser?.close());

  async function open(html: string, javaScriptEnabled = true) {
    const file = join(dir, `report-${javaScriptEnabled ? "js" : "nojs"}.html`);
    writeFileSync(file, html);
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    return { page, requests, problems, url: pathToFileURL(file).href, context };
  }

  it("loads nothing but itself, runs its script under its CSP, and filters findings", async () => {
    const a = sampleAssessment();
    const { page, requests, problems, url, context } = await open(renderHtml(a));
    try {
      assert.deepEqual(requests, [url], "no request besides the file itself");
      assert.deepEqual(problems, [], "no console error (a CSP violation would show here)");
      assert.equal(await page.locator("#filters").isVisible(), true);
      const open = a.findings.filter((f) => f.status === "open").length;
      const visible = () => page.locator(".finding:visible").count();
      assert.equal(await visible(), open, "by default only open findings are shown");
      assert.match((await page.locator(".count").textContent()) ?? "", new RegExp(`Showing ${open} of ${a.findings.length}`));
      await page.locator('input[name="status"]').evaluateAll((els) => els.forEach((e) => ((e as HTMLInputElement).checked = true)));
      await page.locator('input[name="q"]').fill("");
      await page.locator('input[name="q"]').dispatchEvent("input");
      assert.equal(await visible(), a.findings.length, "every status ticked shows every finding");
      const high = a.findings.filter((f) => f.severity === "high").length;
      await page.getByLabel("high", { exact: true }).uncheck();
      assert.equal(await visible(), a.findings.length - high, "unticking a severity hides its findings");
      await page.getByLabel("high", { exact: true }).check();
      await page.locator(".finding summary").first().click();
      assert.equal(await page.locator(".finding details[open] h4").first().textContent(), "Why it matters");
      await page.keyboard.press("Tab");
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, "html-report.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("is complete and readable without JavaScript", async () => {
    const a = sampleAssessment();
    const { page, requests, url, context } = await open(renderHtml(a), false);
    try {
      assert.deepEqual(requests, [url]);
      assert.equal(await page.locator("#filters").isVisible(), false, "no dead controls without the script");
      assert.equal(await page.locator(".finding:visible").count(), a.findings.length);
      assert.equal(await page.locator("h1").count(), 1);
      assert.ok((await page.locator("h2").count()) >= 3, "sections have headings");
    } finally {
      await context.close();
    }
  });
});
