// GitHub Actions workflows and composite actions shaped like those of real projects: triggers with
// filters, anchored steps reused through aliases and merge keys, matrices with include/exclude,
// services and containers, long `run:` scripts, calls to local reusable workflows and to local
// composite actions, third-party actions pinned by SHA, by tag and by branch.
import type { Rng } from "../lib/rng.js";
import { jsScript, shellScript } from "./scripts.js";

/** A generated file. */
export interface GenFile {
  path: string;
  text: string;
}

const THIRD_PARTY: readonly [string, string][] = [
  ["actions/checkout", "v4.2.2"], ["actions/setup-node", "v4.1.0"], ["actions/setup-go", "v5.2.0"], ["actions/setup-python", "v5.3.0"],
  ["actions/cache", "v4.2.0"], ["actions/upload-artifact", "v4.5.0"], ["actions/download-artifact", "v4.1.8"], ["dtolnay/rust-toolchain", "v1"],
  ["docker/setup-buildx-action", "v3.8.0"], ["docker/login-action", "v3.3.0"], ["docker/build-push-action", "v6.10.0"], ["docker/metadata-action", "v5.6.1"],
  ["github/codeql-action/init", "v3.27.9"], ["github/codeql-action/analyze", "v3.27.9"], ["actions/github-script", "v7.0.1"], ["softprops/action-gh-release", "v2.2.0"],
  ["sigstore/cosign-installer", "v3.7.0"], ["codecov/codecov-action", "v5.1.1"], ["ruby/setup-ruby", "v1.207.0"], ["golangci/golangci-lint-action", "v6.1.1"],
  ["peter-evans/create-pull-request", "v7.0.5"], ["actions/attest-build-provenance", "v2.1.0"], ["Swatinem/rust-cache", "v2.7.5"], ["pnpm/action-setup", "v4.0.0"],
];

/** The local composite actions every project-shaped tree has (`.github/actions/<name>`). */
export const LOCAL_ACTIONS = ["setup-env", "build-package", "run-tests", "publish-docs", "sign-artifacts", "cache-deps", "lint", "notify", "docker-build", "release-notes"] as const;

/** The local reusable workflows (`on: workflow_call`). */
export const REUSABLE = ["reusable-build.yml", "reusable-test.yml", "reusable-release.yml", "reusable-docker.yml", "reusable-docs.yml", "reusable-lint.yml"] as const;

/** `owner/repo@ref` with the ref style real workflows mix: a commit SHA with its tag in a comment, a tag, a branch. */
function ref(r: Rng, shas: Map<string, string>, name: string, tag: string): string {
  const p = r.next();
  if (p < 0.7) {
    let sha = shas.get(name);
    if (!sha) {
      sha = r.hex(40);
      shas.set(name, sha);
    }
    return `${name}@${sha} # ${tag}`;
  }
  if (p < 0.92) return `${name}@${tag.split(".")[0]}`;
  return `${name}@main`;
}

class Builder {
  readonly lines: string[] = [];
  /** Lines written so far (an entry may hold a multi-line script). */
  count = 0;
  constructor(
    readonly r: Rng,
    readonly shas: Map<string, string>,
  ) {}
  add(...ls: string[]): void {
    this.lines.push(...ls);
    for (const l of ls) this.count += l.split("\n").length;
  }
  uses(name: string): string {
    const found = THIRD_PARTY.find(([n]) => n === name);
    return ref(this.r, this.shas, name, found?.[1] ?? "v1");
  }
}

function header(b: Builder, name: string, kind: "ci" | "release" | "scheduled" | "pr-target" | "call"): void {
  const { r } = b;
  b.add(`name: ${name}`, "");
  if (kind === "call") {
    b.add("on:", "  workflow_call:", "    inputs:", "      node-version:", "        type: string", "        default: \"20\"", "      upload:", "        type: boolean", "        default: false",
      "      environment:", "        type: string", "        required: false", "    secrets:", "      NPM_TOKEN:", "        required: false", "    outputs:", "      version:", "        description: The built version", "        value: ${{ jobs.build.outputs.version }}");
  } else if (kind === "release") {
    b.add("on:", "  push:", "    tags:", "      - 'v*.*.*'", "  workflow_dispatch:", "    inputs:", "      dry-run:", "        description: Build without publishing", "        type: boolean", "        default: true");
  } else if (kind === "scheduled") {
    b.add("on:", "  schedule:", `    - cron: '${r.int(0, 59)} ${r.int(0, 23)} * * ${r.int(0, 6)}'`, "  workflow_dispatch:");
  } else if (kind === "pr-target") {
    b.add("on:", "  pull_request_target:", "    types: [opened, synchronize, reopened, labeled]");
  } else {
    b.add("on:", "  push:", "    branches:", "      - main", "      - 'release/**'", "    paths-ignore:", "      - 'docs/**'", "      - '**/*.md'", "  pull_request:", "    branches: [main]", "    paths:",
      `      - '${r.pick(["packages/**", "cmd/**", "crates/**", "python/**", "internal/**"])}'`, "      - '.github/workflows/**'", "  merge_group:");
  }
  b.add("", "permissions:", "  contents: read", "");
  if (kind !== "call") b.add("concurrency:", "  group: ${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}", "  cancel-in-progress: true", "");
  b.add("env:", "  FORCE_COLOR: \"1\"", `  NODE_VERSION: "${r.pick(["18", "20", "22"])}"`, `  GO_VERSION: "1.${r.int(21, 23)}"`, "  CARGO_TERM_COLOR: always", "");
  b.add("defaults:", "  run:", "    shell: bash", "", "jobs:");
}

