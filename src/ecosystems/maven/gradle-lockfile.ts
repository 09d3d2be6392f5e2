import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { conflictMarkerFailure, isConflictMarker } from "../conflict-markers.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";

// gradle.lockfile (https://docs.gradle.org/current/userguide/dependency_locking.html): one
// `group:artifact:version=configuration,…` line per locked module; `empty=` lists unused configurations.

/**
 * Whether a configuration puts its modules into what the project ships: a compile or runtime
 * classpath (`runtimeClasspath`, Android's `releaseRuntimeClasspath`), not a test's
 * (`testRuntimeClasspath`, `androidTestCompileClasspath`), and not a build tool's (`checkstyle`,
 * `jacocoAgent`, `annotationProcessor`, `kotlinCompilerClasspath`).
 */
function ships(configuration: string): boolean {
  return /(?:^c|C)ompileClasspath$|(?:^r|R)untimeClasspath$/.test(configuration) && !/^(?:test|androidTest|unitTest|integrationTest|testFixtures)/i.test(configuration) && !/Test(?:Compile|Runtime)Classpath$/.test(configuration);
}

/** Builds the lockfile from gradle.lockfile text. */
export function readGradleLockfile(file: TextFile): Lockfile {
  const set = new PackageSet("Maven", file.path);
  const lines = file.text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const s = (lines[n] as string).trim();
    if (s === "" || s.startsWith("#") || s.startsWith("empty=")) continue;
    if (isConflictMarker(s)) throw conflictMarkerFailure(n + 1, "resolve the conflict and run `gradle dependencies --write-locks`");
    const eq = s.indexOf("=");
    const coords = (eq >= 0 ? s.slice(0, eq) : s).split(":");
    // Gradle writes every module as `group:artifact:version=configurations`: a line that is not one
    // is a file cut short (a partial download, a bad merge) or damaged, with modules missing past it.
    if (eq < 0 || coords.length < 3) throw new ParseFailure(`not a locked module: expected "group:artifact:version=configurations", found ${JSON.stringify(s.slice(0, 80))}; the file is truncated or damaged`, n + 1, 1);
    const [group, artifact, version] = coords as [string, string, string];
    const configurations = s.slice(eq + 1).split(",").map((c) => c.trim()).filter((c) => c !== "");
    // Needed for development only unless some configuration builds or runs the shipped code.
    const dev = configurations.length > 0 && !configurations.some(ships);
    set.add({ name: `${group}:${artifact}`, version, line: n + 1, dev, source: "registry" });
  }
  return set.lockfileOf("gradle.lockfile");
}

/** The parser for gradle.lockfile (and buildscript-gradle.lockfile). */
export const gradleLockfileParser: Parser<Lockfile> = { id: "gradle.lockfile", parse: (file: TextFile) => readGradleLockfile(file) };
