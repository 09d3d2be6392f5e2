import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readVexDocuments, vexFormatOf } from "../../src/advisories/vex-documents.js";
import type { Finding } from "../../src/core/finding.js";
import { vexFor } from "../../src/policy/vex.js";

const text = readFileSync("test/fixtures/vex/widget.spdx3.json", "utf8");
const finding = (purl: string, ...vulnerabilities: string[]) => ({ evidence: { purl, vulnerabilities } }) as unknown as Finding;

describe("SPDX 3 VEX", () => {
  const { statements, problems } = readVexDocuments([{ path: ".vex/widget.spdx3.json", text }]);

  it("is told by its JSON-LD context and graph", () => {
    assert.equal(vexFormatOf(JSON.parse(text)), "spdx3");
  });

  it("reads the assessments of the graph: vulnerability identifiers, assessed elements, package URLs in either place, newest first", () => {
    // Undated first, then by published time: triage applies the last statement that matches.
    assert.deepEqual(statements.map((s) => [s.vulnerability, s.status, s.products, s.aliases]), [
      ["CVE-2099-1111", "fixed", ["pkg:npm/%40example/parser@1.0.0"], undefined],
      ["CVE-2022-24999", "affected", ["pkg:npm/qs@6.7.0"], ["GHSA-hrpp-h998-j3pp"]],
      ["CVE-2022-24999", "not_affected", ["pkg:npm/qs@6.7.0"], ["GHSA-hrpp-h998-j3pp"]],
    ]);
    const qs = vexFor(finding("pkg:npm/qs@6.7.0", "GHSA-HRPP-H998-J3PP"), statements);
    assert.deepEqual([qs?.status, qs?.justification], ["not_affected", "vulnerable_code_not_in_execute_path"], "the later assessment, by its published time");
    assert.equal(vexFor(finding("pkg:npm/qs@6.7.1", "CVE-2022-24999"), statements), undefined, "another version");
    assert.equal(vexFor(finding("pkg:npm/%40example/parser@1.0.0", "CVE-2099-1111"), statements)?.status, "fixed", "a withdrawn assessment says nothing");
  });

  it("never applies a closing assessment of a product without a package URL, or one that gives no reason, and says where", () => {
    assert.deepEqual(problems.map((p) => [p.message.replace(/\).*/s, ")"), p.line !== undefined && p.line > 1]), [
      ["@graph[10] (VexNotAffectedVulnAssessmentRelationship)", true],
      ["@graph[11] (VexNotAffectedVulnAssessmentRelationship)", true],
    ]);
    assert.match(problems[0]?.message ?? "", /names no package URL/);
    assert.match(problems[1]?.message ?? "", /neither a justificationType nor an impactStatement/);
  });
});
