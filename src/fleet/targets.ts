import { statSync } from "node:fs";
import { basename, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { AssayError } from "../core/errors.js";

/** A repository as the fleet records it: the URL git clones, and a name for people. */
export interface Target {
  url: string;
  name: string;
}

/** The transports git may use for fleet repositories; anything else (ext::, fd::, git://, http://) is refused. */
export const ALLOWED_PROTOCOLS = ["https", "ssh", "file"] as const;

const MAX_URL = 2048;
// Controls and bidirectional overrides would make a URL display as something else.
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const SCP = /^([A-Za-z0-9._-]{1,100}@)?([A-Za-z0-9.-]{1,253}):(?!\/\/)([A-Za-z0-9._~/-]{1,1000})$/;

/**
 * Turns what a user typed (an https or ssh URL, `git@host:owner/repo`, a file:// URL, or a local
 * path) into the URL the fleet clones and a display name. Refuses other transports, credentials
 * inside the URL (they would be stored and shown; use a credential helper), and option-like input.
 */
export function normaliseTarget(input: string, cwd: string): Target {
  const raw = input.trim();
  if (raw === "" || raw.length > MAX_URL) throw bad(input, "is empty or longer than 2,048 characters");
  if (UNSAFE.test(raw)) throw bad(input, "contains spaces or control characters");
  if (raw.startsWith("-")) throw bad(input, "looks like an option");
  const scheme = /^([a-z][a-z0-9+.-]{0,20}):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!(ALLOWED_PROTOCOLS as readonly string[]).includes(scheme)) throw bad(input, `uses ${scheme}://; only ${ALLOWED_PROTOCOLS.join(", ")} are allowed`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw bad(input, "is not a valid URL");
    }
    if (url.password || (scheme === "https" && url.username)) throw bad(input, "holds credentials; remove them and use a git credential helper or SSH keys");
    if (url.search || url.hash) throw bad(input, "has a query or fragment");
    if (scheme === "file") {
      const path = decodeURIComponent(url.pathname);
      return local(path, input);
    }
    const path = url.pathname.replace(/\/+$/, "");
    if (path === "" || path === "/") throw bad(input, "names no repository");
    return { url: `${scheme}://${url.username ? `${url.username}@` : ""}${url.host}${path}`, name: `${url.hostname}${path.replace(/\.git$/, "")}` };
  }
  if (/^[a-z][a-z0-9+.-]{0,20}::/i.test(raw)) throw bad(input, "uses a git remote helper; only https, ssh and file are allowed");
  const scp = SCP.exec(raw);
  if (scp && !raw.startsWith("/") && !raw.startsWith(".")) {
    const [, user = "", host = "", path = ""] = scp;
    return { url: `${user}${host}:${path.replace(/\/+$/, "")}`, name: `${host}/${path.replace(/\/+$/, "").replace(/\.git$/, "")}` };
  }
  return local(isAbsolute(raw) ? raw : resolve(cwd, raw), input);
}

function local(path: string, input: string): Target {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw bad(input, "is not a URL and no such directory exists");
  }
  if (!st.isDirectory()) throw bad(input, "is not a directory");
  const abs = resolve(path);
  return { url: pathToFileURL(abs).href, name: basename(abs).replace(/\.git$/, "") || abs };
}

function bad(input: string, why: string): AssayError {
  return new AssayError("FLEET_TARGET", `repository \`${input.slice(0, 200)}\` ${why}`, { hint: "give an https:// or ssh:// URL, git@host:owner/repo, or a local path" });
}

/** Repository lines of a list file: one per line, `#` comments and blank lines ignored. */
export function readTargetList(text: string): { line: number; value: string }[] {
  return text
    .split(/\r?\n/)
    .map((l, i) => ({ line: i + 1, value: l.replace(/(^|\s)#.*$/, "").trim() }))
    .filter((l) => l.value !== "");
}
