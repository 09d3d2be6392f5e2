import { mapPair } from "../../ecosystems/formats/yaml.js";
import type { Severity } from "../../core/severity.js";
import { findExpressions, isMapping, type Str } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";
import { lookup } from "./lib/actions-data.js";
import { AGENT_ACTIONS, mentionsAgentCli, unsafeAgentCommand, type AgentAction } from "./lib/agents.js";
import { commandsOf } from "./lib/commands.js";
import { sourcePhrase, viaPhrase, worstTaint } from "./lib/describe.js";
import { at, clip, Findings, placeLabel, stepKey, stepLabel } from "./lib/report.js";
import { applies, eventsOf, loadInputs, type Site } from "./lib/sites.js";
import { parsedOnce, scopeOf, taintsOfExpr, type Taint } from "./lib/taint.js";
import { GATED_CLAUSE, gatedSeverity, gateOf, maintainerStarted, stepGated } from "./lib/untrusted-code.js";

export const rule: Rule = {
  meta: {
    id: "workflows/agentic-actions",
    title: "AI agent steered by untrusted text or run without guard rails",
    severity: "high",
    confidence: "high",
    check: "Dangerous-Workflow",
    rationale:
      "An AI coding agent in a workflow (Claude Code, Gemini CLI, Codex, GitHub Models) follows instructions found in whatever text it reads, and acts with the job's token, secrets and tools. An issue, comment or pull request that outsiders write can carry instructions (prompt injection): put into the prompt, or read by an agent that anyone can start, they make the agent push code, leak secrets or run commands. Settings that approve every tool call (`--yolo`, `--dangerously-skip-permissions`, `Bash` for every command, `sandbox: danger-full-access`) turn one injected sentence into arbitrary commands on the runner.",
    remediation:
      "Keep untrusted text out of the prompt: pass the issue or pull request number and let the agent read the text as data. Start the agent only on events collaborators control, or check `author_association` first. Restrict its tools to named commands (`--allowedTools \"Bash(npm test)\"`, Gemini's `tools.core`), keep Codex's sandbox, and give its job read-only `permissions:` and no secrets beyond the model's key.",
    references: [
      { title: "OWASP Top 10 for LLM Applications: LLM01 Prompt Injection", url: "https://genai.owasp.org/llmrisk/llm01-prompt-injection/" },
      { title: "anthropics/claude-code-action: security", url: "https://github.com/anthropics/claude-code-action/blob/main/docs/security.md" },
      { title: "google-github-actions/run-gemini-cli", url: "https://github.com/google-github-actions/run-gemini-cli" },
      { title: "openai/codex-action", url: "https://github.com/openai/codex-action" },
      { title: "zizmor: agentic-actions", url: "https://docs.zizmor.sh/audits/#agentic-actions" },
      { title: "CWE-1427: Improper Neutralization of Input Used for LLM Prompting", url: "https://cwe.mitre.org/data/definitions/1427.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    if (!applies(ctx, inputs)) return;
    const found = new Findings();
    for (const site of inputs.sites) {
      const hit = lookup(AGENT_ACTIONS, site.step);
      if (hit) {
        const [name, agent] = hit;
        // Action inputs are case-insensitive.
        const input = new Map<string, Str>(Object.entries(site.step.with).map(([k, v]) => [k.toLowerCase(), v]));
        const gate = gateOfAgent(site);
        const a: AgentStep = { site, agent, who: `${agent.label} (${name}) in ${stepLabel(site.step)} of ${placeLabel(site)}`, input, tools: agent.hasTools(input), gate, exposed: reachable(site, gate) };
        const withPair = mapPair(site.step.node, "with");
        // `with: ${{ … }}` cannot be read statically (workflows/obfuscation speaks of it).
        if (!withPair || isMapping(withPair.value)) {
          taintedInputs(found, a, inputs.actions);
          widenedGates(found, a);
          unsafeSettings(ctx, found, a);
        }
        outsiderTriggers(found, a);
      } else if (site.step.run && mentionsAgentCli(site.step.run.value)) {
        const run = site.step.run;
        for (const cmd of commandsOf(run.value)) {
          const unsafe = unsafeAgentCommand(cmd);
          if (!unsafe) continue;
          const exposed = reachable(site, gateOfAgent(site));
          found.add(`${site.file}:${run.spanOf(cmd.start, cmd.end).offset}`, {
            message: `${stepLabel(site.step)} of ${placeLabel(site)} runs ${unsafe.label} with its guard rails off: ${unsafe.why}${exposed.clause}`,
            locations: [at(site.file, run.spanOf(cmd.start, cmd.end))],
            snippet: clip(run.value.slice(cmd.start, cmd.end), 200),
            severity: exposed.any ? "high" : "medium",
            key: `${stepKey(site)}:cli:${unsafe.label}`,
            evidence: { agent: unsafe.label, setting: unsafe.why, triggers: exposed.events },
            fix: "name the commands the agent may run (`--allowedTools \"Bash(npm test)\"`, Gemini's `tools.core`, Codex's default `workspace-write` sandbox) instead of approving every tool call",
          });
        }
      }
    }
    found.flush(ctx);
  },
};

/** Events outsiders can start; on `pull_request` a fork's run has no secrets, so the model's key is missing there. */
const OUTSIDER_TRIGGERS = ["issues", "issue_comment", "pull_request_target", "pull_request_review", "pull_request_review_comment", "discussion", "discussion_comment", "pull_request"];

/** Who can start a run and whether they reach the agent: the events outsiders can start, and a clause saying so. */
interface Exposure {
  any: boolean;
  events: string[];
  clause: string;
}

/** One agent step and what every check of it asks, worked out once. */
interface AgentStep {
  site: Site;
  agent: AgentAction;
  /** "Claude Code (anthropics/claude-code-action) in step … of job …". */
  who: string;
  /** The step's inputs by lower-case name. */
  input: ReadonlyMap<string, Str>;
  tools: boolean;
  gate: ReturnType<typeof gateOf>;
  exposed: Exposure;
}

/**
 * The job's gate (gateOf), or a maintainer's approval when the agent's step waits for a permission check of an
 * earlier step, or when every event outsiders could start runs only on activity a maintainer causes (a label).
 */
function gateOfAgent(site: Site): ReturnType<typeof gateOf> {
  const gate = gateOf(site.job, site.workflow?.jobs ?? []);
  if (gate) return gate;
  if (stepGated(site.step, site.steps)) return "approval";
  const outsider = (site.root?.triggers ?? []).filter((t) => OUTSIDER_TRIGGERS.includes(t.event));
  return outsider.length > 0 && outsider.every(maintainerStarted) ? "approval" : undefined;
}

/** The events of a site's run that outsiders can start, unless the job is limited to the repository's own branches. */
function reachable(site: Site, gate: ReturnType<typeof gateOf>): Exposure {
  // A composite action on its own: the workflows that use it are judged where they do.
  if (!site.root) return { any: false, events: [], clause: "" };
  const events = eventsOf(site).filter((e) => OUTSIDER_TRIGGERS.includes(e));
  if (events.length === 0 || gate === "same-repo") return { any: false, events: [], clause: "" };
  return { any: true, events, clause: `; the run starts on \`${events.join("`, `")}\`, which outsiders can trigger` };
}

/** Untrusted text in any input of the agent: instructions in it reach the model as the maintainer's own. */
function taintedInputs(found: Findings, a: AgentStep, actions: Parameters<typeof scopeOf>[1]): void {
  const { site, agent, who, input } = a;
  const scope = scopeOf(site, actions);
  for (const [key, str] of input) {
    for (const f of findExpressions(str.value)) {
      const e = parsedOnce(str.node, f.inner);
      const taint = e ? worstTaint(taintsOfExpr(scope, e, 0, f.inner)) : undefined;
      if (!taint) continue;
      const exprText = str.value.slice(f.start, f.end);
      const { severity, clause } = judge(a, taint);
      const span = str.spanOf(f.start, f.end);
      found.add(`${site.file}:${span.offset}`, {
        message: `${clip(exprText, 120)} puts ${sourcePhrase(taint)}${viaPhrase(taint)} into the \`${key}\` input of ${who}: instructions written there steer an agent that ${a.tools ? "acts with the job's token and tools" : "answers for the steps after it"}${clause}`,
        locations: [at(site.file, span)],
        snippet: clip(exprText, 200),
        severity,
        confidence: taint.inferred ? "medium" : "high",
        key: `${stepKey(site)}:input:${key}:${exprText}`,
        evidence: { agent: agent.label, input: key, source: taint.source, via: taint.via, capability: taint.capability },
        fix: "leave the text out of the prompt: pass the issue or pull request number, have the agent read the text through its tools as data, and tell it so",
      });
    }
  }
}

/** How severe untrusted text in an agent's input is: an agent without tools only answers, and a maintainer's gate lowers it. */
function judge(a: AgentStep, taint: Taint): { severity: Severity; clause: string } {
  const { site } = a;
  const gated = site.job !== undefined && a.gate === "approval";
  const clause = gated ? ` (${GATED_CLAUSE}: text edited after approval still reaches the agent)` : "";
  if (taint.capability === "input") {
    const exposed = !site.root || site.root.events.includes("workflow_call");
    return { severity: exposed ? "medium" : "low", clause: exposed ? `${clause}; a caller may pass untrusted text` : clause };
  }
  // A fork's `pull_request` run gets no secrets, the model's key among them, so the agent runs only on
  // branches of this repository, whose authors can push already; likewise behind a same-repository test.
  const pushersOnly = a.gate === "same-repo" || (a.exposed.any && a.exposed.events.every((e) => e === "pull_request"));
  if (pushersOnly && taint.capability === "arbitrary") return { severity: "low", clause: `${clause}; only authors who can push to this repository reach it (a fork's pull request run has no secrets)` };
  let severity: Severity = taint.capability === "payload" || !a.tools ? "medium" : "high";
  if (gated) severity = gatedSeverity(severity);
  return { severity, clause };
}

/** `allowed_non_write_users: "*"` and the like: anyone, not only users with write access, may start the agent. */
function widenedGates(found: Findings, { site, agent, who, input }: AgentStep): void {
  for (const key of agent.userGates) {
    const v = input.get(key);
    if (v?.value.trim() !== "*") continue;
    found.add(`${site.file}:${v.span.offset}`, {
      message: `\`${key}: "*"\` lets any user start ${who}, not only those with write access: anyone who can open an issue or comment can give it instructions`,
      locations: [at(site.file, v.span)],
      severity: "high",
      key: `${stepKey(site)}:gate:${key}`,
      evidence: { agent: agent.label, input: key },
      fix: `list the users or bots allowed by name (\`${key}: "dependabot[bot],renovate[bot]"\`), or remove \`${key}\``,
    });
  }
}

/** Settings that approve every tool call or lift the sandbox. */
function unsafeSettings(ctx: RuleContext, found: Findings, { site, agent, who, input, exposed }: AgentStep): void {
  for (const u of agent.unsafe(input)) {
    const where = input.get(u.input)?.span ?? site.step.uses?.raw.span ?? site.step.span;
    if (u.unread) {
      ctx.incomplete(`${who}: ${u.why}, so whether they approve every tool call cannot be judged`, { path: site.file, line: where.line, column: where.column });
      continue;
    }
    const severity: Severity = u.missing ? (exposed.any ? "medium" : "low") : exposed.any ? "high" : "medium";
    found.add(`${site.file}:${where.offset}:${u.input}`, {
      message: `${who} runs without guard rails: ${u.why}${exposed.clause}`,
      locations: [at(site.file, where)],
      severity,
      key: `${stepKey(site)}:unsafe:${u.input}`,
      evidence: { agent: agent.label, input: u.input, setting: u.why, triggers: exposed.events },
      fix: agent.label === "Gemini CLI" ? 'settings: |\n  { "tools": { "core": ["read_file", "run_shell_command(npm test)"] } }' : agent.label === "Codex" ? "keep the default `sandbox: workspace-write` (or `read-only`) and `safety-strategy: drop-sudo`" : 'claude_args: --allowedTools "Bash(npm test),Bash(npm run lint)"',
    });
  }
}

/** An agent on an event outsiders start: whatever they write (an issue, a comment, a pull request) is text the agent reads. */
function outsiderTriggers(found: Findings, { site, agent, who, input, tools, gate, exposed }: AgentStep): void {
  // An agent without tools only answers: what outsiders write can steer the answer, which the
  // steps after it use (untrusted text in its prompt is reported as such), not act on the repository.
  if (!site.root || !exposed.any || !tools) return;
  const conditions = [site.job?.if, site.step.if].filter((c): c is Str => c !== undefined).map((c) => `\`${clip(c.value, 80)}\``);
  const forksOnly = exposed.events.every((e) => e === "pull_request");
  let severity: Severity = forksOnly ? "low" : "medium";
  if (gate === "approval") severity = "low";
  const widened = agent.userGates.some((k) => (input.get(k)?.value ?? "").trim() !== "");
  const checked = agent.userGates.length > 0 && !widened ? " (the action itself starts only for users with write access, but what it reads was written by others)" : "";
  const place = site.step.uses?.raw.span ?? site.step.span;
  found.add(`${site.file}:${place.offset}:trigger`, {
    message: `${who} runs on \`${exposed.events.join("`, `")}\`${site.root.path !== site.file ? ` (called from ${site.root.path})` : ""}, which outsiders can trigger: the ${writtenOn(exposed.events)} they write reach the agent${checked}${conditions.length > 0 ? `; it runs only when ${conditions.join(" and ")}` : ""}${gate === "approval" ? ` (${GATED_CLAUSE})` : ""}${forksOnly ? "; a fork's pull request run has no secrets, so only branches of this repository reach it" : ""}`,
    locations: [at(site.file, place)],
    severity,
    confidence: "medium",
    key: `${stepKey(site)}:trigger`,
    evidence: { agent: agent.label, triggers: exposed.events, gate: gate ?? null },
    fix: "start the agent on events only collaborators control (a label a maintainer adds, `workflow_dispatch`), or check `github.event.comment.author_association` first; give its job read-only `permissions:` and no secrets beyond the model's key",
  });
}

const WRITTEN: Readonly<Record<string, string>> = { issues: "issues", issue_comment: "comments", discussion: "discussions", discussion_comment: "comments", pull_request_review: "reviews", pull_request_review_comment: "review comments" };

/** What outsiders write on the events, in words: "issues and comments". */
function writtenOn(events: readonly string[]): string {
  const kinds = new Set<string>();
  for (const e of events) kinds.add(WRITTEN[e] ?? "pull requests");
  const list = [...kinds];
  return list.length === 1 ? (list[0] as string) : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
