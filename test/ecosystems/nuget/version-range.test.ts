import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeNugetVersion, pinnedNugetVersion } from "../../../src/ecosystems/nuget/version-range.js";

describe("NuGet version requirements", () => {
  it("pins plain versions (the lowest match is installed) and exact brackets, normalised", () => {
    const cases: [string, string | undefined][] = [
      ["13.0.1", "13.0.1"],
      [" 1.0 ", "1.0.0"],
      ["[8.2.0]", "8.2.0"],
      ["[ 8.2.0 ]", "8.2.0"],
      ["[1.2.3, 1.2.3]", "1.2.3"],
      ["6.0.0.0", "6.0.0"],
      ["1.2.3.4", "1.2.3.4"],
      ["01.02.03", "1.2.3"],
      ["2.0.0-beta.1+sha.abc", "2.0.0-beta.1"],
      ["[1.0,2.0)", undefined],
      ["(1.0,)", undefined],
      ["[1.0,)", undefined],
      ["[1.0,1.5]", undefined],
      ["(,2.0]", undefined],
      ["1.*", undefined],
      ["1.0.*", undefined],
      ["*", undefined],
      ["1.0.0-*", undefined],
      ["$(Version)", undefined],
      ["", undefined],
      ["latest", undefined],
    ];
    for (const [spec, want] of cases) assert.equal(pinnedNugetVersion(spec), want, spec);
  });

  it("leaves text that is not a version as written", () => {
    assert.equal(normalizeNugetVersion(" abc "), "abc");
    assert.equal(normalizeNugetVersion("1.0.0"), "1.0.0");
  });
});
