import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readOsvRecord } from "../../../src/advisories/osv-record.js";
import { makeTextFile } from "../../../src/core/text-file.js";
import { jsonParser } from "../../../src/ecosystems/formats/json.js";
import { readPackageResolved } from "../../../src/ecosystems/swift/package-resolved.js";

function read(pins: unknown[]) {
  const file = makeTextFile("Package.resolved", new TextEncoder().encode(JSON.stringify({ pins, version: 2 }, null, 2)));
  return readPackageResolved(jsonParser.parse(file), file.path);
}

describe("Package.resolved sources", () => {
  it("never matches a package checked out on the developer's disk against the advisories of a repository's URL", () => {
    const lf = read([
      { identity: "swift-nio", kind: "remoteSourceControl", location: "https://github.com/apple/swift-nio.git", state: { revision: "a".repeat(40), version: "2.40.0" } },
      // A local clone of the same repository (`.package(path:)` on a git checkout): its tag is the developer's, not a release.
      { identity: "swift-nio-fork", kind: "localSourceControl", location: "/Users/dev/src/github.com/apple/swift-nio", state: { revision: "b".repeat(40), version: "2.40.0" } },
      { identity: "shared", kind: "fileSystem", location: "../Shared", state: { version: "1.0.0" } },
    ]);
    assert.deepEqual(lf.packages.map((p) => [p.name, p.source]), [["github.com/apple/swift-nio", "registry"], ["swift-nio-fork", "path"], ["shared", "path"]]);
    const record = readOsvRecord({
      id: "TEST-2024-0005",
      modified: "2024-01-01T00:00:00Z",
      affected: ["github.com/apple/swift-nio", "swift-nio-fork", "shared"].map((name) => ({ package: { ecosystem: "SwiftURL", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] })),
    });
    const db = new MemoryAdvisoryDatabase([record]);
    assert.deepEqual(lf.packages.filter((p) => matchPackage(db, p).length > 0).map((p) => p.name), ["github.com/apple/swift-nio"]);
  });
});
