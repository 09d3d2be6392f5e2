import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapes, rule } from "../../../src/rules/models/unsafe-chat-template.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);

describe("models/unsafe-chat-template", () => {
  it("reports a template that reaches Python internals", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.path, f.evidence["key"], f.severity]), [["model.gguf", "tokenizer.chat_template", "critical"]]);
  });

  it("knows escapes from ordinary templates", () => {
    assert.equal(escapes("{{ ''.__class__.__mro__[1].__subclasses__() }}"), "__class__");
    assert.equal(escapes("{{ cycler|attr('x') }}"), "|attr(");
    assert.equal(escapes("{% set ns = namespace(found=false) %}{% for m in messages %}{{ raise_exception('x') if m.role == 'tool' }}{{ m['content'] | trim }}{% endfor %}"), undefined);
  });

  it("is incomplete when a GGUF header cannot be read", async () => {
    assert.equal((await run({ "m.gguf": "GGUF\x03\x00\x00\x00" })).outcome, "incomplete");
  });
});
