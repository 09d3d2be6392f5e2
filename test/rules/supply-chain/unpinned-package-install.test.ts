import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findUnpinnedInstalls } from "../../../src/rules/supply-chain/lib/installs.js";
import { rule } from "../../../src/rules/supply-chain/unpinned-package-install.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const found = (s: string, npm = true): string[] => findUnpinnedInstalls(s, { npm }).map((f) => `${f.ecosystem}:${f.what}`);

describe("supply-chain/unpinned-package-install", () => {
  it("weighs only the pip installs Scorecard reads as such (pip, pip3, python -m pip); uv pip and pipx are shown beside the score", async () => {
    const { findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "scorecard-pip-forms"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.dependency]), [[11, "pip"], [12, "pip"], [13, "other-install"], [14, "other-install"]]);
    assert.deepEqual(assessment.rules.find((r) => r.id === rule.meta.id)?.dependencies, { pip: 2, "other-install": 2 });
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.equal(check?.score, 0);
    assert.match(check?.reason ?? "", /pinned: 0\/2 pip installs; not weighed, as Scorecard does not count them: 0\/2 /);
  });

  it("counts pinned installs too (npm ci, hashed pip, go install at a version), so Pinned-Dependencies scores the pinned share per ecosystem as Scorecard does", async () => {
    const { findings, assessment } = await run({
      ".github/workflows/ci.yml": "name: C\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm install\n      - run: pip install --require-hashes -r requirements.txt\n      - run: go install golang.org/x/vuln/cmd/govulncheck@v1.1.4\n      - run: go install golang.org/x/tools/cmd/goimports@latest\n      - run: make test\n",
    });
    assert.deepEqual(findings.map((f) => f.dependency), ["npm", "go"]);
    assert.deepEqual(assessment.rules[0]?.dependencies, { npm: 2, pip: 1, go: 2 });
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    // 1/2 npm, 1/1 pip, 1/2 go, each weight 10: 30/50 = 6
    assert.equal(check?.score, 6);
    assert.match(check?.reason ?? "", /pinned: 1\/1 pip installs, 1\/2 npm installs, 1\/2 go installs/);
  });

  it("shows installs in Makefiles and PowerShell beside the score without weighing them, as Scorecard reads neither", async () => {
    const { findings, assessment } = await run({
      ".github/workflows/ci.yml": "name: C\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n",
      Makefile: "install:\n\tpip install requests\n",
      "setup.ps1": "pip install requests\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency]), [["Makefile", "other-install"], ["setup.ps1", "other-install"]]);
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [10, "pinned: 1/1 npm installs; not weighed, as Scorecard does not count them: 0/2 installs where Scorecard does not look (Makefiles, PowerShell, the repository's own actions, other shells, test data, Containerfiles) or that it does not read as installs (uv pip, pipx)"]);
  });

  it("keeps a flag that starts a Makefile recipe's continued line: `-r` there is pip's, not make's ignore-errors prefix", async () => {
    const { findings } = await run({ Makefile: "deps:\n\t-pip install --upgrade \\\n\t    -r requirements/dev.txt \\\n\t    -r requirements/prod.txt\n" });
    assert.deepEqual(
      findings.map((f) => f.message),
      ["pip install -r requirements/dev.txt -r requirements/prod.txt does not check hashes"],
    );
  });

  it("says what a URL, a git requirement or a local project leaves unpinned, and how to pin it", () => {
    const one = (s: string): [string, string, string] | undefined => {
      const f = findUnpinnedInstalls(s, { npm: true })[0];
      return f && [f.severity, f.message, f.fix];
    };
    // An archive URL is not the checkout: --no-deps does not pin it, and the fix pins it by hash.
    assert.deepEqual(one("pip install https://example.com/dl/tool-2.1.tar.gz"), [
      "medium",
      "pip install https://example.com/dl/tool-2.1.tar.gz downloads https://example.com/dl/tool-2.1.tar.gz without checking a hash, and its dependencies at whatever versions the index serves",
      'pip install --require-hashes -r requirements.txt   (with "<name> @ https://example.com/dl/tool-2.1.tar.gz --hash=sha256:<hash>" in requirements.txt)',
    ]);
    assert.equal(one("pip install --no-deps https://example.com/dl/tool-2.1.tar.gz")?.[1], "pip install https://example.com/dl/tool-2.1.tar.gz downloads https://example.com/dl/tool-2.1.tar.gz without checking a hash");
    assert.deepEqual(one("pip install git+https://github.com/acme/tool.git@main"), [
      "medium",
      "pip install git+https://github.com/acme/tool.git@main builds whatever the branch or tag holds today, and its dependencies at whatever versions the index serves",
      "pip install --no-deps git+https://github.com/acme/tool.git@<commit SHA>   (its dependencies from pip install --require-hashes -r requirements.txt)",
    ]);
    const sha = "4f2c1d0e9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e";
    assert.deepEqual(one(`pip install git+https://github.com/acme/tool.git@${sha}`)?.slice(0, 2), ["low", `pip install git+https://github.com/acme/tool.git@${sha} pins a commit but installs its dependencies at whatever versions the index serves, without hashes`]);
    // Scorecard: an editable install at a full commit (or from the checkout) with --no-deps is pinned.
    assert.deepEqual(found(`pip install --no-deps -e git+https://github.com/acme/tool.git@${sha}#egg=tool`), []);
    assert.deepEqual(found("pip install --no-deps -e git+https://github.com/acme/tool.git@v1#egg=tool"), ["pip:git+https://github.com/acme/tool.git@v1#egg=tool"]);
    assert.deepEqual(one("pip install -e ."), [
      "medium",
      "pip install -e . installs the project's dependencies at whatever versions the index serves, without hashes",
      "pip install --require-hashes -r requirements.txt && pip install --no-deps -e .   (requirements.txt listing every dependency with ==<version> --hash=sha256:<hash>)",
    ]);
    assert.equal(one("pip install ./vendor/lib")?.[1], "pip install ./vendor/lib installs the dependencies of ./vendor/lib at whatever versions the index serves, without hashes");
    assert.equal(one("pip install 'requests>=2'")?.[2], "pip install --require-hashes -r requirements.txt   (with requests==<version> --hash=sha256:<hash> in requirements.txt)");
  });

  it("weighs a step only when Scorecard reads its shell, skips steps in another language, and reads a Windows-guarded step as PowerShell", async () => {
    const wf = [
      "name: C",
      "on: push",
      "jobs:",
      "  b:",
      "    runs-on: ubuntu-latest",
      "    defaults:",
      "      run:",
      "        shell: bash -el {0}",
      "    steps:",
      "      - run: pip install flask",
      "      - run: pip install numpy",
      "        shell: bash",
      "      - run: |",
      "          import subprocess",
      "          subprocess.run('pip install torch')",
      "        shell: python",
      "      - run: choco install jq",
      "        if: runner.os == 'Windows'",
      "",
    ].join("\n");
    const { findings } = await run({ ".github/workflows/ci.yml": wf });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["packages"], f.dependency]), [
      [10, "flask", "other-install"],
      [11, "numpy", "pip"],
      [17, "jq", "other-install"],
    ]);
  });

  it("infers a step's shell as Scorecard does: pwsh only when the step's condition or every OS of the job is Windows", async () => {
    const job = (id: string, runsOn: string, extra: string[] = []): string[] => [`  ${id}:`, `    runs-on: ${runsOn}`, ...extra, "    steps:", `      - run: pip install ${id}`];
    const wf = [
      "name: C",
      "on: push",
      "jobs:",
      // A self-hosted Windows runner: not every label starts with "windows", so Scorecard reads bash (assay reads PowerShell).
      ...job("selfhosted", "[self-hosted, windows]"),
      // Every matrix OS is Windows: pwsh, not read by Scorecard.
      ...job("winmatrix", "${{ matrix.os }}", ["    strategy:", "      matrix:", "        os: [windows-2022, windows-2025]"]),
      // A mixed matrix: bash.
      ...job("mixed", "${{ matrix.os }}", ["    strategy:", "      matrix:", "        os: [ubuntu-24.04]", "        include:", "          - os: windows-2022"]),
      // A matrix whose OS list Scorecard cannot read: it skips the step.
      ...job("dynamic", "${{ matrix.os }}", ["    strategy:", "      matrix:", "        os: ${{ fromJSON(needs.plan.outputs.oses) }}"]),
      "  guarded:",
      "    runs-on: ${{ matrix.os }}",
      "    strategy:",
      "      matrix:",
      "        os: [ubuntu-24.04, windows-2022]",
      "    steps:",
      "      - run: pip install guarded",
      "        if: matrix.os == 'windows-2022'",
      "",
    ].join("\n");
    const { findings } = await run({ ".github/workflows/ci.yml": wf });
    assert.deepEqual(findings.map((f) => [f.evidence["packages"], f.dependency]), [
      ["selfhosted", "pip"],
      ["winmatrix", "other-install"],
      ["mixed", "pip"],
      ["dynamic", "other-install"],
      ["guarded", "other-install"],
    ]);
  });

  it("reads a script without an extension by its shebang, executable or not, in a dot folder too; test data is shown, not weighed", async () => {
    const { findings } = await run({
      ".husky/pre-commit": "#!/usr/bin/env sh\npip install pre-commit\n",
      "scripts/bootstrap": "#!/bin/bash\npip install flask\n",
      "scripts/notes": "pip install not-a-script\n",
      "testdata/setup.sh": "#!/bin/sh\npip install fixture\n",
      "app/src/test/resources/init.sh": "pip install resource\n",
      "Containerfile": "FROM fedora:40\nRUN pip install podman-compose\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency]), [
      [".husky/pre-commit", "pip"],
      ["Containerfile", "other-install"],
      ["app/src/test/resources/init.sh", "other-install"],
      ["scripts/bootstrap", "pip"],
      ["testdata/setup.sh", "other-install"],
    ]);
  });

  it("weighs an install only when Scorecard's literal words name the program: not behind `sudo -H`, a variable or `poetry run`", async () => {
    const script = [
      "#!/bin/bash",
      "sudo pip install a",
      "sudo -H pip install b",
      'PIP="$VENV/bin/pip"',
      '"$PIP" install c',
      "poetry run pip install d",
      "if pip install e; then echo ok; fi",
      "GO111MODULE=on go get example.com/f/cmd/f@latest",
      "choco upgrade g",
      "go run example.com/h/cmd/h@latest",
      "",
    ].join("\n");
    const { findings } = await run({ "ci.sh": script });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.dependency]), [
      [2, "pip"],
      [3, "other-install"],
      [5, "other-install"],
      [6, "other-install"],
      [7, "pip"],
      [8, "go"],
      [9, "other-install"],
      // Scorecard's Go downloads are `go get` and `go install`.
      [10, "other-install"],
    ]);
  });

  it("says what a go version query selects", () => {
    const msg = (s: string): string | undefined => findUnpinnedInstalls(s, { npm: true })[0]?.message;
    assert.equal(msg("go install golang.org/x/tools/gopls@latest"), "go install golang.org/x/tools/gopls@latest takes whatever version is newest at build time");
    assert.equal(msg("go install golang.org/x/tools/gopls@v0.16"), "go install golang.org/x/tools/gopls@v0.16 takes the newest release whose version starts with v0.16 at build time");
    assert.equal(msg("go install github.com/acme/tool/cmd/tool@main"), "go install github.com/acme/tool/cmd/tool@main builds whatever commit main names at build time (a branch or tag, not a version)");
    assert.equal(msg("go install github.com/acme/tool/cmd/tool@4f2c1d0"), "go install github.com/acme/tool/cmd/tool@4f2c1d0 names a commit by the short hash 4f2c1d0, which Go resolves at build time and may not stay unique");
    assert.equal(msg("go get example.com/lib"), "go get example.com/lib takes whatever version is newest at build time");
    // A PEP 508 direct reference has blanks: the fix quotes it.
    assert.equal(findUnpinnedInstalls('pip install "tool @ git+https://github.com/acme/tool@v1.2"', { npm: true })[0]?.fix, 'pip install --no-deps "tool @ git+https://github.com/acme/tool@<commit SHA>"   (its dependencies from pip install --require-hashes -r requirements.txt)');
  });

  it("weighs a script as Scorecard reads it: by its shebang, else by a .sh, .bash or .mksh extension", async () => {
    const { findings } = await run({
      "a.sh": "#!/bin/bash -e\npip install flask\n",
      "b.bash": "pip install flask\n",
      "c.sh": "#!/usr/bin/env zsh\npip install flask\n",
      "d.zsh": "pip install flask\n",
      "e.sh": "#!/usr/bin/env sh\npip install flask\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency]), [
      ["a.sh", "pip"],
      ["b.bash", "pip"],
      ["c.sh", "other-install"],
      ["d.zsh", "other-install"],
      ["e.sh", "pip"],
    ]);
  });

  it("reports unpinned installs with the pinned form", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["ecosystem"], f.fix]), [
      [".github/workflows/ci.yml", 8, "npm", "npm ci"],
      [".github/workflows/ci.yml", 9, "pip", "pip install --require-hashes -r requirements.txt   (generate hashes: pip-compile --generate-hashes, or uv pip compile --generate-hashes)"],
      [".github/workflows/ci.yml", 10, "go", "go install golang.org/x/vuln/cmd/govulncheck@v<X.Y.Z>"],
      ["Dockerfile", 2, "gem", "gem install bundler -v <X.Y.Z>"],
      ["Dockerfile", 2, "pip", "pip install --require-hashes -r requirements.txt   (with awscli==<version> --hash=sha256:<hash> in requirements.txt)"],
      ["scripts/install-tools.sh", 4, "npm", "npm install -g typescript@<exact version>"],
      ["scripts/install-tools.sh", 5, "cargo", "cargo install --locked cargo-audit --version <X.Y.Z>"],
      ["scripts/install-tools.sh", 6, "pip", "pipx install poetry==<X.Y.Z>"],
      ["scripts/ranges.sh", 4, "go", "go install golang.org/x/tools/gopls@v<X.Y.Z>"],
      ["scripts/ranges.sh", 5, "cargo", "cargo install --locked ripgrep --version <X.Y.Z>"],
      ["scripts/ranges.sh", 6, "cargo", "cargo install --locked just --version 1.36.0"],
      ["scripts/ranges.sh", 7, "gem", "gem install rubocop -v <X.Y.Z>"],
      ["scripts/ranges.sh", 8, "npm", "npm install -g typescript@<exact version>"],
      ["scripts/ranges.sh", 9, "pip", 'pip install --require-hashes -r requirements.txt   (with "<name> @ https://example.com/releases/tool-2.1.tar.gz --hash=sha256:<hash>" in requirements.txt)'],
    ]);
  });

  it("knows pip's pinned forms", () => {
    assert.deepEqual(found("pip install --require-hashes -r r.txt"), []);
    // A constraints file is judged as a requirements file is, by the rule (which reads it for hashes).
    assert.deepEqual(found("python3 -m pip install -c constraints.txt ."), ["pip:-c constraints.txt ."]);
    assert.deepEqual(found("pip install --no-deps ./dist/pkg-1.0-py3-none-any.whl"), []);
    assert.deepEqual(found("pip install ."), ["pip:."]);
    assert.deepEqual(found("python -m pip install --upgrade pip setuptools"), ["pip:pip setuptools"]);
    assert.deepEqual(found("uv pip install requests==2.32.3"), ["pip:requests==2.32.3"]);
    assert.equal(findUnpinnedInstalls("pip install requests==2.32.3", { npm: true })[0]?.severity, "low");
    assert.deepEqual(found("pip3 install -e .[dev]"), ["pip:.[dev]"]);
    assert.deepEqual(found("pip freeze; pip list"), []);
  });

  it("knows npm, go, gem, choco and nuget pinned forms", () => {
    assert.deepEqual(found("npm ci && npm i ./local"), []);
    // An exact version pins the package, not its dependencies: counted unpinned, as Scorecard does, at low severity.
    assert.deepEqual(found("npm install -g typescript@5.5.4"), ["npm:typescript@5.5.4"]);
    assert.equal(findUnpinnedInstalls("npm install -g typescript@5.5.4", { npm: true })[0]?.severity, "low");
    assert.match(findUnpinnedInstalls("npm i -g pnpm@9.6.0", { npm: false })[0]?.message ?? "", /pins the package but not its dependencies/);
    assert.deepEqual(found("npm i -g yarn"), ["npm:yarn"]);
    assert.deepEqual(found("npm install", false), []);
    // install-test and update resolve ranges too, as Scorecard counts them; options may precede the command.
    assert.deepEqual(found("npm install-test && npm it && npm update && npm up lodash && npm --prefix web install"), ["npm:package.json", "npm:package.json", "npm:package.json", "npm:package.json", "npm:web/package.json"]);
    assert.deepEqual(found("npm update", false), []);
    assert.deepEqual(found("npm --global install typescript", false), ["npm:typescript"]);
    assert.deepEqual(found("npm --prefix web ci && npm --silent run build"), []);
    assert.deepEqual(found("go install ./cmd/... && go install example.com/x/cmd/y@v1.2.3 && go install example.com/z@0123456789ab"), []);
    assert.deepEqual(found("go install example.com/x@main"), ["go:example.com/x@main"]);
    assert.deepEqual(found("GOBIN=/t go install example.com/x/v2@$(X_VERSION) && go install example.com/y@${Y_VERSION}"), []);
    assert.deepEqual(found("gem install rake:13.2.1 && gem install rails --version 7.1.3"), []);
    assert.deepEqual(found("gem install --no-document rails"), ["gem:rails"]);
    assert.deepEqual(found("choco install -y nodejs --version=20.15.1 && choco install packages.config"), []);
    assert.deepEqual(found("choco install -y git"), ["choco:git"]);
    // Checksums required for what the package downloads: pinned, as Scorecard counts it.
    assert.deepEqual(found("choco install -y golang --requirechecksums && choco install jq --require-checksums && cinst git --requirechecksum=true"), []);
    assert.deepEqual(found("nuget install NUnit.Console -Version 3.17.0 && dotnet add package Serilog -v 4.0.0"), []);
    assert.deepEqual(found("nuget install NUnit.Console && dotnet add package Serilog"), ["nuget:NUnit.Console", "nuget:Serilog"]);
  });

  it("takes a version from a variable as pinned, and an exact pin to a variable as exact", () => {
    assert.deepEqual(found('go get "example.com/mockery/v3@v${MOCKERY_VERSION}" example.com/tools@v0.51.0'), []);
    const tf = findUnpinnedInstalls('pip3 install terraform-compliance=="${TF_COMPLIANCE_VERSION}"', { npm: true });
    assert.deepEqual(tf.map((f) => [f.severity, f.message]), [["low", "pip install terraform-compliance==${TF_COMPLIANCE_VERSION} pins versions but not hashes"]]);
  });

  it("accepts a requirements file the script exports with hashes from a lockfile", () => {
    assert.deepEqual(found("uv export --format requirements-txt --no-dev -o /tmp/r.txt && uv pip install --system -r /tmp/r.txt"), []);
    assert.deepEqual(found("poetry export -f requirements.txt > req.txt && pip install -r req.txt"), []);
    assert.deepEqual(found("pip-compile --generate-hashes -o req.txt req.in && pip install -r req.txt"), []);
    assert.deepEqual(found("uv export --no-hashes -o r.txt && pip install -r r.txt"), ["pip:-r r.txt"]);
    assert.deepEqual(found("poetry export --without-hashes -o r.txt && pip install -r r.txt"), ["pip:-r r.txt"]);
  });

  it("reads a project runner's pip and choco's options with values", () => {
    assert.deepEqual(found("poetry run pip install .[tools]"), ["pip:.[tools]"]);
    assert.deepEqual(found("uv run --with pip pip install x"), []);
    assert.deepEqual(found("poetry install && uv run pytest"), []);
    assert.deepEqual(found("choco install sharpps.extension -y --source https://www.myget.org/F/x/api/v2"), ["choco:sharpps.extension"]);
    assert.deepEqual(found("choco install -y python3 --installarguments \"'/quiet TargetDir=c:/Python38'\""), ["choco:python3"]);
  });

  it("reads PowerShell's line continuations and Windows paths", async () => {
    const ps = "<# It's the setup #>\nchoco install -y `\n  git `\n  vscode\nC:\\Python38\\python -m pip install -U virtualenvwrapper-win\n";
    const { findings } = await run({ "setup.ps1": ps });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["packages"]]), [
      [2, "git vscode"],
      [5, "virtualenvwrapper-win"],
    ]);
  });

  it("accepts a requirements file with hashes next to the Dockerfile that installs it", async () => {
    const req = "flask==3.0.3 \\\n  --hash=sha256:34e815dfaa43340d1d15a5c3a02b8476004037eb4840b34910c6e21679d288f3\n";
    const r = await run({ "app/Dockerfile": "FROM a\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", "app/requirements.txt": req });
    assert.equal(r.outcome, "pass");
    const bare = await run({ "app/Dockerfile": "FROM a\nRUN pip install -r requirements.txt\n", "app/requirements.txt": "flask==3.0.3\n" });
    assert.equal(bare.findings.length, 1);
  });

  it("reports a project npm install in a shell script Scorecard reads at low severity and weighs it; not in a Makefile or a zsh script", async () => {
    const { findings, assessment } = await run({
      "scripts/bootstrap.sh": "#!/bin/bash\nnpm install\nnpm ci --prefix web\n",
      "scripts/dev.zsh": "npm install\n",
      Makefile: "setup:\n\tnpm install\n",
      Dockerfile: "FROM a\nRUN npm install\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.severity, f.dependency]), [
      ["Dockerfile", "medium", "npm"],
      ["scripts/bootstrap.sh", "low", "npm"],
    ]);
    // npm ci in the script counts as pinned: 1 of 3.
    assert.match(assessment.checks.find((c) => c.id === "Pinned-Dependencies")?.reason ?? "", /^pinned: 1\/3 npm installs$/);
  });

  it("skips built wheels, as Scorecard does, and says a local project's dependencies are what floats", () => {
    assert.deepEqual(found("pip install dist/*.whl"), []);
    assert.deepEqual(found("pip install https://example.com/releases/v1/pkg-1.0-py3-none-any.whl"), []);
    assert.deepEqual(found("pip install dist/pkg-1.0-py3-none-any.whl requests"), ["pip:dist/pkg-1.0-py3-none-any.whl requests"]);
    assert.match(findUnpinnedInstalls("pip install -e '.[d]'", { npm: true })[0]?.message ?? "", /the project's dependencies/);
  });

  it("judges the script a shell runs with -c", () => {
    const script = "/bin/bash -c 'if ${DEV}; then pip install -r requirements-dev.txt; fi'";
    const [f] = findUnpinnedInstalls(script, { npm: true });
    assert.equal(f?.what, "-r requirements-dev.txt");
    assert.equal(script.slice(f?.start, f?.end), "'if ${DEV}; then pip install -r requirements-dev.txt; fi'");
    assert.deepEqual(found("sh -c 'pip install --require-hashes -r r.txt'"), []);
  });

  it("judges global npm tools in setup scripts, but not a bare npm install there", () => {
    assert.deepEqual(found("npm install -g typescript ts-node", false), ["npm:typescript ts-node"]);
    assert.deepEqual(found("npm i --global eslint@9.8.0", false), ["npm:eslint@9.8.0"]);
    assert.deepEqual(found("npm install && npm i lodash", false), []);
    assert.deepEqual(found("npm install -g", false), []);
  });

  it("knows cargo and pipx pinned forms", () => {
    assert.deepEqual(found("cargo install --locked mdbook --version 0.4.40 && cargo install --locked ripgrep@14.1.0 && cargo install --locked --path crates/cli"), []);
    assert.deepEqual(found("cargo install --locked --version \"$V\" mdbook && cargo install --frozen --git https://example.com/t.git --tag v1.0.0"), []);
    assert.deepEqual(found("cargo install cargo-watch cargo-edit"), ["cargo:cargo-watch cargo-edit"]);
    assert.deepEqual(found("cargo install --git https://example.com/t.git"), ["cargo:the git repository"]);
    assert.deepEqual(found("cargo build --release && cargo install --list"), []);
    assert.deepEqual(found("pipx install uv"), ["pip:uv"]);
    assert.equal(findUnpinnedInstalls("pipx install black==24.4.2", { npm: true })[0]?.severity, "low");
    assert.deepEqual(found("pipx install . && pipx run cowsay"), []);
  });

  it("reads a program named by a variable the script sets to a written path", () => {
    assert.deepEqual(found('VENV=venv\nPIP="$VENV/bin/pip"\n"$PIP" install -r requirements.txt'), ["pip:-r requirements.txt"]);
    assert.deepEqual(found('PIP="python3 -m pip"\n$PIP install requests'), ["pip:requests"]);
    assert.deepEqual(found('export NPM=/usr/local/bin/npm\n${NPM} install -g yarn'), ["npm:yarn"]);
    // Computed, set differently in two branches, set only after, or never set: left alone.
    assert.deepEqual(found("PIP=$(command -v pip)\n$PIP install requests"), []);
    assert.deepEqual(found("if x; then PIP=pip; else PIP=uv; fi\n$PIP install requests"), []);
    assert.deepEqual(found('"$PIP" install requests\nPIP=pip'), []);
    assert.deepEqual(found('PIP="$VENV/bin/pip"\n"$PIP" install --require-hashes -r r.txt'), []);
  });

  it("reads go run of a module version, and a version variable the script or Makefile sets", async () => {
    assert.deepEqual(found("go run golang.org/x/tools/cmd/goimports@latest -w ."), ["go:golang.org/x/tools/cmd/goimports@latest"]);
    assert.deepEqual(found("go run ./cmd/gen user@example.com && go run main.go && go run -tags tools example.com/x/cmd@v1.1.3 ./..."), []);
    assert.deepEqual(found("V=${V:-latest}\ngo install example.com/x/cmd@${V}"), ["go:example.com/x/cmd@${V}"]);
    assert.deepEqual(found("V=v1.2.3\ngo install example.com/x/cmd@$V"), []);
    const mk = (v: string): string => `GOLANGCI_VERSION ${v}\nlint:\n\tgo run github.com/golangci/golangci-lint/cmd/golangci-lint@$(GOLANGCI_VERSION) run\n`;
    const latest = await run({ Makefile: mk("?= latest") });
    assert.deepEqual(latest.findings.map((f) => [f.locations[0]?.startLine, f.message]), [[3, "go run github.com/golangci/golangci-lint/cmd/golangci-lint@$(GOLANGCI_VERSION) ($(GOLANGCI_VERSION) is latest) takes whatever version is newest at build time"]]);
    assert.equal((await run({ Makefile: mk(":= v1.59.1") })).findings.length, 0);
  });

  it("reads easy_install as pip without a version", () => {
    assert.deepEqual(found("easy_install requests && easy_install six==1.16.0 && easy_install dist/x-1.0.egg ./vendor/y.tar.gz"), ["pip:requests"]);
    assert.deepEqual(found("easy_install -f https://example.com/simple/ lxml"), ["pip:lxml"]);
    assert.equal(findUnpinnedInstalls("easy_install -U setuptools", { npm: true })[0]?.severity, "low");
  });

  it("lets the policy ignore an ecosystem", async () => {
    const { findUnpinnedInstalls: _ } = await import("../../../src/rules/supply-chain/lib/installs.js");
    assert.equal(typeof _, "function");
  });
});

