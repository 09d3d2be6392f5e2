import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/registry-token.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(31);

describe("secrets/registry-token", () => {
  it("reports an npm token in .npmrc (checksum verified) and a PyPI token in .pypirc", async () => {
    const { findings } = await run({ ".npmrc": `//registry.npmjs.org/:_authToken=${t("«gh:npm_»")}\n`, ".pypirc": `[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc${t("«b64url:120»")}\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence.detector, f.evidence.revoke]), [
      [".npmrc", "npm-token", "https://docs.npmjs.com/revoking-access-tokens"],
      [".pypirc", "pypi-token", "https://pypi.org/manage/account/token/"],
    ]);
  });

  it("reports an npm-shaped value with a wrong checksum at low severity and ignores an environment reference", async () => {
    const { findings } = await run({ ".npmrc": `//a/:_authToken=${t("«ghbad:npm_»")}\n//b/:_authToken=\${NPM_TOKEN}\n` });
    assert.deepEqual(findings.map((f) => [f.evidence.detector, f.severity, f.locations[0]!.startLine]), [["npm-token", "low", 1]]);
  });

  it("decodes a Docker config's auth and reports the registry password", async () => {
    const auth = Buffer.from(`ci:${t("«b62:24»")}`).toString("base64");
    const { findings } = await run({ ".docker/config.json": `{"auths": {"ghcr.io": {"auth": "${auth}"}}}\n` });
    assert.deepEqual(findings.map((f) => f.evidence.detector), ["docker-config-auth"]);
  });
});
