/**
 * pip options that take the next word as their value (`pip install -i URL pkg`): whoever reads a
 * pip command line skips that word instead of taking it for a requirement.
 */
export const PIP_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-t", "--target",
  "--prefix", "--root", "-f", "--find-links", "--trusted-host", "--platform", "--python-version", "--implementation", "--abi",
  "--src", "--upgrade-strategy", "--progress-bar", "--cache-dir", "--log", "--proxy", "--retries", "--timeout", "--exists-action",
  "--cert", "--client-cert", "--global-option", "--config-settings", "-C", "--only-binary", "--no-binary", "--report", "--python",
  "-p", "--root-user-action",
]);
