import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stdlibSemver } from "../../../src/ecosystems/go/toolchain-version.js";

// Go toolchain names (https://go.dev/doc/toolchain#version) as the Go vulnerability database's SemVer.
describe("stdlibSemver", () => {
  it("keeps released versions and turns pre-releases into SemVer pre-releases", () => {
    assert.equal(stdlibSemver("1.21.3"), "1.21.3");
    assert.equal(stdlibSemver("1.21rc2"), "1.21.0-rc.2");
    assert.equal(stdlibSemver("1.20beta1"), "1.20.0-beta.1");
  });

  it("reads a version without a patch number as the newest patch of its line, as osv-scanner does", () => {
    assert.equal(stdlibSemver("1.20"), "1.20.99");
    assert.equal(stdlibSemver("1.16"), "1.16.99");
  });

  it("leaves what is not a toolchain version alone", () => {
    assert.equal(stdlibSemver("1"), "1");
    assert.equal(stdlibSemver("default"), "default");
    assert.equal(stdlibSemver(`1.${"9".repeat(20)}`), `1.${"9".repeat(20)}`);
  });
});
