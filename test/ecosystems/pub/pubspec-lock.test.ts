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

  it("takes a package of a repository named in the pubspec (`hosted: <url>`) for that repository's own, not pub.dev's", () => {
    const lf = read("custom-hosted");
    const by = new Map(lf.packages.map((p) => [p.name, p]));
    assert.deepEqual(["async", "http", "lints", "payments_core", "oauth_fork", "ui_kit", "flutter"].map((n) => by.get(n)?.source), ["registry", "registry", "registry", "private", "git", "path", "path"]);
    assert.equal(by.get("payments_core")?.purl, "pkg:pub/payments_core@2.1.4?repository_url=https%3A%2F%2Fdart.cloudsmith.io%2Facme%2Finternal%2F");
    assert.equal(by.get("http")?.purl, "pkg:pub/http@1.2.1");
    const record = readOsvRecord({
      id: "TEST-2024-0003",
      modified: "2024-01-01T00:00:00Z",
      affected: ["payments_core", "http"].map((name) => ({ package: { ecosystem: "Pub", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] })),
    });
    const db = new MemoryAdvisoryDatabase([record]);
    assert.deepEqual(lf.packages.filter((p) => matchPackage(db, p).length > 0).map((p) => p.name), ["http"]);
  });

  it("takes the repository every hosted package comes from (PUB_HOSTED_URL: a proxy or a mirror of pub.dev) for pub.dev", () => {
    const lf = read("proxy-hosted");
    assert.deepEqual(lf.packages.map((p) => [p.name, p.source, p.purl]), [
      ["collection", "registry", "pkg:pub/collection@1.18.0"],
      ["http", "registry", "pkg:pub/http@1.1.0"],
      ["provider", "registry", "pkg:pub/provider@6.1.1"],
    ]);
  });

  it("knows pub.dev by its old name and its public mirrors, whatever the letter case, scheme or trailing slash", () => {
    const entry = (name: string, url: string) => `  ${name}:\n    dependency: transitive\n    description:\n      name: ${name}\n      url: "${url}"\n    source: hosted\n    version: "1.0.0"\n`;
    const text = `packages:\n${entry("a", "https://corp.example/pub")}${entry("b", "https://corp.example/pub/")}${entry("c", "http://PUB.dartlang.org")}${entry("d", "https://pub.flutter-io.cn/")}${entry("e", "https://pub.dev")}${entry("f", "https://user:token@other.example/dart")}`;
    const lf = readPubspecLock(parseYamlData(text), "pubspec.lock");
    // pub.dev's group (c, d, e) outnumbers corp.example (a, b): corp.example and other.example are repositories of their own.
    assert.deepEqual(lf.packages.map((p) => [p.name, p.source]), [["a", "private"], ["b", "private"], ["c", "registry"], ["d", "registry"], ["e", "registry"], ["f", "private"]]);
    assert.equal(lf.packages.find((p) => p.name === "f")?.purl, "pkg:pub/f@1.0.0?repository_url=https%3A%2F%2Fother.example%2Fdart");
  });
});
