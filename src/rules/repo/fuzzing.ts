import { actionName, loadWorkflows, walkSteps } from "../../ecosystems/github-actions/index.js";
import type { FileEntry, Rule, RuleContext } from "../types.js";
import { codeOnly, type Syntax } from "./lib/code-text.js";
import { readmeMatch } from "./lib/readme.js";

export const rule: Rule = {
  meta: {
    id: "repo/fuzzing",
    title: "No fuzzing",
    severity: "medium",
    confidence: "medium",
    check: "Fuzzing",
    rationale:
      "Fuzzing feeds a program millions of unexpected inputs and finds the crashes, hangs and memory errors that hand-written tests miss; parsers and decoders without it are where attackers look first. OSS-Fuzz projects are configured in the google/oss-fuzz repository, which assay cannot see offline: a README that shows the project's OSS-Fuzz build badge (or links its folder in google/oss-fuzz) counts instead. assay also counts fuzzers Scorecard does not look for (Jazzer.js, Erlang's PropEr, Ruby's ruzzy, php-fuzzer, SharpFuzz, Bazel's rules_fuzzing, a fuzzing workflow another repository keeps), and fuzzers in any language of the checkout, where Scorecard reads only its main languages. A project with no source in a language a fuzzer Scorecard knows could fuzz (shell scripts, documentation) is reported at info: Scorecard scores Fuzzing 0 for every project it finds no fuzzer in.",
    remediation:
      "Add fuzz targets for the code that parses untrusted input (Go `func FuzzXxx(f *testing.F)`, libFuzzer `LLVMFuzzerTestOneInput`, cargo-fuzz, Atheris, Jazzer, or property-based tests with fast-check or QuickCheck) and run them continuously with ClusterFuzzLite in CI or by applying to OSS-Fuzz. When the fuzz targets live in a repository of their own, call its fuzzing workflow from a workflow here (as curl calls curl-fuzzer's), which assay counts. If the project is fuzzed in OSS-Fuzz with its fuzzers kept in google/oss-fuzz, show OSS-Fuzz's build-status badge in the README (`https://oss-fuzz-build-logs.storage.googleapis.com/badges/PROJECT.svg`), which assay counts, or turn this rule off in the policy (`rules: { repo/fuzzing: off }`) with a comment saying so.",
    references: [
      { title: "OpenSSF Scorecard: Fuzzing", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#fuzzing" },
      { title: "Scorecard: supported fuzzers", url: "https://github.com/ossf/scorecard/blob/main/docs/checks/fuzzing/README.md" },
      { title: "ClusterFuzzLite", url: "https://google.github.io/clusterfuzzlite/" },
      { title: "Go: Fuzzing", url: "https://go.dev/doc/security/fuzz/" },
      { title: "OSS-Fuzz", url: "https://google.github.io/oss-fuzz/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    if (await clusterFuzzLite(ctx)) {
      ctx.evidence({ message: "ClusterFuzzLite is set up (.clusterfuzzlite/Dockerfile)", locations: [{ path: ".clusterfuzzlite/Dockerfile" }] });
      return;
    }
    const ossFuzz = await readmeMatch(ctx, [OSS_FUZZ_LINK]);
    if (ossFuzz) {
      ctx.evidence({ message: `the project is fuzzed in OSS-Fuzz: ${ossFuzz.path} links its OSS-Fuzz project (${ossFuzz.text})`, locations: [{ path: ossFuzz.path, startLine: ossFuzz.line }] });
      return;
    }
    const scan = classify(ctx.files);
    if (scan.pathEvidence) {
      const what = /(?:^|\/)testdata\/fuzz\//.test(scan.pathEvidence) ? "a Go fuzz test's seed corpus" : "a cargo-fuzz target";
      ctx.evidence({ message: `fuzzing is set up: ${scan.pathEvidence} is ${what}`, locations: [{ path: scan.pathEvidence }] });
      return;
    }
    if (scan.sources === 0) {
      // Scorecard scores Fuzzing 0 for every project it finds no fuzzer in, whatever its languages: said at info,
      // as there is nothing here a fuzzer Scorecard knows could fuzz.
      ctx.report({
        message: "no fuzzing found, and no source code in a language with a fuzzer Scorecard looks for (Go, C and C++, Rust, Python, Java, JavaScript and TypeScript, Swift, Haskell, Erlang); Scorecard scores Fuzzing 0 all the same, as it does for every project it finds no fuzzer in",
        severity: "info",
        evidence: { fuzzableSources: 0 },
        key: "missing",
      });
      return;
    }
    const inCi = await fuzzingInWorkflows(ctx);
    if (inCi) {
      ctx.evidence({ message: `a workflow runs ${inCi.what}`, locations: [inCi.at] });
      return;
    }
    const manifests = await search(ctx, scan.manifests, MANIFEST_CHECKS, MAX_READS);
    if (manifests.found) {
      ctx.evidence({ message: "a fuzzing harness is declared in the project's manifests" });
      return;
    }
    const sources = await search(ctx, scan.sourceCandidates, SOURCE_CHECKS, MAX_READS - manifests.read);
    if (sources.found) {
      ctx.evidence({ message: "the sources hold fuzz targets" });
      return;
    }
    const capped = manifests.capped || sources.capped || scan.skipped > 0;
    ctx.report({
      message:
        "no fuzzing found: no ClusterFuzzLite or OSS-Fuzz CI setup and no fuzz targets (Go FuzzXxx, libFuzzer, cargo-fuzz, Atheris, Jazzer, fast-check, QuickCheck); an OSS-Fuzz integration kept in google/oss-fuzz cannot be seen offline",
      evidence: { manifestsSearched: manifests.read, sourceFilesSearched: sources.read, searchCapped: capped },
      ...(capped ? { confidence: "low" as const } : {}),
      key: "missing",
    });
  },
};

/** Paths that are someone else's code: their fuzzers do not fuzz this project. */
const FOREIGN = /(?:^|\/)(?:node_modules|vendor|third_party|third-party|bower_components)\//;

/** Path-only evidence: a Go fuzz corpus, a cargo-fuzz crate's targets. */
const EVIDENCE_PATHS = /(?:^|\/)testdata\/fuzz\/Fuzz\w{1,100}\/|(?:^|\/)fuzz\/fuzz_targets\/[^/]{1,200}\.rs$/;

/**
 * A project's own OSS-Fuzz project, linked from its README: the build-status badge OSS-Fuzz serves
 * for each project, the project's folder in google/oss-fuzz, its bug list in OSS-Fuzz's issue
 * tracker (`q=proj:NAME`, old or new tracker) or its Fuzz Introspector profile. Scorecard asks
 * google/oss-fuzz whether a project names this repository, which needs the network; the link is
 * the project saying so.
 */
const OSS_FUZZ_LINK =
  /oss-fuzz-build-logs\.storage\.googleapis\.com\/badges\/[\w.-]{1,100}\.svg|github\.com\/google\/oss-fuzz\/(?:tree|blob)\/[\w.-]{1,100}\/projects\/[\w.-]{1,100}|(?:bugs\.chromium\.org\/p\/oss-fuzz\/issues\/list|issues\.oss-fuzz\.com\/issues)\?[^\s)"'\]]{0,300}?proj(?::|%3A)[\w.-]{1,100}|introspector\.oss-fuzz\.com\/project-profile\?project=[\w.-]{1,100}/i;

/**
 * ClusterFuzzLite builds its fuzzers from .clusterfuzzlite/Dockerfile: without one, or with one that
 * holds only comments, nothing is fuzzed (Scorecard asks for a Dockerfile with commands too).
 */
async function clusterFuzzLite(ctx: RuleContext): Promise<boolean> {
  if (!ctx.has(".clusterfuzzlite/Dockerfile")) return false;
  const text = (await ctx.readText(".clusterfuzzlite/Dockerfile", { optional: true }))?.text ?? "";
  return text.split("\n").some((line) => {
    const t = line.trim();
    return t !== "" && !t.startsWith("#");
  });
}

/** Manifests that can declare a fuzzing or property-testing dependency (and Bazel BUILD files, for rules_fuzzing). */
const MANIFEST_NAME = /(?:^|\/)(?:package\.json|Cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?|[^/]{1,100}\.cabal|package\.yaml|rebar\.config|requirements[^/]{0,80}\.txt|pyproject\.toml|BUILD|BUILD\.bazel|Gemfile|[^/]{1,100}\.gemspec|composer\.json|[^/]{1,100}\.(?:cs|fs)proj)$/;

interface ContentCheck {
  /** Which files (by path) this check reads. */
  path: RegExp;
  /** Cheap substring test before the regex. */
  needle: string;
  pattern: RegExp;
  /**
   * Source code is searched with its comments and string literals blanked out: a fuzz target quoted
   * in test data (a Go `func FuzzX(f *testing.F)` inside a backquoted string) or commented out is not one.
   */
  syntax?: Syntax;
}

const MANIFEST_CHECKS: readonly ContentCheck[] = [
  { path: /package\.json$/, needle: "-check", pattern: /"(?:fast-check|@fast-check\/[\w-]{1,40})"\s{0,20}:/ },
  { path: /package\.json$/, needle: "@jazzer.js", pattern: /"@jazzer\.js\/[\w-]{1,40}"\s{0,20}:/ },
  { path: /Cargo\.toml$/, needle: "fuzz", pattern: /\blibfuzzer-sys\b|\bcargo-fuzz\s{0,10}=\s{0,10}true\b|^\s{0,10}afl\s{0,10}=/m },
  { path: /(?:pom\.xml|build\.gradle(?:\.kts)?)$/, needle: "jazzer", pattern: /com\.code-intelligence|jazzer-junit|jazzer-api/ },
  { path: /(?:\.cabal|package\.yaml)$/, needle: "", pattern: /\b(?:QuickCheck|hedgehog|smallcheck|genvalidity)\b/ },
  { path: /rebar\.config$/, needle: "proper", pattern: /\bproper\b/ },
  { path: /(?:requirements[^/]{0,80}\.txt|pyproject\.toml)$/, needle: "atheris", pattern: /^\s{0,10}["']?atheris\b/m },
  { path: /BUILD(?:\.bazel)?$/, needle: "_fuzz_test", pattern: /\b(?:cc|java)_fuzz_test\s{0,10}\(/ },
  { path: /(?:Gemfile|\.gemspec)$/, needle: "ruzzy", pattern: /["']ruzzy["']/ },
  { path: /composer\.json$/, needle: "php-fuzzer", pattern: /"nikic\/php-fuzzer"\s{0,20}:/ },
  { path: /\.(?:cs|fs)proj$/, needle: "SharpFuzz", pattern: /Include\s{0,5}=\s{0,5}"SharpFuzz"/ },
];

const SOURCE_CHECKS: readonly ContentCheck[] = [
  { path: /_test\.go$/, needle: "testing.F", pattern: /(?:^|\n)func\s{1,20}Fuzz\w{0,200}\s{0,20}\(\s{0,20}\w{1,100}\s{1,20}\*testing\.F\s{0,20}\)/, syntax: "go" },
  { path: /\.(?:c|cc|cpp|cxx|c\+\+|m|mm)$/, needle: "LLVMFuzzerTestOneInput", pattern: /\bLLVMFuzzerTestOneInput\s{0,20}\(/, syntax: "c" },
  // Swift names the entry point in a string: `@_cdecl("LLVMFuzzerTestOneInput")`.
  { path: /\.swift$/, needle: "LLVMFuzzerTestOneInput", pattern: /@_cdecl\(\s{0,20}"LLVMFuzzerTestOneInput"\s{0,20}\)/ },
  { path: /\.py$/, needle: "atheris", pattern: /^\s{0,40}(?:import\s{1,10}atheris\b|from\s{1,10}atheris\b)/m, syntax: "python" },
  { path: /\.(?:java|kt)$/, needle: "com.code_intelligence.jazzer", pattern: /com\.code_intelligence\.jazzer\./, syntax: "c" },
  { path: /\.l?hs$/, needle: "Test.", pattern: /import\s{1,20}(?:qualified\s{1,20})?Test\.(?:(?:Hspec|Tasty)\.)?(?:QuickCheck|Hedgehog|Validity|SmallCheck)/ },
  { path: /\.(?:erl|hrl)$/, needle: "proper", pattern: /proper\/include\/proper\.hrl/ },
  // A cargo-fuzz target whose crate is not under fuzz/fuzz_targets/ (Scorecard looks for libfuzzer_sys in any .rs file).
  { path: /\.rs$/, needle: "libfuzzer_sys", pattern: /^[ \t]{0,40}(?:(?:pub[ \t]{1,10})?use[ \t]{1,10}(?:::)?libfuzzer_sys\b|extern[ \t]{1,10}crate[ \t]{1,10}libfuzzer_sys\b|libfuzzer_sys::fuzz_target!)/m },
  // fast-check imported by a test whose package.json does not declare it (a monorepo's root does), as Scorecard reads .js and .ts files.
  { path: /\.[cm]?[jt]s$/, needle: "fast-check", pattern: /^[ \t]{0,40}(?:import\b[^\n]{0,300}?\bfrom|\}[ \t]{0,20}from|import)[ \t]{0,20}["'](?:fast-check|@fast-check\/[\w-]{1,40})["']|^[^\n/]{0,200}?\brequire\([ \t]{0,20}["'](?:fast-check|@fast-check\/[\w-]{1,40})["']/m },
];

/** Source files of languages whose fuzzers leave no trace in a manifest (Go, C/C++, Swift, Python, Java, Haskell, Erlang). */
const SOURCE_NAME = /(?:_test\.go|\.(?:c|cc|cpp|cxx|c\+\+|m|mm|swift|py|java|kt|hs|lhs|erl|hrl))$/;

/**
 * Sources whose fuzzers usually show in a manifest too (a Rust fuzz crate's Cargo.toml, package.json):
 * read only when named for fuzzing or tests, where fuzz targets and property tests live, so a large
 * JavaScript tree is not read file by file.
 */
const MANIFESTED_SOURCE_NAME = /\.(?:rs|[cm]?[jt]s)$/;

/**
 * Source code of any language with a fuzzer (OSS-Fuzz and ClusterFuzzLite alone cover C/C++, Go,
 * Rust, Python, Java/JVM, JavaScript, Ruby via ruzzy, Swift; PHP and .NET have fuzzers too), to
 * tell code repositories, which Scorecard scores 0 without fuzzing, from docs-only ones.
 */
const CODE_NAME = /\.(?:go|c|cc|cpp|cxx|c\+\+|h|hpp|m|mm|swift|py|java|kt|scala|groovy|hs|lhs|erl|ex|exs|rs|js|mjs|cjs|jsx|ts|mts|cts|tsx|rb|php|cs|fs|vb|dart|lua|zig|nim|ml|clj)$/;

/** At most this many manifests and source files are read; past it the finding says the search was cut short. */
const MAX_READS = 25_000;
/**
 * Source files named like neither fuzzers nor tests are read only up to this many: fuzz targets
 * almost always carry "fuzz" or "test" in their path, and reading every source file of a large
 * repository would cost seconds on each pull request.
 */
const MAX_OTHER_READS = 2_000;

interface Classified {
  /** A file whose path alone shows fuzzing (a Go corpus entry, a cargo-fuzz target). */
  pathEvidence: string | undefined;
  sources: number;
  manifests: string[];
  sourceCandidates: string[];
  /** Other source files left unread (past MAX_OTHER_READS). */
  skipped: number;
}

/** One pass over the inventory: path-only evidence, manifests, and source files ordered fuzz-named first. */
function classify(files: readonly FileEntry[]): Classified {
  const manifests: string[] = [];
  const fuzzNamed: string[] = [];
  const testNamed: string[] = [];
  const rest: string[] = [];
  let sources = 0;
  for (const f of files) {
    if (f.kind !== "file" || FOREIGN.test(f.path)) continue;
    if (EVIDENCE_PATHS.test(f.path)) return { pathEvidence: f.path, sources: 0, manifests: [], sourceCandidates: [], skipped: 0 };
    if (CODE_NAME.test(f.path)) sources++;
    if (MANIFEST_NAME.test(f.path)) manifests.push(f.path);
    else if (SOURCE_NAME.test(f.path) || MANIFESTED_SOURCE_NAME.test(f.path)) {
      const lower = f.path.toLowerCase();
      if (lower.includes("fuzz")) fuzzNamed.push(f.path);
      else if (/(?:^|\/|_)tests?(?:\/|_|\.)|_test\.go$|(?:^|\/)spec\/|[._-](?:test|spec)\.[cm]?[jt]s$/.test(lower)) testNamed.push(f.path);
      else if (SOURCE_NAME.test(f.path)) rest.push(f.path);
    }
  }
  return { pathEvidence: undefined, sources, manifests, sourceCandidates: [...fuzzNamed, ...testNamed, ...rest.slice(0, MAX_OTHER_READS)], skipped: Math.max(0, rest.length - MAX_OTHER_READS) };
}

/**
 * A reusable workflow kept in another repository that fuzzes: the repository or the workflow file
 * is named for fuzzing (curl calls `curl/curl-fuzzer/.github/workflows/ci.yml`, which builds and runs
 * its OSS-Fuzz targets on every pull request).
 */
const FUZZING_REUSABLE = /^[\w.-]{1,100}\/[\w.-]{0,100}fuzz[\w.-]{0,100}\/\.github\/workflows\/|^[\w.-]{1,100}\/[\w.-]{1,100}\/\.github\/workflows\/[^@]{0,200}fuzz[^/@]{0,100}\.ya?ml@/i;

/** Where CI fuzzes: ClusterFuzzLite or CIFuzz actions, or a fuzzing reusable workflow from another repository. */
async function fuzzingInWorkflows(ctx: RuleContext): Promise<{ what: string; at: { path: string; startLine: number; startColumn: number } } | undefined> {
  for (const wf of await loadWorkflows(ctx, { optional: true })) {
    for (const job of wf.jobs) {
      const uses = job.uses?.kind === "repository" ? job.uses.raw : undefined;
      if (uses && FUZZING_REUSABLE.test(uses.value)) return { what: `the reusable fuzzing workflow ${uses.value}`, at: { path: wf.path, startLine: uses.span.line, startColumn: uses.span.column } };
    }
  }
  for await (const { step, workflow, action } of walkSteps(ctx, { optional: true })) {
    const name = step.uses ? actionName(step.uses.name) : "";
    const at = { path: action?.path ?? workflow.path, startLine: step.span.line, startColumn: step.span.column };
    if (name.startsWith("google/clusterfuzzlite/actions/")) return { what: "ClusterFuzzLite", at };
    if (name.startsWith("google/oss-fuzz/infra/cifuzz/actions/")) return { what: "OSS-Fuzz's CIFuzz", at };
  }
  return undefined;
}

async function matches(ctx: RuleContext, path: string, checks: readonly ContentCheck[]): Promise<boolean> {
  const relevant = checks.filter((c) => c.path.test(path));
  if (relevant.length === 0) return false;
  // Best effort: an unreadable file is a fuzz target missed, which can only make the verdict stricter.
  const text = (await ctx.readText(path, { optional: true }))?.text;
  if (!text) return false;
  return relevant.some((c) => text.includes(c.needle) && c.pattern.test(c.syntax ? codeOnly(text, c.syntax) : text));
}

/** Reads files in batches, stopping at the first match or once `budget` files were read. */
async function search(ctx: RuleContext, paths: readonly string[], checks: readonly ContentCheck[], budget: number): Promise<{ found: boolean; read: number; capped: boolean }> {
  const limit = Math.min(paths.length, Math.max(0, budget));
  const BATCH = 32;
  for (let i = 0; i < limit; i += BATCH) {
    if (ctx.signal.aborted) break;
    const batch = paths.slice(i, Math.min(i + BATCH, limit));
    const hits = await Promise.all(batch.map((p) => matches(ctx, p, checks)));
    if (hits.includes(true)) return { found: true, read: i + batch.length, capped: false };
  }
  return { found: false, read: limit, capped: paths.length > limit };
}
