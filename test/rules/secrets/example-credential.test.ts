import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/example-credential.js";
import { ruleRunner } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("secrets/example-credential", () => {
  it("reports documented examples and default passwords as information", async () => {
    const { findings } = await run({ "docs/aws.md": "key: AKIAIOSFODNN7EXAMPLE\n", "docker-compose.yml": "services:\n  db:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db.acme-corp.io/app\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.evidence.detector]), [
      ["docker-compose.yml", "info", "database-url-password"],
      ["docs/aws.md", "info", "aws-access-key-id"],
    ]);
  });

  it("leaves out stand-ins without a format of their own in tests, examples and documentation, not examples in a credential's format", async () => {
    const { findings } = await run({
      "tests/test_login.py": 'def test_login(client):\n    password = "test-password"\n    resp = client.post("/login", data={"username": "alice", "password": "hunter2"})\n',
      ".env.example": "API_KEY=your-api-key-here\nDATABASE_URL=postgres://user:password@localhost:5432/app\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
      "docs/install.md": "Set `password = \"changeme\"` in `config.toml`, or run `curl -u admin:admin http://localhost:8080/api`.\n\n    aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
      "deploy/docker-compose.yml": "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: changeme\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence.detector]).sort(), [
      [".env.example", "github-pat-classic"],
      ["deploy/docker-compose.yml", "password-assignment"],
      ["docs/install.md", "aws-access-key-id"],
    ]);
  });

  it("does not fail the default gate", async () => {
    const { assessment } = await run({ "README.md": "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n" });
    assert.equal(assessment.gate.passed, true);
  });

  it("reports the Cosmos DB emulator's published key as an example, as the Azurite key is", async () => {
    const key = ["C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="].join("");
    const { findings, assessment } = await run({ ".env": `COSMOS_CONNECTION_STRING="AccountEndpoint=https://localhost:8081/;AccountKey=${key}"\n` });
    assert.deepEqual(findings.map((f) => [f.severity, f.evidence.detector]), [["info", "azure-storage-account-key"]]);
    assert.equal(assessment.findings.filter((f) => f.severity !== "info").length, 0);
  });
});
