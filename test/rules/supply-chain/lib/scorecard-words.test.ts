import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitCommands } from "../../../../src/ecosystems/shell/split.js";
import { scorecardProgram, scorecardWords } from "../../../../src/rules/supply-chain/lib/scorecard-words.js";

const words = (script: string): string[] => {
  const cmd = splitCommands(script)[0];
  assert.ok(cmd);
  return scorecardWords(cmd, script);
};

describe("scorecardWords", () => {
  it("keeps literal words, quotes and all, and drops every plain sudo and leading assignments", () => {
    assert.deepEqual(words("sudo pip install 'requests==2.32.3' \"flask\""), ["pip", "install", "'requests==2.32.3'", '"flask"']);
    assert.deepEqual(words("GO111MODULE=on go get example.com/x@latest"), ["go", "get", "example.com/x@latest"]);
    assert.deepEqual(words("if pip install x; then :; fi"), ["pip", "install", "x"]);
  });

  it("drops words with an expansion or mixed quoting, so the program may be another word", () => {
    assert.deepEqual(words('"$PIP" install -r requirements.txt'), ["install", "-r", "requirements.txt"]);
    assert.deepEqual(words("sudo -H pip install x"), ["-H", "pip", "install", "x"]);
    assert.deepEqual(words('pip install --target="$DIR" x'), ["pip", "install", "x"]);
    assert.equal(scorecardProgram(words("/usr/local/bin/PIP3 install x")), "pip3");
    assert.equal(scorecardProgram(words("${PREFIX}pip install x")), "install");
  });
});
