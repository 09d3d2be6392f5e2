import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findFetchExecute, findPowerShellFetchExecute } from "../../../src/rules/supply-chain/lib/fetch-execute.js";
import { rule } from "../../../src/rules/supply-chain/fetch-execute.js";
import { powerShellAsShell } from "../../../src/rules/supply-chain/lib/powershell.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const how = (s: string): string[] => findFetchExecute(s).map((f) => `${f.how}:${f.interpreter}`);

describe("supply-chain/fetch-execute", () => {
  it("counts a download run in a workflow or a shell script toward Pinned-Dependencies, and shows one in a Makefile without weighing it, as Scorecard reads no Makefile", async () => {
    const { findings, assessment } = await run({
      ".github/workflows/ci.yml": "name: C\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSL https://example.com/install.sh | sh\n",
      Makefile: "tools:\n\tcurl -fsSL https://example.com/tool.sh | bash\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency]), [[".github/workflows/ci.yml", "download-then-run"], ["Makefile", "other-download"]]);
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [0, "pinned: 0/1 downloaded scripts run; not weighed, as Scorecard does not count them: 0/1 downloaded scripts run from Makefiles, PowerShell and the repository's own actions"]);
  });

  it("reports pipes, substitutions and download-then-run in workflows, Dockerfiles, scripts and Makefiles", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["how"]]), [
      [".github/workflows/ci.yml", 8, 14, "pipe"],
      [".github/workflows/ci.yml", 11, 11, "substitution"],
      ["Dockerfile", 3, 5, "pipe"],
      ["Makefile", 3, 3, "pipe"],
      ["scripts/setup.sh", 3, 1, "download-then-run"],
    ]);
    assert.equal(findings[4]!.fix, 'curl -fsSLo install-poetry.py https://install.python-poetry.org && echo "<sha256>  install-poetry.py" | sha256sum -c - && python3 install-poetry.py');
    assert.equal(findings[2]!.fix, "ADD --checksum=sha256:<sha256> https://deb.nodesource.com/setup_20.x /tmp/setup_20.x\nRUN bash /tmp/setup_20.x".replace("setup_20.x\nRUN bash /tmp/setup_20.x", "install.sh\nRUN bash /tmp/install.sh"));
  });

  it("finds the classic forms", () => {
    assert.deepEqual(how("curl -fsSL https://get.example.io | sudo -E bash -"), ["pipe:bash"]);
    assert.deepEqual(how("wget -O - https://x.example/i.sh | gunzip | sh"), ["pipe:sh"]);
    assert.deepEqual(how("curl https://x.example/get.py | python3"), ["pipe:python3"]);
    assert.deepEqual(how('/bin/bash -c "$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)"'), ["substitution:bash"]);
    assert.deepEqual(how("source <(curl -s https://x.example/env)"), ["substitution:source"]);
    assert.deepEqual(how('eval "$(wget -qO- https://x.example/init)"'), ["substitution:eval"]);
    assert.deepEqual(how("wget https://x.example/install.sh\nchmod +x install.sh\n./install.sh --prefix /usr"), ["download-then-run:install.sh"]);
    assert.deepEqual(how("curl -L -o /tmp/i.sh https://x.example/i.sh && bash /tmp/i.sh"), ["download-then-run:bash"]);
  });

  it("stays quiet on downloads that are not executed, verified ones, and immutable URLs", () => {
    assert.deepEqual(how("curl -s https://api.github.com/x | jq -r .tag_name"), []);
    assert.deepEqual(how("curl -s https://x.example/a.json | python3 -c 'import json,sys; json.load(sys.stdin)'"), []);
    assert.deepEqual(how("curl -sSL https://x.example/a.tgz | tar xz"), []);
    assert.deepEqual(how("curl -fsSLo i.sh https://x.example/i.sh\nsha256sum -c i.sh.sha256\nsh i.sh"), []);
    assert.deepEqual(how(`curl -fsSL https://raw.githubusercontent.com/o/r/${"ab12".repeat(10)}/install.sh | sh`), []);
    assert.deepEqual(how("echo 'curl https://x | sh'"), []);
    assert.deepEqual(how("# curl https://x | sh"), []);
  });

  it("is incomplete when a workflow uses a local action the checkout does not hold: its scripts were never read", async () => {
    const wf = "name: CI\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n";
    const r = await run({ ".github/workflows/ci.yml": wf });
    assert.equal(r.outcome, "incomplete");
    assert.match(r.assessment.rules[0]?.reason ?? "", /ci\.yml:8:15: uses \.\/\.github\/actions\/setup, which the checkout does not hold/);
    const held = await run({ ".github/workflows/ci.yml": wf, ".github/actions/setup/action.yml": "name: Setup\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: curl -fsSL https://get.example.org | sh\n      shell: bash\n" });
    assert.deepEqual(held.findings.map((f) => f.locations[0]?.path), [".github/actions/setup/action.yml"]);
  });

  it("follows a download into a later step of the same job", async () => {
    const wf = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSLo get.sh https://x.example/get.sh\n      - run: bash get.sh\n";
    const { findings } = await run({ ".github/workflows/a.yml": wf });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[7, "download-then-run"]]);
  });

  it("reads ONBUILD RUN, which runs in every image built FROM this one", async () => {
    const { findings } = await run({ Dockerfile: "FROM a\nONBUILD RUN curl -fsSL https://x.example/i | sh\nONBUILD ADD . /src\n" });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["how"]]), [[2, 13, "pipe"]]);
  });

  it("reads ONBUILD RUN's exec form and heredocs as a RUN's", async () => {
    const { findings } = await run({ Dockerfile: 'FROM a\nONBUILD RUN ["sh", "-c", "curl -fsSL https://x.example/i | sh"]\nONBUILD RUN <<EOF\nwget -qO- https://y.example/j | bash\nEOF\n' });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn]), [
      [2, 27],
      [4, 1],
    ]);
  });

  it("reads RUN heredocs and exec-form shells in Dockerfiles", async () => {
    const { findings } = await run({ Dockerfile: 'FROM a\nRUN <<EOF\nset -e\ncurl -fsSL https://x.example/i | sh\nEOF\nRUN ["/bin/sh", "-c", "wget -qO- https://y.example/j | bash"]\n' });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.locations[0]?.startColumn]), [
      [4, 1],
      [6, 24],
    ]);
  });

  it("finds PowerShell's download-and-invoke", () => {
    assert.equal(findPowerShellFetchExecute("iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))").length, 1);
    assert.equal(findPowerShellFetchExecute("irm https://get.scoop.sh | iex").length, 1);
    assert.equal(findPowerShellFetchExecute("Invoke-WebRequest https://x -OutFile x.zip").length, 0);
  });

  it("reads PowerShell strings as text, not as commands", () => {
    assert.equal(findPowerShellFetchExecute("throw 'Not installed. Run: iwr -useb https://example.com/install.ps1 | iex'").length, 0);
    assert.equal(findPowerShellFetchExecute('Write-Host "To remove: irm https://example.com/install.ps1 | iex -Uninstall"').length, 0);
    assert.equal(findPowerShellFetchExecute('Invoke-Expression "& { $(Invoke-RestMethod https://example.com/install.ps1) }"').length, 1);
    assert.equal(findPowerShellFetchExecute("Invoke-WebRequest -useb example.org/install.ps1 | Invoke-Expression")[0]?.url, "example.org/install.ps1");
  });

  it("reports a PowerShell pipe once, and a PowerShell download that Start-Process runs", async () => {
    const pipe = await run({ "setup.ps1": "Invoke-WebRequest -useb example.org/install.ps1 | Invoke-Expression\n" });
    assert.equal(pipe.findings.length, 1);
    const script = [
      '$Url = "https://example.com/releases/latest/download/setup.exe"',
      '$Path = "$env:TEMP\\setup.exe"',
      "try {",
      "    Invoke-WebRequest -Uri $Url -OutFile $Path -UseBasicParsing",
      "} catch {",
      '    Write-Host "Download failed: $_`nCheck the network."',
      "}",
      '$proc = Start-Process -FilePath $Path -ArgumentList "/S" -Wait -PassThru',
      "",
    ].join("\n");
    const ran = await run({ "install.ps1": script });
    assert.deepEqual(ran.findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[4, "download-then-run"]]);
    const checked = [
      "Invoke-WebRequest -Uri $Url -OutFile $Path",
      "if ((Get-FileHash $Path -Algorithm SHA256).Hash -ne $Expected) { throw 'checksum mismatch' }",
      "Start-Process -FilePath $Path -Wait",
      "",
    ].join("\n");
    assert.equal((await run({ "install.ps1": checked })).findings.length, 0);
  });

  it("follows a download made executable and run by its name from PATH", () => {
    assert.deepEqual(how("curl -LO https://x.example/releases/download/v3/helm\nchmod +x helm\ncp helm $BIN/helm\nhelm version --client"), ["download-then-run:helm"]);
    assert.deepEqual(how("curl -LO https://x.example/helm\nhelm version"), []);
    assert.deepEqual(how("curl -LO https://x.example/helm\nsha256sum -c helm.sha256\nchmod 755 helm\nhelm version"), []);
  });

  it("reads PowerShell block comments as comments and Windows paths as paths", async () => {
    const lenovo = ["<#", ".SYNOPSIS", "    Installs the tool if it's not installed.", "#>", '$installerPath = "$env:TEMP\\setup.exe"', "Invoke-WebRequest -Uri $Url -OutFile $installerPath", 'Start-Process -FilePath $installerPath -ArgumentList "/S" -Wait', ""].join("\n");
    assert.deepEqual((await run({ "install.ps1": lenovo })).findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[6, "download-then-run"]]);
    const getPip = "curl https://bootstrap.pypa.io/get-pip.py -o get-pip.py\nC:\\Python38\\python get-pip.py\n";
    assert.deepEqual((await run({ "setup.ps1": getPip })).findings.map((f) => [f.locations[0]?.startLine, f.evidence["interpreter"]]), [[1, "python"]]);
  });

  it("follows an ADD into a PowerShell RUN that starts it by its Windows path", async () => {
    const df = 'FROM mcr.microsoft.com/powershell:7.4-windowsservercore-ltsc2022\nSHELL ["pwsh", "-Command"]\nADD https://x.example/python-3.12.exe /python-3.12.exe\nRUN C:\\\\python-3.12.exe /quiet InstallAllUsers=1\n';
    assert.deepEqual((await run({ Dockerfile: df })).findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[4, "download-then-run"]]);
  });

  it("survives hostile scripts", () => {
    findFetchExecute("curl x |".repeat(10_000));
    findFetchExecute("wget https://x/a.sh\n".repeat(3_000) + "./a.sh\n".repeat(3_000));
    findFetchExecute('bash -c "$(curl '.repeat(2_000));
    powerShellAsShell("<#".repeat(20_000) + "`".repeat(20_000));
  });
});

