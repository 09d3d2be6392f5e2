import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_SCHEMA, load } from "js-yaml";
import { lineAtOrAfter, lineTable, loadBlockYamlData, loadBlockYamlLines, positionIn } from "../../../src/ecosystems/formats/yaml-fast-data.js";
import { lineIndex } from "../../../src/core/line-index.js";
import { loadYamlData, MAX_YAML_DEPTH } from "../../../src/ecosystems/formats/yaml-bounds.js";
import { splitDocuments } from "../../../src/ecosystems/kubernetes/yaml-stream.js";
import { randomYaml } from "../../helpers/yaml-fuzz.js";
import { sharedData, skipWithoutSharedData } from "../../helpers/shared-data.js";

type Verdict = { kind: "fast" } | { kind: "gave-up" } | { kind: "mismatch"; detail: string };

/** What js-yaml's load gives (the reference), or its error. */
function reference(text: string): { value: unknown } | { error: string } {
  try {
    return { value: load(text, { schema: DEFAULT_SCHEMA, json: true }) };
  } catch (e) {
    return { error: (e as Error).message.split("\n")[0] ?? "" };
  }
}

/** Compares the fast path with js-yaml on one document: it either gives up or builds the same value. */
function compare(text: string): Verdict {
  const fast = loadBlockYamlData(text, MAX_YAML_DEPTH);
  if (fast === undefined) return { kind: "gave-up" };
  const ref = reference(text);
  if ("error" in ref) return { kind: "mismatch", detail: `js-yaml refuses ${JSON.stringify(text)} (${ref.error}) but the fast path gave ${JSON.stringify(fast.value)}` };
  try {
    assert.deepStrictEqual(fast.value, ref.value);
  } catch {
    return { kind: "mismatch", detail: `on ${JSON.stringify(text)}: fast ${JSON.stringify(fast.value)}, js-yaml ${JSON.stringify(ref.value)}` };
  }
  return { kind: "fast" };
}

function agrees(text: string): void {
  const v = compare(text);
  assert.equal(v.kind, "fast", v.kind === "mismatch" ? v.detail : `gave up on ${JSON.stringify(text)}`);
}

function noMismatch(text: string): Verdict {
  const v = compare(text);
  if (v.kind === "mismatch") assert.fail(v.detail);
  return v;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e) ? [p] : [];
  });
}

function documents(text: string): string[] {
  return splitDocuments(text).map((d) => text.slice(d.start, d.end));
}

