import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { migrate } from "./schema.js";
import { openEmbedded, openPostgres, type Sql } from "./sql.js";

/** Where a fleet keeps its state, and how its database is reached. */
export interface FleetLocation {
  /** The store directory: the embedded database, scratch space for clones, the run's progress. */
  dir: string;
  /** A PostgreSQL URL (distributed mode), else undefined (embedded). */
  databaseUrl: string | undefined;
}

/** `--store DIR`, else $XDG_DATA_HOME/assay/fleet, else ~/.local/share/assay/fleet; ASSAY_FLEET_DATABASE selects distributed mode. */
export function fleetLocation(env: Readonly<Record<string, string | undefined>>, cwd: string, storeFlag?: string): FleetLocation {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith("/") ? env.XDG_DATA_HOME : join(env.HOME || homedir(), ".local", "share");
  const dir = storeFlag !== undefined ? resolve(cwd, storeFlag) : join(dataHome, "assay", "fleet");
  const databaseUrl = env.ASSAY_FLEET_DATABASE || undefined;
  if (databaseUrl !== undefined && !/^postgres(?:ql)?:\/\//i.test(databaseUrl)) {
    throw new AssayError("USAGE", "ASSAY_FLEET_DATABASE must be a postgres:// URL", { hint: "e.g. postgres://user@db.example.org:5432/assay; unset it for the embedded store" });
  }
  return { dir, databaseUrl };
}

/** An open fleet database; `close` also releases the embedded store's lock. */
export interface FleetDb {
  sql: Sql;
  location: FleetLocation;
  close(): Promise<void>;
}

/**
 * Opens the fleet's database and creates its schema. The embedded store is one process's at a
 * time (PGlite is single-process): a lock file holding the owner's pid keeps a second `run`,
 * `report` or `serve` out with a clear error instead of corrupting it; a dead owner's lock is taken over.
 */
export async function openFleetDb(location: FleetLocation, opts: { command: string; maxConnections?: number }): Promise<FleetDb> {
  if (location.databaseUrl !== undefined) {
    const sql = await openPostgres(location.databaseUrl, opts.maxConnections ?? 4);
    try {
      await migrate(sql);
    } catch (e) {
      await sql.close().catch(() => undefined);
      throw new AssayError("FLEET_DATABASE", `cannot use the fleet database: ${e instanceof Error ? e.message : String(e)}`, { hint: "check ASSAY_FLEET_DATABASE and that the server is up", cause: e });
    }
    return { sql, location, close: () => sql.close() };
  }
  mkdirSync(location.dir, { recursive: true, mode: 0o700 });
  const release = await lockStore(location.dir, opts.command);
  try {
    const sql = await openEmbedded(join(location.dir, "pgdata"));
    await migrate(sql);
    return {
      sql,
      location,
      close: async () => {
        try {
          await sql.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e instanceof AssayError ? e : new AssayError("FLEET_DATABASE", `cannot open the fleet store ${location.dir}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Who holds the embedded store, or undefined when nobody alive does. */
export function storeOwner(dir: string): { pid: number; command: string; since: string } | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, "lock"), "utf8");
  } catch {
    return undefined;
  }
  const [pid, command = "?", since = "?"] = text.split("\n");
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || !alive(n)) return undefined;
  return { pid: n, command, since };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Commands that hold the embedded store for seconds: others wait for them rather than fail. */
const BRIEF = new Set(["add", "status", "report", "serve"]);
const BRIEF_WAIT_MS = 120_000;

async function lockStore(dir: string, command: string): Promise<() => void> {
  const path = join(dir, "lock");
  const started = Date.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${process.pid}\n${command}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = storeOwner(dir);
      if (owner && owner.pid !== process.pid && BRIEF.has(owner.command) && Date.now() - started < BRIEF_WAIT_MS) {
        await new Promise((r) => setTimeout(r, 200));
        attempt--;
        continue;
      }
      if (owner && owner.pid !== process.pid) {
        throw new AssayError("FLEET_BUSY", `the fleet store ${dir} is in use by \`assay fleet ${owner.command}\` (pid ${owner.pid}, since ${owner.since})`, {
          hint: "wait for it to finish (`assay fleet status` shows a run's progress), or use ASSAY_FLEET_DATABASE for concurrent access",
        });
      }
      // The owner died without cleaning up: its lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new AssayError("FLEET_BUSY", `could not lock the fleet store ${dir}`);
}
