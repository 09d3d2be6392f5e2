// Who controls the value of a context, judged from GitHub's webhook payloads: free text anyone can
// write (an issue title, a branch name of a fork, a commit message), values with a fixed shape
// (numbers, ids, SHAs, booleans, timestamps, logins, GitHub-made URLs), and inputs a person with
// access to the repository chose. Template injection is judged from this.

/**
 * - `arbitrary`: free text an outsider can write (titles, bodies, commit messages, fork branch names), or free text
 *   only people with write access write (`writerContext`: a milestone's title); `structured` marks the ones GitHub
 *   gives a shape (an email address);
 * - `input`: a value someone who can run the workflow chose (`workflow_dispatch` or reusable workflow inputs);
 * - `payload`: free text from an API caller (`repository_dispatch` client payloads);
 * - `fixed`: a number, id, SHA, boolean, timestamp, login or a value maintainers control;
 * - `unknown`: nothing is known (another context, an unlisted field).
 */
export type Capability = "arbitrary" | "input" | "payload" | "fixed" | "unknown";

/**
 * Free text only people with write (or triage) access write: milestones, discussion categories, deployments,
 * release assets, statuses, an auto-merge's commit message. zizmor's table calls them arbitrary; the template
 * injection rule rates them as it rates label names.
 */
const WRITER_EVENT_PATHS: readonly string[] = [
  "milestone.title",
  "milestone.description",
  "issue.milestone.title",
  "issue.milestone.description",
  "pull_request.milestone.title",
  "pull_request.milestone.description",
  "discussion.category.name",
  "discussion.category.description",
  "deployment.description",
  "deployment.environment",
  "deployment.original_environment",
  "deployment.payload",
  "deployment.task",
  "deployment_status.description",
  "deployment_status.environment",
  "release.assets.*.name",
  "release.assets.*.label",
  "pull_request.auto_merge.commit_message",
  "pull_request.auto_merge.commit_title",
  // A published package's text: whoever can publish to the repository's packages writes it.
  "registry_package.description",
  "registry_package.package_version.description",
  "registry_package.package_version.summary",
  "registry_package.package_version.body",
  "registry_package.package_version.release.name",
  "package.description",
  "package.package_version.description",
  "package.package_version.summary",
  "package.package_version.body",
  "package.package_version.release.name",
  // The previous description of an edited label, milestone or repository.
  "changes.description.from",
  // A `status` event's context and description, set by whoever reports the status.
  "context",
  "description",
  // An issue's type: the organisation's owners name the types, people with triage access set one.
  "issue.type.name",
  "issue.type.description",
  // A team asked to review: organisation members name teams, people with write access request one.
  "requested_team.name",
  "requested_team.description",
  "pull_request.requested_teams.*.name",
  "pull_request.requested_teams.*.description",
];

/**
 * Paths GitHub reports as email addresses (a commit's author or committer, the pusher): git keeps whatever the
 * author configured, so they are not safe, but zizmor's table calls them structured (rated medium), not arbitrary.
 */
const STRUCTURED_EVENT_PATHS: readonly string[] = [
  "commits.*.author.email",
  "commits.*.committer.email",
  "head_commit.author.email",
  "head_commit.committer.email",
  "workflow_run.head_commit.author.email",
  "workflow_run.head_commit.committer.email",
  "check_suite.head_commit.author.email",
  "check_suite.head_commit.committer.email",
  "merge_group.head_commit.author.email",
  "merge_group.head_commit.committer.email",
  "pusher.email",
];

