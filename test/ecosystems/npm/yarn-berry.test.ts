import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { findLockfiles } from "../../../src/ecosystems/lockfiles.js";
import { Workspace } from "../../../src/workspace/workspace.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `name@version dev direct` of every package of the checkout's yarn.lock. */
async function scopes(files: Record<string, string>): Promise<string[]> {
  const dir = tmpDir(files);
  dirs.push(dir);
  const [lf] = await findLockfiles(await Workspace.open(dir));
  assert.ok(lf, "yarn.lock is read");
  return lf.packages.map((p) => `${p.name}@${p.version} dev=${p.dev} direct=${p.direct}`);
}

// A berry lockfile in the shape yarn 4 writes it: each workspace's devDependencies merged into its
// `dependencies`, so only the workspaces' package.json files say which are for development.
const LOCK = [
  "__metadata:",
  "  version: 8",
  "  cacheKey: 10c0",
  "",
  '"app@workspace:.":',
  "  version: 0.0.0-use.local",
  '  resolution: "app@workspace:."',
  "  dependencies:",
  '    lib: "workspace:packages/lib"',
  '    lodash: "npm:^4.17.0"',
  '    typescript: "npm:^5.0.0"',
  "  languageName: unknown",
  "  linkType: soft",
  "",
  '"lib@workspace:packages/lib":',
  "  version: 0.0.0-use.local",
  '  resolution: "lib@workspace:packages/lib"',
  "  dependencies:",
  '    minimist: "npm:^1.2.0"',
  '    mocha: "npm:^10.0.0"',
  "  languageName: unknown",
  "  linkType: soft",
  "",
  '"lodash@npm:^4.17.0":',
  "  version: 4.17.20",
  '  resolution: "lodash@npm:4.17.20"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"typescript@npm:^5.0.0":',
  "  version: 5.0.4",
  '  resolution: "typescript@npm:5.0.4"',
  "  dependencies:",
  '    minimist: "npm:^1.2.0"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"mocha@npm:^10.0.0":',
  "  version: 10.2.0",
  '  resolution: "mocha@npm:10.2.0"',
  "  dependencies:",
  '    debug: "npm:4.3.4"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"debug@npm:4.3.4":',
  "  version: 4.3.4",
  '  resolution: "debug@npm:4.3.4"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"minimist@npm:^1.2.0":',
  "  version: 1.2.8",
  '  resolution: "minimist@npm:1.2.8"',
  "  languageName: node",
  "  linkType: hard",
  "",
].join("\n");

const ROOT = JSON.stringify({ name: "app", workspaces: ["packages/*"], dependencies: { lodash: "^4.17.0", lib: "workspace:packages/lib" }, devDependencies: { typescript: "^5.0.0" } });
const LIB = JSON.stringify({ name: "lib", dependencies: { minimist: "^1.2.0" }, devDependencies: { mocha: "^10.0.0" } });

describe("yarn berry: development dependencies", () => {
  it("are told apart by the workspaces' package.json files; a package production also needs is not dev", async () => {
    assert.deepEqual(await scopes({ "yarn.lock": LOCK, "package.json": ROOT, "packages/lib/package.json": LIB }), [
      "lodash@4.17.20 dev=false direct=true",
      "typescript@5.0.4 dev=true direct=true",
      "mocha@10.2.0 dev=true direct=true",
      "debug@4.3.4 dev=true direct=false",
      // typescript (dev) needs it too, but lib needs it in production.
      "minimist@1.2.8 dev=false direct=true",
    ]);
  });

  it("stay unknown when a workspace's package.json is missing: it could hold the production requirement", async () => {
    const got = await scopes({ "yarn.lock": LOCK, "package.json": ROOT });
    assert.ok(got.every((row) => row.includes("dev=undefined")), got.join("\n"));
    assert.ok(got.includes("lodash@4.17.20 dev=undefined direct=true"));
  });
});
