// What a git history says about whether its changes were reviewed, read the way OpenSSF Scorecard's
// Code-Review reads a forge: one changeset per merged pull request (else per commit), reviewed when
// someone other than its author approved or merged it, or when a review platform outside the forge
// (Gerrit, Phabricator, Piper) recorded it. Offline only the commits are there, so some changesets
// cannot be judged: a GitHub squash or rebase merge records that a pull request existed, not who
// approved or merged it. Those are "unknown", never reviewed, so hiding evidence cannot raise a score.

/** A person as git records one. */
export interface Person {
  name: string;
  email: string;
}

/** One commit of the default branch's first-parent history, newest first. */
export interface ReviewCommit {
  commit: string;
  /** Parent hashes: two or more for a merge commit. */
  parents: readonly string[];
  author: Person;
  committer: Person;
  /** The whole message: subject, body and trailers. */
  message: string;
  /** For a merge commit, the author of the merged branch's tip (its second parent), when the history holds it. */
  mergedAuthor?: Person;
}

/** What one changeset's history shows. */
export type ReviewState = "reviewed" | "unreviewed" | "unknown";

export interface Changeset {
  /** `#123` for a pull or merge request, else the short commit hash. */
  label: string;
  state: ReviewState;
  /** How the state was read ("merged by someone other than its author", "Gerrit review"…). */
  how: string;
  /** Authored by a bot (Dependabot, Renovate): approved ones are left out of the count, as in Scorecard. */
  bot: boolean;
}

/** Scorecard's window: the default branch's last 30 commits. */
export const RECENT_CHANGES = 30;

