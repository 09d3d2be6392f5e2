import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderText } from "../../../src/report/text/render-text.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

const ESC = "\u001b";
const plain = renderText(sampleAssessment(), { color: false });
const lines = plain.split("\n");

/** Lines from the heading that starts with `title` up to the next blank line. */
function block(text: string, title: string): string[] {
  const all = text.split("\n");
  const start = all.findIndex((l) => l.startsWith(title));
  assert.ok(start >= 0, `no block ${title}`);
  const end = all.indexOf("", start);
  return all.slice(start, end < 0 ? undefined : end);
}

describe("renderText: colour", () => {
  it("emits no escape codes without colour", () => {
    assert.ok(!plain.includes(ESC));
    assert.ok(!renderText(sampleAssessment(), { color: false, verbose: true }).includes(ESC));
  });

  it("colours severities, headings and the verdict with colour on", () => {
    const coloured = renderText(sampleAssessment(), { color: true });
    assert.ok(coloured.includes(`${ESC}[1;97;41mCRITICAL${ESC}[0m`));
    assert.ok(coloured.includes(`${ESC}[33mMEDIUM  ${ESC}[39m`));
    assert.ok(coloured.includes(`${ESC}[31m${ESC}[1m✖ Gate failed${ESC}[22m${ESC}[39m`));
  });

  it("does not let repository content write escape codes", () => {
    const hostile = sampleWith((a) => {
      const f = a.findings[0];
      if (f) {
        f.message = `fine\u001b[2K\u001b[1Aforged line\rreturn`;
        f.locations = [{ path: "evil\u001b]8;;http://x\u0007.txt\u202e", startLine: 1 }];
      }
    });
    for (const color of [false, true]) {
      const out = renderText(hostile, { color });
      assert.ok(!out.includes("\u001b[2K") && !out.includes("\u001b]8") && !out.includes("\u0007") && !out.includes("\r") && !out.includes("\u202e"));
    }
    assert.ok(renderText(hostile, { color: false }).includes("fine\\e[2K\\e[1Aforged line\\rreturn"));
    assert.ok(renderText(hostile, { color: false }).includes("evil\\e]8;;http://x\\a.txt\\u202e:1"));
  });
});

describe("renderText: findings", () => {
  it("groups open findings under their check's id (the title after it when it says more) and score, the check with the most severe finding first", () => {
    const headings = lines.filter((l) => /^\S.*  \d+\.\d\/10$/.test(l));
    assert.deepEqual(headings, ["Vulnerabilities (Known vulnerabilities)  0.0/10", "Dependency-Update-Tool  0.0/10", "Binary-Artifacts  0.0/10", "Security-Policy  0.0/10"]);
    const vulns = block(plain, "Vulnerabilities");
    assert.equal(vulns[1], "  CRITICAL  package-lock.json:120:5  lodash@4.17.20 is affected by GHSA-35jh-r3h4-6jhm (command injection). [deps/known-vulnerability]");
    assert.ok(block(plain, "Binary-Artifacts")[1]?.startsWith("  HIGH      bin/tool.exe  bin/tool.exe is a Windows executable."));
  });

  it("explains why in the rule's first sentence and how to fix", () => {
    const policy = block(plain, "Security-Policy");
    assert.equal(policy[1], "  MEDIUM    (repository)  No SECURITY.md, .github/SECURITY.md or docs/SECURITY.md was found. [repo/security-policy]");
    assert.equal(policy[2], "            why: Without a security policy, people who find a vulnerability (e.g. a researcher) do not know how to report it privately.");
    assert.equal(policy[3], "            fix: Add a SECURITY.md that names a private reporting channel.");
    assert.equal(block(plain, "Vulnerabilities")[3], "            fix: upgrade lodash to 4.17.21");
  });

  it("keeps a multi-line fix as an indented snippet, still sanitised", () => {
    const out = renderText(sampleWith((a) => {
      const f = a.findings.find((x) => x.status === "open" && x.fix !== undefined)!;
      f.fix = "- uses: actions/attest-build-provenance@v2\n  with:\n    subject-path: dist/*\u001b[2J\n";
    }), { color: false });
    const vulns = block(out, "Vulnerabilities");
    assert.deepEqual(vulns.slice(3, 7), ["            fix:", "              - uses: actions/attest-build-provenance@v2", "                with:", "                  subject-path: dist/*\\e[2J"]);
  });

  it("only counts findings that are not open, unless verbose", () => {
    for (const hidden of ["vendor/libfoo.so", "test/fixtures/app.jar", "SECURITY.md:3", "minimist"]) assert.ok(!plain.includes(hidden), hidden);
    const verbose = renderText(sampleAssessment(), { color: false, verbose: true });
    assert.ok(verbose.includes("  HIGH      vendor/libfoo.so  vendor/libfoo.so is a shared library. [repo/binary-artifacts]\n            baselined: recorded in the baseline"));
    assert.ok(verbose.includes("            suppressed: fixture for the jar parser"));
    assert.ok(verbose.includes("            not affected (VEX): vulnerable_code_not_in_execute_path (openvex.json)"));
    assert.ok(block(verbose, "Security-Policy").some((l) => l.includes("SECURITY.md:3:1")));
  });

  it("says when an open finding's exception expired", () => {
    const a = sampleWith((x) => {
      const f = x.findings.find((y) => y.ruleId === "repo/security-policy");
      if (f) f.statusReason = "exception expired on 2024-01-01: waiting for the website";
    });
    assert.ok(renderText(a, { color: false }).includes("            note: exception expired on 2024-01-01: waiting for the website"));
  });
});