/** Event payload paths (after `github.event.`) whose value outsiders write; `*` matches one part. */
const ARBITRARY_EVENT_PATHS: readonly string[] = [
  "issue.title",
  "issue.body",
  "pull_request.title",
  "pull_request.body",
  "pull_request.head.ref",
  "pull_request.head.label",
  "pull_request.head.repo.default_branch",
  "pull_request.head.repo.description",
  "pull_request.head.repo.homepage",
  "pull_request.labels.*.name",
  "pull_request.labels.*.description",
  "issue.labels.*.name",
  "issue.labels.*.description",
  "label.name",
  "label.description",
  "comment.body",
  // A pull request review comment's file path and diff hunk: the fork's file names and contents.
  "comment.path",
  "comment.diff_hunk",
  "review.body",
  "review_comment.body",
  "discussion.title",
  "discussion.body",
  "discussion.labels.*.name",
  "discussion.labels.*.description",
  "answer.body",
  "old_answer.body",
  "pages.*.page_name",
  "pages.*.title",
  // The edit summary a wiki editor types.
  "pages.*.summary",
  "commits.*.message",
  "commits.*.author.name",
  "commits.*.author.username",
  "commits.*.committer.name",
  // The file names a push adds, changes or removes.
  "commits.*.added.*",
  "commits.*.modified.*",
  "commits.*.removed.*",
  "head_commit.message",
  "head_commit.author.name",
  "head_commit.author.username",
  "head_commit.committer.name",
  "head_commit.added.*",
  "head_commit.modified.*",
  "head_commit.removed.*",
  // A `status` event's commit: a pull request's head commit once a CI service reports on it.
  "commit.commit.message",
  "commit.commit.author.name",
  "commit.commit.committer.name",
  // Unlike a push's, the status event's commit carries no email format in GitHub's schema: zizmor calls it arbitrary.
  "commit.commit.author.email",
  "commit.commit.committer.email",
  "workflow_run.head_branch",
  "workflow_run.display_title",
  "workflow_run.head_commit.message",
  "workflow_run.head_commit.author.name",
  "workflow_run.head_commit.author.username",
  "workflow_run.head_commit.committer.name",
  "workflow_run.head_repository.description",
  // The triggering run's workflow file: a fork's pull request can add one under any file name, with the `name:`
  // the `workflows:` filter expects.
  "workflow_run.path",
  "workflow_run.referenced_workflows.*.path",
  "workflow_run.pull_requests.*.head.ref",
  "check_suite.head_branch",
  "check_suite.head_commit.message",
  "check_suite.head_commit.author.name",
  "check_suite.head_commit.committer.name",
  "check_suite.pull_requests.*.head.ref",
  "check_run.check_suite.head_branch",
  "check_run.check_suite.pull_requests.*.head.ref",
  "check_run.pull_requests.*.head.ref",
  // What the check's app or workflow reports: a job's name, a linter's output quoting the pull request.
  "check_run.name",
  "check_run.output.title",
  "check_run.output.summary",
  "check_run.output.text",
  "merge_group.head_commit.message",
  "merge_group.head_commit.author.name",
  "merge_group.head_commit.committer.name",
  "release.name",
  "release.body",
  "changes.title.from",
  "changes.body.from",
  "changes.name.from",
  // An issue or discussion moved to another repository or turned into one: its author's text.
  "changes.old_issue.title",
  "changes.old_issue.body",
  "changes.new_issue.title",
  "changes.new_issue.body",
  "changes.new_discussion.title",
  "changes.new_discussion.body",
  "forkee.description",
  "forkee.homepage",
  ...WRITER_EVENT_PATHS,
];

/** Leaf names whose values have a fixed shape, wherever they appear in a payload. */
const FIXED_LEAVES = new Set([
  "id",
  "node_id",
  "number",
  "sha",
  "before",
  "after",
  "base_ref",
  "state",
  "draft",
  "merged",
  "locked",
  "private",
  "fork",
  "deleted",
  "created",
  "forced",
  "action",
  "author_association",
  "type",
  "site_admin",
  "login",
  "full_name",
  "owner",
  "additions",
  "deletions",
  "changed_files",
  "commits",
  "comments",
  "review_comments",
  "size",
  "run_number",
  "run_attempt",
  "conclusion",
  "status",
  "event",
  "path",
  "default",
  "mergeable",
  "rebaseable",
  "maintainer_can_modify",
  "prerelease",
  "tag_name",
  "target_commitish",
  "ref_type",
  "master_branch",
  "visibility",
  "color",
  "distinct",
  "timestamp",
  "total_count",
]);

