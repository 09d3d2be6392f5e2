// `npx tsx bench/hostile.bench.ts`: doubles each hostile input several times and prints how the
// scan's time grows per doubling. Linear work doubles (ratio ~2); anything quadratic shows as ~4.
// Every ratio must stay under 2.5. Inputs are generated under $TMPDIR and removed at the end;
// each size is scanned (and rendered in every format) five times in-process, after a warm-up, and
// the fastest run kept (the least disturbed by other work: on a shared machine noise only ever adds
// time). The ratio is taken on this process's CPU time, which other load moves far less than wall
// time; wall time is printed beside it. Results print as Markdown for
// bench/RESULTS.md. BENCH_HOSTILE_SCALE=0.5 halves every size (a quicker look); BENCH_HOSTILE_ONLY=yaml
// runs only the cases whose name contains that word.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { scan } from "../src/api/scan.js";
import type { Rule } from "../src/core/rule.js";
import { defaultPolicy } from "../src/policy/policy-file.js";
import { renderJson, renderMarkdown, renderSarif, renderText } from "../src/report/index.js";
import { renderGithub } from "../src/report/github/render-github.js";
import { RULES } from "../src/rules/index.js";

const scale = Number(process.env.BENCH_HOSTILE_SCALE ?? 1);
const LIMIT = 2.5;
const work = mkdtempSync(join(tmpdir(), "assay-hostile-"));
const now = new Date("2026-06-01T00:00:00Z");

function rules(...ids: string[]): Rule[] {
  return RULES.filter((r) => ids.includes(r.meta.id));
}

/** A rule that reports `n` findings in one file, quoting hostile and credential-shaped text, at every line. */
function flood(n: number, path: string): Rule {
  return {
    meta: { ...RULES[0]!.meta, id: "bench/flood", check: "Security-Policy", title: "Flood" },
    run(ctx) {
      for (let i = 1; i <= n; i++) {
        ctx.report({ message: `line ${i}: \u001b[2J##[error]x ghp_${"a".repeat(36)} https://u:p@h`, locations: [{ path, startLine: i, startColumn: 1 }], snippet: `x\u202e${i}`, key: String(i) });
      }
    },
  };
}

/** Writes files (path → text) into a fresh folder of the work area. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, "case-"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

interface Case {
  name: string;
  /** What doubles. */
  unit: string;
  base: number;
  make(n: number): { dir: string; rules: Rule[] };
}

const RELEASE_HEAD = "name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n";

