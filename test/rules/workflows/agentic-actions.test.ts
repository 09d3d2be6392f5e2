import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/agentic-actions.js";
import { fixtureDir, runRule } from "../../helpers/run-rule.js";
import { workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

/** A workflow with one job running `steps` on `on`, the job gated by `jobIf` when given. */
const workflow = (on: string, steps: string, jobIf?: string) => `name: T\non: ${on}\njobs:\n  a:\n${jobIf ? `    if: ${jobIf}\n` : ""}    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const kind = (m: string) => (/puts `/.test(m) ? "prompt" : /lets any user/.test(m) ? "gate" : /guard rails/.test(m) ? "unsafe" : /which outsiders can trigger: /.test(m) ? "trigger" : m);

describe("workflows/agentic-actions", () => {
  it("reports untrusted text in prompts, widened user gates, tools approved wholesale and agents outsiders start", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(outcome, "fail");
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path.replace(".github/workflows/", ""), f.locations[0]?.startLine, kind(f.message), f.severity]),
      [
        ["claude.yml", 18, "trigger", "medium"],
        ["claude.yml", 21, "gate", "high"],
        ["claude.yml", 23, "prompt", "high"],
        ["claude.yml", 24, "unsafe", "high"],
        ["codex-review.yml", 7, "trigger", "medium"],
        ["codex-review.yml", 11, "unsafe", "high"],
        ["codex-review.yml", 12, "unsafe", "high"],
        ["gemini-triage.yml", 12, "trigger", "medium"],
        ["gemini-triage.yml", 12, "unsafe", "medium"],
        ["gemini-triage.yml", 15, "prompt", "high"],
        ["nightly.yml", 15, "unsafe", "medium"],
      ],
    );
    const byLine = (file: string, line: number) => findings.find((f) => f.locations[0]?.path.endsWith(file) && f.locations[0]?.startLine === line)?.message ?? "";
    assert.match(byLine("claude.yml", 23), /`github\.event\.issue\.title` \(the issue title, which anyone who opens an issue writes\) into the `prompt` input of Claude Code/);
    assert.match(byLine("gemini-triage.yml", 15), /`github\.event\.issue\.body` .*through `env\.ISSUE_BODY`/);
    assert.match(byLine("claude.yml", 24), /the allowed tools include `Bash` for every command; the run starts on `issue_comment`, `issues`/);
    assert.match(byLine("nightly.yml", 15), /runs Gemini CLI with its guard rails off: `--yolo`/);
    assert.match(byLine("claude.yml", 18), /the comments and issues they write reach the agent$/, "allowed_non_write_users widens who starts it");
    assert.match(byLine("codex-review.yml", 7), /the pull requests they write reach the agent \(the action itself starts only for users with write access/);
  });

  it("reads settings that hold `${{ }}` expressions: the rest still names the tools", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "settings-expressions"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, kind(f.message), f.severity]), [[15, "unsafe", "medium"]]);
    assert.match(findings[0]!.message, /`tools\.core` allows `run_shell_command` for `printenv`/);
  });

  it("lowers an agent that a label, an assignment or a permission check of an earlier step waits for", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "maintainer-started"));
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path.replace(".github/workflows/", ""), f.locations[0]?.startLine, kind(f.message), f.severity]),
      [
        ["opened.yml", 19, "trigger", "low"],
        ["opened.yml", 24, "trigger", "medium"],
        ["triage.yml", 13, "trigger", "low"],
      ],
    );
  });

  it("reads a step's permission gate on its parsed condition: an `||` or a negation lets other runs through", async () => {
    const steps = (cond: string) =>
      `      - id: perm\n        uses: actions/github-script@v7\n        with:\n          script: |\n            const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ owner: context.repo.owner, repo: context.repo.repo, username: context.actor });\n            return data.permission === 'write' || data.permission === 'admin';\n      - uses: anthropics/claude-code-action@v1\n        if: ${cond}\n        with:\n          prompt: Label issue \${{ github.event.issue.number }}.\n`;
    const severity = async (cond: string) => (await one(workflow("issues", steps(cond)))).findings.map((f) => `${kind(f.message)} ${f.severity}`);
    assert.deepEqual(await severity("steps.perm.outputs.result == 'true'"), ["trigger low"]);
    assert.deepEqual(await severity("${{ steps.perm.outputs.result == 'true' && github.event.issue.number > 0 }}"), ["trigger low"]);
    assert.deepEqual(await severity("steps.perm.outputs.result == 'true' || github.event_name == 'issues'"), ["trigger medium"]);
    assert.deepEqual(await severity("!(steps.perm.outputs.result == 'true')"), ["trigger medium"]);
    assert.deepEqual(await severity("steps.other.outputs.result == 'true'"), ["trigger medium"]);
  });

  it("lowers untrusted text that only pushers reach, and reads a same-repository test inside an `||` as no limit", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "pushers-only"));
    assert.deepEqual(
      findings.map((f) => [f.locations[0]?.path.replace(".github/workflows/", ""), f.locations[0]?.startLine, kind(f.message), f.severity]),
      [
        ["mention.yml", 20, "trigger", "medium"],
        ["review.yml", 12, "trigger", "low"],
        ["review.yml", 16, "prompt", "low"],
      ],
    );
    assert.match(findings[2]!.message, /only authors who can push to this repository reach it/);
  });

  it("stays quiet for agents that maintainers start, with static prompts, named tools and the sandbox kept", async () => {
    const { findings, outcome } = await runRule(rule, fixtureDir(rule.meta.id, "good"));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });

  it("lowers an agent behind a maintainer's gate, skips one limited to the repository's own branches, and a fork-only trigger is low", async () => {
    const claude = "      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: Review it.\n";
    const gated = (await one(workflow("issue_comment", claude, "contains(fromJSON('[\"OWNER\",\"MEMBER\"]'), github.event.comment.author_association)"))).findings;
    assert.deepEqual(gated.map((f) => [kind(f.message), f.severity]), [["trigger", "low"]]);
    assert.match(gated[0]!.message, /it runs only when `contains\(fromJSON/);
    assert.deepEqual((await one(workflow("pull_request_target", claude, "github.event.pull_request.head.repo.full_name == github.repository"))).findings, []);
    assert.deepEqual((await one(workflow("pull_request", claude))).findings.map((f) => [kind(f.message), f.severity]), [["trigger", "low"]]);
    const outsidersOnly = (await one(workflow("issues", claude, "github.event.issue.author_association != 'MEMBER' && github.event.issue.author_association != 'OWNER'"))).findings;
    assert.deepEqual(outsidersOnly.map((f) => [kind(f.message), f.severity]), [["trigger", "medium"]], "a condition that excludes members lets outsiders in: no gate");
    const listed = (await one(workflow("issues", "      - uses: openai/codex-action@v1\n        with:\n          allow-users: renovate-bot\n"))).findings;
    assert.doesNotMatch(listed[0]?.message ?? "", /starts only for users with write access/, "the input widens who starts it");
    assert.deepEqual((await one(workflow("push", claude))).findings, []);
  });

  it("reads each agent's own settings: Claude's permissions, Gemini's tool lists old and new, Codex's arguments", async () => {
    const unsafe = async (steps: string) => (await one(workflow("push", steps))).findings.map((f) => [kind(f.message), f.severity, f.locations[0]?.startLine]);
    assert.deepEqual(await unsafe('      - uses: anthropics/claude-code-action@v1\n        with:\n          settings: \'{"permissions": {"allow": ["Bash(*)"]}}\'\n'), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe('      - uses: anthropics/claude-code-action@v1\n        with:\n          settings: \'{"permissions": {"defaultMode": "bypassPermissions"}}\'\n'), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe("      - uses: anthropics/claude-code-action@beta\n        with:\n          allowed_tools: Edit,Bash\n"), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe("      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --permission-mode bypassPermissions\n"), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe("      - uses: anthropics/claude-code-action@v1\n        with:\n          claude_args: --allowedTools Read --disallowedTools Bash\n"), []);
    assert.deepEqual(await unsafe('      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: \'{"coreTools": ["ShellTool"]}\'\n'), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe('      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: \'{"tools": {"exclude": ["run_shell_command"]}}\'\n'), []);
    const printer = (await one(workflow("push", '      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: \'{"tools": {"core": ["run_shell_command(git log)", "run_shell_command(cat)"]}}\'\n'))).findings;
    assert.match(printer[0]?.message ?? "", /`run_shell_command` for `cat`, which can print the job's environment/);
    assert.deepEqual(await unsafe('      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: \'{"tools": {"core": ["read_file"]}, "general": {"approvalMode": "yolo"}}\'\n'), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe('      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: \'{"tools": {"core": ["read_file"]}, "security": {"disableYoloMode": true}}\'\n'), []);
    assert.deepEqual(await unsafe("      - uses: google-github-actions/run-gemini-cli@v0\n"), [["unsafe", "low", 7]], "no settings at all: every tool, approved");
    assert.deepEqual(await unsafe("      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: '{not json'\n"), [], "settings it cannot read are not guessed at");
    assert.deepEqual(await unsafe("      - uses: openai/codex-action@v1\n        with:\n          codex-args: '--config sandbox_mode=\"danger-full-access\"'\n"), [["unsafe", "medium", 9]]);
    assert.deepEqual(await unsafe("      - uses: openai/codex-action@v1\n        with:\n          sandbox: workspace-write\n          safety-strategy: drop-sudo\n"), []);
  });

  it("is incomplete, never passed, on agent settings it cannot read: not JSON, a settings file, or too long", async () => {
    for (const [steps, why] of [
      ["      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: '{not json'\n", /settings` are not a JSON object/],
      ["      - uses: anthropics/claude-code-action@v1\n        with:\n          settings: .claude/ci-settings.json\n", /settings` name a file \(\.claude\/ci-settings\.json\), which is not read/],
      [`      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: '{"tools": {"core": ["read_file"]}, "pad": "${"x".repeat(70 * 1024)}"}'\n`, /settings` are longer than 64 KiB/],
    ] as const) {
      const r = await one(workflow("push", steps));
      assert.deepEqual(r.findings, []);
      assert.equal(r.outcome, "incomplete");
      assert.match(r.assessment.rules[0]?.reason ?? "", why);
    }
  });

  it("judges a prompt from a composite action's input as its callers may fill it, and leaves a `with:` expression unread", async () => {
    const action = "name: A\ninputs:\n  ask:\n    description: x\nruns:\n  using: composite\n  steps:\n    - uses: actions/ai-inference@v1\n      with:\n        prompt: ${{ inputs.ask }}\n";
    const f = (await run({ ".github/actions/ask/action.yml": action })).findings;
    assert.deepEqual(f.map((x) => [kind(x.message), x.severity]), [["prompt", "medium"]]);
    assert.match(f[0]!.message, /a caller may pass untrusted text/);
    const opaque = (await one(workflow("issues", "      - uses: openai/codex-action@v1\n        with: ${{ fromJSON(vars.CODEX) }}\n"))).findings;
    assert.deepEqual(opaque.map((x) => kind(x.message)), ["trigger"]);
    const noTools = (await one(workflow("issues", "      - uses: actions/ai-inference@v1\n        with:\n          prompt: ${{ github.event.issue.body }}\n"))).findings;
    assert.deepEqual(noTools.map((x) => [kind(x.message), x.severity]), [["prompt", "medium"]], "an agent without tools only answers");
    const mcp = (await one(workflow("issues", "      - uses: actions/ai-inference@v1\n        with:\n          enable-github-mcp: true\n          prompt: ${{ github.event.issue.body }}\n"))).findings;
    assert.deepEqual(mcp.map((x) => [kind(x.message), x.severity]), [["trigger", "medium"], ["prompt", "high"]], "with GitHub's MCP server it acts on the repository");
  });

  it("bounds what it reads: a huge settings value is not parsed", async () => {
    const huge = `'{"tools": {"core": [${'"read_file",'.repeat(8000)}"run_shell_command"]}}'`;
    const f = (await one(workflow("push", `      - uses: google-github-actions/run-gemini-cli@v0\n        with:\n          settings: ${huge}\n`))).findings;
    assert.deepEqual(f, []);
  });
});
