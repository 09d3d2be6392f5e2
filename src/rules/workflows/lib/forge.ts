import { ForgeError } from "../../../core/forge.js";
import type { Forge } from "../../types.js";

/** GETs a path; a 404 is `undefined` (the thing does not exist), other failures propagate (the rule is then not available). */
export async function getOrMissing<T>(forge: Forge, path: string): Promise<T | undefined> {
  try {
    return await forge.get<T>(path);
  } catch (e) {
    if (e instanceof ForgeError && e.code === "not-found") return undefined;
    throw e;
  }
}

/** A tag or branch as the API lists them. */
export interface RefEntry {
  name: string;
  commit: { sha: string };
}

/** The first page (100) of a repository's tags or branches. */
export async function listRefs(forge: Forge, owner: string, repo: string, kind: "tags" | "branches"): Promise<RefEntry[]> {
  const list = await getOrMissing<RefEntry[]>(forge, `/repos/${enc(owner)}/${enc(repo)}/${kind}?per_page=100`);
  return Array.isArray(list) ? list : [];
}

/** The commit a tag points to, following an annotated tag object; undefined when the tag does not exist. */
export async function tagCommit(forge: Forge, owner: string, repo: string, tag: string): Promise<string | undefined> {
  const ref = await getOrMissing<{ object?: { type?: string; sha?: string } }>(forge, `/repos/${enc(owner)}/${enc(repo)}/git/ref/tags/${encodeURIComponent(tag)}`);
  const obj = ref?.object;
  if (!obj?.sha) return undefined;
  if (obj.type !== "tag") return obj.sha.toLowerCase();
  const annotated = await getOrMissing<{ object?: { sha?: string } }>(forge, `/repos/${enc(owner)}/${enc(repo)}/git/tags/${obj.sha}`);
  return annotated?.object?.sha?.toLowerCase();
}

export function enc(s: string): string {
  return encodeURIComponent(s);
}