const CASES: Case[] = [
  {
    name: "CODEOWNERS lines (each a finding)",
    unit: "lines",
    base: 6_250,
    make: (n) => ({
      dir: tree({ ".github/CODEOWNERS": Array.from({ length: n }, (_, i) => `/missing-${i}/ @org/team-${i % 50}\n`).join(""), "src/a.js": "" }),
      rules: rules("repo/codeowners-invalid-paths", "repo/codeowners"),
    }),
  },
  {
    // The issue's case: a valid workflow reusing a few anchored steps through many aliases (the old limit was 100).
    name: "YAML aliases in a workflow",
    unit: "aliases",
    base: 2_000,
    make: (n) => {
      const anchors = Array.from({ length: 8 }, (_, i) => `      - &s${i} { name: "step ${i}", run: "make part-${i}" }\n`).join("");
      const aliases = Array.from({ length: n }, (_, i) => `      - *s${i % 8}\n`).join("");
      return { dir: tree({ ".github/workflows/release.yml": `${RELEASE_HEAD}${anchors}${aliases}      - run: npm publish\n` }), rules: rules("repo/signed-releases", "repo/sast") };
    },
  },
  {
    name: "YAML anchors in a workflow, each used once",
    unit: "anchors + aliases",
    base: 500,
    make: (n) => {
      const anchors = Array.from({ length: n }, (_, i) => `      - &s${i} { run: "echo ${i}" }\n`).join("");
      const aliases = Array.from({ length: n }, (_, i) => `      - *s${i}\n`).join("");
      return { dir: tree({ ".github/workflows/release.yml": `${RELEASE_HEAD}${anchors}${aliases}      - run: npm publish\n` }), rules: rules("repo/signed-releases", "repo/sast") };
    },
  },
  {
    // Every YAML reader goes through yaml-bounds.ts: a stream of alias bombs (10^9 nodes each once
    // followed) and 10,000-deep documents is refused document by document, in time linear in its size.
    name: "YAML alias bombs and 10,000-deep nesting in a Kubernetes stream",
    unit: "hostile documents",
    base: 25,
    make: (n) => {
      const bomb = ["apiVersion: v1", "kind: ConfigMap", `l0: &l0 [${Array(10).fill('"lol"').join(", ")}]`, ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(", ")}]`)].join("\n");
      const deep = `apiVersion: v1\nkind: ConfigMap\ndata: ${"[".repeat(10_000)}${"]".repeat(10_000)}`;
      const docs = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? bomb : deep)).join("\n---\n");
      const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n";
      return { dir: tree({ "k8s/hostile.yaml": `${docs}\n`, "k8s/pod.yaml": pod }), rules: rules("deploy/privileged-container") };
    },
  },
  {
    // Each job of an issue_comment workflow needs every earlier one: the guard of each job is judged once per depth
    // (walked again along every path, 40 jobs took a minute). `n` counts the `needs:` entries.
    name: "issue_comment jobs that each need all earlier ones",
    unit: "needs entries",
    base: 200,
    make: (n) => {
      const count = Math.round(Math.sqrt(2 * n));
      const jobs = Array.from({ length: count }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n${i > 0 ? `    needs: [${Array.from({ length: i }, (_, k) => `j${k}`).join(", ")}]\n` : ""}    steps:\n      - run: echo hi\n`).join("");
      return { dir: tree({ ".github/workflows/comment.yml": `name: X\non: issue_comment\npermissions:\n  contents: read\njobs:\n${jobs}` }), rules: rules("workflows/dangerous-triggers") };
    },
  },
  {
    // Scorecard's link and email test over a policy of @-mentions and near-addresses (no link to stop at).
    name: "@ signs and near-addresses in SECURITY.md",
    unit: "@ signs",
    base: 25_000,
    make: (n) => ({ dir: tree({ "SECURITY.md": `# Security\n\n${"a@".repeat(n)}${"b@c".repeat(n / 5)}\n` }), rules: rules("repo/security-policy", "repo/security-policy-contact") }),
  },
  {
    name: "findings in one file (masked, escaped, capped, all formats rendered)",
    unit: "findings",
    base: 12_500,
    make: (n) => ({ dir: tree({ "data.txt": "x\n" }), rules: [flood(n, "data.txt")] }),
  },
  {
    name: "files in the tree (every rule)",
    unit: "files",
    base: 5_000,
    make: (n) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < n; i++) files[`pkg${i % 100}/sub${i % 7}/file${i}.${["js", "py", "go", "md"][i % 4]}`] = `// file ${i}\n`;
      return { dir: tree(files), rules: RULES.filter((r) => !r.meta.network) };
    },
  },
  {
    name: "suppression comments in a file with findings",
    unit: "comment lines",
    // 100,000 lines stay under the 8 MiB read limit, past which a file is not read (nor its suppressions).
    base: 6_250,
    make: (n) => ({ dir: tree({ "data.txt": Array.from({ length: n }, (_, i) => `value ${i} # assay: ignore[bench/flood] accepted ${i}\n`).join("") }), rules: [flood(200, "data.txt")] }),
  },
  {
    name: "Makefile targets chained by dependencies",
    unit: "targets",
    base: 250,
    make: (n) => ({
      dir: tree({ Makefile: Array.from({ length: n }, (_, i) => `t${i}: ${i > 0 ? `t${i - 1}` : ""}\n\ttwine upload dist/${i}/*\n\n`).join(""), "pyproject.toml": '[project]\nname = "x"\n' }),
      rules: rules("repo/signed-releases"),
    }),
  },
  {
    // repo/ci-tests reads every command of every step, through wrappers, nested quotes and Makefile targets, and finds no test.
    name: "wrapped, quoted commands and chained Makefile targets, searched for tests",
    unit: "lines + targets",
    base: 250,
    make: (n) => {
      const line = `          docker run --rm -v a:b img bash -c "uv run --with pytest sh -c 'npx nx affected -t lint --filter=test-utils'" && npm run lint && tox -e lint,docs ; make t${n - 1}\n`;
      const steps = Array.from({ length: 20 }, () => `      - run: make t${n - 1}\n`).join("");
      return {
        dir: tree({
          ".github/workflows/ci.yml": `name: lint\non: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${line.repeat(n)}${steps}`,
          Makefile: Array.from({ length: n }, (_, i) => `t${i}: ${i > 0 ? `t${i - 1}` : ""}\n\truff check part-${i} && $(MAKE) -C sub lint\n\n`).join(""),
          "package.json": JSON.stringify({ scripts: { lint: "eslint . && npm run lint" } }),
          "main.py": "print(1)\n",
        }),
        rules: rules("repo/ci-tests"),
      };
    },
  },
  {
    name: "continued lines in a run: script",
    unit: "lines",
    base: 1_000,
    make: (n) => ({ dir: tree({ ".github/workflows/release.yml": `${RELEASE_HEAD}      - run: |\n${"          echo a gpg docker buildx build -x \\\n".repeat(n)}          npm publish\n` }), rules: rules("repo/signed-releases", "repo/sast") }),
  },
  {
    // A .npy header is a Python literal (read by py-literal.ts): a dict of n duplicate keys before
    // its descr must be read in one pass, not one re-scan per key.
    name: ".npy header of duplicate keys",
    unit: "keys",
    base: 4_000,
    make: (n) => {
      const dir = tree({});
      const dict = `{${Array.from({ length: n }, (_, i) => `'k${i % 997}': ${i}, `).join("")}'descr': '<f4', 'fortran_order': False, 'shape': (1,), }`;
      const header = Buffer.from(`${dict}${" ".repeat(63 - ((dict.length + 12) % 64))}\n`, "latin1");
      const size = Buffer.alloc(4);
      size.writeUInt32LE(header.length);
      writeFileSync(join(dir, "arr.npy"), Buffer.concat([Buffer.from([0x93]), Buffer.from("NUMPY"), Buffer.from([2, 0]), size, header, Buffer.alloc(4)]));
      return { dir, rules: rules("models/unsafe-pickle", "models/pickle-format") };
    },
  },
  {
    // template-injection reads where each `eval` stands (quoted or not) from the script's start:
    // thousands of quoted eval words in a comment-triggered workflow must not make that quadratic.
    name: "quoted eval words in a run: script that reads a comment",
    unit: "eval words",
    base: 2_000,
    make: (n) => ({ dir: tree({ ".github/workflows/ci.yml": `on: issue_comment\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          BODY: \${{ github.event.comment.body }}\n        run: echo '${"eval $BODY ".repeat(n)}' && eval "$BODY"\n` }), rules: rules("workflows/template-injection", "workflows/dangerous-triggers") }),
  },
  {
    // Eight nested local composite actions, each passing its input on as n copies of itself:
    // repo/ci-tests expands inputs to find test commands and must give up at its cap, not multiply.
    name: "composite action inputs repeating each other, searched for tests",
    unit: "references per level",
    base: 10,
    make: (n) => {
      const refs = Array.from({ length: n }, () => "${{ inputs.a }}").join(" ");
      const files: Record<string, string> = { "main.go": "package main\n", ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/a0\n" };
      for (let i = 0; i < 8; i++) {
        const next = i < 7 ? `    - uses: ./.github/actions/a${i + 1}\n      with:\n        a: "${refs}"\n` : "    - shell: bash\n      run: echo ${{ inputs.a }}\n";
        files[`.github/actions/a${i}/action.yml`] = `inputs:\n  a:\n    default: "${refs}"\nruns:\n  using: composite\n  steps:\n${next}`;
      }
      return { dir: tree(files), rules: rules("repo/ci-tests") };
    },
  },
  {
    // A pull_request_target job installing a requirement made of operators and commas: the reader
    // that tells registry installs from local ones once backtracked for minutes on 160 clauses.
    name: "pip requirement of operators and commas, in a privileged workflow",
    unit: "clauses",
    base: 250,
    make: (n) => ({
      dir: tree({
        ".github/workflows/pr.yml": `on: pull_request_target\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: pip install "a==${",=".repeat(n)}"\n`,
      }),
      rules: rules("workflows/dangerous-triggers"),
    }),
  },
  {
    // A mix.lock entry padded with spaces between and after its lists: the reader of the entry's
    // repository once scanned the padding again from each space.
    name: "mix.lock entry padded with spaces",
    unit: "spaces",
    base: 12_500,
    make: (n) => ({
      dir: tree({ "mix.lock": `%{\n  "x": {:hex, :x, "1.0.0", "${"a".repeat(64)}", [:mix], [],${" ".repeat(n)}]${" ".repeat(n)}},\n}\n` }),
      rules: rules("deps/unpinned-requirement"),
    }),
  },
  {
    // Lines that start like conflict markers but are none (`=======x`, six `<`): each is tried once.
    name: "lockfile of near-miss conflict markers",
    unit: "lines",
    base: 12_500,
    make: (n) => ({
      dir: tree({ "Cargo.lock": `${"=".repeat(7)}x\n`.repeat(n) + "<".repeat(6) + " \n".repeat(n / 2) }),
      rules: rules("deps/unpinned-requirement"),
    }),
  },
];

