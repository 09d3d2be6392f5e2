// Nothing from the scanned repository reaches a terminal or a CI log raw: hostile names, keys and
// file contents through every output format and every error path.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { FORMATS, runCli, type CliRun } from "./run-cli.js";

const ESC = "\u001b";
const BEL = "\u0007";
const INJECTION = "\n::error::pwned";

/** The header of a Windows executable, so repo/binary-artifacts reports the file. */
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, ...new Array(200).fill(0)]);

/**
 * No raw control characters, no line the GitHub runner would take for a workflow command
 * (`::cmd` at a line start after spaces; the legacy `##[cmd]` anywhere), except the annotations
 * the github format writes on purpose, whose hostile parts must then be %-encoded.
 */
function assertInert(text: string, label: string, commandsAllowed = false): void {
  assert.ok(!text.includes(ESC), `${label}: raw ESC`);
  assert.ok(!text.includes(BEL), `${label}: raw BEL`);
  assert.ok(!text.includes("\r"), `${label}: raw CR`);
  assert.ok(!/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/.test(text), `${label}: C1 or bidi control`);
  assert.ok(!text.includes("##["), `${label}: legacy workflow command`);
  for (const line of text.split("\n")) {
    const trimmed = line.trimStart();
    if (!trimmed.startsWith("::")) continue;
    // An annotation assay writes: its properties hold no `:` (so hostile text cannot end them early), and its
    // message, the rest of the line, is data the runner never reads as a command.
    assert.ok(commandsAllowed && /^::(?:error|warning|notice) [^:]*::/.test(trimmed), `${label}: line starts a workflow command: ${JSON.stringify(line)}`);
  }
}

function assertError(r: CliRun, label: string): void {
  assert.equal(r.code, 2, `${label}: ${r.stderr}`);
  assert.equal(r.stdout, "", label);
  assert.match(r.stderr, /^assay: error: /, label);
  assert.equal(r.stderr.split("\n").length, 2, `${label}: one line, ${JSON.stringify(r.stderr)}`);
  assertInert(r.stderr, label);
}

