import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/excessive-permissions.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";
import { tmpDir } from "../../helpers/tmp-repo.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { run, one } = workflowRunner(rule);
const CO = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";

describe("workflows/excessive-permissions", () => {
  it("reports a workflow without permissions where zizmor does (one finding per job, at the job; in a workflow of several jobs one more at its first key), medium, and says so when outsiders can trigger it", async () => {
    const push = await one(`name: B\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n      - run: make\n`);
    assert.deepEqual(where(push.findings), [[4, 3]]);
    const two = await one(`# CI\nname: B\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    // A job's finding: its key, then the whole job, which zizmor's finding spans.
    assert.deepEqual(two.findings.map((f) => f.locations.map((l) => [l.startLine, l.startColumn, l.endLine])), [[[2, 1, 12]], [[5, 3, 5], [5, 3, 8]], [[9, 3, 9], [9, 3, 12]]]);
    assert.deepEqual(two.findings.map((f) => f.impact), ["zero", "zero", "zero"]);
    assert.match(two.findings[1]?.message ?? "", /^job `a` in \.github\/workflows\/ci\.yml runs with the repository's default token/);
    // Only the workflow-level finding carries the edit, so `assay fix` applies it once.
    assert.deepEqual(two.findings.map((f) => f.edits !== undefined), [true, false, false]);
    // A job with its own block is not reported; the others still are, each at its key.
    const mixed = await one(`name: B\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    assert.deepEqual(where(mixed.findings), [[1, 1], [10, 3]]);
    assert.equal(push.findings[0]?.severity, "medium");
    const prt = await one(`name: B\non: pull_request_target\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n`);
    assert.equal(prt.findings[0]?.severity, "medium");
    assert.match(prt.findings[0]?.message ?? "", /in a workflow outsiders can trigger \(pull_request_target\)$/);
  });

  it("keeps a zizmor ignore written anywhere in a job for that job's default-token finding, as zizmor's finding spans the job", async () => {
    const { findings } = await one(`name: B\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest # zizmor: ignore[excessive-permissions] read-only repo\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.status]), [[1, "open"], [4, "suppressed"], [8, "open"]]);
  });

  it("scores Token-Permissions as Scorecard does: 0 for jobs on the default token or top-level write to contents, Scorecard's points off for the rest, truncated", async () => {
    const score = async (yaml: string) => (await one(yaml)).assessment.checks.find((c) => c.id === "Token-Permissions")?.score;
    const job = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n";
    assert.equal(await score(`name: B\non: push\n${job}`), 0, "no permissions anywhere");
    assert.equal(await score(`name: B\non: push\npermissions:\n  contents: write\n${job}`), 0, "contents: write at the top");
    assert.equal(await score(`name: B\non: push\npermissions: write-all\n${job}`), 0, "write-all at the top");
    // Scorecard counts write to seven scopes only: issues, pull-requests, id-token… cost nothing (the finding stays).
    const issues = await one(`name: B\non: push\npermissions:\n  contents: read\n  issues: write\n${job}`);
    assert.deepEqual(issues.findings.map((f) => [f.evidence["scope"], f.impact]), [["issues", "none"]]);
    assert.equal(issues.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 10);
    assert.equal(await score(`name: B\non: push\npermissions:\n  contents: read\n  checks: write\n${job}`), 9, "checks: half a point, and 9.5 is 9");
    assert.equal(await score(`name: B\non: push\npermissions:\n  contents: read\n  checks: write\n  deployments: write\n${job}`), 8, "1.5 off: 8.5 is 8");
    assert.equal(await score(`name: B\non: push\npermissions:\n  contents: read\n${job}`), 10);
    // A job's own write costs nothing beside a read-only top (Scorecard reads job blocks first), but zeroes it beside write-all.
    const own = (top: string, perms: string) => `name: B\non: push\n${top}jobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n${perms}    steps:\n      - run: make\n`;
    assert.equal(await score(own("permissions:\n  contents: read\n", "      contents: write\n      deployments: write\n")), 10);
    assert.equal(await score(own("permissions: write-all\n", "      contents: read\n")), 9, "write-all over jobs that all set their own: half a point");
    assert.equal(await score(own("permissions: write-all\n", "      contents: write\n")), 0, "write-all beside a job's write to contents");
    const goreleaser = `name: R\non: push\npermissions: write-all\njobs:\n  r:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/setup-go@v5\n      - uses: goreleaser/goreleaser-action@v6\n`;
    assert.equal(await score(goreleaser), 9, "a release workflow's contents: write is one Scorecard accepts");
    const maven = (run: string) => `name: R\non: push\npermissions: write-all\njobs:\n  r:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: ${run}\n`;
    assert.equal(await score(maven("./mvnw -B release:prepare release:perform")), 9, "mvn release:prepare commits: Scorecard accepts contents: write for it");
    assert.equal(await score(maven("./mvnw -B deploy")), 0);
    // packages: write in a job is accepted in a workflow any of whose jobs publishes the way Scorecard's Packaging check recognises.
    const image = (steps: string) => `name: I\non: push\npermissions: write-all\njobs:\n  i:\n    runs-on: ubuntu-latest\n    permissions:\n      packages: write\n    steps:\n${steps}`;
    assert.equal(await score(image("      - uses: docker/build-push-action@v6\n")), 9, "a packaging workflow's packages: write is one Scorecard accepts");
    assert.equal(await score(image("      - run: docker buildx build --push -t ghcr.io/acme/app .\n")), 9, "`docker` then `push` on one line is Scorecard's pattern too");
    assert.equal(await score(image("      - run: make image\n")), 0, "no publishing Scorecard recognises: the job's packages: write beside write-all scores 0");
  });

  it("adds up Scorecard's points off across workflows: a point for security-events written at the top, half for a workflow with no top-level block", async () => {
    const { findings, assessment } = await runRule(rule, fixtureDir(rule.meta.id, "scorecard-points"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.severity, f.grade ?? null, f.impact ?? null]), [
      [".github/workflows/code-scanning.yml", 8, "info", 8, null],
      [".github/workflows/tag.yml", 2, "info", 8, null],
    ]);
    assert.match(findings[0]?.message ?? "", /takes a point off Token-Permissions/);
    assert.match(findings[1]?.message ?? "", /every job sets its own, so none runs on the repository's default token/);
    // 10 - 1 - 0.5 = 8.5, which Scorecard truncates to 8.
    assert.equal(assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 8);
    // A zeroing finding the maintainers suppressed zeroes nothing, and takes nothing off the others' grade.
    const suppressed = await run({
      ".github/workflows/a.yml": "name: A\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest # zizmor: ignore[excessive-permissions] read-only repo\n    steps:\n      - run: make\n",
      ".github/workflows/b.yml": "name: B\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n",
    });
    assert.deepEqual(suppressed.findings.map((f) => [f.locations[0]?.path, f.status, f.impact ?? null, f.grade ?? null]), [[".github/workflows/a.yml", "suppressed", "zero", null], [".github/workflows/b.yml", "open", null, 9]]);
    assert.equal(suppressed.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 9);
  });

  it("reports a write scope granted to a whole workflow of several jobs even when the one job inheriting it uses it (release-please's template), as zizmor does", async () => {
    const yaml = `name: R\non:\n  push:\n    branches: [main]\npermissions:\n  contents: write\n  pull-requests: write\njobs:\n  release-please:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: googleapis/release-please-action@a02a34c4d625f9be7cb89156071d8567266a2445 # v4.2.0\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: npm publish\n`;
    const { findings, assessment } = await one(yaml);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.impact ?? null]), [[6, "low", "zero"], [7, "low", "none"]]);
    assert.match(findings[0]?.message ?? "", /is set for the whole of \.github\/workflows\/ci\.yml, which has 2 jobs: `release-please` uses it, and any job added without its own `permissions:` would get it too/);
    assert.equal(assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 0, "Scorecard: contents: write at the top");
    const single = await one(yaml.replace(/  publish:[\s\S]*$/, ""));
    assert.deepEqual(single.findings.map((f) => [f.locations[0]?.startLine, f.severity, f.impact ?? null]), [[6, "info", "zero"]], "one job: only contents: write, which Scorecard scores 0, and at info (zizmor's pedantic persona)");
    assert.equal(single.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 0);
  });

  it("fixes a workflow without permissions with the least the steps need, and the result passes", async () => {
    const files = { ".github/workflows/ci.yml": `name: B\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n      - run: make test\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n` };
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.equal(texts[".github/workflows/ci.yml"], `name: B\non: push\npermissions:\n  contents: read\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n      - run: make test\n  release:\n    permissions:\n      contents: write\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n`);
  });

  it("offers no edit when a step uses the token in a way it cannot read (an unknown action)", async () => {
    const { findings } = await one(`name: B\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@0123456789abcdef0123456789abcdef01234567\n`);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.edits, undefined);
  });

  it("reports a workflow-level read-all low where a job inherits it, and not where every job sets its own permissions", async () => {
    const job = (perms: string) => `  a:\n    runs-on: ubuntu-latest\n${perms}    steps:\n      - uses: ${CO}\n        with:\n          persist-credentials: false\n`;
    const inherited = await one(`name: S\non: push\npermissions: read-all\njobs:\n${job("")}`);
    assert.deepEqual(inherited.findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[3, "low"]]);
    // GitHub: a job's \`permissions:\` replaces the workflow's, so the workflow-level read-all reaches no job.
    const own = await one(`name: S\non: push\npermissions: read-all\njobs:\n${job("    permissions:\n      contents: read\n")}`);
    assert.deepEqual(own.findings.map((f) => f.message), []);
  });

  it("leaves the workflow's own block to the pedantic persona where no job runs on it alone, as zizmor does, unless Scorecard scores it 0", async () => {
    const regular = ruleRunner(rule, "regular");
    const wf = (top: string, jobPerms = "") => ({ ".github/workflows/ci.yml": `name: S\non: push\npermissions:${top}\njobs:\n  a:\n    runs-on: ubuntu-latest\n${jobPerms}    steps:\n      - run: make\n` });
    // One job: read-all at the top is that job's, which zizmor reports only to pedants.
    assert.deepEqual((await regular(wf(" read-all"))).findings, []);
    assert.equal((await runRule(rule, tmpDir(wf(" read-all")))).findings.length, 1, "the pedantic persona still sees it");
    // Every job sets its own: write-all at the top reaches none of them, but Scorecard takes half a point off, said at info.
    const idle = await regular(wf(" write-all", "    permissions:\n      contents: read\n"));
    assert.deepEqual(idle.findings.map((f) => [f.severity, f.grade]), [["info", 9]]);
    assert.match(idle.findings[0]?.message ?? "", /grants nothing today, as every job sets its own/);
    // write to contents at the top of a one-job workflow: Scorecard scores Token-Permissions 0, so every persona sees it.
    const top = await regular(wf("\n  contents: write", ""));
    assert.deepEqual(top.findings.map((f) => [f.severity, f.impact]), [["low", "zero"]]);
    assert.equal(top.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 0);
  });

  it("reports write-all (high) and replaces it with the needed scopes", async () => {
    const files = { ".github/workflows/ci.yml": `name: B\non: push\npermissions: write-all\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n` };
    const { findings } = await run(files);
    assert.deepEqual(findings.map((f) => [f.severity, f.locations[0]?.startLine]), [["high", 3]]);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /^permissions:\n {2}contents: read\njobs:/m);
  });

  it("reports a workflow-level write scope that only one of several jobs needs, and an id-token nothing uses", async () => {
    const { findings } = await one(`name: R\non: push\npermissions:\n  contents: write\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n  sign:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: make\n`);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["scope"]]), [[4, "contents"], [17, "id-token"]]);
    assert.match(findings[0]?.message ?? "", /job `test` gets it without needing it; only `release` uses it/);
  });

  it("stays quiet on least privilege, and says only at info (Scorecard's half point) that jobs which all declare their own have no top-level block", async () => {
    const least = await one(`name: B\non: push\npermissions:\n  contents: read\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n`);
    const own = await one(`name: O\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n`);
    assert.deepEqual(least.findings, []);
    assert.deepEqual(own.findings.map((f) => [f.severity, f.grade, f.locations[0]?.startLine]), [["info", 9, 1]]);
    assert.equal(own.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 9);
    // Its edit adds the read-only top-level block, after which nothing is left.
    const files = { ".github/workflows/ci.yml": `name: O\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n` };
    const { texts, after } = await fixAndRescan(rule, files, (await run(files)).findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /^permissions:\n {2}contents: read\n\njobs:/m);
  });

  it("scores a reusable-only workflow as Scorecard does, which reads no triggers: 0 for jobs without blocks, said once at info in every persona; half a point for a missing top over jobs that set their own", async () => {
    const regular = ruleRunner(rule, "regular");
    const bare = { ".github/workflows/r.yml": `name: R\non: workflow_call\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n` };
    const { findings, assessment } = await regular(bare);
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity, f.impact ?? null]), [[1, "info", "zero"]]);
    assert.match(findings[0]?.message ?? "", /^\.github\/workflows\/r\.yml is a reusable workflow that sets no `permissions:`, nor does its job: .*Scorecard reads no triggers/);
    assert.equal(assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 0);
    // Its edit adds the read-only top-level block, after which nothing is left.
    const { after } = await fixAndRescan(rule, bare, findings);
    assert.deepEqual(after, []);
    const own = await regular({ ".github/workflows/r.yml": `name: R\non: workflow_call\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make\n` });
    assert.deepEqual(own.findings.map((f) => [f.severity, f.grade]), [["info", 9]]);
    assert.match(own.findings[0]?.message ?? "", /as a reusable workflow its token is its callers', but Scorecard reads no triggers/);
    // Write to checks at the top of a reusable workflow costs Scorecard's half point as anywhere else.
    const checks = await regular({ ".github/workflows/r.yml": `name: R\non: workflow_call\npermissions:\n  contents: read\n  checks: write\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n` });
    assert.equal(checks.assessment.checks.find((c) => c.id === "Token-Permissions")?.score, 9);
  });

  it("reports a job of a reusable-only workflow that calls another reusable workflow without permissions, as zizmor does, and not the workflow's other jobs", async () => {
    const callee = `name: Lint\non: workflow_call\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n`;
    const caller = (top = "", perms = "") => `name: Checks\non:\n  workflow_call:\n${top}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  lint:\n${perms}    uses: ./.github/workflows/lint.yml\n  scan:\n    uses: acme/workflows/.github/workflows/scan.yml@0123456789abcdef0123456789abcdef01234567\n`;
    const regular = ruleRunner(rule, "regular");
    const { findings } = await regular({ ".github/workflows/checks.yml": caller(), ".github/workflows/lint.yml": callee });
    // The calling job is where the nested workflow's token is narrowed; the job with steps gets its callers' token.
    // (The workflow's first key: Scorecard's 0 for jobs without blocks, said at info.)
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine, f.locations[0]?.startColumn, f.severity]), [[".github/workflows/checks.yml", 1, 1, "info"], [".github/workflows/checks.yml", 9, 3, "medium"], [".github/workflows/checks.yml", 11, 3, "medium"]]);
    assert.match(findings[1]?.message ?? "", /^job `lint` in \.github\/workflows\/checks\.yml calls \.\/\.github\/workflows\/lint\.yml without `permissions:`, so the called workflow gets every permission this workflow's callers grant/);
    assert.deepEqual(findings.slice(1).map((f) => f.edits), [undefined, undefined]);
    // A block at the top, or on the calling job, says what the nested workflow gets.
    assert.deepEqual((await regular({ ".github/workflows/checks.yml": caller("permissions:\n  contents: read\n"), ".github/workflows/lint.yml": callee })).findings, []);
    const own = await regular({ ".github/workflows/checks.yml": caller("", "    permissions:\n      contents: read\n"), ".github/workflows/lint.yml": callee });
    assert.deepEqual(where(own.findings), [[1, 1], [13, 3]]);
  });

  it("leaves a job's own block in a reusable-only workflow to the pedantic persona, as zizmor does, but not a job that calls another reusable workflow", async () => {
    const regular = ruleRunner(rule, "regular");
    const files = (trigger: string) => ({ ".github/workflows/r.yml": `name: R\non:\n  ${trigger}:\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: make\n  nested:\n    permissions: write-all\n    uses: acme/workflows/.github/workflows/scan.yml@0123456789abcdef0123456789abcdef01234567\n` });
    // The callers cap a reusable workflow's token: its job's write-all is for pedants; the calling job's is what the nested workflow gets.
    assert.deepEqual(where((await regular(files("workflow_call"))).findings), [[13, 18]]);
    assert.deepEqual(where((await runRule(rule, tmpDir(files("workflow_call")))).findings), [[9, 18], [13, 18]], "the pedantic persona sees both");
    // Any other trigger: the job's write-all is the workflow's own token, reported in every persona.
    assert.deepEqual(where((await regular(files("push"))).findings), [[9, 18], [13, 18]]);
  });

  it("counts uv publish and npm publish without a token as OIDC trusted publishing (uv's own PyPI upload)", async () => {
    assert.deepEqual((await runRule(rule, fixtureDir(rule.meta.id, "publish-oidc-cli"))).findings, []);
    const token = await one(`name: P\non: push\npermissions:\n  contents: read\njobs:\n  p:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`);
    assert.deepEqual(token.findings.map((f) => f.evidence["scope"]), ["id-token"]);
  });

  it("takes a repository script that publishes without a registry token as one that may exchange the OIDC token (deno's npm release)", async () => {
    const job = (run: string, env = "") => `name: P\non: push\npermissions:\n  contents: read\njobs:\n  p:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - run: ${run}\n${env}`;
    assert.deepEqual((await one(job("./tools/release/npm/build.ts --publish-only"))).findings, []);
    assert.deepEqual((await one(job("make publish", "        env:\n          TWINE_PASSWORD: \${{ secrets.PYPI }}\n"))).findings.map((f) => f.evidence["scope"]), ["id-token"], "a script handed a registry password publishes with it");
    assert.deepEqual((await one(job("echo publish the docs"))).findings.map((f) => f.evidence["scope"]), ["id-token"], "a word in an echo runs nothing");
  });

  it("takes a docker login with the job's token to a registry named by an expression as GitHub's registry (actions/checkout's image job)", async () => {
    const wf = `name: I\non: push\nenv:\n  REGISTRY: ghcr.io\npermissions:\n  contents: read\n  packages: write\njobs:\n  i:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: \${{ env.REGISTRY }}\n          username: \${{ github.actor }}\n          password: \${{ secrets.GITHUB_TOKEN }}\n`;
    assert.deepEqual((await one(wf)).findings.filter((f) => f.evidence["scope"] === "packages" && f.severity !== "info"), [], "used: only Scorecard's note about the top remains");
  });

  it("takes a script that logs in, pushes, signs or attests at GitHub's registry as writing packages (cosign sign ghcr.io/…)", async () => {
    const job = (run: string) => `name: I\non: push\npermissions:\n  contents: read\n  packages: write\n  id-token: write\njobs:\n  i:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
    const packages = async (run: string) => (await one(job(run))).findings.filter((f) => f.evidence["scope"] === "packages" && f.severity !== "info").length;
    for (const run of ["cosign sign --yes ghcr.io/acme/app@sha256:abc", "docker push ghcr.io/acme/app:1.0", "echo $T | docker login ghcr.io -u acme --password-stdin", "docker buildx build --push -t ghcr.io/acme/app:1 .", "helm push chart.tgz oci://ghcr.io/acme/charts", "oras push ghcr.io/acme/sbom:1 sbom.json"]) assert.equal(await packages(run), 0, run);
    for (const run of ["docker pull ghcr.io/acme/app:1.0", "cosign verify ghcr.io/acme/app:1.0", "docker push docker.io/acme/app:1.0"]) assert.equal(await packages(run), 1, run);
  });

  it("reads git push after git's own options (git -C dir push) as writing contents", async () => {
    const job = (run: string) => `name: P\non: push\npermissions:\n  contents: write\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
    for (const run of ["git -C ruff push --force origin HEAD", "git -c user.name=bot -c user.email=bot@example.org push", "git --git-dir=.git push"]) assert.deepEqual((await one(job(run))).findings.filter((f) => f.severity !== "info"), [], run);
    assert.deepEqual((await one(job("git -C ruff log --oneline"))).findings.map((f) => f.evidence["scope"]), ["contents"]);
  });

  it("is less sure that contents: write is unused when a script of the repository runs with the token a checkout saved", async () => {
    const job = (checkout: string, run: string) => `name: B\non: push\npermissions:\n  contents: write\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CO}\n${checkout}      - run: ${run}\n`;
    const saved = await one(job("", "./scripts/backport.sh"));
    assert.deepEqual(saved.findings.map((f) => [f.severity, f.confidence]), [["low", "medium"]]);
    assert.match(saved.findings[0]?.message ?? "", /a script of the repository in job `b` runs with the token its checkout saved, and may push/);
    for (const [checkout, run] of [["        with:\n          persist-credentials: false\n", "./scripts/backport.sh"], ["", "make test"]] as const) {
      assert.deepEqual((await one(job(checkout, run))).findings.map((f) => [f.severity, f.confidence]), [["low", "high"]], run);
    }
  });
});
