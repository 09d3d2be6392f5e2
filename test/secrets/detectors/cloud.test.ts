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

describe("google-api-key", () => {
  // Built here from parts, so no credential-shaped string is committed whole.
  const key = `AIza${"Sy9Kq7Vz2Lm"}${"Xw4Rt8Yp3Nb6Hc1Jf5Gd0S"}aQ`;
  const found = (text: string, path = "src/config.js") => sharedScanner().scanString(text, { path }).filter((m) => m.detector.id === "google-api-key").map((m) => `${m.verdict}:${m.severity}`);

  it("reports a browser or app key (Firebase, Maps) at medium, below the default gate", () => {
    assert.deepEqual(found(`const firebaseConfig = { apiKey: "${key}", authDomain: "acme.firebaseapp.com" };\n`), ["secret:medium"]);
    assert.deepEqual(found(`<script src="https://maps.googleapis.com/maps/api/js?key=${key}"></script>\n`, "public/index.html"), ["secret:medium"]);
  });

  it("reports a key named or used for Gemini at high: it bills every call", () => {
    assert.deepEqual(found(`GEMINI_API_KEY=${key}\n`, ".env"), ["secret:high"]);
    assert.deepEqual(found(`import google.generativeai as genai\ngenai.configure(api_key="${key}")\n`, "app.py"), ["secret:high"]);
  });
});

describe("azure-annotated-key", () => {
  const body = `${"Kq7Vz2Lm9Xw4Rt8Yp3Nb6Hc1Jf5Gd0Sa"}${"Ue7WiOq2Zx4Cv8Bn1Ml3"}`;
  const ids = (text: string) => sharedScanner().scanString(text, { path: "app.py" }).filter((m) => m.verdict === "secret").map((m) => m.detector.id);

  it("names an Azure AI services key by its ACOG signature, and leaves an Azure DevOps token (AZDO) to azure-devops-pat alone", () => {
    const ai = sharedScanner().scanString(`key = "${body}JQQJ99BCACYeBjFXJ3w3AAAFACOGx0Zq"\n`, { path: "app.py" }).find((m) => m.detector.id === "azure-annotated-key");
    assert.match(ai?.note ?? "", /Azure AI services/);
    assert.deepEqual(ids(`pat = "${body}JQQJ99BCACYeBjFXJ3w3AAAFAZDOx0Zq"\n`), ["azure-devops-pat"]);
  });
});