describe("supply-chain/fetch-execute in Dockerfiles", () => {
  const run = ruleRunner(rule);
  it("follows ADD URL without --checksum into the RUN that executes it", async () => {
    const bad = await run({ Dockerfile: "FROM a\nADD https://x.example/install.sh /tmp/\nRUN sh /tmp/install.sh\n" });
    assert.deepEqual(bad.findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[3, "download-then-run"]]);
    const good = await run({ Dockerfile: "FROM a\nADD --checksum=sha256:" + "a".repeat(64) + " https://x.example/install.sh /tmp/\nRUN sh /tmp/install.sh\nADD https://x.example/data.tgz /data/\n" });
    assert.deepEqual(good.findings, []);
  });
});

describe("supply-chain/fetch-execute in nested shells and published actions", () => {
  const run = ruleRunner(rule);
  it("reads the script of sh -c", () => {
    assert.deepEqual(how("sudo sh -c 'curl -fsSL https://x.example/i | bash'"), ["pipe:bash"]);
  });
  it("reads composite actions that no workflow calls", async () => {
    const action = "name: setup\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: curl -fsSL https://x.example/i.sh | bash\n";
    const { findings } = await run({ "action.yml": action });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [["action.yml", 6]]);
  });
  it("is incomplete, not passed, when a Dockerfile or workflow it would read cannot be read or parsed", async () => {
    const dockerfile = "FROM alpine:3.20\nRUN wget -qO- https://x.example/i.sh | sh\n";
    assert.equal((await run({ Dockerfile: Buffer.from(`${dockerfile}\u0000\u0000\u0000`) })).outcome, "incomplete");
    // A UTF-16 file with its byte order mark is read as the text it is, and judged.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dockerfile, "utf16le")]);
    assert.equal((await run({ Dockerfile: utf16 })).outcome, "fail");
    assert.equal((await run({ ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    steps: [\n" })).outcome, "incomplete");
  });
});

