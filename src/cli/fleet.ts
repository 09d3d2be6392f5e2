import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AssayError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { listGithubOrg } from "../fleet/github-org.js";
import { ScanQueue } from "../fleet/queue.js";
import { addRepositories } from "../fleet/registry.js";
import { renderFleetOverview } from "../fleet/render-html.js";
import { renderFleetMarkdown } from "../fleet/render-markdown.js";
import { renderFleetText } from "../fleet/render-text.js";
import { buildFleetReport, type FleetReport } from "../fleet/report-model.js";
import { rulesetHash } from "../fleet/ruleset.js";
import { PROGRESS_FILE, runFleet, runWorker, SHUTDOWN_GRACE_MS } from "../fleet/run.js";
import { SCHEMA } from "../fleet/schema.js";
import { fleetApp, isLoopback, startServer } from "../fleet/server.js";
import { defaultWorkers, fleetSettings } from "../fleet/settings.js";
import { openSource } from "../fleet/source.js";
import { fleetLocation, openFleetDb, storeOwner, type FleetLocation } from "../fleet/store.js";
import { normaliseTarget, readTargetList, type Target } from "../fleet/targets.js";
import { waitOut, type WorkEvent } from "../fleet/worker.js";
import { formatScore } from "../report/labels.js";
import { clip, inertLine, visible } from "../core/escape.js";
import { RULES } from "../rules/index.js";
import { choice, parse } from "./args.js";
import { EXIT, say, shellWord, type ExitCode, type Io } from "./io.js";
import { onlineSettings } from "./scan.js";
import { writeOutput } from "./write-output.js";
import { ioErrorText } from "../core/io-error.js";

const USAGE = `usage: assay fleet add URL|PATH… [--from-file FILE] [--org github:NAME] [--include-forks] [--include-archived]
       assay fleet run [--workers N] [--retry-failed] [--rescan] [--verbose] [--quiet]
       assay fleet worker [--workers N] [--verbose] [--quiet]   (distributed: ASSAY_FLEET_DATABASE=postgres://…)
       assay fleet status [--json]
       assay fleet report [--format text|json|markdown|html] [--output FILE]
       assay fleet serve [--port P] [--host H]   (ASSAY_FLEET_TOKEN required off localhost)
  every subcommand takes --store DIR (default $XDG_DATA_HOME/assay/fleet)

Assesses many repositories again and again: \`add\` registers them, \`run\` scans in shallow clones
only those whose HEAD (or assay's rule set) changed, \`report\` shows scores over time and new and
fixed findings, \`status\` the queue, \`serve\` a read-only dashboard. Details: docs/fleet.md.`;

const FORMATS = ["text", "json", "markdown", "html"] as const;

/** `assay fleet SUBCOMMAND`: assess many repositories, incrementally, embedded or distributed. */
export async function fleetCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const [sub, ...rest] = storeAfterSubcommand(args);
  switch (sub) {
    case "add":
      return add(rest, io);
    case "run":
      return run(rest, io);
    case "worker":
      return worker(rest, io);
    case "status":
      return status(rest, io);
    case "report":
      return report(rest, io);
    case "serve":
      return serveCommand(rest, io);
    case undefined:
      // Said as `assay db` says it: an error line, then the usage as its hint, on stderr.
      throw new AssayError("USAGE", "`assay fleet` needs a subcommand", { hint: USAGE });
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(`${USAGE}\n`);
      return EXIT.passed;
    default:
      throw new AssayError("USAGE", `unknown fleet command \`${sub}\`${didYouMean(sub, ["add", "run", "worker", "status", "report", "serve", "help"])}`, { hint: USAGE.split("\n")[0] });
  }
}

const STORE = { store: { type: "string" } } as const;

/**
 * `assay fleet --store DIR status` as `assay fleet status --store DIR`: the store is every
 * subcommand's option, so it may come before the subcommand too (it was read as the subcommand).
 */
function storeAfterSubcommand(args: readonly string[]): readonly string[] {
  const first = args[0];
  if (first === "--store" && args.length >= 3) return [args[2] as string, first, args[1] as string, ...args.slice(3)];
  if (first?.startsWith("--store=") === true && args.length >= 2) return [args[1] as string, first, ...args.slice(2)];
  // A store and no subcommand (`assay fleet --store DIR`): the subcommand is what is missing.
  if ((first === "--store" && args.length === 2) || (first?.startsWith("--store=") === true && args.length === 1)) return [];
  return args;
}

