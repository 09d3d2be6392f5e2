import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/cache-poisoning.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const wf = (on: string, steps: string) => `name: C\non:\n${on}permissions:\n  contents: read\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const SETUP_NODE = "      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0\n        with:\n          cache: npm\n";

describe("workflows/cache-poisoning", () => {
  it("reports caches restored in tag-release, release-event and publishing jobs, at the action", async () => {
    const tag = await one(wf("  push:\n    tags: ['v*']\n", SETUP_NODE));
    assert.deepEqual(where(tag.findings), [[11, 15]]);
    assert.match(tag.findings[0]?.message ?? "", /runs on pushed release tags/);
    const publish = await one(wf("  push:\n    branches: [main]\n", "      - uses: Swatinem/rust-cache@9d47c6ad4b02e050fd481d890b2ea34778fd09d6 # v2.7.8\n      - run: cargo publish\n"));
    assert.match(publish.findings[0]?.message ?? "", /publishes \(step 2 \(run\)\)/);
  });

  it("spans what zizmor's finding spans (the action's step, and the `on:` of a release workflow or the publishing step), so its ignore comments there hold", async () => {
    const tag = await one(wf("  push:\n    tags: ['v*']\n", SETUP_NODE));
    assert.deepEqual(tag.findings[0]?.locations.map((l) => [l.startLine, l.endLine]), [[11, 11], [11, 13], [2, 4]]);
    const at = async (on: string, steps: string) => (await one(wf(on, steps))).findings.map((f) => f.status);
    assert.deepEqual(await at("  push: # zizmor: ignore[cache-poisoning] no cache is written on tags\n    tags: ['v*']\n", SETUP_NODE), ["suppressed"]);
    assert.deepEqual(await at("  push:\n    tags: ['v*']\n", SETUP_NODE.replace("cache: npm", "cache: npm # zizmor: ignore[cache-poisoning]")), ["suppressed"]);
    const PUBLISH = "      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4\n";
    assert.deepEqual(await at("  push:\n    branches: [main]\n", `${SETUP_NODE}${PUBLISH.replace("# v1.12.4", "# v1.12.4 zizmor: ignore[cache-poisoning]")}`), ["suppressed"]);
    assert.deepEqual(await at("  push:\n    branches: [main]\n", `${SETUP_NODE}${PUBLISH}`), ["open"]);
  });

  it("takes a GoReleaser snapshot, a build or a release with publishing skipped for a local build, and a plain release for a publish", async () => {
    const on = "  push:\n    branches: [main]\n  pull_request:\n";
    const GO = "      - uses: actions/setup-go@3041bf56c941b39c61721a86cd11f3bb1338122a # v5.2.0\n";
    const action = (args: string) => `${GO}      - uses: goreleaser/goreleaser-action@9ed2f89a662bf1735a48bc8557fd212fa902bebf # v6.1.0\n        with:\n          args: ${args}\n`;
    const local = await Promise.all(["release --snapshot --clean", "build --single-target", "release --clean --skip=publish"].map((a) => one(wf(on, action(a)))));
    const command = await one(wf(on, `${GO}      - run: goreleaser release --snapshot --clean\n`));
    assert.deepEqual([...local, command].map((r) => r.findings), [[], [], [], []]);
    const release = await one(wf(on, action("release --clean")));
    assert.match(release.findings[0]?.message ?? "", /publishes \(step 2 \(goreleaser\/goreleaser-action@/);
    const released = await one(wf(on, `${GO}      - run: goreleaser release --clean\n`));
    assert.deepEqual(released.findings.map((f) => f.locations[0]?.startLine), [12]);
  });

  it("takes a push to a release branch for a release only where the workflow publishes (cosign's tests run on release-* and publish nothing)", async () => {
    const on = "  push:\n    branches: [main, 'release-*']\n";
    assert.deepEqual((await one(wf(on, `${SETUP_NODE}      - run: npm test\n`))).findings, []);
    const publishing = `name: C\non:\n${on}permissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${SETUP_NODE}      - run: npm test\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n`;
    assert.deepEqual((await one(publishing)).findings.map((f) => f.locations[0]?.startLine), [11]);
  });

  it("leaves a privileged job that runs a fork's code to dangerous-triggers while its cache is read-only, as GitHub makes it for outsiders' events since June 2026", async () => {
    const head = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";
    const cache = "      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3\n        with:\n          path: x\n          key: k\n";
    assert.deepEqual((await one(wf("  pull_request_target:\n", head + cache))).findings, []);
    // `cache-mode: read` states the default.
    assert.deepEqual((await one(wf("  pull_request_target:\n", head + cache).replace("permissions:", "cache-mode: read\npermissions:"))).findings, []);
  });

  it("reports `cache-mode: write` or `write-only` on a job outsiders' events run, at the key, as zizmor does, and says when the job also runs a fork's code", async () => {
    const head = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n";
    const top = await one(wf("  pull_request_target:\n", head + "      - run: make\n").replace("permissions:", "cache-mode: write\npermissions:"));
    assert.deepEqual(top.findings.map((f) => [f.locations.map((l) => l.startLine), f.severity, f.confidence]), [[[4, 8], "high", "high"]]);
    assert.match(top.findings[0]?.message ?? "", /^job `r` in \.github\/workflows\/ci\.yml runs on `pull_request_target`, which outsiders can start, and `cache-mode: write` at the workflow's top lets it save to the default branch's cache.*checks out the pull request's code \(step 1/);
    // On the job; an issue_comment workflow without any checkout still saves what its steps leave.
    const job = await one("name: C\non: issue_comment\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    cache-mode: write-only\n    steps:\n      - run: echo hi\n");
    assert.deepEqual(job.findings.map((f) => [f.locations[0]?.startLine, f.evidence["cacheMode"]]), [[7, "write-only"]]);
    assert.doesNotMatch(job.findings[0]?.message ?? "", /fork's code decides/);
    // A job's `read` overrides the workflow's `write`; push and pull_request runs are GitHub's write-access events.
    const lowered = await one("name: C\non: pull_request_target\ncache-mode: write\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    cache-mode: read\n    steps:\n      - run: echo hi\n");
    const trusted = await one(wf("  push:\n  pull_request:\n", "      - run: make\n").replace("permissions:", "cache-mode: write\npermissions:"));
    assert.deepEqual([lowered.findings, trusted.findings], [[], []]);
    // zizmor's ignore comment on the `cache-mode:` line holds.
    const ignored = await one(wf("  pull_request_target:\n", "      - run: make\n").replace("permissions:", "cache-mode: write # zizmor: ignore[cache-poisoning]\npermissions:"));
    assert.deepEqual(ignored.findings.map((f) => f.status), ["suppressed"]);
  });

  it("stays quiet on a release job whose `cache-mode` (its own over the workflow's) is `none` or `write-only`: it restores nothing", async () => {
    const none = await one(wf("  release:\n", SETUP_NODE).replace("permissions:", "cache-mode: none\npermissions:"));
    const jobNone = await one(wf("  release:\n", SETUP_NODE).replace("permissions:", "cache-mode: write\npermissions:").replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    cache-mode: none\n"));
    const writeOnly = await one(wf("  release:\n", SETUP_NODE).replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    cache-mode: write-only\n"));
    assert.deepEqual([none.findings, jobNone.findings, writeOnly.findings], [[], [], []]);
    // `read` restores: still reported.
    const read = await one(wf("  release:\n", SETUP_NODE).replace("permissions:", "cache-mode: read\npermissions:"));
    assert.equal(read.findings.length, 1);
  });

  it("stays quiet in a pull_request_target job that builds only the base branch, as a push job would", async () => {
    const base = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n";
    const { findings } = await one(wf("  pull_request_target:\n", base + SETUP_NODE + "      - run: npm ci && npm run build\n"));
    assert.deepEqual(findings, []);
  });

  it("stays quiet when the cache is off, lookup-only, or the job neither releases nor runs for outsiders", async () => {
    const off = await one(wf("  release:\n", "      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0\n      - uses: actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5 # v5.5.0\n        with:\n          cache: false\n      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3\n        with:\n          lookup-only: true\n"));
    const ci = await one(wf("  push:\n    branches: [main]\n  pull_request:\n", SETUP_NODE));
    assert.deepEqual([off.findings, ci.findings], [[], []]);
  });

  it("leaves docker/build-push-action's `cache-from: type=gha` layer cache alone, as zizmor does (GitHub's docker-publish starter shape), and reports setup-buildx caching the buildx it downloads for `version:`", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "docker-publish"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.locations[0]?.startLine]), [[".github/workflows/release-image.yml", 17]]);
    assert.match(findings[0]?.message ?? "", /restores a cache \(docker\/setup-buildx-action: the buildx binary it downloads for `version:`, cached unless `cache-binary: false`\) in a job that publishes/);
    assert.match(findings[0]?.fix ?? "", /set `cache-binary: false`/);
  });

  it("says low confidence when an expression decides whether the cache is used", async () => {
    const { findings } = await one(wf("  release:\n", "      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0\n        with:\n          cache: ${{ inputs.cache }}\n"));
    assert.deepEqual(findings.map((f) => f.confidence), ["low"]);
  });

  it("follows each setup action's default by major version: setup-go v3 off unless cache: true, v4+ on", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "setup-defaults-by-version"));
    assert.deepEqual(findings.map((f) => f.locations[0]?.startLine), [28]);
    const v3on = await one(wf("  release:\n", "      - uses: actions/setup-go@6edd4406fa81c3da01a34fa6f6343087c207a568 # v3.5.0\n        with:\n          cache: true\n"));
    assert.equal(v3on.findings.length, 1);
  });

  it("takes setup-node v5+ as caching on its own when package.json names its package manager (npm only from v6)", async () => {
    const node = (tag: string, extra = "") => wf("  release:\n", `      - uses: actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903 # ${tag}\n${extra}`);
    const npm = { "package.json": '{"name":"x","packageManager":"npm@10.9.0"}' };
    const yarn = { "package.json": '{"name":"x","devEngines":{"packageManager":{"name":"yarn"}}}' };
    const v6 = await one(node("v6.0.0"), npm);
    assert.match(v6.findings[0]?.message ?? "", /on its own because package.json names its package manager/);
    assert.match(v6.findings[0]?.fix ?? "", /package-manager-cache: false/);
    assert.deepEqual((await one(node("v6.0.0"), yarn)).findings, []);
    assert.equal((await one(node("v5.0.0"), yarn)).findings.length, 1);
    assert.deepEqual((await one(node("v4.4.0"), npm)).findings, []);
    assert.deepEqual((await one(node("v6.0.0", "        with:\n          package-manager-cache: false\n"), npm)).findings, []);
    assert.deepEqual((await one(node("v6.0.0"))).findings, []);
    const unread = await one(node("v6.0.0"), { "package.json": "{ not json" });
    assert.deepEqual(unread.findings.map((f) => f.confidence), ["low"]);
    assert.match(unread.findings[0]?.message ?? "", /if package\.json \(which could not be read\) names a package manager/);
  });

  it("takes setup-uv v5 to v9 as caching on its own (enable-cache: auto), and v10 as not on release events and tag pushes", async () => {
    const uv = (on: string, tag: string, extra = "") => wf(on, `      - uses: astral-sh/setup-uv@e92bafb6253dcd438e0484186d7669ea7a8ca1cc # ${tag}\n${extra}      - run: uv build && uv publish\n`);
    const v5 = await one(uv("  release:\n", "v5.4.1"));
    assert.deepEqual(where(v5.findings), [[10, 15]]);
    assert.match(v5.findings[0]?.message ?? "", /on its own: `enable-cache` defaults to `auto`/);
    assert.match(v5.findings[0]?.fix ?? "", /enable-cache: false/);
    assert.equal((await one(uv("  release:\n", "v7.1.0", "        with:\n          enable-cache: auto\n"))).findings.length, 1);
    assert.deepEqual((await one(uv("  release:\n", "v6.0.0", "        with:\n          enable-cache: false\n"))).findings, []);
    assert.deepEqual((await one(uv("  release:\n", "v4.2.0"))).findings, []);
    assert.deepEqual((await one(uv("  release:\n", "v10.0.1"))).findings, []);
    assert.deepEqual((await one(uv("  push:\n    tags: ['v*']\n", "v10.0.1"))).findings, []);
    assert.equal((await one(uv("  push:\n    tags: ['v*']\n  workflow_dispatch:\n", "v10.0.1"))).findings.length, 1);
    assert.equal((await one(uv("  release:\n", "v10.0.1", "        with:\n          enable-cache: true\n"))).findings.length, 1);
  });

  it("takes docker/build-push-action with push: true (or an expression) and changesets/action with publish: for a publishing step", async () => {
    const GO = "      - uses: actions/setup-go@d35c59abb061a4a6fb18e82ac0862c26744d6ab5 # v5.5.0\n";
    const on = "  push:\n    branches: [main]\n";
    const image = (push: string) => wf(on, `${GO}      - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0\n        with:\n          context: .\n${push}`);
    const pushed = await one(image("          push: true\n"));
    assert.match(pushed.findings[0]?.message ?? "", /in a job that publishes \(step 2 \(docker\/build-push-action@/);
    assert.equal((await one(image("          push: ${{ github.event_name != 'pull_request' }}\n"))).findings.length, 1);
    assert.deepEqual((await one(image(""))).findings, []);
    assert.deepEqual((await one(image("          push: false\n"))).findings, []);
    const changesets = (publish: string) => wf(on, `${SETUP_NODE}      - uses: changesets/action@e0145edc7d9d8679003495b11f87bd8ef63c0cba # v1.5.3\n${publish}`);
    assert.equal((await one(changesets("        with:\n          publish: pnpm release\n"))).findings.length, 1);
    assert.deepEqual((await one(changesets(""))).findings, []);
  });
});
