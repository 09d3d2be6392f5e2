import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import type { Parser, TextFile } from "../../src/core/files.js";
import type { Rule } from "../../src/core/rule.js";
import { lineIndex } from "../../src/core/line-index.js";
import { scan } from "../../src/api/scan.js";
import { findLockfiles, inInstalledTree, LOCKFILE_FORMATS, lockfileFormatOf } from "../../src/ecosystems/lockfiles.js";
import type { Lockfile, LockedPackage } from "../../src/ecosystems/packages.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every lockfile of a temporary checkout holding `files`, with the workspace's diagnostics. */
async function lockfiles(files: Record<string, string>): Promise<{ lockfiles: Lockfile[]; diagnostics: Workspace["diagnostics"] }> {
  const dir = tmpDir(files);
  dirs.push(dir);
  const ws = await Workspace.open(dir);
  return { lockfiles: await findLockfiles(ws), diagnostics: ws.diagnostics };
}

async function only(path: string, text: string): Promise<Lockfile> {
  const { lockfiles: lfs, diagnostics } = await lockfiles({ [path]: text });
  assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error"), []);
  assert.equal(lfs.length, 1);
  return lfs[0] as Lockfile;
}

function ids(lf: Lockfile): string[] {
  return lf.packages.map((p) => `${p.name}@${p.version}`).sort();
}

function pkg(lf: Lockfile, name: string, version?: string): LockedPackage {
  const p = lf.packages.find((x) => x.name === name && (version === undefined || x.version === version));
  assert.ok(p, `${name}@${version ?? "*"} in ${ids(lf).join(", ")}`);
  return p;
}

/** Runs a parser on a file as the workspace does: its base parser first. */
function run(parser: Parser<unknown>, file: TextFile): unknown {
  return parser.parse(file, parser.base ? run(parser.base, file) : undefined);
}

/** A parser fed text directly (as the workspace would), for hostile inputs. */
function textFile(path: string, text: string): TextFile {
  const idx = lineIndex(text);
  return { path, text, size: text.length, lossy: false, positionAt: idx.positionAt, lineText: () => "" };
}

describe("the lockfile registry", () => {
  it("knows each format by its file name", () => {
    const cases: [string, string | undefined][] = [
      ["package-lock.json", "package-lock"],
      ["a/npm-shrinkwrap.json", "package-lock"],
      ["yarn.lock", "yarn.lock"],
      ["pnpm-lock.yaml", "pnpm-lock"],
      ["bun.lock", "bun.lock"],
      ["bun.lockb", undefined],
      ["Cargo.lock", "Cargo.lock"],
      ["go.mod", "go.mod"],
      ["go.sum", "go.sum"],
      ["poetry.lock", "poetry.lock"],
      ["Pipfile.lock", "Pipfile.lock"],
      ["uv.lock", "uv.lock"],
      ["pdm.lock", "pdm.lock"],
      ["pylock.toml", "pylock.toml"],
      ["pylock.dev.toml", "pylock.toml"],
      ["requirements.txt", "requirements.txt"],
      ["requirements-dev.txt", "requirements.txt"],
      ["requirements/base.txt", "requirements.txt"],
      ["notes.txt", undefined],
      ["requirements.in", undefined],
      ["Gemfile.lock", "Gemfile.lock"],
      ["gems.locked", "Gemfile.lock"],
      ["composer.lock", "composer.lock"],
      ["pom.xml", "pom.xml"],
      ["gradle.lockfile", "gradle.lockfile"],
      ["buildscript-gradle.lockfile", "gradle.lockfile"],
      ["gradle/verification-metadata.xml", "gradle-verification-metadata"],
      ["other/verification-metadata.xml", undefined],
      ["packages.lock.json", "packages.lock.json"],
      ["pubspec.lock", "pubspec.lock"],
      ["mix.lock", "mix.lock"],
      ["apps/api/rebar.lock", "rebar.lock"],
      ["renv.lock", "renv.lock"],
      ["packrat/packrat.lock", "packrat.lock"],
      ["conan.lock", "conan.lock"],
      ["packages.config", "packages.config"],
      ["web.config", undefined],
      ["src/App/App.csproj", "msbuild-project"],
      ["Lib.fsproj", "msbuild-project"],
      ["Old.vbproj", "msbuild-project"],
      ["App.csproj.user", undefined],
      ["Directory.Packages.props", undefined],
      ["bin/Release/net8.0/App.deps.json", "deps.json"],
      [".deps.json", undefined],
      ["Package.resolved", "Package.resolved"],
      ["App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved", "Package.resolved"],
      ["Package.swift", undefined],
    ];
    for (const [path, id] of cases) assert.equal(lockfileFormatOf(path)?.id, id, path);
    assert.equal(new Set(LOCKFILE_FORMATS.map((f) => f.id)).size, LOCKFILE_FORMATS.length);
  });

  it("leaves out installed trees and version-control internals", () => {
    for (const p of ["node_modules/a/package-lock.json", "web/node_modules/@s/b/yarn.lock", "vendor/github.com/x/y/go.mod", "bower_components/z/package-lock.json", ".venv/lib/requirements.txt", "lib/python3.12/site-packages/p/requirements.txt", ".build/checkouts/swift-nio/Package.resolved"]) assert.ok(inInstalledTree(p), p);
    for (const p of ["package-lock.json", "apps/web/package-lock.json", "vendors/go.mod", "node_modules_backup/x/yarn.lock"]) assert.ok(!inInstalledTree(p), p);
  });

  it("reads every lockfile of a monorepo, skipping installed copies, shrinkwrap over package-lock, go.mod over go.sum", async () => {
    const lock = (name: string) => JSON.stringify({ lockfileVersion: 3, packages: { "": {}, [`node_modules/${name}`]: { version: "1.0.0" } } });
    const { lockfiles: lfs } = await lockfiles({
      "apps/web/package-lock.json": lock("web-dep"),
      "apps/cli/package-lock.json": lock("ignored"),
      "apps/cli/npm-shrinkwrap.json": lock("shrink-dep"),
      "node_modules/x/package-lock.json": lock("installed"),
      "svc/go.mod": "module m\n\ngo 1.22\n\nrequire github.com/a/b v1.0.0\n",
      "svc/go.sum": "github.com/other/c v1.0.0 h1:x=\n",
      "tools/go.sum": "github.com/d/e v0.1.0 h1:y=\n",
    });
    assert.deepEqual(lfs.map((l) => [l.path, ids(l)]), [
      ["apps/cli/npm-shrinkwrap.json", ["shrink-dep@1.0.0"]],
      ["apps/web/package-lock.json", ["web-dep@1.0.0"]],
      ["svc/go.mod", ["github.com/a/b@1.0.0", "stdlib@1.22"]],
      ["tools/go.sum", ["github.com/d/e@0.1.0"]],
    ]);
  });

  it("refuses a package-lock whose packages or dependencies are not objects, at the key, rather than read it as empty", async () => {
    for (const [text, line] of [['{\n  "lockfileVersion": 3,\n  "packages": "oops"\n}', 3], ['{\n  "lockfileVersion": 1,\n  "dependencies": [{"a": 1}]\n}', 3], ['{"lockfileVersion": 3, "packages": {}, "dependencies": null}', 1]] as const) {
      const { lockfiles: lfs, diagnostics } = await lockfiles({ "package-lock.json": text });
      assert.deepEqual(lfs, [], text);
      const d = diagnostics.find((x) => x.code === "parse-error");
      assert.match(d?.message ?? "", /is not an object/, text);
      assert.equal(d?.line, line, text);
    }
    // A lockfile of a project without dependencies still reads, as empty.
    assert.deepEqual(ids(await only("package-lock.json", '{"name": "x", "lockfileVersion": 3, "packages": {"": {"name": "x"}}}')), []);
  });

  it("makes a reading rule incomplete when a lockfile is malformed, and still reads the others", async () => {
    const dir = tmpDir({ "a/package-lock.json": "{ not json", "b/Cargo.lock": '[[package]]\nname = "x"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' });
    dirs.push(dir);
    const seen: string[] = [];
    const rule: Rule = {
      meta: { id: "test/lockfiles", title: "t", severity: "high", confidence: "high", check: "SAST", rationale: "r", remediation: "f", references: [], network: false, assessmentSection: "metadata" },
      async run(ctx) {
        for (const lf of await findLockfiles(ctx)) seen.push(...ids(lf));
      },
    };
    const a = await scan({ path: dir, policy: defaultPolicy(), rules: [rule], now: new Date("2026-06-01T00:00:00Z") });
    assert.deepEqual(seen, ["x@1.0.0"]);
    assert.equal(a.rules[0]?.outcome, "incomplete");
    const d = a.diagnostics.find((x) => x.code === "parse-error");
    assert.equal(d?.path, "a/package-lock.json");
    assert.equal(d?.line, 1);
  });
});

