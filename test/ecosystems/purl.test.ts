import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodePurlComponent, purlFor } from "../../src/ecosystems/purl.js";

describe("package URLs", () => {
  it("follows each type's rules for namespaces, case and encoding", () => {
    const cases: [Parameters<typeof purlFor>, string][] = [
      [["npm", "@Babel/Core", "7.0.0"], "pkg:npm/%40babel/core@7.0.0"],
      [["npm", "left-pad", "1.3.0+build.1"], "pkg:npm/left-pad@1.3.0%2Bbuild.1"],
      [["PyPI", "Zope.Interface", "5.4.0"], "pkg:pypi/zope-interface@5.4.0"],
      [["PyPI", "typing__extensions", "4.10.0"], "pkg:pypi/typing-extensions@4.10.0"],
      [["Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"], "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"],
      [["Go", "github.com/BurntSushi/toml", "1.3.2"], "pkg:golang/github.com/burntsushi/toml@v1.3.2"],
      [["Go", "stdlib", "1.22.3"], "pkg:golang/stdlib@v1.22.3"],
      [["Packagist", "Guzzlehttp/Guzzle", "7.8.1"], "pkg:composer/guzzlehttp/guzzle@7.8.1"],
      [["crates.io", "serde_json", "1.0.0"], "pkg:cargo/serde_json@1.0.0"],
      [["RubyGems", "rack", "3.0.8"], "pkg:gem/rack@3.0.8"],
      [["NuGet", "Newtonsoft.Json", "13.0.1"], "pkg:nuget/Newtonsoft.Json@13.0.1"],
      [["Pub", "http", "1.1.0"], "pkg:pub/http@1.1.0"],
      [["Hex", "Phoenix", "1.7.10"], "pkg:hex/phoenix@1.7.10"],
      [["CRAN", "R6", "2.5.1"], "pkg:cran/R6@2.5.1"],
      [["ConanCenter", "zlib", "1.2.13"], "pkg:conan/zlib@1.2.13"],
      [["SwiftURL", "github.com/apple/swift-nio", "2.62.0"], "pkg:swift/github.com/apple/swift-nio@2.62.0"],
      [["SwiftURL", "mona.LinkedList", "1.2.0"], "pkg:swift/mona/LinkedList@1.2.0"],
      [["npm", "local-lib", ""], "pkg:npm/local-lib"],
    ];
    for (const [args, want] of cases) assert.equal(purlFor(...args), want, args.join(" "));
  });
  it("percent-encodes everything but unreserved characters, as UTF-8", () => {
    assert.equal(encodePurlComponent("a b/c@d:é~"), "a%20b%2Fc%40d%3A%C3%A9~");
  });
});