describe("supply-chain/unpinned-package-install: version ranges are not pins", () => {
  it("reads Go version queries: a prefix, a branch or latest selects the newest match; a full version, a pseudo-version or a commit names one", () => {
    assert.deepEqual(found("go install golang.org/x/tools/gopls@v0"), ["go:golang.org/x/tools/gopls@v0"]);
    assert.deepEqual(found("go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.55"), ["go:github.com/golangci/golangci-lint/cmd/golangci-lint@v1.55"]);
    assert.deepEqual(found("go get golang.org/x/tools@v0 && go install golang.org/x/tools/gopls@master"), ["go:golang.org/x/tools@v0", "go:golang.org/x/tools/gopls@master"]);
    assert.deepEqual(found("go install example.com/x@upgrade && go get example.com/y@'<v1.2.0'"), ["go:example.com/x@upgrade", "go:example.com/y@<v1.2.0"]);
    assert.deepEqual(found("go install -tags netgo golang.org/x/tools/gopls@v0.16.2 && go get example.com/z@v0.0.0-20240101000000-abcdef123456 && go install example.com/w@v2.1.0+incompatible && go install example.com/v@v1.2.3-rc.1"), []);
    assert.deepEqual(found("V=v1.55\ngo install example.com/x/cmd@$V"), ["go:example.com/x/cmd@$V"]);
  });

  it("reads cargo's version requirements: a bare X.Y.Z is exact for cargo install (not a caret), an operator or a partial version is a range", () => {
    assert.deepEqual(found('cargo install --locked ripgrep --version "^14"'), ["cargo:ripgrep"]);
    assert.deepEqual(found("cargo install --locked ripgrep@^14 && cargo install --locked fd-find --version=~9.0 && cargo install --locked bat --vers '>=0.1'"), ["cargo:ripgrep@^14", "cargo:fd-find", "cargo:bat"]);
    assert.match(findUnpinnedInstalls('cargo install --locked ripgrep --version "^14"', { npm: true })[0]?.message ?? "", /version requirement \^14 builds the newest release it allows/);
    assert.deepEqual(found("cargo install --locked ripgrep --version 14.1.0 && cargo install --locked ripgrep@=14.1.0 && cargo install --locked just@1.36.0-rc.1"), []);
  });

  it("reports cargo install without --locked at low severity: the crate is pinned but its dependencies float", () => {
    const [f] = findUnpinnedInstalls("cargo install ripgrep --version 14.1.0", { npm: true });
    assert.deepEqual([f?.ecosystem, f?.severity, f?.fix], ["cargo", "low", "cargo install --locked ripgrep --version 14.1.0"]);
    assert.match(f?.message ?? "", /without --locked/);
    assert.deepEqual(findUnpinnedInstalls("cargo install --path crates/cli && cargo install --git https://example.com/t.git --tag v1.0.0", { npm: true }).map((x) => [x.what, x.severity]), [
      ["the local crate", "low"],
      ["the git repository", "low"],
    ]);
    // Unpinned and unlocked is one finding, at the crate's (medium) severity, whose fix has both.
    assert.deepEqual(findUnpinnedInstalls("cargo install ripgrep", { npm: true }).map((x) => [x.severity, x.fix]), [["medium", "cargo install --locked ripgrep --version <X.Y.Z>"]]);
  });

  it("reads RubyGems requirements: only an exact version (or `= X.Y.Z`) pins", () => {
    assert.deepEqual(found('gem install rails -v ">= 0"'), ["gem:rails"]);
    assert.deepEqual(found('gem install rails --version "~> 7.0" && gem install bundler -v ">= 2, < 3" && gem install rake:">=13"'), ["gem:rails", "gem:bundler", "gem:rake:>=13"]);
    assert.match(findUnpinnedInstalls('gem install rails -v "~> 7.0"', { npm: true })[0]?.message ?? "", /requirement ~> 7\.0/);
    assert.deepEqual(found('gem install rails -v 7.1.3 && gem install rake --version "= 13.2.1" && gem install puma -v7.0.0.pre1 && gem install rack:3.1.7'), []);
  });
});

