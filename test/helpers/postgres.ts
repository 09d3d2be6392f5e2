import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "./child-timeout.js";

/** The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin. */
export function postgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, "pg_ctl")) && existsSync(join(dir, "initdb"))) return dir;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], "bin") : undefined;
}

/** The `skip` option for tests that need a PostgreSQL server. */
export function skipWithoutPostgres(): { skip: string | false } {
  if (!postgresBin()) return { skip: "PostgreSQL server binaries (initdb, pg_ctl) are not installed (apt-get install -y postgresql)" };
  if (process.getuid?.() === 0) {
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      return { skip: "running as root and there is no `postgres` user to run the server as" };
    }
  }
  return { skip: false };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A throwaway PostgreSQL on 127.0.0.1 with a temporary data folder (as `postgres` when we are root). */
export interface TestPostgres {
  url: string;
  stop(): void;
  start(): void;
  /** Stops the server and deletes its data. */
  destroy(): void;
}

/** initdb + pg_ctl start on a free port; fsync off, trust auth on loopback only. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error("no PostgreSQL binaries");
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "assay-pg-"));
  const data = join(dir, "data");
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    if (root) execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "ignore", cwd: dir });
    else execFileSync(full, args, { stdio: "ignore", cwd: dir });
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  const start = () => run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "120", "-o", `-k ${dir} -p ${port} -h 127.0.0.1 -F -c max_connections=60`, "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
