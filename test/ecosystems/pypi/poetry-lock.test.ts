import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parseToml } from "../../../src/ecosystems/formats/toml.js";
import { readPoetryLock } from "../../../src/ecosystems/pypi/poetry-lock.js";

const FIXTURES = new URL("../../fixtures/lockfiles/poetry/", import.meta.url).pathname;

function read(text: string) {
  return new Map(readPoetryLock(parseToml(text), "poetry.lock").packages.map((p) => [p.name, p]));
}

describe("poetry.lock", () => {
  it("reads the hashes Poetry before 1.0 keeps in [metadata.hashes] (bare sha256 digests)", () => {
    const by = read(readFileSync(`${FIXTURES}pre-1.0-hashes/poetry.lock`, "utf8"));
    assert.deepEqual(by.get("requests")?.hashes, [
      "sha256:502a824f31acdacb3a35b6690b5fbf0bc41d63a24a45c4004352b0242707598e",
      "sha256:7bf2a778576d825600030a110f3c0e3e8edc51dfaafe1c146e39a2027784957b",
    ]);
    assert.equal(by.get("pytest")?.hashes?.length, 2);
    assert.equal(by.get("pytest")?.dev, true);
  });

  it("reads [metadata.files] (Poetry 1.0-1.4) under the package's name as written, whatever its spelling", () => {
    const digest = "c".repeat(64);
    const by = read(`[[package]]\nname = "Zope.Interface"\nversion = "5.4.0"\ncategory = "main"\n\n[metadata]\nlock-version = "1.1"\n\n[metadata.files]\n"zope.interface" = [\n    {file = "zope.interface-5.4.0.tar.gz", hash = "sha256:${digest}"},\n]\n`);
    assert.deepEqual(by.get("zope-interface")?.hashes, [`sha256:${digest}`]);
    // A [metadata.hashes] entry that is not a sha256 digest is not a hash.
    assert.equal(read(`[[package]]\nname = "a"\nversion = "1"\n\n[metadata.hashes]\na = ["not-a-digest"]\n`).get("a")?.hashes, undefined);
  });

  it("gives a git package its repository and the commit Poetry resolved (vcsUrl) beside a plain purl, and keeps it from registry advisories", () => {
    const by = read(readFileSync(`${FIXTURES}git-source/poetry.lock`, "utf8"));
    const git = by.get("internal-utils");
    assert.equal(git?.source, "git");
    assert.equal(git?.vcsUrl, "git+https://github.com/acme/internal-utils.git@5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c");
    assert.equal(git?.purl, "pkg:pypi/internal-utils@0.9.0");
    assert.equal(by.get("local-plugin")?.source, "path");
    assert.equal(by.get("local-plugin")?.vcsUrl, undefined);
    assert.equal(by.get("requests")?.purl, "pkg:pypi/requests@2.31.0");
  });
});
