import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/hardcoded-container-credentials.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);

describe("workflows/hardcoded-container-credentials", () => {
  it("reports literal passwords of containers and services, at the value, and never shows the password", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    container:\n      image: r.example.com/b:1\n      credentials:\n        username: u\n        password: hunter2-and-more\n    services:\n      db:\n        image: r.example.com/db:1\n        credentials:\n          username: u\n          password: another-literal\n    steps:\n      - run: make\n");
    assert.deepEqual(where(findings), [[10, 19], [16, 21]]);
    for (const f of findings) assert.doesNotMatch(JSON.stringify(f), /hunter2-and-more|another-literal/);
  });

  it("stays quiet for secrets and tokens", async () => {
    const { findings } = await one("name: C\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/o/b:1\n      credentials:\n        username: ${{ github.actor }}\n        password: ${{ secrets.GHCR }}\n    steps:\n      - run: make\n");
    assert.deepEqual(findings, []);
  });
});
