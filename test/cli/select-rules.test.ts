import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssayError } from "../../src/core/errors.js";
import { CHECKS, FAMILIES, RULES } from "../../src/rules/index.js";
import { FAMILY_LOADERS } from "../../src/rules/family-loaders.js";
import { selectRules } from "../../src/cli/select-rules.js";

const ids = (rules: readonly { meta: { id: string } }[]): string[] => rules.map((r) => r.meta.id);

describe("selectRules", () => {
  it("has a loader for every family, by its id", async () => {
    assert.deepEqual(Object.keys(FAMILY_LOADERS).sort(), FAMILIES.map((f) => f.id).sort());
    for (const f of FAMILIES) assert.equal(await FAMILY_LOADERS[f.id]?.(), f, f.id);
  });

  it("selects every rule and check when none is named", async () => {
    const s = await selectRules(undefined);
    assert.deepEqual(ids(s.rules), ids(RULES));
    assert.equal(s.checks, CHECKS);
  });

  it("selects a family's rules with its own checks when they score nothing else", async () => {
    const s = await selectRules(["secrets"]);
    assert.deepEqual(ids(s.rules), ids(RULES.filter((r) => r.meta.id.startsWith("secrets/"))));
    assert.deepEqual(s.checks.map((c) => c.id), ["Secrets"]);
  });

  it("selects single rules by full id, across families", async () => {
    const wanted = ["secrets/", "models/"].map((f) => RULES.find((r) => r.meta.id.startsWith(f))?.meta.id as string);
    const s = await selectRules(wanted);
    assert.deepEqual(ids(s.rules).sort(), [...wanted].sort());
    for (const r of s.rules) assert.ok(s.checks.some((c) => c.id === r.meta.check), r.meta.id);
  });

  it("gives every check a selected rule scores, when one belongs to another family", async () => {
    const s = await selectRules(["workflows"]);
    assert.deepEqual(ids(s.rules), ids(RULES.filter((r) => r.meta.id.startsWith("workflows/"))));
    for (const r of s.rules) assert.ok(s.checks.some((c) => c.id === r.meta.check), `${r.meta.id} scores ${r.meta.check}`);
  });

  it("refuses an unknown rule or family, with what it may have meant", async () => {
    await assert.rejects(selectRules(["secret"]), (e: unknown) => e instanceof AssayError && e.code === "RULE_UNKNOWN" && /did you mean `secrets`/.test(e.message));
    await assert.rejects(selectRules(["secrets/no-such-rule"]), (e: unknown) => e instanceof AssayError && e.code === "RULE_UNKNOWN");
    await assert.rejects(selectRules(["constructor"]), (e: unknown) => e instanceof AssayError && e.code === "RULE_UNKNOWN");
  });
});
