// The clock judges with the real time unless told otherwise, SOURCE_DATE_EPOCH only stamps the
// report, and the small things a user meets first: --help everywhere, -v, names of checks.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { VERSION } from "../../src/version.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

/**
 * A repository whose last commit is from 2020 (its history starts in 2019, so it is not judged too
 * young to show maintenance): Maintained fails on any clock after April 2020.
 */
function oldRepo(): string {
  const dir = tmpDir({ "README.md": "# x\n" });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  for (const date of ["2019-06-01T00:00:00Z", "2020-01-01T00:00:00Z"]) {
    const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
    try {
      writeFileSync(join(dir, "CHANGES.md"), `${date}\n`);
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", `change of ${date}`);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  }
  return dir;
}

const MAINTAINED = ["--rule", "repo/maintained", "--format", "json"];

describe("the clock", () => {
  it("SOURCE_DATE_EPOCH stamps the report but never changes a verdict", async () => {
    const dir = oldRepo();
    // CI sets SOURCE_DATE_EPOCH to the last commit's time; the verdict must still use the real clock.
    const r = await runCli(["scan", dir, ...MAINTAINED], { env: { ASSAY_NOW: "", SOURCE_DATE_EPOCH: "1577836800" } });
    const a = JSON.parse(r.stdout);
    assert.equal(a.generatedAt, "2020-01-01T00:00:00.000Z");
    assert.equal(a.rules[0].outcome, "fail");
  });

  it("--now and ASSAY_NOW set the judging clock; --now wins", async () => {
    const dir = oldRepo();
    const judged = async (env: Record<string, string>, args: string[] = []) => JSON.parse((await runCli(["scan", dir, ...MAINTAINED, ...args], { env: { SOURCE_DATE_EPOCH: "", ...env } })).stdout);
    // Judged in 2020 the one commit is inside the window (graded by it); in 2026 the repository is stale.
    const inWindow = (a: { findings: { evidence: Record<string, unknown> }[] }) => a.findings.map((f) => f.evidence.commitsInWindow);
    assert.deepEqual(inWindow(await judged({ ASSAY_NOW: "2020-02-01" })), [1]);
    assert.deepEqual(inWindow(await judged({ ASSAY_NOW: "2026-02-01" })), [undefined], "stale: no count, the days since its last commit");
    assert.deepEqual(inWindow(await judged({ ASSAY_NOW: "2026-02-01" }, ["--now", "2020-01-15T12:00:00Z"])), [1]);
    assert.equal((await judged({ ASSAY_NOW: "2020-02-01" })).generatedAt, "2020-02-01T00:00:00.000Z", "without SOURCE_DATE_EPOCH the stamp is the judging time");
  });

  it("rejects out-of-range or malformed clocks with a clear usage error", async () => {
    const dir = tmpDir({ "README.md": "# x\n" });
    for (const [env, args, pattern] of [
      [{ SOURCE_DATE_EPOCH: "1000000000000000" }, [], /SOURCE_DATE_EPOCH must be whole seconds since 1970/],
      [{ SOURCE_DATE_EPOCH: "-5" }, [], /SOURCE_DATE_EPOCH must be/],
      [{ SOURCE_DATE_EPOCH: "soon" }, [], /SOURCE_DATE_EPOCH must be/],
      [{ ASSAY_NOW: "2027-02-30" }, [], /ASSAY_NOW must be a date like 2026-06-01/],
      [{}, ["--now", "yesterday"], /--now must be a date like/],
      [{}, ["--now", "2026-13-01"], /--now must be/],
    ] as const) {
      const r = await runCli(["scan", dir, ...args], { env: { ...env } });
      assert.equal(r.code, 2, JSON.stringify(env));
      assert.match(r.stderr, /^assay: error: /);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /internal error/);
    }
    assert.equal((await runCli(["baseline", dir, "--output", "-"], { env: { SOURCE_DATE_EPOCH: "1e9" } })).code, 2);
  });
});

describe("help and version", () => {
  it("--help and -h print each command's usage and exit 0", async () => {
    for (const command of ["scan", "baseline", "fix", "rules", "explain", "init", "report"]) {
      for (const flag of ["--help", "-h"]) {
        const r = await runCli([command, flag]);
        assert.equal(r.code, 0, `${command} ${flag}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^usage: assay ${command}`), `${command} ${flag}`);
        assert.equal(r.stderr, "");
      }
    }
    // Even next to other flags, and before a missing required one.
    assert.equal((await runCli(["report", "--help"])).code, 0);
    assert.equal((await runCli(["scan", "--format", "json", "-h"])).code, 0);
    assert.match((await runCli(["scan", "--help"])).stdout, /--now DATE/);
    assert.equal((await runCli(["--help"])).code, 0);
    // Commands with subcommands print their usage for --help too, rather than calling it an unknown subcommand.
    for (const args of [["db", "--help"], ["db", "-h"], ["db", "help"], ["fleet", "--help"], ["fleet", "-h"]]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stdout, /^usage:/, args.join(" "));
      assert.equal(r.stderr, "", args.join(" "));
    }
  });

  it("every command's --help says what it does below its usage, and `assay help COMMAND` prints the same", async () => {
    for (const command of ["scan", "secrets", "workflows", "baseline", "fix", "manifests", "rules", "explain", "init", "report", "assess", "badge", "db", "vex", "sbom", "verify", "fleet"]) {
      const r = await runCli([command, "--help"]);
      assert.equal(r.code, 0, command);
      // A paragraph of prose after a blank line: a usage line alone leaves a new user guessing.
      assert.match(r.stdout, /\n\n[A-Z][\w-]+ /, `${command} --help has no description`);
      assert.deepEqual(await runCli(["help", command]), r, `assay help ${command}`);
    }
    const typo = await runCli(["help", "scna"]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown command `scna` \(did you mean `scan`\?\)/);
    assert.equal((await runCli(["help"])).code, 0);
  });

  it("the flags a newcomer reaches for are in the usage they read, and no help line breaks mid-sentence", async () => {
    assert.match((await runCli(["--help"])).stdout, /assay scan \[PATH\][\s\S]*--persona regular\|pedantic\|auditor[\s\S]*assay secrets/);
    assert.match((await runCli(["workflows", "--help"])).stdout, /^usage: assay workflows .*\[-v\|--verbose\]/);
    for (const command of ["scan", "secrets", "workflows", "baseline", "fix", "manifests", "rules", "explain", "init", "report", "assess", "badge", "db", "vex", "sbom", "verify", "fleet"]) {
      const lines = (await runCli([command, "--help"])).stdout.split("\n");
      // A line that stops at a short run of words, followed by more prose, was wrapped by hand in the wrong place.
      lines.forEach((l, i) => {
        const next = lines[i + 1] ?? "";
        if (i > 0 && /^[a-z]/.test(next) && l.length > 0 && l.length < 40 && !l.startsWith(" ")) assert.fail(`${command} --help line ${i + 1} is cut short: ${JSON.stringify(l)}`);
      });
    }
  });

  it("a usage error of a command whose usage lists its forms below `usage:` repeats those forms, not a bare `usage:`", async () => {
    const r = await runCli(["verify", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: unknown option `--bogus`\nusage:\n {2}assay verify ARTIFACT/);
    assert.doesNotMatch(r.stderr, /Verifies signatures/, "the description is for --help, not for every error");
  });

  it("every flag the README and docs/ show with a command is in that command's usage", async () => {
    const pages = ["README.md", ...readdirSync(new URL("../../docs/", import.meta.url)).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const usage = new Map<string, string>();
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(new URL(`../../${page}`, import.meta.url), "utf8");
      for (const m of text.matchAll(/\bassay (scan|secrets|workflows|baseline|fix|manifests|init|report|assess|badge|db|vex|sbom|verify|fleet)\b([^`|)\n#]*)/g)) {
        const command = m[1] as string;
        const flags = (m[2] ?? "").match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [];
        if (flags.length === 0) continue;
        if (!usage.has(command)) usage.set(command, (await runCli([command, "--help"])).stdout);
        for (const f of flags) if (!new RegExp(`${f}(?![a-z-])`).test(usage.get(command) ?? "")) missing.push(`${page}: assay ${command} … ${f}`);
      }
    }
    assert.deepEqual([...new Set(missing)], []);
  });

  it("says what exit code 3 means as the README's table does: the command could not complete, not an incomplete check (that is 1)", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    assert.match(readme, /^\| 3 \| the command could not complete /m);
    for (const args of [["--help"], ["scan", "--help"]]) assert.match((await runCli(args)).stdout, /· 3 could not complete \(/, args.join(" "));
  });

  it("a usage error prints the command's usage as lines, not as one escaped line", async () => {
    for (const args of [["verify"], ["db"]]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(" "));
      const lines = r.stderr.trimEnd().split("\n");
      assert.match(lines[0] ?? "", /^assay: error: [^\n]+$/);
      assert.doesNotMatch(lines[0] ?? "", / — usage/);
      assert.equal(lines[1], "usage:", r.stderr);
      assert.ok(lines.length > 3 && !r.stderr.includes("\\n"), r.stderr);
    }
  });

  it("-v prints the version like --version; after `scan` it is --verbose", async () => {
    for (const flag of ["-v", "--version", "-V", "version"]) assert.equal((await runCli([flag])).stdout, `${VERSION}\n`, flag);
    const dir = tmpRepo({ "README.md": "# x\n", "assay.yml": "fail:\n  severity: none\nexceptions:\n  - rule: repo/security-policy\n    reason: later\n    expires: 2099-01-01\n" });
    const quiet = await runCli(["scan", dir, "--rule", "repo/security-policy"]);
    const verbose = await runCli(["scan", dir, "--rule", "repo/security-policy", "-v"]);
    assert.doesNotMatch(quiet.stdout, /excepted: later/);
    assert.match(verbose.stdout, /excepted: later/);
  });
});

describe("the text report for people", () => {
  it("names checks by the id the policy and `explain` accept", async () => {
    // Some code: SAST does not apply to a repository of documentation alone.
    const dir = tmpRepo({ "README.md": "# x\n", "main.py": "print('x')\n" });
    const r = await runCli(["scan", dir, "--rule", "repo/license", "--rule", "repo/sast"]);
    assert.match(r.stdout, /^License \(Licence\) {2}0\.0\/10$/m);
    assert.match(r.stdout, /^SAST \(Static analysis\) {2}0\.0\/10$/m);
    assert.equal((await runCli(["explain", "Licence"])).code, 0, "explain takes the title too");
    assert.match((await runCli(["explain", "License"])).stdout, /^# License \(Licence\)\n/);
  });

  it("wraps long why and fix lines to the terminal's width, and only on a terminal", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    const narrow = await runCli(["scan", dir, "--rule", "repo/security-insights", "--no-color"], { tty: true, columns: 80 });
    const lines = narrow.stdout.split("\n");
    const fix = lines.findIndex((l) => l.trimStart().startsWith("fix:"));
    assert.ok(fix > 0);
    for (const l of lines.slice(fix, fix + 4)) if (!l.includes("[repo/")) assert.ok(l.length <= 80, `too wide: ${l}`);
    assert.match(lines[fix + 1] ?? "", /^ {17}\S/, "continuation lines hang under the text");
    const piped = await runCli(["scan", dir, "--rule", "repo/security-insights"], { columns: 80 });
    assert.ok(piped.stdout.split("\n").some((l) => l.trimStart().startsWith("fix:") && l.length > 80), "no wrapping when not a terminal");
  });
});
