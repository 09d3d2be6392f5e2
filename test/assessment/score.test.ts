import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult, RuleResult } from "../../src/core/assessment.js";
import type { Finding } from "../../src/core/finding.js";
import { findCheck } from "../../src/core/check.js";
import { CHECKS } from "../../src/rules/index.js";
import { scoreCheck, totalScore } from "../../src/assessment/score.js";
import type { Severity } from "../../src/core/severity.js";

const check = findCheck(CHECKS, "Security-Policy")!;
function rule(id: string, severity: Severity, outcome: RuleResult["outcome"]): RuleResult {
  return { id, title: id, check: check.id, severity, confidence: "high", network: false, rationale: "", remediation: "", references: [], assessmentSection: "metadata", outcome, findings: 0 };
}
const finding = (ruleId: string, status: Finding["status"] = "open"): Finding => ({ ruleId, check: check.id, severity: "low", confidence: "high", message: "", locations: [], evidence: {}, fingerprint: ruleId, status });

describe("check score", () => {
  it("is 10 when every rule passes and 0 when all fail", () => {
    assert.equal(scoreCheck(check, [rule("a", "medium", "pass")], []).score, 10);
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [finding("a")]).score, 0);
  });
  it("weighs rules by severity", () => {
    // medium (5) passes, low (2.5) fails: 10 * 5 / 7.5
    const r = scoreCheck(check, [rule("a", "medium", "pass"), rule("b", "low", "fail")], [finding("b")]);
    assert.equal(r.score, 6.7);
    assert.match(r.reason, /failed: b/);
  });
  it("scores an all-or-nothing check (Dangerous-Workflow) 0 for one open finding at its severity, as Scorecard does", () => {
    const dangerous = findCheck(CHECKS, "Dangerous-Workflow")!;
    const a = "workflows/template-injection";
    const rules = [a, "b", "c", "d"].map((id) => ({ ...rule(id, "high", id === a ? "fail" : "pass"), check: dangerous.id }));
    const high = (status: Finding["status"] = "open", severity: Severity = "high"): Finding => ({ ...finding(a, status), check: dangerous.id, severity });
    assert.equal(scoreCheck(dangerous, rules, [high()]).score, 0);
    assert.equal(scoreCheck(dangerous, rules, [high("baselined")]).score, 0, "baselined findings still count against the score");
    assert.equal(scoreCheck(dangerous, rules, [high("suppressed")]).score, 10);
    assert.equal(scoreCheck(dangerous, rules, [high("open", "low")]).score, 7.5, "below its severity, the weighted share");
    assert.equal(scoreCheck(check, [rule("a", "high", "fail"), rule("b", "high", "pass")], [{ ...finding("a"), severity: "critical" }]).score, 5, "other checks stay weighted");
    const cache: Finding = { ...finding("workflows/cache-poisoning"), check: dangerous.id, severity: "high" };
    const withCache = [...rules.map((r) => (r.id === a ? { ...r, outcome: "pass" as const } : r)), { ...rule("workflows/cache-poisoning", "high", "fail"), check: dangerous.id }];
    assert.equal(scoreCheck(dangerous, withCache, [cache]).score, 8, "a pattern Scorecard does not look for weighs by share");
  });
  it("lets one finding zero its check whatever its severity, or not count at all, as Scorecard weighs it", () => {
    const rules = [rule("a", "high", "fail"), rule("b", "high", "pass")];
    assert.equal(scoreCheck(check, rules, [{ ...finding("a"), impact: "zero" }]).score, 0, "a Scorecard all-or-nothing condition at low severity");
    assert.equal(scoreCheck(check, rules, [{ ...finding("a"), impact: "none" }]).score, 10, "a warning the check does not score");
    const dangerous = findCheck(CHECKS, "Dangerous-Workflow")!;
    const high: Finding = { ...finding("a"), check: dangerous.id, severity: "high", impact: "none" };
    assert.equal(scoreCheck(dangerous, rules.map((r) => ({ ...r, check: dangerous.id })), [high]).score, 10, "not even past zeroAt");
    assert.equal(scoreCheck(check, rules, [{ ...finding("a"), impact: "none" }, finding("a")]).score, 5, "the rule's other findings still count");
  });
  it("keeps the score a finding gives its rule, for what Scorecard grades by share", () => {
    const graded = (score: unknown, status: Finding["status"] = "open"): Finding => ({ ...finding("a", status), message: "9 of the last 10 changes were reviewed", grade: score as number });
    const r = scoreCheck(check, [rule("a", "medium", "fail")], [graded(9)]);
    assert.equal(r.score, 9);
    assert.equal(r.status, "scored");
    assert.equal(r.reason, "graded: 9 of the last 10 changes were reviewed (9/10)", "a graded rule is not said to have failed");
    // Weighed with the check's other rules like any share: medium keeps 9/10 of 5, high fails: 10 * 4.5 / 12.5.
    const mixed = scoreCheck(check, [rule("a", "medium", "fail"), rule("b", "high", "fail")], [graded(9), finding("b")]);
    assert.equal(mixed.score, 3.6);
    assert.equal(mixed.reason, "failed: b; graded: 9 of the last 10 changes were reviewed (9/10)");
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [graded(9), graded(4)]).score, 4, "the lowest score given");
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [graded(9), finding("a")]).score, 0, "a finding that gives no score fails the rule");
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [graded(12)]).score, 0, "a score out of range fails the rule");
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [graded("9")]).score, 0, "so does one that is not a number");
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [graded(9, "suppressed")]).score, 10, "a suppressed finding gives the rule back its 10");
    assert.equal(scoreCheck(check, [rule("a", "medium", "incomplete")], [graded(9)]).score, 0, "an incomplete rule still keeps nothing");
  });
  it("says why it is incomplete once per reason, naming rules that share it by their count", () => {
    const inc = (id: string, reason: string): RuleResult => ({ ...rule(id, "medium", "incomplete"), reason });
    const rules = [inc("a", "x.yaml:1: unreadable"), inc("b", "x.yaml:1: unreadable"), inc("c", "x.yaml:1: unreadable"), inc("d", "y.yaml: too big"), inc("e", "y.yaml: too big"), inc("f", "z"), inc("g", "w")];
    const r = scoreCheck(check, rules, []);
    assert.equal(r.status, "incomplete");
    assert.equal(r.reason, "3 rules: x.yaml:1: unreadable; d, e: y.yaml: too big; f: z; and 1 more");
  });
  it("does not count suppressed findings against the score, but counts baselined ones", () => {
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [finding("a", "suppressed")]).score, 10);
    assert.equal(scoreCheck(check, [rule("a", "medium", "fail")], [finding("a", "baselined")]).score, 0);
  });
  it("says not available, not 0, when rules need the network", () => {
    const r = scoreCheck(check, [rule("a", "high", "not-available")], []);
    assert.equal(r.status, "not-available");
    assert.equal(r.score, null);
    // …and what the rules that ran offline found, when that was nothing to judge.
    const online: RuleResult = { ...rule("a", "high", "not-available"), reason: "needs the forge's API: run with --online" };
    const none: RuleResult = { ...rule("b", "high", "not-applicable"), reason: "no GitHub Actions workflows or actions in this repository" };
    const mixed = scoreCheck(check, [none, online], []);
    assert.deepEqual([mixed.status, mixed.reason], ["not-available", "needs the forge's API: run with --online; the rules that run offline found nothing to judge (no GitHub Actions workflows or actions in this repository)"]);
  });
  it("is not applicable when no rule applies, and an error when a rule failed to run", () => {
    assert.equal(scoreCheck(check, [rule("a", "high", "not-applicable"), rule("b", "low", "off")], []).status, "not-applicable");
    // The reason is the rule that looked and found nothing, not one the persona turned off.
    const off: RuleResult = { ...rule("b", "low", "off"), reason: "pedantic persona only" };
    const none: RuleResult = { ...rule("a", "high", "not-applicable"), reason: "no .github/dependabot.yml in this repository" };
    assert.equal(scoreCheck(check, [off, none], []).reason, "no .github/dependabot.yml in this repository");
    assert.equal(scoreCheck(check, [off], []).reason, "pedantic persona only");
    assert.equal(scoreCheck(check, [rule("a", "high", "error"), rule("b", "low", "pass")], []).status, "error");
  });
  it("ignores not-applicable rules in the weighting", () => {
    assert.equal(scoreCheck(check, [rule("a", "medium", "pass"), rule("b", "high", "not-applicable")], []).score, 10);
  });
});