describe("supply-chain/unpinned-package-install: npm options", () => {
  const run = ruleRunner(rule);

  it("does not take an option's value for a package", () => {
    assert.deepEqual(findUnpinnedInstalls("npm install --prefix ./frontend", { npm: true }).map((f) => [f.what, f.fix]), [["./frontend/package.json", "npm ci --prefix ./frontend"]]);
    assert.deepEqual(found("npm install --registry https://registry.npmjs.org/ && npm i --omit dev && npm install -w packages/app && npm install --cache /tmp/c"), ["npm:package.json", "npm:package.json", "npm:package.json", "npm:package.json"]);
    assert.deepEqual(found("npm install --registry https://npm.example.org/ lodash && npm i -w packages/app react@18.3.1"), ["npm:lodash", "npm:react@18.3.1"]);
    // A flag is not followed by its value: the next word is a package.
    assert.deepEqual(found("npm install --save-dev eslint"), ["npm:eslint"]);
  });

  it("reads a global install from --location=global and --location global, in any script", () => {
    assert.deepEqual(found("npm install --location=global typescript", false), ["npm:typescript"]);
    assert.deepEqual(found("npm install --location global typescript && npm i -L global eslint@9.8.0", false), ["npm:typescript", "npm:eslint@9.8.0"]);
    assert.deepEqual(found("npm install --location=project typescript", false), []);
  });

  it("reports npm install --prefix with no package in workflows and Dockerfiles, as it reports a bare npm install", async () => {
    const wf = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install --prefix ./frontend\n      - run: npm ci --prefix ./frontend\n";
    const { findings } = await run({ ".github/workflows/ci.yml": wf, Dockerfile: "FROM a\nRUN npm install --prefix ./web\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.evidence["packages"], f.fix]), [
      [".github/workflows/ci.yml", 6, "./frontend/package.json", "npm ci --prefix ./frontend"],
      ["Dockerfile", 2, "./web/package.json", "npm ci --prefix ./web"],
    ]);
  });
});

