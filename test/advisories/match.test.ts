import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readDocument, type ImportProblem, type ReadRecord } from "../../src/advisories/import.js";
import { matchPackage, upgradeKind } from "../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../src/advisories/memory.js";
import { readOsvRecord } from "../../src/advisories/osv-record.js";
import { cvssScore, severityOf } from "../../src/advisories/severity.js";
import type { LockedPackage, OsvEcosystem } from "../../src/ecosystems/packages.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";

// Matching against real records from ../shared/data/osv, one per quirk its README lists.

function load(...files: string[]): MemoryAdvisoryDatabase {
  const records: ReadRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const f of files) readDocument(readFileSync(join(sharedData() as string, "osv", f), "utf8"), f, f.endsWith(".yaml"), records, problems);
  assert.deepEqual(problems, []);
  return new MemoryAdvisoryDatabase(records.map((r) => ({ ...r.record, local: false })));
}

const pkg = (ecosystem: OsvEcosystem, name: string, version: string): LockedPackage => ({ ecosystem, name, version, purl: `pkg:x/${name}@${version}`, lockfile: "lock" });
const ids = (db: MemoryAdvisoryDatabase, p: LockedPackage): string[] => matchPackage(db, p).map((m) => m.id);

describe("matching real OSV records", skipWithoutSharedData(), () => {
  it("Go: ranges without a v, placeholder modified dates, pseudo-versions, vulnerable symbols", () => {
    const db = load("Go/GO-2020-0001.json");
    assert.deepEqual(ids(db, pkg("Go", "github.com/gin-gonic/gin", "1.5.0")), ["GO-2020-0001"]);
    assert.deepEqual(ids(db, pkg("Go", "github.com/gin-gonic/gin", "0.0.0-20190301021747-ccb9e902956d")), ["GO-2020-0001"]);
    assert.deepEqual(ids(db, pkg("Go", "github.com/gin-gonic/gin", "1.6.0")), []);
    const m = matchPackage(db, pkg("Go", "github.com/gin-gonic/gin", "1.5.0"))[0]!;
    assert.deepEqual(m.imports[0]?.symbols.slice(0, 2), ["Default", "Logger"]);
    assert.equal(m.severity.source, "default", "Go records carry no severity: medium");
    assert.equal(m.fixed, "1.6.0");
    assert.equal(m.upgrade, "minor");
  });

  it("PyPI: GIT ranges are skipped, the ECOSYSTEM range and versions list decide, names are normalised", () => {
    const db = load("PyPI/aiohttp/PYSEC-2021-76.yaml");
    assert.deepEqual(ids(db, pkg("PyPI", "aiohttp", "3.7.3")), ["PYSEC-2021-76"]);
    assert.deepEqual(ids(db, pkg("PyPI", "AioHTTP", "3.7.3")), ["PYSEC-2021-76"]);
    assert.deepEqual(ids(db, pkg("PyPI", "aiohttp", "3.7.4")), []);
    assert.deepEqual(ids(db, pkg("PyPI", "aiohttp", "3.8.0")), []);
    // Not in `versions`, inside the ECOSYSTEM range that follows the GIT range (the schema's reading, not osv-scanner's).
    assert.deepEqual(ids(db, pkg("PyPI", "aiohttp", "3.7.4rc1")), ["PYSEC-2021-76"]);
    assert.deepEqual(ids(db, pkg("PyPI", "aiohttp", "3.7.3.post1")), ["PYSEC-2021-76"]);
  });

  it("never matches a git or path dependency by the version its checkout declares: no published release is installed", () => {
    const db = load("PyPI/aiohttp/PYSEC-2021-76.yaml");
    const git: LockedPackage = { ...pkg("PyPI", "aiohttp", "3.7.3"), source: "git", vcsUrl: `git+https://github.com/aio-libs/aiohttp@${"a".repeat(40)}` };
    assert.deepEqual(ids(db, git), []);
    assert.deepEqual(ids(db, { ...pkg("PyPI", "aiohttp", "3.7.3"), source: "path" }), []);
    assert.deepEqual(ids(db, { ...pkg("PyPI", "aiohttp", "3.7.3"), source: "registry" }), ["PYSEC-2021-76"]);
  });

  it("RubyGems: Gem::Version order with the A-versions that stand after ~> requirements", () => {
    const db = load("RubyGems/activerecord/RUBYSEC-activerecord-CVE-2022-44566.json");
    const at = (v: string) => ids(db, pkg("RubyGems", "activerecord", v)).length > 0;
    assert.deepEqual([at("5.2.7"), at("5.2.8"), at("5.2.8.1"), at("5.3.0"), at("6.1.7"), at("6.1.7.1"), at("6.2.0.beta1"), at("7.0.4"), at("7.0.4.1"), at("7.1.0")], [true, false, false, true, true, false, true, true, false, false]);
  });

  it("Packagist: two ranges in one affected entry (fixed and last_affected), Composer order", () => {
    const db = load("Packagist/illuminate/database/FRIENDSOFPHP-illuminate-database-CVE-2020-24940.json");
    const at = (v: string) => ids(db, pkg("Packagist", "illuminate/database", v)).length > 0;
    assert.deepEqual([at("5.4.9"), at("5.5.0"), at("5.5.44"), at("5.5.45"), at("6.18.33"), at("6.18.34"), at("v7.23.1"), at("7.23.2")], [false, true, true, false, true, false, true, false]);
    // The 5.5 line names no fix (`last_affected`): the nearest version the record clears is on the 6 line.
    const m = matchPackage(db, pkg("Packagist", "illuminate/database", "5.5.44"))[0];
    assert.deepEqual([m?.fixed, m?.upgrade], ["6.18.34", "major"]);
    assert.equal(matchPackage(db, pkg("Packagist", "illuminate/database", "6.18.0"))[0]?.fixed, "6.18.34");
  });

  it("RubyGems: a database score given only as `cvss_v4` rates the finding (not the default medium)", () => {
    const db = load("RubyGems/spree_storefront/RUBYSEC-spree_storefront-CVE-2026-25757.json");
    const m = matchPackage(db, pkg("RubyGems", "spree_storefront", "4.0.0"))[0];
    assert.deepEqual([m?.severity.severity, m?.severity.score, m?.severity.source], ["high", 7.7, "database"]);
  });

  it("npm (converted) and crates.io: last_affected, pre-release bounds, CVSS severities", () => {
    const npm = load("npm/NSWG-ECO-1.json");
    assert.deepEqual(ids(npm, pkg("npm", "bassmaster", "1.5.1")), ["NSWG-ECO-1"]);
    assert.deepEqual(ids(npm, pkg("npm", "bassmaster", "1.5.2")), []);
    const crates = load("crates.io/RUSTSEC-2016-0001.json");
    const m = matchPackage(crates, pkg("crates.io", "openssl", "0.8.3"))[0]!;
    assert.equal(m.severity.severity, "high");
    assert.equal(m.severity.score, 8.1);
    assert.deepEqual(m.aliases, ["CVE-2016-10931", "GHSA-34p9-f4q3-c4r7"]);
    assert.deepEqual(ids(crates, pkg("crates.io", "openssl", "0.9.0")), []);
  });

  it("Go stdlib: the fixed version named is clear of every entry, not just the one that includes the version", () => {
    // Two entries for stdlib: [0, 1.20.11) and [1.20.11, 1.20.12), and the same on the 1.21 line.
    const db = load("Go/GO-2023-2185.json");
    const at = (v: string) => matchPackage(db, pkg("Go", "stdlib", v))[0];
    assert.equal(at("1.20.5")?.fixed, "1.20.12", "1.20.11 is still affected by the second entry");
    assert.equal(at("1.21.1")?.fixed, "1.21.5");
    assert.equal(at("1.20.11")?.fixed, "1.20.12");
    assert.equal(at("1.20.12"), undefined);
  });

  it("malicious packages: MAL- records are malicious and critical; withdrawn ones never match", () => {
    const dir = join(sharedData() as string, "osv", "npm-malicious");
    const mal = load("npm-malicious/malicious/MAL-2022-100.json");
    const m = matchPackage(mal, pkg("npm", "@azure-tests/perf-data-tables", "0.0.1"))[0]!;
    assert.equal(m.malicious, true);
    assert.equal(m.severity.severity, "critical");
    const withdrawn = readdirSync(join(dir, "withdrawn"));
    const wdb = load(...withdrawn.map((f) => `npm-malicious/withdrawn/${f}`));
    for (const f of withdrawn) {
      const r = readOsvRecord(JSON.parse(readFileSync(join(dir, "withdrawn", f), "utf8")));
      const a = r.affected[0]!;
      assert.deepEqual(ids(wdb, pkg("npm", a.name, a.versions[0] ?? "1.0.0")), [], f);
    }
  });

  it("reads every JSON record of the shared data (ids with unregistered prefixes included)", () => {
    let n = 0;
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith(".json")) {
          readOsvRecord(JSON.parse(readFileSync(join(d, e.name), "utf8")));
          n++;
        }
      }
    };
    walk(join(sharedData() as string, "osv"));
    assert.ok(n > 12_000, `${n} records`);
  });
});

