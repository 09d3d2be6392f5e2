import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unpinned-images.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

describe("workflows/unpinned-images", () => {
  it("is not applicable to a workflow without job containers, services or Docker actions, so Pinned-Dependencies scores only what the repository uses, as Scorecard does", async () => {
    const { findings, outcome, assessment } = await one("name: L\non: push\npermissions:\n  contents: read\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9 # v5.0.0\n      - run: make test\n");
    assert.deepEqual([findings, outcome], [[], "not-applicable"]);
    assert.match(assessment.rules[0]?.reason ?? "", /no job container, service or Docker action image/);
  });

  it("is high for untagged and latest images, low for tags without a digest, at the image", async () => {
    const { findings } = await one("name: I\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    container: node:20\n    services:\n      a:\n        image: redis\n      b:\n        image: ghcr.io/org/db:latest\n      c:\n        image: postgres:16@sha256:4f6b1b7a2c6d3e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f\n    steps:\n      - run: make\n");
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[6, "low"], [9, "high"], [11, "high"]]);
    assert.deepEqual(where(findings)[1], [9, 16]);
  });

  it("expands static matrix values and reads Docker actions' images", async () => {
    const m = await one("name: M\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        img: [alpine, 'debian:12']\n    container:\n      image: ${{ matrix.img }}\n    steps:\n      - run: make\n");
    assert.deepEqual(m.findings.map((f) => f.severity), ["high", "low"]);
    const a = await run({ "action.yml": "name: D\ndescription: d\nruns:\n  using: docker\n  image: docker://ghcr.io/acme/tool:1\n" });
    assert.deepEqual(a.findings.map((f) => f.locations[0]?.path), ["action.yml"]);
    const dockerfile = await run({ "action.yml": "name: D\ndescription: d\nruns:\n  using: docker\n  image: Dockerfile\n" });
    assert.deepEqual(dockerfile.findings, []);
  });
});
