import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { findLockfiles } from "../../../src/ecosystems/lockfiles.js";
import type { Lockfile } from "../../../src/ecosystems/packages.js";
import { pnpmKeyNameVersion } from "../../../src/ecosystems/npm/pnpm-lock.js";
import { Workspace } from "../../../src/workspace/workspace.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function read(text: string): Promise<Lockfile> {
  const dir = tmpDir({ "pnpm-lock.yaml": text });
  dirs.push(dir);
  const [lf] = await findLockfiles(await Workspace.open(dir));
  assert.ok(lf, "pnpm-lock.yaml is read");
  return lf;
}

const rows = (lf: Lockfile): string[] => lf.packages.map((p) => `${p.name}@${p.version} line ${p.line} dev ${p.dev} ${p.source}`);

describe("pnpm-lock.yaml: packages from a registry other than the default", () => {
  // pnpm's dependency-path keys such a package by an absolute path that starts with the
  // registry's host (a scope's own registry in .npmrc, a mirror); osv-scanner reads the package
  // behind it. Dropping it hides a real, matchable dependency.
  it("v5: `host/name/version` and `host+port/@scope/name/version`", async () => {
    const v5 = [
      "lockfileVersion: 5.4",
      "",
      "specifiers:",
      "  minimist: 0.0.8",
      "",
      "dependencies:",
      "  minimist: registry.example.com/minimist/0.0.8",
      "",
      "devDependencies:",
      "  '@acme/tool': localhost+4873/@acme/tool/1.2.0",
      "",
      "packages:",
      "",
      "  registry.example.com/minimist/0.0.8:",
      "    resolution: {integrity: sha512-aaaa}",
      "    dev: false",
      "",
      "  localhost+4873/@acme/tool/1.2.0_react@18.2.0:",
      "    resolution: {integrity: sha512-bbbb}",
      "    dev: true",
      "",
    ].join("\n");
    assert.deepEqual(rows(await read(v5)), ["minimist@0.0.8 line 14 dev false registry", "@acme/tool@1.2.0 line 18 dev true registry"]);
  });

  it("v6: `host/name@version(peer)`", async () => {
    const v6 = [
      "lockfileVersion: '6.0'",
      "",
      "packages:",
      "",
      "  registry.npmjs.org/minimist@0.0.8:",
      "    resolution: {integrity: sha512-aaaa}",
      "    dev: false",
      "",
      "  npm.pkg.github.com/@acme/ui@2.0.0(react@18.2.0):",
      "    resolution: {integrity: sha512-bbbb}",
      "    dev: true",
      "",
    ].join("\n");
    assert.deepEqual(rows(await read(v6)), ["minimist@0.0.8 line 5 dev false registry", "@acme/ui@2.0.0 line 9 dev true registry"]);
  });

  it("keeps relative, v9 and git keys as they were read", () => {
    assert.deepEqual(pnpmKeyNameVersion("/minimist/0.0.8"), { name: "minimist", version: "0.0.8" });
    assert.deepEqual(pnpmKeyNameVersion("lodash.merge@4.6.2"), { name: "lodash.merge", version: "4.6.2" });
    assert.deepEqual(pnpmKeyNameVersion("@babel/core@7.0.0(supports-color@5.5.0)"), { name: "@babel/core", version: "7.0.0" });
    assert.deepEqual(pnpmKeyNameVersion("foo@https://codeload.github.com/o/foo/tar.gz/abc"), { name: "foo", version: "https://codeload.github.com/o/foo/tar.gz/abc" });
    // A git dependency's key names no version: the entry's own `name` and `version` decide.
    assert.equal(/^\d/.test(pnpmKeyNameVersion("github.com/o/r/0123456789abcdef0123456789abcdef01234567").version), false);
    assert.equal(/^\d/.test(pnpmKeyNameVersion("github.com/o/3d-lib/0123456789abcdef0123456789abcdef01234567").version), false);
  });
});

describe("pnpm-lock.yaml: runtimes pnpm downloads (`node@runtime:`)", () => {
  const fixture = readFileSync(new URL("../../fixtures/lockfiles/pnpm-v9/runtime/pnpm-lock.yaml", import.meta.url), "utf8");

  it("are no npm packages: Node.js and Deno come from their publishers' binaries, not the registry's `node` and `deno`", async () => {
    assert.deepEqual(rows(await read(fixture)), ["picocolors@1.1.1 line 64 dev false registry"]);
  });

  it("are left out by their resolution too, whatever the key says", async () => {
    const keyed = fixture.replaceAll("node@runtime:22.18.0", "node@22.18.0").replaceAll("version: runtime:22.18.0", "version: 22.18.0");
    assert.deepEqual((await read(keyed)).packages.map((p) => p.name), ["picocolors"]);
  });
});
