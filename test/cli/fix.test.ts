import assert from "node:assert/strict";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { cli } from "../../src/cli/main.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} });
  return { code, stdout, stderr };
}

const DEPENDABOT = `version: 2
updates:
  # JavaScript packages
  - package-ecosystem: "npm"
    directory: "/"
    schedule:
      interval: "weekly"

# end of file
`;
const REPO = { ".github/dependabot.yml": DEPENDABOT, "package.json": '{"name":"x","dependencies":{"a":"1"}}', "Dockerfile": "FROM node:20\n", "go.mod": "module example.com/x\n\ngo 1.22\n" };
const RULE = ["--rule", "repo/dependency-update-coverage"];

describe("assay fix", () => {
  it("--dry-run prints a diff, changes nothing, and exits 1", async () => {
    const dir = tmpRepo(REPO);
    const r = await run(["fix", ".", ...RULE, "--dry-run"], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^--- a\/\.github\/dependabot\.yml/m);
    assert.match(r.stdout, /^\+  - package-ecosystem: "docker"$/m);
    assert.match(r.stderr, /would fix 2 findings in 1 file/);
    assert.equal(readFileSync(join(dir, ".github/dependabot.yml"), "utf8"), DEPENDABOT);
  });

  it("adds the missing entries, keeps comments and layout, and the rule then passes", async () => {
    const dir = tmpRepo(REPO);
    const r = await run(["fix", ".", ...RULE], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /fixed 2 findings in 1 file/);
    const text = readFileSync(join(dir, ".github/dependabot.yml"), "utf8");
    assert.ok(text.startsWith(DEPENDABOT.split("\n\n")[0] as string), "the original entry is untouched");
    assert.match(text, /  # JavaScript packages\n/);
    assert.match(text, /\n# end of file\n$/);
    const ecosystems = (parse(text) as { updates: { "package-ecosystem": string }[] }).updates.map((u) => u["package-ecosystem"]);
    assert.deepEqual(ecosystems.sort(), ["docker", "gomod", "npm"]);
    const again = await run(["scan", ".", ...RULE, "--format", "json"], dir);
    assert.deepEqual(JSON.parse(again.stdout).findings, []);
    assert.match((await run(["fix", ".", ...RULE], dir)).stderr, /fixed 0 findings in 0 files/);
  });

  it("adds a cooldown to the last entry and a new entry after it, each where it belongs, in one run", async () => {
    // Both edits insert where the last entry ends: the cooldown must stay in that entry, not land in the new one.
    const last = 'version: 2\nupdates:\n  - package-ecosystem: "npm"\n    directory: "/"\n    schedule:\n      interval: "weekly"\n';
    const dir = tmpRepo({ ...REPO, ".github/dependabot.yml": last, "Dockerfile": "FROM node:20@sha256:" + "a".repeat(64) + "\n" });
    const r = await run(["fix", ".", "--rule", "repo/dependency-update-coverage", "--rule", "workflows/dependabot-cooldown"], dir);
    assert.equal(r.code, 0, r.stderr);
    const updates = (parse(readFileSync(join(dir, ".github/dependabot.yml"), "utf8")) as { updates: { "package-ecosystem": string; cooldown?: unknown }[] }).updates;
    assert.deepEqual(updates.map((u) => [u["package-ecosystem"], u.cooldown]), [["npm", { "default-days": 7 }], ["docker", { "default-days": 7 }], ["gomod", { "default-days": 7 }]]);
    const again = await run(["fix", ".", "--rule", "repo/dependency-update-coverage", "--rule", "workflows/dependabot-cooldown", "--dry-run"], dir);
    assert.equal(again.code, 0, again.stdout);
  });

  it("keeps CRLF line endings", async () => {
    const dir = tmpRepo({ ...REPO, ".github/dependabot.yml": DEPENDABOT.replace(/\n/g, "\r\n") });
    await run(["fix", ".", ...RULE], dir);
    const text = readFileSync(join(dir, ".github/dependabot.yml"), "utf8");
    assert.doesNotMatch(text.replace(/\r\n/g, ""), /\n/);
  });

  it("keeps a byte order mark (editors on Windows write one), at the right offsets", async () => {
    const dir = tmpRepo({ ...REPO, ".github/dependabot.yml": `\ufeff${DEPENDABOT}` });
    const r = await run(["fix", ".", ...RULE], dir);
    assert.match(r.stderr, /fixed 2 findings in 1 file/);
    const bytes = readFileSync(join(dir, ".github/dependabot.yml"));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes.subarray(3).toString("utf8").startsWith(DEPENDABOT.split("\n\n")[0] as string), "the original entry is untouched");
    assert.match(bytes.toString("utf8"), /\n# end of file\n$/);
  });

  it("leaves a flow-style list to people and says a manual fix is needed", async () => {
    const flow = 'version: 2\nupdates: [{ package-ecosystem: "npm", directory: "/", schedule: { interval: "weekly" } }]\n';
    const dir = tmpRepo({ ...REPO, ".github/dependabot.yml": flow });
    const r = await run(["fix", ".", ...RULE], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /2 open findings need a manual fix/);
    assert.equal(readFileSync(join(dir, ".github/dependabot.yml"), "utf8"), flow);
  });

  it("refuses to edit a file with uncommitted changes, naming it, and writes nothing; --allow-dirty edits it", async () => {
    const edited = DEPENDABOT.replace("# end of file", "# my own edit, not committed");
    const dir = tmpRepo(REPO);
    writeFileSync(join(dir, ".github/dependabot.yml"), edited);
    const r = await run(["fix", ".", ...RULE], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: nothing was fixed: a file to fix has uncommitted changes: \.github\/dependabot\.yml — commit or stash/);
    assert.match(r.stderr, /--allow-dirty/);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.equal(readFileSync(join(dir, ".github/dependabot.yml"), "utf8"), edited);
    // --dry-run writes nothing, so it has nothing to refuse.
    assert.equal((await run(["fix", ".", ...RULE, "--dry-run"], dir)).code, 1);
    const forced = await run(["fix", ".", ...RULE, "--allow-dirty"], dir);
    assert.equal(forced.code, 0, forced.stderr);
    const text = readFileSync(join(dir, ".github/dependabot.yml"), "utf8");
    assert.match(text, /# my own edit, not committed/);
    assert.match(text, /package-ecosystem: "docker"/);
  });

  it("refuses a staged or an untracked file too, and one of a folder scanned inside a repository", async () => {
    const untracked = tmpRepo(REPO);
    git(untracked, "rm", "-q", "--cached", ".github/dependabot.yml");
    assert.match((await run(["fix", ".", ...RULE], untracked)).stderr, /uncommitted changes: \.github\/dependabot\.yml/);
    const staged = tmpRepo(REPO);
    writeFileSync(join(staged, ".github/dependabot.yml"), DEPENDABOT.replace("# end", "# staged, end"));
    git(staged, "add", ".github/dependabot.yml");
    assert.equal((await run(["fix", ".", ...RULE], staged)).code, 2);
    const mono = tmpRepo({ "README.md": "x\n", ...Object.fromEntries(Object.entries(REPO).map(([p, c]) => [`svc/${p}`, c])) });
    writeFileSync(join(mono, "svc/.github/dependabot.yml"), DEPENDABOT.replace("# end", "# edited, end"));
    const sub = await run(["fix", "svc", ...RULE], mono);
    assert.equal(sub.code, 2, sub.stderr);
    assert.match(sub.stderr, /uncommitted changes: \.github\/dependabot\.yml/);
  });

  it("without git on PATH, refuses to edit a checkout (it cannot tell what is committed) but edits a plain folder", async () => {
    const repo = tmpRepo(REPO);
    const plain = tmpDir(REPO);
    const path = process.env.PATH;
    process.env.PATH = tmpDir();
    try {
      const r = await run(["fix", ".", ...RULE], repo);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^assay: error: nothing was fixed: git is not installed \(not on PATH\), so assay cannot tell whether the file to fix has uncommitted changes — install git, or pass --allow-dirty/);
      assert.equal(readFileSync(join(repo, ".github/dependabot.yml"), "utf8"), DEPENDABOT);
      assert.equal((await run(["fix", ".", ...RULE], plain)).code, 0);
    } finally {
      process.env.PATH = path;
    }
  });

  it("edits a committed file, and a folder that is not a git checkout", async () => {
    const committed = tmpRepo(REPO);
    writeFileSync(join(committed, "notes.txt"), "an unrelated uncommitted file\n");
    assert.equal((await run(["fix", ".", ...RULE], committed)).code, 0);
    const plain = tmpDir(REPO);
    const r = await run(["fix", ".", ...RULE], plain);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /fixed 2 findings in 1 file/);
  });

  it("never writes through a symbolic link", async () => {
    const dir = tmpRepo({ ...REPO, "real.yml": DEPENDABOT });
    writeFileSync(join(dir, ".github/dependabot.yml"), "");
    const link = join(dir, ".github/dependabot.yaml");
    symlinkSync(join(dir, "real.yml"), link);
    // --allow-dirty: the uncommitted link reaches the write, whose own guard is what this test is about.
    await run(["fix", ".", ...RULE, "--allow-dirty"], dir);
    assert.equal(readFileSync(join(dir, "real.yml"), "utf8"), DEPENDABOT);
  });
});
