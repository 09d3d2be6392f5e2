// Go toolchain versions (https://go.dev/doc/toolchain#version): `1.21.3`, `1.21rc2`, `1.20beta1`,
// or a language version without a patch number (`1.20`). The Go vulnerability database writes the
// stdlib's versions as SemVer (`1.21.0-rc.2`), so a go.mod's `go`/`toolchain` version is turned
// into that form before it is matched.

const TOOLCHAIN = /^(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?(?:(alpha|beta|rc)(\d{1,9}))?$/;

/**
 * The SemVer the stdlib advisories are compared with: a pre-release keeps its place before its
 * release (`1.21rc2` → `1.21.0-rc.2`), and a version without a patch number stands for the newest
 * patch of that line (`1.20` → `1.20.99`), as osv-scanner does: go.mod before Go 1.21 could not
 * name a patch, and reading it as `.0` would report every fix of the line as missing. Anything
 * else is returned as written.
 */
export function stdlibSemver(version: string): string {
  const m = TOOLCHAIN.exec(version.trim());
  if (!m) return version;
  const [, major, minor, patch, pre, n] = m;
  if (pre !== undefined) return `${major}.${minor}.${patch ?? "0"}-${pre}.${n}`;
  return `${major}.${minor}.${patch ?? "99"}`;
}
