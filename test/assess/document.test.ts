import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noAnswers, parseAnswers } from "../../src/assess/answers.js";
import { buildSelfAssessment, type Block, type SelfAssessmentDoc } from "../../src/assess/document.js";
import { renderAssessmentHtml } from "../../src/assess/html.js";
import { renderAssessmentMarkdown } from "../../src/assess/markdown.js";
import type { RuleResult } from "../../src/core/assessment.js";
import { RULES } from "../../src/rules/index.js";
import { sampleWith } from "../report/sample-assessment.js";

/** A rule result for the document's tests: only what the document reads. */
function ruleResult(id: string, check: string, outcome: RuleResult["outcome"], reason?: string, section: RuleResult["assessmentSection"] = "secure-development-practices/development-pipeline"): RuleResult {
  return { id, title: `Title of ${id}`, check, severity: "medium", confidence: "high", network: false, rationale: "", remediation: "", references: [], assessmentSection: section, outcome, findings: 0, ...(reason ? { reason } : {}) };
}

function section(doc: SelfAssessmentDoc, id: string): Block[] {
  const s = doc.sections.find((x) => x.id === id);
  assert.ok(s, `section ${id}`);
  return s.blocks;
}

describe("self-assessment document", () => {
  it("places any family's evidence by the section its rules name, with no change to the document code", () => {
    const a = sampleWith((x) => {
      x.rules.push({
        id: "newfamily/incident-playbook", title: "No incident playbook", check: "Security-Policy", severity: "low", confidence: "high", network: false,
        rationale: "r".repeat(50), remediation: "f".repeat(30), references: [], assessmentSection: "security-issue-resolution/incident-response",
        outcome: "pass", findings: 0, evidence: [{ message: "PLAYBOOK.md describes who decides during an incident", locations: [{ path: "PLAYBOOK.md", startLine: 3 }] }],
      });
    });
    const doc = buildSelfAssessment(a, noAnswers(), []);
    const ev = section(doc, "incident-response").find((b) => b.kind === "evidence");
    assert.ok(ev && ev.kind === "evidence");
    assert.deepEqual(ev.items.map((i) => [i.state, i.text, i.ruleId]), [["pass", "PLAYBOOK.md describes who decides during an incident", "newfamily/incident-playbook"]]);
    const md = renderAssessmentMarkdown(doc);
    assert.match(md, /### Incident response[\s\S]*✅ PLAYBOOK\.md describes who decides during an incident \(`PLAYBOOK\.md:3`\) · `newfamily\/incident-playbook`/);
  });

  it("cites findings, accepted risks and rules without a verdict, each with its rule", () => {
    const a = sampleWith(() => undefined);
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), []));
    for (const f of a.findings) if (a.rules.some((r) => r.id === f.ruleId && r.outcome === "fail")) assert.ok(md.includes(f.ruleId), f.ruleId);
    assert.match(md, /⏸️ .*not evaluated \(needs the GitHub API; skipped offline\)/);
    assert.match(md, /☑️ .*\(baselined/);
  });

  it("writes the scanning machine's home folder as ~ and does not repeat a check's status in its reason", () => {
    const home = "/home/ci-runner";
    const a = sampleWith((x) => {
      const reason = `no advisory database in ${home}/.cache/assay/advisories: run \`assay db update\``;
      x.rules.push(ruleResult("deps/vulnerable-dependency", "Vulnerabilities", "not-available", reason, "secure-development-practices/ecosystem"));
      x.checks.push({ id: "Vulnerabilities", title: "Known vulnerabilities", risk: "high", description: "d", rules: ["deps/vulnerable-dependency"], status: "not-available", score: null, reason });
    });
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), [], undefined, home));
    assert.ok(!md.includes(home), "the home folder is left out");
    // Markdown escapes the tilde.
    assert.match(md, /\| Vulnerabilities \| not available \| no advisory database in \\?~\/\.cache\/assay\/advisories: run/);
    assert.match(md, /not evaluated \(no advisory database in \\?~\/\.cache\/assay\/advisories/);
  });

  it("prompts for every missing answer, marks required ones, and lists them", () => {
    const doc = buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []);
    assert.deepEqual(doc.missingRequired, ["project.security-provider", "overview.background", "overview.actors", "overview.actions", "overview.goals", "overview.non-goals"]);
    const md = renderAssessmentMarkdown(doc);
    assert.match(md, /> \*\*To answer\*\* \(`overview\.goals` in \.assay\/assessment\.yml, required\): /);
    assert.match(md, /Assessment stage \| Incomplete \(required answers are missing\)/);
  });

  it("uses the maintainers' answers and never invents them", () => {
    const answers = parseAnswers("project:\n  name: widgetd\n  security-provider: true\noverview:\n  goals: [Only operators start rollouts.]\n", "a.yml");
    const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), answers, []));
    assert.match(md, /^# widgetd: security self-assessment$/m);
    assert.match(md, /Security provider \| Yes/);
    assert.match(md, /### Goals\n\n- Only operators start rollouts\./);
    assert.match(md, /### Non-goals\n\n> \*\*To answer\*\*/);
  });

  it("drafts a threat model from the attack surface, labelled as a draft", () => {
    const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), noAnswers(), [{ kind: "network-listener", path: "cmd/main.go", line: 12, text: 'http.ListenAndServe(":80", mux)' }]));
    assert.match(md, /## Draft threat model\n\nDRAFT for the maintainers/);
    assert.match(md, /\| Spoofing \| Network listeners \|/);
    assert.match(md, /### Network listeners \(Spoofing, Information disclosure, Denial of service\)[\s\S]*- `cmd\/main\.go:12`: `http\.ListenAndServe\(":80", mux\)`/);
  });

  it("escapes repository text in Markdown and HTML", () => {
    const a = sampleWith((x) => {
      const f = x.findings[0];
      if (f) f.message = "<script>alert(1)</script> | `x` *y*";
    });
    const doc = buildSelfAssessment(a, noAnswers(), [{ kind: "subprocess", path: "a`b.go", line: 1, text: "exec.Command(`<img src=x>`)" }]);
    const md = renderAssessmentMarkdown(doc);
    assert.doesNotMatch(md, /<script>/);
    // Inside a code span markup is inert text; outside one it must not appear.
    assert.doesNotMatch(md.replace(/(`+)(?:(?!\1)[^\n])*?\1/g, ""), /<img/);
    const html = renderAssessmentHtml(doc);
    assert.doesNotMatch(html, /<script|<img/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
  });

  it("says once why rules have no verdict: one line per shared reason, one per check for its lone idle rules", () => {
    const a = sampleWith((x) => {
      x.rules = [
        ...Array.from({ length: 7 }, (_, i) => ruleResult(`workflows/r${i}`, i < 4 ? "Dangerous-Workflow" : "CI-Secrets", "not-applicable", "no GitHub Actions workflows in this repository")),
        ruleResult("models/a", "Model-Integrity", "not-applicable", "no pickle files"),
        ruleResult("models/b", "Model-Integrity", "not-applicable", "no GGUF files"),
        ruleResult("models/c", "Model-Integrity", "not-applicable", "no ONNX files"),
        ruleResult("models/d", "Model-Integrity", "not-applicable", "no ONNX files"),
        ruleResult("workflows/online1", "Action-Trust", "not-available", "needs the forge's API: run with --online"),
        ruleResult("workflows/online2", "Action-Trust", "not-available", "needs the forge's API: run with --online"),
        ruleResult("repo/maintained", "Maintained", "not-applicable", "not a git checkout"),
      ];
      x.findings = [];
    });
    const ev = section(buildSelfAssessment(a, noAnswers(), []), "development-pipeline").find((b) => b.kind === "evidence");
    assert.ok(ev && ev.kind === "evidence");
    // Rules that could not be evaluated come before those with nothing to judge.
    assert.deepEqual(ev.items.map((i) => [i.state, i.text, i.ruleId]), [
      ["not-available", "not evaluated (needs the forge's API: run with --online): Title of workflows/online1; Title of workflows/online2", "workflows/online1, workflows/online2"],
      ["not-applicable", "not applicable (no GitHub Actions workflows in this repository): 7 rules of the checks Dangerous-Workflow, CI-Secrets (assay explain CHECK lists them)", "Dangerous-Workflow, CI-Secrets"],
      ["not-applicable", "not applicable (nothing they judge is in the repository): Title of models/a; Title of models/b; Title of models/c; Title of models/d", "models/a, models/b, models/c, models/d"],
      ["not-applicable", "Title of repo/maintained: not applicable (not a git checkout)", "repo/maintained"],
    ]);
  });

  it("tells once that one unparsable file left many rules incomplete, and keeps each rule's findings", () => {
    const why = "action/action.yml:1:1 could not be parsed as github-action";
    const a = sampleWith((x) => {
      x.rules = Array.from({ length: 6 }, (_, i) => ruleResult(`workflows/r${i}`, "Dangerous-Workflow", "incomplete", why));
      x.findings = x.findings.slice(0, 1).map((f) => ({ ...f, ruleId: "workflows/r0", status: "open" as const, message: "cache restored in a publishing job" }));
    });
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), []));
    assert.equal(md.split(why).length - 1, 1, md);
    assert.match(md, /⚠️ could not be judged \(action\/action\.yml:1:1 could not be parsed as github-action\): 6 rules of the check Dangerous-Workflow/);
    assert.match(md, /❌ cache restored in a publishing job .*· `workflows\/r0`/);
  });

  it("lists every document the security policy leads to among the security links", () => {
    const a = sampleWith((x) => {
      x.rules = [
        { ...ruleResult("repo/security-policy", "Security-Policy", "pass"), evidence: [{ message: ".github/SECURITY.md is the policy", locations: [{ path: ".github/SECURITY.md" }] }] },
        { ...ruleResult("repo/security-policy-contact", "Security-Policy", "pass"), evidence: [{ message: "security/README.md names an address", locations: [{ path: "security/README.md", startLine: 9 }] }] },
        ruleResult("repo/security-insights", "Security-Insights", "fail"),
      ];
      x.findings = [];
    });
    const md = renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), []));
    assert.match(md, /\| Security policy \| \.github\/SECURITY\.md, security\/README\.md \|/);
    // A Security Insights file that failed its rule is not offered as documentation.
    assert.doesNotMatch(md, /\| Security Insights \|/);
  });

  it("renders the names a rule message quotes as code, not as escaped backticks", () => {
    const a = sampleWith((x) => {
      x.rules = [ruleResult("workflows/unpinned-uses", "Pinned-Dependencies", "fail")];
      const f = x.findings[0];
      if (f) x.findings = [{ ...f, ruleId: "workflows/unpinned-uses", status: "open", message: "`google/oss-fuzz/run_fuzzers@master` is pinned to `master` <b>" }];
    });
    const doc = buildSelfAssessment(a, noAnswers(), []);
    assert.match(renderAssessmentMarkdown(doc), /❌ `google\/oss-fuzz\/run_fuzzers@master` is pinned to `master` &lt;b&gt;/);
    assert.match(renderAssessmentHtml(doc), /<code>google\/oss-fuzz\/run_fuzzers@master<\/code> is pinned to <code>master<\/code> &lt;b&gt;/);
  });

  it("cites the deploy rules (what a shipped manifest runs with) under security functions and features, as the template's security-relevant settings", () => {
    const deploy = RULES.filter((r) => r.meta.id.startsWith("deploy/"));
    assert.ok(deploy.length > 0);
    for (const r of deploy) assert.equal(r.meta.assessmentSection, "security-functions", r.meta.id);
  });
});
