import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Finding } from "../../src/core/finding.js";
import type { VexProductRange, VexStatement } from "../../src/core/vex.js";
import { parseVers } from "../../src/ecosystems/vers.js";
import { purlCovers, rangeCovers, vexFor } from "../../src/policy/vex.js";

const finding = (purl: string | undefined, ...vulnerabilities: string[]) => ({ evidence: { purl, vulnerabilities } }) as unknown as Finding;
const range = (purl: string, vers: string): VexProductRange => {
  const r = parseVers(vers);
  if ("error" in r) throw new Error(r.error);
  return { purl, vers, range: r };
};
const statement = (status: VexStatement["status"], ...ranges: VexProductRange[]): VexStatement => ({ vulnerability: "CVE-2099-1", products: [], ranges, status, source: ".vex/x.json" });

describe("VEX version ranges", () => {
  it("a statement that names only ranges is about those packages, not every package", () => {
    const s = [statement("not_affected", range("pkg:npm/a", "vers:npm/<2.0.0"))];
    assert.equal(vexFor(finding("pkg:npm/a@1.0.0", "CVE-2099-1"), s)?.status, "not_affected");
    assert.equal(vexFor(finding("pkg:npm/b@1.0.0", "CVE-2099-1"), s), undefined);
    assert.equal(vexFor(finding(undefined, "CVE-2099-1"), s), undefined, "a finding without a package");
  });

  it("a later statement supersedes an earlier one where their ranges meet", () => {
    const s = [statement("not_affected", range("pkg:npm/a", "vers:npm/<2.0.0")), statement("affected", range("pkg:npm/a", "vers:npm/>=1.5.0|<1.6.0"))];
    assert.equal(vexFor(finding("pkg:npm/a@1.5.3", "CVE-2099-1"), s)?.status, "affected");
    assert.equal(vexFor(finding("pkg:npm/a@1.4.0", "CVE-2099-1"), s)?.status, "not_affected");
  });

  it("reads the finding's version as its ecosystem writes it in a purl", () => {
    assert.equal(rangeCovers(range("pkg:golang/github.com/x/y", "vers:golang/<v1.10.0"), "pkg:golang/github.com/x/y@v1.9.0"), true);
    assert.equal(rangeCovers(range("pkg:npm/%40s/p", "vers:npm/<1.0.0"), "pkg:npm/%40s/p@1.0.0-rc.1"), true, "a percent-encoded name");
    assert.equal(rangeCovers(range("pkg:npm/a", "vers:npm/<1.0.0"), "pkg:npm/a@0.9.0?foo=bar#sub"), true, "qualifiers and subpath are not the version");
    const rpm = range("pkg:rpm/redhat/openssl", "vers:rpm/<1:3.0.7-1.el9");
    assert.equal(rangeCovers(rpm, "pkg:rpm/redhat/openssl@3.0.8-1.el9"), true, "no epoch: 0");
    assert.equal(rangeCovers(rpm, "pkg:rpm/redhat/openssl@3.0.1-1.el9?epoch=2"), false, "the epoch qualifier counts");
  });

  it("never covers what it cannot compare", () => {
    const r = range("pkg:npm/a", "vers:npm/<2.0.0");
    assert.equal(rangeCovers(r, "pkg:npm/a@latest"), false, "a version that does not parse");
    assert.equal(rangeCovers(r, "pkg:npm/a@%E0%A4%A"), false, "a version that does not decode");
    assert.equal(rangeCovers(r, "pkg:npm/a"), false, "no version");
    assert.equal(rangeCovers(range("pkg:npm/a", "vers:generic/*"), "pkg:npm/a"), true, "`*` is every version, even an unknown one");
    assert.equal(rangeCovers({ purl: "pkg:npm/a", vers: "vers:x/<2", range: { scheme: "x", constraints: [{ comparator: "<", version: "2" }] } }, "pkg:npm/a@1"), false, "a scheme assay cannot order");
  });
});

describe("purlCovers", () => {
  it("folds NuGet ids, which are case-insensitive, and keeps an RPM's epoch apart when the product names a version", () => {
    assert.equal(purlCovers("pkg:nuget/newtonsoft.json@12.0.1", "pkg:nuget/Newtonsoft.Json@12.0.1"), true);
    assert.equal(purlCovers("pkg:nuget/newtonsoft.json", "pkg:nuget/Newtonsoft.Json@12.0.1"), true);
    assert.equal(purlCovers("pkg:npm/Widget@1.0.0", "pkg:npm/widget@1.0.0"), false);
    const finding = "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1";
    assert.equal(purlCovers("pkg:rpm/redhat/openssl@3.0.7-27.el9?epoch=2", finding), false);
    assert.equal(purlCovers("pkg:rpm/redhat/openssl@3.0.7-27.el9?epoch=1", finding), true);
    assert.equal(purlCovers("pkg:rpm/redhat/openssl@3.0.7-27.el9", finding), false, "no epoch is epoch 0");
    assert.equal(purlCovers("pkg:rpm/redhat/openssl", finding), true, "a product with no version covers every one");
  });
});
