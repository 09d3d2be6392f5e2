import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../src/core/assessment.js";
import { gitInventory, walkInventory } from "../../src/workspace/inventory.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const SHA1 = "0123456789abcdef0123456789abcdef01234567";
const SHA256 = `${SHA1}0123456789abcdef0123456789abcdef`.slice(0, 64);

/** `git ls-files -z -t --stage --others` output from records. */
const listing = (...records: string[]): Buffer => Buffer.from(records.map((r) => `${r}\0`).join(""), "utf8");
const tracked = (path: string, opts: { tag?: string; mode?: string; object?: string; stage?: number } = {}): string => `${opts.tag ?? "H"} ${opts.mode ?? "100644"} ${opts.object ?? SHA1} ${opts.stage ?? 0}\t${path}`;

describe("gitInventory", () => {
  it("reads each tracked record's path and mode, with object names of SHA-1 and SHA-256 length", () => {
    const files = gitInventory("/nonexistent", "", listing(tracked("b.sh", { mode: "100755" }), tracked("a/link", { mode: "120000", object: SHA256 }), tracked("vendor/lib", { mode: "160000" }), tracked("c.txt", { tag: "C" })), []);
    assert.deepEqual(files, [
      { path: "a/link", kind: "symlink", executable: false },
      { path: "b.sh", kind: "file", executable: true },
      { path: "c.txt", kind: "file", executable: false },
      { path: "vendor/lib", kind: "submodule", executable: false },
    ]);
  });

  it("decodes each path as UTF-8, names with tabs and spaces included", () => {
    const files = gitInventory("/nonexistent", "", listing(tracked("docs/résumé 1.md"), tracked("日本/設定.yml"), tracked("odd\tname .txt")), []);
    assert.deepEqual(files.map((f) => f.path), ["docs/résumé 1.md", "odd\tname .txt", "日本/設定.yml"]);
  });

  it("skips records that are not git's (a wrong tag, mode, object length or stage, or no path)", () => {
    const files = gitInventory(
      "/nonexistent",
      "",
      listing(
        tracked("ok.txt"),
        `1 100644 ${SHA1} 0\tdigit-tag`,
        `H 100648 ${SHA1} 0\tbad-mode`,
        `H 100644 ${SHA1.slice(0, 39)} 0\tshort-object`,
        `H 100644 ${SHA1} 4\tbad-stage`,
        `H 100644 ${SHA1} 0 no-tab`,
        `H 100644 ${SHA1} 0\t`,
        "H 100644",
        "",
      ),
      [],
    );
    assert.deepEqual(files.map((f) => f.path), ["ok.txt"]);
  });

  it("lists an unmerged path once, as its last stage", () => {
    const files = gitInventory("/nonexistent", "", listing(tracked("a.txt"), tracked("m.txt", { stage: 1 }), tracked("m.txt", { stage: 2 }), tracked("m.txt", { stage: 3, mode: "100755" }), tracked("z.txt")), []);
    assert.deepEqual(files, [
      { path: "a.txt", kind: "file", executable: false },
      { path: "m.txt", kind: "file", executable: true },
      { path: "z.txt", kind: "file", executable: false },
    ]);
  });

  it("makes paths relative to the scanned folder, and leaves out deleted files with a note", () => {
    const diagnostics: Diagnostic[] = [];
    const files = gitInventory("/nonexistent", "sub/", listing(tracked("sub/a.txt"), tracked("sub/gone.txt"), tracked("sub/mod", { mode: "160000" })), diagnostics, undefined, Buffer.from("sub/gone.txt\0sub/mod\0"));
    assert.deepEqual(files.map((f) => f.path), ["a.txt", "mod"], "a submodule is kept: git calls an uninitialised one deleted");
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [["deleted-files", "1 tracked file is deleted in the working tree and was not scanned: the scan reads the working tree, not the last commit"]]);
  });

  it("adds untracked files as they are on disk, once, and never over a tracked one", () => {
    const root = mkdtempSync(join(tmpdir(), "assay-inv-"));
    mkdirSync(join(root, "d"));
    writeFileSync(join(root, "d", "new.sh"), "echo\n", { mode: 0o755 });
    writeFileSync(join(root, "t.txt"), "x\n");
    symlinkSync("t.txt", join(root, "ln"));
    const files = gitInventory(root, "", listing("? d/new.sh", "? ln", "? d/new.sh", "? gone.txt", "? t.txt", tracked("t.txt", { mode: "100755" })), []);
    assert.deepEqual(files, [
      { path: "d/new.sh", kind: "file", executable: true },
      { path: "ln", kind: "symlink", executable: false },
      { path: "t.txt", kind: "file", executable: true },
    ]);
  });

  it("leaves out what a sparse checkout does not check out, with one note, and keeps a skip-worktree file that is there", () => {
    const root = mkdtempSync(join(tmpdir(), "assay-inv-"));
    writeFileSync(join(root, "local.conf"), "x\n");
    const diagnostics: Diagnostic[] = [];
    const files = gitInventory(root, "", listing(tracked("local.conf", { tag: "S" }), tracked("svc/a.txt", { tag: "S" }), tracked("svc/b.txt", { tag: "S" })), diagnostics);
    assert.deepEqual(files.map((f) => f.path), ["local.conf"]);
    assert.deepEqual(diagnostics.map((d) => d.code), ["sparse-checkout"]);
    assert.match(diagnostics[0]?.message ?? "", /^2 tracked files are outside this sparse checkout/);
  });
});

describe("walkInventory", () => {
  it("says when a plain folder's .gitignore hides what the checks judge: `*` must not make a project pass unscanned", async () => {
    const dir = tmpDir({
      ".gitignore": "*\n!.gitignore\n",
      ".github/workflows/ci.yml": "on: pull_request_target\n",
      "src/app/package.json": "{}\n",
      "README.md": "# x\n",
    });
    const diagnostics: Diagnostic[] = [];
    const files = await walkInventory(dir, diagnostics);
    assert.deepEqual(files.map((f) => f.path), [".gitignore"]);
    const d = diagnostics.find((x) => x.code === "gitignore-hides-evidence");
    assert.equal(d?.level, "warning");
    assert.match(d?.message ?? "", /leave out files the checks judge, which were not scanned: \.github\/workflows\/ci\.yml, src\/app\/package\.json$/);
  });

  it("says nothing of dependency trees, build output and logs a .gitignore leaves out", async () => {
    const dir = tmpDir({
      ".gitignore": "node_modules/\ndist/\n*.log\n.venv/\n",
      "node_modules/x/package.json": "{}\n",
      "dist/package.json": "{}\n",
      ".venv/lib/pyproject.toml": "\n",
      "debug.log": "x\n",
      "package.json": "{}\n",
    });
    const diagnostics: Diagnostic[] = [];
    const files = await walkInventory(dir, diagnostics);
    assert.deepEqual(files.map((f) => f.path), [".gitignore", "package.json"]);
    assert.deepEqual(diagnostics, []);
  });
});
