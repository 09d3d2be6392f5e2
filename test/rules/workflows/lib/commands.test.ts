import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commandsOf } from "../../../../src/rules/workflows/lib/commands.js";

describe("workflows commandsOf", () => {
  it("reads a run: script's commands as the shell would split them", () => {
    const script = 'git commit -m "bump; npm publish" && sudo -E /usr/bin/npm publish --access public\nFOO=1 env X=2 twine upload dist/*\n';
    const cmds = commandsOf(script);
    assert.deepEqual(cmds.map((c) => c.words), [["git", "commit", "-m", "bump; npm publish"], ["npm", "publish", "--access", "public"], ["twine", "upload", "dist/*"]], "a quoted `;` splits nothing; sudo, env and assignments are dropped");
    const npm = cmds[1]!;
    assert.equal(script.slice(npm.start, npm.end), "sudo -E /usr/bin/npm publish --access public", "offsets are the command's own");
  });

  it("reads commands inside substitutions, and never a heredoc's body or a comment", () => {
    const script = 'VERSION=$(cargo publish --dry-run)\ncat <<EOF > notes.md\nnpm publish\nEOF\n# gem push old.gem\necho done\n';
    assert.deepEqual(commandsOf(script).map((c) => c.words[0]), ["cargo", "cat", "echo"]);
  });
});
