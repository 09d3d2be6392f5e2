/** A container image reference split into its parts. */
export interface ImageRef {
  /** Registry and repository, without tag or digest. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits `registry:5000/org/app:1.2@sha256:…`; the tag is after the last colon that follows the last slash. */
export function parseImage(ref: string): ImageRef {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: undefined, digest };
}

/** True for a digest that pins content (`sha256:` and 64 hex digits, or another algorithm's). */
export function isPinnedDigest(digest: string | undefined): boolean {
  return digest !== undefined && /^[a-z0-9]{1,16}(?:[+._-][a-z0-9]{1,16})?:[a-f0-9]{32,}$/.test(digest);
}
