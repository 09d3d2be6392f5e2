// `assay init` writes CI that installs assay from an immutable reference that exists: this
// repository at the commit the build came from, never a package name nobody has published.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { initCommand } from "../../src/cli/init.js";
import type { Io } from "../../src/cli/io.js";
import { yamlParser } from "../../src/ecosystems/formats/yaml.js";
import { workflowParser } from "../../src/ecosystems/github-actions/workflow.js";
import { makeTextFile } from "../../src/workspace/text-file.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function io(cwd: string): Io {
  return { stdout: { write: () => true }, stderr: { write: () => true }, cwd, env: {} };
}

describe("assay init", () => {
  it("pins assay to a full commit of its repository, checked out without credentials", () => {
    const dir = tmpDir();
    assert.equal(initCommand([], io(dir), COMMIT), 0);
    const text = readFileSync(join(dir, ".github/workflows/assay.yml"), "utf8");
    assert.doesNotMatch(text, /npx|assay@|npm (?:install|i) assay/);
    assert.match(text, /repository: assay-dev\/assay\n\s+ref: 0123456789abcdef0123456789abcdef01234567\n\s+path: \.assay-tool\n\s+persist-credentials: false/);
    assert.match(text, /node \.assay-tool\/bin\/assay\.js scan \. --format sarif --output assay\.sarif/);
    // Every action is pinned to a full commit SHA.
    for (const m of text.matchAll(/uses: (\S+)/g)) assert.match(m[1] ?? "", /@[0-9a-f]{40}$/, m[1]);
    const file = makeTextFile(".github/workflows/assay.yml", new TextEncoder().encode(text));
    const wf = workflowParser.parse(file, yamlParser.parse(file));
    assert.ok(wf.jobs.length === 1);
  });

  it("refuses to write a workflow when the build does not know its commit, with a way forward", () => {
    const dir = tmpDir();
    assert.throws(() => initCommand([], io(dir), "unknown"), (e: unknown) => e instanceof AssayError && e.code === "BUILD_UNKNOWN" && /--no-workflow/.test(e.hint ?? ""));
    assert.ok(!existsSync(join(dir, ".github/workflows/assay.yml")));
    assert.ok(!existsSync(join(dir, "assay.yml")), "nothing is half-written");
    assert.equal(initCommand(["--no-workflow"], io(dir), "unknown"), 0);
    assert.ok(existsSync(join(dir, "assay.yml")));
  });
});
