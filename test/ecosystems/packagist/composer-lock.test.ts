import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readOsvRecord } from "../../../src/advisories/osv-record.js";
import { parseJson } from "../../../src/ecosystems/formats/json.js";
import { isComposerBranch, readComposerLock } from "../../../src/ecosystems/packagist/composer-lock.js";

const FIXTURES = new URL("../../fixtures/lockfiles/composer-lock/", import.meta.url).pathname;
const read = (c: string) => readComposerLock(parseJson(readFileSync(`${FIXTURES}${c}/composer.lock`, "utf8")), "composer.lock");

/** A record, written here, whose range starts at 0: every release below 9.0.0 of the package is affected. */
function db(name: string): MemoryAdvisoryDatabase {
  const record = readOsvRecord({
    id: "TEST-2024-0001",
    modified: "2024-01-01T00:00:00Z",
    affected: [{ package: { ecosystem: "Packagist", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "9.0.0" }] }] }],
  });
  return new MemoryAdvisoryDatabase([record]);
}

describe("composer.lock", () => {
  it("knows branch versions from releases", () => {
    for (const v of ["dev-main", "dev-fix/timeout", "1.x-dev", "2.0.x-dev", "v3.x-dev"]) assert.ok(isComposerBranch(v), v);
    for (const v of ["1.0.0", "v2.4.1", "1.0.0-beta2", "2.0.0-RC1", "developer"]) assert.ok(!isComposerBranch(v), v);
  });

  it("lists a branch as a checkout of its repository at the locked commit, a release as the registry's", () => {
    const by = new Map(read("branches").packages.map((p) => [p.name, p]));
    assert.equal(by.get("acme/http-kit")?.version, "dev-main", "the version stays as written, as osv-scalibr lists it");
    assert.equal(by.get("acme/http-kit")?.source, "git");
    assert.equal(by.get("acme/http-kit")?.vcsUrl, "git+https://github.com/acme/http-kit.git@5c1e7a9b3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f00");
    assert.equal(by.get("acme/legacy-orm")?.source, "git");
    assert.equal(by.get("acme/test-helpers")?.source, "git");
    assert.equal(by.get("acme/templating")?.source, "registry");
  });

  it("never matches a branch against an advisory's range: it is neither version 0 nor the newest", () => {
    const lf = read("branches");
    const p = (name: string) => lf.packages.find((x) => x.name === name)!;
    assert.deepEqual(matchPackage(db("acme/http-kit"), p("acme/http-kit")), []);
    assert.deepEqual(matchPackage(db("acme/legacy-orm"), p("acme/legacy-orm")), []);
    assert.deepEqual(matchPackage(db("acme/templating"), p("acme/templating")).map((m) => m.id), ["TEST-2024-0001"]);
  });

  it("matches a release whatever host served its archive: Magento's repository, Private Packagist, GitLab, a mirror", () => {
    const pkg = (name: string, url: string) => ({ name, version: "2.3.2", dist: { type: "zip", url, reference: "0123456789abcdef0123456789abcdef01234567", shasum: "" } });
    const lock = {
      packages: [
        pkg("magento/product-community-edition", "https://repo.magento.com/archives/magento/product-community-edition/magento-product-community-edition-2.3.2.0.zip"),
        pkg("acme/internal", "https://repo.packagist.com/acme/dists/acme/internal/2.3.2.0/0123456789abcdef.zip"),
        pkg("acme/gitlab-hosted", "https://gitlab.com/api/v4/projects/123/repository/archive.zip?sha=0123456789abcdef"),
      ],
      "packages-dev": [],
    };
    const lf = readComposerLock(parseJson(JSON.stringify(lock, null, 4)), "composer.lock");
    for (const p of lf.packages) {
      assert.equal(p.source, "registry", p.name);
      assert.deepEqual(matchPackage(db(p.name), p).map((m) => m.id), ["TEST-2024-0001"], p.name);
    }
  });
});
