import type { Severity } from "../../../core/severity.js";
import { triggerReach } from "../../../ecosystems/github-actions/index.js";
import { eventsOf, type Site } from "./sites.js";
import type { Taint } from "./taint.js";
import { insiderUpstream, outsiderEvents } from "./upstream.js";

const PHRASES: readonly [RegExp, string][] = [
  [/^github\.event\.issue\.title$/, "the issue title, which anyone who opens an issue writes"],
  [/^github\.event\.issue\.body$/, "the issue body, which anyone who opens an issue writes"],
  [/^github\.event\.pull_request\.title$/, "the pull request title, which its author writes"],
  [/^github\.event\.pull_request\.body$/, "the pull request description, which its author writes"],
  [/^github\.event\.pull_request\.head\.(?:ref|label)$|^github\.head_ref$/, "the pull request's branch name, which a fork chooses"],
  [/^github\.event\.comment\.body$/, "the comment text, which any commenter writes"],
  [/^github\.event\.comment\.(?:path|diff_hunk)$/, "the file path or diff a review comment is on, which the pull request's author chose"],
  [/^github\.event\.review\.body$/, "the review text, which any reviewer writes"],
  [/^github\.event\.review_comment\.body$/, "the review comment text, which any reviewer writes"],
  [/^github\.event\.discussion\.(?:title|body)$/, "the discussion text, which anyone who opens a discussion writes"],
  [/commits\.\*\.message$|head_commit\.message$|commit\.commit\.message$/, "a commit message, which the commit's author writes"],
  [/(?:commits\.\*|head_commit)\.(?:added|modified|removed)(?:\.\*)?$/, "a file name in the push, which the commit's author chose"],
  [/\.(?:author|committer)\.(?:name|email|username)$/, "a commit author's name or email, which the commit's author sets"],
  [/labels\.\*\.name$|label\.name$/, "a label name"],
  [/(?:^|\.)(?:user|sender|assignee|requested_reviewer|(?:assignees|requested_reviewers)\.\*)\.(?:name|email)$/, "the profile name or email of a GitHub account, which its owner sets"],
  [/^github\.event\.issue\.type\./, "the issue's type, which the organisation's owners name"],
  [/requested_teams?(?:\.\*)?\.(?:name|description)$/, "a team's name or description, which the organisation's members write"],
  [/^github\.event\.workflow_run\.head_branch$/, "the branch name of the run that triggered this one, which a fork chooses"],
  [/^github\.event\.workflow_run\.display_title$/, "the title of the run that triggered this one (a pull request title or commit message)"],
  [/^github\.event\.pages\.\*\.summary$/, "a wiki edit's summary, which any wiki editor writes"],
  [/^github\.event\.pages\./, "a wiki page name, which any wiki editor chooses"],
  [/^github\.event\.check_run\.(?:name|output\.)/, "the check's name or report, which its app or workflow writes (often quoting the pull request it checks)"],
  [/milestone\.(?:title|description)$/, "a milestone's title or description, which people with triage access write"],
  [/^github\.event\.discussion\.category\./, "the discussion category's name or description, which people with write access set"],
  [/^github\.event\.(?:registry_)?package\./, "a published package's description or release notes, which whoever publishes it writes"],
  [/^github\.event\.workflow_run\.(?:referenced_workflows\.\*\.)?path$/, "the file name of the triggering run's workflow, which a fork's pull request can choose"],
  [/^github\.event\.release\.assets\./, "a release asset's name or label, which whoever uploads it chooses"],
  [/^github\.event\.pull_request\.auto_merge\./, "the commit message given when auto-merge was enabled, which people with write access write"],
  [/^github\.event\.(?:context|description)$/, "the status's context or description, which whoever reports the status writes"],
  [/^github\.event\.(?:deployment|deployment_status)\./, "the deployment's description, environment or payload, which whoever creates it writes"],
  [/client_payload/, "the repository_dispatch payload, which any holder of a token sends"],
  [/^(?:github\.event\.)?inputs\./, "an input, which whoever runs the workflow, or the workflow or step that calls it, chooses"],
  [/^artifact:/, "text or file names read from the triggering run's artifact, which a fork's pull request run can have written"],
  [/^github\.event\.release\.name$/, "the release's name, which whoever publishes the release writes"],
  [/^github\.event\.release\.body$/, "the release notes, which whoever publishes the release writes, often generated from the titles of pull requests outsiders opened"],
  [/\.head\.repo\.(?:description|homepage|default_branch)$|head_repository\.description$|^github\.event\.forkee\./, "a fork's repository details, which the fork's owner writes"],
  [/^github\.event\.changes\.(?:old|new)_(?:issue|discussion)\./, "the moved or converted issue's or discussion's text, which its author wrote"],
  [/^github\.event\.changes\./, "the previous title, body or name of what was edited, which its author wrote"],
  [/^github\.event\.(?:old_)?answer\.body$/, "the discussion answer text, which any commenter writes"],
  [/^github\.event\.(?:check_suite|check_run\.check_suite)\.head_branch$|\.pull_requests\.\*\.head\.ref$/, "the pull request's branch name, which a fork chooses"],
  [/^github(?:\.event)?$/, "the whole event, which holds the titles, bodies and branch names outsiders write"],
];

