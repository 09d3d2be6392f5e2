import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/artipacked.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);
const CO = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
const job = (steps: string) => `name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const UPLOAD_OLD = "      - uses: actions/upload-artifact@65462800fd760344b1a7b4382951275a0abb4808 # v4.3.3\n        with:\n          path: .\n";

describe("workflows/artipacked", () => {
  it("reports a checkout that keeps its token when the workspace is uploaded later, at the checkout step, from its first key as zizmor does", async () => {
    const { findings } = await one(job(`      - uses: ${CO}\n      - run: make\n${UPLOAD_OLD}`));
    assert.deepEqual(where(findings), [[7, 9]]);
    assert.match(findings[0]?.message ?? "", /leaves the token in \.git\/config, and step 3 .* then uploads the workspace with it/);
    // A named step starts at its `- name:` line, where zizmor's finding (and a zizmor ignore written for it) sits.
    const named = await one(job(`      - name: Check out\n        uses: ${CO}\n${UPLOAD_OLD}`));
    assert.deepEqual(where(named.findings), [[7, 9]]);
    const ignored = await one(job(`      - name: Check out # zizmor: ignore[artipacked] the upload is private\n        uses: ${CO}\n${UPLOAD_OLD}`));
    assert.deepEqual(ignored.findings.map((f) => [f.status, f.statusReason]), [["suppressed", "the upload is private"]]);
  });

  it("knows upload-artifact 4.4+ leaves hidden files out unless asked, and that s3 sync of . publishes .git", async () => {
    const v4 = await one(job(`      - uses: ${CO}\n      - uses: actions/upload-artifact@v4\n        with:\n          path: .\n`));
    assert.deepEqual(v4.findings, []);
    const hidden = await one(job(`      - uses: ${CO}\n      - uses: actions/upload-artifact@v4\n        with:\n          path: \${{ github.workspace }}\n          include-hidden-files: true\n`));
    assert.equal(hidden.findings.length, 1);
    const s3 = await one(job(`      - uses: ${CO}\n      - run: aws s3 sync . s3://bucket/site\n`));
    assert.equal(s3.findings.length, 1);
  });

  it("knows checkout v6 keeps the token outside the workspace, and dates a commit pin by its comment only", async () => {
    const v6 = await one(job(`      - uses: actions/checkout@v6\n${UPLOAD_OLD}`));
    const v6pin = await one(job(`      - uses: actions/checkout@1af3b93b6815bc44a9784bd300feb67ff0d1eeb3 # v6.0.0\n${UPLOAD_OLD}`));
    const v5 = await one(job(`      - uses: actions/checkout@v5.0.1\n${UPLOAD_OLD}`));
    const undated = await one(job(`      - uses: actions/checkout@1af3b93b6815bc44a9784bd300feb67ff0d1eeb3\n${UPLOAD_OLD}`));
    assert.deepEqual([v6.findings.length, v6pin.findings.length, v5.findings.length, undated.findings.length], [0, 0, 1, 1]);
  });

  it("stays quiet without an upload, and when persist-credentials is set either way", async () => {
    const none = await one(job(`      - uses: ${CO}\n      - run: make\n`));
    const off = await one(job(`      - uses: ${CO}\n        with:\n          persist-credentials: false\n${UPLOAD_OLD}`));
    const on = await one(job(`      - uses: ${CO}\n        with:\n          persist-credentials: true\n${UPLOAD_OLD}`));
    assert.deepEqual([none.findings, off.findings, on.findings], [[], [], []]);
  });

  it("fixes by adding persist-credentials: false to an existing or a new with:, and the result passes", async () => {
    const files = { ".github/workflows/ci.yml": job(`      - uses: ${CO}\n        with:\n          fetch-depth: 0\n${UPLOAD_OLD}      - uses: ${CO}\n${UPLOAD_OLD}`) };
    const { findings } = await run(files);
    assert.equal(findings.length, 2);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /fetch-depth: 0\n {10}persist-credentials: false\n/);
    assert.match(texts[".github/workflows/ci.yml"] as string, /# v4\.2\.2\n {8}with:\n {10}persist-credentials: false\n/);
  });
});
