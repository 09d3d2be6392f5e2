// Writes docs/rules/<family>/<name>.md from every rule's meta; `--check` fails when they differ.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ruleDoc } from "../src/engine/rule-doc.js";
import { RULES } from "../src/rules/index.js";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const rule of RULES) {
  const file = join(root, "docs", "rules", `${rule.meta.id}.md`);
  const want = ruleDoc(rule.meta);
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
