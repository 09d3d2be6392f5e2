// Shell and JavaScript bodies for `run:` and `script:` blocks, assembled from snippets the way real
// CI scripts are: setup, loops over packages, output variables, retries, conditionals.
import type { Rng } from "../lib/rng.js";

const SHELL: readonly string[][] = [
  ["set -euo pipefail"],
  ['echo "::group::Install dependencies"', "npm ci --no-audit --no-fund --prefer-offline", 'echo "::endgroup::"'],
  ["for pkg in packages/*; do", '  if [ -f "$pkg/package.json" ]; then', '    echo "building $pkg"', '    (cd "$pkg" && npm run build --if-present)', "  fi", "done"],
  ['VERSION="$(jq -r .version package.json)"', 'echo "version=${VERSION}" >> "$GITHUB_OUTPUT"', 'echo "Building ${VERSION} for ${{ matrix.os || runner.os }}"'],
  ["go test ./... -race -count=1 -coverprofile=coverage.out -covermode=atomic", "go tool cover -func=coverage.out | tail -n 1"],
  ["cargo clippy --workspace --all-targets --all-features -- -D warnings", "cargo test --workspace --all-features --locked"],
  ["python -m pip install --upgrade pip", "pip install -r requirements.txt -r requirements-dev.txt", "pytest -q --maxfail=1 --cov=python/acme --cov-report=xml"],
  ["for attempt in 1 2 3; do", "  if curl -fsSL --retry 3 -o /tmp/tool.tgz \"https://example.org/tool/${TOOL_VERSION}/tool-linux-amd64.tgz\"; then", "    break", "  fi", '  echo "download failed (attempt $attempt), retrying"', "  sleep $((attempt * 5))", "done", 'echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c -', "tar -xzf /tmp/tool.tgz -C /usr/local/bin tool"],
  ['if [[ "${GITHUB_REF}" == refs/tags/* ]]; then', '  echo "channel=stable" >> "$GITHUB_OUTPUT"', "else", '  echo "channel=nightly" >> "$GITHUB_OUTPUT"', "fi"],
  ["changed=$(git diff --name-only origin/main...HEAD -- 'docs/**' | wc -l)", 'if [ "$changed" -gt 0 ]; then', '  echo "docs changed: $changed files"', "  npm run docs:build", "fi"],
  ["mkdir -p dist", "for target in linux-amd64 linux-arm64 darwin-arm64 windows-amd64; do", '  GOOS="${target%-*}" GOARCH="${target#*-}" go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o "dist/acme-${target}" ./cmd/acme', "done", "(cd dist && sha256sum acme-* > SHA256SUMS)"],
  ['echo "Title: ${{ github.event.pull_request.title }}"', 'echo "Head: ${{ github.head_ref }}"'],
  ["docker compose -f docker-compose.yml up -d --wait", "trap 'docker compose logs; docker compose down -v' EXIT", "npm run test:integration -- --reporter=dot"],
  ["npx playwright install --with-deps chromium", "npx playwright test --project=chromium --shard=${{ matrix.shard }}/4"],
  ["git config user.name 'github-actions[bot]'", "git config user.email '41898282+github-actions[bot]@users.noreply.github.com'", "git add -A", 'git diff --cached --quiet || git commit -m "chore: regenerate files"'],
  ['cat <<EOF >> "$GITHUB_STEP_SUMMARY"', "## Results", "", "| suite | status |", "|---|---|", "| unit | ${UNIT_STATUS:-passed} |", "| e2e | ${E2E_STATUS:-skipped} |", "EOF"],
  ["case \"${RUNNER_OS}\" in", "  Linux) sudo apt-get update && sudo apt-get install -y --no-install-recommends libssl-dev pkg-config ;;", "  macOS) brew install openssl@3 pkg-config ;;", "  Windows) choco install openssl --no-progress ;;", "esac"],
  ["npm run lint -- --max-warnings=0", "npm run typecheck", "npm test -- --coverage"],
  ['find . -name "*.sh" -not -path "./node_modules/*" -print0 | xargs -0 shellcheck -x'],
  ["export CGO_ENABLED=0", 'go vet ./...', 'test -z "$(gofmt -l .)" || { gofmt -d .; exit 1; }'],
];

const JS: readonly string[][] = [
  ["const { owner, repo } = context.repo;", "const number = context.issue.number;"],
  ["const labels = await github.paginate(github.rest.issues.listLabelsOnIssue, { owner, repo, issue_number: number });", "const names = labels.map((l) => l.name);"],
  ["if (!names.includes('triage')) {", "  await github.rest.issues.addLabels({ owner, repo, issue_number: number, labels: ['triage'] });", "}"],
  ["const files = await github.paginate(github.rest.pulls.listFiles, { owner, repo, pull_number: number });", "const touched = new Set(files.map((f) => f.filename.split('/')[0]));", "core.info(`touched: ${[...touched].join(', ')}`);"],
  ["for (const area of touched) {", "  if (area === 'docs') core.setOutput('docs', 'true');", "  if (area === 'packages') core.setOutput('packages', 'true');", "}"],
  ["const stale = new Date(Date.now() - 60 * 24 * 3600 * 1000);", "const issues = await github.paginate(github.rest.issues.listForRepo, { owner, repo, state: 'open', per_page: 100 });", "for (const issue of issues) {", "  if (new Date(issue.updated_at) < stale && !issue.pull_request) {", "    core.info(`stale: #${issue.number}`);", "  }", "}"],
  ["const body = [", "  '### Benchmark', '',", "  `commit: ${context.sha.slice(0, 7)}`,", "].join('\\n');", "await github.rest.issues.createComment({ owner, repo, issue_number: number, body });"],
  ["try {", "  await github.rest.repos.getBranch({ owner, repo, branch: 'main' });", "} catch (e) {", "  core.setFailed(`cannot read main: ${e.message}`);", "}"],
];

function assemble(r: Rng, pool: readonly string[][], lines: number, indent: string): string {
  const out: string[] = [];
  while (out.length < lines) for (const l of r.pick(pool)) out.push(l === "" ? "" : indent + l);
  return out.join("\n");
}

/** A shell script of about `lines` lines, indented for a block scalar. */
export function shellScript(r: Rng, lines: number, indent: string): string {
  return assemble(r, SHELL, lines, indent);
}

/** An `actions/github-script` body of about `lines` lines. */
export function jsScript(r: Rng, lines: number, indent: string): string {
  return assemble(r, JS, lines, indent);
}
