import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Assessment } from "../../../src/core/assessment.js";
import { SEVERITIES } from "../../../src/core/severity.js";
import { renderSarif } from "../../../src/report/sarif/render-sarif.js";
import { pascalCase } from "../../../src/report/sarif/sarif-rules.js";
import type { SarifLog, SarifResult, SarifRun } from "../../../src/report/sarif/sarif-types.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";
import { describeErrors, sarifValidator } from "../validators.js";

const validate = sarifValidator();

function run(a: Assessment = sampleAssessment()): SarifRun {
  const log = JSON.parse(renderSarif(a)) as SarifLog;
  assert.equal(log.runs.length, 1);
  const r = log.runs[0];
  assert.ok(r);
  return r;
}

function resultFor(r: SarifRun, fingerprint: string): SarifResult {
  const found = r.results.find((x) => x.partialFingerprints["assay/v1"] === fingerprint);
  assert.ok(found, `no result with fingerprint ${fingerprint}`);
  return found;
}

describe("renderSarif: schema", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    const log: unknown = JSON.parse(renderSarif(sampleAssessment()));
    assert.ok(validate(log), describeErrors(validate.errors));
  });

  it("uses a validator that does reject broken SARIF", () => {
    const log = JSON.parse(renderSarif(sampleAssessment())) as { runs: { results: { level: string }[] }[] };
    const first = log.runs[0]?.results[0];
    assert.ok(first);
    first.level = "critical";
    assert.equal(validate(log), false);
  });

  it("stays valid with hostile paths and no findings", () => {
    const hostile = sampleWith((a) => {
      const f = a.findings[0];
      if (f) f.locations = [{ path: "docs/a b#c%d?.md", startLine: 1 }];
    });
    assert.ok(validate(JSON.parse(renderSarif(hostile))), describeErrors(validate.errors));
    const empty = sampleWith((a) => {
      a.findings = [];
      a.diagnostics = [];
    });
    assert.ok(validate(JSON.parse(renderSarif(empty))), describeErrors(validate.errors));
  });

  it("declares SARIF 2.1.0", () => {
    const log = JSON.parse(renderSarif(sampleAssessment())) as SarifLog;
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-2\.1\.0/);
  });
});

describe("renderSarif: tool and rules", () => {
  it("names the tool", () => {
    const { driver } = run().tool;
    assert.equal(driver.name, "assay");
    assert.equal(driver.version, "0.1.0");
    assert.equal(driver.informationUri, "https://github.com/assay-dev/assay");
  });

  it("describes the rules that ran, sorted by id, and not those that were off or could not run", () => {
    const ids = run().tool.driver.rules.map((r) => r.id);
    assert.deepEqual(ids, [
      "deps/known-vulnerability",
      "repo/binary-artifacts",
      "repo/dependency-update-tool",
      "repo/license",
      "repo/security-policy",
      "repo/security-policy-contact",
      "repo/signed-releases",
    ]);
  });

  it("fills each descriptor from the rule's meta", () => {
    const d = run().tool.driver.rules.find((r) => r.id === "repo/security-policy");
    assert.ok(d);
    assert.equal(d.name, "SecurityPolicy");
    assert.equal(d.shortDescription.text, "Security policy is missing");
    assert.match(d.fullDescription.text, /^Without a security policy/);
    assert.match(d.help.text, /Without a security policy/);
    assert.match(d.help.text, /Add a SECURITY\.md/);
    assert.match(d.help.text, /https:\/\/github\.com\/ossf\/scorecard/);
    assert.match(d.help.markdown, /\[OpenSSF Scorecard\]\(https:\/\/github\.com\/ossf\/scorecard\/blob\/main\/docs\/checks\.md\)/);
    assert.equal(d.helpUri, "https://github.com/assay-dev/assay/blob/main/docs/rules/repo/security-policy.md");
    assert.equal(d.defaultConfiguration.level, "warning");
    assert.deepEqual(d.properties, { tags: ["security", "repo"], precision: "high", "security-severity": "5.0" });
  });

  it("maps every severity to a level and a security-severity string", () => {
    const expected = { critical: ["error", "9.5"], high: ["error", "7.5"], medium: ["warning", "5.0"], low: ["note", "2.5"], info: ["note", "0.0"] };
    const a = sampleWith((x) => {
      const base = x.rules[0];
      assert.ok(base);
      x.findings = [];
      x.rules = SEVERITIES.map((severity, i) => ({ ...base, id: `test/rule-${i}`, severity, outcome: "pass" }));
    });
    for (const d of run(a).tool.driver.rules) {
      const sev = SEVERITIES[Number(d.id.slice("test/rule-".length))];
      assert.ok(sev);
      assert.deepEqual([d.defaultConfiguration.level, d.properties["security-severity"]], expected[sev], sev);
    }
  });

  it("maps confidence to precision", () => {
    const rules = run().tool.driver.rules;
    assert.equal(rules.find((r) => r.id === "repo/binary-artifacts")?.properties.precision, "low");
    assert.equal(rules.find((r) => r.id === "repo/security-policy-contact")?.properties.precision, "medium");
  });

  it("PascalCases the name part of a rule id", () => {
    assert.equal(pascalCase("workflows/unpinned-action"), "UnpinnedAction");
    assert.equal(pascalCase("deps/npm-audit-v2"), "NpmAuditV2");
  });
});

