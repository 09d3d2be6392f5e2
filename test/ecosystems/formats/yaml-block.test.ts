import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { parseBlockYaml } from "../../../src/ecosystems/formats/yaml-block.js";
import { parseYaml } from "../../../src/ecosystems/formats/yaml.js";
import { workflowFiles } from "../../../bench/project/workflows.js";
import { rng } from "../../../bench/lib/rng.js";
import { differential } from "../../helpers/yaml-differential.js";
import { randomYaml } from "../../helpers/yaml-fuzz.js";

const fast = (text: string) => {
  const lines = new LineCounter();
  return parseBlockYaml(text, lines, { lineCounter: lines });
};

/** Asserts the fast parser accepts `text` and builds what the library builds. */
function agrees(text: string): void {
  const v = differential(text);
  assert.equal(v.kind, "fast", v.kind === "mismatch" ? v.detail : `gave up on ${JSON.stringify(text)}`);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e) ? [p] : [];
  });
}

describe("fast block YAML", () => {
  it("builds the library's nodes for the YAML workflows are written in", () => {
    agrees(
      [
        "---",
        "# CI",
        "name: CI  # trailing",
        "on:",
        "  push:",
        "    branches: [main, 'release/**', \"x\"]",
        "  pull_request:",
        "  # why this trigger",
        "  workflow_dispatch:",
        "permissions: {}",
        "env: &env",
        "  A: 1",
        "  B: 1.50",
        "  C: ~",
        "  D: 0x1F",
        "  E: \"tab\\there \\u00e9\"",
        "  F: 'it''s'",
        "jobs:",
        "  build:",
        "    runs-on: ${{ matrix.os }}",
        "    if: github.event_name == 'push' &&",
        "      github.ref == 'refs/heads/main'",
        "    env:",
        "      <<: *env",
        "    strategy:",
        "      matrix:",
        "        os: [ubuntu-latest, windows-latest]",
        "        include:",
        "        - os: macos-latest",
        "          node: 22",
        "    steps:",
        "      - &checkout",
        "        uses: actions/checkout@0123456789abcdef0123456789abcdef01234567 # v4.2.2",
        "        with:",
        "          persist-credentials: false",
        "",
        "      - name: Test",
        "        run: |",
        "          set -euo pipefail",
        "",
        "            indented more",
        "          echo \"${{ github.event.issue.title }}\" # not a comment",
        "      - run: >-",
        "          folded",
        "          text",
        "",
        "          para",
        "  again:",
        "    steps:",
        "      - *checkout",
        "",
      ].join("\n"),
    );
  });

  it("places every scalar exactly (ranges, types, values)", () => {
    const doc = fast("k: 'a' # c\nn: 12\nb: |-\n  x\n");
    assert.ok(doc && isMap(doc.contents));
    const [k, n, b] = doc.contents.items.map((p) => p.value);
    assert.ok(isScalar(k) && isScalar(n) && isScalar(b));
    assert.deepEqual([k.value, k.type, k.range], ["a", "QUOTE_SINGLE", [3, 6, 11]]);
    assert.deepEqual([n.value, n.range], [12, [14, 16, 17]]);
    assert.deepEqual([b.value, b.type, b.range], ["x", "BLOCK_LITERAL", [20, 27, 27]]);
  });

  it("gives up, for the library to decide, on what it does not know exactly", () => {
    for (const text of [
      "a: !!str 1\n", // tags
      "? a\n: b\n", // explicit keys
      "a: \"x\n  y\"\n", // quoted scalars over several lines
      "a: 1\r\nb: 2\r\n", // carriage returns
      "a:\tb\n", // tabs outside block scalars
      "a: [b, [c]]\n", // nested flow collections
      "a: b: c\n", // an error
      "a: 'x' y\n", // an error
      "a: |2\n    x\n", // indentation indicators
      "a:\n  b: 1\n    # attached to 1 by the library\nc: 2\n", // comments that extend ranges
      "%YAML 1.2\n---\na: 1\n", // directives
      "a: 1\n---\nb: 2\n", // several documents
      "", // empty
      "just a scalar\n",
      `${"a:\n".repeat(1)}${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n")} x\n`, // deeper than 256
    ]) {
      assert.equal(fast(text), undefined, JSON.stringify(text.slice(0, 60)));
    }
  });

  it("agrees with the library on every random text it accepts, and gives up on every one the library finds an error in", () => {
    let accepted = 0;
    for (let seed = 0; seed < 4000; seed++) {
      const text = randomYaml(seed);
      const v = differential(text);
      assert.notEqual(v.kind, "mismatch", `seed ${seed}: ${JSON.stringify(text)}\n${v.kind === "mismatch" ? v.detail : ""}`);
      if (v.kind === "fast") accepted++;
    }
    assert.ok(accepted > 800, `only ${accepted} of 4000 random texts took the fast path`);
  });

  it("agrees with the library on every YAML fixture", () => {
    for (const file of yamlFiles(join(import.meta.dirname, "../../fixtures"))) {
      const v = differential(readFileSync(file, "utf8"));
      assert.notEqual(v.kind, "mismatch", `${file}: ${v.kind === "mismatch" ? v.detail : ""}`);
    }
  });

  it("takes the fast path for every workflow and action of the benchmark's project", () => {
    for (const f of workflowFiles(rng(7), 60)) agrees(f.text);
  });

  it("survives hostile input: long lines, long gaps, many items", () => {
    const gap = "\n".repeat(200_000);
    const deep = Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
    for (const text of [
      `a: ${"x".repeat(900_000)}\n`,
      `${deep} v${gap}${"# c\n".repeat(50_000)}`,
      "- a\n".repeat(200_000),
      `k: "${"\\\\".repeat(300_000)}"\n`,
      `${"  # c\n".repeat(100_000)}a: 1\n`,
    ]) {
      fast(text);
    }
    // Not a speed target: a quadratic path would take minutes here.
  });

  it("keeps parseYaml's answers: same values through the fast path, same errors from the library", () => {
    const y = parseYaml("a: 1\nb:\n  - c\n");
    assert.deepEqual(y.doc.toJS(), { a: 1, b: ["c"] });
    assert.deepEqual(y.lines.linePos(10), { line: 3, col: 3 });
    // At the end of the file's last line, not on the line after its final newline.
    assert.throws(() => parseYaml("a: 1\nb: [2\n"), (e: unknown) => e instanceof Error && "line" in e && e.line === 2 && "column" in e && e.column === 6);
    const lib = parseDocument("a: [x, y]\n");
    const mine = parseYaml("a: [x, y]\n").doc;
    assert.ok(isMap(mine.contents) && isMap(lib.contents));
    const seq = mine.contents.items[0]?.value;
    assert.ok(isSeq(seq) && seq.flow === true);
    assert.deepEqual(mine.toJS(), lib.toJS());
  });
});