describe("severity and upgrades", () => {
  it("computes CVSS v3 and v4 base scores, refuses broken vectors, and falls back to the database's label", () => {
    assert.equal(cvssScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
    assert.equal(cvssScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"), 9.3);
    assert.equal(cvssScore("CVSS:3.1/AV:N"), undefined);
    assert.equal(cvssScore("garbage"), undefined);
    const base = { id: "X", aliases: [], summary: "", modified: "", affected: [], malicious: false, local: false };
    assert.equal(severityOf({ ...base, severity: [], databaseSeverity: "MODERATE" }).severity, "medium");
    assert.equal(severityOf({ ...base, severity: [], databaseSeverity: "9.1" }).severity, "critical");
    assert.equal(severityOf({ ...base, severity: [{ type: "CVSS_V3", score: "nonsense" }] }).source, "default");
  });

  it("reads the Ubuntu severity type (OSV 1.6) as the database's rating, after any CVSS vector", () => {
    const base = { id: "UBUNTU-CVE-2024-0001", aliases: [], summary: "", modified: "", affected: [], malicious: false, local: false };
    assert.deepEqual(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "high" }] }), { severity: "high", source: "database" });
    assert.deepEqual(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "negligible" }] }), { severity: "low", source: "database" });
    assert.equal(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "low" }, { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }] }).severity, "critical");
    const entry = { ecosystem: "Ubuntu:22.04:LTS", name: "openssl", ranges: [], versions: [], severity: [{ type: "Ubuntu", score: "medium" }] };
    assert.equal(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "low" }] }, entry).severity, "medium", "the package's own rating first");
    assert.equal(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "untriaged" }] }).source, "default");
    // A word that is an Object.prototype key names nothing (the record is hostile input).
    assert.equal(severityOf({ ...base, severity: [{ type: "Ubuntu", score: "constructor" }], databaseSeverity: "toString" }).source, "default");
  });

  it("names the upgrade kind", () => {
    assert.equal(upgradeKind("1.2.3", "1.2.9"), "patch");
    assert.equal(upgradeKind("1.2.3", "1.3.0"), "minor");
    assert.equal(upgradeKind("v1.2.3", "2.0.0"), "major");
    assert.equal(upgradeKind("2:1.0-1", "2:1.0-2"), "patch");
    assert.equal(upgradeKind("0!6.0.4", "6.0.5"), "patch", "PEP 440's explicit epoch 0 is no major number");
    assert.equal(upgradeKind("1!2.0", "1!2.1"), "minor");
    assert.equal(upgradeKind("1.9", "1!1.0"), "major", "a new epoch");
    assert.equal(upgradeKind("1:2.0", "2.0.1"), "major");
  });
});

