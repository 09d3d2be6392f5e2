import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/long-lived-cloud-credentials.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const steps = (s: string, env = "") => `name: C\non: push\n${env}jobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n${s}`;

describe("workflows/long-lived-cloud-credentials", () => {
  it("reports AWS, Google Cloud and Azure keys from secrets, naming the OIDC way for each", async () => {
    const { findings } = await one(steps("      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2\n        with:\n          aws-access-key-id: ${{ secrets.ID }}\n          aws-secret-access-key: ${{ secrets.KEY }}\n      - uses: google-github-actions/auth@6fc4af4b145ae7821d527454aa9bd537d1f2dc5f # v2.1.7\n        with:\n          credentials_json: ${{ secrets.GCP }}\n      - uses: azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5 # v2.3.0\n        with:\n          creds: ${{ secrets.AZ }}\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["cloud"]]), [[10, "AWS"], [13, "Google Cloud"], [16, "Azure"]]);
    assert.match(findings[0]?.fix ?? "", /role-to-assume/);
    assert.match(findings[1]?.fix ?? "", /workload_identity_provider/);
  });

  it("reports keys in env at any level, once each", async () => {
    const { findings } = await one(steps("      - run: aws s3 ls\n        env:\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.K }}\n", "env:\n  ARM_CLIENT_SECRET: ${{ secrets.ARM }}\n"));
    assert.deepEqual(where(findings), [[4, 22], [11, 34]]);
  });

  it("stays quiet for OIDC logins and for keys not taken from secrets", async () => {
    const { findings } = await one(steps("      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2\n        with:\n          role-to-assume: arn:aws:iam::1:role/r\n          aws-region: us-east-1\n      - run: echo\n        env:\n          AWS_SECRET_ACCESS_KEY: dummy-for-localstack\n"));
    assert.deepEqual(findings, []);
  });
});
