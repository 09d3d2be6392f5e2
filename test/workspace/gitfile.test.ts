import assert from "node:assert/strict";
import { execFileSync } from "../helpers/child-timeout.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { tmpFolder } from "../helpers/tmp-repo.js";

const tmp = (): string => tmpFolder("assay-gitfile-");
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", ...args], { cwd, stdio: "pipe" });

function repo(dir: string, file: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q");
  writeFileSync(join(dir, file), "x\n");
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "init");
  return dir;
}

describe("a .git file (gitdir: PATH), and git directories as targets", () => {
  it("pointing at another repository outside the checkout is followed, as git does, with a warning naming it", async () => {
    const base = tmp();
    const other = repo(join(base, "private"), "private-notes.txt");
    const scanned = join(base, "download");
    mkdirSync(scanned);
    writeFileSync(join(scanned, ".git"), `gitdir: ${join(other, ".git")}\n`);
    const ws = await Workspace.open(scanned);
    const d = ws.diagnostics.find((x) => x.code === "gitdir-elsewhere");
    assert.ok(d, JSON.stringify(ws.diagnostics));
    assert.equal(d.level, "warning");
    assert.ok(d.message.includes(join(other, ".git")));
  });

  it("that is a worktree, a submodule, or a folder inside the checkout is not warned about", async () => {
    const base = tmp();
    const main = repo(join(base, "main"), "a.txt");
    git(main, "worktree", "add", "-q", join(base, "wt"));
    const lib = repo(join(base, "lib"), "lib.txt");
    git(main, "submodule", "add", "-q", lib, "vendor/lib");
    const separate = join(base, "separate");
    mkdirSync(separate);
    git(separate, "init", "-q", "--separate-git-dir", join(separate, ".real-git"));
    for (const dir of [join(base, "wt"), join(main, "vendor", "lib"), separate]) {
      const ws = await Workspace.open(dir);
      assert.equal(ws.diagnostics.find((x) => x.code === "gitdir-elsewhere"), undefined, `${dir}: ${JSON.stringify(ws.diagnostics)}`);
    }
  });

  it("pointing at something that is not a repository is refused, saying where it points", async () => {
    const base = tmp();
    const scanned = join(base, "x");
    mkdirSync(scanned);
    writeFileSync(join(scanned, ".git"), "gitdir: ../nowhere\n");
    await assert.rejects(Workspace.open(scanned), (e: unknown) => e instanceof AssayError && e.code === "TARGET_BROKEN" && e.message.includes(join(base, "nowhere")));
  });

  it("a bare repository or a .git folder given as the target is refused: it is no checkout", async () => {
    const base = tmp();
    const bare = join(base, "bare.git");
    mkdirSync(bare);
    git(bare, "init", "-q", "--bare");
    const work = repo(join(base, "work"), "a.txt");
    for (const target of [bare, join(work, ".git")]) await assert.rejects(Workspace.open(target), (e: unknown) => e instanceof AssayError && e.code === "TARGET_GIT_DIR", target);
    assert.equal((await Workspace.open(work)).vcs, "git");
  });
});
