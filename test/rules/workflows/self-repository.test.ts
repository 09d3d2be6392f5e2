import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/self-repository.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run, one } = workflowRunner(rule);

const job = (steps: string) => `name: CI\non: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("workflows/self-repository", () => {
  it("reports `./` references in steps, reusable-workflow jobs and composite actions, at the `uses:` value", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity, f.confidence]),
      [
        [".github/actions/setup-toolchain/action.yml", 6, 13, "low", "high"],
        [".github/workflows/ci.yml", 14, 15, "low", "high"],
        [".github/workflows/ci.yml", 17, 11, "low", "high"],
      ],
    );
    assert.match(findings[2]?.message ?? "", /calls a reusable workflow of this repository/);
    assert.match(findings[1]?.message ?? "", /reads the action from the workspace/);
  });

  it("stays quiet on `$/` and on a `./` path inside another repository's checkout", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
  });

  it("reports a `./` path a checkout of this repository's default ref does not shadow, and one outside a foreign checkout's folder", async () => {
    const { findings } = await one(
      job(
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          path: src\n" +
          "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          repository: other/tools\n          path: tools\n" +
          "      - uses: ./toolsmith/x\n      - uses: ./tools/y\n",
      ),
    );
    assert.deepEqual(where(findings), [[15, 15]]);
  });

  it("treats another repository's checkout at the workspace root as holding every `./` path", async () => {
    const { findings } = await one(job("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          repository: other/tools\n      - uses: ./.github/actions/build\n"));
    assert.deepEqual(findings, []);
  });

  it("still reports a `./` action under a checkout of this repository at another ref, or of a repository an expression picks (a fork's head)", async () => {
    const { findings } = await one(
      job(
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n" +
          "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with:\n          repository: ${{ github.event.pull_request.head.repo.full_name }}\n          path: head\n" +
          "      - uses: ./.github/actions/build\n      - uses: ./head/.github/actions/build\n",
      ),
    );
    assert.deepEqual(where(findings), [[15, 15], [16, 15]]);
  });

  it("rewrites `./` to `$/` in place, quoted or not, and the rewrite is quiet", async () => {
    const files = { ".github/workflows/ci.yml": job("      - uses: ./.github/actions/a # local\n      - uses: './.github/actions/b'\n") };
    const { findings } = await run(files);
    assert.equal(findings.length, 2);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.match(texts[".github/workflows/ci.yml"] ?? "", /uses: \$\/\.github\/actions\/a # local\n {6}- uses: '\$\/\.github\/actions\/b'/);
    assert.deepEqual(after, []);
  });
});
