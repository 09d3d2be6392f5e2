// The public library API, as built into dist/ (what `import ... from "assay"` gives).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as Api from "../src/index.js";
import { tmpRepo } from "./helpers/tmp-repo.js";

describe("library API", () => {
  it("scans and renders through the built package entry", async () => {
    const api = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof Api;
    for (const name of ["scan", "cli", "RULES", "CHECKS", "render", "FORMATS", "defaultPolicy", "parsePolicy", "createBaseline", "parseBaseline", "AssayError", "ParseFailure", "Workspace", "VERSION", "ASSESSMENT_VERSION"]) {
      assert.ok(name in api, `exports ${name}`);
    }
    const a = await api.scan({ path: tmpRepo({ "README.md": "# x\n" }), policy: api.defaultPolicy(), rules: api.RULES });
    assert.equal(a.schemaVersion, api.ASSESSMENT_VERSION);
    assert.ok(a.findings.some((f) => f.ruleId === "repo/security-policy"));
    assert.match(api.render(a, "markdown"), /assay/);
  });
});
