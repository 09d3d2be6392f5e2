/** A PyPI project name as advisories and indexes compare it (PEP 503: lower case, runs of `-_.` as one `-`). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** True for a name PEP 508 allows (letters, digits, `-_.`, starting and ending with a letter or digit). */
export function isPypiName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,200}[A-Za-z0-9])?$/.test(name);
}

/** `sha256:…` from the `{ hash = "sha256:…" }` or `{ hashes = { sha256 = "…" } }` file records lockfiles keep. */
export function fileHashes(files: unknown): string[] | undefined {
  if (!Array.isArray(files)) return undefined;
  const out: string[] = [];
  for (const f of files.slice(0, 256)) {
    if (typeof f !== "object" || f === null) continue;
    const rec = f as Record<string, unknown>;
    if (typeof rec.hash === "string") out.push(rec.hash);
    else if (typeof rec.hashes === "object" && rec.hashes !== null) {
      for (const [alg, v] of Object.entries(rec.hashes as Record<string, unknown>)) if (typeof v === "string") out.push(`${alg}:${v}`);
    }
  }
  return out.length > 0 ? out : undefined;
}