type JobKind = "anchor" | "matrix" | "go" | "rust" | "python" | "docker" | "release" | "call" | "composite" | "script" | "container" | "codeql";

/** Appends one job; its scripts are at most `maxScript` lines, so a workflow lands near its target length. */
function job(b: Builder, id: string, kind: JobKind, anchored: boolean, prev: string | undefined, maxScript = 45): void {
  const { r } = b;
  const checkout = anchored ? ["      - *checkout"] : [`      - uses: ${b.uses("actions/checkout")}`, "        with:", "          persist-credentials: false"];
  const needs = prev && r.chance(0.4) ? [`    needs: [${prev}]`] : [];
  const script = (lines: number) => ["        run: |", shellScript(r, Math.min(lines, maxScript), "          ")];
  b.add(`  ${id}:`);
  switch (kind) {
    case "anchor":
      b.add("    name: Lint", "    runs-on: ubuntu-latest", "    timeout-minutes: 15", "    env: &job-env", "      CI: true", "      NPM_CONFIG_FUND: false", "    steps:",
        "      - &checkout", `        uses: ${b.uses("actions/checkout")}`, "        with:", "          persist-credentials: false", "          fetch-depth: 0",
        "      - &setup-node", "        name: Set up Node", `        uses: ${b.uses("actions/setup-node")}`, "        with:", "          node-version: ${{ env.NODE_VERSION }}", "          cache: npm",
        "      - name: Lint", ...script(r.int(6, 20)));
      return;
    case "matrix":
      b.add(`    name: Test (\${{ matrix.os }}, node \${{ matrix.node }})`, ...needs, "    runs-on: ${{ matrix.os }}", "    timeout-minutes: 30", ...(anchored ? ["    env:", "      <<: *job-env", "      SHARDS: 4"] : []),
        "    strategy:", "      fail-fast: false", "      matrix:", "        os: [ubuntu-latest, macos-latest, windows-latest]", "        node: [18, 20, 22]", "        shard: [1, 2, 3, 4]",
        "        exclude:", "          - os: windows-latest", "            node: 18", "        include:", "          - os: ubuntu-latest", "            node: 22", "            coverage: true",
        "    steps:", ...checkout, ...(anchored ? ["      - *setup-node"] : [`      - uses: ${b.uses("actions/setup-node")}`, "        with:", "          node-version: ${{ matrix.node }}"]),
        "      - name: Install", "        run: npm ci", "      - name: Test", ...script(r.int(10, 45)),
        "      - name: Upload coverage", "        if: ${{ matrix.coverage }}", `        uses: ${b.uses("codecov/codecov-action")}`, "        with:", "          files: coverage/lcov.info", "          token: ${{ secrets.CODECOV_TOKEN }}",
        "      - name: Upload failures", "        if: failure()", `        uses: ${b.uses("actions/upload-artifact")}`, "        with:", "          name: failures-${{ matrix.os }}-${{ matrix.node }}-${{ matrix.shard }}", "          path: test-results/", "          retention-days: 7");
      return;
    case "go":
      b.add("    name: Go tests", ...needs, "    runs-on: ubuntu-latest", "    services:", "      postgres:", "        image: postgres:16-alpine", "        env:", "          POSTGRES_PASSWORD: postgres", "          POSTGRES_DB: acme_test",
        "        ports: ['5432:5432']", "        options: >-", "          --health-cmd pg_isready", "          --health-interval 10s", "          --health-timeout 5s", "          --health-retries 5",
        "      redis:", "        image: redis:7", "        ports: ['6379:6379']", "    steps:", ...checkout, `      - uses: ${b.uses("actions/setup-go")}`, "        with:", "          go-version: ${{ env.GO_VERSION }}", "          cache: true",
        `      - uses: ${b.uses("golangci/golangci-lint-action")}`, "        with:", "          version: v1.62", "      - name: Test", "        env:", "          DATABASE_URL: postgres://postgres:postgres@localhost:5432/acme_test?sslmode=disable", ...script(r.int(8, 40)));
      return;
    case "rust":
      b.add("    name: Rust (${{ matrix.toolchain }})", ...needs, "    runs-on: ubuntu-latest", "    strategy:", "      matrix:", "        toolchain: [stable, beta, '1.75']", "        features: ['', '--all-features', '--no-default-features']",
        "    steps:", ...checkout, `      - uses: ${b.uses("dtolnay/rust-toolchain")}`, "        with:", "          toolchain: ${{ matrix.toolchain }}", "          components: clippy, rustfmt", `      - uses: ${b.uses("Swatinem/rust-cache")}`,
        "      - name: Build and test", ...script(r.int(6, 30)));
      return;
    case "python":
      b.add("    name: Python ${{ matrix.python-version }}", ...needs, "    runs-on: ubuntu-latest", "    strategy:", "      matrix:", "        python-version: ['3.9', '3.10', '3.11', '3.12', '3.13']", "    steps:", ...checkout,
        `      - uses: ${b.uses("actions/setup-python")}`, "        with:", "          python-version: ${{ matrix.python-version }}", "          cache: pip", "          cache-dependency-path: |", "            requirements.txt", "            requirements-dev.txt",
        "      - name: Test", ...script(r.int(6, 35)));
      return;
    case "docker":
      b.add("    name: Container image", ...needs, "    runs-on: ubuntu-latest", "    permissions:", "      contents: read", "      packages: write", "      id-token: write", "    steps:", ...checkout,
        `      - uses: ${b.uses("docker/setup-buildx-action")}`, `      - uses: ${b.uses("docker/login-action")}`, "        with:", "          registry: ghcr.io", "          username: ${{ github.actor }}", "          password: ${{ secrets.GITHUB_TOKEN }}",
        "      - id: meta", `        uses: ${b.uses("docker/metadata-action")}`, "        with:", "          images: ghcr.io/${{ github.repository }}", "          tags: |", "            type=ref,event=branch", "            type=semver,pattern={{version}}", "            type=sha",
        "      - id: build", `        uses: ${b.uses("docker/build-push-action")}`, "        with:", "          context: .", "          platforms: linux/amd64,linux/arm64", "          push: ${{ github.event_name != 'pull_request' }}", "          tags: ${{ steps.meta.outputs.tags }}",
        "          labels: ${{ steps.meta.outputs.labels }}", "          cache-from: type=gha", "          cache-to: type=gha,mode=max", `      - uses: ${b.uses("sigstore/cosign-installer")}`, "      - name: Sign", "        env:", "          DIGEST: ${{ steps.build.outputs.digest }}",
        "        run: cosign sign --yes \"ghcr.io/${{ github.repository }}@${DIGEST}\"");
      return;
    case "release":
      b.add("    name: Publish", ...needs, "    if: startsWith(github.ref, 'refs/tags/')", "    runs-on: ubuntu-latest", "    environment:", "      name: release", "      url: https://github.com/${{ github.repository }}/releases",
        "    permissions:", "      contents: write", "      id-token: write", "      attestations: write", "    steps:", ...checkout, `      - uses: ${b.uses("actions/download-artifact")}`, "        with:", "          path: dist", "          merge-multiple: true",
        "      - name: Package", ...script(r.int(6, 25)), `      - uses: ${b.uses("actions/attest-build-provenance")}`, "        with:", "          subject-path: dist/*",
        `      - uses: ${b.uses("softprops/action-gh-release")}`, "        with:", "          files: |", "            dist/*", "            dist/SHA256SUMS", "          draft: ${{ inputs.dry-run == true }}");
      return;
    case "call":
      b.add("    name: Reusable", ...needs, `    uses: ./.github/workflows/${r.pick(REUSABLE)}`, "    with:", `      node-version: "${r.pick(["18", "20", "22"])}"`, "      upload: ${{ github.event_name == 'push' }}", "    secrets: inherit");
      return;
    case "composite":
      b.add("    name: Build with local actions", ...needs, "    runs-on: ${{ matrix.os }}", "    strategy:", "      matrix:", "        os: [ubuntu-latest, windows-latest]", "    steps:", ...checkout,
        `      - uses: ./.github/actions/${r.pick(LOCAL_ACTIONS)}`, "        with:", "          node-version: ${{ env.NODE_VERSION }}", `      - uses: ./.github/actions/${r.pick(LOCAL_ACTIONS)}`, "        id: build", "        with:", "          package: ${{ matrix.os }}",
        "      - name: Report", "        env:", "          RESULT: ${{ steps.build.outputs.result }}", ...script(r.int(4, 20)));
      return;
    case "script":
      b.add("    name: Triage", ...needs, "    runs-on: ubuntu-latest", "    permissions:", "      issues: write", "      pull-requests: write", "    steps:", `      - uses: ${b.uses("actions/github-script")}`, "        id: triage", "        with:",
        "          github-token: ${{ secrets.GITHUB_TOKEN }}", "          script: |", jsScript(r, r.int(10, 50), "            "));
      return;
    case "container":
      b.add("    name: In a container", ...needs, "    runs-on: ubuntu-latest", "    container:", `      image: ${r.pick(["node:20-bookworm", "golang:1.23", "rust:1.82-slim", "python:3.12-slim"])}`, "      options: --user 1001",
        "      env:", "        HOME: /tmp/home", "    steps:", ...checkout, "      - name: Build", ...script(r.int(6, 30)));
      return;
    case "codeql":
      b.add("    name: CodeQL (${{ matrix.language }})", ...needs, "    runs-on: ubuntu-latest", "    permissions:", "      security-events: write", "      contents: read", "    strategy:", "      matrix:",
        "        language: [javascript-typescript, go, python]", "    steps:", ...checkout, `      - uses: ${b.uses("github/codeql-action/init")}`, "        with:", "          languages: ${{ matrix.language }}", "          queries: security-extended",
        `      - uses: ${b.uses("github/codeql-action/analyze")}`, "        with:", "          category: /language:${{ matrix.language }}");
      return;
  }
}

