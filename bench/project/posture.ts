// The policy, community and tool configuration files of a well-kept project: licence, security
// policy, CODEOWNERS, Dependabot, Security Insights, the assay policy, and build tool configs.
import type { GenFile } from "./workflows.js";

const MIT = `MIT License

Copyright (c) 2021 The Acme Authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const SECURITY = `# Security Policy

## Supported Versions

| Version | Supported          |
| ------- | ------------------ |
| 3.4.x   | :white_check_mark: |
| 3.3.x   | :white_check_mark: |
| < 3.3   | :x:                |

## Reporting a Vulnerability

Please do not open a public issue. Report it privately through GitHub's
"Report a vulnerability" button on the Security tab, or by email to
security@acme.example.org.

We acknowledge reports within 3 business days and aim to publish a fix within
90 days, coordinating the disclosure date with the reporter.
`;

const DEPENDABOT = `version: 2
updates:
${["npm:/", "gomod:/", "cargo:/", "pip:/", "bundler:/docs", "docker:/", "github-actions:/"]
  .map((e) => {
    const [eco, dir] = e.split(":");
    return `  - package-ecosystem: ${eco}\n    directory: "${dir}"\n    schedule:\n      interval: weekly\n    groups:\n      minor:\n        update-types: [minor, patch]\n`;
  })
  .join("")}`;

const INSIGHTS = `header:
  schema-version: 1.0.0
  expiration-date: '2027-01-01T00:00:00.000Z'
  last-updated: '2026-01-10'
  last-reviewed: '2026-01-10'
  project-url: https://github.com/acme/acme
  license: https://github.com/acme/acme/blob/main/LICENSE
project-lifecycle:
  status: active
  bug-fixes-only: false
  core-maintainers:
    - github:acme-maintainer
contribution-policy:
  accepts-pull-requests: true
  accepts-automated-pull-requests: true
distribution-points:
  - https://www.npmjs.com/package/acme
security-contacts:
  - type: email
    value: security@acme.example.org
    primary: true
vulnerability-reporting:
  accepts-vulnerability-reports: true
  email-contact: security@acme.example.org
  security-policy: https://github.com/acme/acme/blob/main/SECURITY.md
dependencies:
  third-party-packages: true
  dependencies-lists:
    - https://github.com/acme/acme/blob/main/package.json
`;

const POLICY = `# assay policy: what this project expects of itself
version: 1
fail:
  severity: high
  incomplete: true
exclude:
  - "testdata/**"
rules:
  repo/fuzzing:
    severity: low
`;

/** The posture and configuration files at their usual places. */
export function postureFiles(workspaces: readonly string[]): GenFile[] {
  return [
    { path: "README.md", text: `# Acme\n\n[![CI](https://github.com/acme/acme/actions/workflows/ci-0.yml/badge.svg)](https://github.com/acme/acme/actions)\n[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/1234/badge)](https://www.bestpractices.dev/projects/1234)\n\nAcme parses, checks and serves configuration for fleets of services.\n\n## Install\n\n\`\`\`sh\nnpm install acme\ngo install github.com/acme/acme/cmd/acme@latest\n\`\`\`\n` },
    { path: "LICENSE", text: MIT },
    { path: "SECURITY.md", text: SECURITY },
    { path: "CONTRIBUTING.md", text: "# Contributing\n\nRun `make test` before sending a pull request. Every change needs a test.\n" },
    { path: "CODE_OF_CONDUCT.md", text: "# Code of Conduct\n\nThis project follows the Contributor Covenant, version 2.1.\n" },
    { path: ".github/CODEOWNERS", text: `* @acme/maintainers\n/.github/ @acme/infra\n/docs/ @acme/docs\n${workspaces.map((w) => `/${w}/ @acme/js`).join("\n")}\n/crates/ @acme/rust\n/internal/ @acme/go\n/cmd/ @acme/go\n/python/ @acme/python\n` },
    { path: ".github/dependabot.yml", text: DEPENDABOT },
    { path: ".github/ISSUE_TEMPLATE/bug_report.yml", text: "name: Bug report\ndescription: Something does not work\nlabels: [bug, triage]\nbody:\n  - type: textarea\n    id: what\n    attributes:\n      label: What happened?\n    validations:\n      required: true\n  - type: input\n    id: version\n    attributes:\n      label: Version\n" },
    { path: ".github/ISSUE_TEMPLATE/config.yml", text: "blank_issues_enabled: false\ncontact_links:\n  - name: Security report\n    url: https://github.com/acme/acme/security/advisories/new\n    about: Report vulnerabilities privately\n" },
    { path: ".github/pull_request_template.md", text: "## What\n\n## Why\n\n- [ ] tests added\n" },
    { path: ".github/labeler.yml", text: "docs:\n  - changed-files:\n      - any-glob-to-any-file: docs/**\ngo:\n  - changed-files:\n      - any-glob-to-any-file: ['**/*.go']\n" },
    { path: "SECURITY-INSIGHTS.yml", text: INSIGHTS },
    { path: "assay.yml", text: POLICY },
    { path: ".gitignore", text: "node_modules/\ndist/\ntarget/\n__pycache__/\n*.pyc\ncoverage/\n.venv/\n" },
    { path: ".gitattributes", text: "* text=auto eol=lf\n*.png binary\n" },
    { path: ".editorconfig", text: "root = true\n\n[*]\nindent_style = space\nindent_size = 2\n" },
    { path: ".nvmrc", text: "20\n" },
    { path: "Makefile", text: "test:\n\tnpm test\n\tgo test ./...\n\tcargo test\n\tpytest\n" },
    { path: "Dockerfile", text: "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /acme ./cmd/acme\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /acme /acme\nUSER nonroot\nENTRYPOINT [\"/acme\"]\n" },
    { path: "docker-compose.yml", text: "services:\n  db:\n    image: postgres:16-alpine\n    environment:\n      POSTGRES_PASSWORD: postgres\n  cache:\n    image: redis:7\n" },
    { path: "tsconfig.json", text: `${JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", target: "ES2022" }, references: workspaces.map((w) => ({ path: w })) }, null, 2)}\n` },
    { path: "codecov.yml", text: "coverage:\n  status:\n    project:\n      default:\n        target: 80%\n" },
    { path: ".golangci.yml", text: "linters:\n  enable: [errcheck, govet, staticcheck, gosec]\n" },
    { path: ".pre-commit-config.yaml", text: "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.8.4\n    hooks:\n      - id: ruff\n" },
    { path: "CHANGELOG.md", text: Array.from({ length: 120 }, (_, i) => `## 3.${Math.floor((120 - i) / 10)}.${(120 - i) % 10}\n\n- Fixed a crash when the configuration is empty.\n- Faster start-up.\n`).join("\n") },
  ];
}