const SIZES = 5;

interface Timing {
  cpu: number;
  wall: number;
}

async function timeOnce(dir: string, ruleSet: Rule[]): Promise<Timing> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  // On the main thread only: worker threads start past a file count, and here (sources through
  // tsx) each compiles the TypeScript again, a one-time step that is not growth with the input.
  const a = await scan({ path: dir, policy: defaultPolicy(), rules: ruleSet, now, workers: 0 });
  // Rendering is part of the path a hostile input takes to the user.
  for (const out of [renderText(a, { color: false }), renderJson(a), renderSarif(a), renderMarkdown(a), renderGithub(a)]) if (out.length === 0) throw new Error("empty report");
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - t };
}

const RUNS = 5;

function fastest(xs: Timing[]): Timing {
  return { cpu: Math.min(...xs.map((x) => x.cpu)), wall: Math.min(...xs.map((x) => x.wall)) };
}

const rows: string[] = [];
let worst = 0;
try {
  const only = process.env.BENCH_HOSTILE_ONLY?.toLowerCase();
  for (const c of CASES.filter((x) => only === undefined || x.name.toLowerCase().includes(only))) {
    let previous: number | undefined;
    const cells: string[] = [];
    const ratios: number[] = [];
    for (let k = 0; k < SIZES; k++) {
      const n = Math.max(1, Math.round(c.base * scale * 2 ** k));
      const { dir, rules: ruleSet } = c.make(n);
      await timeOnce(dir, ruleSet); // warm-up: JIT and caches, not measured
      const runs: Timing[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await timeOnce(dir, ruleSet));
      const t = fastest(runs);
      rmSync(dir, { recursive: true, force: true });
      if (previous !== undefined) ratios.push(t.cpu / previous);
      cells.push(`${n.toLocaleString("en")}: ${t.cpu.toFixed(0)} (${t.wall.toFixed(0)})`);
      previous = t.cpu;
      console.error(`${c.name}: ${n} ${c.unit} ${t.cpu.toFixed(0)} ms CPU, ${t.wall.toFixed(0)} ms wall`);
    }
    const max = Math.max(...ratios);
    worst = Math.max(worst, max);
    rows.push(`| ${c.name} | ${cells.join(" · ")} | ${ratios.map((r) => r.toFixed(2)).join(" · ")} | ${max.toFixed(2)} ${max < LIMIT ? "✅" : "❌"} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`| hostile input (doubled ${SIZES - 1} times) | size: ms CPU (ms wall), fastest of ${RUNS} | CPU time ratio per doubling | worst (< ${LIMIT}) |
|---|---|---|---|
${rows.join("\n")}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}; scale ${scale}.`);
process.exitCode = worst < LIMIT ? 0 : 1;
