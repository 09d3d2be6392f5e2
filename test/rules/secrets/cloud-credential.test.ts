import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/cloud-credential.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(21);

describe("secrets/cloud-credential", () => {
  it("reports the AWS key pair of the bad fixture, each at its line", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine, f.severity]), [
      ["AWS access key ID", 2, "high"],
      ["AWS secret access key", 3, "critical"],
    ]);
  });

  it("finds a Google Cloud service account key file and reports it once, not also as a bare private key", async () => {
    const key = t("«pem:PRIVATE KEY|20|\\n»");
    const json = `{\n  "type": "service_account",\n  "project_id": "acme",\n  "private_key_id": "${t("«hex:40»")}",\n  "private_key": "${key}\\n",\n  "client_email": "ci@acme.iam.gserviceaccount.com"\n}\n`;
    const { findings } = await run({ "ci/gcp-key.json": json });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.locations[0]?.startLine]), [["gcp-service-account-key", 5]]);
  });

  it("leaves the AWS documentation's example keys to the example rule", async () => {
    const { findings, outcome } = await run({ "README.md": "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("reads an Azure storage connection string", async () => {
    const { findings } = await run({ "appsettings.json": `{"Storage": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${t("«b64:86»")}==;EndpointSuffix=core.windows.net"}\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["azure-storage-account-key"]);
  });
});