describe("package names", () => {
  const db = (...records: object[]): MemoryAdvisoryDatabase => {
    const read: ReadRecord[] = [];
    const problems: ImportProblem[] = [];
    readDocument(JSON.stringify(records), "inline.json", false, read, problems);
    assert.deepEqual(problems, []);
    return new MemoryAdvisoryDatabase(read.map((r) => ({ ...r.record, local: false })));
  };
  const osv = (id: string, ecosystem: string, name: string) => ({ id, modified: "2025-01-01T00:00:00Z", affected: [{ package: { ecosystem, name }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "2.0.0" }] }] }] });

  it("SwiftURL: a repository is one package however its URL is written, in any letter case", () => {
    const d = db(osv("A-1", "SwiftURL", "github.com/apple/swift-nio"), osv("A-2", "SwiftURL", "https://github.com/Apple/Swift-NIO.git"));
    assert.deepEqual(ids(d, pkg("SwiftURL", "github.com/apple/swift-nio", "1.0.0")).sort(), ["A-1", "A-2"]);
    assert.deepEqual(ids(d, pkg("SwiftURL", "github.com/APPLE/swift-nio", "1.0.0")).sort(), ["A-1", "A-2"]);
    assert.deepEqual(ids(d, pkg("SwiftURL", "github.com/apple/swift-nio", "2.0.0")), []);
    assert.deepEqual(ids(d, pkg("SwiftURL", "github.com/apple/swift-nio-ssl", "1.0.0")), []);
  });

  it("NuGet: ids ignore case", () => {
    assert.deepEqual(ids(db(osv("N-1", "NuGet", "Newtonsoft.Json")), pkg("NuGet", "newtonsoft.json", "1.0.0")), ["N-1"]);
  });
});

