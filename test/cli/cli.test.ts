import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { initCommand } from "../../src/cli/init.js";
import { parsePolicy } from "../../src/policy/policy-file.js";
import { CHECKS, RULES } from "../../src/rules/index.js";
import { VERSION } from "../../src/version.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

/** Runs the CLI in-process and captures what it prints. */
async function run(args: string[], opts: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: opts.cwd ?? process.cwd(),
    env: { SOURCE_DATE_EPOCH: "1780272000", ASSAY_NOW: "2026-06-01T00:00:00Z", ...(opts.env ?? {}) },
  });
  return { code, stdout, stderr };
}

const NO_POLICY = { "README.md": "# demo\n" };

describe("assay CLI", () => {
  it("prints its version, equal to package.json's", async () => {
    const r = await run(["--version"]);
    assert.equal(r.stdout.trim(), VERSION);
    assert.equal(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version, VERSION);
  });

  it("exits 2 with one line for usage errors", async () => {
    for (const args of [["frobnicate"], ["scan", "--nope"], ["scan", "--format", "pdf"], ["scan", "a", "b"], ["explain", "repo/nope"], ["scan", "--fail-on", "severe"]]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /^assay: error: .+\n$/, args.join(" "));
    }
  });

  it("names the flag in assay's words when node's parser refuses it", async () => {
    const cases: [string[], RegExp][] = [
      [["scan", "--bogus"], /^assay: error: unknown option `--bogus` — usage: assay scan /],
      [["scan", "--format"], /^assay: error: --format needs a value — /],
      [["scan", "-f"], /^assay: error: --format needs a value — /],
      [["scan", "--min-score", "-1"], /^assay: error: --min-score needs a value; for one that starts with -, write --min-score=VALUE — /],
      [["rules", "--json=yes"], /^assay: error: --json takes no value — usage: assay rules/],
      [["scan", "--output="], /^assay: error: --output needs a file name — /],
      [["scan", ""], /^assay: error: an argument is empty \(an unset variable\?\): write \. for the current directory — usage: assay scan /],
      [["init", ""], /^assay: error: an argument is empty /],
      // Conflicting values of one flag: the last would win silently.
      [["scan", "--format", "json", "-f", "sarif"], /^assay: error: --format is given twice \(`json`, then `sarif`\): give it once — usage: assay scan /],
    ];
    for (const [args, expected] of cases) {
      const r = await run(args, { cwd: tmpDir(NO_POLICY) });
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, expected, args.join(" "));
    }
  });

  it("suggests the command, flag, rule or policy key a typo meant", async () => {
    const cases: [string[], RegExp][] = [
      [["scna"], /^assay: error: unknown command `scna` \(did you mean `scan`\?\)/],
      [["scan", "--fromat", "json"], /^assay: error: unknown option `--fromat` \(did you mean `--format`\?\) — usage: assay scan /],
      [["explain", "workflows/template-injectoin"], /unknown rule or check `workflows\/template-injectoin` \(did you mean `workflows\/template-injection`\?\)/],
      [["explain", "Code-Reveiw"], /\(did you mean `Code-Review`\?\)/],
      [["scan", "--rule", "template-injection"], /unknown rule or family `template-injection` \(did you mean `workflows\/template-injection`\?\)/],
      [["scan", "--rule", "workflow"], /\(did you mean `workflows`\?\)/],
      [["db", "updat"], /unknown subcommand `db updat` \(did you mean `update`\?\)/],
      [["scan", "--format", "JSON"], /^assay: error: unknown format `JSON` \(did you mean `json`\?\) — --format takes one of: text, json, sarif/],
      [["scan", "--format", "sarfi"], /unknown format `sarfi` \(did you mean `sarif`\?\)/],
      [["report", "--from", "a.json", "--format", "markdwon"], /unknown format `markdwon` \(did you mean `markdown`\?\)/],
      [["workflows", "--format", "githbu"], /unknown format `githbu` \(did you mean `github`\?\)/],
      [["sbom", "--format", "spxd"], /^assay: error: unknown SBOM format `spxd` \(did you mean `spdx`\?\) — --format takes one of: cyclonedx, spdx/],
      [["assess", "--format", "htlm"], /unknown format `htlm` \(did you mean `html`\?\)/],
      // An option before the command is an option, not an unknown command.
      [["--format", "json", "scan"], /^assay: error: unknown option `--format` — options follow the command, e\.g\. `assay scan --format json`/],
      [["--format", "json", "."], /^assay: error: unknown option `--format` — options follow the command, e\.g\. `assay scan --format json \.`/],
      [["--dry-run", "fix"], /e\.g\. `assay fix --dry-run`/],
      [["--verison"], /^assay: error: unknown option `--verison` \(did you mean `--version`\?\)/],
    ];
    for (const [args, expected] of cases) {
      const r = await run(args, { cwd: tmpDir(NO_POLICY) });
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, expected, args.join(" "));
    }
    const far = await run(["explain", "secrets/aws"]);
    assert.doesNotMatch(far.stderr, /did you mean/);
    const policy = await run(["scan", "."], { cwd: tmpDir({ "assay.yml": "rules:\n  repo/licence: off\n" }) });
    assert.match(policy.stderr, /assay\.yml:2:3: unknown rule `repo\/licence` \(did you mean `repo\/license`\?\)/);
  });

  it("db update spells an ecosystem as OSV does, and refuses a typo before downloading anything", async () => {
    const db = join(tmpDir(), "store");
    // Port 9 (discard) is closed: the download fails at once, after saying which archive it asked for.
    const source = "http://127.0.0.1:9";
    const typo = await run(["db", "update", "--db", db, "--source", source, "--ecosystem", "npmm"]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^assay: error: unknown ecosystem `npmm` \(did you mean `npm`\?\) — OSV's names: npm, PyPI/);
    assert.doesNotMatch(typo.stderr, /downloading/);
    const lower = await run(["db", "update", "--db", db, "--source", source, "--ecosystem", "pypi", "--ecosystem", "Debian:12"]);
    assert.equal(lower.code, 3);
    assert.match(lower.stderr, /PyPI: downloading http:\/\/127\.0\.0\.1:9\/PyPI\/all\.zip/);
    assert.doesNotMatch(lower.stderr, /\/pypi\//);
  });

  it("--output's extension names the format when --format does not: report.html is HTML, not text", async () => {
    const dir = tmpRepo(NO_POLICY);
    const files: [string, RegExp][] = [["report.html", /^<!DOCTYPE html>/i], ["results.sarif", /"version": "2\.1\.0"/], ["x.sarif.json", /"\$schema": ".*sarif/], ["a.json", /^\{\n {2}"schemaVersion"/], ["summary.md", /\*\*assay: gate passed\*\*/], ["report.txt", /^(?!<|\{)/], ["report.log", /^(?!<|\{)/]];
    for (const [name, expected] of files) {
      const r = await run(["scan", ".", "--rule", "repo/license", "--output", name], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(readFileSync(join(dir, name), "utf8"), expected, name);
    }
    // --format says what it says, whatever the name.
    await run(["scan", ".", "--rule", "repo/license", "--format", "text", "--output", "forced.json"], { cwd: dir });
    assert.doesNotMatch(readFileSync(join(dir, "forced.json"), "utf8"), /^\{/);
    await run(["report", "--from", "a.json", "--output", "again.html"], { cwd: dir });
    assert.match(readFileSync(join(dir, "again.html"), "utf8"), /^<!DOCTYPE html>/i);
  });

  it("a --db that holds no store is named in the command that fills it, not the default store's", async () => {
    const dir = tmpDir({ "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "": { name: "x" }, "node_modules/a": { version: "1.0.0" } } }) });
    const r = await run(["scan", ".", "--rule", "deps", "--db", "no store here"], { cwd: dir });
    assert.match(r.stdout, /Vulnerabilities: not available \(no advisory database in .*no store here: run `assay db update --db '.*\/no store here'` \(or `assay db import PATH --db '.*'`\)\)/);
    assert.doesNotMatch(r.stdout, /point --db at one/);
    const plain = await run(["scan", ".", "--rule", "deps", "--db", "store"], { cwd: dir });
    assert.match(plain.stdout, /run `assay db update --db \/\S+\/store`/);
  });

  it("says a folder inside a repository was scanned alone, so 'no workflows in this repository' is not read as the repository's verdict", async () => {
    const repo = tmpRepo({ ".github/workflows/ci.yml": "on: push\njobs: {}\n", "SECURITY.md": "# Security\n", "packages/web/package.json": '{"name":"web"}' });
    const diagnostics = async (args: string[]) => (JSON.parse((await run(["scan", ...args, "--format", "json", "--rule", "repo/security-policy"], { cwd: repo })).stdout) as { diagnostics: { code: string; message: string; hint?: string }[] }).diagnostics.filter((d) => d.code === "scanned-subfolder");
    const [note] = await diagnostics(["packages/web"]);
    assert.match(note?.message ?? "", /^packages\/web is a folder inside the git repository at .+: the workflows, SECURITY\.md, CODEOWNERS and assay\.yml at the repository's top were not read/);
    assert.match(note?.hint ?? "", /^to judge the repository, scan its top: assay scan /);
    assert.deepEqual(await diagnostics(["."]), [], "the top itself");
  });

  it("records a scanned subfolder's path in the repository, and SARIF and annotations use it (in pull-request mode too)", async () => {
    const repo = tmpRepo({ "services/api/k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n" });
    const out = async (args: string[]) => (await run(["scan", ...args, "--rule", "deploy/privileged-container"], { cwd: repo })).stdout;
    const target = (json: string) => (JSON.parse(json) as { target: { subfolder?: string } }).target;
    assert.equal(target(await out(["services/api", "--format", "json"])).subfolder, "services/api");
    assert.equal(target(await out([".", "--format", "json"])).subfolder, undefined, "the top itself");
    const uris = (sarif: string) => (JSON.parse(sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris(await out(["services/api", "--format", "sarif"])), ["services/api/k8s/pod.yaml"]);
    assert.match(await out(["services/api", "--format", "github"]), /^::error file=services\/api\/k8s\/pod\.yaml,line=10,/m);
    git(repo, "commit", "-q", "--allow-empty", "-m", "second");
    assert.deepEqual(uris(await out(["services/api", "--diff", "HEAD~1", "--format", "sarif"])), [], "nothing changed");
    assert.equal(target(await out(["services/api", "--diff", "HEAD~1", "--format", "json"])).subfolder, "services/api");
  });

  it("exits 2 for a missing target or a file", async () => {
    const dir = tmpDir({ "f.txt": "x" });
    let r = await run(["scan", join(dir, "missing")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such directory/);
    r = await run(["scan", join(dir, "f.txt")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a directory/);
    // The commands that write into a checkout say the same, before trying to write (they said ENOTDIR, exit 3).
    for (const args of [["init", join(dir, "f.txt")], ["vex", join(dir, "f.txt"), "--vulnerability", "CVE-2024-1", "--product", "pkg:npm/x@1.0.0", "--status", "affected", "--action", "upgrade"]]) {
      r = await run(args);
      assert.equal(r.code, 2, args[0]);
      assert.match(r.stderr, /not a directory/, args[0]);
    }
    r = await run(["init", join(dir, "missing")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such directory/);
  });

  it("names a file given outside the working directory as given, not as ../../ from it", async () => {
    const dir = tmpRepo(NO_POLICY);
    const elsewhere = tmpDir({ "p.yml": "version: 1\nfial: {}\n" });
    const r = await run(["scan", ".", "--policy", join(elsewhere, "p.yml")], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^assay: error: ${join(elsewhere, "p.yml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:1: unknown key`));
    const b = await run(["baseline", ".", "--output", join(elsewhere, "b.json")], { cwd: dir });
    assert.match(b.stderr, new RegExp(`in ${join(elsewhere, "b.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};`));
  });

  it("--output - prints on standard output and does not claim to have written a file named -", async () => {
    const dir = tmpDir({ ...NO_POLICY });
    for (const args of [["sbom", ".", "--output", "-"], ["badge", ".", "--output", "-"]]) {
      const r = await run(args, { cwd: dir });
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0, args.join(" "));
      assert.doesNotMatch(r.stderr, /wrote -/, args.join(" "));
      assert.ok(!existsSync(join(dir, "-")), args.join(" "));
    }
  });

  it("takes --policy /dev/null as the empty policy: the defaults, whatever the checkout's own says", async () => {
    const dir = tmpDir({ ...NO_POLICY, "assay.yml": "version: 1\nrules:\n  repo/license: off\n" });
    const r = await run(["scan", ".", "--rule", "repo/license", "--policy", "/dev/null", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ["repo/license"]);
  });

  it("reads a policy, baseline or saved assessment that Windows PowerShell's `>` saved as UTF-16", async () => {
    const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const dir = tmpDir({ ...NO_POLICY });
    writeFileSync(join(dir, "assay.yml"), utf16("version: 1\nfail:\n  severity: none\n"));
    const json = await run(["scan", ".", "--rule", "repo/license", "--format", "json"], { cwd: dir });
    assert.equal(json.code, 0, json.stderr);
    writeFileSync(join(dir, "a.json"), utf16(json.stdout));
    const again = await run(["report", "--from", "a.json"], { cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    writeFileSync(join(dir, "base.json"), utf16('{"version": 1, "tool": "assay", "findings": []}'));
    assert.equal((await run(["scan", ".", "--rule", "repo/license", "--baseline", "base.json"], { cwd: dir })).code, 0);
    // Its mistakes are still found, at the line a person sees.
    writeFileSync(join(dir, "assay.yml"), utf16("version: 1\nfial: 1\n"));
    assert.match((await run(["scan", "."], { cwd: dir })).stderr, /assay\.yml:2:1: unknown key `fial`/);
  });

  it("says in words why a file it was given could not be read or written, with the code", async () => {
    const dir = tmpDir({ "f.txt": "x" });
    let r = await run(["report", "--from", join(dir, "missing.json")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: could not read .*missing\.json: no such file or directory \(ENOENT\)\n$/);
    r = await run(["scan", dir, "--rule", "repo/license", "--output", dir]);
    assert.equal(r.code, 2, "a folder where a file was meant is a bad path: a usage error");
    assert.match(r.stderr, /could not write .*: is a directory \(EISDIR\) — name a file to write, not a folder\n$/);
    r = await run(["scan", dir, "--rule", "repo/license", "--output", join(dir, "f.txt", "report.json")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /could not write .*report\.json: .* — a part of the path is a file, not a folder\n$/);
  });

  it("refuses a saved assessment that is cut short or broken inside as the document's fault (exit 2), in every format", async () => {
    const golden = JSON.parse(readFileSync(new URL("../golden/assessment.json", import.meta.url), "utf8")) as Record<string, unknown>;
    const dir = tmpDir({
      "short.json": JSON.stringify({ schemaVersion: golden["schemaVersion"], x: [[[]]] }),
      "no-locations.json": JSON.stringify({ ...golden, findings: [{ ...(golden["findings"] as object[])[0], locations: undefined }] }),
      "bad-reference.json": JSON.stringify({ ...golden, rules: (golden["rules"] as { references: unknown[] }[]).map((r) => ({ ...r, references: [null] })) }),
    });
    const cases: [string, RegExp][] = [
      ["short.json", /short\.json is not a whole assay assessment: tool is missing — produce it with `assay scan --format json`/],
      ["no-locations.json", /no-locations\.json is not a whole assay assessment: findings\[0\]\.locations is missing/],
      ["bad-reference.json", /bad-reference\.json does not match the assessment schema: /],
    ];
    for (const [file, expected] of cases) {
      for (const format of ["text", "sarif", "markdown", "html", "json"]) {
        const r = await run(["report", "--from", join(dir, file), "--format", format]);
        if (file === "bad-reference.json" && r.code !== 2) continue; // only some renderers read references
        assert.equal(r.code, 2, `${file} ${format}: ${r.stderr}`);
        assert.match(r.stderr, expected, `${file} ${format}`);
      }
    }
    assert.equal((await run(["report", "--from", join(dir, "bad-reference.json"), "--format", "sarif"])).code, 2, "sarif reads every rule's references");
    assert.equal((await run(["report", "--from", fileURLToPath(new URL("../golden/assessment.json", import.meta.url))])).code, 1, "a whole document still renders");
  });

  it("names file, line and column of a malformed or wrong policy", async () => {
    const dir = tmpDir({ ...NO_POLICY, "assay.yml": "fail:\n  severity: [high\n" });
    let r = await run(["scan", "."], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /assay\.yml:2:18: malformed YAML/);
    writeFileSync(join(dir, "assay.yml"), "rules:\n  repo/unknown-rule: off\n");
    r = await run(["scan", "."], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: assay\.yml:2:3: unknown rule `repo\/unknown-rule`/);
    r = await run(["scan", ".", "--policy", "nope.yml"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /policy file not found/);
    writeFileSync(join(dir, "assay.yml"), "version: 1\n");
    writeFileSync(join(dir, ".assay.yml"), "version: 1\n");
    r = await run(["scan", "."], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /more than one policy file: assay\.yml, \.assay\.yml/);
    assert.equal((await run(["scan", ".", "--policy", ".assay.yml"], { cwd: dir })).code, 0);
  });

  it("maps the gate verdict to exit codes 0 and 1", async () => {
    const dir = tmpRepo(NO_POLICY);
    assert.equal((await run(["scan", dir, "--rule", "repo/security-policy"])).code, 0);
    const r = await run(["scan", dir, "--rule", "repo/security-policy", "--fail-on", "medium"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /no SECURITY\.md/);
  });

  it("records a baseline so the gate shows only new findings", async () => {
    const dir = tmpRepo(NO_POLICY);
    writeFileSync(join(dir, "assay.yml"), "fail:\n  severity: low\n");
    assert.equal((await run(["scan", "."], { cwd: dir })).code, 1);
    const b = await run(["baseline", "."], { cwd: dir });
    assert.equal(b.code, 0);
    assert.ok(existsSync(join(dir, ".assay/baseline.json")));
    const r = await run(["scan", ".", "--format", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.ok(a.findings.length > 0);
    assert.ok(a.findings.every((f: { status: string }) => f.status === "baselined"));
    assert.equal(a.policy.baseline, ".assay/baseline.json");
    assert.equal(a.diagnostics.some((d: { code: string }) => d.code === "stale-baseline"), false);
    writeFileSync(join(dir, "SECURITY.md"), "# Security\n\nEmail security@widgets.dev; we answer within 3 days; only the latest release is supported.\n");
    const later = JSON.parse((await run(["scan", ".", "--format", "json"], { cwd: dir })).stdout);
    assert.match(later.diagnostics.find((d: { code: string }) => d.code === "stale-baseline")?.message ?? "", /1 baseline entry matches no finding/);
  });

  it("calls only the entries of rules that ran stale: not those a --rule scan left out", async () => {
    const dir = tmpRepo(NO_POLICY);
    assert.equal((await run(["baseline", "."], { cwd: dir })).code, 0);
    const stale = async (...args: string[]) => (JSON.parse((await run(["scan", ".", "--format", "json", ...args], { cwd: dir })).stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics.find((d) => d.code === "stale-baseline")?.message;
    assert.equal(await stale("--rule", "repo/license"), undefined);
    writeFileSync(join(dir, "SECURITY.md"), "# Security\n\nEmail security@widgets.dev; we answer within 3 days; only the latest release is supported.\n");
    assert.equal(await stale("--rule", "repo/license"), undefined, "the fixed finding's rule did not run");
    assert.match((await stale("--rule", "repo/security-policy")) ?? "", /^1 baseline entry matches no finding/);
  });

  it("follows a file that moved: its baselined findings stay baselined where it is now, a copy's are new", async () => {
    const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx@sha256:${"a".repeat(64)}\n      securityContext:\n        privileged: true\n${extra}`;
    const dir = tmpRepo({ ...NO_POLICY, "k8s/pod.yaml": pod("") });
    writeFileSync(join(dir, "assay.yml"), "fail:\n  severity: low\n");
    assert.equal((await run(["baseline", "."], { cwd: dir })).code, 0);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "baseline");
    mkdirSync(join(dir, "deploy"));
    git(dir, "mv", "k8s/pod.yaml", "deploy/pod.yaml");
    const scanJson = async () => JSON.parse((await run(["scan", ".", "--format", "json"], { cwd: dir })).stdout) as { gate: { passed: boolean }; diagnostics: { code: string }[]; findings: { ruleId: string; status: string; statusReason?: string; locations: { path: string }[] }[] };
    const moved = await scanJson();
    const privileged = moved.findings.find((f) => f.ruleId === "deploy/privileged-container");
    assert.equal(privileged?.locations[0]?.path, "deploy/pod.yaml");
    assert.equal(privileged?.status, "baselined");
    assert.match(privileged?.statusReason ?? "", /at k8s\/pod\.yaml, the file's place then/);
    assert.ok(moved.findings.filter((f) => f.locations[0]?.path === "deploy/pod.yaml").every((f) => f.status === "baselined"));
    assert.equal(moved.gate.passed, true);
    assert.equal(moved.diagnostics.some((d) => d.code === "stale-baseline"), false);
    // Something new in the moved file is still new.
    writeFileSync(join(dir, "deploy/pod.yaml"), pod("  hostPID: true\n"));
    assert.ok((await scanJson()).findings.some((f) => f.ruleId === "deploy/host-namespaces" && f.status === "open"));
    // A copy, the original still in place: the copy's findings are new.
    writeFileSync(join(dir, "deploy/pod.yaml"), pod(""));
    git(dir, "mv", "deploy/pod.yaml", "k8s/pod.yaml");
    writeFileSync(join(dir, "copy.yaml"), pod(""));
    const copied = await scanJson();
    assert.equal(copied.findings.find((f) => f.ruleId === "deploy/privileged-container" && f.locations[0]?.path === "copy.yaml")?.status, "open");
    assert.equal(copied.findings.find((f) => f.ruleId === "deploy/privileged-container" && f.locations[0]?.path === "k8s/pod.yaml")?.status, "baselined");
  });

  it("does not call baseline entries stale in pull-request mode, where findings outside the change are left out", async () => {
    const dir = tmpRepo({ ...NO_POLICY, "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        privileged: true\n" });
    assert.equal((await run(["baseline", "."], { cwd: dir })).code, 0);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "baseline");
    writeFileSync(join(dir, "notes.txt"), "unrelated\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "change");
    const a = JSON.parse((await run(["scan", ".", "--diff", "HEAD~1", "--format", "json"], { cwd: dir })).stdout) as { diagnostics: { code: string }[] };
    assert.ok(a.diagnostics.some((d) => d.code === "diff-mode"));
    assert.equal(a.diagnostics.some((d) => d.code === "stale-baseline"), false);
  });

  it("rejects a corrupt baseline with its position", async () => {
    const dir = tmpDir({ ...NO_POLICY, "base.json": '{"version": 1, "findings": [}' });
    const r = await run(["scan", ".", "--baseline", "base.json"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /base\.json:1:\d+: malformed JSON/);
    writeFileSync(join(dir, "base.json"), '{"version": 1, "findings": [{"nope": 1}]}');
    assert.match((await run(["scan", ".", "--baseline", "base.json"], { cwd: dir })).stderr, /findings\[0\] has no fingerprint/);
  });

  it("writes every format to a file and reports the verdict on stderr", async () => {
    const dir = tmpRepo(NO_POLICY);
    for (const format of ["json", "sarif", "markdown", "text"]) {
      const out = join(dir, "out", `report.${format}`);
      const r = await run(["scan", dir, "--format", format, "--output", out]);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /wrote .* score .* gate passed/);
      assert.ok(readFileSync(out, "utf8").length > 100);
    }
    const sarif = JSON.parse(readFileSync(join(dir, "out/report.sarif"), "utf8"));
    assert.equal(sarif.version, "2.1.0");
  });

  it("prints rule timings on stderr with --timings, slowest first, leaving stdout alone", async () => {
    const dir = tmpRepo(NO_POLICY);
    const r = await run(["scan", dir, "--format", "json", "--timings"]);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, RULES.length);
    const ms = lines.map((l) => Number(/^\s*(\d+) ms  [a-z-]+\/[a-z-]+$/.exec(l)?.[1]));
    assert.ok(ms.every((x) => Number.isFinite(x)));
    assert.deepEqual(ms, [...ms].sort((a, b) => b - a));
    assert.doesNotThrow(() => JSON.parse(r.stdout));
  });

  it("colours text only on a terminal and never with NO_COLOR", async () => {
    const dir = tmpRepo(NO_POLICY);
    assert.doesNotMatch((await run(["scan", dir])).stdout, /\x1b\[/);
    assert.match((await run(["scan", dir], { tty: true })).stdout, /\x1b\[/);
    assert.doesNotMatch((await run(["scan", dir], { tty: true, env: { NO_COLOR: "1" } })).stdout, /\x1b\[/);
  });

  it("re-renders a saved assessment", async () => {
    const dir = tmpRepo(NO_POLICY);
    await run(["scan", dir, "--format", "json", "--output", join(dir, "a.json")]);
    const r = await run(["report", "--from", join(dir, "a.json"), "--format", "markdown"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Security-Policy/);
    writeFileSync(join(dir, "bad.json"), '{"schemaVersion": "9.0.0"}');
    assert.equal((await run(["report", "--from", join(dir, "bad.json")])).code, 2);
    // The file as an argument, the first guess: the flag is named, with the file; one line, no description.
    const guess = await run(["report", "a.json"], { cwd: dir });
    assert.equal(guess.code, 2);
    assert.equal(guess.stderr, "assay: error: unexpected argument `a.json`: the saved assessment is given with --from — assay report --from a.json\n");
    const none = await run(["report"], { cwd: dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^assay: error: `assay report` needs --from FILE: an assessment saved with `assay scan --format json --output FILE` — usage: assay report --from/);
    assert.doesNotMatch(none.stderr, /Re-renders/);
  });

  it("writes an HTML report and a badge, from a scan or from a saved assessment", async () => {
    const dir = tmpRepo(NO_POLICY);
    const h = await run(["scan", dir, "--format", "html", "--output", join(dir, "r.html")]);
    assert.match(readFileSync(join(dir, "r.html"), "utf8"), /^<!doctype html>/);
    assert.equal(h.stdout, "");
    await run(["scan", dir, "--format", "json", "--output", join(dir, "a.json")]);
    const b = await run(["badge", "--from", join(dir, "a.json"), "--output", join(dir, "b.svg"), "--endpoint", join(dir, "b.json")]);
    assert.equal(b.code, 0);
    assert.match(readFileSync(join(dir, "b.svg"), "utf8"), /^<svg [^>]*aria-label="assay: \d+\.\d\/10 · [A-F]"/);
    assert.equal((JSON.parse(readFileSync(join(dir, "b.json"), "utf8")) as { schemaVersion: number }).schemaVersion, 1);
    const direct = await run(["badge", dir]);
    assert.equal(direct.code, 0);
    assert.match(direct.stdout, /^<svg /);
  });

  it("lists rules and explains one", async () => {
    const list = await run(["rules"]);
    for (const r of RULES) assert.match(list.stdout, new RegExp(r.meta.id.replace("/", "\\/")));
    assert.match(list.stdout, /repo\/branch-protection +high +online /);
    assert.match(list.stdout, /repo\/dependency-update-coverage +medium +offline +fix /);
    assert.match(list.stdout, /^deploy\//, "a pipe gets the rows alone");
    const tty = await run(["rules"], { tty: true });
    // At a terminal the columns are named, in the order of the rows, and the next command is said.
    assert.match(tty.stdout, /^RULE +SEVERITY {2}NETWORK {2}FIX {2}PERSONA +CHECK +TITLE\n/);
    const header = tty.stdout.split("\n")[0] ?? "";
    const row = tty.stdout.split("\n").find((l) => l.startsWith("repo/branch-protection ")) ?? "";
    assert.equal(row.indexOf("high"), header.indexOf("SEVERITY"));
    assert.equal(row.indexOf("Branch-Protection"), header.indexOf("CHECK"));
    assert.match(tty.stdout, /`assay explain RULE-ID` prints a rule's page/);
    const page = await run(["explain", "repo/security-policy"]);
    assert.equal(page.code, 0);
    assert.match(page.stdout, /## Why it matters/);
    const check = await run(["explain", "security-policy"]);
    assert.match(check.stdout, /## Why it matters/, "a rule's short name wins over a check of the same name");
    const byCheck = await run(["explain", "binary-artifacts"]);
    assert.match(byCheck.stdout, /^# repo\/binary-artifacts/);
    const sast = await run(["explain", "sast"]);
    assert.match(sast.stdout, /^# repo\/sast/);
    const cb = await run(["explain", "Code-Review"]);
    assert.match(cb.stdout, /^# Code-Review\n/, "a title that only repeats the id is not said twice");
    assert.match((await run(["explain", "CII-Best-Practices"])).stdout, /^# CII-Best-Practices \(OpenSSF Best Practices\)\n/);
    assert.match(cb.stdout, /- repo\/code-review \(medium, online\)/);
    assert.match((await run(["explain", "secrets/JWT"])).stdout, /^# secrets\/jwt/, "a rule id typed in another case");
  });

  it("init writes a valid policy and a workflow, and will not overwrite them", async () => {
    const dir = tmpDir();
    const commit = "0123456789abcdef0123456789abcdef01234567";
    const init = async (args: string[]) => {
      let stderr = "";
      const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} };
      try {
        return { code: await initCommand(args, io, commit), stderr };
      } catch (e) {
        return { code: 2, stderr: String((e as Error).message) };
      }
    };
    assert.equal((await init([])).code, 0);
    const policy = readFileSync(join(dir, "assay.yml"), "utf8");
    assert.equal(parsePolicy(policy, "assay.yml", RULES.map((r) => r.meta), CHECKS).fail.severity, "high");
    assert.match(readFileSync(join(dir, ".github/workflows/assay.yml"), "utf8"), /persist-credentials: false/);
    const again = await init([]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    assert.equal((await init(["--force"])).code, 0);
  });

  it("fails the gate on an expired exception and names it", async () => {
    const dir = tmpRepo(NO_POLICY);
    writeFileSync(join(dir, "assay.yml"), "fail:\n  severity: none\nexceptions:\n  - rule: repo/security-policy\n    reason: later\n    expires: 2020-01-01\n");
    const r = await run(["scan", "."], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /assay\.yml:4\) expired on 2020-01-01/);
  });
});
