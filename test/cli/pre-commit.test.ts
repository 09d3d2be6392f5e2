// The pre-commit hook this repository ships (.pre-commit-hooks.yaml): its entry, run the way
// pre-commit runs it (the installed `assay` binary, in the repository, no file names), refuses a
// commit whose staged lines add a credential and lets a clean one through.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { tokens } from "../helpers/secret-tokens.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";

const root = new URL("../../", import.meta.url).pathname;
const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; entry: string; language: string; pass_filenames: boolean }[];
const hook = hooks.find((h) => h.id === "assay-secrets");
const t = tokens(91);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the hook's entry in `cwd` as pre-commit would: the `assay` bin of this package. */
function runHook(cwd: string): { code: number | null; out: string } {
  const [bin, ...args] = (hook?.entry ?? "").split(" ");
  assert.equal(bin, "assay");
  const r = spawnSync(process.execPath, [join(root, "bin/assay.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("pre-commit hook", () => {
  it("is declared for pre-commit's node language, without file names", () => {
    assert.ok(hook);
    assert.equal(hook.language, "node");
    assert.equal(hook.pass_filenames, false);
    assert.equal(hook.entry, "assay secrets --staged");
  });

  it("refuses a commit that stages a credential, naming the file and line, never the value", () => {
    const repo = tmpRepo({ "README.md": "# app\n", "app.env": "LOG_LEVEL=info\n" });
    dirs.push(repo);
    const token = t("«gh:ghp_»");
    writeFileSync(join(repo, "app.env"), `LOG_LEVEL=info\nGITHUB_TOKEN=${token}\n`);
    git(repo, "add", "app.env");
    const r = runHook(repo);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /app\.env:2:14 {2}GitHub personal access token \(classic\)/);
    assert.ok(!r.out.includes(token.slice(4)));
  });

  it("lets a clean commit through, and ignores secrets that are committed already or not staged", () => {
    const repo = tmpRepo({ "old.env": `GITHUB_TOKEN=${t("«gh:ghp_»")}\n` });
    dirs.push(repo);
    writeFileSync(join(repo, "notes.md"), "nothing secret\n");
    writeFileSync(join(repo, "unstaged.env"), `TOKEN=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "notes.md");
    const r = runHook(repo);
    assert.equal(r.code, 0, r.out);
  });

  it("honours the project's allowlist and inline suppressions", () => {
    const repo = tmpRepo({ "assay.yml": 'version: 1\nsecrets:\n  allow:\n    paths: ["test/fixtures/**"]\n' });
    dirs.push(repo);
    writeFileSync(join(repo, "a.env"), `# assay: ignore[secrets/forge-token] revoked test token\nGH=${t("«gh:ghp_»")}\n`);
    mkdirSync(join(repo, "test", "fixtures"), { recursive: true });
    writeFileSync(join(repo, "test", "fixtures", "c.env"), `GH=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "a.env", "test/fixtures/c.env");
    const r = runHook(repo);
    assert.equal(r.code, 0, r.out);
    writeFileSync(join(repo, "b.env"), `GH=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "b.env");
    assert.equal(runHook(repo).code, 1, "a credential outside the allowlist still fails");
  });
});
