import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/superfluous-actions.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/superfluous-actions", () => {
  it("suggests the runner's own tool for actions that wrap it, as information", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n      - uses: sergeysova/jq-action@v2\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15]]);
    assert.deepEqual(findings.map((f) => f.severity), ["info", "info"]);
    assert.match(findings[0]?.fix ?? "", /gh release create/);
  });

  it("stays quiet for actions that do more than a command", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n");
    assert.deepEqual(findings, []);
  });
});
