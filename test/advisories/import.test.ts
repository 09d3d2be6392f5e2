import assert from "node:assert/strict";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { exportDocument, importRecords, readAdvisoryFiles, readDocument, type ImportProblem, type ReadRecord } from "../../src/advisories/import.js";
import { matchPackage } from "../../src/advisories/match.js";
import { readOsvRecord } from "../../src/advisories/osv-record.js";
import { AdvisoryStore } from "../../src/advisories/store.js";
import { SetWriter } from "../../src/advisories/store-write.js";
import type { LockedPackage } from "../../src/ecosystems/packages.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "assay-import-"));
  dirs.push(d);
  return d;
}

const NOW = new Date("2026-07-01T00:00:00Z");
const widget: LockedPackage = { ecosystem: "npm", name: "widget", version: "1.2.0", purl: "pkg:npm/widget@1.2.0", lockfile: "package-lock.json" };
const osv = (modified: string, extra: Record<string, unknown> = {}) => ({ id: "ACME-2026-7", modified, summary: `copy of ${modified}`, affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "2.0.0" }] }] }], ...extra });

function read(...docs: unknown[]): ReadRecord[] {
  const records: ReadRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const d of docs) readDocument(JSON.stringify(d), "in.json", false, records, problems);
  assert.deepEqual(problems, []);
  return records;
}

function matches(store: string): string[] {
  const s = AdvisoryStore.open(store) as AdvisoryStore;
  try {
    return matchPackage(s, widget).map((m) => `${m.id} ${m.local ? "local" : "public"} ${m.summary}`);
  } finally {
    s.close();
  }
}

