/** The commented starter policy `assay init` writes; a test keeps it valid. */
export const POLICY_TEMPLATE = `# assay policy: the security expectations this project declares up front.
# Reference: \`assay rules\` lists rule ids and checks; \`assay explain RULE-ID\` explains one.
version: 1

# What fails the CI gate (exit code 1).
fail:
  # Open findings at or above this severity fail: critical, high, medium, low, info, or none.
  severity: high
  # The total score (0-10) must be at least this.
  # score: 6
  # These checks must have no open findings.
  # checks: [Security-Policy, Binary-Artifacts]

# Per-rule settings: \`on\`, \`off\`, a severity, or { severity, options }.
rules:
  # repo/fuzzing: off
  # repo/codeowners: info
  # workflows/concurrency-limits: on    # a pedantic rule: runs when named here

# How much to report, as zizmor's personas: regular (the default), pedantic (adds hygiene
# rules and findings), auditor (adds what needs this project's setup to judge).
# persona: pedantic

# Paths never scanned (globs).
exclude:
  # - "vendor/**"
  # - "test/fixtures/**"

# Accepted risks. Each needs a reason and an expiry date; an expired one fails the gate.
exceptions:
  # - rule: repo/binary-artifacts
  #   path: "testdata/**"
  #   reason: "test inputs for the parser, never shipped"
  #   expires: 2027-06-30

# Findings recorded by \`assay baseline\` are reported as baselined, not as failures.
# baseline: .assay/baseline.json
`;

/** actions/checkout, pinned by commit; the version is in the comment so update tools can follow it. */
const CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";

/** What the generated workflow names: assay's repository, the full commit and version of this build, and the default branch. */
export interface WorkflowPin {
  repository: string;
  commit: string;
  version: string;
  branch: string;
}

/**
 * The CI workflow `assay init` writes: assay's own action pinned to a full commit SHA (an immutable
 * reference that exists, never a package name whoever registers it would control), least
 * privilege, every action pinned by SHA, no credentials left in the checkout. On a pull request the
 * action reports only what the change introduces (its `diff-base` defaults to the PR's base commit).
 * A test runs every assay rule on what this writes and expects no workflows/ finding.
 */
export function workflowTemplate(pin: WorkflowPin): string {
  return `# assay: security assessment of this repository, gated on assay.yml.
# Pull requests see only what they introduce; pushes to ${pin.branch} assess the whole checkout.
name: assay

on:
  push:
    branches: [${JSON.stringify(pin.branch)}]
  pull_request:

permissions:
  contents: read

# One run per pull request: a newer push cancels the run it supersedes.
concurrency:
  group: assay-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

jobs:
  assay:
    name: assay
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      # upload-sarif publishes the findings to code scanning; nothing else here writes.
      security-events: write
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
          # History: the pull request's base commit for diff mode, and commit dates for Maintained.
          fetch-depth: 0
      # assay at the exact commit that wrote this workflow: update the SHA (and comment) to update assay.
      - uses: ${pin.repository}@${pin.commit} # v${pin.version}
        with:
          upload-sarif: "true"
`;
}

/** One Dependabot `updates` entry: an ecosystem (Dependabot's name) and the folders of its manifests. */
export interface DependabotEntry {
  ecosystem: string;
  /** Folders from the repository root, "/" for the root itself. */
  directories: readonly string[];
}

/**
 * The .github/dependabot.yml `assay init` writes when no update tool is configured: one entry
 * per ecosystem, weekly, with a week's cooldown so a hijacked release is usually pulled before
 * Dependabot proposes it (security updates do not wait).
 */
export function dependabotTemplate(entries: readonly DependabotEntry[]): string {
  const quote = (s: string): string => JSON.stringify(s);
  const body = entries.map((e) => {
    const where = e.directories.length === 1 ? `    directory: ${quote(e.directories[0] as string)}` : `    directories:\n${e.directories.map((d) => `      - ${quote(d)}`).join("\n")}`;
    return `  - package-ecosystem: ${quote(e.ecosystem)}\n${where}\n    schedule:\n      interval: "weekly"\n    cooldown:\n      default-days: 7`;
  });
  return `# Dependabot keeps the dependencies of every ecosystem below up to date (written by \`assay init\`).
# cooldown: a new release waits a week before Dependabot proposes it, so a hijacked release is
# usually caught and pulled first; security updates do not wait.
# Reference: https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference
version: 2
updates:
${body.join("\n")}
`;
}