/**
 * Objects of a payload that are the GitHub account of whoever acted or was named (an issue's author, the sender, an
 * assignee, a requested reviewer): anyone with an account. Their profile `name` is free text its owner types, their
 * `email` an address they chose to show. Webhook payloads seldom fill either, but when they do an outsider wrote it.
 */
const ACCOUNT_OBJECTS = new Set(["user", "sender", "assignee", "requested_reviewer"]);
const ACCOUNT_LISTS = new Set(["assignees", "requested_reviewers"]);

/** `name` or `email` of an outsider's account object (`issue.user.name`, `sender.email`), else undefined. */
function accountField(rest: readonly string[]): "name" | "email" | undefined {
  const n = rest.length;
  const leaf = rest[n - 1];
  if (leaf !== "name" && leaf !== "email") return undefined;
  const parent = rest[n - 2] ?? "";
  const account = ACCOUNT_OBJECTS.has(parent) || (parent === "*" && ACCOUNT_LISTS.has(rest[n - 3] ?? ""));
  // The base repository's owner (`pull_request.base.user`) is the project itself.
  if (!account || (parent === "user" && rest[n - 3] === "base")) return undefined;
  return leaf;
}

/**
 * Paths zizmor's table calls arbitrary that are not outsiders' text here. A push's (or Pages build's) pusher is named
 * by login, which holds only letters, digits and hyphens, and only people with push access push. A `status` event's
 * branches are this repository's branches holding the commit (a fork's pull request adds none): names only people
 * with push access choose, judged as `github.ref_name` is.
 */
const FIXED_EVENT_PATHS: readonly string[] = ["pusher.name", "build.pusher.name", "branches.*.name"];

const ARBITRARY_TREE = buildTree(ARBITRARY_EVENT_PATHS);
const FIXED_TREE = buildTree(FIXED_EVENT_PATHS);
const STRUCTURED_TREE = buildTree(STRUCTURED_EVENT_PATHS);
const WRITER_TREE = buildTree(WRITER_EVENT_PATHS);

interface Tree {
  children: Map<string, Tree>;
  leaf: boolean;
}

function buildTree(paths: readonly string[]): Tree {
  const root: Tree = { children: new Map(), leaf: false };
  for (const p of paths) {
    let node = root;
    for (const part of p.split(".")) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map(), leaf: false };
        node.children.set(part, child);
      }
      node = child;
    }
    node.leaf = true;
  }
  return root;
}

/** Matches parts against the tree: `leaf` (an untrusted field), `prefix` (an object holding one), or none. */
function matchTree(tree: Tree, parts: readonly string[]): "leaf" | "prefix" | undefined {
  let nodes: Tree[] = [tree];
  for (const part of parts) {
    const next: Tree[] = [];
    for (const n of nodes) {
      const exact = n.children.get(part);
      if (exact) next.push(exact);
      // A filter (`labels.*.name`) or computed index reaches every child.
      if (part === "*") next.push(...n.children.values());
      else {
        const any = n.children.get("*");
        if (any) next.push(any);
      }
    }
    if (next.length === 0) return undefined;
    nodes = next;
  }
  if (nodes.some((n) => n.leaf)) return "leaf";
  return "prefix";
}

/** `github.*` properties (not under `event`) and who controls them. */
const GITHUB_PROPERTIES: Readonly<Record<string, Capability>> = {
  head_ref: "arbitrary",
  // Maintainers (people who can push) choose these; a fork cannot.
  ref: "fixed",
  ref_name: "fixed",
  base_ref: "fixed",
  actor: "fixed",
  triggering_actor: "fixed",
  workflow: "fixed",
};

/**
 * Who controls a context access (`parts` lower-cased, from `accessPath`). `prefix` is true when
 * the access is an object that holds attacker-controlled fields (`github.event.issue`), which
 * `toJSON()` or direct expansion renders with them. `structured` is true for an `arbitrary` leaf GitHub gives a
 * shape (an email address): still text its writer chose, but rated lower.
 */
