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

describe("severity of credential files", () => {
  const scanner = new SecretScanner();
  const found = (text: string, path: string): [string, string][] => scanner.scanString(text, { path }).map((m) => [m.detector.id, m.severity]);
  const pw = ["Qm7", "xT2", "vLp9", "Rw4", "nZ8k"].join("");

  it("reads a URL in git's credential store as a credential that pushes: high, where a URL in a script is medium", () => {
    assert.deepEqual(found(`https://deployer:${pw}@git.corp.lan\n`, ".git-credentials"), [["url-credentials", "high"]]);
    assert.deepEqual(found(`git clone https://deployer:${pw}@git.corp.lan/app.git\n`, "scripts/clone.sh"), [["url-credentials", "medium"]]);
  });

  it("reports an OpenVPN key inside a profile's <tls-auth> at medium, a bare static key at high", () => {
    const key = `-----BEGIN OpenVPN Static key V1-----\n${Array.from({ length: 16 }, (_, i) => Buffer.from(`${pw}${i}`).toString("hex").padEnd(32, "a1b2c3d4e5f60789").slice(0, 32)).join("\n")}\n-----END OpenVPN Static key V1-----`;
    assert.deepEqual(found(`client\n<tls-auth>\n#\n# 2048 bit OpenVPN static key\n#\n${key}\n</tls-auth>\n`, "client.ovpn"), [["openvpn-static-key", "medium"]]);
    assert.deepEqual(found(`${key}\n`, "ta.key"), [["openvpn-static-key", "high"]]);
  });

  it("reports Laravel's APP_KEY in phpunit.xml (the test suite's) at low severity, in .env at high", () => {
    const key = `base64:${Buffer.from(pw.repeat(3)).toString("base64").slice(0, 43)}=`;
    assert.deepEqual(found(`<env name="APP_KEY" value="${key}"/>\n`, "phpunit.xml"), [["laravel-app-key", "low"]]);
    assert.deepEqual(found(`APP_KEY=${key}\n`, ".env"), [["laravel-app-key", "high"]]);
  });

  it("reports the development and test keys of Rails' generated secrets.yml at low severity, production's at high", () => {
    const hex = Buffer.from(pw.repeat(5)).toString("hex").slice(0, 128);
    const yml = `development:\n  secret_key_base: ${hex}\n\ntest:\n  # comment\n  secret_key_base: ${hex.split("").reverse().join("")}\n\nproduction:\n  secret_key_base: ${hex.slice(64)}${hex.slice(0, 64)}\n`;
    assert.deepEqual(found(yml, "config/secrets.yml"), [["rails-secret-key-base", "low"], ["rails-secret-key-base", "low"], ["rails-secret-key-base", "high"]]);
  });

  it("reports an htpasswd file's {SHA} and $apr1$ hashes at low severity only", () => {
    assert.deepEqual(found(`ops:$apr1$Xq3Lm9Zt$${"a1B2c3D4e5F6g7H8i9J0kL".slice(0, 22)}\n`, ".htpasswd"), [["htpasswd-weak-hash", "low"]]);
  });

  it("reports the same hashes in ingress-nginx's basic auth Secret at low severity, as the htpasswd file is", () => {
    const line = `ops:$apr1$Xq3Lm9Zt$${"a1B2c3D4e5F6g7H8i9J0kL".slice(0, 22)}\n`;
    const secret = `apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  auth: ${Buffer.from(line).toString("base64")}\n`;
    assert.deepEqual(found(secret, "deploy/basic-auth.yaml"), [["kubernetes-secret-manifest", "low"]]);
  });
});

describe("a .netrc entry for Heroku", () => {
  it("is Heroku's API key (cloud), where any other host's password stays a generic netrc finding", () => {
    const scanner = new SecretScanner();
    const key = ["8ae0c78e", "7818", "4406", "ac07", "bbff2ec9b9bf"].join("-");
    const ids = (host: string): string[] => scanner.scanString(`machine ${host}\n  login me@corp.io\n  password ${key}\n`, { path: ".netrc" }).map((m) => `${m.detector.id}:${m.detector.category}`);
    assert.deepEqual(ids("api.heroku.com"), ["heroku-netrc-api-key:cloud"]);
    assert.deepEqual(ids("api.corp.lan"), ["netrc-password:generic"]);
  });
});
