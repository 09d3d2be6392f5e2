import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import ts from "typescript";
import { FAMILIES } from "../../src/rules/index.js";

// docs/writing-rules.md is the rule contract people read; src/core/rule.ts is its source of truth.
// Every member of RuleContext (its own and what it inherits) and every field of RuleMeta must have
// a row in the page's tables, so a member added to the code without a word in the doc fails here.

const root = new URL("../../", import.meta.url).pathname;
const doc = readFileSync(`${root}docs/writing-rules.md`, "utf8");

/** The names of every property and method of an exported interface of src/core/rule.ts, inherited ones included. */
function membersOf(name: string): string[] {
  const file = `${root}src/core/rule.ts`;
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, "src/core/rule.ts");
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  assert.ok(decl, `interface ${name}`);
  return checker.getPropertiesOfType(checker.getTypeAtLocation(decl.name)).map((p) => p.getName()).sort();
}

/** The first cells of the rows of the table that follows `heading`, as written. */
function firstCells(heading: string): string[] {
  const at = doc.indexOf(heading);
  assert.ok(at >= 0, `docs/writing-rules.md has "${heading}"`);
  const rows: string[] = [];
  let inTable = false;
  for (const line of doc.slice(at).split("\n").slice(1)) {
    if (line.startsWith("|")) {
      inTable = true;
      rows.push(line.split("|")[1] ?? "");
    } else if (inTable) break;
    else if (line.startsWith("#")) break;
  }
  return rows;
}

/** True when a cell names the member as code: `name`, `name(…)`, `name.x`, one of several. */
function names(cells: readonly string[], member: string): boolean {
  const re = new RegExp("`" + member + "(?:[(.`\\s]|$)");
  return cells.some((c) => re.test(c));
}

describe("docs/writing-rules.md documents the whole rule contract", () => {
  it("has a row for every RuleContext member", () => {
    const cells = firstCells("## What a rule may use (`RuleContext`)");
    const missing = membersOf("RuleContext").filter((m) => !names(cells, m));
    assert.deepEqual(missing, [], "RuleContext members without a row in docs/writing-rules.md");
  });

  it("has a row for every RuleMeta field", () => {
    const cells = firstCells("## The meta fields (`RuleMeta`)");
    const missing = membersOf("RuleMeta").filter((m) => !names(cells, m));
    assert.deepEqual(missing, [], "RuleMeta fields without a row in docs/writing-rules.md");
  });

  it("every check is declared once, by one family, as the page says", () => {
    const declared = FAMILIES.flatMap((f) => f.checks.map((c) => `${c.id} (${f.id})`));
    const ids = FAMILIES.flatMap((f) => f.checks.map((c) => c.id));
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], declared.join(", "));
  });

  it("the check sees a member that is missing (the test bites)", () => {
    assert.equal(names(["`readText(path)`, `readBytes(path)`"], "readBytes"), true);
    assert.equal(names(["`readTextLater(path)`"], "readText"), false);
  });
});
