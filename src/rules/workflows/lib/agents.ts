// What the family knows about AI coding agents in workflows, from each action's inputs and each
// CLI's documented flags: who may start the agent, and which settings let it run any command
// without asking. The rule reads this table; nothing here decides severity.
import { asObject } from "../../../ecosystems/formats/json.js";
import { findExpressions, type Str } from "../../../ecosystems/github-actions/index.js";
import { splitCommands } from "../../../ecosystems/shell/split.js";
import type { Command } from "./commands.js";

/** An action that hands a prompt to a model, as its documentation describes it. */
export interface AgentAction {
  /** What people call the agent. */
  label: string;
  /** Inputs that widen who may start the agent beyond users with write access; `*` lets anyone. */
  userGates: readonly string[];
  /** True when the agent, as configured, runs tools (a shell, file edits, the GitHub API), not only answers. */
  hasTools(input: ReadonlyMap<string, Str>): boolean;
  /** Settings of its inputs that let it run any command without asking. */
  unsafe(input: ReadonlyMap<string, Str>): Unsafe[];
}

/** A setting that removes the agent's guard rails, and the input that holds it. */
export interface Unsafe {
  input: string;
  why: string;
  /** True when the setting only leaves tools unrestricted (nothing written says so), not opens them outright. */
  missing?: boolean;
  /** True when the settings could not be read (`why` says why): no verdict, never a pass. */
  unread?: boolean;
}

/** Why a settings input could not be read as JSON, or undefined when it is empty or an object. */
function unreadSettings(raw: Str | undefined, parsed: Record<string, unknown> | undefined): Unsafe | undefined {
  if (!raw || parsed || raw.value.trim() === "") return undefined;
  const why = raw.value.length > MAX_SETTINGS ? "its `settings` are longer than 64 KiB, not read" : /^[\w./-]{1,200}\.json$/.test(raw.value.trim()) ? `its \`settings\` name a file (${raw.value.trim()}), which is not read` : "its `settings` are not a JSON object";
  return { input: "settings", why, unread: true };
}

/** Longest settings JSON read; a longer value is not judged. */
const MAX_SETTINGS = 64 * 1024;

/** Commands that print the environment or files: allowed to an agent, they hand it the model's key and the job's secrets to repeat. */
const PRINTERS = new Set(["echo", "printf", "cat", "env", "printenv", "head", "tail", "tee", "set", "export"]);

/**
 * What a tool grant lets the agent run in a shell, as a clause (`for every command`), when it is
 * the shell tool (`Bash`, `Bash(npm test)`, `run_shell_command(git log)`) with no command or a
 * command that prints secrets; undefined for other tools and named commands.
 */
function shellGrant(tool: string, shells: readonly string[]): string | undefined {
  const t = tool.trim();
  const shell = shells.find((n) => t === n || t.startsWith(`${n}(`));
  if (shell === undefined) return undefined;
  const inner = t === shell ? "" : t.slice(shell.length + 1, t.endsWith(")") ? -1 : undefined).trim();
  const command = inner.replace(/:?\*$/, "").trim();
  if (command === "") return "for every command";
  const program = command.split(/\s/)[0] as string;
  return PRINTERS.has(program) ? `for \`${program}\`, which can print the job's environment (the model's key among it) into what the agent writes` : undefined;
}

/** The first dangerous shell grant of a tool list, as a clause. */
function firstGrant(tools: readonly string[], shells: readonly string[]): string | undefined {
  for (const t of tools) {
    const g = shellGrant(t, shells);
    if (g) return g;
  }
  return undefined;
}

const CLAUDE_SHELL = ["Bash"];
const GEMINI_SHELL = ["run_shell_command", "ShellTool"];

/** The words of a flag string (`--allowedTools "Bash(npm test),Read" --model x`), quotes removed, as a shell reads them. */
function argWords(text: string): string[] {
  // A block scalar puts one flag per line: the lines are one argument list, not several commands.
  const words = splitCommands(`x ${text.slice(0, MAX_SETTINGS).replace(/\r?\n/g, " ")}`, { comments: false }).flatMap((c) => c.words.map((w) => w.value));
  return words.slice(1);
}

/** The values that follow `flag` (and `flag=value`) in a word list, up to the next flag. */
function flagValues(words: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const eq = w.indexOf("=");
    const name = eq > 0 ? w.slice(0, eq) : w;
    if (!flags.includes(name)) continue;
    if (eq > 0) out.push(w.slice(eq + 1));
    for (let j = i + 1; eq < 0 && j < words.length && !(words[j] as string).startsWith("-"); j++) out.push(words[j] as string);
  }
  return out;
}

/** Claude Code's flags that run every tool without asking, or allow every shell command. */
function claudeFlags(words: readonly string[]): string | undefined {
  if (words.includes("--dangerously-skip-permissions")) return "`--dangerously-skip-permissions` runs every tool without asking";
  if (flagValues(words, ["--permission-mode"]).includes("bypassPermissions")) return "`--permission-mode bypassPermissions` runs every tool without asking";
  const grant = firstGrant(flagValues(words, ["--allowedTools", "--allowed-tools"]).flatMap((v) => v.split(",")), CLAUDE_SHELL);
  if (grant) return `the allowed tools include \`Bash\` ${grant}`;
  return undefined;
}

