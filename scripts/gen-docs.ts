// Writes docs/rules/<family>/<name>.md and schema/policy.schema.json from the rules' meta;
// `--check` fails when they differ from what is committed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CHECKS } from "../src/core/check.js";
import { policySchema } from "../src/engine/policy-schema.js";
import { ruleDoc } from "../src/engine/rule-doc.js";
import { RULES } from "../src/rules/index.js";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const check = process.argv.includes("--check");
let stale = 0;
const outputs: [string, string][] = RULES.map((rule) => [join(root, "docs", "rules", `${rule.meta.id}.md`), ruleDoc(rule.meta)]);
outputs.push([join(root, "schema", "policy.schema.json"), `${JSON.stringify(policySchema(RULES.map((r) => r.meta), CHECKS), null, 2)}\n`]);
for (const [file, want] of outputs) {
  let have: string | undefined;
  try {
    have = readFileSync(file, "utf8");
  } catch {
    have = undefined;
  }
  if (have === want) continue;
  if (check) {
    console.error(`stale: ${file}`);
    stale++;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, want);
    console.log(`wrote ${file}`);
  }
}
if (stale > 0) process.exit(1);
