// Writes what is generated from the rules' meta: docs/rules/<family>/<name>.md,
// schema/policy.schema.json, src/rules/families.ts and the README's rule table.
// `--check` fails when any of them differs from what is committed.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedFiles, readmeRules, withReadmeRules } from "../src/docs/generate.js";
import { CHECKS, FAMILIES } from "../src/rules/index.js";
import { withDetectorTable } from "./gen-secrets-docs.js";

const root = join(dirname(new URL(import.meta.url).pathname), "..");

/** Folders of src/rules that hold a family (an index.ts). */
export function familyFolders(): string[] {
  const dir = join(root, "src/rules");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "index.ts")))
    .map((d) => d.name);
}

/** Every generated file with the content it should have. */
export function expectedFiles(): Map<string, string> {
  const out = generatedFiles(FAMILIES, CHECKS, familyFolders());
  out.set("README.md", withReadmeRules(readFileSync(join(root, "README.md"), "utf8"), readmeRules(FAMILIES, CHECKS)));
  out.set("docs/secrets.md", withDetectorTable(readFileSync(join(root, "docs/secrets.md"), "utf8")));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [rel, want] of expectedFiles()) {
    const file = join(root, rel);
    const have = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (have === want) continue;
    if (check) {
      console.error(`stale: ${rel}`);
      stale++;
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, want);
      console.log(`wrote ${rel}`);
    }
  }
  if (stale > 0) process.exit(1);
}
