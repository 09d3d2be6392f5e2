// The embedded fleet end to end, through the CLI: no server, PGlite under a temporary store,
// repositories served as local bare repositories and, for --org, a fake GitHub API on 127.0.0.1.
// One store for the whole file: creating one costs seconds of CPU.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { cli } from "../../src/cli/main.js";
import type { FleetReport } from "../../src/fleet/report-model.js";
import { runFleet } from "../../src/fleet/run.js";
import { SCHEMA } from "../../src/fleet/schema.js";
import { fleetSettings } from "../../src/fleet/settings.js";
import { fleetLocation, openFleetDb } from "../../src/fleet/store.js";
import { RULES } from "../../src/rules/index.js";
import { startForgeServer } from "../helpers/forge-server.js";
import { git, tmpDir } from "../helpers/tmp-repo.js";
import { fleetReportValidator } from "./schema.js";

const HOSTILE_NAME = "<svg onload=alert(1)>";

describe("assay fleet, embedded", () => {
  const root = tmpDir({});
  const store = join(root, "store");
  const env = { ASSAY_FLEET_RETRY_DELAY: "1", ASSAY_FLEET_RETRY_LIMIT: "1", NO_COLOR: "1", HOME: root };
  let forge: Awaited<ReturnType<typeof startForgeServer>>;
  after(async () => {
    await forge?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A bare repository under root, made from a working copy with `files`. */
  function bareRepo(name: string, files: Record<string, string | Uint8Array>): { bare: string; work: string } {
    const work = join(root, "work", name.replace(/[^a-z0-9]/gi, "_"));
    mkdirSync(work, { recursive: true });
    for (const [p, c] of Object.entries(files)) writeFileSync(join(work, p), c);
    git(work, "init", "-q");
    git(work, "add", "-A");
    git(work, "commit", "-qm", "initial");
    const bare = join(root, `${name.replace(/ /g, "")}.git`);
    git(root, "clone", "-q", "--bare", work, bare);
    return { bare, work };
  }

  async function run(args: string[], extra: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const code = await cli(["fleet", ...args, "--store", store], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: root,
      env: { ...env, ...extra },
    });
    return { code, stdout, stderr };
  }

  async function report(): Promise<FleetReport> {
    const r = await run(["report", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as FleetReport;
  }

  let alpha: { bare: string; work: string };
  before(() => {
    alpha = bareRepo("alpha", { "README.md": "# alpha\n" });
    bareRepo("beta", { "README.md": "# beta\n", "SECURITY.md": "# Security\n\nReport vulnerabilities to security@example.org.\n" });
    bareRepo(HOSTILE_NAME.replace(/ /g, ""), { "README.md": "# hostile\n" });
    bareRepo("delta", { "README.md": "# delta\n" });
  });

  it("registers repositories from arguments, a list file (errors name file:line) and a GitHub organisation", async () => {
    let r = await run(["add", "alpha.git", join(root, "beta.git")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^added 2 repositories; the fleet has 2\n$/);
    writeFileSync(join(root, "list.txt"), `# the fleet\n${pathToFileURL(join(root, "beta.git")).href}\n${HOSTILE_NAME.replace(/ /g, "")}.git   # hostile name\n\nhttps://127.0.0.1:1/unreachable.git\n`);
    r = await run(["add", "--from-file", "list.txt"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^added 2 repositories \(1 already registered\); the fleet has 4\n$/);
    writeFileSync(join(root, "bad.txt"), "alpha.git\n\next::sh -c id\n");
    r = await run(["add", "--from-file", "bad.txt"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^assay: error: bad\.txt:3:1: repository `ext::sh -c id` contains spaces/);

    forge = await startForgeServer({
      "/orgs/acme/repos?type=all&per_page=100&page=1": [
        { full_name: "acme/delta", clone_url: pathToFileURL(join(root, "delta.git")).href, archived: false, fork: false },
        { full_name: "acme/old", clone_url: "https://127.0.0.1:1/old.git", archived: true, fork: false },
        { full_name: "acme/copy", clone_url: "https://127.0.0.1:1/copy.git", archived: false, fork: true },
        { full_name: "acme/sneaky", clone_url: "ext::sh -c id", archived: false, fork: false },
      ],
    });
    r = await run(["add", "--org", "github:acme"], { ASSAY_GITHUB_API: forge.url });
    assert.equal(r.code, 2, "a clone URL with a forbidden transport is refused, not registered");
    assert.match(r.stderr, /ext::sh/);
    await forge.close();
    forge = await startForgeServer({
      "/orgs/acme/repos?type=all&per_page=100&page=1": [
        { full_name: "acme/delta", clone_url: pathToFileURL(join(root, "delta.git")).href, archived: false, fork: false },
        { full_name: "acme/old", clone_url: "https://127.0.0.1:1/old.git", archived: true, fork: false },
        { full_name: "acme/copy", clone_url: "https://127.0.0.1:1/copy.git", archived: false, fork: true },
      ],
    });
    r = await run(["add", "--org", "github:acme"], { ASSAY_GITHUB_API: forge.url });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /github:acme: 1 repositories, left out 1 archived \(--include-archived\) and 1 forks \(--include-forks\)/);
    assert.match(r.stdout, /^added 1 repository; the fleet has 5\n$/);
    assert.deepEqual(forge.requests, ["/orgs/acme/repos?type=all&per_page=100&page=1"]);
    r = await run(["add", "--org", "github:nobody"], { ASSAY_GITHUB_API: forge.url });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot list github:nobody/);
  });

  it("runs: ls-remote every repository, scan the new ones in worker processes, record the unreachable one", async () => {
    const r = await run(["run", "--workers", "2"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^fleet run: 4 queued \(0 unchanged, 0 waiting to retry, 1 unreachable\), 4 scanned, 0 failed, in [\d.]+ s\n$/);
    assert.equal(r.stderr.match(/^scanned /gm)?.length, 4);
    const rep = await report();
    const validate = fleetReportValidator();
    assert.ok(validate(rep), JSON.stringify(validate.errors));
    assert.equal(rep.summary.repositories, 5);
    assert.equal(rep.summary.assessed, 4);
    assert.equal(rep.summary.failing, 1);
    const unreachable = rep.repositories.find((x) => x.name === "127.0.0.1/unreachable");
    assert.match(unreachable?.error?.message ?? "", /^ls-remote failed: .*127\.0\.0\.1/);
    assert.equal(unreachable?.state, "failed");
    const beta = rep.repositories.find((x) => x.name === "beta");
    assert.ok(beta?.latest?.current);
    assert.equal(beta.findings.some((f) => f.ruleId === "repo/security-policy"), false);
    assert.ok(rep.repositories.find((x) => x.name === "alpha")?.findings.some((f) => f.ruleId === "repo/security-policy"));
    assert.ok(rep.worstChecks.length > 0);
  });

  it("re-runs incrementally: only a repository whose HEAD moved is scanned; the unreachable one waits out its back-off", async () => {
    let r = await run(["run", "--workers", "1"]);
    assert.match(r.stdout, /^fleet run: 0 queued \(4 unchanged, 1 waiting to retry, 0 unreachable\), 0 scanned/);
    writeFileSync(join(alpha.work, "SECURITY.md"), "# Security\n\nReport vulnerabilities to security@example.org.\n");
    writeFileSync(join(alpha.work, "tool.exe"), Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(600)]));
    git(alpha.work, "add", "-A");
    git(alpha.work, "commit", "-qm", "policy and a binary");
    git(alpha.work, "push", "-q", alpha.bare, "HEAD:main");
    r = await run(["run", "--workers", "2"]);
    assert.match(r.stdout, /^fleet run: 1 queued \(3 unchanged, 1 waiting to retry, 0 unreachable\), 1 scanned/);
    assert.match(r.stderr, /^scanned alpha: /m);
    const rep = await report();
    const a = rep.repositories.find((x) => x.name === "alpha");
    assert.ok(a?.previous && a.latest);
    assert.equal(a.history.length, 2);
    assert.ok(a.changes.new.some((f) => f.ruleId === "repo/binary-artifacts"));
    assert.ok(a.changes.fixed.some((f) => f.ruleId === "repo/security-policy"));
    assert.equal(rep.summary.newFindings, a.changes.new.length);
    const text = (await run(["report"])).stdout;
    assert.match(text, /Changes since the previous assessment\n {2}alpha: \d+ new, \d+ fixed/);
    assert.match(text, /\+ high +repo\/binary-artifacts +tool\.exe/);
  });

  it("escapes hostile repository names in every format and shows status", async () => {
    const html = (await run(["report", "--format", "html", "--output", "fleet.html"])).code;
    assert.equal(html, 0);
    const page = readFileSync(join(root, "fleet.html"), "utf8");
    assert.match(page, /&lt;svgonload=alert\(1\)&gt;/);
    assert.doesNotMatch(page, /<svgonload/);
    const md = (await run(["report", "--format", "markdown"])).stdout;
    assert.match(md, /\\<svgonload=alert\\\(1\\\)\\>/);
    const st = await run(["status"]);
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, /: 5 repositories\nqueue: 0 waiting, 0 waiting to retry, 0 running, \d+ done, 0 failed\nrepositories: /);
    assert.match(st.stdout, /failed +127\.0\.0\.1\/unreachable +never assessed +\(ls-remote failed/);
    // The store may come before the subcommand, as it does after it.
    let before = "";
    const io = { stdout: { write: (t: string) => (before += t) }, stderr: { write: () => true }, cwd: root, env };
    assert.equal(await cli(["fleet", "--store", store, "status"], io), 0);
    assert.equal(await cli(["fleet", `--store=${store}`, "status"], io), 0);
    const head = (t: string): string => t.split("\n").slice(0, 2).join("\n");
    assert.deepEqual(before.split(/(?=fleet \()/).map(head), [head(st.stdout), head(st.stdout)]);
    assert.equal((await run(["report", "--format", "pdf"])).code, 2);
    // No subcommand: an error line and the usage on stderr, as `assay db` says it; help on stdout.
    const bare = await run([]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^assay: error: `assay fleet` needs a subcommand/);
    assert.equal(bare.stdout, "");
    const help = await run(["help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: assay fleet add/);
  });

  it("loses nothing when a scan process is killed mid-job: the job is retried and every repository is stored exactly once", async () => {
    const db = await openFleetDb(fleetLocation(env, root, store), { command: "run" });
    const scratch = join(store, "scratch");
    // Killed while a job is in flight, whatever the machine's speed: once a scan process has a
    // job's folder (it clones and scans there, and deletes it after), every scan process started
    // so far is killed. A kill at a fixed delay could land between jobs on a faster machine.
    const pids: number[] = [];
    let killing: Promise<void> | undefined;
    const killWhenBusy = async (): Promise<void> => {
      for (let i = 0; i < 24_000; i++) {
        const busy = readdirSafe(scratch).some((slot) => readdirSafe(join(scratch, slot)).some((e) => e.startsWith("job-")));
        if (busy) {
          for (const pid of pids) {
            try {
              process.kill(pid, "SIGKILL");
            } catch {
              // Already gone (recycled after its jobs).
            }
          }
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      const summary = await runFleet(db, RULES, {
        workers: 2,
        ...fleetSettings(env),
        scratch,
        rescan: true,
        onSpawn: (pid) => {
          pids.push(pid);
          killing ??= killWhenBusy();
        },
      });
      await killing;
      assert.equal(summary.plan.queued, 4);
      assert.ok(summary.failed >= 1, "the killed job failed once");
      assert.equal(summary.scanned, 4, "and was retried");
      const dupes = await db.sql.query(`SELECT repository_id, commit, ruleset, count(*) FROM ${SCHEMA}.assessment GROUP BY 1, 2, 3 HAVING count(*) > 1`);
      assert.deepEqual(dupes, []);
      const counts = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.assessment`);
      assert.equal(counts[0]?.n, 5, "four first assessments and alpha's second; the rescan stored nothing new");
      assert.ok(summary.peakWorkerRssKb > 0);
    } finally {
      await db.close();
    }
    assert.deepEqual(readdirSafe(scratch), [], "no clone is left behind");
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
