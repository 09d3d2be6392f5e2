import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { swiftUrlName } from "../../../src/ecosystems/swift/swift-url.js";

describe("SwiftURL names", () => {
  it("drops the scheme, the user, .git and trailing slashes, and keeps letter case", () => {
    const cases: [string, string][] = [
      ["https://github.com/apple/swift-nio.git", "github.com/apple/swift-nio"],
      ["https://github.com/Alamofire/Alamofire", "github.com/Alamofire/Alamofire"],
      ["git@github.com:apple/swift-nio.git", "github.com/apple/swift-nio"],
      ["ssh://git@github.com/apple/swift-nio.git/", "github.com/apple/swift-nio"],
      ["https://gitlab.example.com:8443/team/kit.git", "gitlab.example.com:8443/team/kit"],
      ["github.com/apple/swift-nio", "github.com/apple/swift-nio"],
    ];
    for (const [url, name] of cases) assert.equal(swiftUrlName(url), name, url);
  });

  it("reads hostile input in linear time", () => {
    assert.equal(swiftUrlName(`https://h/${"/".repeat(1_000_000)}`), "h");
    assert.equal(swiftUrlName("@".repeat(1_000_000)).length, 999_999);
  });
});
