import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answersTemplate, parseAnswers } from "../../src/assess/answers.js";
import { QUESTIONS } from "../../src/assess/questions.js";
import { AssayError } from "../../src/core/errors.js";

function rejects(text: string, line: number, pattern: RegExp): void {
  assert.throws(() => parseAnswers(text, ".assay/assessment.yml"), (e: unknown) => {
    assert.ok(e instanceof AssayError);
    assert.equal(e.code, "ANSWERS_INVALID");
    assert.equal(e.position?.path, ".assay/assessment.yml");
    assert.equal(e.position?.line, line, e.format());
    assert.match(e.message, pattern);
    return true;
  });
}

describe("self-assessment answers", () => {
  it("reads every shape of answer", () => {
    const a = parseAnswers(
      "version: 1\nproject:\n  security-provider: true\n  stage: Complete\noverview:\n  background: |\n    Does things.\n  goals: [a, b]\n  actors:\n    - name: server\n      description: serves\n    - client\n",
      "x.yml",
    );
    assert.equal(a.values.get("project.security-provider"), true);
    assert.equal(a.values.get("project.stage"), "complete");
    assert.equal(a.values.get("overview.background"), "Does things.");
    assert.deepEqual(a.values.get("overview.goals"), ["a", "b"]);
    assert.deepEqual(a.values.get("overview.actors"), [{ name: "server", description: "serves" }, { name: "client", description: "" }]);
  });

  it("treats empty answers as missing", () => {
    const a = parseAnswers("overview:\n  background:\n  goals: []\n", "x.yml");
    assert.equal(a.values.size, 0);
  });

  it("names the file, line and column of every mistake", () => {
    rejects("version: 2\n", 1, /unsupported answers version/);
    rejects("overview:\n  goalz: [a]\n", 2, /unknown question `overview.goalz`/);
    rejects("project:\n  security-provider: maybe\n", 2, /must be true or false/);
    rejects("project:\n  stage: done\n", 2, /must be one of incomplete, complete, obsolete/);
    rejects("overview:\n  goals: a goal\n", 2, /must be a list/);
    rejects("overview:\n  actors:\n    - description: nameless\n", 3, /has no name/);
    rejects("overview: [1]\n", 1, /groups questions/);
    // At the end of the last line, not on a line after the final newline the file does not have.
    rejects("a: [\n", 1, /malformed YAML/);
  });

  it("writes a template that mentions every question and parses to no answers", () => {
    const t = answersTemplate();
    for (const q of QUESTIONS) assert.ok(t.includes(q.guidance), q.key);
    assert.equal(parseAnswers(t, "t.yml").values.size, 0);
    // Uncommenting an example keeps the file valid.
    const one = t.replace("  # background: |\n  #   …", "  background: |\n    Real text.");
    assert.equal(parseAnswers(one, "t.yml").values.get("overview.background"), "Real text.");
  });
});
