import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readVexDocuments } from "../../src/advisories/vex-documents.js";
import { describeVex, vexFor } from "../../src/policy/vex.js";
import type { Finding } from "../../src/core/finding.js";

const fixture = (name: string) => ({ path: `.vex/${name}`, text: readFileSync(`test/fixtures/vex/${name}`, "utf8") });
const finding = (purl: string, ...vulnerabilities: string[]) => ({ evidence: { purl, vulnerabilities } }) as unknown as Finding;

describe("CycloneDX VEX", () => {
  const { statements, problems } = readVexDocuments([fixture("sbom.cdx.json"), fixture("vex.cdx.json")]);

  it("resolves BOM-Links to the components of a BOM read beside it, and maps states as Trivy does", () => {
    assert.deepEqual(statements.map((s) => [s.vulnerability, s.status, s.stated, s.products]), [
      ["CVE-2020-8203", "not_affected", undefined, ["pkg:npm/lodash@4.17.15"]],
      ["CVE-2021-44906", "under_investigation", "in_triage", ["pkg:npm/minimist@0.0.8"]],
      ["CVE-2018-3721", "not_affected", "false_positive", ["pkg:npm/left-pad@1.3.0"]],
    ]);
    const lodash = vexFor(finding("pkg:npm/lodash@4.17.15", "GHSA-P6MC-M468-83GW"), statements);
    assert.equal(lodash?.status, "not_affected", "the entry's references are aliases");
    assert.equal(describeVex(lodash!), "VEX not_affected (code_not_reachable) — .vex/vex.cdx.json");
    assert.equal(vexFor(finding("pkg:npm/lodash@4.17.16", "CVE-2020-8203"), statements), undefined, "another version is not covered");
    assert.equal(describeVex(vexFor(finding("pkg:npm/left-pad@1.3.0", "CVE-2018-3721"), statements)!), "VEX not_affected [false_positive] (the scanner matched a fork of the same name) — .vex/vex.cdx.json");
  });

  it("never applies an entry whose ref names no package URL, and says so once per entry, at the entry", () => {
    assert.equal(problems.length, 2);
    assert.equal(problems[0]?.path, ".vex/vex.cdx.json");
    assert.match(problems[0]?.message ?? "", /^vulnerabilities\[2\] \(CVE-2022-37434\): affects ref ".*#comp-zlib" names no component with a package URL/);
    assert.equal(problems[0]?.line, 23, "the line the entry opens on");
    assert.match(problems[1]?.message ?? "", /^vulnerabilities\[4\] \(CVE-2019-10744\): affects ref ".*\/2#comp-lodash"/, "a BOM-Link to another version of the BOM does not resolve");
    assert.ok(!statements.some((s) => s.vulnerability === "CVE-2022-37434" || s.vulnerability === "CVE-2019-10744"));
  });

  it("reads nothing through a BOM-Link when the BOM it names is not read beside it", () => {
    const alone = readVexDocuments([fixture("vex.cdx.json")]);
    assert.deepEqual(alone.statements.map((s) => s.vulnerability), ["CVE-2018-3721"], "only the ref that is itself a package URL");
    assert.equal(alone.problems.length, 4);
  });

  it("reads VEX embedded in a full BOM: nested components, versions, scoped purls, responses", () => {
    const r = readVexDocuments([fixture("embedded.cdx.json")]);
    assert.deepEqual(r.statements.map((s) => [s.vulnerability, s.status, s.products, s.actionStatement]), [
      ["CVE-2022-24999", "fixed", ["pkg:npm/qs@6.7.0"], undefined],
      ["CVE-2022-24999", "affected", ["pkg:npm/qs@6.5.2"], undefined],
      ["CVE-2024-29041", "affected", ["pkg:npm/express@4.17.1"], "update"],
      ["CVE-2099-1111", "not_affected", ["pkg:npm/%40example/parser@1.0.0"], undefined],
    ]);
    assert.equal(vexFor(finding("pkg:npm/%40example/parser@1.0.0", "CVE-2099-1111"), r.statements)?.justification, "protected_by_mitigating_control");
    assert.equal(vexFor(finding("pkg:npm/qs@6.5.2", "CVE-2022-24999"), r.statements)?.status, "affected", "a version the entry calls affected stays open");
    assert.deepEqual(r.problems.map((p) => p.message.replace(/[:(].*/s, "")), ["vulnerabilities[0] ", "vulnerabilities[3] ", "vulnerabilities[4] ", "vulnerabilities[5] "]);
    assert.match(r.problems[1]?.message ?? "", /\(CVE-2099-2222\) has an unknown analysis\.state "wont_fix"/);
    assert.match(r.problems[2]?.message ?? "", /\(CVE-2099-3333\) names no affected component/);
    assert.match(r.problems[0]?.message ?? "", /1 version range .* not evaluated/);
    assert.match(r.problems[3]?.message ?? "", /"shop-services", "urn:cdx:6a1f0c52-9d0e-4b7a-8c21-5e3f2d7b9a10\/1" name no component/);
  });

  it("reads a version entry without status as the schema's default, affected, which nothing closes", () => {
    const doc = { bomFormat: "CycloneDX", specVersion: "1.6", vulnerabilities: [{ id: "CVE-1", analysis: { state: "not_affected", justification: "code_not_present" }, affects: [{ ref: "pkg:npm/a", versions: [{ version: "1.0.0" }, { version: "2.0.0", status: "unaffected" }, { version: "3.0.0", status: "unknown" }] }] }] };
    const r = readVexDocuments([{ path: "v.json", text: JSON.stringify(doc) }]);
    assert.deepEqual(r.statements.map((s) => [s.status, s.products]), [["affected", ["pkg:npm/a@1.0.0"]], ["not_affected", ["pkg:npm/a@2.0.0"]], ["under_investigation", ["pkg:npm/a@3.0.0"]]]);
    assert.deepEqual(r.problems, []);
  });

  it("bounds nesting: components deeper than it reads resolve to nothing", () => {
    let component: Record<string, unknown> = { "bom-ref": "deep", purl: "pkg:npm/deep@1.0.0" };
    for (let i = 0; i < 40; i++) component = { "bom-ref": `c${i}`, components: [component] };
    const doc = { bomFormat: "CycloneDX", specVersion: "1.6", components: [component], vulnerabilities: [{ id: "CVE-1", analysis: { state: "not_affected" }, affects: [{ ref: "deep" }] }] };
    const r = readVexDocuments([{ path: "deep.json", text: JSON.stringify(doc) }]);
    assert.deepEqual(r.statements, []);
    assert.equal(r.problems.length, 1);
  });
});
