import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderGithub } from "../../../src/report/github/render-github.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

describe("GitHub annotations", () => {
  const a = sampleAssessment();
  const lines = renderGithub(a).trimEnd().split("\n");

  it("emits the verdict first, then one annotation per open finding, most severe first", () => {
    const open = a.findings.filter((f) => f.status === "open");
    assert.equal(lines.length, open.length + 1);
    assert.match(lines[0] ?? "", /^::(error|notice) title=assay::score /);
    const severities = lines.slice(1).map((l) => /\((critical|high|medium|low|info)\)::/.exec(l)?.[1]);
    const rank = ["critical", "high", "medium", "low", "info"];
    assert.deepEqual(severities, [...severities].sort((x, y) => rank.indexOf(x ?? "") - rank.indexOf(y ?? "")));
    assert.ok(new Set(severities).size > 1, "the sample has findings of several severities");
  });

  it("says in the verdict how many findings the gate did not count, and why", () => {
    // A checkout's own baseline or VEX documents can close every finding: the verdict must not read as a clean run.
    const closed = sampleWith((x) => {
      x.findings.forEach((f, i) => (f.status = i % 2 === 0 ? "baselined" : "vex:not_affected"));
      x.summary.findings.open = 0;
    });
    const n = closed.findings.length;
    assert.match(renderGithub(closed).split("\n")[0] ?? "", new RegExp(`, 0 open finding\\(s\\), ${n} not open \\(${Math.ceil(n / 2)} baselined, ${Math.floor(n / 2)} not affected \\(VEX\\)\\), gate `));
    const none = sampleWith((x) => x.findings.forEach((f) => (f.status = "open")));
    assert.doesNotMatch(renderGithub(none).split("\n")[0] ?? "", /not open/);
  });

  it("maps severities to levels and places annotations on the file and line", () => {
    const located = a.findings.find((f) => f.status === "open" && f.locations[0]?.startLine);
    assert.ok(located);
    const l = located.locations[0]!;
    const line = lines.find((x) => x.includes(`file=${l.path.replace(/,/g, "%2C").replace(/:/g, "%3A")},line=${l.startLine}`));
    assert.ok(line, "annotation for the located finding");
    const level = { critical: "error", high: "error", medium: "warning", low: "notice", info: "notice" }[located.severity];
    assert.ok(line.startsWith(`::${level} `));
  });

  it("places a file that could not be parsed on its line, at the gate's level for incomplete checks", () => {
    const broken = sampleWith((x) => {
      x.diagnostics.push({ level: "error", code: "parse-error", message: "could not parse as yaml: Tabs are not allowed as indentation", path: ".github/workflows/ci.yml", line: 5, column: 1, hint: "fix the syntax; the rest of the scan went on without this file" });
    });
    const out = renderGithub(broken);
    const level = broken.gate.thresholds.incomplete ? "error" : "warning";
    assert.match(out, new RegExp(`\\n::${level} file=\\.github/workflows/ci\\.yml,line=5,col=1,title=assay%3A parse-error::could not parse as yaml: Tabs are not allowed as indentation%0Afix the syntax`));
    // A diagnostic without a file (a rule that failed) is not placed anywhere.
    assert.doesNotMatch(out, /rule repo\/code-owners failed/);
  });

  it("gives checks left incomplete by the same file one annotation", () => {
    const why = ".github/workflows/ci.yml:5:1 could not be parsed as yaml: Tabs are not allowed as indentation";
    const stopped = sampleWith((x) => {
      for (const [c, prefix] of [[x.checks[0], "10 rules"], [x.checks[1], "workflows/github-app"]] as const) {
        if (!c) continue;
        c.status = "incomplete";
        c.reason = `${prefix}: ${why}`;
      }
    });
    const [first, second] = stopped.checks;
    const out = renderGithub(stopped);
    assert.equal(out.split("\n").filter((l) => l.includes("could not be judged")).length, 1, out);
    assert.ok(out.includes(`title=assay%3A ${first?.id}%2C ${second?.id} are incomplete::${first?.id}, ${second?.id} could not be judged: ${why}`), out);
  });

  it("escapes values so a hostile message or path cannot inject workflow commands", () => {
    const hostile = sampleWith((x) => {
      const f = x.findings.find((y) => y.status === "open")!;
      f.message = "line one\n::add-mask::x 100%";
      f.locations = [{ path: "a,b:c.yml", startLine: 3 }];
    });
    const out = renderGithub(hostile);
    assert.doesNotMatch(out, /\n::add-mask::/);
    assert.match(out, /file=a%2Cb%3Ac\.yml,line=3/);
    assert.match(out, /line one%0A::add-mask::x 100%25/);
  });

  it("does not annotate findings that are not open", () => {
    const none = sampleWith((x) => x.findings.forEach((f) => (f.status = "baselined")));
    assert.equal(renderGithub(none).trimEnd().split("\n").length, 1);
  });

  it("keeps each level within GitHub's ten per step, the tenth saying how many more there are", () => {
    const many = sampleWith((x) => {
      const f = x.findings.find((y) => y.status === "open")!;
      x.findings = [];
      for (let i = 0; i < 30; i++) x.findings.push({ ...structuredClone(f), severity: "high", message: `high ${i}` });
      for (let i = 0; i < 4; i++) x.findings.push({ ...structuredClone(f), severity: "medium", message: `medium ${i}` });
      x.gate.passed = false;
      x.gate.reasons = ["30 high findings"];
    });
    const out = renderGithub(many).trimEnd().split("\n");
    const errors = out.filter((l) => l.startsWith("::error "));
    assert.equal(errors.length, 10);
    assert.match(errors[0] ?? "", /title=assay::score .*gate failed/, "the verdict is never crowded out");
    assert.deepEqual(errors.slice(1, 9).map((l) => /::(high \d+)(?:%0A|$)/.exec(l)?.[1]), ["high 0", "high 1", "high 2", "high 3", "high 4", "high 5", "high 6", "high 7"]);
    assert.match(errors[9] ?? "", /::22 more error annotations are not shown: GitHub shows 10 of each level per step/);
    assert.equal(out.filter((l) => l.startsWith("::warning ")).length, 4, "a level within the limit is whole");
  });

  it("says the score is not available when no check could be scored, never n/a/10", () => {
    const out = renderGithub(sampleWith((a) => { a.summary.score = null; }));
    assert.match(out, /title=assay::score n\/a \(no check could be scored\), /);
    assert.doesNotMatch(out, /n\/a\/10/);
  });

  it("in pull-request mode says only the change was judged, not a score that reads as the project's", () => {
    const out = renderGithub(sampleWith((a) => { a.diagnostics.push({ level: "note", code: "diff-mode", message: "only lines added since main are reported: 4 findings elsewhere were left out" }); }));
    const first = out.split("\n")[0] ?? "";
    assert.match(first, /title=assay::only what this change introduced, \d+ new finding\(s\)(?:, \d+ not open \(.*\))?, gate /);
    assert.doesNotMatch(first, /assay::score /);
  });
});

describe("GitHub annotations: a scanned subfolder", () => {
  it("places annotations by the path from the repository's top", () => {
    const a = sampleWith((x) => (x.target.subfolder = "services/api"));
    const lines = renderGithub(a).trimEnd().split("\n");
    const files = lines.flatMap((l) => /file=([^,]*)/.exec(l)?.[1] ?? []);
    assert.ok(files.length > 0);
    assert.ok(files.every((f) => f.startsWith("services/api/")), files.join(" "));
    assert.deepEqual(renderGithub(sampleAssessment()).match(/file=services\/api\//g), null);
  });
});
