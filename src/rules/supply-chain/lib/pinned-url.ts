// Which download URLs name immutable content: a file at one commit, on a host whose URLs of that
// shape are addressed by the commit. A 40-hex path segment on any other host proves nothing (the
// server decides what it returns), and dot segments undo the pin: curl removes them before it
// sends the request (RFC 3986 §5.2.4) unless told `--path-as-is`, so
// `…/<sha>/../refs/heads/main/install.sh` fetches the branch.

const SHA = /^[0-9a-f]{40}$/;

/** Known public GitLab instances (self-hosted ones have the same path shape, but whoever runs them decides what they serve). */
const GITLABS = new Set(["gitlab.com", "salsa.debian.org", "gitlab.gnome.org", "gitlab.freedesktop.org", "invent.kde.org", "gitlab.archlinux.org"]);

/** Path segments (after the host) that name a file at a commit on a host: true when `seg` matches the host's shape. */
function commitShape(host: string, seg: readonly string[]): boolean {
  const sha = (i: number): boolean => SHA.test(seg[i] ?? "");
  // Each shape needs at least one segment (the file) after the commit.
  const fileAfter = (i: number): boolean => seg.length > i + 1;
  switch (host) {
    case "raw.githubusercontent.com":
      // /<owner>/<repo>/<sha>/<path>
      return sha(2) && fileAfter(2);
    case "github.com":
      // /<owner>/<repo>/raw/<sha>/<path>, /<owner>/<repo>/blob/<sha>/<path>
      return (seg[2] === "raw" || seg[2] === "blob") && sha(3) && fileAfter(3);
    case "gist.githubusercontent.com":
    case "gist.github.com":
      // /<user>/<gist id>/raw/<revision sha>/<file>
      return seg[2] === "raw" && sha(3) && fileAfter(3);
    case "bitbucket.org":
      // /<owner>/<repo>/raw/<sha>/<path>
      return seg[2] === "raw" && sha(3) && fileAfter(3);
    case "codeberg.org":
      // Gitea/Forgejo: /<owner>/<repo>/raw/commit/<sha>/<path> (`/raw/<ref>` may name a branch)
      return seg[2] === "raw" && seg[3] === "commit" && sha(4) && fileAfter(4);
    case "git.sr.ht":
      // /~<user>/<repo>/blob/<sha>/<path>
      return (seg[0] ?? "").startsWith("~") && seg[2] === "blob" && sha(3) && fileAfter(3);
    case "cdn.jsdelivr.net":
      // /gh/<owner>/<repo>@<sha>/<path>
      return seg[0] === "gh" && /^[\w.-]{1,100}@[0-9a-f]{40}$/.test(seg[2] ?? "") && fileAfter(2);
    default: {
      if (!GITLABS.has(host)) return false;
      // /<group>[/<subgroup>…]/<project>/-/raw/<sha>/<path>
      const dash = seg.indexOf("-");
      return dash >= 2 && seg[dash + 1] === "raw" && sha(dash + 2) && fileAfter(dash + 2);
    }
  }
}

/**
 * True when a URL is immutable content: HTTPS (plain HTTP can be answered by anyone on the path),
 * a known forge's raw-file shape at a full commit hash, no user information in the authority, and
 * no `.` or `..` segment, empty segment, backslash or percent-encoded dot, slash or backslash in
 * the path (a server or curl may resolve them).
 */
export function pinnedUrl(url: string): boolean {
  if (url.length > 4000) return false;
  const m = /^https:\/\/([^/?#]{1,300})(\/[^?#]*)?/i.exec(url);
  if (!m) return false;
  const authority = m[1] as string;
  if (authority.includes("@") || authority.includes("\\")) return false;
  const host = authority.toLowerCase().replace(/:443$/, "");
  const path = m[2] ?? "";
  if (/%(?:2e|2f|5c)|\\/i.test(path)) return false;
  const seg = path.split("/").slice(1);
  if (seg.some((s, i) => s === "." || s === ".." || (s === "" && i < seg.length - 1))) return false;
  return commitShape(host, seg);
}
