import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultPolicy } from "../../../src/policy/policy-file.js";
import { githubConnector } from "../../../src/forge/connect.js";
import { scan } from "../../../src/api/scan.js";
import { rule } from "../../../src/rules/repo/branch-protection.js";
import { startForgeServer, type Routes } from "../../helpers/forge-server.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { git, tmpRepo } from "../../helpers/tmp-repo.js";

const BASE = "/repos/acme/widget";

/** Scans a repository whose origin is acme/widget against canned forge answers. */
async function online(routes: Routes) {
  const dir = tmpRepo({ "README.md": "# w\n" });
  git(dir, "remote", "add", "origin", "git@github.com:acme/widget.git");
  const server = await startForgeServer(routes);
  try {
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule], now: new Date("2026-06-01T00:00:00Z"), forge: githubConnector({ apiUrl: server.url }) });
    return { a, findings: a.findings.map((f) => [f.evidence.branch, f.message, f.severity]), outcome: a.rules[0]?.outcome, reason: a.rules[0]?.reason };
  } finally {
    await server.close();
  }
}

const protectedClassic = (over: Record<string, unknown>): Routes => ({
  [BASE]: { default_branch: "trunk" },
  [`${BASE}/branches/trunk`]: { protected: true },
  [`${BASE}/rules/branches/trunk`]: [],
  [`${BASE}/branches/trunk/protection`]: { required_status_checks: { contexts: ["ci"] }, required_pull_request_reviews: { required_approving_review_count: 1 }, allow_force_pushes: { enabled: false }, allow_deletions: { enabled: false }, ...over },
});

describe("repo/branch-protection", () => {
  it("reports an unprotected default branch once, with its name", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => f.message), ["the default branch `main` has no protection: force pushes, deletion and unreviewed pushes are all allowed"]);
  });

  it("passes a fully protected branch seen through classic protection", async () => {
    assert.equal((await online(protectedClassic({}))).outcome, "pass");
  });

  it("reports each weak classic setting it can see", async () => {
    const r = await online(protectedClassic({ allow_force_pushes: { enabled: true }, allow_deletions: { enabled: true }, required_pull_request_reviews: undefined, required_status_checks: null }));
    assert.deepEqual(r.findings.map((f) => f[1]).sort(), [
      "the default branch `trunk` allows force pushes, which can rewrite released history",
      "the default branch `trunk` can be deleted",
      "changes to `trunk` need no approving review before they merge",
      "changes to `trunk` can merge without passing status checks",
    ].sort());
  });

  it("does not pass settings an admin-only endpoint hides, and passes what rulesets show", async () => {
    const routes = protectedClassic({});
    routes[`${BASE}/branches/trunk/protection`] = { $status: 404 };
    const hidden = await online(routes);
    assert.equal(hidden.outcome, "incomplete");
    assert.equal(hidden.reason, "`trunk` is protected, but no ruleset shows whether it blocks force pushes, deletion, pushes without an approving review, merges without passing status checks: classic branch protection says, and only a token with admin rights on the repository can read it");
    assert.equal(hidden.a.checks.find((c) => c.id === "Branch-Protection")?.status, "incomplete");
    routes[`${BASE}/rules/branches/trunk`] = [{ type: "non_fast_forward" }, { type: "deletion" }, { type: "pull_request", parameters: { required_approving_review_count: 1 } }, { type: "required_status_checks" }];
    assert.equal((await online(routes)).outcome, "pass");
    routes[`${BASE}/rules/branches/trunk`] = [{ type: "non_fast_forward" }, { type: "deletion" }, { type: "pull_request", parameters: { required_approving_review_count: 1 } }];
    assert.match((await online(routes)).reason ?? "", /whether it blocks merges without passing status checks:/);
  });

  it("skips archived repositories and reports forge refusals as not available", async () => {
    assert.equal((await online({ [BASE]: { default_branch: "main", archived: true } })).outcome, "not-applicable");
    const limited = await online({ [BASE]: { $status: 429 } });
    assert.equal(limited.outcome, "not-available");
    assert.match(limited.reason ?? "", /rate limit/);
  });
});
