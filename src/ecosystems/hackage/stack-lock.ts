import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { lineIndex } from "../../core/line-index.js";
import { asObject, asString } from "../formats/json.js";
import { yamlDataParser, type YamlData } from "../formats/yaml-data.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { lockfileParser } from "../conflict-markers.js";

// stack.yaml.lock (https://docs.haskellstack.org/en/stable/topics/lock_files/): the extra-deps a
// Stack project adds to its snapshot, each `completed` with its exact Hackage identifier
// (`acme-missiles-0.3@sha256:…,613`, the hash and size of its cabal file) or git commit. The snapshot's own packages are listed only in
// the snapshot (fetched by Stack), so they are not read here.

/** `name-1.2.3` (a package name may hold dashes; the version is the last dash's digits), with an optional `@sha256:…,size` or `@rev:N`. */
const IDENTIFIER = /^([A-Za-z0-9][A-Za-z0-9-]{0,200})-(\d{1,9}(?:\.\d{1,9}){0,30})(?:@.{0,300})?$/;

/** Builds the lockfile from a parsed stack.yaml.lock. */
export function readStackLock(yaml: YamlData, path: string): Lockfile {
  const root = asObject(yaml.value);
  if (!root || !Array.isArray(root.packages)) {
    if (root && !("packages" in root) && "snapshots" in root) return new PackageSet("Hackage", path).lockfileOf("stack.yaml.lock");
    throw new ParseFailure("not a stack.yaml.lock: no packages list", 1, 1);
  }
  const { positionAt } = lineIndex(yaml.text);
  const set = new PackageSet("Hackage", path);
  let from = 0;
  for (const raw of root.packages) {
    const completed = asObject(asObject(raw)?.completed);
    const id = asString(completed?.hackage);
    if (id === undefined) {
      // A git or archive dependency: named, with no version an advisory could be compared with (as elsewhere).
      const name = asString(completed?.name);
      const git = asString(completed?.git);
      const vcsUrl = git !== undefined ? gitVcsUrl(git, asString(completed?.commit)) : undefined;
      if (name !== undefined && completed?.git !== undefined) set.add({ name, version: "", source: "git", ...(vcsUrl ? { vcsUrl } : {}) });
      continue;
    }
    const m = IDENTIFIER.exec(id.trim());
    if (!m) continue;
    // Entries are written in order: each is found after the previous one.
    const at = yaml.text.indexOf(id, from);
    if (at >= 0) from = at + id.length;
    // The `@sha256:…,size` after the identifier is the hash of the package's cabal file (Hackage's
    // revision of it), not of the package: no hash of the package itself is recorded, so none is kept.
    set.add({ name: m[1] as string, version: m[2] as string, ...(at >= 0 ? { line: positionAt(at).line } : {}), source: "registry" });
  }
  return set.lockfileOf("stack.yaml.lock");
}

/** The parser for stack.yaml.lock. */
export const stackLockParser: Parser<Lockfile> = lockfileParser("stack.yaml.lock", yamlDataParser, "resolve the conflict, or delete the file and let `stack build` write it again", (yaml, file: TextFile) => readStackLock(yaml, file.path));
