import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unsafeAgentCommand } from "../../../../src/rules/workflows/lib/agents.js";
import { commandsOf } from "../../../../src/rules/workflows/lib/commands.js";

/** What each command of a script says of an agent run without guard rails (undefined: nothing). */
const judged = (script: string) => commandsOf(script).map((c) => unsafeAgentCommand(c)?.label);

describe("unsafeAgentCommand", () => {
  it("finds each CLI's flags that approve every tool call or lift the sandbox", () => {
    assert.deepEqual(judged("claude -p 'fix it' --dangerously-skip-permissions"), ["Claude Code"]);
    assert.deepEqual(judged("claude --permission-mode=bypassPermissions -p x"), ["Claude Code"]);
    assert.deepEqual(judged('claude --allowedTools "Read,Bash(*)" -p x'), ["Claude Code"]);
    assert.deepEqual(judged('claude --allowedTools "Bash(echo:*)" -p x'), ["Claude Code"], "echo prints the model's key on request");
    assert.deepEqual(judged("gemini --approval-mode yolo -p x"), ["Gemini CLI"]);
    assert.deepEqual(judged("gemini -y -p x"), ["Gemini CLI"]);
    assert.deepEqual(judged("codex exec --sandbox danger-full-access 'do it'"), ["Codex"]);
    assert.deepEqual(judged("codex exec -c sandbox_mode=danger-full-access 'do it'"), ["Codex"]);
    assert.deepEqual(judged("codex exec --dangerously-bypass-approvals-and-sandbox x"), ["Codex"]);
  });

  it("follows package runners to the CLI they start", () => {
    assert.deepEqual(judged("npx -y @google/gemini-cli@0.9.0 --yolo -p x"), ["Gemini CLI"]);
    assert.deepEqual(judged("pnpm dlx @openai/codex --yolo exec x"), ["Codex"]);
    assert.deepEqual(judged("bunx @anthropic-ai/claude-code --dangerously-skip-permissions -p x"), ["Claude Code"]);
    assert.deepEqual(judged("sudo -E claude --dangerously-skip-permissions -p x"), ["Claude Code"]);
  });

  it("stays quiet for named tools, the default modes, and words that only mention the flags", () => {
    assert.deepEqual(judged('claude --allowedTools "Bash(npm test)" -p x'), [undefined]);
    assert.deepEqual(judged('claude --allowedTools "Bash(npm run lint:*),BashOutput" -p x'), [undefined]);
    assert.deepEqual(judged("claude --disallowedTools Bash -p x"), [undefined]);
    assert.deepEqual(judged("gemini --approval-mode=auto_edit -p x"), [undefined]);
    assert.deepEqual(judged("codex exec -s workspace-write x"), [undefined]);
    assert.deepEqual(judged('echo "gemini --yolo"'), [undefined]);
    assert.deepEqual(judged("npm install -g @google/gemini-cli --yolo"), [undefined]);
  });
});
