// `assay assess` end to end on a repository shaped like a CNCF project: the document, its golden
// copy, --check (current, stale, missing answers, line shifts), --init and --format html.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";

const FIXTURE = new URL("../fixtures/assess/cncf-like", import.meta.url).pathname;
const GOLDEN = new URL("../golden/self-assessment.md", import.meta.url).pathname;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "assay-assess-")), "widgetd");
  dirs.push(join(dir, ".."));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: { SOURCE_DATE_EPOCH: "1780272000", ASSAY_NOW: "2026-06-01T00:00:00Z", ASSAY_DB: "/nonexistent/assay-db" } });
  return { code, stdout, stderr };
}

describe("assay assess", () => {
  it("drafts the self-assessment of a CNCF-like project from its evidence and answers (golden file)", async () => {
    const dir = copy();
    const r = await run(["assess", "."], dir);
    assert.equal(r.code, 0, r.stderr);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, r.stdout);
    assert.equal(r.stdout, readFileSync(GOLDEN, "utf8"));
    // The evidence that matters, cited by file, line and rule:
    assert.match(r.stdout, /✅ static analysis runs in CI: CodeQL \(`\.github\/workflows\/codeql\.yml:\d+`\) · `repo\/sast`/);
    assert.match(r.stdout, /✅ SECURITY\.md names a private reporting channel: an email address \(`SECURITY\.md:5`\)/);
    assert.match(r.stdout, /- \*\*API server\*\*: Serves the operator API on port 8443/);
    assert.match(r.stdout, /- `cmd\/widgetd\/main\.go:12`: `log\.Fatal\(http\.ListenAndServe\(":8443", mux\)\)`/);
    assert.match(r.stdout, /- `pkg\/runner\/hook\.go:10`: `return exec\.CommandContext\(ctx, path, args\.\.\.\)\.Run\(\)`/);
  });

  it("--check passes on a current document, ignores line shifts, fails when evidence changes or an answer is missing", async () => {
    const dir = copy();
    assert.equal((await run(["assess", ".", "--output", "SECURITY-ASSESSMENT.md"], dir)).code, 0);
    const ok = await run(["assess", ".", "--check"], dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /SECURITY-ASSESSMENT\.md is current/);
    // A line added above a cited line moves the citation, which is not a change of evidence.
    writeFileSync(join(dir, "SECURITY.md"), `<!-- reviewed -->\n${readFileSync(join(dir, "SECURITY.md"), "utf8")}`);
    assert.equal((await run(["assess", ".", "--check"], dir)).code, 0);
    // Evidence that changes: the CodeQL workflow goes away.
    rmSync(join(dir, ".github/workflows/codeql.yml"));
    const stale = await run(["assess", ".", "--check"], dir);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /SECURITY-ASSESSMENT\.md is stale against today's evidence/);
    // …and says where: the section whose evidence changed, with the line that went away.
    assert.match(stale.stderr, /section "Development pipeline" differs: the document says "- ✅ static analysis runs in CI: CodeQL/);
    // A required answer removed.
    assert.equal((await run(["assess", ".", "--output", "SECURITY-ASSESSMENT.md"], dir)).code, 0);
    writeFileSync(join(dir, ".assay/assessment.yml"), readFileSync(join(dir, ".assay/assessment.yml"), "utf8").replace(/  non-goals:\n.*\n/, ""));
    assert.equal((await run(["assess", ".", "--output", "SECURITY-ASSESSMENT.md"], dir)).code, 0);
    const missing = await run(["assess", ".", "--check"], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /required answers missing in \.assay\/assessment\.yml: overview\.non-goals/);
  });

  it("--check quotes the committed document's lines without letting them act on the terminal", async () => {
    const dir = copy();
    assert.equal((await run(["assess", ".", "--output", "SECURITY-ASSESSMENT.md"], dir)).code, 0);
    const doc = readFileSync(join(dir, "SECURITY-ASSESSMENT.md"), "utf8");
    writeFileSync(join(dir, "SECURITY-ASSESSMENT.md"), `${doc}\n## Extra \u001b[2J section\n\n::error::x\n`);
    const r = await run(["assess", ".", "--check"], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /section "Extra \\e\[2J section" is not in today's draft/);
    assert.doesNotMatch(r.stderr, /\u001b/);
  });

  it("printed to a CI log, the draft holds no workflow command from the repository's file names", async () => {
    const dir = copy();
    // A checked-in executable: repo/binary-artifacts quotes its name, in a code span, in the draft.
    writeFileSync(join(dir, "tool##[error]pwned.exe"), new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0)]));
    const r = await run(["assess", "."], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /tool##\\\[error\]pwned\.exe/);
    assert.doesNotMatch(r.stdout, /##\[/);
  });

  it("--check fails when there is no document yet", async () => {
    const dir = copy();
    const r = await run(["assess", ".", "--check"], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /SECURITY-ASSESSMENT\.md does not exist/);
  });

  it("--init writes the commented answers file once; a broken answers file is one clear error", async () => {
    const dir = copy();
    rmSync(join(dir, ".assay"), { recursive: true });
    assert.equal((await run(["assess", ".", "--init"], dir)).code, 0);
    assert.match(readFileSync(join(dir, ".assay/assessment.yml"), "utf8"), /# The project's domain and the problem it solves/);
    const again = await run(["assess", ".", "--init"], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists — edit it, or pass --force/);
    writeFileSync(join(dir, ".assay/assessment.yml"), "overview:\n  goalz: [x]\n");
    const bad = await run(["assess", "."], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^assay: error: \.assay\/assessment\.yml:2:3: unknown question `overview\.goalz`/);
  });

  it("refuses an answers file that is a symbolic link out of the checkout", async () => {
    const dir = copy();
    const outside = join(dir, "..", "elsewhere.yml");
    writeFileSync(outside, "version: 1\n");
    rmSync(join(dir, ".assay/assessment.yml"));
    const { symlinkSync } = await import("node:fs");
    symlinkSync(outside, join(dir, ".assay/assessment.yml"));
    const r = await run(["assess", "."], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a symbolic link out of the checkout/);
  });

  it("--check reads no document through a link out of the checkout, and no device or endless file", async () => {
    const { symlinkSync } = await import("node:fs");
    const dir = copy();
    const outside = join(dir, "..", "secret.txt");
    writeFileSync(outside, "root:x:0:0\n");
    symlinkSync(outside, join(dir, "SECURITY-ASSESSMENT.md"));
    const out = await run(["assess", ".", "--check"], dir);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /SECURITY-ASSESSMENT\.md is a symbolic link out of the checkout/);
    assert.doesNotMatch(out.stderr, /root:x/);
    rmSync(join(dir, "SECURITY-ASSESSMENT.md"));
    symlinkSync("/dev/zero", join(dir, "SECURITY-ASSESSMENT.md"));
    assert.equal((await run(["assess", ".", "--check"], dir)).code, 2);
    const device = await run(["assess", ".", "--check", "--output", "/dev/zero"], dir);
    assert.equal(device.code, 2);
    assert.match(device.stderr, /self-assessment document is not a regular file: \/dev\/zero/);
  });

  it("writes a self-contained HTML version", async () => {
    const dir = copy();
    assert.equal((await run(["assess", ".", "--format", "html", "--output", "sa.html"], dir)).code, 0);
    const html = readFileSync(join(dir, "sa.html"), "utf8");
    assert.ok(existsSync(join(dir, "sa.html")));
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<h1>widgetd: security self-assessment<\/h1>/);
    assert.doesNotMatch(html, /<script|<link|src=/);
  });
});
