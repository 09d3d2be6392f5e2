// Lint: typescript-eslint's recommended rules, plus the purity boundary from DESIGN.md:
// core/ and rules/ never touch the file system, processes, the network or the console.
import tseslint from "typescript-eslint";

const impure = {
  paths: ["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process", "http", "node:http", "https", "node:https", "net", "node:net", "worker_threads", "node:worker_threads"].map((name) => ({
    name,
    message: "core/ and rules/ are pure: read through the RuleContext / workspace instead.",
  })),
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test/fixtures/**", "bench/.work/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/core/**/*.ts", "src/rules/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", impure],
      "no-restricted-globals": ["error", { name: "fetch", message: "rules never use the network directly" }, { name: "process", message: "rules and core get what they need from the context" }],
      "no-console": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
);
