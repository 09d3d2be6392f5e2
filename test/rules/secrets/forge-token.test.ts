import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { scan } from "../../../src/api/scan.js";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { FAMILIES } from "../../../src/rules/index.js";
import { rule } from "../../../src/rules/secrets/forge-token.js";
import { FIXTURE_NOW, ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";
import { git, tmpDir, tmpRepo } from "../../helpers/tmp-repo.js";

const run = ruleRunner(rule);
const t = tokens(11);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("secrets/forge-token", () => {
  it("reports a GitHub token at its position with a masked snippet, a hash and the steps in order, never the value", async () => {
    const token = t("«gh:ghp_»");
    const { findings } = await run({ "scripts/release.sh": `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n` });
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.message, "GitHub personal access token (classic)");
    assert.deepEqual(f.locations, [{ path: "scripts/release.sh", startLine: 2, startColumn: 21, endLine: 2, endColumn: 60 }]);
    assert.equal(f.snippet, `export GITHUB_TOKEN=${token.slice(0, 4)}********`);
    assert.equal(f.severity, "critical");
    assert.equal(f.evidence.detector, "github-pat-classic");
    assert.match(String(f.evidence.secretHash), /^[0-9a-f]{64}$/);
    assert.match(f.fix ?? "", /^1\. Revoke or rotate it now at https:\/\/github\.com\/settings\/tokens[\s\S]*\n2\. Remove it[\s\S]*purge it from the git history[\s\S]*\n3\. Add assay's pre-commit hook/);
    assert.ok(!JSON.stringify(findings).includes(token.slice(4)));
  });

  it("reports a token whose checksum is wrong at low severity: made up, altered or cut short", async () => {
    const { findings } = await run({ "a.sh": `GITHUB_TOKEN=${t("«ghbad:ghp_»")}\n` });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.severity]), [["github-pat-classic", "low"]]);
    assert.match(findings[0]!.message, /checksum does not match/);
  });

  it("finds a token base64-encoded in a Kubernetes Secret, located at the encoded value", async () => {
    const token = t("«gh:gho_»");
    const encoded = Buffer.from(token).toString("base64");
    const { findings } = await run({ "k8s/secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gh\ndata:\n  token: ${encoded}\n` });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "GitHub OAuth access token (base64-encoded)");
    assert.equal(findings[0]!.locations[0]!.startLine, 6);
    assert.equal(findings[0]!.evidence.encoding, "base64");
    assert.ok(!findings[0]!.snippet!.includes(encoded), "the encoded blob is masked too");
  });

  it("scans test, example and documentation paths at low confidence, never skipping them", async () => {
    const { findings } = await run({ "test/fixtures/config.json": `{"token": "${t("«gh:ghp_»")}"}\n`, "docs/setup.md": `Use \`${t("«gh:ghs_»")}\`\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.confidence, f.evidence.pathKind]), [["docs/setup.md", "low", "documentation"], ["test/fixtures/config.json", "low", "test"]]);
    assert.match(findings[1]!.message, /\(in a test file\)$/);
  });

  it("reports a CircleCI status badge's token at low severity, and the same token assigned at its own", async () => {
    const hex = t("«hex:40»");
    const { findings } = await run({ "README.md": `[![CircleCI](https://circleci.com/gh/acme/app.svg?style=svg&circle-token=${hex})](https://circleci.com/gh/acme/app)\n`, "ci.env": `CIRCLE_TOKEN=${hex}\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]!.path, f.severity]), [["README.md", "low"], ["ci.env", "high"]]);
    assert.match(findings[0]!.message, /status badge/);
  });

  it("honours an inline suppression on the line or the line above", async () => {
    const { assessment } = await run({ "a.sh": `# assay: ignore[secrets/forge-token] rotated test token\nGITHUB_TOKEN=${t("«gh:ghp_»")}\n` });
    assert.deepEqual(assessment.findings.map((f) => [f.status, f.statusReason]), [["suppressed", "rotated test token"]]);
  });

  it("skips vendored files with a count in the report, and scans them when the policy asks", async () => {
    const files = { "node_modules/lib/index.js": `const t = "${t("«gh:ghp_»")}";\n`, "README.md": "# x\n" };
    const skipped = await run(files);
    assert.deepEqual(skipped.findings, []);
    assert.ok(skipped.assessment.diagnostics.some((d) => d.code === "scan-skipped-files" && /1 file not scanned in full: 1 vendored/.test(d.message)));
    const repo = tmpRepo(files);
    dirs.push(repo);
    const policy = defaultPolicy();
    policy.secrets.scanVendored = true;
    const a = await scan({ path: repo, policy, rules: [rule], now: FIXTURE_NOW });
    assert.equal(a.findings.length, 1);
  });

  it("searches minified and bundled files for tokens with a fixed prefix only, and all of them when the policy asks", async () => {
    const token = t("«gh:ghp_»");
    const bundle = `!function(){var a={token:"${token}",password:"${t("«b62:20»")}"};${"x".repeat(6000)}}();\n`;
    const files = { "dist/app.js": bundle, "static/vendor.min.js": `var p={password:"${t("«b62:20»")}"};\n`, "README.md": "# x\n" };
    const repo = tmpRepo(files);
    dirs.push(repo);
    const secrets = FAMILIES.filter((f) => f.id === "secrets").flatMap((f) => f.rules);
    const a = await scan({ path: repo, policy: defaultPolicy(), rules: secrets, now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.locations[0]?.path]), [["secrets/forge-token", "dist/app.js"]], "the prefixed token in the bundle, not the generic passwords");
    assert.ok(a.diagnostics.some((d) => d.code === "scan-skipped-files" && /2 files not scanned in full: 2 minified or bundled \(searched only for tokens with a fixed prefix/.test(d.message)), JSON.stringify(a.diagnostics));
    const policy = defaultPolicy();
    policy.secrets.scanMinified = true;
    const all = await scan({ path: repo, policy, rules: secrets, now: FIXTURE_NOW });
    assert.deepEqual(all.findings.filter((f) => f.ruleId === "secrets/generic-credential").map((f) => f.locations[0]?.path).sort(), ["dist/app.js", "static/vendor.min.js"]);
  });

  it("searches a server bundle for a database URL with its password to a real host, not for one to localhost or an example domain", async () => {
    const pad = "x".repeat(6000);
    const real = t("«b62:20»");
    const files = {
      "dist/server.js": `"use strict";var c={url:"postgres://app:${real}@db.prod.acme-corp.io:5432/app"};${pad}
`,
      "dist/dev.js": `var c={url:"postgres://app:${t("«b62:20»")}@localhost:5432/app",doc:"mysql://root:${t("«b62:20»")}@db.example.com/app"};${pad}
`,
    };
    const repo = tmpRepo(files);
    dirs.push(repo);
    const secrets = FAMILIES.filter((f) => f.id === "secrets").flatMap((f) => f.rules);
    const a = await scan({ path: repo, policy: defaultPolicy(), rules: secrets, now: FIXTURE_NOW });
    assert.deepEqual(a.findings.map((f) => [f.ruleId, f.severity, f.locations[0]?.path]), [["secrets/database-credential", "high", "dist/server.js"]]);
    assert.ok(!JSON.stringify(a).includes(real), "the password is masked");
    // In a file people write, the local one is still reported (low) and the example one as an example.
    const policy = defaultPolicy();
    policy.secrets.scanMinified = true;
    const all = await scan({ path: repo, policy, rules: secrets, now: FIXTURE_NOW });
    assert.deepEqual(all.findings.map((f) => [f.ruleId, f.severity, f.locations[0]?.path]).sort(), [["secrets/database-credential", "high", "dist/server.js"], ["secrets/database-credential", "low", "dist/dev.js"], ["secrets/example-credential", "info", "dist/dev.js"]].sort());
  });

  it("reads large files in chunks and still finds a token near a chunk boundary, on worker threads", async () => {
    const token = t("«gh:ghp_»");
    const line = "x".repeat(99) + "\n";
    const big = line.repeat(83_886) + `token=${token}\n` + line.repeat(10);
    const repo = tmpRepo({ "data/big.txt": big, "small.env": `GH_TOKEN=${t("«gh:ghu_»")}\n` });
    dirs.push(repo);
    const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, workers: 2, inlineScan: 0 });
    assert.deepEqual(a.findings.map((f) => [f.locations[0]!.path, f.locations[0]!.startLine]), [["data/big.txt", 83_887], ["small.env", 1]]);
  });

  describe("history (--history)", () => {
    it("reports a removed token once, at the commit that introduced it, with how many commits added it", async () => {
      const token = t("«gh:ghp_»");
      const repo = tmpRepo({ "README.md": "# app\n" });
      dirs.push(repo);
      const commit = (files: Record<string, string>, message: string, date: string): void => {
        for (const [p, c] of Object.entries(files)) writeFileSync(join(repo, p), c);
        git(repo, "add", "-A");
        git(repo, "-c", `user.name=t`, "commit", "-qm", message, "--date", date);
      };
      commit({ "deploy.sh": `GITHUB_TOKEN=${token}\n` }, "add deploy", "2024-01-02T10:00:00Z");
      commit({ "release.sh": `GITHUB_TOKEN=${token}\n` }, "copy it", "2024-01-03T10:00:00Z");
      commit({ "deploy.sh": "GITHUB_TOKEN=${GITHUB_TOKEN}\n", "release.sh": "GITHUB_TOKEN=${GITHUB_TOKEN}\n" }, "use the environment", "2024-01-04T10:00:00Z");
      const intro = git(repo, "rev-list", "--reverse", "HEAD").split("\n")[1]!;
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, history: {} });
      assert.equal(a.findings.length, 1);
      const f = a.findings[0]!;
      assert.equal(f.message, `GitHub personal access token (classic) committed in ${intro.slice(0, 12)} (2024-01-02), added by 2 commits in all; no longer in the checkout, but still in the history`);
      assert.deepEqual(f.locations[0], { path: "deploy.sh", startLine: 1, startColumn: 14, endLine: 1, endColumn: 53 });
      assert.deepEqual([f.evidence.presentAtHead, f.evidence.introducedIn, f.evidence.commits], [false, intro, 2]);
      const none = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW });
      assert.deepEqual(none.findings, [], "without --history only the checkout is read");
    });

    it("reports a token still in the checkout there, saying where it entered the history; a baseline says it is still present", async () => {
      const token = t("«gh:ghp_»");
      const repo = tmpRepo({ "ci.env": `GH_TOKEN=${token}\n` });
      dirs.push(repo);
      git(repo, "checkout", "-qb", "topic");
      writeFileSync(join(repo, "other.env"), `X_TOKEN=${t("«gh:ghs_»")}\n`);
      git(repo, "add", "-A");
      git(repo, "commit", "-qm", "on a branch");
      git(repo, "rm", "-q", "other.env");
      git(repo, "commit", "-qm", "gone");
      git(repo, "checkout", "-q", "main");
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, history: {} });
      assert.deepEqual(a.findings.map((f) => [f.locations[0]!.path, f.evidence.presentAtHead]), [["ci.env", true], ["other.env", false]], "every ref is read, not only HEAD");
      const baselined = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, baseline: new Set([a.findings[0]!.fingerprint]) });
      assert.equal(baselined.findings[0]!.status, "baselined");
      assert.match(baselined.findings[0]!.statusReason ?? "", /still present at HEAD/);
    });

    it("passes a repository with no commits yet, with a note: nothing to read is not 'could not read'", async () => {
      const repo = tmpDir({ "README.md": "# app\n" });
      dirs.push(repo);
      git(repo, "init", "-q");
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, history: {} });
      assert.equal(a.rules.find((r) => r.id === rule.meta.id)?.outcome, "pass");
      assert.ok(a.diagnostics.some((d) => d.code === "history-empty"));
    });

    it("reads the other refs when HEAD is an orphan branch without commits", async () => {
      const repo = tmpRepo({ "old.env": `GH_TOKEN=${t("«gh:ghp_»")}\n` });
      dirs.push(repo);
      git(repo, "checkout", "-q", "--orphan", "fresh");
      git(repo, "rm", "-rqf", ".");
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, history: {} });
      assert.deepEqual(a.findings.map((f) => f.locations[0]!.path), ["old.env"]);
      assert.ok(!a.diagnostics.some((d) => d.code === "history-empty"));
    });

    it("leaves out what the policy excludes in past commits too, as in the checkout", async () => {
      const repo = tmpRepo({ "README.md": "# app\n" });
      dirs.push(repo);
      writeFileSync(join(repo, "fixture.env"), `GH_TOKEN=${t("«gh:ghp_»")}\n`);
      writeFileSync(join(repo, "deploy.env"), `GH_TOKEN=${t("«gh:ghs_»")}\n`);
      git(repo, "add", "-A");
      git(repo, "commit", "-qm", "add both");
      git(repo, "rm", "-q", "fixture.env", "deploy.env");
      git(repo, "commit", "-qm", "remove both");
      const a = await scan({ path: repo, policy: { ...defaultPolicy(), exclude: ["fixture.env"] }, rules: [rule], now: FIXTURE_NOW, history: {} });
      assert.deepEqual(a.findings.map((f) => f.locations[0]!.path), ["deploy.env"]);
    });
  });

  describe("diff mode (--diff BASE)", () => {
    it("keeps only tokens on lines added since the base, and counts the rest", async () => {
      const repo = tmpRepo({ "old.env": `GH_TOKEN=${t("«gh:ghp_»")}\n` });
      dirs.push(repo);
      git(repo, "checkout", "-qb", "feature");
      writeFileSync(join(repo, "old.env"), `GH_TOKEN=${t("«gh:ghp_»")}\nNEW_TOKEN=${t("«gh:ghu_»")}\n`.replace(/^GH_TOKEN=.*\n/, (l) => l));
      writeFileSync(join(repo, "new.env"), `TOKEN=${t("«gh:gho_»")}\n`);
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, diff: { base: "main" } });
      assert.deepEqual(a.findings.map((f) => [f.locations[0]!.path, f.locations[0]!.startLine]), [["new.env", 1], ["old.env", 1], ["old.env", 2]]);
      await assert.rejects(scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, diff: { base: "no-such-branch" } }), (e: Error & { code?: string }) => e.code === "DIFF_BASE_UNKNOWN");
    });
  });
});