describe("total score", () => {
  const c = (risk: Severity, score: number | null, status: CheckResult["status"] = "scored"): CheckResult => ({ id: risk, title: "", risk, description: "", status, score, reason: "", rules: [] });
  it("is the risk-weighted mean of scored checks", () => {
    // (10*10 + 0*2.5) / 12.5 = 8
    assert.equal(totalScore([c("critical", 10), c("low", 0), c("high", null, "not-available")]), 8);
    assert.equal(totalScore([c("high", 4), c("medium", 10)]), 6.4);
  });
  it("is null when nothing was scored", () => {
    assert.equal(totalScore([c("high", null, "not-available")]), null);
  });
});

describe("graded rules", () => {
  it("take points off per finding, like Scorecard's 10 minus the count", () => {
    const graded = new Map([["a", 1]]);
    const three = [finding("a"), { ...finding("a"), fingerprint: "2" }, { ...finding("a"), fingerprint: "3" }];
    assert.equal(scoreCheck(check, [rule("a", "high", "fail")], three, graded).score, 7);
    assert.equal(scoreCheck(check, [rule("a", "high", "fail")], three).score, 0, "ungraded rules are all or nothing");
    const many = Array.from({ length: 12 }, (_, i) => ({ ...finding("a"), fingerprint: String(i) }));
    assert.equal(scoreCheck(check, [rule("a", "high", "fail")], many, graded).score, 0);
  });
});

