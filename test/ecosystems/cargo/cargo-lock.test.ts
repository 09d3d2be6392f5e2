import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { matchPackage } from "../../../src/advisories/match.js";
import { MemoryAdvisoryDatabase } from "../../../src/advisories/memory.js";
import { readOsvRecord } from "../../../src/advisories/osv-record.js";
import { makeTextFile } from "../../../src/core/text-file.js";
import { readCargoLock } from "../../../src/ecosystems/cargo/cargo-lock.js";
import { tomlParser } from "../../../src/ecosystems/formats/toml.js";

function read(text: string) {
  const file = makeTextFile("Cargo.lock", new TextEncoder().encode(text));
  return readCargoLock(tomlParser.parse(file), file.path);
}

describe("Cargo.lock", () => {
  it("keeps a crate whose version is missing or not a string, unversioned, rather than dropping it unseen", () => {
    const registry = 'source = "registry+https://github.com/rust-lang/crates.io-index"';
    const lf = read(`version = 3\n\n[[package]]\nname = "smallvec"\nversion = "0.6.9"\n${registry}\n\n[[package]]\nname = "time"\nversion = 1\n${registry}\n\n[[package]]\nname = "regex"\n${registry}\n`);
    assert.deepEqual(lf.packages.map((p) => [p.name, p.version, p.line]), [["smallvec", "0.6.9", 3], ["time", "", 8], ["regex", "", 13]]);
  });
});

describe("Cargo.lock sources", () => {
  const FIXTURE = new URL("../../fixtures/lockfiles/cargo-lock/alt-registry/Cargo.lock", import.meta.url);
  const lf = read(readFileSync(FIXTURE, "utf8"));
  const by = new Map(lf.packages.map((p) => [p.name, p]));

  it("takes crates of another registry (git or sparse index) for that registry's own, not crates.io's", () => {
    assert.deepEqual(["acme-auth", "acme-telemetry", "serde", "time"].map((n) => by.get(n)?.source), ["private", "private", "registry", "registry"]);
    // The purl says where it comes from, without any credentials the index URL could carry.
    assert.equal(by.get("acme-auth")?.purl, "pkg:cargo/acme-auth@1.2.3?repository_url=https%3A%2F%2Fgit.acme.example%2Frust%2Fcrates-index");
    assert.equal(by.get("serde")?.purl, "pkg:cargo/serde@1.0.210");
    const token = read('version = 3\n\n[[package]]\nname = "x"\nversion = "1.0.0"\nsource = "sparse+https://user:s3cret@cargo.acme.example/index/"\n');
    assert.equal(token.packages[0]?.purl, "pkg:cargo/x@1.0.0?repository_url=https%3A%2F%2Fcargo.acme.example%2Findex%2F");
  });

  it("knows crates.io by its sparse index URL as well as its git index", () => {
    const sparse = read('version = 3\n\n[[package]]\nname = "time"\nversion = "0.3.36"\nsource = "sparse+https://index.crates.io/"\n\n[[package]]\nname = "log"\nversion = "0.4.20"\nsource = "registry+https://github.com/rust-lang/crates.io-index.git"\n');
    assert.deepEqual(sparse.packages.map((p) => [p.name, p.source, p.purl]), [["time", "registry", "pkg:cargo/time@0.3.36"], ["log", "registry", "pkg:cargo/log@0.4.20"]]);
  });

  it("matches crates.io's advisories to crates.io crates only", () => {
    const advisory = (name: string) => readOsvRecord({
      id: `RUSTSEC-2099-${name}`,
      modified: "2024-01-01T00:00:00Z",
      affected: [{ package: { ecosystem: "crates.io", name }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }],
    });
    const db = new MemoryAdvisoryDatabase(["acme-auth", "acme-telemetry", "serde", "time"].map(advisory));
    assert.deepEqual(lf.packages.filter((p) => matchPackage(db, p).length > 0).map((p) => p.name).sort(), ["serde", "time"]);
  });

  it("keeps a crate locked from crates.io and from another registry at one version as the crates.io crate", () => {
    const text = 'version = 3\n\n[[package]]\nname = "log"\nversion = "0.4.20"\nsource = "registry+https://git.acme.example/index"\n\n[[package]]\nname = "log"\nversion = "0.4.20"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';
    const log = read(text).packages;
    assert.deepEqual(log.map((p) => [p.source, p.purl]), [["registry", "pkg:cargo/log@0.4.20"]]);
  });

  it("reads git crates as git and workspace or path crates as no dependency at all", () => {
    assert.equal(by.get("ledger-core"), undefined);
    assert.equal(by.get("billing"), undefined);
    const git = read('version = 3\n\n[[package]]\nname = "g"\nversion = "0.1.0"\nsource = "git+https://github.com/acme/g?branch=main#0123456789abcdef0123456789abcdef01234567"\n');
    assert.equal(git.packages[0]?.source, "git");
  });
});