const GITHUB_MERGE = /^Merge pull request #(\d{1,9}) from \S/;
const GITLAB_MERGE_REQUEST = /^See merge request [^\s!]{1,300}!(\d{1,9})[ \t]*$/m;
/** homu (rust-lang's bors): `Auto merge of #123 - owner:branch, r=reviewer`. */
const HOMU = /^Auto merge of #(\d{1,9}) - [^\n]{0,300}, r=([^\s,]{1,100})/;
/** bors-ng: subject `Merge #123` (or a batch `Merge #123 #124`), a body line `123: title r=reviewer a=author`. */
const BORS_SUBJECT = /^Merge #(\d{1,9})/;
const BORS_REVIEWER = /^\d{1,9}: [^\n]{0,500} r=([^\s,]{1,100})/m;
/** GitHub's squash merge: the pull request's number at the end of the subject. */
const SQUASH = /\(#(\d{1,9})\)[ \t]*$/;
const GERRIT_REVIEWED_ON = /^Reviewed-on:[ \t]{0,10}\S/m;
const GERRIT_CHANGE_ID = /^Change-Id:[ \t]{0,10}I[0-9a-f]{8}/m;
const PHABRICATOR = /^Differential Revision:[ \t]{0,10}\S/m;
const PIPER = /^PiperOrigin-RevId:[ \t]{0,10}\d{3,}/m;
const REVIEW_TRAILER = /^(?:Reviewed-by|Approved-by|Acked-by):[ \t]{0,10}([^\n]{1,300})$/gm;
const EMAIL_IN = /<([^<>\s]{1,254})>/;
/** GitHub's web-flow committer: a commit made on github.com (a pull request merged by rebase or squash, or an edit in the browser). */
const GITHUB_WEB = "noreply@github.com";

/** The changesets of the newest `RECENT_CHANGES` first-parent commits, newest first, one per pull request. */
export function changesets(commits: Iterable<ReviewCommit>): Changeset[] {
  const out = new Map<string, Changeset>();
  let n = 0;
  for (const c of commits) {
    if (n++ >= RECENT_CHANGES) break;
    const judged = judge(c);
    const key = judged.pr ?? c.commit;
    if (!out.has(key)) out.set(key, { label: judged.pr ?? c.commit.slice(0, 7), state: judged.state, how: judged.how, bot: isBot(judged.author) });
  }
  return [...out.values()];
}

/** The share Scorecard scores: reviewed changesets of the counted ones (approved bots left out), rounded down to a whole point. */
export function reviewScore(sets: readonly Changeset[]): { counted: Changeset[]; reviewed: number; score: number | undefined } {
  const counted = sets.filter((s) => !(s.bot && s.state === "reviewed"));
  const reviewed = counted.filter((s) => s.state === "reviewed").length;
  // Only bots: Scorecard grades nothing ("no human activity").
  if (!counted.some((s) => !s.bot)) return { counted, reviewed, score: undefined };
  return { counted, reviewed, score: Math.floor((10 * reviewed) / counted.length) };
}

interface Judged {
  state: ReviewState;
  how: string;
  /** `#123` when the commit is a pull or merge request's. */
  pr?: string;
  /** Whose change it is: the pull request's author where the history shows it, else the commit's. */
  author: Person;
}

function judge(c: ReviewCommit): Judged {
  const subject = c.message.split("\n", 1)[0] ?? "";
  const author = c.author;
  // Review platforms outside the forge record the review in the message; Scorecard takes them as reviewed.
  if (PHABRICATOR.test(c.message)) return { state: "reviewed", how: "Phabricator review", author };
  if (PIPER.test(c.message)) return { state: "reviewed", how: "Piper review", author };
  const trailerReviewer = reviewerOtherThan(c.message, author);
  if (GERRIT_REVIEWED_ON.test(c.message)) {
    // Gerrit writes Reviewed-by only with its cherry-pick and rebase-always submit types: without it, the votes are on the server.
    return trailerReviewer ? { state: "reviewed", how: "Gerrit review", author } : { state: "unknown", how: "Gerrit change whose votes the commit does not record", author };
  }
  const homu = HOMU.exec(subject);
  if (homu) return { state: "reviewed", how: `approved by ${homu[2]} through homu`, pr: `#${homu[1]}`, author: c.mergedAuthor ?? author };
  const bors = BORS_SUBJECT.exec(subject);
  if (bors && c.parents.length > 1) {
    const reviewer = BORS_REVIEWER.exec(c.message);
    return reviewer ? { state: "reviewed", how: `approved by ${reviewer[1]} through bors`, pr: `#${bors[1]}`, author: c.mergedAuthor ?? author } : { state: "unknown", how: "merged by bors without a recorded reviewer", pr: `#${bors[1]}`, author: c.mergedAuthor ?? author };
  }
  const merged = c.parents.length > 1 ? (GITHUB_MERGE.exec(subject)?.[1] ?? GITLAB_MERGE_REQUEST.exec(c.message)?.[1]) : undefined;
  if (merged !== undefined) {
    const prAuthor = c.mergedAuthor;
    // The merge commit's author is who merged (a maintainer, or Mergify or Prow after their checks); Scorecard counts a merge by anyone but the author as an approval.
    if (trailerReviewer) return { state: "reviewed", how: `reviewed by ${trailerReviewer}`, pr: `#${merged}`, author: prAuthor ?? author };
    if (prAuthor && !samePerson(prAuthor, author)) return { state: "reviewed", how: `merged by ${author.name}, not its author`, pr: `#${merged}`, author: prAuthor };
    return { state: "unknown", how: prAuthor ? "merged by its own author: an approving review would be on the forge" : "merged pull request whose author the history does not show", pr: `#${merged}`, author: prAuthor ?? author };
  }
  if (trailerReviewer) return { state: "reviewed", how: `reviewed by ${trailerReviewer}`, ...prOf(subject, c.parents), author };
  if (GERRIT_CHANGE_ID.test(c.message)) return { state: "unknown", how: "Gerrit change whose review the commit does not record", author };
  const squashed = c.parents.length <= 1 ? SQUASH.exec(subject)?.[1] : undefined;
  if (squashed !== undefined) return { state: "unknown", how: "squash-merged pull request: who approved or merged it is on the forge", pr: `#${squashed}`, author };
  if (c.committer.email.toLowerCase() === GITHUB_WEB) return { state: "unknown", how: "committed on GitHub (a pull request merged by rebase, or an edit in the browser)", author };
  return { state: "unreviewed", how: c.parents.length > 1 ? "merged without a pull request" : "pushed directly", author };
}

/**
 * A review recorded in the commit message by a platform outside the forge (Phabricator, Piper), or
 * a Reviewed-by, Approved-by or Acked-by trailer (Gerrit writes Reviewed-by) naming someone other
 * than the author: what the forge's own records cannot show.
 */
export function messageRecordsReview(message: string, author: Person): boolean {
  return PHABRICATOR.test(message) || PIPER.test(message) || reviewerOtherThan(message, author) !== undefined;
}

/** The pull request a squash subject names, for a commit judged by its trailers. */
function prOf(subject: string, parents: readonly string[]): { pr?: string } {
  const n = parents.length <= 1 ? SQUASH.exec(subject)?.[1] : undefined;
  return n === undefined ? {} : { pr: `#${n}` };
}

/** The first Reviewed-by, Approved-by or Acked-by trailer naming someone other than the author, as written. */
function reviewerOtherThan(message: string, author: Person): string | undefined {
  for (const m of message.matchAll(REVIEW_TRAILER)) {
    const who = (m[1] ?? "").trim();
    const email = EMAIL_IN.exec(who)?.[1];
    const name = who.replace(EMAIL_IN, "").trim();
    if (!samePerson({ name, email: email ?? "" }, author)) return who;
  }
  return undefined;
}

/**
 * The same person: the same email or the same name (letter case aside). Either is enough, as one
 * person often commits with two addresses (GitHub's noreply one when merging on the site): taking
 * them for two people would credit a self-merge as a review.
 */
function samePerson(a: Person, b: Person): boolean {
  const email = (p: Person) => p.email.trim().toLowerCase();
  const name = (p: Person) => p.name.trim().toLowerCase();
  return (email(a) !== "" && email(a) === email(b)) || (name(a) !== "" && name(a) === name(b));
}

/** A GitHub App or bot account: `name[bot]`, or its `…[bot]@users.noreply.github.com` address. */
function isBot(p: Person): boolean {
  return p.name.endsWith("[bot]") || /\[bot\]@users\.noreply\.github\.com$/i.test(p.email);
}
