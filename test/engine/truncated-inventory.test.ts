import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { runRules } from "../../src/engine/run-rules.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { rule as license } from "../../src/rules/repo/license.js";
import { fixtureDir } from "../helpers/run-rule.js";
import { tmpDir, tmpRepo } from "../helpers/tmp-repo.js";

// Past the file cap the files not listed may hold any rule's evidence (a Dockerfile, a pickle, a
// licence): every rule that ran is incomplete, never passed or "not applicable".

const files = { LICENSE: readFileSync(join(fixtureDir("repo/license", "good"), "LICENSE")), "a.txt": "a", "b/c.txt": "c", "d/e/f.txt": "f" };

async function outcome(dir: string, maxFiles: number): Promise<{ outcome: string | undefined; codes: string[] }> {
  const a = await scan({ path: dir, policy: defaultPolicy(), rules: [license], limits: { maxFiles }, now: new Date("2026-01-01T00:00:00Z") });
  return { outcome: a.rules.find((r) => r.id === "repo/license")?.outcome, codes: a.diagnostics.map((d) => d.code) };
}

describe("inventory past the file cap", () => {
  it("makes every rule incomplete, for a walked folder and a git checkout", async () => {
    for (const dir of [tmpDir(files), tmpRepo(files)]) {
      const cut = await outcome(dir, 2);
      assert.equal(cut.outcome, "incomplete");
      assert.ok(cut.codes.includes("inventory-truncated"));
      assert.equal((await outcome(dir, 100)).outcome, "pass");
    }
  });

  it("counts a walk that stops at exactly the cap with folders left as truncated", async () => {
    // Four files, one per folder level: the walk lists the root's two files and stops with folders unvisited.
    const cut = await outcome(tmpDir(files), 2);
    assert.ok(cut.codes.includes("inventory-truncated"));
  });
  it("makes every rule incomplete when the walk could not open a folder, naming it", async () => {
    // (Permissions cannot make a folder unreadable to root, so the walk's diagnostic is recorded by hand.)
    const ws = await Workspace.open(tmpDir(files));
    ws.diagnostics.push({ level: "warning", code: "unreadable-directory", message: "directory could not be read (EACCES); its files were not scanned", path: "deploy" });
    const [run] = await runRules(ws, [license], { offline: true, now: new Date("2026-01-01T00:00:00Z"), settings: {}, ruleTimeoutMs: 30_000, concurrency: 1 });
    assert.equal(run?.outcome, "incomplete");
    assert.match(run?.reason ?? "", /^deploy could not be listed/);
  });

  it("leaves a folder the policy excludes out of it: nothing a rule reads is there", async () => {
    const ws = await Workspace.open(tmpDir(files), { exclude: ["data/**"] });
    ws.diagnostics.push({ level: "warning", code: "unreadable-directory", message: "directory could not be read (EACCES); its files were not scanned", path: "data/db" });
    const [run] = await runRules(ws, [license], { offline: true, now: new Date("2026-01-01T00:00:00Z"), settings: {}, ruleTimeoutMs: 30_000, concurrency: 1 });
    assert.equal(run?.outcome, "pass");
  });
});