export function contextCapability(parts: readonly string[]): { capability: Capability; prefix: boolean; structured?: true } {
  const [root, second, ...rest] = parts;
  if (root === "github") {
    if (second === undefined) return { capability: "arbitrary", prefix: true };
    if (second === "event") {
      if (rest.length === 0) return { capability: "arbitrary", prefix: true };
      if (rest[0] === "inputs") return { capability: "input", prefix: rest.length === 1 };
      if (rest[0] === "client_payload") return { capability: "payload", prefix: rest.length === 1 };
      if (matchTree(FIXED_TREE, rest) === "leaf") return { capability: "fixed", prefix: false };
      const shaped = matchTree(STRUCTURED_TREE, rest);
      const account = accountField(rest);
      if (shaped === "leaf" || account === "email") return { capability: "arbitrary", prefix: false, structured: true };
      if (account === "name") return { capability: "arbitrary", prefix: false };
      const m = matchTree(ARBITRARY_TREE, rest) ?? (shaped === "prefix" ? "prefix" : undefined);
      if (m === "leaf") return { capability: "arbitrary", prefix: false };
      if (m === "prefix") return { capability: "arbitrary", prefix: true };
      const leaf = rest[rest.length - 1] as string;
      if (FIXED_LEAVES.has(leaf) || /(?:_id|_at|_url|_sha|_count)$/.test(leaf) || leaf === "url") return { capability: "fixed", prefix: false };
      return { capability: "unknown", prefix: false };
    }
    return { capability: GITHUB_PROPERTIES[second] ?? "fixed", prefix: false };
  }
  if (root === "inputs") return { capability: "input", prefix: second === undefined };
  return { capability: "unknown", prefix: false };
}

/** True when a context (`parts` lower-cased) is the profile name of an outsider's account (`github.event.issue.user.name`). */
export function accountNameContext(parts: readonly string[]): boolean {
  return parts[0] === "github" && parts[1] === "event" && accountField(parts.slice(2)) === "name";
}

/** True when a context (`parts` lower-cased) is free text only people with write access write (a milestone's title). */
export function writerContext(parts: readonly string[]): boolean {
  return parts[0] === "github" && parts[1] === "event" && matchTree(WRITER_TREE, parts.slice(2)) === "leaf";
}

/** Events whose runs an outsider (anyone with a GitHub account) can start on the base repository with its secrets and a write token. */
export const PRIVILEGED_OUTSIDER_EVENTS: ReadonlySet<string> = new Set([
  "pull_request_target",
  "issues",
  "issue_comment",
  "discussion",
  "discussion_comment",
  "workflow_run",
  "fork",
  "watch",
  "gollum",
]);

/** Events an outsider can start, but from a fork they run with a read-only token and no secrets. */
export const UNPRIVILEGED_OUTSIDER_EVENTS: ReadonlySet<string> = new Set(["pull_request", "pull_request_review", "pull_request_review_comment"]);

/** How far a workflow's triggers reach: `privileged` (outsiders, with secrets), `outsider` (forks, read-only), `maintainer`. */
export function triggerReach(events: readonly string[]): "privileged" | "outsider" | "maintainer" {
  if (events.some((e) => PRIVILEGED_OUTSIDER_EVENTS.has(e))) return "privileged";
  if (events.some((e) => UNPRIVILEGED_OUTSIDER_EVENTS.has(e))) return "outsider";
  return "maintainer";
}

/** Default environment variables the runner sets, by the `github` property they mirror. */
export const DEFAULT_ENV_FOR: Readonly<Record<string, string>> = {
  head_ref: "GITHUB_HEAD_REF",
  base_ref: "GITHUB_BASE_REF",
  ref: "GITHUB_REF",
  ref_name: "GITHUB_REF_NAME",
  actor: "GITHUB_ACTOR",
  triggering_actor: "GITHUB_TRIGGERING_ACTOR",
  repository: "GITHUB_REPOSITORY",
  sha: "GITHUB_SHA",
  event_name: "GITHUB_EVENT_NAME",
  workflow: "GITHUB_WORKFLOW",
  run_id: "GITHUB_RUN_ID",
};