describe("npm lockfiles", () => {
  it("package-lock v3: leaves out the root and workspace links, keeps nested copies and workspace folders, follows aliases", async () => {
    const lf = await only("package-lock.json", JSON.stringify({
      name: "root", lockfileVersion: 3,
      packages: {
        "": { name: "root", workspaces: ["packages/*"], dependencies: { a: "^1", sw: "npm:string-width@4.2.0" }, devDependencies: { d: "1" } },
        "node_modules/a": { version: "1.0.0", resolved: "https://registry.npmjs.org/a/-/a-1.0.0.tgz", integrity: "sha512-aaa", license: "MIT", dependencies: { b: "^2" } },
        "node_modules/a/node_modules/b": { version: "2.0.0", dependencies: { c: "*" } },
        "node_modules/b": { version: "1.0.0" },
        "node_modules/c": { version: "3.0.0" },
        "node_modules/d": { version: "1.0.0", dev: true, dependencies: { c: "*" } },
        "node_modules/sw": { name: "string-width", version: "4.2.0" },
        "node_modules/@scope/w": { resolved: "packages/w", link: true },
        "packages/w": { name: "@scope/w", version: "0.1.0" },
        "node_modules/g": { version: "1.2.3", resolved: "git+ssh://git@github.com/o/g.git#0123456789abcdef0123456789abcdef01234567" },
      },
    }, null, 2));
    assert.deepEqual(ids(lf), ["@scope/w@0.1.0", "a@1.0.0", "b@1.0.0", "b@2.0.0", "c@3.0.0", "d@1.0.0", "g@1.2.3", "string-width@4.2.0"]);
    assert.equal(lf.format, "package-lock@3");
    const a = pkg(lf, "a");
    assert.deepEqual([a.direct, a.dev, a.line, a.source, a.hashes, a.license, a.purl], [true, false, 18, "registry", ["sha512-aaa"], "MIT", "pkg:npm/a@1.0.0"]);
    assert.deepEqual(pkg(lf, "c").path, ["a@1.0.0", "b@2.0.0", "c@3.0.0"]);
    assert.equal(pkg(lf, "c").dev, false);
    assert.deepEqual([pkg(lf, "d").direct, pkg(lf, "d").dev], [true, true]);
    assert.equal(pkg(lf, "g").source, "git");
    assert.equal(pkg(lf, "@scope/w").purl, "pkg:npm/%40scope/w@0.1.0");
    assert.equal(pkg(lf, "@scope/w").source, "path");
  });

  it("package-lock v1: nested dependencies, aliases, file and git versions", async () => {
    const lf = await only("package-lock.json", JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        a: { version: "1.0.0", dependencies: { b: { version: "2.0.0", dev: true } } },
        sw: { version: "npm:string-width@4.2.0" },
        local: { version: "file:../local" },
        g: { version: "github:o/g#0123456789abcdef0123456789abcdef01234567" },
      },
    }, null, 2));
    assert.deepEqual(ids(lf), ["a@1.0.0", "b@2.0.0", "g@", "local@", "string-width@4.2.0"]);
    assert.equal(pkg(lf, "b").dev, true);
    assert.equal(pkg(lf, "b").line, 7);
    assert.equal(pkg(lf, "local").source, "path");
    assert.equal(pkg(lf, "g").source, "git");
  });

  it("package-lock v1: a tarball dependency's URL is no version; a registry tarball names its own", async () => {
    const lf = await only("package-lock.json", JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        tarball: { version: "https://example.com/downloads/tarball-1.0.0.tgz", integrity: "sha512-a" },
        tar: { version: "https://registry.npmjs.org/tar/-/tar-6.2.0.tgz", integrity: "sha512-b" },
        "@s/a": { version: "https://registry.npmjs.org/@s/a/-/a-1.2.0.tgz?token=x" },
      },
    }, null, 2));
    assert.deepEqual(ids(lf), ["@s/a@1.2.0", "tar@6.2.0", "tarball@"]);
    assert.deepEqual([pkg(lf, "tarball").source, pkg(lf, "tar").source, pkg(lf, "@s/a").source], ["url", "registry", "registry"]);
  });

  it("yarn berry leaves out workspace and link entries and reads patched packages once", async () => {
    const lf = await only("yarn.lock", [
      "__metadata:", "  version: 8", "", '"app@workspace:.":', "  version: 0.0.0-use.local", '  resolution: "app@workspace:."', "  dependencies:", '    resolve: "npm:^1.22.0"', '    lnk: "link:./lnk"', "",
      '"lnk@link:./lnk::locator=app%40workspace%3A.":', "  version: 0.0.0-use.local", '  resolution: "lnk@link:./lnk::locator=app%40workspace%3A."', "",
      '"resolve@npm:^1.22.0":', "  version: 1.22.8", '  resolution: "resolve@npm:1.22.8"', "  checksum: 10c0/abc", "",
      '"resolve@patch:resolve@npm%3A^1.22.0#~builtin<compat/resolve>":', "  version: 1.22.8", '  resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"', "",
    ].join("\n"));
    assert.deepEqual(ids(lf), ["resolve@1.22.8"]);
    assert.deepEqual([pkg(lf, "resolve").line, pkg(lf, "resolve").direct, pkg(lf, "resolve").source], [15, true, "registry"]);
  });

  it("yarn berry leaves out portals (local folders, version 0.0.0-use.local) and takes their requirements as roots", async () => {
    const lf = await only("yarn.lock", [
      "__metadata:", "  version: 8", "", '"app@workspace:.":', "  version: 0.0.0-use.local", '  resolution: "app@workspace:."', "  dependencies:", '    tool: "portal:./tool"', "",
      '"tool@portal:./tool::locator=app%40workspace%3A.":', "  version: 0.0.0-use.local", '  resolution: "tool@portal:./tool::locator=app%40workspace%3A."', "  dependencies:", '    ms: "npm:^2.1.0"', "",
      '"ms@npm:^2.1.0":', "  version: 2.1.3", '  resolution: "ms@npm:2.1.3"', "",
    ].join("\n"));
    assert.deepEqual(ids(lf), ["ms@2.1.3"]);
    assert.equal(pkg(lf, "ms").direct, true);
  });

  it("yarn berry 2 and 3 (lockfile versions 4 to 6) link ranges written without the npm: protocol to their entries", async () => {
    const lf = await only("yarn.lock", readFileSync(new URL("../fixtures/lockfiles/yarn-berry/v6-bare-ranges/yarn.lock", import.meta.url), "utf8"));
    assert.deepEqual([pkg(lf, "debug").direct, pkg(lf, "typescript").direct, pkg(lf, "ms").direct], [true, true, false]);
    assert.deepEqual(pkg(lf, "ms").path, ["debug@4.3.4", "ms@2.1.2"]);
  });

  it("yarn v1 takes tarballs of cnpm mirrors (<name>/download/<name>-<version>.tgz) as the registry's, not a GitHub release download", async () => {
    const lf = await only("yarn.lock", [
      "# yarn lockfile v1", "", "lodash@^4.17.15:", '  version "4.17.20"',
      '  resolved "https://registry.npm.taobao.org/lodash/download/lodash-4.17.20.tgz?cache=0&sync_timestamp=1597336125316&other_urls=https%3A%2F%2Fregistry.npm.taobao.org%2Flodash%2Fdownload%2Flodash-4.17.20.tgz"', "",
      '"@babel/highlight@^7.10.4":', '  version "7.10.4"', '  resolved "https://registry.npm.taobao.org/@babel/highlight/download/@babel/highlight-7.10.4.tgz#7d1bdfd65753538fabe6c38596cdb76d9ac60143"', "",
      '"tool@https://github.com/acme/tool/releases/download/v1.0.0/tool-1.0.0.tgz":', '  version "1.0.0"', '  resolved "https://github.com/acme/tool/releases/download/v1.0.0/tool-1.0.0.tgz"', "",
    ].join("\n"));
    assert.deepEqual([pkg(lf, "lodash").source, pkg(lf, "@babel/highlight").source, pkg(lf, "tool").source], ["registry", "registry", "url"]);
  });

  it("yarn v1 reads quoted and bare descriptors, aliases and CRLF line endings", async () => {
    const lf = await only("yarn.lock", ['# yarn lockfile v1', '', '"@s/a@^1.0.0", "@s/a@^1.1.0":', '  version "1.2.0"', '  resolved "https://registry.yarnpkg.com/@s/a/-/a-1.2.0.tgz#0123456789abcdef0123456789abcdef01234567"', '  dependencies:', '    b "^2.0.0"', '', 'b@^2.0.0:', '  version "2.1.0"', '', '"x@npm:y@^3":', '  version "3.0.0"', ''].join("\r\n"));
    assert.deepEqual(ids(lf), ["@s/a@1.2.0", "b@2.1.0", "y@3.0.0"]);
    assert.deepEqual([pkg(lf, "@s/a").line, pkg(lf, "@s/a").source], [3, "registry"]);
  });

  it("yarn v1 learns direct, dev and paths from package.json and its workspaces", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "package.json": JSON.stringify({ workspaces: ["packages/*"], dependencies: { a: "^1.0.0" }, devDependencies: { t: "^3.0.0" } }),
      "packages/w/package.json": JSON.stringify({ name: "w", dependencies: { c: "^2.0.0" } }),
      "yarn.lock": "# yarn lockfile v1\n\na@^1.0.0:\n  version \"1.0.0\"\n  dependencies:\n    b \"^1.0.0\"\n\nb@^1.0.0:\n  version \"1.1.0\"\n\nc@^2.0.0:\n  version \"2.0.0\"\n\nt@^3.0.0:\n  version \"3.0.0\"\n  dependencies:\n    b \"^1.0.0\"\n",
    });
    const lf = lfs[0] as Lockfile;
    assert.deepEqual(lf.packages.map((p) => [p.name, p.direct, p.dev, p.path?.join(">")]), [
      ["a", true, false, "a@1.0.0"],
      ["b", false, false, "a@1.0.0>b@1.1.0"],
      ["c", true, false, "c@2.0.0"],
      ["t", true, true, "t@3.0.0"],
    ]);
  });

  it("pnpm strips peer suffixes (v6 and v9) and v5 underscores", async () => {
    const v6 = await only("pnpm-lock.yaml", "lockfileVersion: '6.0'\n\npackages:\n\n  /@scope/a@1.0.0(@types/node@18.0.0)(react@18.2.0):\n    resolution: {integrity: sha512-x}\n    dev: false\n\n  /b@2.0.0:\n    resolution: {integrity: sha512-y}\n    dev: true\n");
    assert.deepEqual(ids(v6), ["@scope/a@1.0.0", "b@2.0.0"]);
    assert.deepEqual([pkg(v6, "@scope/a").line, pkg(v6, "b").dev], [5, true]);
    const v5 = await only("pnpm-lock.yaml", "lockfileVersion: 5.4\n\npackages:\n\n  /@scope/a/1.0.0_react@18.2.0:\n    resolution: {integrity: sha512-x}\n\n  github.com/o/r/0123abc:\n    resolution: {tarball: https://codeload.github.com/o/r/tar.gz/0123abc}\n    name: r\n    version: 0.5.0\n");
    assert.deepEqual(ids(v5), ["@scope/a@1.0.0", "r@0.5.0"]);
    assert.equal(pkg(v5, "r").source, "git");
    const v9 = await only("pnpm-lock.yaml", "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0(react@18.2.0)\n    devDependencies:\n      react:\n        specifier: ^18\n        version: 18.2.0\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: sha512-a}\n\n  react@18.2.0:\n    resolution: {integrity: sha512-r}\n\nsnapshots:\n\n  a@1.0.0(react@18.2.0):\n    dependencies:\n      react: 18.2.0\n\n  react@18.2.0: {}\n");
    assert.deepEqual(ids(v9), ["a@1.0.0", "react@18.2.0"]);
    assert.deepEqual([pkg(v9, "react").dev, pkg(v9, "react").direct, pkg(v9, "a").direct], [false, true, true]);
  });

  it("pnpm v9 links importers and snapshots to git, tarball and directory dependencies keyed name@resolution", async () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const tar = `https://codeload.github.com/o/g/tar.gz/${sha}`;
    const lf = await only("pnpm-lock.yaml", [
      "lockfileVersion: '9.0'", "", "importers:", "", "  .:", "    dependencies:", "      g:", `        specifier: github:o/g#${sha}`, `        version: ${tar}`,
      "    devDependencies:", "      loc:", "        specifier: file:../loc", "        version: file:../loc", "", "packages:", "",
      `  g@${tar}:`, `    resolution: {tarball: ${tar}}`, "    version: 1.0.0", "",
      "  loc@file:../loc:", "    resolution: {directory: ../loc, type: directory}", "    version: 0.1.0", "",
      "  ms@2.1.3:", "    resolution: {integrity: sha512-m}", "", "snapshots:", "", `  g@${tar}:`, "    dependencies:", "      ms: 2.1.3", "", "  loc@file:../loc: {}", "", "  ms@2.1.3: {}", "",
    ].join("\n"));
    assert.deepEqual(ids(lf), ["g@1.0.0", "loc@0.1.0", "ms@2.1.3"]);
    assert.deepEqual(lf.packages.map((p) => [p.name, p.direct, p.dev, p.source, p.path?.join(">")]), [
      ["g", true, false, "git", "g@1.0.0"],
      ["loc", true, true, "path", "loc@0.1.0"],
      ["ms", false, false, "registry", "g@1.0.0>ms@2.1.3"],
    ]);
  });

  it("pnpm 11+ two-document lockfile: the env document's packages are dev tools, the project's read as usual, lines in the file", async () => {
    const lf = await only("pnpm-lock.yaml", [
      "---", "lockfileVersion: '9.0'", "", "importers:", "", "  .:", "    configDependencies: {}", "    packageManagerDependencies:", "      pnpm:", "        specifier: 11.0.0", "        version: 11.0.0", "",
      "packages:", "", "  pnpm@11.0.0:", "    resolution: {integrity: sha512-p}", "", "snapshots:", "", "  pnpm@11.0.0: {}", "",
      "---", "lockfileVersion: '9.0'", "", "importers:", "", "  .:", "    dependencies:", "      ms:", "        specifier: ^2.1.3", "        version: 2.1.3", "",
      "packages:", "", "  ms@2.1.3:", "    resolution: {integrity: sha512-m}", "", "snapshots:", "", "  ms@2.1.3: {}", "",
    ].join("\n"));
    assert.equal(lf.format, "pnpm@9.0");
    assert.deepEqual(lf.packages.map((p) => [p.name, p.version, p.line, p.direct, p.dev]), [
      ["pnpm", "11.0.0", 15, true, true],
      ["ms", "2.1.3", 35, true, false],
    ]);
    const { diagnostics } = await lockfiles({ "pnpm-lock.yaml": "---\nlockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\npackages:\n  a@1.0.0: [\n" });
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line]), [["pnpm-lock.yaml", 7]]);
  });

  it("bun.lock skips workspace members and resolves nested copies", async () => {
    const lf = await only("bun.lock", '{\n  "lockfileVersion": 1,\n  "workspaces": { "": { "name": "app", "dependencies": { "a": "1" } } },\n  "packages": {\n    "a": ["a@1.0.0", "", { "dependencies": { "b": "2" } }, "sha512-a"],\n    "a/b": ["b@2.0.0", "", {}, "sha512-b"],\n    "b": ["b@1.0.0", "", {}, "sha512-c"],\n    "w": ["w@workspace:packages/w"],\n    "g": ["g@github:o/g#abc123", {}, "o-g-abc123"],\n  },\n}\n');
    assert.deepEqual(ids(lf), ["a@1.0.0", "b@1.0.0", "b@2.0.0", "g@"]);
    assert.deepEqual(pkg(lf, "b", "2.0.0").path, ["a@1.0.0", "b@2.0.0"]);
    assert.equal(pkg(lf, "b", "1.0.0").path, undefined);
  });

  it("bun.lock reads a registry tarball's version from its file name; another URL is no version", async () => {
    const lf = await only("bun.lock", '{\n  "lockfileVersion": 1,\n  "packages": {\n    "tar": ["tar@https://registry.npmjs.org/tar/-/tar-6.2.0.tgz", {}],\n    "other": ["other@https://example.com/downloads/other-1.0.0.tgz", {}],\n  },\n}\n');
    assert.deepEqual(ids(lf), ["other@", "tar@6.2.0"]);
    assert.deepEqual([pkg(lf, "tar").source, pkg(lf, "other").source], ["registry", "url"]);
  });
});