describe("Go stdlib", () => {
  // The shape of a Go vulnerability database stdlib record: one fixed release per supported line.
  const record = {
    id: "GO-9999-0001",
    modified: "2025-01-01T00:00:00Z",
    affected: [{ package: { ecosystem: "Go", name: "stdlib" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.20.7" }, { introduced: "1.21.0-0" }, { fixed: "1.21.0-rc.4" }] }] }],
  };
  const read: ReadRecord[] = [];
  readDocument(JSON.stringify([record]), "inline.json", false, read, []);
  const db = new MemoryAdvisoryDatabase(read.map((r) => ({ ...r.record, local: false })));
  const stdlib = (v: string): string[] => ids(db, pkg("Go", "stdlib", v));

  it("compares the go.mod version with the fixed releases", () => {
    assert.deepEqual(stdlib("1.20.6"), ["GO-9999-0001"]);
    assert.deepEqual(stdlib("1.20.7"), []);
    assert.deepEqual(stdlib("1.21.0"), []);
  });

  it("reads `go 1.20` as the newest 1.20 patch (as osv-scanner does) and `1.21rc2` as a pre-release", () => {
    assert.deepEqual(stdlib("1.20"), []);
    assert.deepEqual(stdlib("1.19"), ["GO-9999-0001"]);
    assert.deepEqual(stdlib("1.21rc2"), ["GO-9999-0001"]);
    assert.deepEqual(stdlib("1.21rc4"), []);
  });

  it("leaves modules other than stdlib as they are", () => {
    const mod = { ...record, id: "GO-9999-0002", affected: [{ ...record.affected[0]!, package: { ecosystem: "Go", name: "example.com/m" } }] };
    const r: ReadRecord[] = [];
    readDocument(JSON.stringify([mod]), "inline.json", false, r, []);
    const d = new MemoryAdvisoryDatabase(r.map((x) => ({ ...x.record, local: false })));
    assert.deepEqual(ids(d, pkg("Go", "example.com/m", "1.20")), ["GO-9999-0002"]);
  });
});

describe("several affected entries for one package", () => {
  // Go records give each vulnerable package of a module its own entry when their ranges differ.
  const record = readOsvRecord({
    id: "GO-2099-0002",
    modified: "2026-01-01T00:00:00Z",
    affected: [
      { package: { ecosystem: "Go", name: "example.com/m" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.4.0" }] }], ecosystem_specific: { imports: [{ path: "example.com/m/a", symbols: ["A"] }] } },
      { package: { ecosystem: "Go", name: "example.com/m" }, ranges: [{ type: "SEMVER", events: [{ introduced: "1.2.0" }] }], ecosystem_specific: { imports: [{ path: "example.com/m/b", symbols: ["B"] }] } },
    ],
  });
  const db = new MemoryAdvisoryDatabase([record]);
  const at = (v: string) => matchPackage(db, pkg("Go", "example.com/m", v));

  it("every entry that includes the version gives its vulnerable packages", () => {
    assert.deepEqual(at("1.3.0")[0]?.imports.map((i) => i.path), ["example.com/m/a", "example.com/m/b"]);
    assert.deepEqual(at("1.1.0")[0]?.imports.map((i) => i.path), ["example.com/m/a"]);
  });

  it("no fixed version is named while another entry leaves every later version affected", () => {
    assert.equal(at("1.3.0")[0]?.fixed, undefined, "1.4.0 fixes package a, not package b");
    assert.equal(at("1.1.0")[0]?.fixed, undefined, "1.4.0 is clear of package a but has package b's");
    assert.equal(at("1.5.0").length, 1);
  });
});

describe("the fixed version of aliased records", () => {
  it("a record whose only fix is a commit (GIT range) does not hold back the fix its alias names", () => {
    const pysec = readOsvRecord({ id: "PYSEC-2099-1", aliases: ["GHSA-aaaa-bbbb-cccc"], modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "PyPI", name: "widget" }, ranges: [{ type: "GIT", repo: "https://example.com/widget", events: [{ introduced: "0" }, { fixed: "a".repeat(40) }] }, { type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }] });
    const ghsa = readOsvRecord({ id: "GHSA-aaaa-bbbb-cccc", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "PyPI", name: "widget" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.0" }] }] }] });
    const m = matchPackage(new MemoryAdvisoryDatabase([pysec, ghsa]), pkg("PyPI", "widget", "1.0"));
    assert.deepEqual([m.length, m[0]?.ids, m[0]?.fixed], [1, ["GHSA-aaaa-bbbb-cccc", "PYSEC-2099-1"], "2.0"]);
  });
});

describe("Go module paths in another letter case", () => {
  it("a lowercased module path (as the purl spec, syft and assay's own SBOMs write it) finds the records of its mixed-case module", () => {
    const record = readOsvRecord({ id: "GO-2099-0001", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "Go", name: "github.com/AcmeCorp/Widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.1.1" }] }] }] });
    const db = new MemoryAdvisoryDatabase([record]);
    assert.deepEqual(ids(db, pkg("Go", "github.com/acmecorp/widget", "1.1.0")), ["GO-2099-0001"]);
    assert.deepEqual(ids(db, pkg("Go", "github.com/AcmeCorp/Widget", "1.1.0")), ["GO-2099-0001"]);
    assert.deepEqual(ids(db, pkg("Go", "github.com/acmecorp/widget", "1.1.1")), []);
  });
});