describe("renderSarif: results", () => {
  it("emits one result per finding, with a ruleIndex that points at its rule", () => {
    const r = run();
    assert.equal(r.results.length, sampleAssessment().findings.length);
    for (const res of r.results) {
      assert.ok(res.ruleIndex !== undefined);
      assert.equal(r.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
    }
  });

  it("takes the level from the finding's own severity", () => {
    const r = run();
    assert.equal(resultFor(r, "a1b2c3d4e5f60718").level, "error"); // critical override of a high rule
    assert.equal(resultFor(r, "0718293041526374").level, "warning"); // medium
    assert.equal(resultFor(r, "1829304152637485").level, "note"); // low
  });

  it("carries the fingerprint as a partial fingerprint", () => {
    for (const f of sampleAssessment().findings) assert.deepEqual(resultFor(run(), f.fingerprint).partialFingerprints, { "assay/v1": f.fingerprint });
  });

  it("appends the fix to the message", () => {
    const res = resultFor(run(), "a1b2c3d4e5f60718");
    assert.equal(res.message.text, "lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm (command injection).\nFix: upgrade lodash to 4.17.21");
    assert.equal(resultFor(run(), "c3d4e5f607182930").message.text, "bin/tool.exe is a Windows executable.");
  });

  it("gives suppressions to every finding that is not open, and none to open ones", () => {
    const r = run();
    assert.deepEqual(resultFor(r, "e5f6071829304152").suppressions, [{ kind: "inSource", justification: "fixture for the jar parser" }]);
    assert.deepEqual(resultFor(r, "d4e5f60718293041").suppressions, [{ kind: "external", status: "accepted", justification: "recorded in the baseline" }]);
    assert.deepEqual(resultFor(r, "1829304152637485").suppressions, [
      { kind: "external", status: "accepted", justification: "contact is in the website footer (exception expires 2031-01-01)" },
    ]);
    assert.deepEqual(resultFor(r, "b2c3d4e5f6071829").suppressions, [
      { kind: "external", status: "accepted", justification: "vulnerable_code_not_in_execute_path (openvex.json)" },
    ]);
    for (const f of sampleAssessment().findings.filter((x) => x.status === "open")) assert.equal(resultFor(r, f.fingerprint).suppressions, undefined);
  });

  it("converts the inclusive end column to SARIF's exclusive one", () => {
    assert.deepEqual(resultFor(run(), "a1b2c3d4e5f60718").locations, [
      { physicalLocation: { artifactLocation: { uri: "package-lock.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 120, startColumn: 5, endLine: 120, endColumn: 31 } } },
    ]);
  });

  it("puts a whole-file finding on line 1, since code scanning needs a start line", () => {
    assert.deepEqual(resultFor(run(), "c3d4e5f607182930").locations, [{ physicalLocation: { artifactLocation: { uri: "bin/tool.exe", uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } } }]);
  });

  it("points repository-level findings at Scorecard's placeholder path, on line 1", () => {
    assert.deepEqual(resultFor(run(), "0718293041526374").locations, [{ physicalLocation: { artifactLocation: { uri: "no%20file%20associated%20with%20this%20alert", uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } } }]);
  });

  it("keeps the primary location in locations and the rest as related locations", () => {
    const res = resultFor(run(), "f607182930415263");
    assert.equal(res.locations.length, 1);
    assert.equal(res.locations[0]?.physicalLocation.artifactLocation.uri, ".github/dependabot.yml");
    assert.deepEqual(res.relatedLocations, [
      { id: 1, physicalLocation: { artifactLocation: { uri: "package.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1 } } },
    ]);
  });

  it("percent-encodes paths into URI references", () => {
    const a = sampleWith((x) => {
      const f = x.findings[0];
      if (f) f.locations = [{ path: "docs/a b#c%d?.md" }];
    });
    assert.equal(resultFor(run(a), "a1b2c3d4e5f60718").locations[0]?.physicalLocation.artifactLocation.uri, "docs/a%20b%23c%25d%3F.md");
  });

  it("omits ruleIndex for a finding whose rule is not in the assessment", () => {
    const a = sampleWith((x) => {
      x.rules = x.rules.filter((r) => r.id !== "repo/security-policy");
    });
    const res = resultFor(run(a), "0718293041526374");
    assert.equal(res.ruleIndex, undefined);
    assert.equal(res.ruleId, "repo/security-policy");
  });
});

describe("renderSarif: run", () => {
  it("records diagnostics as tool execution notifications", () => {
    const [inv] = run().invocations;
    assert.ok(inv);
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(inv.toolExecutionNotifications[0], {
      level: "warning",
      message: { text: "malformed YAML: unexpected end of flow sequence\nHint: fix the YAML; rules that read this file skipped it" },
      descriptor: { id: "yaml-syntax" },
      locations: [{ physicalLocation: { artifactLocation: { uri: ".github/workflows/ci.yml", uriBaseId: "%SRCROOT%" }, region: { startLine: 12, startColumn: 5 } } }],
    });
    assert.deepEqual(
      inv.toolExecutionNotifications.map((n) => [n.level, n.descriptor.id, n.associatedRule?.id]),
      [
        ["warning", "yaml-syntax", undefined],
        ["note", "file-too-large", undefined],
        ["error", "rule-error", "repo/code-owners"],
      ],
    );
  });

  it("reports a failed rule once even when no diagnostic names it", () => {
    const a = sampleWith((x) => {
      x.diagnostics = x.diagnostics.filter((d) => d.ruleId === undefined);
    });
    const notes = run(a).invocations[0]?.toolExecutionNotifications ?? [];
    const errors = notes.filter((n) => n.level === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.associatedRule?.id, "repo/code-owners");
    assert.match(errors[0]?.message.text ?? "", /TypeError/);
  });

  it("says the execution succeeded when no rule failed", () => {
    const a = sampleWith((x) => {
      x.summary.ruleErrors = 0;
    });
    assert.equal(run(a).invocations[0]?.executionSuccessful, true);
  });

  it("carries the score and the gate as run properties", () => {
    const a = sampleAssessment();
    const r = run(a);
    assert.equal(r.properties.score, a.summary.score);
    assert.deepEqual(r.properties.gate, a.gate);
    assert.ok(r.originalUriBaseIds["%SRCROOT%"]);
  });

  it("is deterministic: the order rules ran in does not change the output", () => {
    const a = sampleAssessment();
    const b = sampleWith((x) => x.rules.reverse());
    assert.equal(renderSarif(a), renderSarif(b));
  });
});

describe("renderSarif: GitHub's limit on results", () => {
  it("keeps at most 5,000 results: every open one first, then triaged ones, and says how many it left out", () => {
    // 5,606 baselined findings before two open ones, as a large baselined repository has them.
    const many = sampleWith((a) => {
      const base = a.findings.find((f) => f.status === "open");
      assert.ok(base);
      a.findings = [];
      for (let i = 0; i < 5_606; i++) a.findings.push({ ...structuredClone(base), severity: "critical", status: "baselined", fingerprint: `bl-${i}`, message: `baselined ${i}` });
      a.findings.push({ ...structuredClone(base), severity: "low", fingerprint: "open-low", message: "open low" });
      a.findings.push({ ...structuredClone(base), severity: "critical", fingerprint: "open-critical", message: "open critical" });
    });
    const log: unknown = JSON.parse(renderSarif(many));
    assert.ok(validate(log), describeErrors(validate.errors));
    const r = run(many);
    assert.equal(r.results.length, 5_000);
    const prints = r.results.map((x) => x.partialFingerprints["assay/v1"]);
    assert.deepEqual(prints.slice(0, 3), ["open-critical", "open-low", "bl-0"], "open findings first, the most severe first, then triaged ones in the assessment's order");
    assert.equal(prints.at(-1), "bl-4997");
    const note = r.invocations[0]?.toolExecutionNotifications.find((n) => n.descriptor?.id === "results-omitted");
    assert.ok(note);
    assert.equal(note.level, "warning");
    assert.match(note.message.text, /^608 of 5608 findings are left out of this SARIF run \(608 baselined, suppressed or excepted\): GitHub code scanning stores only the first 5000 results/);
    assert.deepEqual(note.properties, { omittedOpen: 0, omittedTriaged: 608 });
  });

  it("past 5,000 open findings, leaves out the least severe open ones and says so as an error", () => {
    const many = sampleWith((a) => {
      const base = a.findings.find((f) => f.status === "open");
      assert.ok(base);
      const severities = ["info", "low", "medium", "high"] as const;
      a.findings = [];
      for (let i = 0; i < 5_010; i++) a.findings.push({ ...structuredClone(base), severity: severities[i % 4] as (typeof severities)[number], fingerprint: `fp-${i}`, message: `finding ${i}` });
      for (let i = 0; i < 10; i++) a.findings.push({ ...structuredClone(base), severity: "critical", status: "suppressed", fingerprint: `sup-${i}`, message: `suppressed ${i}` });
    });
    const r = run(many);
    assert.equal(r.results.length, 5_000);
    assert.equal(r.results.filter((x) => x.partialFingerprints["assay/v1"]?.startsWith("sup-")).length, 0, "triaged findings go before open ones");
    // 1,253 of the 5,010 open ones are info: 10 of them go.
    assert.equal(r.results.filter((x) => x.properties.severity === "info").length, 1_253 - 10);
    const order = r.results.map((x) => ["critical", "high", "medium", "low", "info"].indexOf(String(x.properties.severity)));
    assert.ok(order.every((v, i) => i === 0 || (order[i - 1] as number) <= v), "most severe first");
    const note = r.invocations[0]?.toolExecutionNotifications.find((n) => n.descriptor?.id === "results-omitted");
    assert.equal(note?.level, "error");
    assert.match(note?.message.text ?? "", /^20 of 5020 findings are left out of this SARIF run \(10 baselined, suppressed or excepted and 10 open \(the least severe\)\)/);
  });

  it("puts open findings before triaged ones even when all fit", () => {
    const a = sampleAssessment();
    const statuses = run(a).results.map((x) => x.properties.status);
    const firstTriaged = statuses.findIndex((s) => s !== "open");
    assert.ok(firstTriaged > 0, "the sample has open and triaged findings");
    assert.ok(statuses.slice(firstTriaged).every((s) => s !== "open"));
  });

  it("adds no notification when every finding fits", () => {
    const r = run();
    assert.equal(r.invocations[0]?.toolExecutionNotifications.some((n) => n.descriptor?.id === "results-omitted"), false);
    assert.equal(r.results.length, sampleAssessment().findings.length);
  });
});

describe("renderSarif: GitHub's limit on locations", () => {
  it("keeps at most 1,000 locations on a result and counts the rest", () => {
    const spread = sampleWith((a) => {
      const f = a.findings.find((x) => x.status === "open");
      assert.ok(f);
      f.locations = Array.from({ length: 1_205 }, (_, i) => ({ path: `src/file-${i}.ts`, startLine: 1 }));
    });
    const log: unknown = JSON.parse(renderSarif(spread));
    assert.ok(validate(log), describeErrors(validate.errors));
    const r = run(spread).results.find((x) => x.relatedLocations !== undefined);
    assert.ok(r);
    assert.equal(r.locations.length + (r.relatedLocations?.length ?? 0), 1_000);
    assert.equal(r.properties.relatedLocationsOmitted, 205);
  });
});

describe("renderSarif: a scanned subfolder", () => {
  it("gives URIs from the repository's top, the folder's path included", () => {
    const a = sampleWith((x) => {
      x.target.subfolder = "services/api";
      x.diagnostics.push({ level: "warning", code: "policy-invalid", message: "outside", path: "/etc/assay.yml" });
    });
    const r = run(a);
    const located = a.findings.filter((f) => f.locations[0] !== undefined);
    assert.ok(located.length > 0);
    for (const f of located) {
      const uri = resultFor(r, f.fingerprint).locations[0]?.physicalLocation.artifactLocation.uri;
      assert.equal(uri, `services/api/${(f.locations[0]?.path ?? "").split("/").map(encodeURIComponent).join("/")}`);
    }
    const notes = r.invocations[0]?.toolExecutionNotifications.flatMap((n) => n.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri);
    assert.ok(notes?.includes("services/api/.github/workflows/ci.yml"), "a diagnostic's file too");
    // A file out of the checkout (a --baseline or --policy given elsewhere) is no %SRCROOT% URI, and its folder is nobody's business.
    assert.ok(!JSON.stringify(r.invocations).includes("/etc/"), "a path out of the checkout is not placed under %SRCROOT%");
    assert.ok(r.invocations[0]?.toolExecutionNotifications.some((n) => n.message.text === "assay.yml (outside the checkout): outside" && n.locations === undefined));
    assert.ok(r.results.some((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === "no%20file%20associated%20with%20this%20alert"), "the repository-level placeholder is not prefixed");
  });

  it("leaves URIs as they are at the repository's top", () => {
    const r = run();
    assert.ok(!JSON.stringify(r.results).includes("services/api"));
  });
});
