import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readOsvRecord } from "../../../src/advisories/osv-record.js";
import { parseYamlData } from "../../../src/ecosystems/formats/yaml-data.js";
import { readPubspecLock } from "../../../src/ecosystems/pub/pubspec-lock.js";

const FIXTURES = new URL("../../fixtures/lockfiles/pubspec-lock/", import.meta.url).pathname;
const read = (c: string) => readPubspecLock(parseYamlData(readFileSync(`${FIXTURES}${c}/pubspec.lock`, "utf8")), "pubspec.lock");

describe("pubspec.lock", () => {
  it("lists SDK packages as they are locked, but not as pub.dev's", () => {
    const lf = read("sdk");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual([...by.keys()].sort(), ["characters", "flutter", "flutter_localizations", "flutter_test", "sky_engine", "vector_math"]);
    for (const n of ["flutter", "flutter_localizations", "flutter_test", "sky_engine"]) {
      assert.equal(by.get(n)?.version, "0.0.0", n);
      assert.equal(by.get(n)?.source, "path", `${n} comes with the SDK`);
    }
    assert.equal(by.get("flutter_test")?.dev, true);
    assert.equal(by.get("vector_math")?.source, "registry");
  });

  it("never matches an SDK package against a pub.dev advisory of the same name", () => {
    const record = readOsvRecord({
      id: "TEST-2024-0002",
      modified: "2024-01-01T00:00:00Z",
      affected: [{ package: { ecosystem: "Pub", name: "flutter" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }],
    });
    const flutter = read("sdk").packages.find((p) => p.name === "flutter")!;
    assert.deepEqual(matchPackage(new MemoryAdvisoryDatabase([record]), flutter), []);
  });
});