describe("supply-chain/unpinned-package-install: pip constraints and commented hashes", () => {
  const run = ruleRunner(rule);
  const hashed = "requests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\n";

  it("reads -c like -r: a constraints file without hashes checks nothing, one with hashes turns hash-checking on", async () => {
    const bare = await run({ "install.sh": "pip install -c constraints.txt requests\n", "constraints.txt": "requests==2.32.3\n" });
    assert.deepEqual(bare.findings.map((f) => [f.severity, f.message]), [["medium", "pip install -c constraints.txt requests does not check hashes"]]);
    assert.equal((await run({ "install.sh": "pip install --constraint=constraints.txt requests\n", "constraints.txt": hashed })).outcome, "pass");
    // Not in the checkout: nothing shows it has hashes.
    assert.equal((await run({ "install.sh": "pip install -c /etc/constraints.txt requests\n" })).findings.length, 1);
    assert.deepEqual(found("uv export -o c.txt && pip install -c c.txt requests"), []);
  });

  it("does not count a --hash written inside a comment", async () => {
    const commented = "# we should add --hash=sha256:abc someday\nrequests==2.32.3  # --hash=sha256:def\n";
    assert.equal((await run({ "install.sh": "pip install -r requirements.txt\n", "requirements.txt": commented })).findings.length, 1);
    assert.equal((await run({ "install.sh": "pip install -r requirements.txt\n", "requirements.txt": hashed })).outcome, "pass");
  });

  it("reads a program behind /usr/bin/env", () => {
    assert.deepEqual(found("/usr/bin/env pip install requests"), ["pip:requests"]);
    assert.deepEqual(found("/usr/bin/env -i npm install -g yarn", false), ["npm:yarn"]);
  });
});
