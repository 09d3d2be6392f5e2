import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readVexDocuments, vexFormatOf } from "../../src/advisories/vex-documents.js";
import type { Finding } from "../../src/core/finding.js";
import { vexFor } from "../../src/policy/vex.js";

const read = (name: string) => readFileSync(`test/fixtures/vex/${name}`, "utf8");
const OPENVEX = JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [{ vulnerability: { name: "CVE-2020-8203" }, products: [{ "@id": "pkg:npm/lodash@4.17.15" }], status: "not_affected", justification: "component_not_present" }] });

describe("VEX documents", () => {
  it("tells the format by content, whatever the file is called", () => {
    assert.equal(vexFormatOf(JSON.parse(OPENVEX)), "openvex");
    assert.equal(vexFormatOf(JSON.parse(read("vex.cdx.json"))), "cyclonedx");
    assert.equal(vexFormatOf(JSON.parse(read("widget-server.csaf.json"))), "csaf");
    assert.equal(vexFormatOf({ statements: [] }), undefined);
    const r = readVexDocuments([
      { path: ".vex/a.json", text: read("widget-server.csaf.json") },
      { path: ".vex/b.json", text: OPENVEX },
      { path: ".vex/c.json", text: read("embedded.cdx.json") },
    ]);
    assert.deepEqual([...new Set(r.statements.map((s) => s.source))], [".vex/a.json", ".vex/b.json", ".vex/c.json"]);
  });

  it("gives one problem with file and position for a malformed document, and reads the others", () => {
    const r = readVexDocuments([
      { path: ".vex/broken.json", text: '{\n  "bomFormat": "CycloneDX",\n  "vulnerabilities": [,\n' },
      { path: ".vex/other.json", text: '{"name": "not vex"}' },
      { path: ".vex/feed.xml", text: '<?xml version="1.0"?>\n<rss version="2.0"/>' },
      { path: ".vex/cut.xml", text: '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n  <vulnerabilities>\n  </vulnerability>\n</bom>\n' },
      { path: ".vex/empty.xml", text: '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>' },
      { path: ".vex/ok.json", text: OPENVEX },
    ]);
    assert.deepEqual(r.problems.map((p) => [p.path, p.line]), [[".vex/broken.json", 3], [".vex/other.json", 1], [".vex/feed.xml", 1], [".vex/cut.xml", 4]]);
    assert.match(r.problems[1]?.message ?? "", /not a VEX document: none of OpenVEX/);
    assert.match(r.problems[2]?.message ?? "", /an XML document that is not CycloneDX/);
    assert.match(r.problems[3]?.message ?? "", /invalid XML: Expected closing tag 'vulnerabilities'/);
    assert.deepEqual(r.statements.map((s) => s.source), [".vex/ok.json"]);
  });

  it("does not apply an OpenVEX not_affected that gives no reason, or a justification outside the spec's list", () => {
    const doc = (statements: object[]) => JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements }, null, 1);
    const base = { vulnerability: { name: "CVE-2020-8203" }, products: [{ "@id": "pkg:npm/lodash@4.17.15" }] };
    const r = readVexDocuments([
      { path: ".vex/a.json", text: doc([{ ...base, status: "not_affected" }, { ...base, status: "not_affected", justification: "trust_me" }, { ...base, status: "not_affected", impact_statement: "only called with constant keys" }, { ...base, status: "under_investigation" }]) },
    ]);
    assert.deepEqual(r.problems.map((p) => p.message), [
      "statement 1 is not_affected without a justification or an impact_statement, which OpenVEX requires",
      "statement 2's justification `trust_me` is not one of component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist",
    ]);
    assert.ok(r.problems.every((p) => p.path === ".vex/a.json" && (p.line ?? 0) > 1), "each at its statement");
    assert.deepEqual(r.statements.map((s) => s.status), ["not_affected", "under_investigation"]);
  });

  it("still says what an OpenVEX document without its context lacks", () => {
    const r = readVexDocuments([{ path: "v.json", text: JSON.stringify({ statements: [] }) }]);
    assert.match(r.problems[0]?.message ?? "", /not an OpenVEX document \(no `@context`/);
  });

  it("says at most twenty problems of one document, and counts the rest", () => {
    const vulnerabilities = Array.from({ length: 30 }, (_, i) => ({ id: `CVE-2099-${1000 + i}`, analysis: { state: "not_affected" }, affects: [{ ref: `missing-${i}` }] }));
    const r = readVexDocuments([{ path: "many.json", text: JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", vulnerabilities }) }]);
    assert.equal(r.problems.length, 21);
    assert.equal(r.problems[20]?.message, "and 10 more problems like these");
    assert.deepEqual(r.statements, []);
  });

  it("reads an OpenVEX product or subcomponent however its purl is spelled, as findings write it", () => {
    const finding = (purl: string) => ({ evidence: { purl, vulnerabilities: ["CVE-2099-0001"] } }) as unknown as Finding;
    const spelled: [string, string][] = [
      ["pkg:npm/@acme/parser@1.0.0", "pkg:npm/%40acme/parser@1.0.0"],
      ["PKG:npm/%40Acme/Parser@1.0.0", "pkg:npm/%40acme/parser@1.0.0"],
      ["pkg:pypi/Python_Dateutil@2.8.0", "pkg:pypi/python-dateutil@2.8.0"],
      ["pkg:golang/github.com/Acme/Lib@v0.0.0-2020+incompatible", "pkg:golang/github.com/acme/lib@v0.0.0-2020%2Bincompatible"],
      ["pkg:composer/Acme/Framework@8.0.0", "pkg:composer/acme/framework@8.0.0"],
    ];
    for (const [written, found] of spelled) {
      for (const products of [[{ "@id": written }], [{ "@id": "pkg:oci/app", subcomponents: [{ "@id": written }] }]]) {
        const text = JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", statements: [{ vulnerability: { name: "CVE-2099-0001" }, products, status: "not_affected", justification: "vulnerable_code_not_present" }] });
        const { statements } = readVexDocuments([{ path: ".vex/a.json", text }]);
        assert.equal(vexFor(finding(found), statements)?.status, "not_affected", `${written} names ${found}`);
      }
    }
  });

  it("applies the newest OpenVEX statement, by its timestamp or the document's, wherever the document lists it", () => {
    const finding = { evidence: { purl: "pkg:npm/lodash@4.17.15", vulnerabilities: ["CVE-2020-8203"] } } as unknown as Finding;
    const statement = (status: string, at: string | undefined) => ({ vulnerability: { name: "CVE-2020-8203" }, products: [{ "@id": "pkg:npm/lodash@4.17.15" }], status, ...(at ? { timestamp: at } : {}), ...(status === "affected" ? { action_statement: "upgrade to 4.17.21" } : { justification: "vulnerable_code_not_in_execute_path" }) });
    const doc = (statements: object[]) => JSON.stringify({ "@context": "https://openvex.dev/ns/v0.2.0", timestamp: "2024-03-01T00:00:00Z", statements });
    const status = (statements: object[]) => vexFor(finding, readVexDocuments([{ path: ".vex/a.json", text: doc(statements) }]).statements)?.status;
    assert.equal(status([statement("affected", "2024-05-01T00:00:00Z"), statement("not_affected", "2024-04-01T00:00:00Z")]), "affected", "the May statement, listed first");
    assert.equal(status([statement("affected", "2024-04-01T00:00:00+00:00"), statement("not_affected", "2024-04-01T09:00:00+10:00")]), "affected", "compared as instants");
    assert.equal(status([statement("affected", "2024-04-01T00:00:00Z"), statement("not_affected", undefined)]), "affected", "an undated statement is as old as its document");
    assert.equal(status([statement("affected", "2024-03-01T00:00:00Z"), statement("not_affected", undefined)]), "not_affected", "the same time: the later in the document");
  });
});

