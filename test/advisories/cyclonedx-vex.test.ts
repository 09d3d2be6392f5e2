import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { readVexDocuments } from "../../src/advisories/vex-documents.js";
import { describeVex, vexFor } from "../../src/policy/vex.js";
import type { Finding } from "../../src/core/finding.js";
import type { VexStatement } from "../../src/core/vex.js";

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
    assert.deepEqual(r.statements[1]?.ranges?.map((x) => [x.purl, x.vers]), [["pkg:npm/qs", "vers:npm/<6.2.4"]], "a range the entry calls affected is carried with its status");
    assert.equal(vexFor(finding("pkg:npm/qs@6.2.0", "CVE-2022-24999"), r.statements)?.status, "affected");
    assert.deepEqual(r.problems.map((p) => p.message.replace(/[:(].*/s, "")), ["vulnerabilities[3] ", "vulnerabilities[4] ", "vulnerabilities[5] "]);
    assert.match(r.problems[0]?.message ?? "", /\(CVE-2099-2222\) has an unknown analysis\.state "wont_fix"/);
    assert.match(r.problems[1]?.message ?? "", /\(CVE-2099-3333\) names no affected component/);
    assert.match(r.problems[2]?.message ?? "", /"shop-services", "urn:cdx:6a1f0c52-9d0e-4b7a-8c21-5e3f2d7b9a10\/1" name no component/);
  });

  describe("in XML", () => {
    const shape = (xs: readonly VexStatement[]) =>
      xs.map((s) => [s.vulnerability, s.status, s.stated, s.products, s.justification, s.impactStatement, s.aliases]);

    it("gives the statements of the same document in JSON, with BOM-Links to a JSON or an XML BOM beside it", () => {
      const json = readVexDocuments([fixture("sbom.cdx.json"), fixture("vex.cdx.json")]);
      const xmlVex = readVexDocuments([fixture("sbom.cdx.json"), fixture("vex.cdx.xml")]);
      const allXml = readVexDocuments([fixture("sbom.cdx.xml"), fixture("vex.cdx.xml")]);
      assert.equal(json.statements.length, 3);
      assert.deepEqual(shape(xmlVex.statements), shape(json.statements));
      assert.deepEqual(shape(allXml.statements), shape(json.statements));
      assert.deepEqual([...new Set(allXml.statements.map((s) => s.source))], [".vex/vex.cdx.xml"]);
      assert.equal(vexFor(finding("pkg:npm/lodash@4.17.15", "GHSA-P6MC-M468-83GW"), allXml.statements)?.status, "not_affected", "references are aliases");
    });

    it("says what it cannot apply at the vulnerability's line in the XML", () => {
      const r = readVexDocuments([fixture("sbom.cdx.xml"), fixture("vex.cdx.xml")]);
      assert.deepEqual(r.problems.map((p) => [p.path, p.line, p.column, p.message.replace(/\(CVE[^)]*\).*/s, "")]), [
        [".vex/vex.cdx.xml", 33, 5, "vulnerabilities[2] "],
        [".vex/vex.cdx.xml", 53, 5, "vulnerabilities[4] "],
      ]);
    });

    it("reads targets' versions and ranges (entities decoded), nested components, and responses", () => {
      const r = readVexDocuments([fixture("versions.cdx.xml")]);
      assert.deepEqual(r.statements.map((s) => [s.vulnerability, s.status, s.products, s.ranges?.map((x) => [x.purl, x.vers]), s.actionStatement]), [
        ["CVE-2099-0101", "not_affected", ["pkg:npm/lodash@3.10.1", "pkg:pypi/markupsafe@1.1.1"], [["pkg:npm/lodash", "vers:npm/>=4.0.0|<4.17.21"]], undefined],
        ["CVE-2099-0101", "affected", ["pkg:npm/lodash@4.17.21"], undefined, "will_not_fix, update"],
        ["CVE-2099-0102", "not_affected", [], [["pkg:pypi/jinja2", "vers:pypi/<2.11"]], undefined],
      ]);
      assert.deepEqual(r.problems, []);
      assert.equal(vexFor(finding("pkg:npm/lodash@4.17.20", "CVE-2099-0101"), r.statements)?.status, "not_affected");
    });
  });

  it("reads a version entry without status as the schema's default, affected, which nothing closes", () => {
    const doc = { bomFormat: "CycloneDX", specVersion: "1.6", vulnerabilities: [{ id: "CVE-1", analysis: { state: "not_affected", justification: "code_not_present" }, affects: [{ ref: "pkg:npm/a", versions: [{ version: "1.0.0" }, { version: "2.0.0", status: "unaffected" }, { version: "3.0.0", status: "unknown" }] }] }] };
    const r = readVexDocuments([{ path: "v.json", text: JSON.stringify(doc) }]);
    assert.deepEqual(r.statements.map((s) => [s.status, s.products]), [["affected", ["pkg:npm/a@1.0.0"]], ["not_affected", ["pkg:npm/a@2.0.0"]], ["under_investigation", ["pkg:npm/a@3.0.0"]]]);
    assert.deepEqual(r.problems, []);
  });

  describe("version ranges (vers:)", () => {
    const r = readVexDocuments([fixture("ranges.cdx.json")]);
    const statusOf = (purl: string, id: string) => vexFor(finding(purl, id), r.statements)?.status;

    it("carries each range with the package it is about, without the ref's version", () => {
      assert.deepEqual(r.statements.map((s) => [s.vulnerability, s.status, s.products, s.ranges?.map((x) => [x.purl, x.vers])]), [
        ["CVE-2099-0001", "not_affected", [], [["pkg:npm/lodash", "vers:npm/>=4.0.0|<4.17.21"]]],
        ["CVE-2099-0002", "not_affected", [], [["pkg:pypi/jinja2", "vers:pypi/<2.11"]]],
        ["CVE-2099-0003", "fixed", [], [["pkg:maven/org.apache.commons/commons-text", "vers:maven/>=1.0|<=1.9"]]],
        ["CVE-2099-0004", "not_affected", [], [["pkg:npm/left-pad", "vers:generic/*"]]],
        ["CVE-2099-0006", "affected", [], [["pkg:npm/qs", "vers:npm/<6.10.3"]]],
      ]);
    });

    it("closes a finding whose version is in the range, in its ecosystem's ordering, and no other", () => {
      assert.equal(statusOf("pkg:npm/lodash@4.17.20", "CVE-2099-0001"), "not_affected");
      assert.equal(statusOf("pkg:npm/lodash@4.0.0", "CVE-2099-0001"), "not_affected", ">= includes its bound");
      assert.equal(statusOf("pkg:npm/lodash@4.17.21", "CVE-2099-0001"), undefined, "< excludes its bound");
      assert.equal(statusOf("pkg:npm/lodash@3.10.1", "CVE-2099-0001"), undefined);
      assert.equal(statusOf("pkg:npm/lodash@4.17.21-rc.1", "CVE-2099-0001"), "not_affected", "a pre-release sorts before its release, as SemVer says");
      assert.equal(statusOf("pkg:npm/underscore@4.17.20", "CVE-2099-0001"), undefined, "another package");
      assert.equal(statusOf("pkg:npm/lodash", "CVE-2099-0001"), undefined, "a package without a version is not in a range");
      assert.equal(statusOf("pkg:pypi/jinja2@2.10.1", "CVE-2099-0002"), "not_affected");
      assert.equal(statusOf("pkg:pypi/jinja2@2.11.0rc1", "CVE-2099-0002"), "not_affected", "PEP 440: a release candidate comes before its release");
      assert.equal(statusOf("pkg:pypi/jinja2@2.11", "CVE-2099-0002"), undefined);
      assert.equal(statusOf("pkg:maven/org.apache.commons/commons-text@1.9", "CVE-2099-0003"), "fixed");
      assert.equal(statusOf("pkg:maven/org.apache.commons/commons-text@1.10.0", "CVE-2099-0003"), undefined, "Maven orders 1.10 after 1.9, not as text");
      assert.equal(statusOf("pkg:npm/left-pad@1.3.0", "CVE-2099-0004"), "not_affected", "`*` is every version");
      assert.equal(statusOf("pkg:npm/qs@6.5.2", "CVE-2099-0006"), "affected", "a range without status is affected, the schema's default");
    });

    it("applies no range it cannot read, and says so once for the entry, naming each", () => {
      assert.ok(!r.statements.some((s) => s.vulnerability === "CVE-2099-0005"));
      assert.equal(statusOf("pkg:npm/minimist@0.5.0", "CVE-2099-0005"), undefined);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0]?.path, ".vex/ranges.cdx.json");
      const message = r.problems[0]?.message ?? "";
      assert.match(message, /^vulnerabilities\[4\] \(CVE-2099-0005\): version range "vers:semver2\/<1\.0\.0" uses versioning scheme "semver2", whose ordering assay does not know; "vers:npm\/<1\.2\.6\|>=0\.2\.0" has constraints that are not sorted/);
      assert.match(message, /"vers:pypi\/<1\.2\.6" is not in the versioning scheme of "pkg:npm\/minimist"; and 2 more/);
    });

    it("bounds a range's length and its number of constraints, and refuses even `*` in another ecosystem's scheme", () => {
      const doc = (range: string) => JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", vulnerabilities: [{ id: "CVE-1", analysis: { state: "not_affected" }, affects: [{ ref: "pkg:npm/a", versions: [{ range, status: "unaffected" }] }] }] });
      const many = `vers:npm/${Array.from({ length: 65 }, (_, i) => `${i % 2 === 0 ? ">=" : "<"}${i}.0.0`).join("|")}`;
      const long = `vers:npm/<1.0.0-${"a".repeat(5_000)}`;
      for (const [range, why] of [[many, /more than 64 constraints/], [long, /longer than 4096 characters/], ["vers:pypi/*", /not in the versioning scheme of "pkg:npm\/a"/]] as const) {
        const out = readVexDocuments([{ path: "v.json", text: doc(range) }]);
        assert.deepEqual(out.statements, []);
        assert.match(out.problems[0]?.message ?? "", why);
      }
    });
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