const BODY_KINDS: readonly JobKind[] = ["matrix", "go", "rust", "python", "docker", "release", "call", "composite", "script", "container", "codeql"];

/** One workflow of about `target` lines. */
function workflow(r: Rng, shas: Map<string, string>, name: string, kind: Parameters<typeof header>[2], target: number): string {
  const b = new Builder(r, shas);
  header(b, name, kind);
  // Most workflows anchor the first job's checkout and setup steps and reuse them below.
  const anchored = kind !== "call" && r.chance(0.6);
  let prev: string | undefined;
  if (anchored) {
    job(b, "lint", "anchor", false, undefined);
    prev = "lint";
  }
  let n = 0;
  do {
    const k = kind === "call" ? r.pick(["matrix", "go", "docker", "composite"] as const) : r.pick(BODY_KINDS);
    const id = `${k}-${++n}`;
    job(b, id, k, anchored, prev, Math.max(4, Math.floor((target - b.count - 40) / 2)));
    prev = id;
  } while (b.count < target - 40 && n < 40);
  return `${b.lines.join("\n")}\n`;
}

/** The local composite actions, each calling third-party actions, running scripts, and sometimes another local action. */
function compositeAction(r: Rng, shas: Map<string, string>, name: string): string {
  const b = new Builder(r, shas);
  b.add(`name: ${name}`, `description: ${name.replace("-", " ")} for this repository's jobs`, "inputs:", "  node-version:", "    description: Node version", "    required: false", "    default: \"20\"",
    "  package:", "    description: Which package to act on", "    required: false", "    default: all", "outputs:", "  result:", "    description: What happened", "    value: ${{ steps.main.outputs.result }}",
    "runs:", "  using: composite", "  steps:", `    - uses: ${b.uses("actions/setup-node")}`, "      with:", "        node-version: ${{ inputs.node-version }}", `    - uses: ${b.uses("actions/cache")}`, "      with:", "        path: ~/.npm",
    "        key: npm-${{ runner.os }}-${{ hashFiles('**/package-lock.json') }}", "    - id: main", "      shell: bash", "      env:", "        PACKAGE: ${{ inputs.package }}", "      run: |", shellScript(r, r.int(8, 40), "        "));
  if (r.chance(0.4)) b.add(`    - uses: ./.github/actions/${r.pick(LOCAL_ACTIONS.filter((a) => a !== name))}`, "      with:", "        package: ${{ inputs.package }}");
  return `${b.lines.join("\n")}\n`;
}

/** 60 workflows (6 reusable) of 50–400 lines and the local actions they use. */
export function workflowFiles(r: Rng, count = 60): GenFile[] {
  const shas = new Map<string, string>();
  const out: GenFile[] = [];
  const kinds = ["ci", "ci", "ci", "release", "scheduled", "pr-target"] as const;
  for (const file of REUSABLE) out.push({ path: `.github/workflows/${file}`, text: workflow(r, shas, file.replace(/\.yml$/, ""), "call", r.int(50, 200)) });
  const topics = ["ci", "test", "build", "release", "nightly", "docs", "lint", "e2e", "bench", "docker", "codeql", "triage", "labeler", "stale", "deploy"];
  for (let i = out.length; i < count; i++) {
    const topic = topics[i % topics.length] as string;
    out.push({ path: `.github/workflows/${topic}-${i}.yml`, text: workflow(r, shas, `${topic} ${i}`, r.pick(kinds), r.int(50, 400)) });
  }
  for (const a of LOCAL_ACTIONS) out.push({ path: `.github/actions/${a}/action.yml`, text: compositeAction(r, shas, a) });
  return out;
}
