import assert from "node:assert/strict";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { cli } from "../../src/cli/main.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

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

  it("never writes through a symbolic link", async () => {
    const dir = tmpRepo({ ...REPO, "real.yml": DEPENDABOT });
    writeFileSync(join(dir, ".github/dependabot.yml"), "");
    const link = join(dir, ".github/dependabot.yaml");
    symlinkSync(join(dir, "real.yml"), link);
    await run(["fix", ".", ...RULE], dir);
    assert.equal(readFileSync(join(dir, "real.yml"), "utf8"), DEPENDABOT);
  });
});
