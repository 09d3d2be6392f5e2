// Paths whose credentials are reported at lower confidence: tests, examples, documentation.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lowConfidenceReason } from "../../src/secrets/paths.js";

describe("secret paths: lower confidence", () => {
  it("reads a package's README kept in its metadata as documentation", () => {
    for (const p of ["PyJWT-2.6.0.egg-info/PKG-INFO", "site-packages/joserfc-1.6.5.dist-info/METADATA", "PKG-INFO"]) assert.equal(lowConfidenceReason(p), "documentation", p);
    for (const p of ["src/METADATA", "config/metadata.json"]) assert.equal(lowConfidenceReason(p), undefined, p);
  });

  it("reads files named for examples or tests as such", () => {
    for (const p of ["botocore/data/iam/2010-05-08/examples-1.json", "conf/sample_config.yaml"]) assert.equal(lowConfidenceReason(p), "example", p);
    for (const p of ["contrib/credential/netrc/test.netrc", "config/test.env", "tools/azure-sdk-tools/devtools_testutils/mgmt_settings_fake.py", "pkg/test-helpers/keys.go"]) assert.equal(lowConfidenceReason(p), "test", p);
    for (const p of ["src/exampleservice.py", "config/production.env", "src/testimony.json"]) assert.equal(lowConfidenceReason(p), undefined, p);
  });

  it("reads dummy and fake servers, folders and files as tests", () => {
    for (const p of ["dummyserver/certs/server.key", "src/dummy_data/config.json", "internal/fakes/keys.go", "auth/token_fake.py", "certs/dummy.key", "fake-credentials.json"]) assert.equal(lowConfidenceReason(p), "test", p);
    for (const p of ["src/dummyvalue.go", "fakeroot/etc/app.conf", "src/fakery.py", "lib/fakeredis_settings.py"]) assert.equal(lowConfidenceReason(p), undefined, p);
  });

  it("reads a templates/ folder as examples, unless it is a Helm chart's: its manifests are deployed", () => {
    for (const p of ["charts/app/templates/secret.yaml", "helm/templates/deployment.yaml", "deploy/charts/api/templates/_helpers.tpl"]) assert.equal(lowConfidenceReason(p), undefined, p);
    const charts = new Set(["deploy/api", ""]);
    assert.equal(lowConfidenceReason("deploy/api/templates/configmap.yaml", (dir) => charts.has(dir)), undefined);
    assert.equal(lowConfidenceReason("templates/configmap.yaml", (dir) => charts.has(dir)), undefined, "a chart at the repository's root");
    for (const p of ["templates/config.yml", "src/templates/settings.py", "project/templates/app.env"]) assert.equal(lowConfidenceReason(p, () => false), "example", p);
    assert.equal(lowConfidenceReason("charts/app/templates/values.example.yaml"), "example", "a file named for an example still is one");
    assert.equal(lowConfidenceReason("charts/app/templates/tests/test-connection.yaml"), "test");
  });
});
