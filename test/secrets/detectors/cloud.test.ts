import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sharedScanner } from "../../../src/secrets/scanner.js";

/** A 40-character secret of the AWS shape, made here so no credential-shaped string is committed whole. */
const SECRET = `${"Kq7Vz2Lm9Xw4Rt8Yp3Nb"}${"6Hc1Jf5Gd0Sa/Ue+Wi7Oq"}`.slice(0, 40);

const severityOf = (text: string) => sharedScanner().scanString(text, { path: "config/storage.env" }).filter((m) => m.detector.id === "aws-secret-access-key").map((m) => m.severity);

describe("aws-secret-access-key", () => {
  it("is critical beside an AWS access key id, or alone; medium beside an id AWS never issues (MinIO's STS samples)", () => {
    assert.deepEqual(severityOf(`AWS_ACCESS_KEY_ID=AKIA${"Q3VZ7WLM2XK4RT8Y"}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`), ["critical"]);
    assert.deepEqual(severityOf(`AWS_SECRET_ACCESS_KEY=${SECRET}\n`), ["critical"]);
    assert.deepEqual(severityOf(`<AccessKeyId>Y4RJU1RNFGK48LGO9I2S</AccessKeyId>\n<SecretAccessKey>${SECRET}</SecretAccessKey>\n`), ["medium"]);
  });
});

describe("kubeconfig-user-token", () => {
  const ids = (text: string, path: string): string[] => sharedScanner().scanString(text, { path }).map((m) => `${m.detector.id}:${m.severity}`);
  const token = SECRET.replace(/[+/]/g, "x");

  it("reads a user's token in a kubeconfig as a cluster credential, and the same line elsewhere as a generic secret", () => {
    assert.deepEqual(ids(`users:\n- name: ci\n  user:\n    token: ${token}\n`, "deploy/kubeconfig"), ["kubeconfig-user-token:high"]);
    assert.deepEqual(ids(`auth:\n  token: ${token}\n`, "charts/app/values.yaml"), ["secret-assignment:medium"]);
  });
});
