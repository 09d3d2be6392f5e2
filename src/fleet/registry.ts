import { SCHEMA } from "./schema.js";
import type { Sql } from "./sql.js";
import type { Target } from "./targets.js";

/** Registers repositories; ones already registered (same URL) are left as they are. Returns how many were new. */
export async function addRepositories(sql: Sql, targets: readonly Target[], source: string): Promise<{ added: number; existing: number }> {
  let added = 0;
  const unique = [...new Map(targets.map((t) => [t.url, t])).values()];
  for (let i = 0; i < unique.length; i += 1000) {
    const batch = unique.slice(i, i + 1000);
    const rows = await sql.query<{ id: number }>(
      `INSERT INTO ${SCHEMA}.repository (url, name, source) SELECT u, n, $3 FROM unnest($1::text[], $2::text[]) AS t(u, n) ON CONFLICT (url) DO NOTHING RETURNING id`,
      [batch.map((t) => t.url), batch.map((t) => t.name), source],
    );
    added += rows.length;
  }
  return { added, existing: targets.length - added };
}
