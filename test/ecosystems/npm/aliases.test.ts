import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { findLockfiles } from "../../../src/ecosystems/lockfiles.js";
import { Workspace } from "../../../src/workspace/workspace.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

// An npm alias (`"old-ms": "npm:ms@0.7.0"`) installs ms under the name `old-ms`, which code
// imports: every npm lockfile keeps that name beside the real one, for import reachability.

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function aliases(path: string, text: string): Promise<string[]> {
  const dir = tmpDir({ [path]: text });
  dirs.push(dir);
  const [lf] = await findLockfiles(await Workspace.open(dir));
  assert.ok(lf, `${path} is read`);
  return lf.packages.flatMap((p) => (p.aliases ?? []).map((a) => `${p.name}@${p.version} as ${a}`));
}

describe("npm aliases", () => {
  it("package-lock v3 and v1", async () => {
    const v3 = { lockfileVersion: 3, packages: { "": { dependencies: { "old-ms": "npm:ms@0.7.0", debug: "2.6.9" } }, "node_modules/old-ms": { name: "ms", version: "0.7.0" }, "node_modules/debug": { version: "2.6.9" } } };
    assert.deepEqual(await aliases("package-lock.json", JSON.stringify(v3, null, 2)), ["ms@0.7.0 as old-ms"]);
    const v1 = { lockfileVersion: 1, dependencies: { "old-ms": { version: "npm:ms@0.7.0" }, debug: { version: "2.6.9" } } };
    assert.deepEqual(await aliases("package-lock.json", JSON.stringify(v1, null, 2)), ["ms@0.7.0 as old-ms"]);
  });

  it("yarn classic and berry", async () => {
    assert.deepEqual(await aliases("yarn.lock", '# yarn lockfile v1\n\n\n"old-ms@npm:ms@0.7.0":\n  version "0.7.0"\n\ndebug@2.6.9:\n  version "2.6.9"\n'), ["ms@0.7.0 as old-ms"]);
    const berry = '__metadata:\n  version: 8\n\n"old-ms@npm:ms@0.7.0":\n  version: 0.7.0\n  resolution: "ms@npm:0.7.0"\n\n"debug@npm:2.6.9":\n  version: 2.6.9\n  resolution: "debug@npm:2.6.9"\n';
    assert.deepEqual(await aliases("yarn.lock", berry), ["ms@0.7.0 as old-ms"]);
  });

  it("pnpm v6 and v9 importers, and bun.lock", async () => {
    const v6 = "lockfileVersion: '6.0'\n\ndependencies:\n  old-ms:\n    specifier: npm:ms@0.7.0\n    version: /ms@0.7.0\n  debug:\n    specifier: 2.6.9\n    version: 2.6.9\n\npackages:\n\n  /ms@0.7.0:\n    resolution: {integrity: sha512-a}\n\n  /debug@2.6.9:\n    resolution: {integrity: sha512-b}\n";
    assert.deepEqual(await aliases("pnpm-lock.yaml", v6), ["ms@0.7.0 as old-ms"]);
    const v9 = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      old-ms:\n        specifier: npm:ms@0.7.0\n        version: ms@0.7.0\n\npackages:\n\n  ms@0.7.0:\n    resolution: {integrity: sha512-a}\n\nsnapshots:\n\n  ms@0.7.0: {}\n";
    assert.deepEqual(await aliases("pnpm-lock.yaml", v9), ["ms@0.7.0 as old-ms"]);
    const bun = '{\n  "lockfileVersion": 1,\n  "workspaces": { "": { "name": "app", "dependencies": { "old-ms": "npm:ms@0.7.0" } } },\n  "packages": {\n    "old-ms": ["ms@0.7.0", "", {}, "sha512-a"],\n  }\n}\n';
    assert.deepEqual(await aliases("bun.lock", bun), ["ms@0.7.0 as old-ms"]);
  });
});
