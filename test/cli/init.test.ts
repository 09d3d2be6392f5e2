// `assay init` writes CI that runs assay's own action at an immutable reference that exists: the
// commit the build came from, never a package name nobody has published; and assay's own rules
// find nothing wrong with what it writes.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { initCommand } from "../../src/cli/init.js";
import { workflowTemplate } from "../../src/cli/init-templates.js";
import { SOURCE_REPOSITORY } from "../../src/build-info.js";
import type { Io } from "../../src/cli/io.js";
import { yamlParser } from "../../src/ecosystems/formats/yaml.js";
import { workflowParser } from "../../src/ecosystems/github-actions/workflow.js";
import { makeTextFile } from "../../src/core/text-file.js";
import { parse } from "yaml";
import type { Assessment } from "../../src/core/assessment.js";
import { VERSION } from "../../src/version.js";
import { git, tmpDir, tmpRepo } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function io(cwd: string): Io {
  return { stdout: { write: () => true }, stderr: { write: () => true }, cwd, env: {} };
}

describe("assay init", () => {
  it("uses assay's action pinned to a full commit with the version beside it, and every other action by SHA", async () => {
    const dir = tmpDir();
    assert.equal(await initCommand([], io(dir), COMMIT), 0);
    const text = readFileSync(join(dir, ".github/workflows/assay.yml"), "utf8");
    assert.doesNotMatch(text, /npx|npm (?:ci|install|i) |node /, "nothing installed by name, nothing run by hand");
    assert.match(text, new RegExp(`\\n {6}- uses: assay-dev/assay@${COMMIT} # v${VERSION}\\n {8}with:\\n {10}upload-sarif: "true"\\n`));
    for (const m of text.matchAll(/uses: (\S+)/g)) assert.match(m[1] ?? "", /@[0-9a-f]{40}$/, m[1]);
    const file = makeTextFile(".github/workflows/assay.yml", new TextEncoder().encode(text));
    const wf = workflowParser.parse(file, yamlParser.parse(file));
    assert.equal(wf.jobs.length, 1);
    const doc = parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a YAML document, checked field by field
    assert.deepEqual(Object.keys(doc.on).sort(), ["pull_request", "push"]);
    assert.deepEqual(doc.on.push.branches, ["main"], "not a git repository: main");
    assert.deepEqual(doc.permissions, { contents: "read" });
    assert.deepEqual(doc.jobs.assay.permissions, { contents: "read", "security-events": "write" });
    assert.match(text, /# upload-sarif publishes the findings to code scanning.*\n\s+security-events: write/, "the one write permission says why");
    assert.equal(doc.jobs.assay.steps[0].with["persist-credentials"], false);
    assert.match(doc.concurrency.group, /github\.event\.pull_request\.number/);
    assert.ok(existsSync(join(dir, "assay.yml")), "the policy file is written alongside");
  });

  it("says what to do next, and the baseline it records says how it comes to count in CI", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    const init = await runCli(["init", "--no-workflow", "--no-dependabot"], { cwd: dir });
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stderr, /^assay: wrote assay\.yml\nassay: next: `assay scan \.` .*`assay baseline \.` records today's findings so the gate fails only on new ones; then commit these files\n$/);
    const spaced = join(tmpDir(), "my repo");
    mkdirSync(spaced);
    assert.match((await runCli(["init", spaced, "--no-workflow", "--no-dependabot"])).stderr, /`assay scan '[^`]*my repo'`/);
    const baseline = await runCli(["baseline"], { cwd: dir });
    assert.match(baseline.stderr, /in \.assay\/baseline\.json; scans now report them as baselined: commit it, so CI's scans do too\n$/);
    const plain = tmpDir({ "README.md": "# x\n" });
    assert.match((await runCli(["baseline"], { cwd: plain })).stderr, /scans now report them as baselined: keep it with the folder \(it is not a git checkout, so there is nothing to commit it to\)\n$/);
    const elsewhere = await runCli(["baseline", "--output", "other.json"], { cwd: dir });
    assert.match(elsewhere.stderr, /pass `--baseline other\.json` to scans that should use it\n$/);
    // `--output -` prints it, as every other command does, instead of writing a file named "-".
    const printed = await runCli(["baseline", "--output", "-"], { cwd: dir });
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(JSON.parse(printed.stdout).tool, "assay");
    assert.ok(!existsSync(join(dir, "-")), "no file named -");
    assert.match(printed.stderr, /printed a baseline of \d+ findings?; save it to a file and pass it to scans with --baseline FILE\n$/);
  });

  it("triggers pushes on the repository's default branch", async () => {
    const dir = tmpRepo({ "README.md": "# x\n" });
    git(dir, "checkout", "-qb", "trunk");
    assert.equal(await initCommand([], io(dir), COMMIT), 0);
    const doc = parse(readFileSync(join(dir, ".github/workflows/assay.yml"), "utf8")) as { on: { push: { branches: string[] } } };
    assert.deepEqual(doc.on.push.branches, ["trunk"]);
    const odd = tmpRepo({ "README.md": "# x\n" });
    git(odd, "checkout", "-qb", "release+1");
    assert.equal(await initCommand([], io(odd), COMMIT), 0);
    assert.deepEqual((parse(readFileSync(join(odd, ".github/workflows/assay.yml"), "utf8")) as { on: { push: { branches: string[] } } }).on.push.branches, ["main"], "a name with glob characters is never written as a filter");
  });

  it("writes what assay's own rules find nothing wrong with", async () => {
    const dir = tmpDir();
    assert.equal(await initCommand([], io(dir), COMMIT), 0);
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "assay init");
    const r = await runCli(["scan", ".", "--format", "json", "--fail-on", "none"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Assessment;
    const ran = a.rules.filter((x) => x.id.startsWith("workflows/") && x.outcome !== "not-applicable" && x.outcome !== "not-available");
    assert.ok(ran.length > 20, `the workflows family ran (${ran.length} rules)`);
    const wf = a.findings.filter((f) => f.ruleId.startsWith("workflows/") && f.status === "open");
    assert.deepEqual(wf.map((f) => `${f.ruleId} ${f.locations[0]?.path ?? ""}:${f.locations[0]?.startLine ?? ""} ${f.message}`), []);
    assert.deepEqual(a.rules.filter((x) => x.outcome === "error").map((x) => x.id), [], "every rule ran");
    assert.deepEqual(a.diagnostics.filter((d) => d.path?.startsWith(".github") || d.path === "assay.yml"), [], "both files parse cleanly");
  });

  it("writes a Dependabot config for every ecosystem when no update tool is configured, which the update rules pass", async () => {
    const dir = tmpRepo({
      "package.json": '{"name":"root","workspaces":["pkgs/*"],"devDependencies":{"tsx":"^4"}}\n',
      "pkgs/a/package.json": '{"name":"a","dependencies":{"yaml":"^2"}}\n',
      "svc/go.mod": "module example.com/svc\n\ngo 1.22\n",
      "test/fixtures/package.json": '{"dependencies":{"left-pad":"1"}}\n',
    });
    assert.equal(await initCommand([], io(dir), COMMIT), 0);
    const doc = parse(readFileSync(join(dir, ".github/dependabot.yml"), "utf8")) as { version: number; updates: { "package-ecosystem": string; directory?: string; directories?: string[]; cooldown: { "default-days": number } }[] };
    assert.equal(doc.version, 2);
    // The npm workspace root stands for pkgs/a; fixtures are not the project's manifests.
    assert.deepEqual(doc.updates.map((u) => [u["package-ecosystem"], u.directory ?? u.directories]), [["github-actions", "/"], ["gomod", "/svc"], ["npm", "/"]]);
    assert.ok(doc.updates.every((u) => u.cooldown["default-days"] === 7));
    const rules = ["repo/dependency-update-tool", "repo/dependency-update-coverage", "workflows/dependabot-cooldown", "workflows/dependabot-execution"];
    const r = await runCli(["scan", ".", "--format", "json", ...rules.flatMap((id) => ["--rule", id])], { cwd: dir });
    const a = JSON.parse(r.stdout) as Assessment;
    assert.deepEqual(a.rules.map((x) => [x.id, x.outcome]).sort(), rules.map((id) => [id, "pass"]).sort(), r.stdout.slice(0, 2000));
  });

  it("leaves a configured update tool alone, and writes no Dependabot config when asked not to", async () => {
    const renovate = tmpDir({ "renovate.json": "{}\n", "go.mod": "module m\n" });
    assert.equal(await initCommand([], io(renovate), COMMIT), 0);
    assert.ok(!existsSync(join(renovate, ".github/dependabot.yml")));
    const inPackageJson = tmpDir({ "package.json": '{"name":"x","renovate":{"extends":["config:recommended"]}}\n' });
    assert.equal(await initCommand([], io(inPackageJson), COMMIT), 0);
    assert.ok(!existsSync(join(inPackageJson, ".github/dependabot.yml")));
    const own = tmpDir({ ".github/dependabot.yml": "version: 2\nupdates: []\n", "go.mod": "module m\n" });
    assert.equal(await initCommand(["--force"], io(own), COMMIT), 0);
    assert.equal(readFileSync(join(own, ".github/dependabot.yml"), "utf8"), "version: 2\nupdates: []\n", "never overwritten, even with --force");
    const no = tmpDir({ "go.mod": "module m\n" });
    assert.equal(await initCommand(["--no-dependabot"], io(no), COMMIT), 0);
    assert.ok(!existsSync(join(no, ".github/dependabot.yml")));
  });

  it("refuses to write a workflow when the build does not know its commit, with a way forward", async () => {
    const dir = tmpDir();
    await assert.rejects(() => initCommand([], io(dir), "unknown"), (e: unknown) => e instanceof AssayError && e.code === "BUILD_UNKNOWN" && /--no-workflow/.test(e.hint ?? ""));
    assert.ok(!existsSync(join(dir, ".github/workflows/assay.yml")));
    assert.ok(!existsSync(join(dir, "assay.yml")), "nothing is half-written");
    assert.equal(await initCommand(["--no-workflow"], io(dir), "unknown"), 0);
    assert.ok(existsSync(join(dir, "assay.yml")));
  });

  it("is what the README and docs/github-action.md show, byte for byte but the SHA", () => {
    const root = new URL("../../", import.meta.url).pathname;
    const expected = workflowTemplate({ repository: SOURCE_REPOSITORY, commit: "<full commit SHA>", version: VERSION, branch: "main" });
    for (const doc of ["README.md", "docs/github-action.md"]) {
      const text = readFileSync(join(root, doc), "utf8");
      const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
      assert.ok(blocks.includes(expected), `${doc} shows the workflow init writes`);
    }
  });
});
