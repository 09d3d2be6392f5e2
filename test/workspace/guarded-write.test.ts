// Files assay creates at fixed places of a checkout (assay init, the default VEX and answers
// files) are never written through a symbolic link: the checkout is hostile input, and a link
// there would make assay overwrite a file of the user's elsewhere.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { initCommand } from "../../src/cli/init.js";
import { vexCommand } from "../../src/cli/vex.js";
import type { Io } from "../../src/cli/io.js";
import { AssayError } from "../../src/core/errors.js";
import { rewriteFile, writeCheckoutFile } from "../../src/workspace/guarded-write.js";
import { tmpDir } from "../helpers/tmp-repo.js";

function io(cwd: string): Io {
  return { stdout: { write: () => true }, stderr: { write: () => true }, cwd, env: {} };
}

/** A checkout and a folder outside it holding a file the checkout links to. */
function hostile(): { root: string; outside: string } {
  const outside = tmpDir({ "keep.txt": "the user's own file\n" });
  return { root: tmpDir({ "README.md": "# demo\n" }), outside };
}

describe("writeCheckoutFile", () => {
  it("creates the file and its folders inside the checkout", () => {
    const { root } = hostile();
    writeCheckoutFile(root, ".assay/deep/x.yml", "a: 1\n");
    assert.equal(readFileSync(join(root, ".assay/deep/x.yml"), "utf8"), "a: 1\n");
  });

  it("says a folder on the way that the checkout holds as a file is the obstacle, not permissions", () => {
    const { root } = hostile();
    writeFileSync(join(root, ".vex"), "a file, not a folder\n");
    assert.throws(() => writeCheckoutFile(root, ".vex/assay.openvex.json", "{}\n"), (e: unknown) => e instanceof AssayError && e.code === "OUTPUT_FAILED" && /a part of \.vex\/assay\.openvex\.json is a file in the checkout, not a folder/.test(e.hint ?? ""));
  });

  it("refuses a file that is a symbolic link, a folder that leads out, a link to nothing and `..`", () => {
    const { root, outside } = hostile();
    symlinkSync(join(outside, "keep.txt"), join(root, "assay.yml"));
    symlinkSync(outside, join(root, ".github"));
    symlinkSync(join(outside, "gone"), join(root, ".vex"));
    for (const p of ["assay.yml", ".github/dependabot.yml", ".github/workflows/assay.yml", ".vex/a.json", "../x.yml"]) {
      assert.throws(() => writeCheckoutFile(root, p, "overwritten\n"), (e: unknown) => e instanceof AssayError && e.code === "OUTPUT_FAILED", p);
    }
    assert.equal(readFileSync(join(outside, "keep.txt"), "utf8"), "the user's own file\n");
    assert.equal(existsSync(join(outside, "dependabot.yml")), false);
    assert.equal(existsSync(join(outside, "workflows")), false);
  });

  it("allows a folder that is a link inside the checkout", () => {
    const { root } = hostile();
    mkdirSync(join(root, "real"));
    symlinkSync("real", join(root, ".assay"));
    writeCheckoutFile(root, ".assay/x.yml", "ok\n");
    assert.equal(readFileSync(join(root, "real/x.yml"), "utf8"), "ok\n");
  });
});

describe("commands that write into the checkout", () => {
  it("assay init writes nothing when one of its files would go through a link out of the checkout", async () => {
    const { root, outside } = hostile();
    writeFileSync(join(root, "package.json"), '{"name":"x","dependencies":{"a":"1"}}\n');
    symlinkSync(outside, join(root, ".github"));
    await assert.rejects(initCommand(["--no-workflow", "--force"], io(root)), /\.github is a symbolic link out of the checkout/);
    assert.equal(existsSync(join(outside, "dependabot.yml")), false);
    assert.equal(existsSync(join(root, "assay.yml")), false, "checked before anything was written");
  });

  it("assay vex neither reads nor writes its default file through a link", () => {
    const { root, outside } = hostile();
    mkdirSync(join(root, ".vex"));
    symlinkSync(join(outside, "keep.txt"), join(root, ".vex/assay.openvex.json"));
    assert.throws(() => vexCommand(["--vulnerability", "CVE-1", "--product", "pkg:npm/x@1", "--status", "affected", "--action", "upgrade"], io(root)), /is a symbolic link: not written through it/);
    assert.equal(readFileSync(join(outside, "keep.txt"), "utf8"), "the user's own file\n");
  });
});

describe("git's own folder", () => {
  it("is never written, through a folder that links there or by name: a hook or the config would be overwritten", async () => {
    const { root } = hostile();
    mkdirSync(join(root, ".git/hooks"), { recursive: true });
    writeFileSync(join(root, ".git/hooks/pre-commit"), "#!/bin/sh\n");
    symlinkSync(".git/hooks", join(root, ".vex"));
    assert.throws(() => writeCheckoutFile(root, ".vex/assay.openvex.json", "{}"), /is in the \.git folder, which is git's, not the checkout's/);
    assert.throws(() => writeCheckoutFile(root, ".git/hooks/pre-commit", "{}"), /is in the \.git folder/);
    symlinkSync(".git/hooks", join(root, "hooks"));
    await assert.rejects(rewriteFile(root, "hooks/pre-commit", new TextEncoder().encode("{}")), /in the \.git folder/);
    await assert.rejects(rewriteFile(root, ".git/hooks/pre-commit", new TextEncoder().encode("{}")), /in the \.git folder/);
    assert.equal(readFileSync(join(root, ".git/hooks/pre-commit"), "utf8"), "#!/bin/sh\n");
  });
});
