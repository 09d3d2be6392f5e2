import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/superfluous-actions.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/superfluous-actions", () => {
  it("suggests the runner's own tool for actions that wrap it, as information", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n      - uses: sergeysova/jq-action@v2\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15]]);
    assert.deepEqual(findings.map((f) => f.severity), ["info", "info"]);
    assert.match(findings[0]?.fix ?? "", /gh release create/);
  });

  it("keeps the actions whose replacement takes more than a line to the pedantic persona, at zizmor's lower confidence, and leaves an archived one to archived-uses", async () => {
    const files = { ".github/workflows/ci.yml": "name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n      - uses: peter-evans/create-pull-request@v7\n      - uses: peter-evans/create-or-update-comment@v4\n      - uses: marvinpinto/action-automatic-releases@v1.2.1\n      - uses: ncipollo/release-action@v1\n" };
    const regular = await ruleRunner(rule, "regular")(files);
    assert.deepEqual(regular.findings.map((f) => [f.locations[0]?.startLine, f.confidence]), [[11, "high"]]);
    const pedantic = await ruleRunner(rule, "pedantic")(files);
    assert.deepEqual(pedantic.findings.map((f) => [f.locations[0]?.startLine, f.confidence]), [[7, "medium"], [8, "low"], [9, "low"], [11, "high"]]);
  });

  it("stays quiet for actions that do more than a command", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n");
    assert.deepEqual(findings, []);
  });
});
