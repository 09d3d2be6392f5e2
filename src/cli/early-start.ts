// Work a checkout scan starts before the command's code is loaded: git's listing of the checkout
// and the text-scan threads. Loading that code takes the main thread ~0.2 s while the other core
// sits idle; git's processes and the threads' boot take as long, and now run there meanwhile.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { textScanThread } from "../api/text-scan-thread-url.js";
import { prestartEarly, takeEarlyWorkers } from "../workspace/text-scan.js";
import { prefetchCheckout } from "../workspace/workspace.js";
import { SCAN_OPTIONS, workersFrom } from "./scan-options.js";

/** Flags after which the command reads no checkout, or only part of one (no threads, git asked differently). */
const NOT_A_FULL_CHECKOUT = /^(?:-|--stdin|--staged|--list|--help|-h|--diff(?:=.*)?|--changed-since(?:=.*)?)$/;

/** For `assay scan` and `assay secrets` on a checkout: asks git about it and starts the text-scan threads, before their code loads. */
export function startEarly(command: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>> = {}): void {
  if (command !== "scan" && command !== "secrets") return;
  const flags = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  if (flags.some((a) => NOT_A_FULL_CHECKOUT.test(a))) return;
  let positionals: string[];
  let rules: string[];
  try {
    const parsed = parseArgs({ args: [...args], options: { ...SCAN_OPTIONS, name: { type: "string" } }, allowPositionals: true, strict: false });
    positionals = parsed.positionals;
    const rule = parsed.values.rule;
    rules = Array.isArray(rule) ? rule.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return;
  }
  if (positionals.length > 1) return;
  const target = resolve(cwd, positionals[0] ?? ".");
  // A single file (`assay secrets .env`) is read as standard input is: no checkout, no threads.
  try {
    if (!statSync(target).isDirectory()) return;
  } catch {
    return;
  }
  prefetchCheckout(target);
  // Only the secrets rules read the whole tree; a scan of other rules needs no threads.
  const scansTree = command === "secrets" || rules.length === 0 || rules.some((r) => r === "secrets" || r.startsWith("secrets/"));
  const thread = textScanThread();
  if (scansTree && thread !== undefined) prestartEarly(thread, workersFrom(env));
}

/** Stops the threads startEarly started if no scan took them: a thread still booting would keep the process alive. */
export async function stopEarly(): Promise<void> {
  await takeEarlyWorkers(0)?.close();
}
