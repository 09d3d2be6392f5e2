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
    // With no answers file yet, the document says how to start one.
    assert.match(md, /come from \.assay\/assessment\.yml \(`assay assess --init` writes it, every question commented\)/);
  });

  it("does not call the assessment complete while required answers are missing", () => {
    const stage = (yml: string): string => /^\| Assessment stage \|.*$/m.exec(renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), parseAnswers(yml, "a.yml"), [])))?.[0] ?? "";
    assert.equal(stage("project:\n  stage: complete\n"), "| Assessment stage | Incomplete (the answers file says complete, but required answers are missing) |");
    const all = "project:\n  stage: complete\n  security-provider: false\noverview:\n  background: b\n  actors: [a]\n  actions: [b]\n  goals: [c]\n  non-goals: [d]\n";
    assert.equal(stage(all), "| Assessment stage | Complete |");
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

  it("links the URLs of the maintainers' answers in HTML, escaped, and only http(s) ones", () => {
    const answers = parseAnswers([
      "project:",
      "  sbom: See https://gizmo.example/sbom.json.",
      "  software: javascript:alert(1)",
      "security-links:",
      "  - name: Hardening",
      "    description: 'https://gizmo.example/a?b=1&c=\"><script>x</script>'",
    ].join("\n"), "a.yml");
    const page = renderAssessmentHtml(buildSelfAssessment(sampleWith(() => undefined), answers, []));
    assert.match(page, /<td>See <a href="https:\/\/gizmo\.example\/sbom\.json">https:\/\/gizmo\.example\/sbom\.json<\/a>\.<\/td>/);
    assert.match(page, /<li><strong>Hardening<\/strong>: <a href="https:\/\/gizmo\.example\/a\?b=1&amp;c=">[^<]*<\/a>&quot;&gt;&lt;script&gt;/);
    assert.doesNotMatch(page, /<script|href="javascript/);
    // Tables that quote the repository link nothing.
    const repo = renderAssessmentHtml(buildSelfAssessment(sampleWith((x) => { x.inventory = { languages: [], ecosystems: ["npm"], manifests: [{ ecosystem: "npm", path: "https://evil.example/package.json" }] }; }), noAnswers(), []));
    assert.doesNotMatch(repo, /href="https:\/\/evil/);
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
    assert.match(md, /\| assay policy \(what its gate expects\) \| assay\.yml \|/);
    // A Security Insights file that failed its rule is not offered as documentation.
    assert.doesNotMatch(md, /\| Security Insights \|/);
  });

  it("adds the security documentation the maintainers publish elsewhere to the links found, and asks for it otherwise", () => {
    const links = (answers: ReturnType<typeof noAnswers>): string => {
      const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), answers, []));
      return md.slice(md.indexOf("### Security links"), md.indexOf("## Overview"));
    };
    const answered = links(parseAnswers("security-links:\n  - name: Hardening guide\n    description: https://gizmo.example/hardening\n", "a.yml"));
    assert.match(answered, /\| assay policy [^\n]*\| assay\.yml \|\n\n\*\*Published elsewhere\.\*\*\n\n- \*\*Hardening guide\*\*: https:\/\/gizmo\.example\/hardening\n/);
    assert.match(links(noAnswers()), /> \*\*To answer\*\* \(`security-links` in \.assay\/assessment\.yml\): Security documentation kept outside the repository/);
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

  it("has the template's sections in its order and words", () => {
    const doc = buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []);
    const titles = doc.sections.filter((s) => s.id !== "intro" && !s.id.startsWith("surface-") && s.id !== "threat-model").map((s) => `${"#".repeat(s.depth)} ${s.title}`);
    assert.deepEqual(titles, [
      "## Metadata", "### Security links",
      "## Overview", "### Background", "### Actors", "### Actions", "### Goals", "### Non-goals",
      "## Self-assessment use", "## Security functions and features", "## Project compliance",
      "## Secure development practices", "### Development pipeline", "### Communication channels", "### Ecosystem",
      "## Security issue resolution", "### Responsible disclosures process", "### Vulnerability response process", "### Incident response",
      "## Appendix", "### Known issues over time", "### OpenSSF Best Practices", "### Case studies", "### Related projects / vendors",
    ]);
  });

  it("labels each of a heading's answers with the template's word, and keeps an answer's list apart from the evidence below it", () => {
    const answers = parseAnswers([
      "security-functions:",
      "  critical: [{ name: Upload limits, description: Bounded sizes. }]",
      "  security-relevant: [{ name: TLS, description: Optional. }]",
      "communication-channels:",
      "  internal: A chat channel.",
      "  inbound: GitHub issues.",
      "project:",
      "  compliance: [GDPR]",
    ].join("\n"), "a.yml");
    const a = sampleWith((x) => {
      x.rules.push({ ...ruleResult("deploy/x", "Secure-Defaults", "pass", undefined, "security-functions"), evidence: [{ message: "the chart runs as non-root", locations: [{ path: "chart/values.yaml", startLine: 3 }] }] });
      x.rules.push({ ...ruleResult("repo/license", "License", "pass", undefined, "project-compliance"), evidence: [{ message: "LICENSE holds the MIT licence" }] });
    });
    const doc = buildSelfAssessment(a, answers, []);
    const md = renderAssessmentMarkdown(doc);
    assert.match(md, /## Security functions and features\n\n\*\*Critical\.\*\*\n\n- \*\*Upload limits\*\*: Bounded sizes\.\n\n\*\*Security relevant\.\*\*\n\n- \*\*TLS\*\*: Optional\.\n\n\*Evidence in the repository:\*\n\n- ✅ the chart runs as non-root/);
    assert.match(md, /### Communication channels\n\n\*\*Internal\.\*\* A chat channel\.\n\n\*\*Inbound\.\*\* GitHub issues\.\n\n> \*\*To answer\*\* \(`communication-channels\.outbound`/);
    // Two lists a blank line apart are one list in Markdown: the maintainers' GDPR would read as assay's evidence.
    assert.match(md, /## Project compliance\n\n- GDPR\n\n\*Evidence in the repository:\*\n\n- ✅ LICENSE holds the MIT licence/);
    // An answer written as a list keeps its first item: the label goes on a line of its own.
    const listed = renderAssessmentMarkdown(buildSelfAssessment(a, parseAnswers("communication-channels:\n  outbound: |\n    - a mailing list\n    - GitHub advisories\n", "a.yml"), []));
    assert.match(listed, /\*\*Outbound\.\*\*\n\n- a mailing list\n- GitHub advisories\n/);
    const html = renderAssessmentHtml(doc);
    assert.match(html, /<p><strong>Critical\.<\/strong><\/p><ul><li><strong>Upload limits<\/strong>: Bounded sizes\.<\/li><\/ul><p><strong>Security relevant\.<\/strong><\/p>/);
    assert.match(html, /<p><strong>Inbound\.<\/strong> GitHub issues\.<\/p>/);
  });

  it("claims nothing about an SBOM or compliance the maintainers have not stated", () => {
    const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []));
    assert.match(md, /\| SBOM \| To answer: `project\.sbom` \(a link to the published SBOM; `assay sbom` writes one\) \|/);
    assert.doesNotMatch(md, /not published|none stated/);
    // The compliance question is asked once, under Project compliance.
    assert.equal(md.split("`project.compliance`").length - 1, 1, md);
    const html = renderAssessmentHtml(buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []));
    assert.match(html, /<td>To answer: <code>project\.sbom<\/code> /);
  });

  it("introduces the table of check scores, so a reviewer who has not run assay can read it", () => {
    const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []));
    assert.match(md, /## Secure development practices\n\nassay's checks of the repository, each scored from 0 to 10 \(`assay explain CHECK` tells what one measures\)[^\n]*\n\n\| Check \| Score \| Why \|/);
  });

  it("says whose gate the total is measured against: the project's policy, or assay's default when there is none", () => {
    const total = (source: string | null): string => {
      const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith((x) => { x.policy = { ...x.policy, source }; }), noAnswers(), []));
      return /^\| Total \|.*$/m.exec(md)?.[0] ?? "";
    };
    assert.match(total(null), /\| assay's default gate \(the repository has no assay policy file\) (?:passes|fails)/);
    assert.doesNotMatch(total(null), /project's CI gate/);
    assert.match(total("assay.yml"), /\| the gate of the project's policy \(assay\.yml\) (?:passes|fails)/);
  });

  it("asks the maintainers about the development pipeline and past issues, which the repository cannot fully show", () => {
    const md = renderAssessmentMarkdown(buildSelfAssessment(sampleWith(() => undefined), noAnswers(), []));
    assert.match(md, /### Development pipeline\n\n> \*\*To answer\*\* \(`development-pipeline` in/);
    assert.match(md, /### Known issues over time\n\n> \*\*To answer\*\* \(`known-issues` in/);
    assert.match(md, /### OpenSSF Best Practices\n\n> \*\*To answer\*\* \(`best-practices` in/);
    assert.match(md, /## Overview\n\n> \*\*To answer\*\* \(`overview\.summary` in [^\n]*\n\n### Background\n\n> \*\*To answer\*\* \(`overview\.background` in \.assay\/assessment\.yml, required\)/);
  });

  it("lists a rule's open findings first and each once, and its accepted findings one line per decision", () => {
    const a = sampleWith((x) => {
      x.rules = [ruleResult("secrets/generic", "Secrets", "fail")];
      const base = x.findings[0] as (typeof x.findings)[number];
      const accepted = Array.from({ length: 12 }, (_, i) => ({ ...base, ruleId: "secrets/generic", status: "suppressed" as const, statusReason: "allowed by secrets.allow.paths (test/**)", message: `fixture ${i}`, locations: [{ path: "test/cases.txt", startLine: i + 1 }] }));
      const open = { ...base, ruleId: "secrets/generic", status: "open" as const, message: "password in config", locations: [{ path: "src/config.ts", startLine: 9 }] };
      x.findings = [...accepted, open, { ...open }, { ...open, message: "token in config", locations: [{ path: "src/config.ts", startLine: 12 }] }];
    });
    const ev = section(buildSelfAssessment(a, noAnswers(), []), "development-pipeline").find((b) => b.kind === "evidence");
    assert.ok(ev && ev.kind === "evidence");
    assert.deepEqual(ev.items.map((i) => [i.state, i.text, i.locations.length]), [
      ["fail", "password in config", 1],
      ["fail", "token in config", 1],
      ["accepted", "12 findings accepted (suppressed: allowed by secrets.allow.paths (test/**))", 12],
    ]);
    assert.equal(ev.more, 0);
    assert.match(renderAssessmentMarkdown(buildSelfAssessment(a, noAnswers(), [])), /☑️ 12 findings accepted \(suppressed: allowed by secrets\.allow\.paths \(test\/\\\*\\\*\)\) \(`test\/cases\.txt:1`, `test\/cases\.txt:2`, `test\/cases\.txt:3`, …\) · `secrets\/generic`/);
  });

  it("cites the deploy rules (what a shipped manifest runs with) under security functions and features, as the template's security-relevant settings", () => {
    const deploy = RULES.filter((r) => r.meta.id.startsWith("deploy/"));
    assert.ok(deploy.length > 0);
    for (const r of deploy) assert.equal(r.meta.assessmentSection, "security-functions", r.meta.id);
  });
});
