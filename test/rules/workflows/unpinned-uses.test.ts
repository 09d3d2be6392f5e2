import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePolicy } from "../../../src/policy/policy-file.js";
import { rule } from "../../../src/rules/workflows/unpinned-uses.js";
import { RULES, CHECKS } from "../../../src/rules/index.js";
import { ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
const steps = (s: string) => `name: U\non: push\njobs:\n  u:\n    runs-on: ubuntu-latest\n    steps:\n${s}`;

describe("workflows/unpinned-uses", () => {
  it("counts every action of a workflow it judges as GitHub-owned or third-party (a docker:// image as third-party), so Pinned-Dependencies scores the pinned share per kind as Scorecard does", async () => {
    const { findings, assessment } = await one(steps("      - uses: actions/checkout@v4\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0\n      - uses: acme/tool@v2\n      - uses: ./local\n      - uses: docker://alpine:3.20\n      - uses: github/codeql-action/init@v3\n"));
    assert.deepEqual(assessment.rules[0]?.dependencies, { "github-action": 3, "third-party-action": 2 });
    assert.deepEqual(findings.map((f) => f.dependency), ["github-action", "third-party-action", "third-party-action", "github-action"]);
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    // 1/3 GitHub-owned (weight 2), 0/2 third-party (weight 8): 2 / (6 + 16) → 0.9, floored to 0
    assert.equal(check?.score, 0);
    assert.equal(check?.reason, "pinned: 1/3 GitHub-owned actions, 0/2 third-party actions");
    const pinned = await one(steps("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n      - uses: actions/setup-go@v5\n      - uses: acme/tool@0123456789abcdef0123456789abcdef01234567 # v2\n"));
    // 1/2 GitHub-owned (weight 2), 1/1 third-party (weight 8): 10/12 → 8.3, floored to 8
    assert.equal(pinned.assessment.checks.find((c) => c.id === "Pinned-Dependencies")?.score, 8);
  });

  it("shows the actions of the repository's own composite actions beside the score, as Scorecard reads only workflows", async () => {
    const { assessment } = await run({ ".github/workflows/ci.yml": steps("      - uses: ./.github/actions/setup\n"), ".github/actions/setup/action.yml": "name: S\ndescription: d\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n" });
    assert.deepEqual(assessment.rules[0]?.dependencies, { "composite-action": 1 });
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.status, check?.reason], ["not-applicable", "no dependency of a kind Scorecard counts was found; not weighed, as Scorecard does not count them: 0/1 actions used by the repository's own actions"]);
  });

  it("rates a tag medium whoever owns it (GitHub's own too, as zizmor since 1.20), abbreviated SHAs and docker tags medium, and an untagged docker image high", async () => {
    const { findings } = await one(steps("      - uses: acme/tool\n      - uses: acme/tool@v2\n      - uses: actions/checkout@v4\n      - uses: acme/tool@abc1234\n      - uses: docker://alpine:3.20\n      - uses: docker://alpine\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[7, "medium"], [8, "medium"], [9, "medium"], [10, "medium"], [11, "medium"], [12, "high"]]);
    assert.match(findings[1]?.message ?? "", /^`acme\/tool@v2` in step 2 of job `u` in \.github\/workflows\/ci\.yml is pinned to `v2`, a tag its owner can move to other code$/);
  });

  it("says a remote uses: without a ref (`actions/checkout`, `owner/repo@`) makes the workflow invalid, as GitHub refuses it, rather than that it runs the default branch", async () => {
    const { findings } = await one(steps("      - uses: actions/checkout\n      - uses: acme/tool@\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[7, "medium"], [8, "medium"]]);
    for (const f of findings) {
      assert.match(f.message, /names no ref \(`@<ref>`\): GitHub refuses a remote `uses:` without one, so this workflow is invalid and does not run as written/);
      assert.doesNotMatch(f.message, /default branch/);
    }
    const action = await run({ ".github/actions/a/action.yml": "name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - uses: acme/tool\n" });
    assert.match(action.findings[0]?.message ?? "", /this action fails in every workflow that runs it/);
  });

  it("leaves a docker:// image pinned to a tag (not a digest) to the pedantic persona, as zizmor does; `latest` or no tag stays", async () => {
    const regular = await ruleRunner(rule, "regular")({ ".github/workflows/ci.yml": steps("      - uses: docker://alpine:3.20\n      - uses: docker://alpine\n      - uses: docker://alpine:latest\n") });
    assert.deepEqual(regular.findings.map((f) => f.locations[0]?.startLine), [8, 9]);
    // Not shown is not pinned: the tagged image still weighs on Pinned-Dependencies, as Scorecard counts it.
    const check = regular.assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [0, "pinned: 0/3 third-party actions"]);
  });

  it("reports a tag of GitHub's and Dependabot's own actions like any other, as zizmor's default policy and Scorecard do", async () => {
    const { findings } = await one(steps("      - uses: dependabot/fetch-metadata@v2\n      - uses: github/codeql-action/init@v3\n      - uses: dependabot-fork/fetch-metadata@v2\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[7, "medium"], [8, "medium"], [9, "medium"]]);
  });

  it("accepts full SHAs, digests, local actions (`./` and the self-repository `$/`), and reusable workflows pinned by SHA", async () => {
    const { findings, outcome } = await one(steps("      - uses: acme/tool@0123456789abcdef0123456789abcdef01234567 # v2.1.0\n      - uses: docker://alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n      - uses: ./local\n      - uses: $/local\n") + "  call:\n    uses: acme/ci/.github/workflows/ci.yml@0123456789abcdef0123456789abcdef01234567\n  self:\n    uses: $/.github/workflows/ci.yml\n", { "local/action.yml": "name: L\ndescription: d\nruns:\n  using: node20\n  main: a.js\n" });
    assert.deepEqual([findings, outcome], [[], "pass"]);
  });

  it("accepts the SLSA generator's reusable workflows at a release tag (slsa-verifier requires it), not at a branch or a look-alike", async () => {
    const call = (name: string, uses: string) => `  ${name}:\n    uses: ${uses}\n`;
    const { findings } = await one(
      steps("      - run: make\n") +
        call("provenance", "slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0") +
        call("gobuild", "slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml@v1.10.0") +
        call("floating", "slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@main") +
        call("major", "slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2") +
        call("lookalike", "slsa-framework-x/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0"),
    );
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [13, 15, 17]);
  });

  it("pins a tag to the SHA another workflow already pins for the same version, and the result passes", async () => {
    const files = {
      ".github/workflows/a.yml": steps("      - uses: actions/checkout@v4.2.2\n"),
      ".github/workflows/b.yml": steps("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"),
    };
    const { findings } = await run(files);
    assert.match(findings[0]?.fix ?? "", /actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\.2\.2/);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/a.yml"] as string, /- uses: actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\.2\.2\n/);
  });

  it("offers no edit when the SHA is not known offline or two SHAs claim the version", async () => {
    const unknown = await one(steps("      - uses: actions/checkout@v4\n"));
    assert.equal(unknown.findings[0]?.edits, undefined);
    const conflicting = await run({ ".github/workflows/a.yml": steps("      - uses: acme/t@v1\n"), ".github/workflows/b.yml": steps(`      - uses: acme/t@${"a".repeat(40)} # v1\n`), ".github/workflows/c.yml": steps(`      - uses: acme/t@${"b".repeat(40)} # v1\n`) });
    assert.equal(conflicting.findings[0]?.edits, undefined);
  });

  it("applies the trust policy: allow-tags for chosen owners, forbidden-uses for banned actions", async () => {
    const dir = tmpDir({ ".github/workflows/ci.yml": steps("      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n      - uses: evil-corp/stealer@0123456789abcdef0123456789abcdef01234567\n      - uses: acme/tool@v1\n") });
    const policy = parsePolicy("version: 1\nrules:\n  workflows/unpinned-uses:\n    options:\n      allow-tags: [actions/*, github/codeql-action]\n      forbidden-uses: [evil-corp/*]\n", "assay.yml", RULES.map((r) => r.meta), CHECKS);
    const { findings } = await runRule(rule, dir, policy);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.message.includes("forbidden") ? "forbidden" : "unpinned"]), [[9, "high", "forbidden"], [10, "medium", "unpinned"]]);
    assert.deepEqual(where(findings)[0], [9, 15]);
  });
});
