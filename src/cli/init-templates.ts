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

# Per-rule settings: \`off\`, a severity, or { severity, options }.
rules:
  # repo/fuzzing: off
  # repo/codeowners: info

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

/**
 * The CI workflow `assay init` writes: least privilege, actions pinned by SHA, SARIF and a job
 * summary. assay itself comes from its repository at `commit`, a full SHA: an immutable reference
 * that exists, never an unpublished package name (whoever registered it would run code in every
 * adopter's job, which holds `security-events: write`). It is checked out into .assay-tool, a nested
 * repository that the scan of the project's own git checkout never lists.
 */
export function workflowTemplate(repository: string, commit: string): string {
  return `name: assay

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  assay:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # upload SARIF to code scanning
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      # assay, at the exact commit that wrote this workflow: update the SHA to update assay.
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          repository: ${repository}
          ref: ${commit}
          path: .assay-tool
          persist-credentials: false
      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0
        with:
          node-version: 20
      - name: install assay
        working-directory: .assay-tool
        run: npm ci --ignore-scripts --no-audit --no-fund && node scripts/build.mjs
      - name: assay scan
        run: |
          node .assay-tool/bin/assay.js scan . --format sarif --output assay.sarif || status=$?
          node .assay-tool/bin/assay.js scan . --format markdown >> "$GITHUB_STEP_SUMMARY" || true
          exit "\${status:-0}"
      - uses: github/codeql-action/upload-sarif@ff0a06e83cb2de871e5a09832bc6a81e7276941f # v3.28.18
        if: always()
        with:
          sarif_file: assay.sarif
          category: assay
`;
}
