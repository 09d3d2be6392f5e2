// Offline is the default and a guarantee: without --online no rule reaches the network, even
// with a forge configured. With --online, network rules ask the forge (a local stand-in here).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { startForgeServer } from "../helpers/forge-server.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";

const routes = JSON.parse(readFileSync(new URL("../fixtures/repo/branch-protection/bad/forge.json", import.meta.url), "utf8")) as Record<string, unknown>;

async function scanJson(args: string[], cwd: string, env: Record<string, string>) {
  let out = "";
  let err = "";
  const code = await cli(["scan", ".", "--format", "json", ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env });
  return { code, err, a: out ? (JSON.parse(out) as { offline: boolean; rules: { id: string; outcome: string; reason?: string }[]; checks: { id: string; status: string }[] }) : undefined };
}

describe("network rules", () => {
  it("never touch the network without --online, even with a forge configured", async () => {
    const dir = tmpRepo({ "README.md": "# w\n" });
    git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
    const server = await startForgeServer(routes);
    try {
      const { a } = await scanJson([], dir, { ASSAY_GITHUB_API: server.url, GITHUB_TOKEN: "t" });
      assert.deepEqual(server.requests, []);
      assert.equal(a?.offline, true);
      const bp = a?.rules.find((r) => r.id === "repo/branch-protection");
      assert.equal(bp?.outcome, "not-available");
      assert.match(bp?.reason ?? "", /--online/);
      assert.equal(a?.checks.find((c) => c.id === "Branch-Protection")?.status, "not-available");
    } finally {
      await server.close();
    }
  });

  it("ask the forge with --online", async () => {
    const dir = tmpRepo({ "README.md": "# w\n" });
    git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
    const server = await startForgeServer(routes);
    try {
      const { a } = await scanJson(["--online", "--rule", "repo/branch-protection"], dir, { ASSAY_GITHUB_API: server.url });
      assert.ok(server.requests.includes("/repos/acme/widget/branches/main"));
      assert.equal(a?.offline, false);
      assert.equal(a?.rules[0]?.outcome, "fail");
      assert.equal(a?.checks.find((c) => c.id === "Branch-Protection")?.status, "scored");
    } finally {
      await server.close();
    }
  });

  it("say why they cannot run online without a GitHub origin", async () => {
    const dir = tmpRepo({ "README.md": "# w\n" });
    const none = await scanJson(["--online", "--rule", "repo/code-review"], dir, { ASSAY_GITHUB_API: "http://127.0.0.1:9" });
    assert.match(none.a?.rules[0]?.reason ?? "", /no `origin` remote/);
    git(dir, "remote", "add", "origin", "https://gitlab.com/acme/widget.git");
    const other = await scanJson(["--online", "--rule", "repo/code-review"], dir, { ASSAY_GITHUB_API: "http://127.0.0.1:9" });
    assert.match(other.a?.rules[0]?.reason ?? "", /not on GitHub/);
  });

  it("report an unreachable forge as not available, not as a crash", async () => {
    const dir = tmpRepo({ "README.md": "# w\n" });
    git(dir, "remote", "add", "origin", "https://github.com/acme/widget.git");
    const { code, a } = await scanJson(["--online", "--rule", "repo/code-review"], dir, { ASSAY_GITHUB_API: "http://127.0.0.1:9" });
    assert.equal(code, 0);
    assert.equal(a?.rules[0]?.outcome, "not-available");
    assert.match(a?.rules[0]?.reason ?? "", /unreachable/);
  });

  it("refuse --online together with --offline", async () => {
    const { code, err } = await scanJson(["--online", "--offline"], tmpRepo({ "a": "a" }), {});
    assert.equal(code, 2);
    assert.match(err, /contradict/);
  });
});
