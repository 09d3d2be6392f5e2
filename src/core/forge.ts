/** Why a forge request failed; rules branch on the code, people read the message. */
export type ForgeErrorCode = "unauthorized" | "forbidden" | "not-found" | "rate-limited" | "network" | "http" | "invalid-response";

/** A failed forge request. */
export class ForgeError extends Error {
  readonly code: ForgeErrorCode;
  readonly status: number | undefined;
  constructor(code: ForgeErrorCode, message: string, status?: number) {
    super(message);
    this.name = "ForgeError";
    this.code = code;
    this.status = status;
  }
}

/** The repository on its forge, as named by the checkout's `origin` remote. */
export interface ForgeRepository {
  kind: "github";
  host: string;
  owner: string;
  repo: string;
}

/** Read-only access to the forge's API for the scanned repository; only network rules get one. */
export interface Forge {
  readonly repository: ForgeRepository;
  /** GETs an API path (`/repos/{owner}/{repo}/...`) and returns the parsed JSON; throws ForgeError. */
  get<T = unknown>(path: string): Promise<T>;
}

/** Reads owner and repository from a GitHub remote URL (https, ssh or scp-like); undefined for other forges. */
export function parseGithubRemote(url: string): ForgeRepository | undefined {
  const m = /^(?:https?:\/\/(?:[^@/]{1,200}@)?|ssh:\/\/git@|git@)(github\.com)[:/]([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(url.trim());
  if (!m) return undefined;
  return { kind: "github", host: m[1] as string, owner: m[2] as string, repo: m[3] as string };
}

/** How a scan gets its forge client: from the checkout's version-control facts, or the reason there is none. */
export type ForgeConnector = (repository: { remote: string | null }) => { forge: Forge } | { reason: string };
