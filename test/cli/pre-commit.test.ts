// The pre-commit hooks this repository ships (.pre-commit-hooks.yaml): each entry, run the way
// pre-commit runs it (the installed `assay` binary, in the repository, with its args and the staged
// file names its `files` pattern selects unless pass_filenames is false), refuses a bad commit,
// naming file and line, and lets a clean one through.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { SOURCE_REPOSITORY } from "../../src/build-info.js";
import { VERSION } from "../../src/version.js";
import { tokens } from "../helpers/secret-tokens.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";
import { spawnSync } from "../helpers/child-timeout.js";

const root = new URL("../../", import.meta.url).pathname;
interface Hook {
  id: string;
  entry: string;
  language: string;
  args?: string[];
  files?: string;
  pass_filenames?: boolean;
  require_serial?: boolean;
}
const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const hook = hooks.find((h) => h.id === "assay-secrets");
const t = tokens(91);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Runs a hook's entry in `cwd` as pre-commit would: the `assay` bin of this package, the hook's
 * args, then the staged files its `files` pattern (a Python regex; these constructs mean the same
 * in JavaScript) selects, unless it takes no file names.
 */
function runHook(cwd: string, h: Hook | undefined = hook): { code: number | null; out: string } {
  assert.ok(h);
  const [bin, ...args] = h.entry.split(" ");
  assert.equal(bin, "assay");
  const staged = git(cwd, "diff", "--cached", "--name-only", "--diff-filter=ACMR").split("\n").filter(Boolean);
  const files = h.pass_filenames === false ? [] : staged.filter((f) => h.files === undefined || new RegExp(h.files).test(f));
  const r = spawnSync(process.execPath, [join(root, "bin/assay.js"), ...args, ...(h.args ?? []), ...files], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("pre-commit hook", () => {
  it("is declared for pre-commit's node language, without file names", () => {
    assert.ok(hook);
    assert.equal(hook.language, "node");
    assert.equal(hook.pass_filenames, false);
    assert.equal(hook.entry, "assay secrets --staged");
  });

  it("refuses a commit that stages a credential, naming the file and line, never the value", () => {
    const repo = tmpRepo({ "README.md": "# app\n", "app.env": "LOG_LEVEL=info\n" });
    dirs.push(repo);
    const token = t("«gh:ghp_»");
    writeFileSync(join(repo, "app.env"), `LOG_LEVEL=info\nGITHUB_TOKEN=${token}\n`);
    git(repo, "add", "app.env");
    const r = runHook(repo);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /app\.env:2:14 {2}GitHub personal access token \(classic\)/);
    assert.ok(!r.out.includes(token.slice(4)));
  });

  it("lets a clean commit through, and ignores secrets that are committed already or not staged", () => {
    const repo = tmpRepo({ "old.env": `GITHUB_TOKEN=${t("«gh:ghp_»")}\n` });
    dirs.push(repo);
    writeFileSync(join(repo, "notes.md"), "nothing secret\n");
    writeFileSync(join(repo, "unstaged.env"), `TOKEN=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "notes.md");
    const r = runHook(repo);
    assert.equal(r.code, 0, r.out);
  });

  it("honours the project's allowlist and inline suppressions", () => {
    const repo = tmpRepo({ "assay.yml": 'version: 1\nsecrets:\n  allow:\n    paths: ["test/fixtures/**"]\n' });
    dirs.push(repo);
    writeFileSync(join(repo, "a.env"), `# assay: ignore[secrets/forge-token] revoked test token\nGH=${t("«gh:ghp_»")}\n`);
    mkdirSync(join(repo, "test", "fixtures"), { recursive: true });
    writeFileSync(join(repo, "test", "fixtures", "c.env"), `GH=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "a.env", "test/fixtures/c.env");
    const r = runHook(repo);
    assert.equal(r.code, 0, r.out);
    writeFileSync(join(repo, "b.env"), `GH=${t("«gh:ghp_»")}\n`);
    git(repo, "add", "b.env");
    assert.equal(runHook(repo).code, 1, "a credential outside the allowlist still fails");
  });
});

const INJECTION = `name: greet
on: pull_request_target
permissions: {}
jobs:
  greet:
    name: greet
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;

const CLEAN = `name: test
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  test:
    name: test
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: make test
`;

describe("pre-commit hook assay-workflows", () => {
  const wf = hooks.find((h) => h.id === "assay-workflows");

  it("is declared for the node language, on workflow and action files, in one process", () => {
    assert.ok(wf);
    assert.equal(wf.language, "node");
    assert.notEqual(wf.pass_filenames, false);
    assert.equal(wf.require_serial, true);
    const files = new RegExp(wf.files ?? "");
    for (const p of [".github/workflows/ci.yml", ".github/workflows/release.yaml", "action.yml", "actions/setup/action.yaml"]) assert.ok(files.test(p), p);
    for (const p of ["workflows/ci.yml", "src/app.yml", ".github/dependabot.yml", "my-action.yml"]) assert.ok(!files.test(p), p);
  });

  it("refuses a commit that stages a template injection, naming the file and line", () => {
    const repo = tmpRepo({ "README.md": "# app\n" });
    dirs.push(repo);
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    writeFileSync(join(repo, ".github", "workflows", "greet.yml"), INJECTION);
    git(repo, "add", "-A");
    const r = runHook(repo, wf);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /\.github\/workflows\/greet\.yml:9:\d+ .*\[workflows\/template-injection\]/);
  });

  it("audits a changed action.yml in a subfolder too", () => {
    const repo = tmpRepo({ "README.md": "# app\n" });
    dirs.push(repo);
    mkdirSync(join(repo, "actions", "greet"), { recursive: true });
    writeFileSync(join(repo, "actions", "greet", "action.yml"), `name: greet\ndescription: greet\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "\${{ github.event.issue.title }}"\n`);
    git(repo, "add", "-A");
    const r = runHook(repo, wf);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /actions\/greet\/action\.yml:7:\d+ /);
  });

  it("lets a clean workflow through, and does not hold the commit for problems in files it does not change", () => {
    const repo = tmpRepo({ "README.md": "# app\n", ".github/workflows/greet.yml": INJECTION });
    dirs.push(repo);
    writeFileSync(join(repo, ".github", "workflows", "test.yml"), CLEAN);
    git(repo, "add", "-A");
    const r = runHook(repo, wf);
    assert.equal(r.code, 0, r.out);
    assert.doesNotMatch(r.out, /greet\.yml/);
  });

  it("docs/pre-commit.md shows a config that names these hooks, pinned by a full SHA with the version", () => {
    const doc = readFileSync(join(root, "docs/pre-commit.md"), "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const config = parse(block) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    assert.equal(config.repos[0]?.repo, `https://github.com/${SOURCE_REPOSITORY}`);
    assert.match(block, new RegExp(`rev: <full commit SHA> # frozen: v${VERSION.replace(/\./g, "\\.")}\\n`));
    assert.deepEqual(config.repos[0]?.hooks.map((h) => h.id), hooks.map((h) => h.id));
  });
});
