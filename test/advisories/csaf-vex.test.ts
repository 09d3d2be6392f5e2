import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { csafProductPurls } from "../../src/advisories/csaf-vex.js";
import { readVexDocuments } from "../../src/advisories/vex-documents.js";
import { describeVex, vexFor } from "../../src/policy/vex.js";
import type { Finding } from "../../src/core/finding.js";

const TEXT = readFileSync("test/fixtures/vex/widget-server.csaf.json", "utf8");
const finding = (purl: string, ...vulnerabilities: string[]) => ({ evidence: { purl, vulnerabilities } }) as unknown as Finding;

describe("CSAF 2.0 VEX", () => {
  const { statements, problems } = readVexDocuments([{ path: "security/widget-server.csaf.json", text: TEXT }]);

  it("resolves products through branches, full product names and relationships to package URLs", () => {
    assert.deepEqual(statements.map((s) => [s.vulnerability, s.status, s.products]), [
      ["CVE-2020-8203", "not_affected", ["pkg:npm/lodash@4.17.15"]],
      ["CVE-2021-44906", "affected", ["pkg:npm/minimist@0.0.8"]],
      ["PYSEC-2019-217", "fixed", ["pkg:pypi/jinja2@2.10"]],
      ["PYSEC-2019-217", "under_investigation", ["pkg:npm/lodash@4.17.15"]],
    ]);
  });

  it("takes the justification from flags and the impact from threats, through product groups", () => {
    const s = vexFor(finding("pkg:npm/lodash@4.17.15", "GHSA-p6mc-m468-83gw", "CVE-2020-8203"), statements);
    assert.equal(s?.justification, "vulnerable_code_not_in_execute_path");
    assert.equal(s?.impactStatement, "Widget Server never calls zipObjectDeep.");
    assert.equal(describeVex(s!), "VEX not_affected [known_not_affected] (vulnerable_code_not_in_execute_path) — security/widget-server.csaf.json");
    assert.equal(vexFor(finding("pkg:npm/minimist@0.0.8", "CVE-2021-44906"), statements)?.actionStatement, "vendor_fix: Upgrade minimist to 1.2.6.");
    assert.equal(vexFor(finding("pkg:pypi/jinja2@2.10", "GHSA-462w-v97r-4m45"), statements)?.status, "fixed", "ids are aliases");
  });

  it("never applies a product without a package URL, and says so once per vulnerability, at it", () => {
    assert.equal(problems.length, 2);
    assert.match(problems[0]?.message ?? "", /^vulnerabilities\[2\] \(CVE-2022-37434\): products "ZLIB-1\.2\.11", "NO-SUCH-PRODUCT" resolve to no package URL/);
    assert.ok(problems[0]?.line !== undefined && problems[0].line > 1);
    assert.match(problems[1]?.message ?? "", /^vulnerabilities\[4\] names no vulnerability/);
    assert.ok(!statements.some((s) => s.vulnerability === "CVE-2022-37434"));
  });

  it("reads only the VEX profile of CSAF 2.0", () => {
    const advisory = JSON.parse(TEXT) as { document: { category: string; csaf_version: string } };
    advisory.document.category = "csaf_security_advisory";
    const r = readVexDocuments([{ path: "a.json", text: JSON.stringify(advisory) }]);
    assert.deepEqual(r.statements, []);
    assert.match(r.problems[0]?.message ?? "", /category "csaf_security_advisory"; only the VEX profile \(csaf_vex\) is read/);
    advisory.document.category = "csaf_vex";
    advisory.document.csaf_version = "1.2";
    assert.match(readVexDocuments([{ path: "a.json", text: JSON.stringify(advisory) }]).problems[0]?.message ?? "", /version "1\.2"; CSAF 2\.0 is read/);
  });

  it("bounds the depth of branches", () => {
    let branch: Record<string, unknown> = { category: "product_version", name: "1", product: { product_id: "DEEP", name: "deep", product_identification_helper: { purl: "pkg:npm/deep@1.0.0" } } };
    for (let i = 0; i < 40; i++) branch = { category: "product_family", name: `f${i}`, branches: [branch] };
    assert.equal(csafProductPurls({ branches: [branch] }).has("DEEP"), false);
    assert.equal(csafProductPurls({ branches: [{ category: "vendor", name: "v", branches: [{ category: "product_version", name: "1", product: { product_id: "P", name: "p", product_identification_helper: { purl: "pkg:npm/p@1" } } }] }] }).get("P")?.[0], "pkg:npm/p@1");
  });

  it("does not apply a known_not_affected product that gives no flag or impact threat, as the VEX profile requires one", () => {
    const product = (id: string, purl: string) => ({ product_id: id, name: id, product_identification_helper: { purl } });
    const doc = {
      document: { category: "csaf_vex", csaf_version: "2.0", title: "t", publisher: { category: "vendor", name: "Acme", namespace: "https://acme.example" }, tracking: { id: "ACME-1", status: "final", version: "1", initial_release_date: "2025-01-01T00:00:00Z", current_release_date: "2025-01-01T00:00:00Z", revision_history: [] } },
      product_tree: { full_product_names: [product("QS", "pkg:npm/qs@6.7.0"), product("MS", "pkg:npm/ms@2.0.0"), product("LD", "pkg:npm/lodash@4.17.15")] },
      vulnerabilities: [{ cve: "CVE-2099-0002", product_status: { known_not_affected: ["QS", "MS", "LD"] }, flags: [{ label: "component_not_present", product_ids: ["MS"] }], threats: [{ category: "impact", details: "only parses trusted input", product_ids: ["LD"] }] }],
    };
    const r = readVexDocuments([{ path: "a.json", text: JSON.stringify(doc, null, 1) }]);
    assert.equal(vexFor(finding("pkg:npm/qs@6.7.0", "CVE-2099-0002"), r.statements), undefined);
    assert.equal(vexFor(finding("pkg:npm/ms@2.0.0", "CVE-2099-0002"), r.statements)?.justification, "component_not_present");
    assert.equal(vexFor(finding("pkg:npm/lodash@4.17.15", "CVE-2099-0002"), r.statements)?.impactStatement, "only parses trusted input");
    assert.deepEqual(r.problems.map((p) => p.message), ['vulnerabilities[0] (CVE-2099-0002): known_not_affected product "QS" without a flag or an impact threat saying why, which the VEX profile requires']);
    assert.ok((r.problems[0]?.line ?? 0) > 1);
  });
});

