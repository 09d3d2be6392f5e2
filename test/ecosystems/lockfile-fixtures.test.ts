import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findLockfiles } from "../../src/ecosystems/lockfiles.js";
import { Workspace } from "../../src/workspace/workspace.js";

// Every folder under test/fixtures/lockfiles/<format>/<case>/ is a small checkout whose lockfiles
// were written by the real tools (npm, yarn, pnpm, bun) or from the formats' documentation;
// expected.json next to them holds the exact package set of each lockfile and the diagnostics.
// UPDATE_LOCKFILE_EXPECTED=1 rewrites expected.json from the parsers (review the diff by hand).

const ROOT = new URL("../fixtures/lockfiles/", import.meta.url).pathname;

interface Expected {
  /** `vcs`: the packages built from a repository, each as its purl and its repository and commit, which the package list alone does not show. */
  lockfiles: Record<string, { format: string; ecosystem: string; packages: string[]; unpinned?: string[]; vcs?: string[] }>;
  diagnostics?: { path: string; line?: number; column?: number }[];
}

function cases(): string[] {
  const out: string[] = [];
  for (const format of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, format);
    if (!statSync(dir).isDirectory()) continue;
    for (const c of readdirSync(dir).sort()) if (statSync(join(dir, c)).isDirectory()) out.push(`${format}/${c}`);
  }
  return out;
}

async function actual(dir: string): Promise<Expected> {
  const ws = await Workspace.open(dir);
  const lockfiles = await findLockfiles(ws);
  const out: Expected = { lockfiles: {} };
  for (const lf of lockfiles) {
    const vcs = lf.packages.filter((p) => p.vcsUrl !== undefined).map((p) => `${p.purl} ${p.vcsUrl}`).sort();
    out.lockfiles[lf.path] = {
      format: lf.format,
      ecosystem: lf.ecosystem,
      packages: lf.packages.map((p) => `${p.name}@${p.version}`).sort(),
      ...(lf.unpinned.length > 0 ? { unpinned: lf.unpinned.map((u) => `${u.name} ${u.spec}`.trim()).sort() } : {}),
      ...(vcs.length > 0 ? { vcs } : {}),
    };
  }
  const diagnostics = ws.diagnostics.filter((d) => d.code === "parse-error").map((d) => ({ path: d.path ?? "", ...(d.line !== undefined ? { line: d.line } : {}), ...(d.column !== undefined ? { column: d.column } : {}) }));
  if (diagnostics.length > 0) out.diagnostics = diagnostics;
  return out;
}

describe("lockfile fixtures: exact package sets", () => {
  for (const c of cases()) {
    it(c, async () => {
      const dir = join(ROOT, c);
      const file = join(dir, "expected.json");
      const got = await actual(dir);
      if (process.env.UPDATE_LOCKFILE_EXPECTED === "1" || !existsSync(file)) {
        if (process.env.UPDATE_LOCKFILE_EXPECTED !== "1") assert.fail(`${c} has no expected.json (UPDATE_LOCKFILE_EXPECTED=1 writes one to review)`);
        writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
        return;
      }
      assert.deepEqual(got, JSON.parse(readFileSync(file, "utf8")) as Expected);
    });
  }
});
