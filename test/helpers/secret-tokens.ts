// Credential-shaped test values, generated at run time so none is committed: a GitHub token with a
// valid checksum, random base62 runs. Deterministic per seed.
import { expand, rng } from "../secrets/cases.js";

/** A generator of fake tokens from the case templates (see test/secrets/cases.ts). */
export function tokens(seed = 7): (template: string) => string {
  const r = rng(seed);
  return (template) => expand(template, r);
}
