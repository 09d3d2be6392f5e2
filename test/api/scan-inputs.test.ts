import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { advisoryDiagnostics, isVexDocument } from "../../src/api/scan-inputs.js";

describe("isVexDocument", () => {
  it("takes .vex/ files of the formats assay reads, SPDX 3's JSON-LD included, and the policy's paths", () => {
    for (const p of [".vex/app.openvex.json", ".vex/bom.cdx.xml", ".vex/widget.spdx3.jsonld"]) assert.equal(isVexDocument(p, []), true, p);
    for (const p of [".vex/README.md", "vex/app.json", ".vex/notes.txt"]) assert.equal(isVexDocument(p, []), false, p);
    assert.equal(isVexDocument("security/triage.json", ["./security/triage.json"]), true);
  });
});

describe("advisoryDiagnostics", () => {
  it("leaves the command to the reason, which names the store the scan looked in (--db included)", () => {
    const [d] = advisoryDiagnostics({ reason: "no advisory database in /tmp/store: run `assay db update --db /tmp/store`" }, new Date("2026-06-01T00:00:00Z"));
    assert.equal(d?.code, "advisories-missing");
    assert.match(d?.message ?? "", /assay db update --db \/tmp\/store/);
    assert.doesNotMatch(d?.hint ?? "", /assay db update/);
  });
});
