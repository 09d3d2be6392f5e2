// The layering of DESIGN.md is a lint rule; these cases prove it bites (and lets the right imports through).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: new URL("../../", import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === "no-restricted-imports");
}

describe("lint: layering", () => {
  it("fails when a rule imports the CLI, the engine, the policy or a renderer", async () => {
    for (const target of ["../../cli/main.js", "../../engine/run-rules.js", "../../policy/triage.js", "../../report/index.js", "../../api/scan.js"]) {
      assert.equal(await restricted("src/rules/repo/example.ts", `import { x } from "${target}";\nexport const y = x;\n`), true, target);
    }
  });

  it("fails when a rule imports the file system", async () => {
    assert.equal(await restricted("src/rules/repo/example.ts", 'import { readFileSync } from "node:fs";\nexport const y = readFileSync;\n'), true);
  });

  it("lets a rule import core, ecosystems and its family's lib", async () => {
    const code = 'import type { Rule } from "../../core/rule.js";\nimport { walkSteps } from "../../ecosystems/github-actions/index.js";\nimport { x } from "./lib/x.js";\nexport const y: Rule | undefined = undefined;\nexport const z = [walkSteps, x];\n';
    assert.equal(await restricted("src/rules/repo/example.ts", code), false);
  });

  it("keeps core free of every other layer and ecosystems free of rules", async () => {
    assert.equal(await restricted("src/core/example.ts", 'import { x } from "../workspace/workspace.js";\nexport const y = x;\n'), true);
    assert.equal(await restricted("src/ecosystems/npm/example.ts", 'import { x } from "../../rules/index.js";\nexport const y = x;\n'), true);
    assert.equal(await restricted("src/report/text/example.ts", 'import { x } from "../../policy/gate.js";\nexport const y = x;\n'), true);
  });

  it("keeps the secrets library pure, and lets rules use it", async () => {
    assert.equal(await restricted("src/secrets/example.ts", 'import { x } from "../engine/run-rules.js";\nexport const y = x;\n'), true);
    assert.equal(await restricted("src/secrets/example.ts", 'import { readFileSync } from "node:fs";\nexport const y = readFileSync;\n'), true);
    assert.equal(await restricted("src/rules/secrets/example.ts", 'import { DETECTORS } from "../../secrets/index.js";\nexport const y = DETECTORS;\n'), false);
  });

  it("makes tests spawn synchronous children through the helper that bounds them", async () => {
    assert.equal(await restricted("test/cli/example.test.ts", 'import { spawnSync } from "node:child_process";\nexport const y = spawnSync;\n'), true);
    assert.equal(await restricted("test/cli/example.test.ts", 'import { spawn } from "node:child_process";\nimport { spawnSync } from "../helpers/child-timeout.js";\nexport const y = [spawn, spawnSync];\n'), false);
  });
});
