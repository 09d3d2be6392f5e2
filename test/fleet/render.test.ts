import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { renderFleet } from "../../src/cli/fleet.js";
import { matches } from "../../src/fleet/render-html.js";
import { FLEET_REPORT_VERSION, type FleetReport } from "../../src/fleet/report-model.js";
import { HOSTILE, sampleFleetReport } from "./sample-report.js";
import { FLEET_SCHEMA_PATH, fleetReportValidator } from "./schema.js";

const validate = fleetReportValidator();

function hostile(): FleetReport {
  const r = sampleFleetReport();
  const [a, b] = r.repositories;
  assert.ok(a && b);
  a.name = HOSTILE;
  const f = a.findings[0];
  assert.ok(f);
  f.message = HOSTILE;
  f.path = HOSTILE;
  const n = a.changes.new[0];
  assert.ok(n);
  n.message = HOSTILE;
  assert.ok(b.error);
  b.error.message = HOSTILE;
  return r;
}

describe("fleet report document", () => {
  it("validates against the published schema, which carries the document's version", () => {
    assert.ok(validate(sampleFleetReport()), JSON.stringify(validate.errors));
    const schema = JSON.parse(readFileSync(FLEET_SCHEMA_PATH, "utf8")) as { $id: string; properties: { schemaVersion: { const: string } } };
    assert.equal(schema.properties.schemaVersion.const, FLEET_REPORT_VERSION);
    assert.equal(schema.$id, `https://assay.dev/schema/fleet-report-${FLEET_REPORT_VERSION}.json`);
  });

  it("rejects unknown properties, bad states, scores out of range and bad commits", () => {
    const bad = (edit: (r: FleetReport & Record<string, unknown>) => void) => {
      const r = sampleFleetReport() as FleetReport & Record<string, unknown>;
      edit(r);
      return validate(r);
    };
    assert.equal(bad((r) => Object.assign(r, { extra: 1 })), false);
    assert.equal(bad((r) => Object.assign(r.repositories[0] ?? {}, { state: "done" })), false);
    assert.equal(bad((r) => Object.assign(r.summary, { meanScore: 11 })), false);
    assert.equal(bad((r) => Object.assign(r.repositories[0]?.latest ?? {}, { commit: "HEAD" })), false);
  });
});

describe("fleet report renderers", () => {
  it("text: worst first, failures with their reason, changes listed, no terminal escapes from repositories", () => {
    const out = renderFleet(hostile(), "text");
    assert.match(out, /3 repositories, 1 assessed, 1 failing, 1 not assessed yet/);
    assert.match(out, /Worst checks[\s\S]*Security-Policy/);
    assert.ok(out.indexOf("fail") < out.indexOf("6.2"), "failing repositories come first");
    assert.match(out, /\+1\.1/);
    assert.doesNotMatch(out, /\u001b|\u202e/);
    assert.match(out, /1 new, 1 fixed/);
  });

  it("markdown: table cells cannot break out, links and HTML stay inert", () => {
    const out = renderFleet(hostile(), "markdown");
    assert.doesNotMatch(out, /(?<!\\)<(?:script|img|\/td)|(?<!\\)\]\(https:\/\/evil/);
    for (const line of out.split("\n").filter((l) => l.startsWith("| ") && l.includes("failing"))) {
      assert.equal(line.split(/(?<!\\)\|/).length, 9, line);
    }
  });

  it("html: one self-contained page with a strict CSP and everything escaped", () => {
    const out = renderFleet(hostile(), "html");
    assert.match(out, /^<!doctype html>\n<html lang="en">/);
    assert.match(out, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(out, /<script|<img|\son\w+="/i);
    assert.doesNotMatch(out, /\u001b|\u202e/);
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(out, /id="repo-1"/);
    assert.match(out, /aria-label="score history: 4\.0, 5\.1, 6\.2"/);
  });

  it("json: the document itself", () => {
    assert.deepEqual(JSON.parse(renderFleet(sampleFleetReport(), "json")), sampleFleetReport());
  });

  it("filters repositories by a weak check and by open findings' severity", () => {
    const [a, b, c] = sampleFleetReport().repositories;
    assert.ok(a && b && c);
    assert.equal(matches(a, {}), true);
    assert.equal(matches(a, { check: "Security-Policy" }), true);
    assert.equal(matches(a, { check: "Branch-Protection" }), false);
    assert.equal(matches(a, { severity: "high" }), true);
    assert.equal(matches(a, { severity: "critical" }), false);
    assert.equal(matches(a, { check: "Binary-Artifacts", severity: "high" }), true);
    assert.equal(matches(a, { check: "Security-Policy", severity: "high" }), false);
    assert.equal(matches(b, { severity: "info" }), false);
    assert.equal(matches(c, { check: "Security-Policy" }), false);
  });
});
