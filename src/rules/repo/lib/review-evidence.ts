// What a commit message says about the review of its change, as OpenSSF Scorecard's Code-Review
// reads it besides the forge's own records: a review platform outside the forge (Phabricator,
// Piper) or a Reviewed-by, Approved-by or Acked-by trailer naming someone other than the author.

/** A person as git records one. */
export interface Person {
  name: string;
  email: string;
}

const PHABRICATOR = /^Differential Revision:[ \t]{0,10}\S/m;
const PIPER = /^PiperOrigin-RevId:[ \t]{0,10}\d{3,}/m;
const REVIEW_TRAILER = /^(?:Reviewed-by|Approved-by|Acked-by):[ \t]{0,10}([^\n]{1,300})$/gm;
const EMAIL_IN = /<([^<>\s]{1,254})>/;

/**
 * A review recorded in the commit message by a platform outside the forge (Phabricator, Piper), or
 * a Reviewed-by, Approved-by or Acked-by trailer (Gerrit writes Reviewed-by) naming someone other
 * than the author: what the forge's own records cannot show.
 */
export function messageRecordsReview(message: string, author: Person): boolean {
  return PHABRICATOR.test(message) || PIPER.test(message) || reviewerOtherThan(message, author) !== undefined;
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
