// Paths written in one file of the checkout and meant relative to another (a kustomization's
// resources, a requirements file's includes, a pom's parent, an MSBuild import), resolved without
// the file system: a path that climbs above the checkout root is none.

/** Joins `rel` to the folder `dir`, resolving `.` and `..`; undefined when it climbs above the root. */
export function joinRelative(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split("/") : [];
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

/** The folder of a checkout path: `a/b/c.yaml` → `a/b`, `c.yaml` → `` (the root). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
