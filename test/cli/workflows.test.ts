import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const INJECTION = "on:\n  issues:\n    types: [opened]\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n";

describe("assay workflows", () => {
  it("writes its report to --output in the format asked, as scan does, and gates on it", async () => {
    const repo = tmpRepo({ ".github/workflows/greet.yml": INJECTION });
    dirs.push(repo);
    const r = await runCli(["workflows", "--format", "sarif", "--output", "out/report.sarif"], { cwd: repo, tty: true });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, "", "nothing on standard output when a file is named");
    const sarif = JSON.parse(readFileSync(join(repo, "out", "report.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0]?.results.some((x) => x.ruleId === "workflows/template-injection"));
    const text = await runCli(["workflows", "-o", "report.txt"], { cwd: repo, tty: true });
    assert.equal(text.code, 1);
    assert.doesNotMatch(readFileSync(join(repo, "report.txt"), "utf8"), /\x1b\[/, "no colour codes in a file");
  });

  it("refuses a FILE that does not exist rather than reporting nothing and passing", async () => {
    const repo = tmpRepo({ ".github/workflows/greet.yml": INJECTION });
    dirs.push(repo);
    const r = await runCli(["workflows", ".github/workflow/greet.yml"], { cwd: repo });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^assay: error: `\.github\/workflow\/greet\.yml` does not exist/);
    assert.equal((await runCli(["workflows", ".github/workflows/greet.yml"], { cwd: repo })).code, 1);
  });

  it("audits the repository in a folder given alone, as zizmor takes one, and refuses a folder among files rather than filtering everything out", async () => {
    const repo = tmpRepo({ ".github/workflows/greet.yml": INJECTION, "vendor/lib/.github/workflows/ci.yml": INJECTION, "vendor/lib/README.md": "# lib\n" });
    dirs.push(repo);
    const here = await runCli(["workflows", "."], { cwd: repo });
    assert.equal(here.code, 1, here.stderr);
    assert.match(here.stdout, /\.github\/workflows\/greet\.yml:9/);
    // From elsewhere, a folder inside the repository: its own workflows, with the warning that the top's were not read.
    const sub = await runCli(["workflows", join(repo, "vendor", "lib"), "--format", "json"], { cwd: tmpdir() });
    assert.equal(sub.code, 1, sub.stderr);
    const a = JSON.parse(sub.stdout) as { findings: { ruleId: string; locations: { path: string }[] }[]; diagnostics: { code: string; hint?: string }[] };
    assert.ok(a.findings.some((f) => f.ruleId === "workflows/template-injection" && f.locations[0]?.path === ".github/workflows/ci.yml"));
    assert.match(a.diagnostics.find((d) => d.code === "scanned-subfolder")?.hint ?? "", /^to judge the repository, scan its top: assay workflows /);
    // The folder of the workflows themselves, as one types it: the checkout above it is audited, and its files reported.
    for (const folder of [".github/workflows", ".github", join(repo, ".github", "workflows")]) {
      const wf = await runCli(["workflows", folder, "--format", "json"], { cwd: repo });
      assert.equal(wf.code, 1, `${folder}: ${wf.stderr}`);
      const found = (JSON.parse(wf.stdout) as { findings: { locations: { path: string }[] }[] }).findings.map((f) => f.locations[0]?.path);
      assert.ok(found.length > 0 && found.every((p) => p === ".github/workflows/greet.yml"), `${folder}: ${found.join(", ")}`);
    }
    mkdirSync(join(repo, ".github", "empty"));
    assert.match((await runCli(["workflows", ".github/empty"], { cwd: repo })).stderr, /^assay: error: `\.github\/empty` holds no files/);
    // The folder is resolved against the checkout's inventory, as every audit reads it: files git
    // ignores are not audited, so a folder of nothing else is refused, never reported clean.
    mkdirSync(join(repo, ".github", "local"));
    writeFileSync(join(repo, ".github", "local", "greet.yml"), INJECTION);
    writeFileSync(join(repo, ".gitignore"), ".github/local/\n");
    const ignored = await runCli(["workflows", ".github/local"], { cwd: repo });
    assert.equal(ignored.code, 2, ignored.stdout);
    assert.match(ignored.stderr, /^assay: error: `\.github\/local` holds no files of the checkout/);
    const note = await runCli(["workflows", ".github/workflows", "--format", "json"], { cwd: repo });
    const diagnostics = (JSON.parse(note.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics;
    assert.match(diagnostics.find((d) => d.code === "only-files")?.message ?? "", /^only findings in the 1 file under \.github\/workflows\/ is reported/);
    const mixed = await runCli(["workflows", "vendor/lib", ".github/workflows/greet.yml"], { cwd: repo });
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /^assay: error: `vendor\/lib` is a folder: give one folder to audit it, or files of the checkout/);
  });
});
