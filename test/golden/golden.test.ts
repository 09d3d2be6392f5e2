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

/**
 * A fixed rule list: adding a rule to a family must not rewrite the golden files. New families
 * get their own golden cases; this one pins the repo/ family as the reports render it.
 */
const GOLDEN_RULES = [
  "repo/security-policy", "repo/security-policy-contact", "repo/security-policy-supported-versions", "repo/security-policy-disclosure-timeline",
  "repo/license", "repo/codeowners", "repo/codeowners-invalid-paths", "repo/security-insights", "repo/dependency-update-tool",
  "repo/dependency-update-coverage", "repo/sast", "repo/fuzzing", "repo/binary-artifacts", "repo/signed-releases", "repo/maintained",
  "repo/best-practices-badge", "repo/branch-protection", "repo/code-review",
];

async function render(format: string): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await cli(["scan", ".", "--format", format, ...GOLDEN_RULES.flatMap((id) => ["--rule", id])], {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: () => true, isTTY: false },
    cwd: repo,
    // SOURCE_DATE_EPOCH stamps the report; ASSAY_NOW is the instant verdicts are judged at.
    env: { SOURCE_DATE_EPOCH: "1780272000", ASSAY_NOW: "2026-06-01T00:00:00Z" },
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