describe("Pinned-Dependencies, scored per dependency kind as Scorecard scores it", () => {
  const pinning = findCheck(CHECKS, "Pinned-Dependencies")!;
  const judged = (id: string, outcome: RuleResult["outcome"], dependencies: RuleResult["dependencies"]): RuleResult => ({ ...rule(id, "medium", outcome), check: pinning.id, dependencies });
  const unpinned = (ruleId: string, dependency: Finding["dependency"], n: number, status: Finding["status"] = "open"): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ ...finding(ruleId, status), check: pinning.id, fingerprint: `${ruleId}${String(dependency)}${i}`, ...(dependency ? { dependency } : {}) }));

  it("weighs GitHub-owned and third-party actions 2:8 when both are used, pooled by count", () => {
    // 4/4 GitHub-owned (weight 2), 1/2 third-party (weight 8): (4*2 + 1*8) / (4*2 + 2*8) = 16/24 → 6.67, floored to 6
    const r = scoreCheck(pinning, [judged("uses", "fail", { "github-action": 4, "third-party-action": 2 })], unpinned("uses", "third-party-action", 1));
    assert.equal(r.status, "scored");
    assert.equal(r.score, 6);
    assert.match(r.reason, /4\/4 GitHub-owned actions, 1\/2 third-party actions/);
  });
  it("scores the example docs/supply-chain.md gives", () => {
    const rules = [judged("uses", "fail", { "github-action": 12, "third-party-action": 5 }), judged("image", "fail", { "container-image": 2 })];
    const r = scoreCheck(pinning, rules, [...unpinned("uses", "third-party-action", 2), ...unpinned("image", "container-image", 1)]);
    assert.deepEqual([r.score, r.reason], [6, "pinned: 12/12 GitHub-owned actions, 3/5 third-party actions, 1/2 Dockerfile base images"]);
  });
  it("gives actions the normal weight when only one owner is used, and skips kinds the repository does not use", () => {
    // third-party 1/2 (weight 10), container images 3/3 (weight 10), nothing else: 40/50 = 8
    const rules = [judged("uses", "fail", { "third-party-action": 2 }), judged("image", "pass", { "container-image": 3 }), judged("pip", "pass", {})];
    const r = scoreCheck(pinning, rules, unpinned("uses", "third-party-action", 1));
    assert.equal(r.score, 8);
    assert.doesNotMatch(r.reason, /pip/);
  });
  it("counts a download run without a checksum as an unpinned dependency nobody counted (never pinned)", () => {
    const rules = [judged("uses", "pass", { "github-action": 3 }), judged("fetch", "fail", {})];
    // 3/3 actions and 0/1 downloads, each weight 10: 30/40 → 7
    assert.equal(scoreCheck(pinning, rules, unpinned("fetch", "download-then-run", 1)).score, 7);
  });
  it("was 0 by rule share for one unpinned of many; now it is the pinned share", () => {
    const r = scoreCheck(pinning, [judged("uses", "fail", { "third-party-action": 10 })], unpinned("uses", "third-party-action", 1));
    assert.equal(r.score, 9);
  });
  it("does not count suppressed findings, and reports unscored kinds without weighing them", () => {
    const rules = [judged("uses", "pass", { "third-party-action": 2 }), judged("os", "fail", undefined)];
    const r = scoreCheck(pinning, rules, [...unpinned("uses", "third-party-action", 2, "suppressed"), ...unpinned("os", undefined, 3)]);
    assert.equal(r.score, 10);
    assert.match(r.reason, /2\/2 third-party actions; also found, not scored: os/);
  });
  it("is not applicable with no dependency to pin, as Scorecard is inconclusive", () => {
    const r = scoreCheck(pinning, [judged("uses", "pass", {}), judged("image", "pass", undefined)], []);
    assert.equal(r.status, "not-applicable");
    assert.equal(r.score, null);
    assert.match(r.reason, /no dependency of a kind Scorecard counts was found/);
  });
  it("is not applicable, not waiting for the forge, when the offline rules found nothing to pin and only a rule that counts no dependency needs the network", () => {
    const none = (id: string): RuleResult => ({ ...rule(id, "medium", "not-applicable"), check: pinning.id, reason: "no GitHub Actions workflows or actions in this repository" });
    const online: RuleResult = { ...rule("ref-version-mismatch", "low", "not-available"), check: pinning.id, network: true, reason: "needs the forge's API: run with --online" };
    const r = scoreCheck(pinning, [none("uses"), none("images"), online], []);
    assert.deepEqual([r.status, r.score], ["not-applicable", null]);
    assert.equal(r.reason, "no dependency of a kind Scorecard counts was found");
  });
  it("shows the kinds Scorecard does not count without weighing them, and is not applicable when they are all there is", () => {
    const rules = [judged("uses", "fail", { "third-party-action": 2, "composite-action": 3 }), judged("images", "fail", { "other-image": 2 })];
    const r = scoreCheck(pinning, rules, [...unpinned("uses", "composite-action", 3), ...unpinned("images", "other-image", 2)]);
    assert.equal(r.score, 10, "2/2 third-party actions; the rest weigh nothing");
    assert.match(r.reason, /^pinned: 2\/2 third-party actions; not weighed, as Scorecard does not count them: 0\/2 other container images .*, 0\/3 actions used by the repository's own actions$/);
    const only = scoreCheck(pinning, [judged("images", "fail", { "other-image": 2 })], unpinned("images", "other-image", 1));
    assert.deepEqual([only.status, only.score], ["not-applicable", null]);
    assert.match(only.reason, /^no dependency of a kind Scorecard counts was found; not weighed, as Scorecard does not count them: 1\/2 other container images/);
  });
  it("fails closed on an incomplete rule: its kinds count as unpinned and the score is below 10", () => {
    const rules = [judged("uses", "pass", { "github-action": 2 }), { ...judged("image", "incomplete", { "container-image": 2 }), reason: "Dockerfile is a symbolic link out of the checkout" }];
    const r = scoreCheck(pinning, rules, []);
    assert.equal(r.status, "incomplete");
    // 2/2 actions, 0/2 images, one unread: 20 / (20 + 20 + 10) = 4
    assert.equal(r.score, 4);
    assert.match(r.reason, /symbolic link.*pinned: 2\/2 GitHub-owned actions, 0\/2 Dockerfile base images/);
    const none = scoreCheck(pinning, [{ ...judged("image", "incomplete", {}), reason: "unread" }], []);
    assert.equal(none.score, 0, "no dependency read, and evidence missing: not a pass");
  });
});
