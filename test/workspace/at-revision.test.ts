import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileAtRevision, filesAtRevision, isCommit } from "../../src/workspace/at-revision.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";

describe("files at a revision", () => {
  it("reads a file as the commit holds it, not as the working tree does, from a subfolder too", async () => {
    const repo = tmpRepo({ "assay.yml": "version: 1\n", "sub/assay.yml": "sub\n" });
    const base = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, "assay.yml"), "changed\n");
    assert.deepEqual(await fileAtRevision(repo, base, "assay.yml", 1024), { kind: "file", text: "version: 1\n" });
    assert.deepEqual(await fileAtRevision(join(repo, "sub"), base, "assay.yml", 1024), { kind: "file", text: "sub\n" });
    assert.deepEqual(await fileAtRevision(repo, base, "missing.yml", 1024), { kind: "missing" });
    assert.equal(await isCommit(repo, base), true);
    assert.equal(await isCommit(repo, "no-such-branch"), false);
    assert.equal(await isCommit(repo, "--all"), false);
  });

  it("refuses links, folders, paths out of the checkout and files over the limit, reading none of them", async () => {
    const repo = tmpRepo({ "big.json": "x".repeat(5000), "dir/a": "a\n" });
    symlinkSync("/etc/passwd", join(repo, "link.yml"));
    mkdirSync(join(repo, "sub"));
    writeFileSync(join(repo, "sub", "k"), "k\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "more");
    const head = git(repo, "rev-parse", "HEAD").trim();
    assert.deepEqual(await fileAtRevision(repo, head, "link.yml", 1024), { kind: "unusable", why: "is a symbolic link" });
    assert.deepEqual(await fileAtRevision(repo, head, "dir", 1024), { kind: "unusable", why: "is a folder" });
    const big = await fileAtRevision(repo, head, "big.json", 1024);
    assert.ok(big.kind === "unusable" && /^is [\d.]+ MiB, over the [\d.]+ MiB limit$/.test(big.why), JSON.stringify(big));
    assert.deepEqual(await fileAtRevision(join(repo, "sub"), head, "../big.json", 1024), { kind: "unusable", why: "is outside the checkout" });
    assert.deepEqual(await fileAtRevision(repo, head, "/etc/passwd", 1024), { kind: "unusable", why: "is outside the checkout" });
  });

  it("lists a folder's files at a revision, deep, without links, relative to the folder asked from", async () => {
    const repo = tmpRepo({ ".vex/a.json": "[]", ".vex/deep/b.json": "[]", "sub/.vex/c.json": "[]", "other.json": "{}" });
    symlinkSync("/etc/passwd", join(repo, ".vex", "link.json"));
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "link");
    const head = git(repo, "rev-parse", "HEAD").trim();
    writeFileSync(join(repo, ".vex", "uncommitted.json"), "[]");
    assert.deepEqual(await filesAtRevision(repo, head, ".vex"), [".vex/a.json", ".vex/deep/b.json"]);
    assert.deepEqual(await filesAtRevision(join(repo, "sub"), head, ".vex"), [".vex/c.json"]);
    assert.deepEqual(await filesAtRevision(repo, head, "none"), []);
    assert.deepEqual(await filesAtRevision(join(repo, "sub"), head, "../.vex"), []);
  });
});
