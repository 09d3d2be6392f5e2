import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { GuardedReader, inGitFolder } from "../../src/workspace/guarded-read.js";
import { insideCheckout } from "../../src/workspace/inside-checkout.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "../cli/run-cli.js";

const whole = { limit: 4 * 1024 * 1024, maxSize: 4 * 1024 * 1024, whole: true };

describe("guarded reads", () => {
  it("knows git's own folder at the checkout's top, in any letter case, and nothing else", () => {
    assert.deepEqual([".git", ".git/config", ".GIT/logs/HEAD", ".Git"].map(inGitFolder), [true, true, true, true]);
    assert.deepEqual([".github/workflows/ci.yml", ".gitignore", ".git-blame-ignore-revs", "a/.git/config", "git/x", ""].map(inGitFolder), [false, false, false, false, false, false]);
  });


  it("reads transiently into one reused buffer up to 1 MiB, and gives a larger file its own", async () => {
    const dir = tmpDir({ "a.txt": "first file", "b.txt": "second" });
    writeFileSync(join(dir, "big.bin"), Buffer.alloc(1024 * 1024 + 1, 0x61));
    const reader = new GuardedReader(dir);
    const a = reader.readTransient("a.txt", whole);
    assert.ok(a.ok);
    assert.equal(Buffer.from(a.bytes).toString(), "first file");
    const b = reader.readTransient("b.txt", whole);
    assert.ok(b.ok);
    assert.equal(b.bytes.buffer, a.bytes.buffer, "the second transient read reuses the first one's buffer");
    assert.equal(Buffer.from(a.bytes.subarray(0, 6)).toString(), "second", "so the first one's bytes are gone");
    const big = reader.readTransient("big.bin", whole);
    assert.ok(big.ok);
    assert.notEqual(big.bytes.buffer, a.bytes.buffer);
    assert.equal(big.bytes.length, 1024 * 1024 + 1);
    const kept = await reader.read("a.txt", whole);
    assert.ok(kept.ok);
    assert.notEqual(kept.bytes.buffer, a.bytes.buffer, "a plain read has bytes of its own");
  });

  it("never reads git's own folder, by name or through a link a hostile repository commits", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    git(dir, "config", "http.https://github.com/.extraheader", "AUTHORIZATION: basic c2VjcmV0LWpvYi10b2tlbg==");
    mkdirSync(join(dir, ".github"), { recursive: true });
    symlinkSync("../.git/config", join(dir, ".github", "CODEOWNERS"));
    symlinkSync(".GIT/config", join(dir, "SECURITY-INSIGHTS.yml"));
    symlinkSync(".git", join(dir, "gitdir"));
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "links into .git");
    const reader = new GuardedReader(dir);
    for (const path of [".git/config", ".GIT/config", ".github/CODEOWNERS", "SECURITY-INSIGHTS.yml", "gitdir/config"]) {
      const r = await reader.read(path, whole);
      assert.ok(!r.ok, path);
      assert.match(r.reason, /outside/, path);
    }
    assert.equal(reader.linkTarget(".github/CODEOWNERS"), undefined);
    // Through the whole scan: no line of the config reaches a report; the files are unread, and said so.
    const r = await runCli(["scan", dir, "--rule", "repo/codeowners-invalid-paths", "--rule", "repo/security-insights", "--format", "json"]);
    assert.doesNotMatch(r.stdout, /extraheader|AUTHORIZATION|repositoryformatversion/);
    assert.match(r.stdout, /"path": "\.github\/CODEOWNERS"[^}]*symbolic link out of the checkout|not read: is a symbolic link out of the checkout/);
    // Nor does a policy (or baseline) named in the checkout lead there.
    assert.deepEqual(insideCheckout(dir, "gitdir/config"), { ok: false, why: "is in the .git folder, which is git's, not the checkout's", at: "gitdir/config" });
    assert.equal(insideCheckout(dir, ".git/hooks/x").ok, false);
  });

  it("keeps every text a workspace reads whole, however many rules read at once", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`f${i}.txt`] = `file ${i} `.repeat(1 + i * 50);
    const ws = await Workspace.open(tmpDir(files));
    const texts = await Promise.all(Object.keys(files).map((p) => ws.readText(p)));
    Object.entries(files).forEach(([p, t], i) => assert.equal(texts[i]?.text, t, p));
  });
});
