import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readDocument, type ImportProblem, type ReadRecord } from "../../../src/advisories/import.js";
import { readMixLock } from "../../../src/ecosystems/hex/mix-lock.js";
import { makeTextFile as textFile } from "../../../src/core/text-file.js";

const makeTextFile = (path: string, text: string) => textFile(path, new TextEncoder().encode(text));

// Entries as mix 1.11+ writes them: `{:hex, name, version, inner hash, managers, deps, repo, outer hash}`.
const HASH = "a".repeat(64);
const LOCK = `%{
  "plug": {:hex, :plug, "1.14.0", "${HASH}", [:mix], [{:mime, "~> 1.0 or ~> 2.0", [hex: :mime, repo: "hexpm", optional: false]}], "hexpm", "${HASH}"},
  "billing": {:hex, :billing, "0.3.1", "${HASH}", [:mix], [{:plug, "~> 1.14", [hex: :plug, repo: "hexpm", optional: false]}], "hexpm:acme", "${HASH}"},
  "plug_fork": {:hex, :plug, "1.13.0", "${HASH}", [:mix], [], "mirror", "${HASH}"},
  "mime": {:hex, :mime, "2.0.3", "${HASH}", [:mix], [], "hexpm"},
  "old": {:hex, :old, "0.1.0", "${HASH}", [:mix], []},
}
`;

describe("mix.lock", () => {
  it("lists a private organisation's or another repository's package as private, with the organisation in its purl", () => {
    const lock = readMixLock(makeTextFile("mix.lock", LOCK));
    assert.deepEqual(
      lock.packages.map((p) => [p.name, p.version, p.source, p.purl]),
      [
        ["plug", "1.14.0", "registry", "pkg:hex/plug@1.14.0"],
        ["billing", "0.3.1", "private", "pkg:hex/acme/billing@0.3.1"],
        ["plug", "1.13.0", "private", "pkg:hex/plug@1.13.0"],
        ["mime", "2.0.3", "registry", "pkg:hex/mime@2.0.3"],
        ["old", "0.1.0", "registry", "pkg:hex/old@0.1.0"],
      ],
    );
  });

  it("never matches a private package against the public advisory of a hex.pm package of that name", () => {
    const record = { id: "EEF-TEST-1", modified: "2024-01-01T00:00:00Z", affected: [{ package: { ecosystem: "Hex", name: "billing" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.0.0" }] }] }] };
    const records: ReadRecord[] = [];
    const problems: ImportProblem[] = [];
    readDocument(JSON.stringify(record), "EEF-TEST-1.json", false, records, problems);
    assert.deepEqual(problems, []);
    const db = new MemoryAdvisoryDatabase(records.map((r) => ({ ...r.record, local: false })));
    const billing = readMixLock(makeTextFile("mix.lock", LOCK)).packages.find((p) => p.name === "billing")!;
    assert.deepEqual(matchPackage(db, billing), []);
    assert.equal(matchPackage(db, { ...billing, source: "registry" }).length, 1, "the record would match a hex.pm package");
  });

  // Its time as the spaces double is bench/hostile.bench.ts's ("mix.lock entry padded with spaces").
  it("reads an entry padded with a long run of spaces after the tuple", () => {
    const line = `  "x": {:hex, :x, "1.0.0", "${HASH}", [:mix], [],${" ".repeat(200_000)}]${" ".repeat(200_000)}},\n`;
    const lock = readMixLock(makeTextFile("mix.lock", `%{\n${line}}\n`));
    assert.deepEqual(lock.packages.map((p) => [p.name, p.version]), [["x", "1.0.0"]]);
  });
});