describe("fast block YAML data", () => {
  it("loads what js-yaml loads for a realistic manifest", () => {
    agrees(
      [
        "# a workload",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: web   # trailing comment",
        "  labels:",
        "    app.kubernetes.io/name: web",
        '    "quoted/key": \'it\'\'s\'',
        "  annotations: {}",
        "spec:",
        "  replicas: 3",
        "  template:",
        "    spec:",
        "      hostNetwork: false",
        "      containers:",
        "        - name: app",
        "          image: ghcr.io/x/y:1.2@sha256:abc",
        "          args: [--port, \"8080\", 'x y', 1, true, ~, 1.5]",
        "          env:",
        "          - name: A",
        "            value: a #b",
        "          - name: B",
        "            value:",
        "          -",
        "          - # empty with a comment",
        "          securityContext:",
        "            capabilities:",
        "              drop: [\"ALL\"]",
        "              add: []",
        "          resources:",
        "            limits: { }",
        "      volumes:",
        "      - name: cfg",
        "        configMap:",
        "          name: cfg",
        "  created: 2024-01-02",
        "  ratio: 0x1F",
        "  url: http://x:8080/a",
        "  emptyish: ''",
        '  dq: "a # not a comment"',
        "",
      ].join("\n"),
    );
  });

  it("reads literal and folded block scalars with every chomping indicator as js-yaml does", () => {
    for (const header of ["|", "|-", "|+", ">", ">-", ">+", "| # c", ">- #c"]) {
      for (const tail of ["", "\n", "\n\n", "\n  \nnext: 1\n", "\nnext: 1"]) {
        const text = `data:\n  app.yaml: ${header}\n    listen: 0.0.0.0:8080\n\n      indented: more\n    # not a comment\n    log: info${tail}`;
        agrees(text);
        agrees(`- ${header}\n  a\n  b\n\n  c${tail.replace("next: 1", "- n")}`);
      }
    }
    agrees("a: |\nb: 1\n"); // an empty block scalar
    agrees("a: >\n  one\n  two\n\n  three\n   more\n  four\n");
  });

  it("gives up on what it leaves to js-yaml", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "<<: {a: 1}\n",
      "a: {b: 1}\n",
      "a: [b, [c]]\n",
      "a: multi\n  line\n",
      "a: 'multi\n  line'\n",
      '"a\\tb": 1\n',
      "a: \"x\\ty\"\n",
      "? a\n: b\n",
      "1: x\n",
      "true: x\n",
      "null: x\n",
      "a:\tb\n",
      "a: b\r\nc: d\r\n",
      "- - a\n",
      "a: |2\n   x\n",
      "  a: 1\n",
      "just a scalar\n",
      "__proto__: x\n",
      "a: b: c\n",
      "a: [b, ]\n",
      "a: [b\n",
      "%YAML 1.2\na: 1\n",
    ]) {
      assert.equal(noMismatch(text).kind, "gave-up", text);
    }
  });

  it("gives up, never guesses, on what js-yaml refuses", () => {
    for (const text of ["a: 1\n b: 2\n", "a:\n  b: 1\n c: 2\n", "- a\n  - b\n", "a: 'x' y\n", "a: \"x\"y\n", "a: 1\n- b\n", "a:\n  - x\n  b: 1\n", "a: |\n  x\n b: 1\n", "\"a\":b\n"]) {
      assert.equal(noMismatch(text).kind, "gave-up", text);
    }
  });

  it("leaves hostile shapes to the bounded full path", () => {
    // Nesting past its own bound: given up, and the full load refuses it with its position.
    const deep = Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + "\n";
    assert.equal(loadBlockYamlData(deep, MAX_YAML_DEPTH), undefined);
    assert.throws(() => loadYamlData(deep), /nested more than 256 levels/);
    // A long line that is not a key, an unclosed quote, a key past the implicit-key limit.
    assert.equal(loadBlockYamlData(`${"x".repeat(200_000)}\n`, MAX_YAML_DEPTH), undefined);
    assert.equal(loadBlockYamlData(`a: "${"x".repeat(200_000)}\n`, MAX_YAML_DEPTH), undefined);
    assert.equal(loadBlockYamlData(`${"k".repeat(2_000)}: v\n`, MAX_YAML_DEPTH), undefined);
    // Many documents' worth of plain lines stay plain data.
    const big = Array.from({ length: 20_000 }, (_, i) => `k${i}: v${i}`).join("\n");
    assert.equal(Object.keys(loadBlockYamlData(big, MAX_YAML_DEPTH)?.value as object).length, 20_000);
  });

  it("says when the text-level nesting check must still run", () => {
    assert.equal(loadBlockYamlData("a:\n  b: [c]\n", MAX_YAML_DEPTH)?.withinBounds, true);
    const deep = `a: |\n${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i + 2)}x`).join("\n")}\n`;
    const fast = loadBlockYamlData(deep, MAX_YAML_DEPTH);
    assert.equal(fast?.withinBounds, false);
    // The full load refuses it (its check counts the block's lines as levels), and so does the load with the fast path.
    assert.throws(() => loadYamlData(deep), /nested more than 256 levels/);
    const brackets = `a: |\n  ${"[".repeat(300)}\n`;
    assert.equal(loadBlockYamlData(brackets, MAX_YAML_DEPTH)?.withinBounds, false);
    assert.throws(() => loadYamlData(brackets), /nested more than 256 levels/);
  });

  it("agrees with js-yaml on 20,000 random texts, and accepts a good share of them", () => {
    let fast = 0;
    for (let seed = 1; seed <= 20_000; seed++) if (noMismatch(randomYaml(seed)).kind === "fast") fast++;
    assert.ok(fast > 2_000, `accepted only ${fast}`);
  });

  it("resolves a short scalar seen before as it did the first time, and gives each document its own timestamp", () => {
    const text = "a: 8080\nb: true\nc: 100m\nd: null\ne: 2001-12-14\nf: nullable\ng: Trueish\nh: 0x1F\n";
    const first = loadBlockYamlData(text, MAX_YAML_DEPTH)?.value as Record<string, unknown>;
    const second = loadBlockYamlData(text, MAX_YAML_DEPTH)?.value as Record<string, unknown>;
    assert.deepStrictEqual(first, load(text, { schema: DEFAULT_SCHEMA, json: true }));
    assert.deepStrictEqual(second, first);
    assert.ok(first["e"] instanceof Date && second["e"] instanceof Date && first["e"] !== second["e"]);
    assert.equal(first["f"], "nullable");
    assert.equal(first["h"], 31);
  });

  it("reads a document of a stream in place as it reads the document's text alone", () => {
    const root = new URL("../../fixtures/", import.meta.url).pathname;
    const texts = [...yamlFiles(root).map((f) => readFileSync(f, "utf8")), Array.from({ length: 50 }, (_, i) => randomYaml(i + 1)).join("\n---\n"), "a: 1\n---\nb: é\n---\nc: [x]\n...\n---\nd: |\n  x\n"];
    for (const text of texts) {
      const table = lineTable(text);
      for (const d of splitDocuments(text)) {
        const from = lineAtOrAfter(table, d.start);
        if (table.starts[from] !== d.start) continue;
        const inPlace = loadBlockYamlLines(table, from, lineAtOrAfter(table, d.end), MAX_YAML_DEPTH);
        const alone = loadBlockYamlData(text.slice(d.start, d.end), MAX_YAML_DEPTH);
        assert.deepStrictEqual(inPlace, alone, text.slice(d.start, d.end));
      }
    }
  });

  it("agrees with js-yaml on every YAML document of the test fixtures", () => {
    const root = new URL("../../fixtures/", import.meta.url).pathname;
    let fast = 0;
    let all = 0;
    for (const file of yamlFiles(root)) {
      for (const doc of documents(readFileSync(file, "utf8"))) {
        all++;
        if (noMismatch(doc).kind === "fast") fast++;
      }
    }
    assert.ok(fast > all / 3, `accepted ${fast} of ${all}`);
  });

  it("agrees with js-yaml on the PyPI advisories written as YAML", skipWithoutSharedData(), () => {
    const dir = join(sharedData() as string, "osv", "PyPI");
    let fast = 0;
    const files = yamlFiles(dir);
    for (const file of files) if (noMismatch(readFileSync(file, "utf8")).kind === "fast") fast++;
    assert.ok(files.length > 1000 && fast > 0, `accepted ${fast} of ${files.length}`);
  });
});

describe("positionIn", () => {
  it("gives every offset the line and column lineIndex gives, from the measured lines", () => {
    const texts = ["", "\n", "a", "a\n", "a: 1\nb: 2", "a: 1\nb: 2\n", "\n\nk: v\n\n", "x: \"ü✓\"\r\ny: 2\r\n", "# c\n  - a\n  - b\n---\nz: 1\n", ...Array.from({ length: 20 }, (_, i) => randomYaml(i + 1))];
    for (const text of texts) {
      const table = lineTable(text);
      const ix = lineIndex(text);
      for (let o = 0; o <= text.length; o++) assert.deepEqual(positionIn(table, o), ix.positionAt(o), `${JSON.stringify(text.slice(0, 40))} at ${o}`);
    }
  });
});
