// URLs in security policies: finding them, and telling a place to report from general reference material.

/** An http(s) URL in prose. */
export const URL_PATTERN = /https?:\/\/[^\s<>()[\]{}"'`|]{1,2000}/gi;

/** Every http(s) URL in a string, trailing punctuation trimmed. */
export function urlsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_PATTERN)) out.push(m[0].replace(/[.,;:!?*_~]{1,20}$/, ""));
  return out;
}

/**
 * URLs that are not a private place to report or read a project's policy: public issue trackers,
 * forge pages and general reference material that security policies commonly link to.
 */
export function isReferenceUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  const path = u.pathname.toLowerCase();
  // Another repository's security policy (an organisation's `.github/blob/main/SECURITY.md`) is where to report.
  if (/\/security\.(?:md|markdown|rst|txt|adoc)$/.test(path)) return false;
  if (/\/(-\/)?(issues|discussions|pulls?|merge_requests|wiki|releases|tags|commits?|blob|tree|actions)(\/|$)/.test(path)) return true;
  if (["github.com", "gitlab.com", "codeberg.org", "bitbucket.org", "sr.ht", "git.sr.ht"].includes(host)) return !path.includes("/security");
  return REFERENCE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

const REFERENCE_HOSTS = [
  "docs.github.com", "help.github.com", "docs.gitlab.com", "wikipedia.org", "cve.org", "cve.mitre.org", "cwe.mitre.org",
  "nvd.nist.gov", "first.org", "owasp.org", "semver.org", "keepachangelog.com", "shields.io", "opensource.org", "spdx.org",
  "creativecommons.org", "choosealicense.com", "keys.openpgp.org", "keybase.io", "pgp.mit.edu", "keyserver.ubuntu.com",
  "npmjs.com", "pypi.org", "crates.io", "rubygems.org", "nuget.org", "pkg.go.dev", "endoflife.date", "cvss.js.org",
  "osv.dev", "securityscorecards.dev", "bestpractices.dev", "bestpractices.coreinfrastructure.org", "openssf.org",
];
