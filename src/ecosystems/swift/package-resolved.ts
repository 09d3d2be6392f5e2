import { ParseFailure, type Parser } from "../../core/files.js";
import { jsonLines, pathKey, type JsonStep } from "../formats/json-lines.js";
import { asObject, asString, jsonParser, type JsonFile } from "../formats/json.js";
import { PackageSet } from "../package-set.js";
import type { Lockfile } from "../packages.js";
import { gitVcsUrl } from "../purl.js";
import { swiftUrlName } from "./swift-url.js";
import { lockfileParser } from "../conflict-markers.js";

// Swift Package Manager's Package.resolved (SwiftPM's PinsStore; Xcode keeps one in
// `*.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/`): every package the graph resolved,
// pinned. Version 1 nests `object.pins[]` of `{package, repositoryURL, state}`; versions 2 and 3
// list `pins[]` of `{identity, kind, location, state}`. `state.version` is the SemVer tag the pin
// resolved to; a pin on a branch or a bare revision has only `state.revision` (a commit), which
// no SwiftURL advisory version can be compared with: it is listed as a git package with no version.

/** Builds the lockfile from a parsed Package.resolved. */
export function readPackageResolved(json: JsonFile, path: string): Lockfile {
  const root = asObject(json.value);
  if (!root) throw new ParseFailure("not a Package.resolved: the top level is not an object", 1, 1);
  const v1 = Array.isArray(asObject(root.object)?.pins);
  const pins = v1 ? (asObject(root.object)?.pins as unknown[]) : Array.isArray(root.pins) ? root.pins : [];
  const prefix: JsonStep[] = v1 ? ["object", "pins"] : ["pins"];
  const lines = jsonLines(json.text, (p) => p.length === prefix.length + 1 && prefix.every((s, i) => p[i] === s));
  const set = new PackageSet("SwiftURL", path);
  pins.forEach((raw, i) => {
    const pin = asObject(raw);
    if (!pin) return;
    const state = asObject(pin.state);
    const version = asString(state?.version)?.trim() ?? "";
    const identity = asString(v1 ? pin.package : pin.identity)?.trim() ?? "";
    const location = asString(v1 ? pin.repositoryURL : pin.location)?.trim() ?? "";
    const kind = asString(pin.kind);
    const line = lines.get(pathKey([...prefix, i]));
    if (kind === "registry") {
      // A registry package (SE-0292) goes by its `scope.name` identity.
      if (identity !== "") set.add({ name: identity, version, line, source: "registry" });
      return;
    }
    if (kind === "localSourceControl" || kind === "fileSystem" || (location !== "" && !location.includes("://") && !/^[^/@:]{1,100}@[^/:]{1,255}:/.test(location))) {
      // A repository on the developer's disk: not a published package.
      if (identity !== "" || location !== "") set.add({ name: identity || location, version, line, source: "path" });
      return;
    }
    if (location === "") return;
    // A tagged version of the repository is what SwiftURL advisories list; a branch or revision pin is not.
    // A branch or revision pin keeps the repository and the commit it resolved to.
    const vcsUrl = version === "" ? gitVcsUrl(location, asString(state?.revision)) : undefined;
    set.add({ name: swiftUrlName(location), version, line, source: version === "" ? "git" : "registry", ...(vcsUrl ? { vcsUrl } : {}) });
  });
  const format = typeof root.version === "number" ? root.version : v1 ? 1 : 2;
  return set.lockfileOf(`Package.resolved@${format}`);
}

/** The parser for Package.resolved. */
export const packageResolvedParser: Parser<Lockfile> = lockfileParser("Package.resolved", jsonParser, "resolve the conflict and run `swift package resolve`", (json, file) => readPackageResolved(json, file.path));