describe("renderText: checks and diagnostics", () => {
  it("puts checks that were not scored on one line each", () => {
    assert.ok(lines.includes("Branch-Protection: not available (needs the GitHub API; skipped offline)"));
    assert.ok(lines.includes("Signed-Releases: not applicable (the project publishes no releases)"));
    assert.ok(lines.includes("Code-Owners: error (rule repo/code-owners failed to run)"));
    assert.ok(lines.includes("No open findings: License 10.0/10"));
  });

  it("lists warnings and errors as path:line:col, and notes only when verbose", () => {
    const diag = block(plain, "Diagnostics");
    assert.equal(diag[1], "  .github/workflows/ci.yml:12:5: warning: malformed YAML: unexpected end of flow sequence [yaml-syntax]");
    assert.equal(diag[2], "    hint: fix the YAML; rules that read this file skipped it");
    assert.ok(diag[3]?.startsWith("  error: rule repo/code-owners failed"));
    assert.ok(!plain.includes("assets/video.bin"));
    assert.ok(renderText(sampleAssessment(), { color: false, verbose: true }).includes("  assets/video.bin: note: skipped a file larger than 5 MiB [file-too-large]"));
  });
});

describe("renderText: summary", () => {
  it("closes with the score, counts and the failed verdict with reasons", () => {
    const a = sampleAssessment();
    const score = a.summary.score?.toFixed(1) ?? "";
    assert.deepEqual(lines.slice(-5), [
      // An incomplete check is said, so "no open findings" beside a low score is no contradiction; -v lists what is not open.
      `Score ${score}/10 · open: 1 critical, 2 high, 1 medium · 1 check incomplete, scored as failed · not open: 1 baselined, 1 suppressed, 1 excepted, 1 not affected (VEX) (-v lists them)`,
      "✖ Gate failed",
      "  - 3 open findings at high severity or above",
      `  - score ${score} is below the minimum 7`,
      "",
    ]);
  });

  it("says the gate passed when it did", () => {
    const a = sampleWith((x) => {
      x.gate = { ...x.gate, passed: true, reasons: [] };
      x.findings = [];
      x.summary.findings.openBySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
      x.summary.findings.byStatus = { open: 0, baselined: 0, suppressed: 0, excepted: 0, "vex:not_affected": 0 };
    });
    const out = renderText(a, { color: false });
    assert.ok(out.endsWith("no open findings · 1 check incomplete, scored as failed\n✔ Gate passed\n"), out);
    assert.ok(!out.includes("why:"));
  });
});

