// The dashboard: read-only, escaped, a strict CSP, no login on loopback (but DNS-rebinding safe),
// a token elsewhere; checked in-memory through Hono and for real in headless Chromium.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { cli } from "../../src/cli/main.js";
import type { FleetReport } from "../../src/fleet/report-model.js";
import { fleetApp, isLoopback, startServer, tokenMatches } from "../../src/fleet/server.js";
import type { FleetSource } from "../../src/fleet/source.js";
import { sampleAssessment } from "../report/sample-assessment.js";
import { HOSTILE, sampleFleetReport } from "./sample-report.js";
import { fleetReportValidator } from "./schema.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function source(report: FleetReport = sampleFleetReport()): FleetSource {
  return { report: async () => ({ report }), assessment: async (id) => (id === 1 ? sampleAssessment() : undefined), close: async () => undefined };
}

const local = fleetApp(source(), { host: "127.0.0.1", port: 0 });
const get = (path: string, headers: Record<string, string> = {}) => local.request(path, { headers: { host: "127.0.0.1:8080", ...headers } });

describe("fleet dashboard", () => {
  it("serves the overview and a page per repository, with a strict CSP and no caching", async () => {
    const res = await get("/");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-security-policy") ?? "", /^default-src 'none'; style-src 'sha256-[^']+'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const body = await res.text();
    assert.match(body, /Fleet security posture/);
    assert.match(body, /href="\/repositories\/1"/);
    const repo = await get("/repositories/1");
    assert.equal(repo.status, 200);
    assert.match(await repo.text(), /Since the previous assessment \(score 5\.1 → 6\.2\)/);
    assert.equal((await get("/repositories/99")).status, 404);
    assert.equal((await get("/repositories/1%20or%201=1")).status, 404);
    assert.equal((await get("/nope")).status, 404);
  });

  it("serves the stored assessment as the HTML report and as JSON", async () => {
    const page = await get("/repositories/1/assessment");
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-security-policy"), "frame-ancestors 'none'");
    assert.match(await page.text(), /Security assessment of/);
    assert.equal((await (await get("/repositories/1/assessment.json")).json() as { schemaVersion: string }).schemaVersion, sampleAssessment().schemaVersion);
    assert.equal((await get("/repositories/2/assessment")).status, 404);
  });

  it("serves the report document, valid against its schema", async () => {
    const validate = fleetReportValidator();
    assert.ok(validate(await (await get("/report.json")).json()), JSON.stringify(validate.errors));
  });

  it("filters by check and severity from the query, ignoring values it does not know", async () => {
    const weak = await (await get("/?check=Security-Policy")).text();
    assert.match(weak, /1 of 3 repositories weak in Security-Policy/);
    const none = await (await get("/?severity=critical")).text();
    assert.match(none, /0 of 3 repositories with open findings of critical severity or worse/);
    const junk = await (await get(`/?check=${encodeURIComponent(HOSTILE)}&severity=severe`)).text();
    assert.match(junk, /3 repositories, worst first/);
    assert.doesNotMatch(junk, /<script>alert/);
  });

  it("is read-only", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await local.request("/", { method, headers: { host: "127.0.0.1" } });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get("allow"), "GET, HEAD");
    }
  });

  it("on loopback answers only to loopback host names (DNS rebinding)", async () => {
    assert.equal((await get("/", { host: "localhost:8080" })).status, 200);
    assert.equal((await get("/", { host: "[::1]:8080" })).status, 200);
    assert.equal((await get("/", { host: "evil.example" })).status, 421);
    assert.equal((await get("/", { host: "127.0.0.1.evil.example" })).status, 421);
  });

  it("bound elsewhere, requires the token as a bearer token or a Basic password", async () => {
    const token = ["s3cret", "token", "0123456789"].join("-");
    const app = fleetApp(source(), { host: "0.0.0.0", port: 0, token });
    const res = await app.request("/", { headers: { host: "fleet.example.org" } });
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /^Basic realm="assay fleet"/);
    assert.equal((await app.request("/", { headers: { authorization: "Bearer wrong" } })).status, 401);
    assert.equal((await app.request("/", { headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await app.request("/report.json", { headers: { authorization: `Basic ${Buffer.from(`anyone:${token}`).toString("base64")}` } })).status, 200);
    assert.equal((await app.request("/", { headers: { authorization: `Basic ${Buffer.from(`anyone:${token}x`).toString("base64")}` } })).status, 401);
  });

  it("compares tokens without leaking their length and knows loopback addresses", () => {
    assert.equal(tokenMatches("abc", "abc"), true);
    assert.equal(tokenMatches("abcd", "abc"), false);
    assert.equal(tokenMatches(undefined, "abc"), false);
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "localhost"]) assert.equal(isLoopback(h), true, h);
    for (const h of ["0.0.0.0", "192.168.1.2", "example.org", "127.0.0.1.nip.io"]) assert.equal(isLoopback(h), false, h);
  });

  it("`fleet serve` refuses to listen off loopback without a token, or with a short one", async () => {
    const io = (env: Record<string, string>) => {
      let err = "";
      return { io: { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: tmpdir(), env }, err: () => err };
    };
    let r = io({});
    assert.equal(await cli(["fleet", "serve", "--host", "0.0.0.0", "--store", join(tmpdir(), "assay-never-created")], r.io), 2);
    assert.match(r.err(), /set ASSAY_FLEET_TOKEN/);
    r = io({ ASSAY_FLEET_TOKEN: "short" });
    assert.equal(await cli(["fleet", "serve", "--host", "0.0.0.0", "--store", join(tmpdir(), "assay-never-created")], r.io), 2);
    assert.match(r.err(), /at least 16 characters/);
    assert.equal(existsSync(join(tmpdir(), "assay-never-created")), false);
  });
});

describe("fleet dashboard in headless Chromium", { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const shots = process.env.ASSAY_SCREENSHOT_DIR ?? join(tmpdir(), "assay-screenshots");

  before(async () => {
    const report = sampleFleetReport();
    const hostile = report.repositories[0]?.findings[1];
    if (hostile) hostile.message = HOSTILE;
    server = await startServer(fleetApp(source(report), { host: "127.0.0.1", port: 0 }), { host: "127.0.0.1", port: 0 });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the overview and a repository page, loads nothing else, and filters without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    try {
      await page.goto(`${server.url}/`);
      assert.equal(await page.locator("h1").textContent(), "Fleet security posture");
      assert.equal(await page.locator("tbody tr").count(), 3 + 2, "three repositories and two checks");
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, "fleet-overview.png"), fullPage: true });
      await page.getByRole("combobox", { name: /^Check/ }).selectOption("Binary-Artifacts");
      await page.getByRole("combobox", { name: /^Open findings at least/ }).selectOption("high");
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(/check=Binary-Artifacts&severity=high/);
      assert.match((await page.locator("#repos-h + form + table caption").textContent()) ?? "", /^1 of 3 repositories/);
      await page.getByRole("link", { name: "acme/widgets" }).click();
      await page.waitForURL(/\/repositories\/1$/);
      assert.equal(await page.locator("h1").count(), 1);
      assert.equal(await page.locator("script, img").count(), 0, "the hostile message stayed text");
      await page.screenshot({ path: join(shots, "fleet-repository.png"), fullPage: true });
      assert.ok(requests.every((u) => u.startsWith(server.url)), requests.join(", "));
      assert.deepEqual(problems, [], "no console error (a CSP violation would show here)");
    } finally {
      await context.close();
    }
  });
});
