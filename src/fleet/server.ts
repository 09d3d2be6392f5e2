import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { renderHtml } from "../report/html/render-html.js";
import { html } from "../report/html/escape.js";
import { FLEET_CSP, parseFilter, renderFleetOverview, renderFleetRepository } from "./render-html.js";
import type { FleetSource } from "./source.js";

/** Where the dashboard listens and who may read it. */
export interface ServeOptions {
  host: string;
  port: number;
  /** Required when `host` is not a loopback address: readers send it as a bearer token or a Basic password. */
  token?: string;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

/** Compares a presented token with the expected one in constant time (hashes make the lengths equal). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

function presentedToken(c: Context): string | undefined {
  const auth = c.req.header("authorization") ?? "";
  const bearer = /^Bearer ([\x21-\x7e]{1,512})$/.exec(auth)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(auth)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    return i >= 0 ? decoded.slice(i + 1) : undefined;
  }
  return undefined;
}

function errorPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head><body><main><h1>${html(title)}</h1><p>${html(message)}</p><p><a href="/">All repositories</a></p></main></body></html>`;
}

/**
 * The dashboard as a Hono app: read-only (GET and HEAD), server-rendered pages with no script and
 * a strict Content-Security-Policy, every repository-supplied string escaped. On loopback it
 * needs no login but refuses requests whose Host is not a loopback name (DNS rebinding); bound
 * elsewhere it requires the token.
 */
export function fleetApp(source: FleetSource, opts: ServeOptions): Hono {
  const app = new Hono();
  const loopback = isLoopback(opts.host);
  app.use("*", async (c, next) => {
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    c.header("X-Frame-Options", "DENY");
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      c.header("Allow", "GET, HEAD");
      return c.text("read-only\n", 405);
    }
    if (loopback) {
      const host = (c.req.header("host") ?? "").replace(/:\d{1,5}$/, "");
      if (!isLoopback(host)) return c.text("this dashboard answers only to localhost\n", 421);
    }
    if (opts.token !== undefined && !tokenMatches(presentedToken(c), opts.token)) {
      c.header("WWW-Authenticate", 'Basic realm="assay fleet", charset="UTF-8"');
      return c.text("a token is required (ASSAY_FLEET_TOKEN, as a bearer token or the Basic password)\n", 401);
    }
    await next();
    return undefined;
  });
  const page = (c: Context, body: string, status: 200 | 404 | 503 = 200) => {
    c.header("Content-Security-Policy", FLEET_CSP);
    return c.html(body, status);
  };
  const withNote = (body: string, note: string | undefined) => (note ? body.replace('<main id="main">', `<main id="main"><p class="verdict fail" role="status">${html(note)}</p>`) : body);

  app.get("/", async (c) => {
    try {
      const { report, note } = await source.report();
      return page(c, withNote(renderFleetOverview(report, { mode: "server", filter: parseFilter(c.req.query("check"), c.req.query("severity")) }), note));
    } catch (e) {
      return page(c, errorPage("Fleet data unavailable", e instanceof Error ? e.message : String(e)), 503);
    }
  });
  app.get("/report.json", async (c) => c.json((await source.report()).report));
  app.get("/healthz", (c) => c.text("ok\n"));
  const repoId = (c: Context) => {
    const id = c.req.param("id") ?? "";
    return /^\d{1,9}$/.test(id) ? Number(id) : undefined;
  };
  app.get("/repositories/:id", async (c) => {
    const id = repoId(c);
    const { report, note } = await source.report();
    const r = report.repositories.find((x) => x.id === id);
    if (!r) return page(c, errorPage("Not found", "No such repository in the fleet."), 404);
    return page(c, withNote(renderFleetRepository(report, r), note));
  });
  app.get("/repositories/:id/assessment", async (c) => {
    const id = repoId(c);
    const a = id === undefined ? undefined : await source.assessment(id);
    if (!a) return page(c, errorPage("Not found", "No assessment for this repository yet (or the store is busy)."), 404);
    // The assessment page carries its own policy (it has a script, allowed by hash) in a meta tag.
    c.header("Content-Security-Policy", "frame-ancestors 'none'");
    return c.html(renderHtml(a));
  });
  app.get("/repositories/:id/assessment.json", async (c) => {
    const id = repoId(c);
    const a = id === undefined ? undefined : await source.assessment(id);
    return a ? c.json(a) : c.json({ error: "not found" }, 404);
  });
  app.notFound((c) => page(c, errorPage("Not found", "There is no such page."), 404));
  return app;
}

/** Starts the dashboard; resolves with the bound address once it listens. */
export function startServer(app: Hono, opts: ServeOptions): Promise<{ server: ServerType; url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({ server, url: `http://${host}:${info.port}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
    server.on("error", reject);
  });
}
