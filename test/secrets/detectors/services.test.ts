import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sharedScanner } from "../../../src/secrets/scanner.js";

/** 32 letters and digits, built from parts so no credential-shaped string is committed whole. */
const BODY = `${"Kq7Vz2Lm9Xw4Rt8Y"}${"p3Nb6Hc1Jf5Gd0Sa"}`;

const found = (text: string) => sharedScanner().scanString(text, { path: "config/initializers/chargebee.rb" }).filter((m) => m.detector.id === "chargebee-api-key").map((m) => `${m.verdict}:${m.severity}`);

describe("chargebee-api-key", () => {
  it("is critical for a live site's key and low for a test site's, and needs Chargebee named near it", () => {
    assert.deepEqual(found(`ChargeBee.configure(site: "acme", api_key: "live_${BODY}")\n`), ["secret:critical"]);
    assert.deepEqual(found(`ChargeBee.configure(site: "acme-test", api_key: "test_${BODY}")\n`), ["secret:low"]);
    assert.deepEqual(found(`Billing.configure(api_key: "live_${BODY}")\n`), []);
  });
});

describe("onfido-api-token", () => {
  const token = (prefix: string) => `${prefix}${"Kq7Vz2Lm9Xw"}.${BODY}`;
  const found = (text: string) => sharedScanner().scanString(text, { path: ".env" }).filter((m) => m.detector.id === "onfido-api-token").map((m) => `${m.verdict}:${m.severity}`);

  it("is high for a live token and low for a sandbox one", () => {
    assert.deepEqual(found(`ONFIDO_API_TOKEN=${token("api_live.")}\n`), ["secret:high"]);
    assert.deepEqual(found(`ONFIDO_API_TOKEN=${token("api_sandbox.")}\n`), ["secret:low"]);
  });
});
