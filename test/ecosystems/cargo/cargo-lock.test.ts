import assert from "node:assert/strict";
import { describe, it } from "node:test";
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
