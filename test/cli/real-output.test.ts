// The outputs of a real scan (every rule, a repository with findings of several kinds) validate
// against the published assessment schema and the official SARIF 2.1.0 schema.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { scan } from "../../src/api/scan.js";
import { renderSarif } from "../../src/report/sarif/render-sarif.js";
import { RULES } from "../../src/rules/index.js";
import { assessmentValidator, describeErrors, sarifValidator } from "../report/validators.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

describe("real scan output", () => {
  it("validates against both schemas", async () => {
    const dir = tmpRepo({
      "README.md": "# demo\n",
      "SECURITY.md": "# Security\n\nOpen an issue.\n",
      "tool.exe": new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
      "package.json": '{"name":"demo","version":"1.0.0"}',
      ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test # assay: ignore[repo/sast] demo\n",
      ".github/dependabot.yml": "version: 2\nupdates: [\n",
    });
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: RULES, now: new Date("2026-06-01T00:00:00Z") });
    assert.ok(a.findings.length >= 2);
    const json = JSON.parse(JSON.stringify(a));
    const v = assessmentValidator();
    assert.ok(v(json), describeErrors(v.errors));
    const s = sarifValidator();
    assert.ok(s(JSON.parse(renderSarif(a))), describeErrors(s.errors));
  });
});
