// Which scripts run the workspace's code: tools where a command stands, pip only for local
// installs, and words an attacker writes cannot make the reading slow.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runsWorkspaceCode } from "../../../../src/rules/workflows/lib/runs-code.js";

describe("runsWorkspaceCode", () => {
  it("counts a tool where a command stands, not a tool's name inside an argument", () => {
    assert.equal(runsWorkspaceCode("npm ci && npm test"), true);
    assert.equal(runsWorkspaceCode("./gradlew build"), true);
    assert.equal(runsWorkspaceCode("aws s3 cp s3://bucket/npm/x.tgz ."), false);
    assert.equal(runsWorkspaceCode('echo "go home"'), false);
  });

  it("counts checkers and site builders that load code their configuration names, not those that only read", () => {
    for (const c of ["mypy src", "pylint pkg", "flake8 .", "prettier --check .", "rubocop", "golangci-lint run", "sphinx-build docs _build", "mkdocs build --strict", "jekyll build"]) assert.equal(runsWorkspaceCode(c), true, c);
    for (const c of ["ruff check .", "black --check .", "shellcheck scripts/*.sh", "pip install mypy==1.11.0"]) assert.equal(runsWorkspaceCode(c), false, c);
  });

  it("counts pip for local installs only", () => {
    assert.equal(runsWorkspaceCode("pip install requests 'black[d]==24.1' \"pytest>=8,<9\""), false);
    assert.equal(runsWorkspaceCode("pip install -e ."), true);
    assert.equal(runsWorkspaceCode("pip install -r requirements.txt"), true);
    assert.equal(runsWorkspaceCode("pip install dist/pkg-1.0-py3-none-any.whl"), true);
    assert.equal(runsWorkspaceCode(`pip install "pkg>=8,"`), true, "a requirement pip would not read as one is not trusted as the index's");
  });

  it("reads a requirement made of operators and commas (a word that once backtracked for minutes)", () => {
    // How its cost grows is bench/hostile.bench.ts's "pip requirement" case; here, the verdict.
    for (const word of [`a==${",=".repeat(400)}`, `a=${",<".repeat(400)}x`, `a==${"1,==".repeat(400)}`]) {
      assert.equal(runsWorkspaceCode(`pip install ${word}`), true);
    }
  });
});
