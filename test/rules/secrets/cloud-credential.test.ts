import assert from "node:assert/strict";
import { rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { RULES } from "../../../src/rules/index.js";
import { rule } from "../../../src/rules/secrets/cloud-credential.js";
import { FIXTURE_NOW, fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";
import { git, tmpRepo } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const t = tokens(21);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A random 40-character secret key, both cases of letters present as in every key AWS issues. */
function secretKey(): string {
  for (;;) {
    const s = t("«b64:40»");
    if (/[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
  }
}

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

  it("reports the secret key passed beside its key id, positionally or by keyword, and prints it in no finding", async () => {
    const id = `AKIA${t("«b32:16»")}`;
    const keys = Array.from({ length: 7 }, secretKey);
    const { findings, assessment } = await run({
      "cmd/main.go": `creds := credentials.NewStaticCredentials("${id}", "${keys[0]}", "")\n`,
      "src/S3.java": `AWSCredentials c = new BasicAWSCredentials("${id}", "${keys[1]}");\n`,
      "lib/store.rb": `creds = Aws::Credentials.new('${id}', '${keys[2]}')\ns3 = Aws::S3::Client.new(access_key_id: '${id}', secret_access_key: '${keys[3]}')\n`,
      "src/Program.cs": `var creds = new BasicAWSCredentials("${id}", "${keys[4]}");\n`,
      "app/upload.py": `session = boto3.Session("${id}", "${keys[5]}")\nclient = boto3.client("s3", aws_access_key_id="${id}", aws_secret_access_key="${keys[6]}")\n`,
    });
    const reported = new Set(findings.filter((f) => f.evidence.detector !== "aws-access-key-id").map((f) => `${f.locations[0]!.path}:${f.locations[0]!.startLine}`));
    assert.deepEqual([...reported].sort(), ["app/upload.py:1", "app/upload.py:2", "cmd/main.go:1", "lib/store.rb:1", "lib/store.rb:2", "src/Program.cs:1", "src/S3.java:1"]);
    assert.ok(findings.every((f) => f.severity === (f.evidence.detector === "aws-access-key-id" ? "high" : "critical")));
    // The key id's finding quotes the same line: no snippet, message or evidence of any output carries a secret key.
    const out = JSON.stringify(assessment);
    for (const k of keys) assert.ok(!out.includes(k) && !out.includes(k.slice(4)), `a secret key is printed: ${k.slice(0, 4)}…`);
  });

  it("masks the secret beside a key id in a removed file's history finding too", async () => {
    const id = `AKIA${t("«b32:16»")}`;
    const key = secretKey();
    const repo = tmpRepo({ "main.go": `creds := credentials.NewStaticCredentials("${id}", "${key}", "")\n` });
    dirs.push(repo);
    unlinkSync(join(repo, "main.go"));
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "remove the keys");
    const a = await scan({ path: repo, policy: defaultPolicy(), rules: RULES.filter((r) => r.meta.id.startsWith("secrets/")), now: FIXTURE_NOW, history: {} });
    assert.deepEqual(a.findings.map((f) => [f.evidence.detector, f.evidence.presentAtHead]).sort(), [["aws-access-key-id", false], ["aws-secret-access-key-paired", false]]);
    assert.ok(!JSON.stringify(a).includes(key.slice(4)));
  });

  it("reads a legacy A3T key id: 20 characters, as every key id", async () => {
    const { findings } = await run({ ".aws/credentials": `[default]\naws_access_key_id = A3TX${t("«b32:16»")}\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["aws-access-key-id"]);
  });
});
