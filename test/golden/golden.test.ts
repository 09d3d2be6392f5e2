// One golden file per format: a fixed repository (replayed from a history recipe, so even the
// commit hash is stable) scanned at a fixed time through the CLI. Any change to any report shows
// up here as a diff; regenerate on purpose with `UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/golden/golden.test.ts`.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { materialize } from "../helpers/fixture-history.js";

const repo = materialize(new URL("../fixtures/golden/repo", import.meta.url).pathname);
const FILES: Record<string, string> = { text: "report.txt", json: "assessment.json", sarif: "report.sarif", markdown: "report.md", github: "report.github.txt" };

async function render(format: string): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await cli(["scan", ".", "--format", format], {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: () => true, isTTY: false },
    cwd: repo,
    env: { SOURCE_DATE_EPOCH: "1780272000" },
  });
  return { code, out };
}

describe("golden reports", () => {
  for (const [format, file] of Object.entries(FILES)) {
    it(`${format} matches test/golden/${file}`, async () => {
      const { code, out } = await render(format);
      assert.equal(code, 1, "the golden repository fails its own gate");
      const path = new URL(file, import.meta.url);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, out);
      assert.equal(out, readFileSync(path, "utf8"));
    });
  }
});
