import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loopValues, makeAssignments, referenceName, shellAssignments, valueOf } from "../../../src/ecosystems/shell/assignments.js";
import { allCommands, splitCommands } from "../../../src/ecosystems/shell/split.js";

const commands = (s: string) => allCommands(splitCommands(s)).map((c) => c.command);

describe("shell assignments", () => {
  it("keeps written values, and computed ones as unknown", () => {
    const a = shellAssignments(commands('export PIP="$VENV/bin/pip"\nV=${V:-latest}\nW=$(date)\nX=1 cmd\nfor i in a b; do Y=2; done\nZ+=x'));
    assert.deepEqual(a.map((x) => [x.name, x.value]), [["PIP", "$VENV/bin/pip"], ["V", "latest"], ["W", undefined], ["i", undefined], ["Y", "2"], ["Z", undefined]]);
  });

  it("resolves a variable set before its use, to one value only", () => {
    const a = shellAssignments(commands("A=1\nB=1\nB=2\nuse\nC=3"));
    const at = "A=1\nB=1\nB=2\n".length;
    assert.equal(valueOf(a, "A", at), "1");
    assert.equal(valueOf(a, "B", at), undefined);
    assert.equal(valueOf(a, "C", at), undefined);
    assert.deepEqual(["$A", "${A}", "$(A)", "$A/x", "a"].map(referenceName), ["A", "A", "A", undefined, undefined]);
  });

  it("reads Makefile variables outside recipes", () => {
    const a = makeAssignments("V ?= latest # default\nexport P := $(VENV)/bin/pip\nL += x\nS != date\nall:\n\tR=1\n");
    assert.deepEqual(a.map((x) => [x.name, x.value]), [["V", "latest"], ["P", "$(VENV)/bin/pip"], ["L", undefined], ["S", undefined]]);
  });

  it("gives each for loop body its variable's written items", () => {
    const cs = commands("for p in a b $C; do\n  install $p\n  while x; do y; done\n  z\ndone\nafter");
    const scopes = cs.map((c) => loopValues(cs).get(c)?.get("p"));
    const byWord = new Map(cs.map((c, i) => [c.words[0]?.value, scopes[i]]));
    assert.deepEqual(byWord.get("install"), ["a", "b"]);
    assert.deepEqual(byWord.get("z"), ["a", "b"]);
    assert.equal(byWord.get("after"), undefined);
  });
});
