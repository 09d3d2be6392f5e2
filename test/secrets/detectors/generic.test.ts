import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jwt } from "../../../src/secrets/detectors/generic.js";
import { SecretScanner } from "../../../src/secrets/scanner.js";

const token = (header: object, payload: object): string => `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2lnbmF0dXJlLWJ5dGVzLWhlcmU`;

describe("jwt judgement", () => {
  it("keeps an expired token a finding, at low severity, dated: past its expiry it opens nothing", () => {
    assert.deepEqual(jwt(token({ alg: "HS512", typ: "JWT" }, { accessKey: "AK", exp: 1541811071 })), { verdict: "secret", severity: "low", note: "expired 2018-11-10" });
    assert.deepEqual(jwt(token({ alg: "HS256" }, { sub: "u-1", exp: 4102444800 })), { verdict: "secret" });
    assert.deepEqual(jwt(token({ alg: "HS256" }, { sub: "u-1" })), { verdict: "secret" });
  });

  it("reads the JOSE RFCs' example claims as an example", () => {
    assert.equal(jwt(token({ typ: "JWT", alg: "HS256" }, { iss: "joe", exp: 1300819380, "http://example.com/is_root": true })).verdict, "example");
  });
});

describe("generic assignments in a Helm chart's values", () => {
  it("reports nothing, not even an example, for the name of a Kubernetes Secret or of a key inside it", () => {
    const scanner = new SecretScanner();
    for (const line of ["existingSecret: mysql-credentials", "existingSecretPasswordKey: db-password", "passwordKey: mysql-root-password", "  userPasswordKey: password"]) {
      assert.deepEqual(scanner.scanString(`${line}\n`, { path: "charts/app/values.yaml" }).map((m) => m.detector.id), [], line);
    }
  });
});
