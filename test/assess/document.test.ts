import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noAnswers, parseAnswers } from "../../src/assess/answers.js";
import { buildSelfAssessment, type Block, type SelfAssessmentDoc } from "../../src/assess/document.js";
import { renderAssessmentHtml } from "../../src/assess/html.js";
import { renderAssessmentMarkdown } from "../../src/assess/markdown.js";
import { sampleWith } from "../report/sample-assessment.js";

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
});
