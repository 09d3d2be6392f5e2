// Lint: typescript-eslint's recommended rules, plus the architecture from DESIGN.md as rules:
// - purity: core/ and rules/ never touch the file system, processes, the network or the console;
// - layering: who may import whom (core imports nothing of ours; rules never reach the CLI, the
//   engine, the policy or the renderers; ecosystems know nothing of rules; renderers read only
//   the assessment). A test (test/lint/layering.test.ts) proves a violation fails.
import tseslint from "typescript-eslint";

const impure = ["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process", "http", "node:http", "https", "node:https", "net", "node:net", "worker_threads", "node:worker_threads"].map((name) => ({
  name,
  message: "core/ and rules/ are pure: read through the RuleContext / workspace instead.",
}));

/** Forbids importing the named layers of src/ (by folder) from a layer. */
function layer(files, forbidden, message, paths = []) {
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", { paths, patterns: [{ group: forbidden.flatMap((l) => [`**/${l}/*`, `**/${l}/**`]), message }] }],
    },
  };
}

const ALL = ["cli", "api", "engine", "policy", "assessment", "report", "rules", "ecosystems", "advisories", "workspace", "forge", "docs", "assess", "sbom", "verify", "secrets", "fleet"];
const except = (...allowed) => ALL.filter((l) => !allowed.includes(l));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test/fixtures/**", "bench/.work/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  layer(["src/core/**/*.ts"], ALL, "core/ is pure types and logic: it imports nothing of ours outside core/.", impure),
  layer(["src/rules/**/*.ts"], except("rules", "ecosystems", "advisories", "secrets"), "rules/ use core/, ecosystems/, advisories/ and secrets/ only; never the CLI, engine, policy, renderers or the file system.", impure),
  layer(["src/ecosystems/**/*.ts"], except("ecosystems"), "ecosystems/ is a library of models: it knows nothing of rules, the engine or the CLI."),
  layer(["src/advisories/**/*.ts"], except("ecosystems", "advisories", "verify"), "advisories/ is a library (the OSV store, matching, VEX): it knows nothing of rules, the engine or the CLI."),
  layer(["src/secrets/**/*.ts"], except("secrets"), "secrets/ is a pure library (detectors, scanner, masker): it knows nothing of rules, the engine or the CLI, and touches no file system.", impure),
  layer(["src/report/**/*.ts"], except("report"), "renderers read only the assessment (core/assessment.ts and core types)."),
  layer(["src/workspace/**/*.ts"], except("workspace"), "workspace/ is the reader of the checkout; it depends on core/ only."),
  layer(["src/engine/**/*.ts"], except("engine", "workspace"), "engine/ schedules and isolates rules; it knows nothing of the policy, the assessment or the CLI."),
  layer(["src/policy/**/*.ts"], except("policy", "ecosystems"), "policy/ is pure: findings, policy file, baseline, VEX and suppressions in, statuses and the gate out."),
  layer(["src/assessment/**/*.ts"], except("assessment"), "assessment/ builds scores and the document from core types only."),
  layer(["src/forge/**/*.ts"], except("forge"), "forge/ clients depend on core/ only."),
  layer(["src/docs/**/*.ts"], except("docs"), "docs/ generators read rule and check meta (core types) only."),
  layer(["src/sbom/**/*.ts"], except("sbom", "ecosystems"), "sbom/ writers turn the lockfile model into documents; they know nothing of rules, the engine or the CLI."),
  layer(["src/api/**/*.ts"], ["cli", "report", "assess"], "api/ wires the stages; it does not render or parse flags."),
  layer(["src/fleet/**/*.ts"], except("fleet", "api", "workspace", "report", "policy", "rules", "forge"), "fleet/ schedules scans of many repositories: it runs the library's scan (api/), reads the rule registry, renders with report/ and lists repositories through forge/."),
  layer(["src/assess/**/*.ts"], except("assess", "ecosystems", "report"), "assess/ drafts the self-assessment from the assessment, the answers and the sources it is handed."),
  layer(["src/verify/**/*.ts"], except("verify", "ecosystems"), "verify/ is a library (signatures, attestations, model signatures): it knows nothing of rules, the engine or the CLI."),
  {
    files: ["src/core/**/*.ts", "src/rules/**/*.ts", "src/secrets/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "rules never use the network directly" }, { name: "process", message: "rules and core get what they need from the context" }],
      "no-console": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    // A synchronous child blocks its test's thread past any test timeout: tests spawn through the helper that bounds it.
    files: ["test/**/*.ts"],
    ignores: ["test/helpers/child-timeout.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "node:child_process", importNames: ["execFileSync", "spawnSync", "execSync"], message: "use test/helpers/child-timeout.ts, whose spawns end after CHILD_TIMEOUT_MS" }, { name: "child_process", importNames: ["execFileSync", "spawnSync", "execSync"], message: "use test/helpers/child-timeout.ts, whose spawns end after CHILD_TIMEOUT_MS" }] }],
    },
  },
);
