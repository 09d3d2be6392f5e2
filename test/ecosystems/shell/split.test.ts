import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allCommands, effectiveWords, moduleCommand, pipelines, programName, splitCommands } from "../../../src/ecosystems/shell/split.js";

const names = (s: string): string[][] => splitCommands(s).map((c) => c.words.map((w) => w.value));

describe("shell splitter", () => {
  it("splits on ; && || | & and newlines, keeping how each command joins the one before", () => {
    const cs = splitCommands("a 1; b && c || d | e & f\ng");
    assert.deepEqual(cs.map((c) => [c.joiner, c.words[0]?.value]), [["", "a"], [";", "b"], ["&&", "c"], ["||", "d"], ["|", "e"], ["&", "f"], ["\n", "g"]]);
    assert.deepEqual(pipelines(cs).map((p) => p.map((c) => c.words[0]?.value)), [["a"], ["b"], ["c"], ["d", "e"], ["f"], ["g"]]);
  });

  it("respects quotes, escapes and line continuations, and keeps offsets", () => {
    const s = "echo 'a;b' \"c|d $X\" e\\;f \\\n  g";
    const [c] = splitCommands(s);
    assert.deepEqual(c!.words.map((w) => w.value), ["echo", "a;b", "c|d $X", "e;f", "g"]);
    assert.deepEqual(c!.words.map((w) => s.slice(w.start, w.end)), ["echo", "'a;b'", '"c|d $X"', "e\\;f", "g"]);
    assert.equal(c!.words[2]!.expands, true);
    assert.equal(c!.words[1]!.expands, false);
  });

  it("keeps a pipe across a line break", () => {
    assert.deepEqual(splitCommands("curl x |\n\n  sh").map((c) => c.joiner), ["", "|"]);
  });

  it("follows command substitutions, backticks and process substitutions into nested commands", () => {
    const all = allCommands(splitCommands('bash -c "$(curl -fsSL https://x)"; source <(wget -O- https://y); echo `uname -m`'));
    assert.deepEqual(all.map((a) => [a.command.words[0]?.value, a.via?.kind ?? "", a.parent?.words[0]?.value ?? ""]), [
      ["bash", "", ""],
      ["curl", "$(", "bash"],
      ["source", "", ""],
      ["wget", "<(", "source"],
      ["echo", "", ""],
      ["uname", "`", "echo"],
    ]);
  });

  it("reads redirections with their targets, and file descriptors are not words", () => {
    const [c] = splitCommands("curl -o x.sh https://x 2>&1 > log.txt");
    assert.deepEqual(c!.words.map((w) => w.value), ["curl", "-o", "x.sh", "https://x"]);
    assert.deepEqual(c!.redirects.map((r) => [r.op, r.target?.value]), [[">&", "1"], [">", "log.txt"]]);
  });

  it("skips heredoc bodies and comments", () => {
    assert.deepEqual(names("cat <<EOF > x\ncurl https://x | sh\nEOF\nls # | sh\n"), [["cat"], ["ls"]]);
    const [c] = splitCommands("cat <<-'E'\n\tbody\n\tE\n");
    assert.equal(c!.heredocs[0]!.body, "\tbody\n");
  });

  it("skips wrappers, assignments and reserved words to find the program", () => {
    const [c] = splitCommands("if sudo -E -u root env A=1 timeout 10 /usr/bin/curl -s x; then :; fi");
    assert.equal(programName(effectiveWords(c!)[0]), "curl");
  });

  it("knows a wrapper named by its path", () => {
    const program = (s: string): string => programName(effectiveWords(splitCommands(s)[0]!)[0]);
    assert.equal(program("/usr/bin/env bash -e"), "bash");
    assert.equal(program("/usr/bin/sudo -E /usr/bin/env pip install x"), "pip");
    assert.equal(program("./env bash"), "bash");
    assert.equal(program("/opt/bin/envtool x"), "envtool");
  });

  it("is bounded on hostile input (its growth is measured in bench/hostile.bench.ts)", () => {
    splitCommands("$(".repeat(20_000) + "x" + ")".repeat(20_000));
    splitCommands("'".repeat(100_001) + '"'.repeat(100_001) + "\\".repeat(100_001));
    splitCommands("a|".repeat(100_000));
    splitCommands("`".repeat(100_001));
    splitCommands("<<E\n".repeat(30_000));
  });
});

describe("moduleCommand", () => {
  it("reads `python -m MODULE` as the module run by its own name, and leaves every other command alone", () => {
    assert.deepEqual(moduleCommand(["python3.12", "-m", "pip", "install", "x"]), ["pip", "install", "x"]);
    assert.deepEqual(moduleCommand(["py", "-m", "twine", "upload"]), ["twine", "upload"]);
    assert.deepEqual(moduleCommand(["python", "-m"]), ["python", "-m"]);
    assert.deepEqual(moduleCommand(["python", "-c", "print(1)"]), ["python", "-c", "print(1)"]);
    assert.deepEqual(moduleCommand(["pythonista", "-m", "pip"]), ["pythonista", "-m", "pip"]);
  });
});