describe("local advisories", () => {
  it("a local copy of a public record replaces it, so the public record's ranges no longer report", () => {
    const record = (local: boolean, fixed: string) => readOsvRecord({ id: "GHSA-aaaa-bbbb-cccc", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed }] }] }] }, { local });
    const db = new MemoryAdvisoryDatabase([record(false, "2.0.0"), record(true, "1.5.0")]);
    assert.deepEqual(matchPackage(db, pkg("npm", "widget", "1.7.0")), [], "the local record says 1.7.0 is fixed");
    const m = matchPackage(db, pkg("npm", "widget", "1.2.0"));
    assert.deepEqual([m.length, m[0]?.local, m[0]?.fixed], [1, true, "1.5.0"]);
  });
});


describe("versions that are source specifiers", () => {
  it("never match, even a range that starts at 0: a URL or a path read as a version is 0.0.0", () => {
    const records: ReadRecord[] = [];
    const problems: ImportProblem[] = [];
    const record = { id: "T-1", modified: "2024-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "tarball" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "0.5.0" }] }] }] };
    readDocument(JSON.stringify(record), "T-1.json", false, records, problems);
    const db = new MemoryAdvisoryDatabase(records.map((r) => ({ ...r.record, local: false })));
    for (const v of ["https://example.com/tarball-1.0.0.tgz", "file:../tarball", "github:o/tarball#0123456", "git+ssh://git@github.com/o/tarball.git#abc", "link:../x"]) {
      assert.deepEqual(ids(db, pkg("npm", "tarball", v)), [], v);
    }
    assert.deepEqual(ids(db, pkg("npm", "tarball", "0.4.0")), ["T-1"]);
  });
});
