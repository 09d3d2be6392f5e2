import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadYamlData } from "../../../src/ecosystems/formats/yaml-bounds.js";
import { yamlString } from "../../../src/ecosystems/helm/go-yaml-scalar.js";
import { toYaml } from "../../../src/ecosystems/helm/values.js";

describe("strings in toYaml, as go-yaml v2 writes them", () => {
  it("writes a string spanning lines as a literal block, chomped as its ending says", () => {
    const v = { script: "set -e\necho hi", conf: "a: 1\nb: 2\n", kept: "x\n\n", lead: "  indented\nnext", items: ["one\ntwo", "plain"], nested: { deep: "l1\n\nl3" } };
    const text = toYaml(v).toString();
    assert.equal(
      text,
      ["conf: |", "  a: 1", "  b: 2", "items:", "- |-", "  one", "  two", "- plain", "kept: |+", "  x", "", "lead: |2-", "    indented", "  next", "nested:", "  deep: |-", "    l1", "", "    l3", "script: |-", "  set -e", "  echo hi"].join("\n"),
    );
    // Read back, every string is what was written.
    assert.deepEqual(loadYamlData(text), v);
  });

  it("keeps a string double-quoted when a block cannot hold it: a space before a break, control characters, a key", () => {
    assert.deepEqual(yamlString("a \nb"), { inline: '"a \\nb"' });
    assert.deepEqual(yamlString("a\r\nb"), { inline: '"a\\r\\nb"' });
    assert.deepEqual(yamlString("a\nb", true), { inline: '"a\\nb"' });
    assert.equal(toYaml({ "k\ney": "v" }).toString(), '"k\\ney": v');
  });

  it("quotes a string only as far as it must: double when it would read as another type, single when its characters forbid plain", () => {
    const cases: [string, string][] = [
      ["plain text", "plain text"],
      ["true", '"true"'],
      ["Off", '"Off"'],
      ["8080", '"8080"'],
      ["1_000", '"1_000"'],
      ["0x1F", '"0x1F"'],
      ["1e3", '"1e3"'],
      ["2024-01-02", '"2024-01-02"'],
      ["1:20", '"1:20"'],
      ["", '""'],
      ["*", "'*'"],
      ["{{ .Release.Name }}", "'{{ .Release.Name }}'"],
      ["a: b", "'a: b'"],
      ["- x", "'- x'"],
      ["it's", "it's"],
      ["it's #1", "'it''s #1'"],
      ["C#", "C#"],
      ["x #y", "'x #y'"],
      [" lead", "' lead'"],
      ["tab\there", '"tab\\there"'],
      ["héllo", "héllo"],
      ["a:b", "a:b"],
      ["@scope", "'@scope'"],
    ];
    for (const [s, want] of cases) assert.deepEqual(yamlString(s), { inline: want }, s);
  });
});
