import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";

// cabal.project.freeze (written by `cabal freeze`,
// https://cabal.readthedocs.io/en/stable/cabal-commands.html#cabal-freeze): a `constraints:` field
// pinning every package of the build plan, `any.aeson ==2.1.2.1`, one per line after the first,
// continuation lines indented. Flag settings (`aeson -ordered-keymap`) and `installed` constraints
// pin no version and are not packages.

/** A version pin: optional qualifier (`any.`), the package name, `==`, the version. Linear: bounded classes, no nesting. */
const PIN = /^(?:[A-Za-z0-9-]{1,100}\.)?([A-Za-z0-9][A-Za-z0-9-]{0,200})\s{0,20}==\s{0,20}(\d{1,9}(?:\.\d{1,9}){0,30})$/;

/** Builds the lockfile from a cabal.project.freeze. */
export function readCabalFreeze(text: string, path: string): Lockfile {
  const set = new PackageSet("Hackage", path);
  let inConstraints = false;
  let sawConstraints = false;
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.replace(/--.*$/, "").trimEnd();
    if (line.trim() === "") return;
    const indented = /^\s/.test(line);
    let body = line.trim();
    if (!indented) {
      // Taken as the end of the field, a merge conflict marker would drop every pin below it unseen.
      if (isConflictMarker(line)) throw conflictMarkerFailure(i + 1, "resolve the conflict and run `cabal freeze`");
      const field = /^([A-Za-z][A-Za-z0-9-]{0,100})\s{0,20}:(.*)$/.exec(body);
      inConstraints = field?.[1]?.toLowerCase() === "constraints";
      if (!inConstraints) return;
      sawConstraints = true;
      body = (field?.[2] ?? "").trim();
    } else if (!inConstraints) return;
    for (const part of body.split(",")) {
      const m = PIN.exec(part.trim());
      if (m) set.add({ name: m[1] as string, version: m[2] as string, line: i + 1, source: "registry" });
    }
  });
  if (!sawConstraints && text.trim() !== "") throw new ParseFailure("not a cabal.project.freeze: no constraints field", 1, 1);
  return set.lockfileOf("cabal.project.freeze");
}

/** The parser for cabal.project.freeze. */
export const cabalFreezeParser: Parser<Lockfile> = { id: "cabal.project.freeze", parse: (file: TextFile) => readCabalFreeze(file.text, file.path) };
