// One SQL connection type for both modes: PGlite (PostgreSQL in WebAssembly, in-process, persisted
// to the store) when embedded, a `pg` pool when ASSAY_FLEET_DATABASE names a PostgreSQL server.
// The results schema and pg-boss run the same statements through either.

/** A row as the drivers return it. */
export type Row = Record<string, unknown>;

/** What pg-boss needs from a connection (its `db` option). */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A database connection, embedded or remote. */
export interface Sql {
  readonly kind: "embedded" | "postgres";
  /** One statement, with `$1…` parameters. */
  query<R extends object = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (the schema). */
  exec(text: string): Promise<void>;
  /** The adapter pg-boss uses, so the queue shares this connection. */
  readonly boss: BossDb;
  close(): Promise<void>;
}

/** Opens PGlite persisted in `dir` (created on first use). */
export async function openEmbedded(dir: string): Promise<Sql> {
  // Loaded on demand: the WebAssembly build is large and only embedded commands need it.
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(`file://${dir}`);
  const query = async <R extends object>(text: string, params?: readonly unknown[]) => (await db.query<R>(text, params ? [...params] : undefined)).rows;
  return {
    kind: "embedded",
    query,
    exec: async (text) => {
      await db.exec(text);
    },
    boss: {
      // pg-boss sends its multi-statement plans without parameters: PGlite runs those with exec().
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: await query(text, values) };
        const results = await db.exec(text);
        return { rows: results[results.length - 1]?.rows ?? [] };
      },
    },
    close: () => db.close(),
  };
}

/** Connects a pool to PostgreSQL; connection errors surface on the next query, never crash the process. */
export async function openPostgres(url: string, maxConnections: number): Promise<Sql> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000, application_name: "assay-fleet" });
  // An idle client losing its server emits here; the next query reconnects or fails with a reason.
  pool.on("error", () => undefined);
  const query = async <R extends object>(text: string, params?: readonly unknown[]) => {
    // Several statements in one simple query answer with one result each: the last one counts.
    const r = (await pool.query(text, params ? [...params] : undefined)) as unknown as { rows: R[] } | { rows: R[] }[];
    return Array.isArray(r) ? (r[r.length - 1]?.rows ?? []) : r.rows;
  };
  return {
    kind: "postgres",
    query,
    exec: async (text) => {
      await pool.query(text);
    },
    boss: { executeSql: async (text, values) => ({ rows: await query(text, values) }) },
    close: () => pool.end(),
  };
}