describe("other ecosystems", () => {
  it("Cargo.lock leaves out path crates and finds the workspace's direct dependencies", async () => {
    const lf = await only("Cargo.lock", 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["serde"]\n\n[[package]]\nname = "serde"\nversion = "1.0.190"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "91d3c334ca1ee894a2c6f6ad698fe8c435b76d504b13d436f0685d648d6d96f7"\ndependencies = [\n "serde_derive 1.0.190",\n]\n\n[[package]]\nname = "serde_derive"\nversion = "1.0.190"\nsource = "git+https://github.com/serde-rs/serde?rev=1#0123"\n');
    assert.deepEqual(ids(lf), ["serde@1.0.190", "serde_derive@1.0.190"]);
    assert.deepEqual([pkg(lf, "serde").line, pkg(lf, "serde").direct, pkg(lf, "serde_derive").direct, pkg(lf, "serde_derive").source], [8, true, false, "git"]);
    assert.deepEqual(pkg(lf, "serde").hashes, ["sha256:91d3c334ca1ee894a2c6f6ad698fe8c435b76d504b13d436f0685d648d6d96f7"]);
  });

  it("Cargo.lock: a crate at one version from both a git fork and crates.io stays a registry package", async () => {
    // Cargo sorts same-name, same-version crates by source (`git+…` before `registry+…`) and names
    // each in a dependency list as `name version (source)`.
    const git = "git+https://github.com/acme/foo?branch=fix#0123456789abcdef0123456789abcdef01234567";
    const registry = "registry+https://github.com/rust-lang/crates.io-index";
    const lf = await only("Cargo.lock", `version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "bar",\n "foo 1.0.0 (${git})",\n]\n\n[[package]]\nname = "bar"\nversion = "0.1.0"\nsource = "${registry}"\ndependencies = [\n "foo 1.0.0 (${registry})",\n]\n\n[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "${git}"\n\n[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "${registry}"\n`);
    assert.deepEqual(ids(lf), ["bar@0.1.0", "foo@1.0.0"]);
    assert.equal(pkg(lf, "foo").source, "registry");
    assert.equal(pkg(lf, "foo").vcsUrl, undefined, "the fork's repository link is not the registry package's");
  });

  it("go.mod: replace with and without versions, local replacements, the toolchain as stdlib", async () => {
    const lf = await only("go.mod", "module m\n\ngo 1.21\ntoolchain go1.21.5\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/a/b v1.1.0 // indirect\n\tgithub.com/c/d v0.1.0\n)\n\nreplace github.com/a/b v1.0.0 => github.com/fork/b v1.0.1\nreplace github.com/c/d => ./d\n");
    assert.deepEqual(ids(lf), ["github.com/a/b@1.1.0", "github.com/c/d@", "github.com/fork/b@1.0.1", "stdlib@1.21.5"]);
    assert.deepEqual([pkg(lf, "github.com/a/b").direct, pkg(lf, "github.com/fork/b").direct, pkg(lf, "github.com/c/d").source], [false, true, "path"]);
    assert.equal(pkg(lf, "github.com/fork/b").purl, "pkg:golang/github.com/fork/b@v1.0.1");
    // The local folder stands in for the module: its path, no version, never `./d` as a name.
    assert.equal(pkg(lf, "github.com/c/d").purl, "pkg:golang/github.com/c/d");
  });

  it("Gemfile.lock: a platform gem is its version, one package however many platforms, with a plain purl as osv-scanner gives", async () => {
    const text = "GEM\n  remote: https://rubygems.org/\n  specs:\n    ffi (1.16.3)\n    ffi (1.16.3-x86_64-linux-gnu)\n    jruby-openssl (0.14.2-java)\n    nokogiri (1.16.0-arm64-darwin)\n      racc (~> 1.4)\n    nokogiri (1.16.0-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.3)\n    sqlite3 (1.7.0-x86_64-darwin)\n\nPLATFORMS\n  arm64-darwin\n  java\n  x86_64-linux\n\nDEPENDENCIES\n  jruby-openssl\n  nokogiri\n  sqlite3\n\nCHECKSUMS\n  nokogiri (1.16.0-arm64-darwin) sha256=aa11\n  nokogiri (1.16.0-x86_64-linux) sha256=bb22\n  racc (1.7.3) sha256=cc33,sha512=dd44\n\nBUNDLED WITH\n   2.5.4\n";
    const lf = await only("Gemfile.lock", text);
    assert.deepEqual(ids(lf), ["ffi@1.16.3", "jruby-openssl@0.14.2", "nokogiri@1.16.0", "racc@1.7.3", "sqlite3@1.7.0"]);
    assert.deepEqual(
      ["ffi", "jruby-openssl", "nokogiri", "racc", "sqlite3"].map((n) => pkg(lf, n).purl),
      ["pkg:gem/ffi@1.16.3", "pkg:gem/jruby-openssl@0.14.2", "pkg:gem/nokogiri@1.16.0", "pkg:gem/racc@1.7.3", "pkg:gem/sqlite3@1.7.0"],
    );
    assert.deepEqual([pkg(lf, "nokogiri").line, pkg(lf, "nokogiri").direct, pkg(lf, "racc").direct, pkg(lf, "ffi").direct], [7, true, false, false]);
    assert.deepEqual(pkg(lf, "nokogiri").hashes, ["sha256:aa11", "sha256:bb22"]);
    assert.deepEqual(pkg(lf, "racc").hashes, ["sha256:cc33", "sha512:dd44"]);
    assert.equal(pkg(lf, "racc").path?.join(" > "), "nokogiri@1.16.0 > racc@1.7.3");
  });

  it("uv.lock: a name locked at two versions (split by markers) links each version through its own references", async () => {
    const text = [
      'version = 1\nrevision = 3\nrequires-python = ">=3.10"\nresolution-markers = [\n    "python_full_version >= \'3.12\'",\n    "python_full_version < \'3.12\'",\n]\n',
      '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "django", version = "4.2.20", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < \'3.12\'" },\n    { name = "django", version = "5.2.1", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= \'3.12\'" },\n]\n\n[package.dev-dependencies]\ndev = [\n    { name = "pytest" },\n]\n',
      '[[package]]\nname = "asgiref"\nversion = "3.8.1"\nsource = { registry = "https://pypi.org/simple" }\n',
      '[[package]]\nname = "django"\nversion = "4.2.20"\nsource = { registry = "https://pypi.org/simple" }\nresolution-markers = [\n    "python_full_version < \'3.12\'",\n]\ndependencies = [\n    { name = "asgiref" },\n]\n',
      '[[package]]\nname = "django"\nversion = "5.2.1"\nsource = { registry = "https://pypi.org/simple" }\nresolution-markers = [\n    "python_full_version >= \'3.12\'",\n]\ndependencies = [\n    { name = "asgiref" },\n]\n',
      '[[package]]\nname = "pytest"\nversion = "8.3.5"\nsource = { registry = "https://pypi.org/simple" }\n',
    ].join("\n");
    const lf = await only("uv.lock", text);
    assert.deepEqual(ids(lf), ["app@0.1.0", "asgiref@3.8.1", "django@4.2.20", "django@5.2.1", "pytest@8.3.5"]);
    assert.deepEqual(
      [pkg(lf, "django", "4.2.20"), pkg(lf, "django", "5.2.1"), pkg(lf, "asgiref"), pkg(lf, "pytest")].map((p) => [p.direct, p.dev]),
      [[true, false], [true, false], [false, false], [true, true]],
    );
    assert.deepEqual(pkg(lf, "asgiref").path, ["django@4.2.20", "asgiref@3.8.1"]);
  });

  it("uv.lock: PEP 735 dependency groups (uv's [package.dependency-groups]) are development roots, as dev-dependencies are", async () => {
    const text = [
      'version = 1\nrevision = 2\nrequires-python = ">=3.12"\n',
      '[[package]]\nname = "template"\nversion = "0.1.0"\nsource = { virtual = "." }\n\n[package.dev-dependencies]\n\n[package.dependency-groups]\ndev = [\n    { name = "pytest" },\n]\ndocs = [\n    { name = "mkdocs" },\n]\n\n[package.metadata]\n\n[package.metadata.requires-dev]\ndev = [{ name = "pytest", specifier = ">=8" }]\n',
      '[[package]]\nname = "iniconfig"\nversion = "2.0.0"\nsource = { registry = "https://pypi.org/simple" }\n',
      '[[package]]\nname = "mkdocs"\nversion = "1.6.1"\nsource = { registry = "https://pypi.org/simple" }\n',
      '[[package]]\nname = "pytest"\nversion = "8.3.5"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "iniconfig" },\n]\n',
    ].join("\n");
    const lf = await only("uv.lock", text);
    assert.deepEqual(ids(lf), ["iniconfig@2.0.0", "mkdocs@1.6.1", "pytest@8.3.5"]);
    assert.deepEqual(["pytest", "mkdocs", "iniconfig"].map((n) => [pkg(lf, n).direct, pkg(lf, n).dev]), [[true, true], [true, true], [false, true]]);
    assert.deepEqual(pkg(lf, "iniconfig").path, ["pytest@8.3.5", "iniconfig@2.0.0"]);
  });

  it("gradle.lockfile: only compile and runtime classpaths ship; tests' and build tools' (checkstyle, jacoco) modules are for development", async () => {
    const text = readFileSync(new URL("../fixtures/lockfiles/gradle-lockfile/basic/gradle.lockfile", import.meta.url), "utf8");
    const lf = await only("gradle.lockfile", text);
    assert.deepEqual(
      ["com.google.code.gson:gson", "org.apache.commons:commons-lang3", "com.google.guava:guava", "junit:junit", "com.puppycrawl.tools:checkstyle", "org.jacoco:org.jacoco.agent"].map((n) => pkg(lf, n).dev),
      [false, false, false, true, true, true],
    );
  });

  it("conan.lock 0.2/0.3: the consumer's requires and build_requires map references to node ids", async () => {
    const text = readFileSync(new URL("../fixtures/lockfiles/conan-lock/v1-requires-map/conan.lock", import.meta.url), "utf8");
    const lf = await only("conan.lock", text);
    assert.deepEqual(["openssl", "zlib", "cmake"].map((n) => pkg(lf, n).direct), [true, false, true]);
  });

  it("requirements.txt: pins, hashes, unpinned lines, includes with a cycle, constraints", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "requirements.txt": "-r requirements-dev.txt\n-c constraints.txt\nDjango==4.2 --hash=sha256:abcd\nrequests>=2\nidna\nSix == 1.16.0 ; python_version < '3'\n",
      "requirements-dev.txt": "-r requirements.txt\npytest==8.0.0\n",
      "constraints.txt": "idna==3.6\n",
    });
    const root = lfs.find((l) => l.path === "requirements.txt") as Lockfile;
    assert.deepEqual(ids(root), ["django@4.2", "idna@3.6", "pytest@8.0.0", "six@1.16.0"]);
    assert.deepEqual(root.unpinned, [{ name: "requests", spec: ">=2", line: 4 }]);
    assert.deepEqual(pkg(root, "django").hashes, ["sha256:abcd"]);
    assert.deepEqual([pkg(root, "idna").lockfile, pkg(root, "idna").line], ["constraints.txt", 1]);
    assert.deepEqual([pkg(root, "pytest").lockfile, pkg(root, "pytest").line], ["requirements-dev.txt", 2]);
  });

  it("pom.xml interpolates properties and fills versions from dependencyManagement", async () => {
    const lf = await only("pom.xml", '<project><groupId>g</groupId><artifactId>a</artifactId><version>2.0</version>\n<properties><v>1.2.3</v></properties>\n<dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>${v}</version></dependency></dependencies></dependencyManagement>\n<dependencies>\n<dependency><groupId>x</groupId><artifactId>y</artifactId></dependency>\n<dependency><groupId>${project.groupId}</groupId><artifactId>sib</artifactId><version>${project.version}</version><scope>test</scope></dependency>\n</dependencies></project>\n');
    assert.deepEqual(ids(lf), ["g:sib@2.0", "x:y@1.2.3"]);
    assert.deepEqual([pkg(lf, "x:y").line, pkg(lf, "g:sib").dev, pkg(lf, "x:y").purl], [5, true, "pkg:maven/x/y@1.2.3"]);
  });
});

