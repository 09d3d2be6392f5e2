import { AssayError } from "../core/errors.js";
import { ForgeError } from "../core/forge.js";
import { GithubForge } from "../forge/github.js";
import type { Target } from "./targets.js";

/** A repository as GitHub lists it (the fields the fleet reads). */
interface ListedRepository {
  full_name?: unknown;
  clone_url?: unknown;
  archived?: unknown;
  fork?: unknown;
  disabled?: unknown;
}

/** What an organisation listing found. */
export interface OrgListing {
  targets: Target[];
  skipped: { archived: number; forks: number };
}

const PER_PAGE = 100;
/** 1,000 pages: 100,000 repositories, GitHub's largest organisations included. */
const MAX_PAGES = 1_000;

/**
 * An organisation's (or user's) repositories through the GitHub REST API, page by page, as https
 * clone URLs. Archived repositories and forks are left out unless asked for. `apiUrl` comes from
 * ASSAY_GITHUB_API (GitHub Enterprise, tests); GITHUB_TOKEN raises the rate limit and shows private ones.
 */
export async function listGithubOrg(spec: string, opts: { apiUrl: string; token?: string; includeArchived?: boolean; includeForks?: boolean }): Promise<OrgListing> {
  const m = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(spec);
  if (!m?.[1]) throw new AssayError("USAGE", `--org takes github:NAME, not \`${spec.slice(0, 100)}\``, { hint: "e.g. --org github:ossf" });
  const name = m[1];
  const forge = new GithubForge({ kind: "github", host: "github.com", owner: name, repo: "" }, { apiUrl: opts.apiUrl, ...(opts.token ? { token: opts.token } : {}), maxRequests: MAX_PAGES + 2 });
  let base = `/orgs/${name}/repos?type=all&per_page=${PER_PAGE}`;
  const out: OrgListing = { targets: [], skipped: { archived: 0, forks: 0 } };
  for (let page = 1; page <= MAX_PAGES; page++) {
    let items: unknown;
    try {
      items = await forge.get(`${base}&page=${page}`);
    } catch (e) {
      // A user account, not an organisation: GitHub lists those under /users.
      if (page === 1 && e instanceof ForgeError && e.code === "not-found" && base.startsWith("/orgs/")) {
        base = `/users/${name}/repos?type=owner&per_page=${PER_PAGE}`;
        page = 0;
        continue;
      }
      const why = e instanceof Error ? e.message : String(e);
      throw new AssayError("FLEET_TARGET", `cannot list github:${name}: ${why}`, { hint: e instanceof ForgeError && e.code === "not-found" ? "check the organisation's name" : "set GITHUB_TOKEN, or ASSAY_GITHUB_API for GitHub Enterprise" });
    }
    if (!Array.isArray(items)) throw new AssayError("FLEET_TARGET", `cannot list github:${name}: the API did not answer with a list`);
    for (const item of items as ListedRepository[]) {
      if (typeof item?.clone_url !== "string" || typeof item.full_name !== "string") continue;
      if (item.archived === true && !opts.includeArchived) {
        out.skipped.archived++;
        continue;
      }
      if (item.fork === true && !opts.includeForks) {
        out.skipped.forks++;
        continue;
      }
      out.targets.push({ url: item.clone_url, name: item.full_name });
    }
    if (items.length < PER_PAGE) break;
  }
  return out;
}