describe("assay db import", () => {
  it("keeps a withdrawn copy as a tombstone: an older copy, in the same import or a later one, does not bring the record back", () => {
    const store = tmp();
    const withdrawn = osv("2026-06-01T00:00:00Z", { withdrawn: "2026-06-01T00:00:00Z" });
    const first = importRecords(store, read(withdrawn, osv("2026-01-01T00:00:00Z")), "in.json", "0", NOW);
    assert.deepEqual([first.withdrawn, first.added, first.unchanged], [1, 0, 1]);
    assert.deepEqual(matches(store), []);
    assert.equal(first.sets[0]?.records, 0, "db status counts what can match");
    importRecords(store, read(osv("2026-02-01T00:00:00Z")), "later.json", "0", NOW);
    assert.deepEqual(matches(store), [], "a later import of an older copy");
    const s = AdvisoryStore.open(store) as AdvisoryStore;
    assert.deepEqual(exportDocument(s, { now: NOW }).records.map((r) => (r as { withdrawn?: string }).withdrawn), ["2026-06-01T00:00:00Z"], "the withdrawal is handed on");
    s.close();
    importRecords(store, read(osv("2026-06-02T00:00:00Z")), "newer.json", "0", NOW);
    assert.deepEqual(matches(store), ["ACME-2026-7 local copy of 2026-06-02T00:00:00Z"], "a newer copy reinstates it");
  });

  it("a withdrawn local copy of a public record withdraws it here too", () => {
    const store = tmp();
    const w = new SetWriter(store, "npm", "osv");
    w.add(readOsvRecord(osv("2026-01-01T00:00:00Z")));
    w.commit({ updated: NOW.toISOString(), origin: "test", sha256: "0" });
    assert.deepEqual(matches(store), ["ACME-2026-7 public copy of 2026-01-01T00:00:00Z"]);
    importRecords(store, read(osv("2026-03-01T00:00:00Z", { withdrawn: "2026-03-01T00:00:00Z" })), "in.json", "0", NOW);
    assert.deepEqual(matches(store), []);
  });

  it("compares `modified` as instants, whatever offset or fraction each copy is written with", () => {
    const store = tmp();
    importRecords(store, read(osv("2026-03-01T10:00:00+05:00")), "a.json", "0", NOW);
    const r = importRecords(store, read(osv("2026-03-01T06:00:00Z")), "b.json", "0", NOW);
    assert.deepEqual([r.replaced, r.unchanged], [1, 0], "06:00Z is an hour after 10:00+05:00");
    assert.deepEqual(matches(store), ["ACME-2026-7 local copy of 2026-03-01T06:00:00Z"]);
    const older = importRecords(store, read(osv("2026-03-01T05:59:59.999Z")), "c.json", "0", NOW);
    assert.deepEqual([older.replaced, older.unchanged], [0, 1]);
  });

  it("says a file is too large without reading it, and a zip archive what to do with it, and imports the rest", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.json"), JSON.stringify(osv("2026-01-01T00:00:00Z")));
    // Sparse: past 2 GiB a file cannot be read into one buffer at all.
    writeFileSync(join(dir, "huge.json"), "");
    truncateSync(join(dir, "huge.json"), 3 * 1024 ** 3);
    writeFileSync(join(dir, "z.json"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    const r = readAdvisoryFiles(dir, "advisories");
    assert.deepEqual(r.records.map((x) => x.record.id), ["ACME-2026-7"]);
    assert.deepEqual(r.problems.map((p) => [p.path, p.message]), [
      [join("advisories", "huge.json"), "larger than 64 MiB; not read"],
      [join("advisories", "z.json"), "a zip archive (such as the OSV bucket's all.zip): unpack it and import the folder"],
    ]);
  });
});


describe("OSV records written as YAML", () => {
  it("keeps versions YAML would read as numbers as they were written (`fixed: 1.10` is not 1.1, `fixed: 2.0` is not dropped)", () => {
    const yaml = [
      "id: LOCAL-2026-1",
      "modified: 2026-01-01T00:00:00Z",
      "affected:",
      "- package: {ecosystem: PyPI, name: widget}",
      "  ranges:",
      "  - type: ECOSYSTEM",
      "    events:",
      "    - introduced: 0",
      "    - fixed: 1.10",
      "  - type: ECOSYSTEM",
      "    events:",
      "    - introduced: 1.20",
      "    - fixed: 2.0",
      "  versions:",
      "  - 1.0",
      "database_specific: {cvss_score: 7.50}",
      "",
    ].join("\n");
    const records: ReadRecord[] = [];
    const problems: ImportProblem[] = [];
    readDocument(yaml, "LOCAL-2026-1.yaml", true, records, problems);
    assert.deepEqual(problems, []);
    const record = records[0]!.record;
    assert.deepEqual(record.affected[0]?.ranges.map((r) => r.events), [[{ introduced: "0" }, { fixed: "1.10" }], [{ introduced: "1.20" }, { fixed: "2.0" }]]);
    assert.deepEqual(record.affected[0]?.versions, ["1.0"]);
    const db = { lookup: () => [record], status: { location: "", ecosystems: [] } };
    const at = (version: string): boolean => matchPackage(db, { ecosystem: "PyPI", name: "widget", version, purl: `pkg:pypi/widget@${version}`, lockfile: "requirements.txt" }).length > 0;
    assert.deepEqual(["1.2", "1.10", "1.19", "1.20", "2.0", "3.0"].map(at), [true, false, false, true, false, false]);
  });

  it("reads an export document written as YAML, whose format version YAML would read as a number", () => {
    const yaml = ["assayAdvisories: 1", "records:", "- id: LOCAL-2026-2", "  modified: 2026-01-01T00:00:00Z", "  affected:", "  - package: {ecosystem: npm, name: widget}", "    versions: [1.0.0]", ""].join("\n");
    const records: ReadRecord[] = [];
    const problems: ImportProblem[] = [];
    readDocument(yaml, "export.yaml", true, records, problems);
    assert.deepEqual(problems, []);
    assert.deepEqual(records.map((r) => r.record.id), ["LOCAL-2026-2"]);
  });
});