/** Gemini CLI's flags that approve every tool call. */
function geminiFlags(words: readonly string[]): string | undefined {
  if (words.includes("--yolo") || words.includes("-y")) return "`--yolo` approves every tool call, shell commands included";
  if (flagValues(words, ["--approval-mode"]).includes("yolo")) return "`--approval-mode yolo` approves every tool call, shell commands included";
  return undefined;
}

/** Codex's flags that lift its sandbox. */
function codexFlags(words: readonly string[]): string | undefined {
  if (words.includes("--dangerously-bypass-approvals-and-sandbox") || words.includes("--yolo")) return "`--dangerously-bypass-approvals-and-sandbox` runs every command without a sandbox or approval";
  if (flagValues(words, ["--sandbox", "-s"]).includes("danger-full-access")) return "`--sandbox danger-full-access` lifts the sandbox: commands reach the whole machine and the network";
  if (flagValues(words, ["--config", "-c"]).some((v) => /^sandbox_mode\s*=\s*["']?danger-full-access/.test(v))) return "`sandbox_mode = danger-full-access` lifts the sandbox: commands reach the whole machine and the network";
  return undefined;
}

/**
 * A parsed JSON object of an input, or undefined when it is not one (or too long to read). Each
 * `${{ … }}` is read as `null` first: the Actions runner fills it in before the agent reads the
 * settings (`"enabled": ${{ vars.X != '' }}` in run-gemini-cli's own examples), and a value the
 * runner fills in cannot name a tool, so what the settings allow is judged from the rest.
 */
function jsonObject(s: Str | undefined): Record<string, unknown> | undefined {
  if (!s || s.value.length > MAX_SETTINGS) return undefined;
  let text = "";
  let from = 0;
  for (const e of findExpressions(s.value)) {
    // Inside a JSON string the placeholder stays a string; elsewhere it is the literal `null`.
    const quoted = s.value[e.start - 1] === '"' && s.value[e.end] === '"';
    text += s.value.slice(from, e.start) + (quoted ? "" : "null");
    from = e.end;
  }
  text += s.value.slice(from);
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The value at a path of objects (`tools.core`), undefined where a step is not an object. */
function field(o: unknown, ...path: string[]): unknown {
  let v = o;
  for (const k of path) v = asObject(v)?.[k];
  return v;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** True when settings turn yolo mode on by any spelling (`"--yolo": true`, `"approvalMode": "yolo"`), a few levels deep. */
function asksYolo(o: unknown, depth: number): boolean {
  if (typeof o !== "object" || o === null || Array.isArray(o) || depth > 4) return false;
  for (const [k, v] of Object.entries(o)) {
    const key = k.toLowerCase();
    if (key.includes("yolo") && v !== false && v !== null && !key.includes("disable")) return true;
    if (key.includes("approval") && typeof v === "string" && v.toLowerCase() === "yolo") return true;
    if (asksYolo(v, depth + 1)) return true;
  }
  return false;
}

/**
 * The action runs `gemini --yolo` (every tool call approved): only `tools.core` (an allow-list) or
 * `tools.exclude` in its settings limit what the agent may do. Older settings call them
 * `coreTools` and `excludeTools`.
 */
function geminiSettings(input: ReadonlyMap<string, Str>): Unsafe[] {
  const raw = input.get("settings");
  const settings = jsonObject(raw);
  const unread = unreadSettings(raw, settings);
  if (unread) return [unread];
  if (asksYolo(settings, 0)) return [{ input: "settings", why: "the settings ask for yolo mode: every tool call approved, shell commands included" }];
  const core = field(settings, "tools", "core") ?? field(settings, "coreTools");
  const exclude = field(settings, "tools", "exclude") ?? field(settings, "excludeTools");
  if (core === undefined && exclude === undefined) return [{ input: "settings", why: "the action runs Gemini CLI with `--yolo` and no `tools.core` or `tools.exclude` in its settings, so the agent may run any tool, shell commands included, without approval", missing: true }];
  const grant = firstGrant(strings(core), GEMINI_SHELL);
  if (grant) return [{ input: "settings", why: `\`tools.core\` allows \`run_shell_command\` ${grant}, approved without asking (the action runs with \`--yolo\`)` }];
  return [];
}

/** Claude Code's action: `claude_args` (v1), the older `allowed_tools`, and permissions in `settings`. */
function claudeSettings(input: ReadonlyMap<string, Str>): Unsafe[] {
  const out: Unsafe[] = [];
  const args = input.get("claude_args");
  const fromArgs = args ? claudeFlags(argWords(args.value)) : undefined;
  if (fromArgs) out.push({ input: "claude_args", why: fromArgs });
  const legacy = input.get("allowed_tools");
  const legacyGrant = legacy ? firstGrant(legacy.value.split(/[,\n]/), CLAUDE_SHELL) : undefined;
  if (legacyGrant) out.push({ input: "allowed_tools", why: `the allowed tools include \`Bash\` ${legacyGrant}` });
  const settings = jsonObject(input.get("settings"));
  const unread = unreadSettings(input.get("settings"), settings);
  if (unread) out.push(unread);
  else if (field(settings, "permissions", "defaultMode") === "bypassPermissions") out.push({ input: "settings", why: "`permissions.defaultMode: bypassPermissions` runs every tool without asking" });
  else {
    const grant = firstGrant(strings(field(settings, "permissions", "allow")), CLAUDE_SHELL);
    if (grant) out.push({ input: "settings", why: `\`permissions.allow\` includes \`Bash\` ${grant}` });
  }
  return out;
}

/** OpenAI's Codex action: `sandbox`, `safety-strategy` and flags in `codex-args`. */
function codexSettings(input: ReadonlyMap<string, Str>): Unsafe[] {
  const out: Unsafe[] = [];
  if (input.get("sandbox")?.value.trim() === "danger-full-access") out.push({ input: "sandbox", why: "`sandbox: danger-full-access` lifts the sandbox: commands reach the whole machine and the network" });
  if (input.get("safety-strategy")?.value.trim() === "unsafe") out.push({ input: "safety-strategy", why: "`safety-strategy: unsafe` lets the agent keep sudo and read the job's secrets from the runner" });
  const args = input.get("codex-args");
  const fromArgs = args ? codexFlags(argWords(args.value)) : undefined;
  if (fromArgs) out.push({ input: "codex-args", why: fromArgs });
  return out;
}

const none = (): Unsafe[] => [];
const always = (): boolean => true;
/** GitHub Models inference only answers, unless given GitHub's MCP server (`enable-github-mcp: true`). */
const githubMcp = (input: ReadonlyMap<string, Str>): boolean => /^true$/i.test(input.get("enable-github-mcp")?.value.trim() ?? "");

/** Agent actions by name (lower case, `owner/repo`). */
export const AGENT_ACTIONS: ReadonlyMap<string, AgentAction> = new Map([
  ["anthropics/claude-code-action", { label: "Claude Code", userGates: ["allowed_non_write_users", "allowed_bots"], hasTools: always, unsafe: claudeSettings }],
  ["anthropics/claude-code-base-action", { label: "Claude Code", userGates: [], hasTools: always, unsafe: claudeSettings }],
  ["google-github-actions/run-gemini-cli", { label: "Gemini CLI", userGates: [], hasTools: always, unsafe: geminiSettings }],
  ["openai/codex-action", { label: "Codex", userGates: ["allow-users", "allow-bots"], hasTools: always, unsafe: codexSettings }],
  ["actions/ai-inference", { label: "GitHub Models inference", userGates: [], hasTools: githubMcp, unsafe: none }],
]);

/** Agent CLIs by program name and by npm package (run through `npx`, `bunx`, `pnpm dlx`). */
const CLIS: ReadonlyMap<string, { label: string; flags(words: readonly string[]): string | undefined }> = new Map([
  ["claude", { label: "Claude Code", flags: claudeFlags }],
  ["@anthropic-ai/claude-code", { label: "Claude Code", flags: claudeFlags }],
  ["gemini", { label: "Gemini CLI", flags: geminiFlags }],
  ["@google/gemini-cli", { label: "Gemini CLI", flags: geminiFlags }],
  ["codex", { label: "Codex", flags: codexFlags }],
  ["@openai/codex", { label: "Codex", flags: codexFlags }],
]);

const RUNNERS = new Set(["npx", "bunx", "pnpx"]);
const DLX = new Set(["pnpm", "yarn", "bun"]);

/** An npm package spec without its version (`@google/gemini-cli@latest` → `@google/gemini-cli`). */
function packageName(spec: string): string {
  const at = spec.indexOf("@", 1);
  return at > 0 ? spec.slice(0, at) : spec;
}

/** Whether a script names an agent CLI at all: only such scripts are split into commands (most CI scripts never do). */
export function mentionsAgentCli(script: string): boolean {
  return script.includes("claude") || script.includes("gemini") || script.includes("codex");
}

/** The agent CLI a shell command runs with guard rails off, and why; undefined for anything else. */
export function unsafeAgentCommand(cmd: Command): { label: string; why: string } | undefined {
  let words = cmd.words;
  const program = words[0] ?? "";
  if (RUNNERS.has(program) || (DLX.has(program) && (words[1] === "dlx" || (program === "bun" && words[1] === "x")))) {
    const rest = words.slice(RUNNERS.has(program) ? 1 : 2);
    const i = rest.findIndex((w) => !w.startsWith("-"));
    if (i < 0) return undefined;
    words = [packageName(rest[i] as string), ...rest.slice(i + 1)];
  }
  const cli = CLIS.get(words[0] ?? "");
  const why = cli?.flags(words.slice(1));
  return cli && why ? { label: cli.label, why } : undefined;
}
