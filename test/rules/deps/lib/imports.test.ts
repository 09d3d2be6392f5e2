import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { npmPackageOf, pythonModulesOf } from "../../../../src/rules/deps/lib/imports.js";

describe("pythonModulesOf", () => {
  it("names the modules of distributions imported under another name", () => {
    assert.deepEqual(pythonModulesOf("GitPython"), ["git"]);
    assert.deepEqual(pythonModulesOf("grpcio"), ["grpc"]);
    assert.deepEqual(pythonModulesOf("tensorflow-gpu"), ["tensorflow"]);
    assert.deepEqual(pythonModulesOf("PyYAML"), ["yaml"]);
  });

  it("reads a python- prefix as naming the language, not the module", () => {
    assert.deepEqual(pythonModulesOf("python-gnupg"), ["python_gnupg", "gnupg"]);
    assert.deepEqual(pythonModulesOf("python_dotenv"), ["python_dotenv", "dotenv"]);
  });

  it("imports a namespace distribution through its namespace", () => {
    assert.ok(pythonModulesOf("google-cloud-storage").includes("google"));
    assert.ok(pythonModulesOf("zope.interface").includes("zope"));
    assert.ok(pythonModulesOf("apache-airflow-providers-http").includes("airflow"));
  });

  it("keeps the plain name with `_` for everything else", () => {
    assert.deepEqual(pythonModulesOf("Flask-Cors"), ["flask_cors"]);
    assert.deepEqual(pythonModulesOf("requests"), ["requests"]);
  });
});

describe("npmPackageOf", () => {
  it("names the package of bare, scoped and deep specifiers, and nothing for paths, built-ins and URLs", () => {
    assert.equal(npmPackageOf("lodash/fp"), "lodash");
    assert.equal(npmPackageOf("@babel/core/lib/x"), "@babel/core");
    assert.equal(npmPackageOf("./local"), undefined);
    assert.equal(npmPackageOf("node:fs"), undefined);
    assert.equal(npmPackageOf("https://esm.sh/lodash"), undefined);
  });

  it("reads Deno's npm: specifiers, with or without a version and a subpath", () => {
    assert.equal(npmPackageOf("npm:lodash@4.17.15"), "lodash");
    assert.equal(npmPackageOf("npm:lodash"), "lodash");
    assert.equal(npmPackageOf("npm:/lodash@4/fp"), "lodash");
    assert.equal(npmPackageOf("npm:@scope/pkg@^1.2.0/sub"), "@scope/pkg");
    assert.equal(npmPackageOf("npm:@scope"), undefined);
    assert.equal(npmPackageOf("jsr:@std/assert@1"), undefined);
  });
});
