import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readOsvRecord } from "../../../src/advisories/osv-record.js";
import { makeTextFile } from "../../../src/core/text-file.js";
import { jsonParser } from "../../../src/ecosystems/formats/json.js";
import { readPackagesLock } from "../../../src/ecosystems/nuget/packages-lock.js";

const FIXTURE = new URL("../../fixtures/lockfiles/nuget/basic/packages.lock.json", import.meta.url);

describe("packages.lock.json", () => {
  const file = makeTextFile("packages.lock.json", new TextEncoder().encode(readFileSync(FIXTURE, "utf8")));
  const lf = readPackagesLock(jsonParser.parse(file), file.path);

  it("lists a project reference (type Project) as the solution's own code, never as a nuget.org package of its name", () => {
    const project = lf.packages.find((p) => p.name === "MyCompany.Shared");
    assert.deepEqual([project?.version, project?.source], ["", "path"]);
    const record = readOsvRecord({
      id: "TEST-2024-0004",
      modified: "2024-01-01T00:00:00Z",
      affected: ["MyCompany.Shared", "System.Memory"].map((name) => ({ package: { ecosystem: "NuGet", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] })),
    });
    const db = new MemoryAdvisoryDatabase([record]);
    assert.deepEqual(lf.packages.filter((p) => matchPackage(db, p).length > 0).map((p) => p.name), ["System.Memory"]);
  });
});
