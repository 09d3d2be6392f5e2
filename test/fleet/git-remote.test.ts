import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { localHead, remoteHead, shallowClone, sizeOver } from "../../src/fleet/git-remote.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

describe("fleet git: ls-remote and shallow clones of untrusted repositories", () => {
  const root = tmpDir({});
  after(() => rmSync(root, { recursive: true, force: true }));
  const work = tmpRepo({ "README.md": "# x\n", "big.bin": randomBytes(3 * 2 ** 20) });
  git(work, "tag", "v1");
  // A second commit, so depth 1 is visible; and a submodule entry that must not be fetched.
  writeFileSync(join(work, ".gitmodules"), `[submodule "evil"]\n\tpath = evil\n\turl = ext::sh -c touch% ${join(root, "pwned")}\n`);
  git(work, "add", "-A");
  git(work, "commit", "-qm", "second");
  const bare = join(root, "app.git");
  git(root, "clone", "-q", "--bare", work, bare);
  const url = pathToFileURL(bare).href;
  after(() => rmSync(work, { recursive: true, force: true }));

  it("reads HEAD without cloning", async () => {
    assert.equal(await remoteHead(url), git(work, "rev-parse", "HEAD").trim());
  });

  it("reads a local repository's HEAD from its files as ls-remote would, and declines anything unusual", async () => {
    const head = git(work, "rev-parse", "HEAD").trim();
    assert.equal(await remoteHead(url, 60_000, { lsRemoteOnly: true }), head);
    assert.equal(await localHead(bare), head, "loose ref");
    assert.equal(await localHead(work), head, "a working copy's .git");
    const packed = join(root, "packed.git");
    git(root, "clone", "-q", "--bare", work, packed);
    git(packed, "pack-refs", "--all");
    assert.equal(existsSync(join(packed, "refs/heads/main")), false);
    assert.equal(await localHead(packed), head, "packed-refs");
    writeFileSync(join(packed, "HEAD"), "ref: refs/heads/../../../../etc/passwd\n");
    assert.equal(await localHead(packed), undefined);
    writeFileSync(join(packed, "HEAD"), `${head}\n`);
    assert.equal(await localHead(packed), head, "detached");
    rmSync(join(packed, "HEAD"));
    symlinkSync("/etc/hostname", join(packed, "HEAD"));
    assert.equal(await localHead(packed), undefined, "a symbolic link is not followed");
    assert.equal(await localHead(root), undefined);
  });

  it("clones depth 1 without tags or submodules and reports the commit", async () => {
    const dir = join(root, "clone-1");
    const commit = await shallowClone(url, dir, { maxBytes: 64 * 2 ** 20, timeoutMs: 120_000 });
    assert.equal(commit, git(work, "rev-parse", "HEAD").trim());
    assert.equal(git(dir, "rev-list", "--count", "HEAD").trim(), "1");
    assert.equal(git(dir, "tag").trim(), "");
    assert.ok(!existsSync(join(dir, "evil")) || readdirSync(join(dir, "evil")).length === 0);
    assert.equal(existsSync(join(root, "pwned")), false);
  });

  it("stops a clone that outgrows its disk budget", async () => {
    await assert.rejects(shallowClone(url, join(root, "clone-2"), { maxBytes: 2 ** 20, timeoutMs: 120_000 }), /larger than 1 MiB/);
  });

  it("refuses transports outside https, ssh and file, even when handed one directly", async () => {
    await assert.rejects(remoteHead(`ext::sh -c touch% ${join(root, "pwned-2")}`), /not allowed|unable to find remote helper|transport/i);
    await assert.rejects(shallowClone("git://127.0.0.1:1/x.git", join(root, "clone-3"), { maxBytes: 2 ** 20, timeoutMs: 30_000 }), /not allowed|transport/i);
    assert.equal(existsSync(join(root, "pwned-2")), false);
  });

  it("names the reason for an empty or missing repository", async () => {
    const empty = join(root, "empty.git");
    mkdirSync(empty);
    git(empty, "init", "-q", "--bare");
    await assert.rejects(remoteHead(pathToFileURL(empty).href), /no HEAD/);
    await assert.rejects(remoteHead(pathToFileURL(join(root, "missing.git")).href), /does not appear to be a git repository|not found|No such/i);
  });

  it("measures trees with a bound", async () => {
    const d = tmpDir({ "a.txt": "x".repeat(1000), "sub/b.txt": "y".repeat(1000) });
    after(() => rmSync(d, { recursive: true, force: true }));
    assert.equal(await sizeOver(d, 5000), false);
    assert.equal(await sizeOver(d, 1500), true);
    assert.equal(await sizeOver(d, 1e9, 1), true);
  });
});
