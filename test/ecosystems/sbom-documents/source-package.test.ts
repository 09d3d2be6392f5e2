import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spdxSourceInfo, trivySource } from "../../../src/ecosystems/sbom-documents/source-package.js";

describe("source packages named beside an SBOM's binary packages", () => {
  it("formats Trivy's source version as the distribution writes it: epoch (not 0), version, release", () => {
    const props = (p: Record<string, string>) => (name: string) => p[name.replace("aquasecurity:trivy:", "")];
    assert.deepEqual(trivySource(props({ SrcName: "openssl", SrcVersion: "3.0.7", SrcRelease: "27.el9", SrcEpoch: "1" })), { name: "openssl", version: "1:3.0.7-27.el9" });
    assert.deepEqual(trivySource(props({ SrcName: "glibc", SrcVersion: "2.36", SrcRelease: "9+deb12u4", SrcEpoch: "0" })), { name: "glibc", version: "2.36-9+deb12u4" });
    assert.deepEqual(trivySource(props({ SrcName: "zlib" })), { name: "zlib" });
    assert.equal(trivySource(props({ SrcVersion: "1.0" })), undefined);
  });

  it("reads SPDX source information only in the `built package from:` form", () => {
    assert.deepEqual(spdxSourceInfo("built package from: pax-utils 1.3.3-r0"), { name: "pax-utils", version: "1.3.3-r0" });
    assert.deepEqual(spdxSourceInfo("built package from: openssl"), { name: "openssl" });
    assert.equal(spdxSourceInfo("acquired package info from DPKG DB: /var/lib/dpkg/status"), undefined);
    assert.equal(spdxSourceInfo(undefined), undefined);
  });
});
