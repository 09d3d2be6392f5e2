// Git's answers about a checkout asked for before its Workspace is opened (the early start of a
// scan command): the workspace is the same as one opened without, and each answer is used once.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isPrefetched, prefetchCheckout, Workspace } from "../../src/workspace/workspace.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const view = (ws: Workspace) => ({ files: ws.files.map((f) => `${f.kind}:${f.path}`), vcs: ws.vcs, head: ws.head, diagnostics: ws.diagnostics.map((d) => d.code) });

describe("prefetchCheckout", () => {
  it("gives the workspace a plain open gives: tracked, untracked, deleted and ignored files alike", async () => {
    const dir = tmpRepo({ "a.txt": "a\n", "gone.txt": "g\n", ".gitignore": "*.log\n", "src/b.ts": "b\n" });
    dirs.push(dir);
    rmSync(join(dir, "gone.txt"));
    writeFileSync(join(dir, "new.txt"), "n\n");
    writeFileSync(join(dir, "x.log"), "ignored\n");
    const plain = view(await Workspace.open(dir));
    prefetchCheckout(dir);
    assert.equal(isPrefetched(dir), true);
    const early = view(await Workspace.open(dir));
    assert.equal(isPrefetched(dir), false, "taken by the open");
    assert.deepEqual(early, plain);
    assert.deepEqual(early.files, ["file:.gitignore", "file:a.txt", "file:new.txt", "file:src/b.ts"]);
    // A later commit is seen by a later open: the answer was used once, not kept.
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "more");
    const next = await Workspace.open(dir);
    assert.notEqual(next.head, plain.head);
  });

  it("walks a folder outside any repository as a plain open does", async () => {
    const dir = tmpDir({ "a.txt": "a\n", "b/c.txt": "c\n" });
    dirs.push(dir);
    prefetchCheckout(dir);
    assert.deepEqual(view(await Workspace.open(dir)), { files: ["file:a.txt", "file:b/c.txt"], vcs: "none", head: null, diagnostics: [] });
  });

  it("asks nothing about a path that is no folder, and the open still says why", async () => {
    const dir = tmpDir({ "f.txt": "x\n" });
    dirs.push(dir);
    prefetchCheckout(join(dir, "f.txt"));
    prefetchCheckout(join(dir, "missing"));
    assert.equal(isPrefetched(join(dir, "f.txt")), false);
    assert.equal(isPrefetched(join(dir, "missing")), false);
    await assert.rejects(Workspace.open(join(dir, "missing")), (e: unknown) => (e as { code?: string }).code === "TARGET_NOT_FOUND");
  });
});