function where(io: Io, store: string | undefined): FleetLocation {
  return fleetLocation(io.env, io.cwd, store);
}

function workers(value: string | undefined): number {
  if (value === undefined) return defaultWorkers();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new AssayError("USAGE", "--workers takes a whole number from 1 to 256");
  return n;
}

async function add(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { ...STORE, "from-file": { type: "string" }, org: { type: "string", multiple: true }, "include-forks": { type: "boolean" }, "include-archived": { type: "boolean" } }, 100_000, USAGE);
  const targets: Target[] = positionals.map((p) => normaliseTarget(p, io.cwd));
  if (values["from-file"] !== undefined) {
    const file = resolve(io.cwd, values["from-file"]);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new AssayError("FLEET_TARGET", `cannot read ${values["from-file"]}: ${ioErrorText(e)}`);
    }
    for (const { line, value } of readTargetList(text)) {
      try {
        targets.push(normaliseTarget(value, io.cwd));
      } catch (e) {
        if (e instanceof AssayError) throw new AssayError(e.code, e.message, { position: { path: values["from-file"], line, column: 1 }, ...(e.hint ? { hint: e.hint } : {}) });
        throw e;
      }
    }
  }
  const sources: { source: string; targets: Target[] }[] = [{ source: "cli", targets }];
  for (const org of values.org ?? []) {
    const online = onlineSettings(io);
    const listing = await listGithubOrg(org, { apiUrl: online.githubApiUrl, ...(online.token ? { token: online.token } : {}), includeArchived: Boolean(values["include-archived"]), includeForks: Boolean(values["include-forks"]) });
    // The API's URLs are checked like a user's: only allowed transports, no credentials.
    const checked = listing.targets.map((t) => ({ url: normaliseTarget(t.url, io.cwd).url, name: t.name }));
    sources.push({ source: `org:${org}`, targets: checked });
    const skipped = [listing.skipped.archived ? `${listing.skipped.archived} archived (--include-archived)` : "", listing.skipped.forks ? `${listing.skipped.forks} forks (--include-forks)` : ""].filter(Boolean);
    io.stderr.write(`assay: ${org}: ${listing.targets.length} repositories${skipped.length ? `, left out ${skipped.join(" and ")}` : ""}\n`);
  }
  if (sources.every((s) => s.targets.length === 0)) {
    if (positionals.length + (values["from-file"] ? 1 : 0) + (values.org?.length ?? 0) === 0) throw new AssayError("USAGE", "name at least one repository", { hint: USAGE.split("\n")[0] });
    io.stdout.write("no repositories to add\n");
    return EXIT.passed;
  }
  const db = await openFleetDb(where(io, values.store), { command: "add" });
  try {
    let added = 0;
    let existing = 0;
    for (const s of sources) {
      const r = await addRepositories(db.sql, s.targets, s.source);
      added += r.added;
      existing += r.existing;
    }
    const total = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.repository`))[0]?.n ?? 0;
    io.stdout.write(`added ${added} ${added === 1 ? "repository" : "repositories"}${existing ? ` (${existing} already registered)` : ""}; the fleet has ${total}\n`);
  } finally {
    await db.close();
  }
  return EXIT.passed;
}

function progressLine(io: Io, verbose: boolean): (e: WorkEvent) => void {
  return (e) => {
    const name = (n: string) => clip(inertLine(visible(n)), 80);
    if (e.type === "started") {
      if (verbose) io.stderr.write(`scanning ${name(e.job.data.name)}${e.job.retryCount > 0 ? ` (retry ${e.job.retryCount})` : ""}\n`);
    } else if (e.type === "scanned") io.stderr.write(`scanned ${name(e.job.data.name)}: score ${formatScore(e.outcome.assessment.summary.score)}, ${e.outcome.assessment.summary.findings.open} open findings (${(e.outcome.ms / 1000).toFixed(1)} s)\n`);
    else if (e.type === "failed") io.stderr.write(`failed ${name(e.job.data.name)}: ${clip(inertLine(visible(e.outcome.error)), 200)}${e.final ? "" : " (will retry)"}\n`);
    else io.stderr.write(`waiting for the database: ${clip(inertLine(visible(e.error)), 200)}; retrying in ${Math.round(e.retryInMs / 1000)} s\n`);
  };
}

async function run(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ...STORE, workers: { type: "string", short: "w" }, "retry-failed": { type: "boolean" }, rescan: { type: "boolean" }, quiet: { type: "boolean", short: "q" }, verbose: { type: "boolean", short: "v" } }, 0, USAGE);
  const location = where(io, values.store);
  const settings = fleetSettings(io.env);
  const n = workers(values.workers);
  const db = await openFleetDb(location, { command: "run", maxConnections: n + 4 });
  try {
    const summary = await runFleet(db, RULES, {
      workers: n,
      ...settings,
      scratch: join(location.dir, "scratch"),
      ...(values.quiet ? {} : { onEvent: progressLine(io, Boolean(values.verbose)) }),
      ...(values["retry-failed"] ? { retryFailed: true } : {}),
      ...(values.rescan ? { rescan: true } : {}),
    });
    const p = summary.plan;
    io.stdout.write(
      `fleet run: ${p.queued} queued (${p.unchanged} unchanged, ${p.deferred} waiting to retry, ${p.unreachable} unreachable), ${summary.scanned} scanned, ${summary.failedFinal} failed, in ${(summary.ms / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await db.close();
  }
  return EXIT.passed;
}

async function worker(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ...STORE, workers: { type: "string", short: "w" }, quiet: { type: "boolean", short: "q" }, verbose: { type: "boolean", short: "v" } }, 0, USAGE);
  const location = where(io, values.store);
  if (location.databaseUrl === undefined) {
    throw new AssayError("USAGE", "`fleet worker` needs a shared database: set ASSAY_FLEET_DATABASE=postgres://…", { hint: "on one machine, `assay fleet run --workers N` does the same with the embedded store" });
  }
  const settings = fleetSettings(io.env);
  const n = workers(values.workers);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const log = values.quiet ? undefined : progressLine(io, Boolean(values.verbose));
  try {
    // The database may not be up yet: wait for it like for any outage.
    const db = await waitOut(() => openFleetDb(location, { command: "worker", maxConnections: n + 4 }), () => controller.signal.aborted, log, 1000);
    if (!db) return EXIT.passed;
    io.stderr.write(`assay fleet worker: ${n} scan ${n === 1 ? "process" : "processes"}, pid ${process.pid}; stop with Ctrl-C\n`);
    try {
      await runWorker(db, { workers: n, ...settings, scratch: join(location.dir, "scratch"), ...(log ? { onEvent: log } : {}) }, controller.signal);
    } finally {
      // A pool whose connection died with the database (a restart while stopping) may never end: a stopped worker does not wait on it.
      await Promise.race([db.close().catch(() => undefined), sleep(SHUTDOWN_GRACE_MS, undefined, { ref: false })]);
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  return EXIT.passed;
}

async function status(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ...STORE, json: { type: "boolean" } }, 0, USAGE);
  const location = where(io, values.store);
  if (location.databaseUrl === undefined) {
    const owner = storeOwner(location.dir);
    if (owner) {
      // The embedded database is the run's while it works: show the progress it keeps instead.
      let progress: Record<string, unknown> = {};
      try {
        progress = JSON.parse(readFileSync(join(location.dir, PROGRESS_FILE), "utf8")) as Record<string, unknown>;
      } catch {
        // No progress yet.
      }
      if (values.json) io.stdout.write(`${JSON.stringify({ busy: owner, progress }, null, 2)}\n`);
      else {
        const plan = (progress.plan ?? {}) as Record<string, number>;
        io.stdout.write(`\`assay fleet ${owner.command}\` holds the store (pid ${owner.pid}, since ${owner.since})\n`);
        if (owner.command === "run") io.stdout.write(`progress: ${plan.queued ?? "?"} queued, ${String(progress.scanned ?? 0)} scanned, ${String(progress.failed ?? 0)} failed attempts (as of ${String(progress.updatedAt ?? "?")})\n`);
      }
      return EXIT.passed;
    }
  }
  const db = await openFleetDb(location, { command: "status" });
  try {
    const queue = await ScanQueue.open(db.sql, fleetSettings(io.env).queue, { supervise: false });
    const counts = await queue.counts(db.sql).finally(() => queue.stop());
    const rows = await db.sql.query<{ name: string; state: string; head: string | null; last_error: string | null; scanned_at: Date | string | null; score: number | null; commit: string | null }>(
      `SELECT r.name, r.state, r.head, r.last_error, a.scanned_at, a.score, a.commit FROM ${SCHEMA}.repository r LEFT JOIN ${SCHEMA}.assessment a ON a.id = r.last_assessment_id ORDER BY r.name, r.id`,
    );
    const byState: Record<string, number> = {};
    for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ mode: db.sql.kind, store: location.databaseUrl === undefined ? location.dir : null, queue: counts, repositories: byState, total: rows.length }, null, 2)}\n`);
      return EXIT.passed;
    }
    io.stdout.write(`fleet (${db.sql.kind === "embedded" ? `embedded store ${location.dir}` : "PostgreSQL"}): ${rows.length} repositories\n`);
    io.stdout.write(`queue: ${counts.created} waiting, ${counts.retry} waiting to retry, ${counts.active} running, ${counts.completed} done, ${counts.failed} failed\n`);
    io.stdout.write(`repositories: ${Object.entries(byState).map(([k, v]) => `${v} ${k}`).join(", ") || "none"}\n`);
    for (const r of rows.slice(0, 1000)) {
      const last = r.scanned_at ? `${new Date(r.scanned_at).toISOString().slice(0, 16).replace("T", " ")} score ${formatScore(r.score === null ? null : Math.round(r.score * 10) / 10)} at ${r.commit?.slice(0, 12) ?? "?"}` : "never assessed";
      io.stdout.write(`  ${r.state.padEnd(8)} ${clip(inertLine(visible(r.name)), 60).padEnd(40)} ${last}${r.last_error && (r.state === "failed" || r.state === "retrying") ? `  (${clip(inertLine(visible(r.last_error)), 160)})` : ""}\n`);
    }
    if (rows.length > 1000) io.stdout.write(`  … and ${rows.length - 1000} more (\`assay fleet report\` lists them all)\n`);
    // An empty store is a first run, or a --store that names the wrong folder (it was just created): say how to fill it.
    if (rows.length === 0) {
      const store = values.store !== undefined ? ` --store ${shellWord(values.store)}` : "";
      say(io, `assay: next: \`assay fleet add URL|PATH…${store}\` registers repositories, then \`assay fleet run${store}\` assesses them`);
    }
  } finally {
    await db.close();
  }
  return EXIT.passed;
}

