import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/archived-uses.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/archived-uses", () => {
  it("reports actions from archived repositories, including sub-actions, with the successor", async () => {
    const { findings } = await one("name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions-rs/toolchain@v1\n      - uses: Actions/Create-Release@v1\n");
    assert.deepEqual(where(findings), [[7, 15], [8, 15]]);
    assert.match(findings[0]?.message ?? "", /actions-rs\/toolchain, an archived repository .* use dtolnay\/rust-toolchain/);
  });

  it("knows the widely used actions archived since (Slack notifiers, Gradle's old action, SonarCloud's, the GitHub App token action), and a reusable workflow call", async () => {
    const { findings } = await one("name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: 8398a7/action-slack@v3\n      - uses: gradle/gradle-build-action@v3\n      - uses: SonarSource/sonarcloud-github-action@v2\n      - uses: tibdex/github-app-token@v2\n  b:\n    uses: z0al/dependent-issues/.github/workflows/x.yml@v1\n");
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [7, 8, 9, 10, 12]);
    assert.match(findings[1]?.message ?? "", /use gradle\/actions\/setup-gradle$/);
    assert.match(findings[3]?.message ?? "", /use actions\/create-github-app-token$/);
  });

  it("stays quiet for maintained actions", async () => {
    const { findings } = await one("name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n");
    assert.deepEqual(findings, []);
  });
});
