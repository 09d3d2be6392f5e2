import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/deps/unpinned-requirement.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("deps/unpinned-requirement", () => {
  it("reports each requirement that pins nothing, at its line", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.message, f.locations[0]?.startLine]), [
      ["requests >=2.31 in requirements.txt pins no version: what gets installed changes from day to day, and advisories cannot be matched against it", 2],
      ["flask in requirements.txt pins no version at all: what gets installed changes from day to day, and advisories cannot be matched against it", 3],
    ]);
  });

  it("leaves the requirements of vendored copies of other projects alone", async () => {
    const { findings } = await run({
      "requirements.txt": "flask\n",
      "third_party/requests/requirements-dev.txt": "pytest\n",
      "lib/vendor/boto/requirements.txt": "six>=1\n",
      "web/node_modules/x/requirements.txt": "click\n",
      "gslib/vendored/oauth/requirements.txt": "httplib2\n",
      "pip/_vendor/x/requirements.txt": "idna\n",
    });
    assert.deepEqual(findings.map((f) => f.locations[0]?.path), ["requirements.txt"]);
  });

  it("names the included file a loose requirement is written in", async () => {
    const { findings } = await run({ "requirements.txt": "-r base.txt\nrequests==2.32.3\n", "base.txt": "django>=4\n" });
    assert.deepEqual(findings.map((f) => f.locations[0]), [{ path: "base.txt", startLine: 1 }]);
  });

  it("reports a line once when two requirements files include it, and tells a moving reference from one pinned to a commit or a hash", async () => {
    const sha = "b3a767f336e20600f30c9ff78385a58352ff6ee3";
    const { findings } = await run({
      "dev-requirements.txt": `trustme @ git+https://github.com/python-trio/trustme@${sha}\nhypercorn @ git+https://github.com/acme/hypercorn@fixes-branch\nwheelhouse @ https://files.example.org/w-1.0.tar.gz#sha256=${"a".repeat(64)}\nidna>=2\n`,
      "docs/requirements.txt": "-r ../dev-requirements.txt\nsphinx==7.2.6\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["dev-requirements.txt", 2], ["dev-requirements.txt", 4]]);
    assert.match(findings[0]?.message ?? "", /^hypercorn in dev-requirements\.txt is installed from `git\+https:\/\/github\.com\/acme\/hypercorn@fixes-branch`, a branch, tag or archive that can change/);
  });

  it("reports NuGet ranges, floating versions and versions it cannot resolve, with NuGet's fix", async () => {
    const { findings } = await run({
      "App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Serilog" Version="3.*" />\n    <PackageReference Include="Polly" Version="[8.2.0]" />\n    <PackageReference Include="Moq" Version="$(MoqVersion)" />\n  </ItemGroup>\n</Project>\n',
    });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.locations[0]?.startLine]), [["Serilog", 3], ["Moq", 5]]);
    assert.match(findings[0]?.message ?? "", /^Serilog 3\.\* in App\/App\.csproj pins no version/);
    assert.match(findings[0]?.fix ?? "", /^pin it: Version="<the version you test with>"/);
    assert.match(findings[1]?.message ?? "", /takes its version from `\$\(MoqVersion\)`, which could not be resolved offline/);
    assert.deepEqual(findings.map((f) => f.confidence), ["high", "low"], "a property assay cannot see is not known to be loose");
  });

  it("reports a loose central NuGet version once, in Directory.Packages.props, however many projects use it", async () => {
    const project = '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Dapper" /></ItemGroup></Project>';
    const { findings } = await run({ "Directory.Packages.props": '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Dapper" Version="2.*" />\n  </ItemGroup>\n</Project>\n', "A/A.csproj": project, "B/B.csproj": project });
    assert.deepEqual(findings.map((f) => [f.evidence.package, f.locations[0]]), [["Dapper", { path: "Directory.Packages.props", startLine: 3 }]]);
  });

  it("is not applicable without lockfiles and stays quiet on pinned ones", async () => {
    assert.equal((await run({ "README.md": "# x\n" })).outcome, "not-applicable");
    assert.equal((await run({ "requirements.txt": "requests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\n" })).outcome, "pass");
  });
});
