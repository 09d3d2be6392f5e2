import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYaml } from "../../../src/ecosystems/formats/yaml.js";
import { parseUses, str } from "../../../src/ecosystems/github-actions/index.js";
import { BUILT_IN, matchAdvisory, withStoreRecords } from "../../../src/rules/workflows/lib/known-vulnerable.js";
import { rule } from "../../../src/rules/workflows/known-vulnerable-actions.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const steps = (s: string) => `name: K\non: push\njobs:\n  k:\n    runs-on: ubuntu-latest\n    steps:\n${s}`;
const uses = (line: string) => {
  const y = parseYaml(`uses: ${line}\n`);
  return parseUses(y, str(y, (y.doc.contents as { items: { value: unknown }[] }).items[0]?.value) as NonNullable<ReturnType<typeof str>>);
};

describe("workflows/known-vulnerable-actions", () => {
  it("reports the 2025 and 2026 compromises by tag, by the malicious commit and by a SHA's version comment, with advisory ids", async () => {
    const { findings } = await one(steps("      - uses: tj-actions/changed-files@v45\n      - uses: tj-actions/changed-files@0e58ed8671d6b60d0890c21b07f8835ace038e67\n      - uses: aquasecurity/trivy-action@0.28.0\n      - uses: reviewdog/action-setup@v1\n      - uses: checkmarx/kics-github-action@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa # v2.1.3\n      - uses: aquasecurity/setup-trivy@v0.2.5\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["advisory"], f.severity]), [
      [7, "GHSA-mrrh-fwg8-r2c3", "critical"],
      [8, "GHSA-mrrh-fwg8-r2c3", "critical"],
      [9, "GHSA-69fq-xp46-6x23", "critical"],
      [10, "GHSA-qmg3-hpqr-gqvc", "critical"],
      [11, "TEAMPCP-2026-KICS", "critical"],
      [12, "GHSA-69fq-xp46-6x23", "critical"],
    ]);
    assert.deepEqual(where(findings)[0], [7, 15]);
    assert.match(findings[1]?.message ?? "", /pins the malicious commit itself/);
    assert.match(findings[0]?.fix ?? "", /46\.0\.1/);
  });

  it("stays quiet for fixed versions and for refs that moved past the affected line", async () => {
    const { findings } = await one(steps("      - uses: tj-actions/changed-files@v46\n      - uses: aquasecurity/trivy-action@57a97c7e7821a5776cebc9bb87c984fa69cba8f1 # v0.35.0\n      - uses: reviewdog/action-setup@v1.3.2\n      - uses: actions/download-artifact@v4\n"));
    assert.deepEqual(findings, []);
  });

  it("treats a branch of a compromised action as affected (medium confidence)", async () => {
    const { findings } = await one(steps("      - uses: aquasecurity/trivy-action@master\n"));
    assert.deepEqual(findings.map((f) => [f.severity, f.confidence]), [["high", "medium"]]);
  });

  it("merges advisory-store records of the GitHub Actions ecosystem, dropping withdrawn ones", () => {
    const merged = withStoreRecords([
      { id: "GHSA-test-0001-0001", summary: "demo", affected: [{ package: { ecosystem: "GitHub Actions", name: "Acme/Tool" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.0.0" }] }] }] },
      { id: "GHSA-test-0002-0002", withdrawn: "2025-01-01", affected: [{ package: { ecosystem: "GitHub Actions", name: "acme/other" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }] },
      { id: "GHSA-test-0003-0003", affected: [{ package: { ecosystem: "npm", name: "x" } }] },
    ]);
    assert.equal(merged.length, BUILT_IN.length + 1);
    const added = merged.find((a) => a.id === "GHSA-test-0001-0001");
    assert.ok(added);
    assert.equal(matchAdvisory(uses("acme/tool@v1.9.0"), added), "version");
    assert.equal(matchAdvisory(uses("acme/tool@v2.0.0"), added), undefined);
  });
});
