import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileWrites, passThroughText, shellVariables } from "../../../../src/rules/workflows/lib/shell.js";

describe("workflows/lib/shell: passThroughText", () => {
  it("drops substitutions whose output is a program's own, so their arguments are not taken for written text", () => {
    const cases: [string, string[]][] = [
      ['echo "$(./deploy.sh "$BRANCH")"', []],
      ['$(python3 scripts/check.py --title "$TITLE")', []],
      ['$(echo -n "$TITLE" | wc -c)', []],
      ["$(echo \"$TITLE\" | tr -cd 'a-z0-9-')", []],
      ['$(git rev-parse "$REF")', []],
      ['`./render "$T"`', []],
      ['$(date -d "$WHEN" +%s)', []],
      // Passed on: echo, sed, tr that maps, git check-ref-format, an inline program, `;` and `&&` lists.
      ['$(echo "$TITLE" | sed "s/a/b/")', ["TITLE"]],
      ['$(echo "$TITLE" | tr a-z A-Z)', ["TITLE"]],
      ['$(git check-ref-format --branch "$RAW")', ["RAW"]],
      ['$(python3 -c "print(1)" "$X")', ["X"]],
      ['$(./prepare; echo "$X")', ["X"]],
      ['$(echo "$B64" | base64 -d)', ["B64"]],
      ['$(echo "$X" | base64)', []],
      ['$(curl -fsS "$URL")', ["URL"]],
      ['$(cat <<X\n$BODY\nX\n)', ["BODY"]],
      // Nested: the inner program's output is echoed, not the variable.
      ['$(echo "$(./render "$T")")', []],
      ['$(echo "$(echo "$T")")', ["T"]],
      // Plain expansions stay, and an unbalanced substitution is kept as written.
      ['X="$TITLE" $(./x "$Y")', ["TITLE"]],
      ['$(./x "$Y"', ["Y"]],
      ["$(( $N + 1 ))", ["N"]],
    ];
    for (const [text, vars] of cases) assert.deepEqual(shellVariables(passThroughText(text)), vars, text);
  });

  it("stays linear on deep nesting and many substitutions", () => {
    const deep = "$(echo ".repeat(2000) + '"$T"' + ")".repeat(2000);
    assert.deepEqual(shellVariables(passThroughText(deep)), ["T"]);
    const many = '$(./x "$A") '.repeat(20_000);
    assert.deepEqual(shellVariables(passThroughText(many)), []);
    assert.equal(passThroughText("$(".repeat(50_000)).length, 100_000);
  });
});

describe("workflows/lib/shell: fileWrites", () => {
  it("reads here-documents, `{ … }` groups and tee into the runner's files, with the body as what is written", () => {
    const script = 'cat <<EOF >> "$GITHUB_ENV"\nA=$X\nEOF\n{\n  echo "B<<EOF"\n  echo "$Y"\n  echo EOF\n} >> $GITHUB_ENV\ntee -a $GITHUB_PATH <<EOF\n/opt/$Z\nEOF\n';
    assert.deepEqual(fileWrites(script).map((w) => [w.target, w.content.trim(), w.names]), [
      ["GITHUB_ENV", "A=$X", ["A"]],
      ["GITHUB_ENV", '{\n  echo "B<<EOF"\n  echo "$Y"\n  echo EOF\n}', ["B"]],
      ["GITHUB_PATH", "/opt/$Z", []],
    ]);
  });
});
