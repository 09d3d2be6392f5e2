// The early start of `assay scan` and `assay secrets`: git is asked about the checkout and the
// text-scan threads boot before the command's code loads, and only when the command will use them.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { startEarly } from "../../src/cli/early-start.js";
import { takeEarlyWorkers } from "../../src/workspace/text-scan.js";
import { isPrefetched, Workspace } from "../../src/workspace/workspace.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

const dir = tmpRepo({ "a.txt": "a\n", ".env": "X=1\n" });
after(() => rmSync(dir, { recursive: true, force: true }));

/** What startEarly started for these arguments, taken (and stopped) so the next case starts clean. */
async function started(command: string, args: string[], env: Record<string, string> = {}): Promise<{ git: boolean; threads: boolean }> {
  startEarly(command, args, dir, env);
  const git = isPrefetched(dir);
  if (git) await Workspace.open(dir);
  const threads = takeEarlyWorkers();
  await threads?.close();
  return { git, threads: threads !== undefined };
}

describe("startEarly", () => {
  it("asks git and starts the threads for a checkout scan, by path or from inside it", async () => {
    assert.deepEqual(await started("secrets", [dir]), { git: true, threads: true });
    assert.deepEqual(await started("secrets", ["--format", "json"]), { git: true, threads: true });
    assert.deepEqual(await started("scan", [dir, "--history", "-o", join(dir, "out.json")]), { git: true, threads: true });
  });

  it("starts as many threads as ASSAY_WORKERS asks, none for 0", async () => {
    assert.deepEqual(await started("secrets", [dir], { ASSAY_WORKERS: "0" }), { git: true, threads: false });
    startEarly("secrets", [dir], dir, { ASSAY_WORKERS: "2" });
    await Workspace.open(dir);
    const two = takeEarlyWorkers(2);
    assert.equal(two?.set.running, 2);
    await two?.close();
  });

  it("starts no threads for a scan whose rules do not read the whole tree", async () => {
    assert.deepEqual(await started("scan", [dir, "--rule", "workflows"]), { git: true, threads: false });
    assert.deepEqual(await started("scan", [dir, "--rule", "workflows", "--rule", "secrets/private-key"]), { git: true, threads: true });
  });

  it("starts nothing for standard input, staged changes, one file, a diff, help or another command", async () => {
    for (const args of [["-"], ["--stdin"], ["--staged"], ["--list"], [join(dir, ".env")], [dir, "--diff", "main"], [dir, "--changed-since=main"], ["--help"], [dir, "extra"]]) {
      assert.deepEqual(await started("secrets", args), { git: false, threads: false }, args.join(" "));
    }
    assert.deepEqual(await started("workflows", [dir]), { git: false, threads: false });
    assert.deepEqual(await started("secrets", [join(dir, "missing")]), { git: false, threads: false });
  });
});
