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

  it("finds a dunder spelled so its name does not appear: escaped, glued together or made from its code point", () => {
    assert.equal(escapes("{{ ()['\\x5f\\x5fclass\\x5f\\x5f'] }}"), "\\x5f");
    assert.equal(escapes("{{ ()['\\u005f\\u005fclass\\u005f\\u005f'] }}"), "\\u005f");
    assert.equal(escapes("{% set a = '_' ~ '_cla' ~ 'ss_' ~ '_' %}{{ ()[a] }}"), "_'~'_");
    assert.equal(escapes("{% set u = '%c'|format(95) %}{{ ()[u ~ u ~ 'class' ~ u ~ u] }}"), "format(95");
    assert.equal(escapes("{% set d = '__' %}{{ ()[d ~ 'class' ~ d] }}"), "'__'");
    assert.equal(escapes("{{ self._TemplateReference__context }}"), "_TemplateReference__");
    // Jinja's subscript falls back to getattr: dunders built from an underscore multiplied, joined, or picked out of an object's text.
    assert.equal(escapes("{% set u = '_' * 2 %}{{ self[u ~ 'init' ~ u][u ~ 'globals' ~ u]['o' ~ 's']['po' ~ 'pen']('id') }}"), "'_'*");
    assert.equal(escapes("{% set u = ['_', '_']|join %}{{ self[u ~ 'init' ~ u] }}"), "'_','_'");
    assert.equal(escapes("{% set u = (x|string)[18] %}{{ self[u ~ u ~ 'init' ~ u ~ u] }}"), "|string)[");
    assert.equal(escapes("{{ self[a][b]['os'][c]('id') }}"), "['os']");
    assert.equal(escapes("{{ g[o].popen('id').read() }}"), "popen");
    assert.equal(escapes("{{ lipsum[a] }}"), "lipsum");
    // An underscore made with printf-style formatting, or taken from a keyword argument's name.
    assert.equal(escapes("{% set u = '%c' % 95 %}{{ cycler[u ~ u ~ 'init' ~ u ~ u][u ~ u ~ 'globals' ~ u ~ u]['o' ~ 's']['po' ~ 'pen']('id') }}"), "%95");
    assert.equal(escapes("{% set u = dict(_=1)|first %}{{ cycler[u ~ u ~ 'init' ~ u ~ u] }}"), "(_=");
    // Separators, tool names and special tokens with underscores are ordinary.
    assert.equal(escapes("{{ '<|start_header_id|>' + message['role'] + '_' + loop.index0|string }}{{ tool.name ~ '_v1' }}{# <__media__> #}"), undefined);
  });

  it("is incomplete when a GGUF header cannot be read", async () => {
    assert.equal((await run({ "m.gguf": "GGUF\x03\x00\x00\x00" })).outcome, "incomplete");
  });
});
