import { ParseFailure, type Parser } from "../../core/files.js";
import { xmlList, xmlParser, type XmlFile } from "../formats/xml.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { lockfileParser } from "../conflict-markers.js";

// gradle/verification-metadata.xml (https://docs.gradle.org/current/userguide/dependency_verification.html):
// every component Gradle verified, with the checksums of its artifacts.

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Builds the lockfile from a parsed verification-metadata.xml. */
export function readGradleVerification(xml: XmlFile, path: string): Lockfile {
  const root = obj(xml.value["verification-metadata"]);
  if (!root) throw new ParseFailure("not Gradle verification metadata: no <verification-metadata> element", 1, 1);
  const set = new PackageSet("Maven", path);
  for (const c of xmlList(obj(root.components)?.component)) {
    const group = c["@_group"];
    const name = c["@_name"];
    const version = c["@_version"];
    if (typeof group !== "string" || typeof name !== "string" || typeof version !== "string") continue;
    const hashes: string[] = [];
    for (const a of xmlList(c.artifact)) {
      for (const alg of ["sha512", "sha256", "sha1", "md5"]) {
        const v = obj(a[alg])?.["@_value"];
        if (typeof v === "string" && hashes.length < 64) hashes.push(`${alg}:${v}`);
      }
    }
    set.add({ name: `${group}:${name}`, version, line: xml.lineOf(c), source: "registry", hashes });
  }
  return set.lockfileOf("gradle-verification-metadata");
}

/** The parser for gradle/verification-metadata.xml. */
export const gradleVerificationParser: Parser<Lockfile> = lockfileParser("gradle-verification-metadata", xmlParser, "resolve the conflict and run `gradle --write-verification-metadata sha256 help`", (xml, file) => readGradleVerification(xml, file.path));