describe("hostile text in outputs", () => {
  it("an unknown key in assay.yml holding ESC, BEL and a newline is escaped in the error", async () => {
    const dir = tmpDir({ "assay.yml": 'version: 1\n"bad\\e[31m\\akey\\n::error::pwned": 1\n' });
    const r = await runCli(["scan", dir]);
    assertError(r, "quoted key");
    assert.match(r.stderr, /unknown key `bad\\e\[31m\\akey\\n::error::pwned`/);
    // Raw control bytes in a plain key: YAML refuses them, and the error quotes none of them.
    writeFileSync(join(dir, "assay.yml"), `version: 1\nbad${ESC}[2J${BEL}key: 1\n`);
    assertError(await runCli(["scan", dir]), "raw key");
  });

  it("an unknown rule id holding a workflow command, in the policy and on the command line", async () => {
    const dir = tmpDir({ "assay.yml": `rules:\n  "repo/x${INJECTION.replace("\n", "\\n")}": off\nexceptions:\n  - rule: "repo/y\\n::add-mask::secret"\n    reason: r\n    expires: 2030-01-01\n` });
    const policy = await runCli(["scan", dir]);
    assertError(policy, "policy rule id");
    assert.match(policy.stderr, /unknown rule `repo\/x\\n::error::pwned`/);
    for (const args of [["scan", ".", "--rule", `repo/x${INJECTION}`], ["fix", ".", "--rule", `x${INJECTION}`], ["explain", `x${INJECTION}`], ["scan", "--format", `x${INJECTION}`], ["scan", `--nope${INJECTION}`]]) {
      assertError(await runCli(args, { cwd: tmpDir() }), args.join(" "));
    }
    writeFileSync(join(dir, "assay.yml"), 'exceptions:\n  - rule: "repo/y\\n::add-mask::secret"\n    reason: r\n    expires: 2030-01-01\n');
    assertError(await runCli(["scan", dir]), "exception rule id");
  });

  it("file names holding ESC, BEL and newlines are escaped in every format", async () => {
    const name = `tools/evil${ESC}]8;;http:x${BEL}${ESC}[31m${INJECTION}\u202e##[error]x.exe`;
    const dir = tmpDir({ [name]: EXE, "README.md": "# x\n" });
    for (const format of FORMATS) {
      const r = await runCli(["scan", dir, "--rule", "repo/binary-artifacts", "--format", format]);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assertInert(r.stdout, format, format === "github");
      assertInert(r.stderr, `${format} stderr`);
    }
    const github = (await runCli(["scan", dir, "--rule", "repo/binary-artifacts", "--format", "github"])).stdout;
    assert.match(github, /^::error file=tools\/evil\\e]8;;http%3Ax\\a\\e\[31m%0A%3A%3Aerror%3A%3Apwned\\u202e##\\\[error\]x\.exe,title=repo\/binary-artifacts \(high\)::/m);
    const text = (await runCli(["scan", dir, "--rule", "repo/binary-artifacts"])).stdout;
    assert.match(text, /tools\/evil\\e]8;;http:x\\a\\e\[31m\\n::error::pwned\\u202e##\\\[error\]x\.exe/);
    // Written to a file, the report is the same escaped text, and the summary line on stderr is escaped too.
    const out = await runCli(["scan", dir, "--rule", "repo/binary-artifacts", "--format", "json", "--output", join(dir, "report.json")]);
    assertInert(out.stderr, "--output summary");
  });

  it("a baseline's bytes are never echoed in its parse error", async () => {
    const dir = tmpDir({ "README.md": "# x\n", "base.json": `root:x:0:0:root:/root:/bin/bash${ESC}]0;pwned${BEL}\n::error::pwned\n` });
    const r = await runCli(["scan", dir, "--baseline", join(dir, "base.json")]);
    assertError(r, "baseline");
    assert.match(r.stderr, /base\.json:1:1: malformed JSON: unexpected character — regenerate it with `assay baseline`/);
    assert.doesNotMatch(r.stderr, /root|pwned/);
    // A saved assessment given to `assay report` gets the same treatment.
    writeFileSync(join(dir, "a.json"), `{"schemaVersion": "1.1.0", "x": ${ESC}[2J}`);
    const report = await runCli(["report", "--from", join(dir, "a.json")]);
    assertError(report, "report --from");
    assert.doesNotMatch(report.stderr, /\[2J/);
  });

  it("the scanning machine's home folder is written ~ in the reports that travel", async () => {
    const home = tmpDir();
    const dir = tmpDir({ "README.md": "# x\n", "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "": { name: "x" }, "node_modules/a": { version: "1.0.0" } } }) });
    for (const format of ["sarif", "json", "gitlab-sast", "markdown", "github"]) {
      const r = await runCli(["scan", dir, "--rule", "deps", "--format", format], { env: { HOME: home } });
      assert.ok(!r.stdout.includes(home), `${format}: ${r.stdout.slice(0, 300)}`);
      if (format !== "github") assert.match(r.stdout, /no advisory database in \\?~\/\.cache\/assay\/advisories/, format);
    }
  });

  it("repository text in findings and diagnostics stays inert in every format", async () => {
    const codeowners = `# owners\n/docs${ESC}[2J/ @org/docs${BEL}\n/missing/ @org/team ##[warning]x\n* @org/all\n`;
    const dir = tmpRepo({ ".github/CODEOWNERS": codeowners, ".github/workflows/bad.yml": `on: [push\njobs: ${ESC}\n`, "src/a.js": "" });
    for (const format of FORMATS) {
      const r = await runCli(["scan", dir, "--rule", "repo/codeowners-invalid-paths", "--rule", "repo/sast", "--format", format, "--verbose"]);
      assertInert(r.stdout, format, format === "github");
    }
  });
});
