import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/secrets/jwt.js";
import { ruleRunner } from "../../helpers/run-rule.js";
import { tokens } from "../../helpers/secret-tokens.js";

const run = ruleRunner(rule);
const t = tokens(71);

describe("secrets/jwt", () => {
  it("reports a signed JWT at medium severity and a Supabase service_role key as critical", async () => {
    const user = t('«jwt:{"alg":"RS256","typ":"JWT"}|{"sub":"u-1","exp":1900000000}»');
    const service = t('«jwt:{"alg":"HS256","typ":"JWT"}|{"iss":"supabase","role":"service_role"}»');
    const { findings } = await run({ "src/a.ts": `export const A = "${user}";\nexport const B = "${service}";\n` });
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.severity]), [[1, "medium"], [2, "critical"]]);
  });

  it("stays quiet on a Supabase anon key, jwt.io's sample and base64 that is not a JWT", async () => {
    const anon = t('«jwt:{"alg":"HS256","typ":"JWT"}|{"iss":"supabase","role":"anon"}»');
    const sample = t('«jwt:{"alg":"HS256","typ":"JWT"}|{"sub":"1234567890","name":"John Doe","iat":1516239022}»');
    const { findings } = await run({ "src/a.ts": `const anon = "${anon}";\nconst sample = "${sample}";\nconst x = "eyJhbGciOiJIUzI1NiJ9.eyJub3RKU09OIGF0IGFsbA.sig";\n` });
    assert.deepEqual(findings, []);
  });
});