describe("renderText: autofix", () => {
  it("tells how to apply a finding's edits", () => {
    const out = renderText(sampleWith((a) => {
      const f = a.findings.find((x) => x.status === "open")!;
      f.edits = [{ path: "a", offset: 0, replace: "", with: "b" }];
    }), { color: false });
    assert.match(out, /\n {12}autofix: assay fix --rule [a-z-]+\/[a-z-]+\n/);
  });
});

describe("renderText: runs of alike findings", () => {
  /** The sample with its first open finding repeated `n` times at other lines, as `severity`, each with `fix`. */
  function repeated(n: number, severity: "info" | "medium", fix: (i: number) => string) {
    return sampleWith((a) => {
      const f = a.findings.find((x) => x.status === "open")!;
      const copies = Array.from({ length: n }, (_, i) => ({ ...structuredClone(f), severity, fix: fix(i), locations: [{ path: `t/f${String(i).padStart(2, "0")}.txt`, startLine: i + 1 }] }));
      a.findings = [...copies, ...a.findings.filter((x) => x !== f)];
    });
  }

  it("explains a run of findings with one rule and one fix once, after its last line", () => {
    const out = renderText(repeated(3, "medium", () => "do the thing"), { color: false }).split("\n");
    const at = out.findIndex((l) => l.includes("t/f00.txt"));
    assert.match(out[at + 1] ?? "", /t\/f01\.txt/);
    assert.match(out[at + 2] ?? "", /t\/f02\.txt/);
    assert.match(out[at + 3] ?? "", /^ {12}why: /);
    assert.equal(out.filter((l) => /^ {12}fix: do the thing$/.test(l)).length, 1);
  });

  it("explains each finding whose fix differs", () => {
    const out = renderText(repeated(3, "medium", (i) => `fix number ${i}`), { color: false });
    assert.equal((out.match(/^ {12}why: /gm) ?? []).length >= 3, true);
    for (const i of [0, 1, 2]) assert.match(out, new RegExp(`fix: fix number ${i}\\n`));
  });

  it("lists ten information findings of a rule and counts the rest; --verbose lists them all", () => {
    const a = repeated(14, "info", () => "same");
    const out = renderText(a, { color: false });
    assert.equal((out.match(/t\/f\d\d\.txt/g) ?? []).length, 10);
    assert.match(out, /and 4 more like these \[[a-z-]+\/[a-z-]+\] \(all with --verbose or --format json\)/);
    assert.equal((renderText(a, { color: false, verbose: true }).match(/t\/f\d\d\.txt/g) ?? []).length, 14);
  });

  it("says the score is not available when no check could be scored, never n/a/10", () => {
    const out = renderText(sampleWith((a) => { a.summary.score = null; }), { color: false });
    assert.match(out, /^Score n\/a \(no check could be scored\) · /m);
    assert.doesNotMatch(out, /n\/a\/10/);
  });

  it("in pull-request mode says what was left out instead of a score, without --verbose", () => {
    const out = renderText(sampleWith((a) => { a.diagnostics.push({ level: "note", code: "diff-mode", message: "only lines added since main are reported: 4 findings elsewhere were left out" }); }), { color: false });
    assert.match(out, /^Only this change \(only lines added since main are reported: 4 findings elsewhere were left out\) · open: /m);
    assert.doesNotMatch(out, /^Score /m);
  });
});

describe("renderText: terminal width", () => {
  const long = sampleWith((a) => {
    const f = a.findings.find((x) => x.status === "open");
    if (f) f.message = "a message long enough that it cannot fit on one line of an eighty column terminal next to its severity and place";
  });

  it("wraps a finding's headline to the terminal, the rule id on its last line", () => {
    const out = renderText(long, { color: false, width: 80 }).split("\n");
    assert.ok(out.every((l) => l.length <= 80 || !l.includes(" ", 13)), out.find((l) => l.length > 80));
    const at = out.findIndex((l) => l.includes("a message long enough"));
    assert.match(out[at + 1] ?? "", /^ {12}\S/);
  });

  it("leaves the headline whole when not at a terminal", () => {
    assert.match(renderText(long, { color: false }), /a message long enough .+ severity and place \[[a-z-]+\/[a-z-]+\]\n/);
  });
});