describe("Maven profiles", () => {
  it("pom.xml reads a parent's default profile (activeByDefault in any case) through the chain, not a profile a property activates", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "pom.xml": "<project><groupId>g</groupId><artifactId>parent</artifactId><version>1</version>\n<profiles><profile><id>d</id><activation><activeByDefault> TRUE </activeByDefault></activation>\n<properties><pg.version>42.7.3</pg.version></properties>\n<dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>${pg.version}</version></dependency></dependencies></profile>\n<profile><id>h2</id><activation><property><name>h2</name></property></activation><dependencies><dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId><version>2.1.210</version></dependency></dependencies></profile></profiles></project>\n",
      "svc/pom.xml": "<project><parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent><artifactId>svc</artifactId>\n<dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>${pg.version}</version></dependency></dependencies></project>\n",
    });
    const svc = lfs.find((l) => l.path === "svc/pom.xml") as Lockfile;
    assert.deepEqual(ids(svc), ["org.postgresql:postgresql@42.7.3", "x:y@42.7.3"]);
    assert.deepEqual([pkg(svc, "org.postgresql:postgresql").lockfile, pkg(svc, "org.postgresql:postgresql").line], ["pom.xml", 4]);
  });
});

describe(".NET and Swift", () => {
  it("packages.config: every package, versions as written, developmentDependency as dev", async () => {
    const lf = await only("packages.config", '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n  <package id="Newtonsoft.Json" version="12.0.1" targetFramework="net472" />\n  <package id="Microsoft.Net.Compilers" version="2.10.0.0" developmentDependency="true" />\n  <package id="Solo" version="1.0" />\n</packages>\n');
    assert.deepEqual(ids(lf), ["Microsoft.Net.Compilers@2.10.0.0", "Newtonsoft.Json@12.0.1", "Solo@1.0"]);
    assert.deepEqual([pkg(lf, "Newtonsoft.Json").line, pkg(lf, "Newtonsoft.Json").dev, pkg(lf, "Microsoft.Net.Compilers").dev], [3, false, true]);
    assert.equal(pkg(lf, "Newtonsoft.Json").purl, "pkg:nuget/Newtonsoft.Json@12.0.1");
    assert.equal(pkg(lf, "Solo").purl, "pkg:nuget/Solo@1.0");
  });

  it("a project file reads central versions, overrides, properties and PrivateAssets, and reports ranges as unpinned", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "Directory.Build.props": "<Project><PropertyGroup><JsonVersion>13.0.1</JsonVersion></PropertyGroup></Project>\n",
      "Directory.Packages.props": '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Newtonsoft.Json" Version="$(JsonVersion)" />\n    <PackageVersion Include="Polly" Version="[1.0,2.0)" />\n    <PackageVersion Include="xunit" Version="2.6.1" />\n  </ItemGroup>\n</Project>\n',
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="newtonsoft.json" />\n    <PackageReference Include="Polly" />\n    <PackageReference Include="xunit" PrivateAssets="All" />\n    <PackageReference Include="System.Text.Json" VersionOverride="8.0.4" />\n  </ItemGroup>\n</Project>\n',
    });
    assert.equal(lfs.length, 1);
    const lf = lfs[0] as Lockfile;
    assert.deepEqual(ids(lf), ["System.Text.Json@8.0.4", "newtonsoft.json@13.0.1", "xunit@2.6.1"]);
    assert.deepEqual([pkg(lf, "newtonsoft.json").line, pkg(lf, "newtonsoft.json").direct, pkg(lf, "newtonsoft.json").dev, pkg(lf, "xunit").dev], [3, true, false, true]);
    assert.deepEqual(lf.unpinned, [{ name: "Polly", spec: "[1.0,2.0)", line: 4, path: "Directory.Packages.props" }], "a loose central version is reported where it is written");
  });

  it("a project file sees a property's final value, even one defined after the item that uses it (items are evaluated after properties)", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "Directory.Packages.props": '<Project>\n  <ItemGroup>\n    <PackageVersion Include="Microsoft.AspNetCore.Owin" Version="$(AspNetVersion)" />\n  </ItemGroup>\n  <!-- <PropertyGroup><AspNetVersion>7.0.0</AspNetVersion></PropertyGroup> -->\n  <PropertyGroup>\n    <AspNetVersion>8.0.8</AspNetVersion>\n  </PropertyGroup>\n</Project>\n',
      "App.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.AspNetCore.Owin" /></ItemGroup></Project>',
    });
    assert.deepEqual(lfs.map(ids), [["Microsoft.AspNetCore.Owin@8.0.8"]]);
  });

  it("a project gets the references of Directory.Build.props, .targets and global references, each once, at the line that writes it", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "Directory.Build.props": '<Project>\n  <ItemGroup>\n    <PackageReference Include="Polly" />\n    <PackageReference Include="Serilog" Version="3.1.1" />\n  </ItemGroup>\n</Project>\n',
      "Directory.Packages.props": '<Project>\n  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>\n  <ItemGroup>\n    <PackageVersion Include="Polly" Version="8.2.0" />\n    <PackageVersion Include="Dapper" Version="2.*" />\n    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />\n  </ItemGroup>\n</Project>\n',
      "Directory.Build.targets": '<Project>\n  <ItemGroup>\n    <PackageReference Include="Dapper" />\n  </ItemGroup>\n</Project>\n',
      "a/A.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Serilog" />\n  </ItemGroup>\n</Project>\n',
      "b/B.csproj": '<Project Sdk="Microsoft.NET.Sdk" />\n',
    });
    assert.deepEqual(lfs.map((l) => [l.path, ids(l), l.unpinned.map((u) => `${u.name} ${u.spec} ${u.path ?? l.path}:${u.line}`)]), [
      ["a/A.csproj", ["Nerdbank.GitVersioning@3.6.133", "Polly@8.2.0", "Serilog@3.1.1"], ["Dapper 2.* Directory.Packages.props:5"]],
      ["b/B.csproj", ["Nerdbank.GitVersioning@3.6.133", "Polly@8.2.0", "Serilog@3.1.1"], ["Dapper 2.* Directory.Packages.props:5"]],
    ]);
    const a = lfs[0] as Lockfile;
    // Serilog, included by the props and again by the project, is the props' reference (evaluated first).
    assert.deepEqual([pkg(a, "Serilog").lockfile, pkg(a, "Serilog").line, pkg(a, "Polly").lockfile, pkg(a, "Polly").line], ["Directory.Build.props", 4, "Directory.Build.props", 3]);
    assert.deepEqual([pkg(a, "Nerdbank.GitVersioning").lockfile, pkg(a, "Nerdbank.GitVersioning").dev, pkg(a, "Polly").dev, pkg(a, "Polly").direct], ["Directory.Packages.props", true, false, true]);
  });

  it("a packages.lock.json beside a project file is read instead of it", async () => {
    const { lockfiles: lfs } = await lockfiles({
      "App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" Version="3.*" /></ItemGroup></Project>',
      "packages.lock.json": JSON.stringify({ version: 1, dependencies: { "net8.0": { Serilog: { type: "Direct", requested: "[3.*, )", resolved: "3.1.1" } } } }),
    });
    assert.deepEqual(lfs.map((l) => [l.path, ids(l), l.unpinned.length]), [["packages.lock.json", ["Serilog@3.1.1"], 0]]);
  });

  it("*.deps.json: package libraries, the projects' dependencies as direct, paths through the targets", async () => {
    const deps = {
      targets: { ".NETCoreApp,Version=v8.0": { "App/1.0.0": { dependencies: { "Serilog.AspNetCore": "8.0.0" } }, "Serilog.AspNetCore/8.0.0": { dependencies: { Serilog: "3.1.1" } }, "Serilog/3.1.1": {} } },
      libraries: { "App/1.0.0": { type: "project", sha512: "" }, "Serilog.AspNetCore/8.0.0": { type: "package", sha512: "sha512-abc=" }, "Serilog/3.1.1": { type: "package" }, "Odd/1.0/x": { type: "package" } },
    };
    const lf = await only("bin/App.deps.json", JSON.stringify(deps, null, 2));
    assert.deepEqual(ids(lf), ["Serilog.AspNetCore@8.0.0", "Serilog@3.1.1"]);
    assert.deepEqual([pkg(lf, "Serilog.AspNetCore").direct, pkg(lf, "Serilog").direct, pkg(lf, "Serilog").path], [true, false, ["Serilog.AspNetCore@8.0.0", "Serilog@3.1.1"]]);
    assert.deepEqual(pkg(lf, "Serilog.AspNetCore").hashes, ["sha512-abc="]);
    assert.equal(pkg(lf, "Serilog").line, 26);
  });

  it("Package.resolved: repository URLs as SwiftURL names, tags as versions, branch pins as git", async () => {
    const v2 = { pins: [
      { identity: "swift-nio", kind: "remoteSourceControl", location: "https://github.com/apple/swift-nio.git", state: { revision: "a".repeat(40), version: "2.62.0" } },
      { identity: "alamofire", kind: "remoteSourceControl", location: "git@github.com:Alamofire/Alamofire.git", state: { revision: "b".repeat(40), version: "5.8.1" } },
      { identity: "swift-log", kind: "remoteSourceControl", location: "https://github.com/apple/swift-log", state: { branch: "main", revision: "c".repeat(40) } },
      { identity: "local", kind: "localSourceControl", location: "/Users/dev/local", state: { revision: "d".repeat(40) } },
    ], version: 2 };
    const lf = await only("Package.resolved", JSON.stringify(v2, null, 2));
    assert.equal(lf.ecosystem, "SwiftURL");
    assert.deepEqual(ids(lf), ["github.com/Alamofire/Alamofire@5.8.1", "github.com/apple/swift-log@", "github.com/apple/swift-nio@2.62.0", "local@"]);
    const nio = pkg(lf, "github.com/apple/swift-nio");
    assert.deepEqual([nio.line, nio.source, nio.purl], [3, "registry", "pkg:swift/github.com/apple/swift-nio@2.62.0"]);
    assert.deepEqual([pkg(lf, "github.com/apple/swift-log").source, pkg(lf, "local").source], ["git", "path"]);
    const v1 = await only("Package.resolved", JSON.stringify({ object: { pins: [{ package: "swift-nio", repositoryURL: "https://github.com/apple/swift-nio.git", state: { branch: null, revision: "a".repeat(40), version: "2.40.0" } }] }, version: 1 }, null, 2));
    assert.deepEqual([ids(v1), v1.format, pkg(v1, "github.com/apple/swift-nio").line], [["github.com/apple/swift-nio@2.40.0"], "Package.resolved@1", 4]);
  });
});

