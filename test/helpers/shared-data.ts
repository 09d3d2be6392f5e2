import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Where the real third-party data lives (../shared/data next to the checkout, read in place,
 * never copied): ASSAY_SHARED_DATA, else the first `shared/data` found walking up from the
 * project root. Undefined when this machine has none; tests that need it are then skipped with
 * that reason, never silently passed.
 */
export function sharedData(): string | undefined {
  const env = process.env.ASSAY_SHARED_DATA;
  if (env && existsSync(env)) return env;
  let dir = resolve(new URL("../../", import.meta.url).pathname);
  for (;;) {
    const candidate = join(dir, "..", "shared", "data");
    if (existsSync(join(candidate, "README.md"))) return resolve(candidate);
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The `skip` option for node:test when the shared data is missing. */
export function skipWithoutSharedData(): { skip: string | false } {
  return { skip: sharedData() === undefined ? "../shared/data is not on this machine (set ASSAY_SHARED_DATA)" : false };
}