/** Renders the fleet report in one of the report formats. */
export function renderFleet(report: FleetReport, format: (typeof FORMATS)[number]): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return renderFleetMarkdown(report);
    case "html":
      return renderFleetOverview(report, { mode: "static" });
    default:
      return renderFleetText(report);
  }
}

async function report(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ...STORE, format: { type: "string", short: "f" }, output: { type: "string", short: "o" } }, 0, USAGE);
  const format = choice("--format", values.format, FORMATS, "text");
  const db = await openFleetDb(where(io, values.store), { command: "report" });
  let r: FleetReport;
  try {
    r = await buildFleetReport(db.sql, { ruleset: rulesetHash(RULES), now: clockOf(io) });
  } finally {
    await db.close();
  }
  writeOutput(io, renderFleet(r, format), values.output);
  return EXIT.passed;
}

function clockOf(io: Io): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

async function serveCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ...STORE, port: { type: "string", short: "p" }, host: { type: "string" } }, 0, USAGE);
  const host = values.host ?? "127.0.0.1";
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AssayError("USAGE", "--port takes a number from 0 to 65535");
  const token = io.env.ASSAY_FLEET_TOKEN || undefined;
  if (!isLoopback(host) && token === undefined) {
    throw new AssayError("USAGE", `the dashboard would be readable by anyone who can reach ${host}`, { hint: "set ASSAY_FLEET_TOKEN (readers send it as a bearer token or the Basic password), or bind to 127.0.0.1" });
  }
  if (token !== undefined && token.length < 16) throw new AssayError("USAGE", "ASSAY_FLEET_TOKEN must be at least 16 characters");
  const source = await openSource(where(io, values.store), rulesetHash(RULES));
  const opts = { host, port, ...(token ? { token } : {}) };
  const server = await startServer(fleetApp(source, opts), opts);
  io.stderr.write(`assay fleet dashboard on ${server.url}/ (read-only${token ? ", token required" : ""}); stop with Ctrl-C\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  await source.close();
  return EXIT.passed;
}

