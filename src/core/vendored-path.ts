// Folders that hold other projects' code, installed or copied in: the secrets scan skips them by
// default, and a rule about the project's own declarations does not judge theirs.

const VENDORED = /(?:^|\/)(?:node_modules|bower_components|jspm_packages|vendor|vendors|vendored|_vendor|_vendored|third_party|third-party|thirdparty|Pods|Carthage|\.yarn\/(?:cache|releases|unplugged)|\.pnpm-store|site-packages|\.venv|venv)\//;

/** True when a path lies in a folder of other projects' code (node_modules/, vendor/, third_party/, a virtualenv…). */
export function isVendoredPath(path: string): boolean {
  return VENDORED.test(path);
}
