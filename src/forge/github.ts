import { ForgeError, type Forge, type ForgeRepository } from "../core/forge.js";

/** Where the GitHub API is and how to authenticate; `apiUrl` points elsewhere for GitHub Enterprise or tests. */
export interface GithubOptions {
  apiUrl: string;
  token?: string;
  /** Per-request time limit. */
  timeoutMs?: number;
  /** Requests allowed in one scan, so a rule cannot run up the rate limit. */
  maxRequests?: number;
}

/** The GitHub REST API client network rules receive: GET only, JSON only, bounded. */
export class GithubForge implements Forge {
  private requests = 0;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly repository: ForgeRepository, private readonly opts: GithubOptions) {}

  /** GETs a path once per scan (rules share answers), with a timeout and typed errors. */
  get<T = unknown>(path: string): Promise<T> {
    let p = this.cache.get(path);
    if (!p) {
      p = this.fetch(path);
      this.cache.set(path, p);
    }
    return p as Promise<T>;
  }

  private async fetch(path: string): Promise<unknown> {
    if (!path.startsWith("/")) throw new ForgeError("http", `not an API path: ${path}`);
    if (++this.requests > (this.opts.maxRequests ?? 500)) throw new ForgeError("rate-limited", `more than ${this.opts.maxRequests ?? 500} requests in one scan`);
    const headers: Record<string, string> = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "assay" };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.opts.apiUrl.replace(/\/+$/, "")}${path}`, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000), redirect: "follow" });
    } catch (e) {
      throw new ForgeError("network", `GitHub API unreachable: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) {
      const limited = res.headers.get("x-ratelimit-remaining") === "0" || res.status === 429;
      const code = limited ? "rate-limited" : res.status === 401 ? "unauthorized" : res.status === 403 ? "forbidden" : res.status === 404 ? "not-found" : "http";
      await res.body?.cancel();
      throw new ForgeError(code, `GitHub API ${path}: HTTP ${res.status}${limited ? " (rate limit; set GITHUB_TOKEN)" : ""}`, res.status);
    }
    try {
      return (await res.json()) as unknown;
    } catch {
      throw new ForgeError("invalid-response", `GitHub API ${path}: the answer is not JSON`);
    }
  }
}
