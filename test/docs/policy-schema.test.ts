import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { POLICY_TEMPLATE } from "../../src/cli/init-templates.js";
import { AssayError } from "../../src/core/errors.js";
import { parsePolicy } from "../../src/policy/policy-file.js";
import { policySchema } from "../../src/docs/policy-schema.js";
import { CHECKS, RULES } from "../../src/rules/index.js";

const metas = RULES.map((r) => r.meta);
const schema = policySchema(metas, CHECKS);
const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);

/** The schema and the parser must agree on what a valid policy is. */
function agree(text: string, valid: boolean): void {
  assert.equal(validate(parse(text)), valid, `schema on:\n${text}\n${JSON.stringify(validate.errors)}`);
  let parsed = true;
  try {
    parsePolicy(text, "assay.yml", metas, CHECKS);
  } catch (e) {
    assert.ok(e instanceof AssayError);
    parsed = false;
  }
  assert.equal(parsed, valid, `parser on:\n${text}`);
}

describe("policy JSON Schema", () => {
  it("is committed as generated", () => {
    const committed = readFileSync(new URL("../../schema/policy.schema.json", import.meta.url), "utf8");
    assert.equal(committed, `${JSON.stringify(schema, null, 2)}\n`, "run npm run docs");
  });

  it("agrees with the parser", () => {
    agree(POLICY_TEMPLATE, true);
    agree("version: 1\nfail:\n  severity: none\n  score: 5\n  checks: [SAST]\nrules:\n  repo/sast: off\n  repo/license: low\n  repo/fuzzing:\n    severity: info\nexclude: [\"a/**\"]\nexceptions:\n  - rule: repo/sast\n    reason: r\n    expires: 2027-01-01\nbaseline: b.json\n", true);
    agree("fial: 1\n", false);
    agree("rules:\n  repo/nope: off\n", false);
    agree("fail:\n  checks: [Nope]\n", false);
    agree("fail:\n  score: 11\n", false);
    agree("exceptions:\n  - rule: repo/sast\n    expires: 2027-01-01\n", false);
    agree("exceptions:\n  - rule: repo/sast\n    reason: r\n    expires: soon\n", false);
  });
});
