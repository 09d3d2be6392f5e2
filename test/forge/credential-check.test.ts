// Online verification: only with --online, only read-only "who am I" endpoints, each value asked
// once and only of its own provider; offline nothing is sent.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import type { CredentialVerifier } from "../../src/core/verify.js";
import { credentialVerifier } from "../../src/forge/credential-check.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { rule } from "../../src/rules/secrets/forge-token.js";
import { rule as serviceRule } from "../../src/rules/secrets/service-token.js";
import { FIXTURE_NOW } from "../helpers/run-rule.js";
import { tokens } from "../helpers/secret-tokens.js";
import { tmpRepo } from "../helpers/tmp-repo.js";

const t = tokens(141);
const live = t("«gh:ghp_»");
const revoked = t("«gh:ghp_»");
const slack = `xoxb-${t("«digits:12»")}-${t("«digits:13»")}-${t("«b62:24»")}`;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Stand-ins for api.github.com and slack.com on 127.0.0.1, recording every request. */
async function providers(): Promise<{ url: string; seen: { host: string; method: string; path: string; auth: string }[]; close(): Promise<void> }> {
  const seen: { host: string; method: string; path: string; auth: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const [, host = "", ...rest] = (req.url ?? "/").split("/");
    const path = `/${rest.join("/")}`;
    const auth = String(req.headers.authorization ?? "");
    seen.push({ host, method: req.method ?? "", path, auth: auth.replace(/\S{12,}/, "<token>") });
    if (host === "api.github.com" && path === "/rate_limit") {
      res.writeHead(auth === `Bearer ${live}` ? 200 : 401).end("{}");
    } else if (host === "slack.com" && path === "/api/auth.test") {
      res.writeHead(200).end(JSON.stringify({ ok: false, error: "invalid_auth" }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("credential verification (--online)", () => {
  it("marks a live token verified and a rejected one low, asking each provider's read-only endpoint once per value", async () => {
    const p = await providers();
    try {
      const repo = tmpRepo({ "a.env": `LIVE=${live}\nAGAIN=${live}\nOLD=${revoked}\nSLACK=${slack}\n` });
      dirs.push(repo);
      const credentials = credentialVerifier({ rewrite: (u) => new URL(`${p.url}/${u.host}${u.pathname}`) });
      const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule, serviceRule], now: FIXTURE_NOW, forge: () => ({ reason: "no remote" }), credentials });
      assert.deepEqual(a.findings.map((f) => [f.locations[0]?.startLine, f.evidence.verified, f.severity]), [[1, "valid", "critical"], [2, "valid", "critical"], [3, "invalid", "low"], [4, "invalid", "low"]]);
      assert.match(a.findings[0]!.message, /verified live with the provider$/);
      assert.deepEqual(p.seen.map((s) => [s.host, s.method, s.path]).sort(), [["api.github.com", "GET", "/rate_limit"], ["api.github.com", "GET", "/rate_limit"], ["slack.com", "POST", "/api/auth.test"]]);
    } finally {
      await p.close();
    }
  });

  it("sends nothing offline", async () => {
    let asked = 0;
    const spy: CredentialVerifier = { verify: async () => (asked++, "valid") };
    const repo = tmpRepo({ "a.env": `LIVE=${live}\n` });
    dirs.push(repo);
    const a = await scan({ path: repo, policy: defaultPolicy(), rules: [rule], now: FIXTURE_NOW, credentials: spy });
    assert.equal(asked, 0);
    assert.equal(a.findings[0]!.evidence.verified, undefined);
  });

  it("answers unknown for providers it cannot ask, and when the provider cannot be reached", async () => {
    const v = credentialVerifier({ timeoutMs: 500, rewrite: () => new URL("http://127.0.0.1:9/unreachable") });
    assert.equal(await v.verify("aws-access-key-id", `AKIA${t("«b32:16»")}`), "unknown");
    assert.equal(await v.verify("github-pat-classic", live), "unknown");
  });
});
