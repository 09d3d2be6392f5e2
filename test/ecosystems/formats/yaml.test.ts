import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { MAX_YAML_BYTES, parseYaml } from "../../../src/ecosystems/formats/yaml.js";

function refuses(text: string, pattern: RegExp): void {
  assert.throws(() => parseYaml(text), (e: unknown) => e instanceof ParseFailure && pattern.test(e.message));
}

describe("bounded YAML parsing", () => {
  it("parses ordinary documents with positions", () => {
    const y = parseYaml("a: 1\nb:\n  - c\n");
    assert.deepEqual(y.doc.toJS(), { a: 1, b: ["c"] });
  });
  it("refuses nesting that would exhaust the parser (100,000 brackets), instantly", () => {
    refuses(`a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`, /nested more than 256 levels/);
    refuses(`a: ${"{b: ".repeat(300)}1${"}".repeat(300)}`, /nested more than/);
  });
  it("refuses block nesting deeper than 256 levels, by indentation or by indicators on one line", () => {
    // The yaml library overflows its stack near 1,000 block levels: levels are counted, not columns.
    refuses(Array.from({ length: 1100 }, (_, i) => `${" ".repeat(i)}k:`).join("\n"), /nested more than 256 levels/);
    refuses(`${"- ".repeat(10_000)}x\n`, /nested more than 256 levels/);
    refuses(`${"? ".repeat(10_000)}x\n`, /nested more than 256 levels/);
    // Deep indentation alone is no nesting: one level, however far right.
    assert.deepEqual(parseYaml(`a:\n${" ".repeat(3000)}b: 1\n`).doc.toJS(), { a: { b: 1 } });
  });
  it("refuses documents over the size cap", () => {
    refuses("k: v\n".repeat(MAX_YAML_BYTES / 4), /larger than 1 MiB/);
  });
  it("refuses alias bombs", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 1 ? "*a" : `*l${i - 1}`)).join(", ")}]`);
    assert.throws(() => parseYaml(lines.join("\n")), ParseFailure);
  });
  it("reports the first syntax error's line and column", () => {
    assert.throws(() => parseYaml("a: 1\nb: [2\n"), (e: unknown) => e instanceof ParseFailure && e.line === 2 && e.column === 6);
    assert.throws(() => parseYaml("a: [1,\n  2\n"), (e: unknown) => e instanceof ParseFailure && e.line === 2 && e.column === 4, "never a line the file does not have");
  });
});
