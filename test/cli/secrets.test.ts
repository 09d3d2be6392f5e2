import assert from "node:assert/strict";
import { execFileSync } from "../helpers/child-timeout.js";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { DETECTORS } from "../../src/secrets/index.js";
import { tokens } from "../helpers/secret-tokens.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

const t = tokens(131);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(args: string[], opts: { cwd?: string; stdin?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? process.cwd(),
    env: { SOURCE_DATE_EPOCH: "1780272000", ASSAY_WORKERS: "0" },
    ...(opts.stdin !== undefined ? { stdin: [Buffer.from(opts.stdin)] } : {}),
  });
  return { code, stdout, stderr };
}

describe("assay secrets", () => {
  it("prints its own usage for --help, not assay scan's, and exits 0", async () => {
    const { code, stdout } = await run(["secrets", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /^usage: assay secrets \[PATH\]/);
    assert.match(stdout, /assay secrets --staged/);
  });

  it("names its own usage, not assay scan's, after a wrong flag or argument on a checkout", async () => {
    for (const args of [["secrets", "--bogus"], ["secrets", "a", "b"]]) {
      const { code, stderr } = await run(args);
      assert.equal(code, 2);
      assert.match(stderr, /usage: assay secrets \[PATH\]/, stderr);
      assert.doesNotMatch(stderr, /usage: assay scan/);
    }
  });

  it("leaves the inventory's summary out of its assessment, which assay scan keeps, with --rule too", async () => {
    const dir = tmpRepo({ "package.json": `{"name":"x","dependencies":{"left-pad":"1.3.0"}}\n`, "package-lock.json": `{"lockfileVersion":3,"packages":{}}\n`, "src/a.js": "export const a = 1;\n" });
    dirs.push(dir);
    const inventoryOf = async (args: string[]): Promise<unknown> => (JSON.parse((await run([...args, dir, "--format", "json"])).stdout) as { inventory?: unknown }).inventory;
    assert.equal(await inventoryOf(["secrets"]), undefined);
    const whole = { languages: [{ name: "JavaScript", files: 1 }], ecosystems: ["npm"], manifests: [{ ecosystem: "npm", path: "package.json" }] };
    assert.deepEqual(await inventoryOf(["scan"]), whole);
    assert.deepEqual(await inventoryOf(["scan", "--rule", "secrets"]), whole);
  });

  it("scans standard input, in any format, and fails the gate on a credential", async () => {
    const token = t("«gh:ghp_»");
    const r = await run(["secrets", "-", "--format", "json", "--name", "ci.log"], { stdin: `step 3\nexport GITHUB_TOKEN=${token}\n` });
    assert.equal(r.code, 1);
    const a = JSON.parse(r.stdout) as { target: { path: string }; findings: { ruleId: string; locations: { path: string; startLine: number }[] }[] };
    assert.equal(a.target.path, "ci.log");
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.locations[0]?.path, f.locations[0]?.startLine]), [["secrets/forge-token", "ci.log", 2]]);
    assert.ok(!r.stdout.includes(token.slice(4)));
    const clean = await run(["secrets", "--stdin"], { stdin: "nothing to see\n" });
    assert.equal(clean.code, 0);
  });

  it("scans one file named alone, as gitleaks and trufflehog take one, under its own name, and refuses history flags for it", async () => {
    const token = t("«gh:ghp_»");
    const dir = tmpDir({ "deploy/.env": `A=1\nGITHUB_TOKEN=${token}\n`, "clean.txt": "nothing\n" });
    dirs.push(dir);
    const r = await run(["secrets", "--format", "json", join("deploy", ".env")], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const a = JSON.parse(r.stdout) as { target: { path: string }; findings: { ruleId: string; locations: { path: string; startLine: number }[] }[] };
    assert.equal(a.target.path, "deploy/.env");
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.locations[0]?.path, f.locations[0]?.startLine]), [["secrets/forge-token", "deploy/.env", 2]]);
    assert.ok(!r.stdout.includes(token.slice(4)));
    assert.equal((await run(["secrets", join(dir, "clean.txt")])).code, 0);
    // A flag's value that is the file's name too is left to the flag.
    const named = await run(["secrets", "--name", "clean.txt", "clean.txt", "--format", "json"], { cwd: dir });
    assert.equal((JSON.parse(named.stdout) as { target: { path: string } }).target.path, "clean.txt", named.stderr);
    const history = await run(["secrets", "clean.txt", "--history"], { cwd: dir });
    assert.equal(history.code, 2);
    assert.match(history.stderr, /^assay: error: --history reads a checkout's git history, and `clean\.txt` is a single file/);
  });

  it("says to pipe a FIFO in, not that it scans only folders (its help offers FILE)", async () => {
    const dir = tmpDir();
    dirs.push(dir);
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const r = await run(["secrets", "pipe"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: `pipe` is not a regular file or a folder/);
    assert.match(r.stderr, /assay secrets - --name NAME < pipe/);
    assert.doesNotMatch(r.stderr, /not a single file/);
  });

  it("runs only the secrets family on a checkout, with scan's flags", async () => {
    const dir = tmpRepo({ "a.env": `TOKEN=${t("«gh:ghp_»")}\n` });
    dirs.push(dir);
    const r = await run(["secrets", ".", "--format", "json"], { cwd: dir });
    const a = JSON.parse(r.stdout) as { rules: { id: string }[] };
    assert.ok(a.rules.length > 0 && a.rules.every((x) => x.id.startsWith("secrets/")));
    assert.equal((await run(["secrets", ".", "--rule", "repo/license"], { cwd: dir })).code, 2);
  });

  it("lists its detectors", async () => {
    const r = await run(["secrets", "--list"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`^${DETECTORS.length} detectors`));
    assert.ok(DETECTORS.length >= 150);
    assert.match(r.stdout, /github-pat-classic +secrets\/forge-token +GitHub personal access token \(classic\)/);
  });

  it("refuses flags that contradict each other, and --since without --history", async () => {
    assert.equal((await run(["secrets", "-", "--staged"], { stdin: "" })).code, 2);
    const r = await run(["scan", ".", "--since", "v1"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--since needs --history/);
  });

  it("refuses --since naming a revision the clone does not have, before scanning, as --diff does", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    dirs.push(dir);
    git(dir, "tag", "v1");
    const r = await run(["secrets", ".", "--history", "--since", "v1.0"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^assay: error: --since `v1\.0` is not a commit, tag or branch of this clone — .*git fetch --tags/);
    assert.equal(r.stdout, "", "no report of a scan that could not read what was asked");
    assert.equal((await run(["secrets", ".", "--history", "--since", "v1"], { cwd: dir })).code, 0);
  });

  it("says whether --history and --diff lack a checkout or lack git itself", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    const plain = tmpDir({ "README.md": "# x\n" });
    dirs.push(dir, plain);
    const notGit = await run(["secrets", ".", "--history"], { cwd: plain });
    assert.equal(notGit.code, 2);
    assert.match(notGit.stderr, /--history needs a git checkout/);
    const path = process.env.PATH;
    process.env.PATH = tmpDir(); // an empty folder: no git on the path
    try {
      for (const flag of [["--history"], ["--diff", "main"]]) {
        const r = await run(["secrets", ".", ...flag], { cwd: dir });
        assert.equal(r.code, 2);
        assert.match(r.stderr, new RegExp(`${flag[0]} reads the repository with git, which is not installed`));
        assert.match(r.stderr, /apt-get install git/);
      }
    } finally {
      process.env.PATH = path;
    }
  });

  it("scans the staged changes of the current repository", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    dirs.push(dir);
    writeFileSync(join(dir, "k.env"), `KEY=${t("«gh:ghp_»")}\n`);
    git(dir, "add", "k.env");
    const r = await run(["secrets", "--staged"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /k\.env:1:5 {2}GitHub personal access token/);
    // A staged bundle is searched for prefixed tokens only, as in the tree.
    writeFileSync(join(dir, "app.min.js"), `var c={password:"${t("«b62:20»")}",k:"${t("«gh:ghp_»")}"};\n`);
    git(dir, "add", "app.min.js");
    const json = await run(["secrets", "--staged", "--format", "json"], { cwd: dir });
    const a = JSON.parse(json.stdout) as { findings: { ruleId: string; locations: { path: string }[] }[] };
    assert.deepEqual(a.findings.filter((f) => f.locations[0]?.path === "app.min.js").map((f) => f.ruleId), ["secrets/forge-token"]);
  });

  it("--staged judges a stand-in by its file's path, as a scan of the tree does", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    dirs.push(dir);
    // In a test, `test-password` is what tests are made of; in shipped configuration it is a default someone may keep.
    writeFileSync(join(dir, "settings.yml"), "db:\n  password: \"test-password\"\n");
    writeFileSync(join(dir, "login_test.py"), 'password = "test-password"\n');
    git(dir, "add", "settings.yml", "login_test.py");
    const json = await run(["secrets", "--staged", "--format", "json"], { cwd: dir });
    const a = JSON.parse(json.stdout) as { findings: { ruleId: string; locations: { path: string }[] }[] };
    assert.deepEqual(a.findings.map((f) => `${f.locations[0]?.path} ${f.ruleId}`), ["settings.yml secrets/example-credential"]);
  });

  it("--staged outside a repository says so in one line, not with git's usage", async () => {
    const dir = tmpDir({ "README.md": "# x\n" });
    dirs.push(dir);
    const r = await run(["secrets", "--staged"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: --staged needs a git repository, and .* is not in one — run it inside the repository/);
    assert.doesNotMatch(r.stderr, /no-index|cached/);
  });

  it("says what to do when the diff base is unknown", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    dirs.push(dir);
    const r = await run(["scan", ".", "--diff", "origin/nowhere"], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot compare with `origin\/nowhere`.*fetch-depth: 0/);
    // The hint fetches the branch named, not main.
    assert.match(r.stderr, /git fetch origin nowhere;/);
    const odd = await run(["scan", ".", "--diff", "x;rm -rf ~"], { cwd: dir });
    assert.match(odd.stderr, /git fetch origin <branch>;/);
  });
});
