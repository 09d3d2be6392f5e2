// How the OSV schema's SwiftURL ecosystem names a Swift package: its git repository URL without
// scheme (https://ossf.github.io/osv-schema/#defined-ecosystems; GitHub's advisories write
// `github.com/apple/swift-nio`).

/**
 * A Swift package's repository URL as SwiftURL advisories name it: `https://github.com/apple/swift-nio.git`,
 * `git@github.com:apple/swift-nio.git` and `ssh://git@github.com/apple/swift-nio` all give
 * `github.com/apple/swift-nio`. Letter case is kept.
 */
export function swiftUrlName(url: string): string {
  let s = url.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]{0,20}:\/\//.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  const at = s.indexOf("@");
  const slash = s.indexOf("/");
  if (at >= 0 && (slash < 0 || at < slash)) s = s.slice(at + 1);
  // scp-like `host:owner/repo` (no scheme): the colon separates the host from the path.
  if (!scheme) {
    const colon = s.indexOf(":");
    const firstSlash = s.indexOf("/");
    if (colon > 0 && (firstSlash < 0 || colon < firstSlash) && !/^\d/.test(s.slice(colon + 1))) s = `${s.slice(0, colon)}/${s.slice(colon + 1)}`;
  }
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  s = s.slice(0, end);
  if (s.toLowerCase().endsWith(".git")) s = s.slice(0, -4);
  return s;
}