describe("hostile input", () => {
  it("refuses an XML entity bomb and external entities with a position", async () => {
    const { lockfiles: lfs, diagnostics } = await lockfiles({ "pom.xml": '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<project/>\n' });
    assert.equal(lfs.length, 0);
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line]), [["pom.xml", 2]]);
  });

  it("refuses nesting that would exhaust a parser, in JSON and YAML lockfiles", async () => {
    const { diagnostics } = await lockfiles({
      "package-lock.json": `{"packages": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      "pnpm-lock.yaml": `packages: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
    });
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => d.path).sort(), ["package-lock.json", "pnpm-lock.yaml"]);
  });

  it("refuses a YAML alias bomb in a pnpm lockfile", async () => {
    const lines = ["lockfileVersion: '6.0'", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => (i === 1 ? "*a" : `*l${i - 1}`)).join(", ")}]`);
    lines.push("packages: {p: {dependencies: *l8}}");
    const { diagnostics } = await lockfiles({ "pnpm-lock.yaml": `${lines.join("\n")}\n` });
    assert.match(diagnostics.find((d) => d.code === "parse-error")?.message ?? "", /alias bomb/);
  });

  it("reads giant lines and adversarial requirement text in linear time", async () => {
    const long = "a".repeat(2_000_000);
    const { lockfiles: lfs } = await lockfiles({
      "requirements.txt": `${long}==1.0\n${" ".repeat(500_000)}#${"-".repeat(500_000)}\nx${" ".repeat(200_000)}--hash=${"sha256:".repeat(50_000)}\n`,
      "yarn.lock": `# yarn lockfile v1\n\n"${"@".repeat(1_000_000)}":\n  version "1"\n`,
      "go.mod": `module m\n\nrequire example.com/${"a".repeat(1_000_000)} v1.0.0 //${"/".repeat(1_000_000)}\n`,
    });
    assert.equal(lfs.length, 3);
  });

  it("bounds MSBuild property expansion (a value that doubles at each definition) and the files one project reads", async () => {
    const doubling = Array.from({ length: 64 }, () => "<A>$(A)$(A)</A>").join("");
    const lf = await only("App.csproj", `<Project><PropertyGroup><A>1.0.0</A>${doubling}</PropertyGroup><ItemGroup><PackageReference Include="X" Version="$(A)" /></ItemGroup></Project>`);
    assert.deepEqual([ids(lf), lf.unpinned.map((u) => u.spec)], [[], ["$(A)"]]);
  });

  it("reads Visual Studio's XML: a BOM, Windows line endings, the MSBuild namespace", async () => {
    const config = await only("packages.config", '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<packages>\r\n  <package id="Newtonsoft.Json" version="12.0.1" targetFramework="net472" />\r\n</packages>');
    assert.deepEqual([ids(config), pkg(config, "Newtonsoft.Json").line], [["Newtonsoft.Json@12.0.1"], 3]);
    const project = await only("Old.csproj", '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\r\n  <ItemGroup>\r\n    <PackageReference Include="Serilog">\r\n      <Version>3.1.1</Version>\r\n    </PackageReference>\r\n  </ItemGroup>\r\n</Project>\r\n');
    assert.deepEqual([ids(project), pkg(project, "Serilog").line], [["Serilog@3.1.1"], 4]);
  });

  it("reads a BOM and Windows line endings", async () => {
    const lf = await only("Gemfile.lock", "\uFEFFGEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rack (3.0.8)\r\n\r\nDEPENDENCIES\r\n  rack\r\n");
    assert.deepEqual(ids(lf), ["rack@3.0.8"]);
    assert.deepEqual([pkg(lf, "rack").line, pkg(lf, "rack").direct], [4, true]);
  });

  it("packrat.lock: CRAN records only, at their Package line; a record line that is no field is one diagnostic at its line", async () => {
    const lf = await only("packrat/packrat.lock", "PackratFormat: 1.4\nRVersion: 4.2.3\n\nPackage: BH\nSource: CRAN\nVersion: 1.81.0-1\n\nPackage: gh\nSource: github\nVersion: 0.1.0\n\nPackage: readr\nSource: CRAN\nVersion: 2.1.4\nRequires: R6,\n    vroom\n");
    assert.deepEqual(ids(lf), ["BH@1.81.0-1", "readr@2.1.4"]);
    assert.deepEqual([pkg(lf, "BH").line, pkg(lf, "readr").line, pkg(lf, "BH").purl], [4, 12, "pkg:cran/BH@1.81.0-1"]);
    const { lockfiles: lfs, diagnostics } = await lockfiles({ "packrat/packrat.lock": "PackratFormat: 1.4\n\nPackage: BH\n<<<<<<< HEAD\nVersion: 1.81.0-1\n" });
    assert.equal(lfs.length, 0);
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line]), [["packrat/packrat.lock", 4]]);
  });

  it("rebar.lock: Hex packages by their Hex name, level 0 direct, git ones without a version; the older bare list too; a truncated file is one diagnostic", async () => {
    const lf = await only("rebar.lock", '%% generated\r\n[{<<"cowboy">>,{pkg,<<"cowboy">>,<<"1.0.4">>},0},\r\n {<<"mylib">>,{pkg,<<"hex_mylib">>,<<"0.3.0">>,<<"ABCD">>},1},\r\n {<<"dep">>,{git,"https://github.com/o/dep.git",{ref,"0123456789abcdef0123456789abcdef01234567"}},0}].\r\n');
    assert.deepEqual(ids(lf), ["cowboy@1.0.4", "dep@", "hex_mylib@0.3.0"]);
    assert.deepEqual([pkg(lf, "cowboy").direct, pkg(lf, "hex_mylib").direct, pkg(lf, "hex_mylib").line, pkg(lf, "dep").source], [true, false, 3, "git"]);
    assert.equal(pkg(lf, "dep").vcsUrl, "git+https://github.com/o/dep.git@0123456789abcdef0123456789abcdef01234567");
    const { lockfiles: lfs, diagnostics } = await lockfiles({ "rebar.lock": '{"1.2.0",\n[{<<"cowboy">>,{pkg,<<"cowboy">>,<<"2.10.0">>},0},\n {<<"cowlib">>,{pkg,<<"cow' });
    assert.equal(lfs.length, 0);
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line]), [["rebar.lock", 3]]);
  });

  it("a Gemfile.lock, mix.lock or gradle.lockfile cut short is one diagnostic at the cut, not a shorter package list", async () => {
    const { lockfiles: lfs, diagnostics } = await lockfiles({
      "a/Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n    rails (7.1",
      "b/mix.lock": '%{\n  "plug": {:hex, :plug, "1.14.0", "0123abcd", [:mix], [], "hexpm", "4567ef89"},\n  "jason": {:hex, :jason, "1.4.1", "af1504e3',
      "c/Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rack\n",
      "d/gradle.lockfile": "# This is a Gradle generated file for dependency locking.\r\ncom.google.code.gson:gson:2.10.1=compileClasspath,runtimeClasspath\r\norg.apache.logging.log4j:log4j-co",
    });
    assert.deepEqual(lfs.map((l) => [l.path, ids(l)]), [["c/Gemfile.lock", ["rack@3.0.8"]]]);
    assert.deepEqual(diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.path, d.line]), [["a/Gemfile.lock", 5], ["b/mix.lock", 3], ["d/gradle.lockfile", 3]]);
  });

  it("reads a mix.lock with Windows line endings", async () => {
    const lf = await only("mix.lock", '%{\r\n  "plug": {:hex, :plug, "1.14.0", "0123abcd", [:mix], [], "hexpm", "4567ef89"},\r\n  "dep": {:git, "https://github.com/o/dep.git", "0123456789abcdef0123456789abcdef01234567", []},\r\n}\r\n');
    assert.deepEqual(ids(lf), ["dep@", "plug@1.14.0"]);
    assert.deepEqual([pkg(lf, "plug").line, pkg(lf, "dep").source], [2, "git"]);
  });

  it("does not read a lockfile over the size cap, and says so", async () => {
    const dir = tmpDir({ "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`node_modules/p${i}`, { version: "1.0.0" }])) }), "Cargo.lock": "version = 3\n" });
    dirs.push(dir);
    const ws = await Workspace.open(dir, { limits: { maxFileBytes: 4096 } });
    assert.deepEqual((await findLockfiles(ws)).map((l) => l.path), ["Cargo.lock"]);
    assert.deepEqual(ws.diagnostics.map((d) => [d.code, d.path]), [["file-too-large", "package-lock.json"]]);
  });

  it("parses through the workspace once per file", async () => {
    const dir = tmpDir({ "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/a": { version: "1.0.0" } } }) });
    dirs.push(dir);
    const ws = await Workspace.open(dir);
    const first = await findLockfiles(ws);
    const second = await findLockfiles(ws);
    assert.equal(first[0], second[0]);
  });

  it("has parsers that survive arbitrary text without throwing anything but parse failures", () => {
    const junk = ["", "\u0000\u0001", "{", "[[package]]", "packages:\n  - x", "<project>", "  version \"1\"", "require (", "GEM\n    a (", "%{\n  \"x\": {:hex, :x, \"1", '{"packages": {"": null, "a": 5}}', '{"dependencies": {"x": {"dependencies": 7}}}', '<Project><ItemGroup><PackageReference /><PackageVersion Include="" /></ItemGroup><PropertyGroup /></Project>', '<packages><package /></packages>', '{"pins": [null, 5, {"state": 3}], "object": {"pins": 4}}', '{"libraries": {"a/1": 5, "b": {}}, "targets": {"t": {"a/1": {"dependencies": 9}}}}'];
    for (const f of LOCKFILE_FORMATS) {
      for (const text of junk) {
        try {
          run(f.parser, textFile("x", text));
        } catch (e) {
          assert.equal((e as Error).name, "ParseFailure", `${f.id} on ${JSON.stringify(text)}: ${(e as Error).stack}`);
        }
      }
    }
  });
});