/** What the taint's source is, in words people recognise. */
export function sourcePhrase(t: Taint): string {
  // An action's output (`tj-actions/changed-files output \`all_changed_files\``): named as such, not as a context in backticks.
  const output = /^([^\s`]{1,200}) output `([^`]{1,200})`$/.exec(t.source);
  if (output) return `the output \`${output[2]}\` of ${output[1]} (text outsiders write: a pull request's file names or branch, an issue's or comment's text)`;
  for (const [re, phrase] of PHRASES) if (re.test(t.source)) return `\`${t.source}\` (${phrase})`;
  if (t.capability === "arbitrary") return `\`${t.source}\` (text from outside the project)`;
  return `\`${t.source}\``;
}

/** The hops a taint took, as a clause (`, through env.TITLE and steps.meta.outputs.title`). */
export function viaPhrase(t: Taint): string {
  if (t.via.length === 0) return "";
  return `, through ${t.via.map((v) => `\`${v}\``).join(" and ")}`;
}

/** Who can start the run a site is in, as a clause, and how severe an outsider-controlled value is there. */
export function reachOf(site: Site): { severity: Severity; clause: string } {
  if (!site.root) return { severity: "high", clause: "; any workflow that uses this action with untrusted input runs it" };
  const events = eventsOf(site);
  // Every trigger ruled out by the job's condition (or none at all): say so rather than name an empty list.
  if (events.length === 0) return { severity: "high", clause: `; no trigger of ${site.root.path} runs this job as its condition stands, but the text still expands wherever it does run` };
  const reach = triggerReach(outsiderEvents(events, site.root));
  const upstream = events.includes("workflow_run") ? insiderUpstream(site.root) : undefined;
  const after = upstream ? ` (after ${upstream.map((n) => `\`${n}\``).join(", ")}, which only people with push access start)` : "";
  const on = events.map((e) => `\`${e}\``).join(", ") + after;
  const called = site.root !== site.workflow ? ` (called from ${site.root.path})` : "";
  if (reach === "privileged") return { severity: "critical", clause: `; the run starts on ${on}${called}, which outsiders can trigger, with the repository's secrets and token in reach` };
  if (reach === "outsider") return { severity: "high", clause: `; the run starts on ${on}${called}` };
  return { severity: "high", clause: `; the run starts on ${on}${called}` };
}

/** Rank of a taint's capability, most dangerous first. */
export function taintRank(t: Taint): number {
  // An email address is text its author chose, but with a shape: below free text, above an API caller's payload.
  if (t.capability === "arbitrary") return t.structured ? 2.5 : 3;
  return t.capability === "payload" ? 2 : t.undeclared ? 0 : 1;
}

/** The most dangerous of several taints. */
export function worstTaint(list: readonly Taint[]): Taint | undefined {
  let best: Taint | undefined;
  for (const t of list) if (!best || taintRank(t) > taintRank(best)) best = t;
  return best;
}
