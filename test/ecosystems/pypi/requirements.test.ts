import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { findLockfiles } from "../../../src/ecosystems/lockfiles.js";
import type { Lockfile } from "../../../src/ecosystems/packages.js";
import { Workspace } from "../../../src/workspace/workspace.js";
import { tmpDir } from "../../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function lockfile(files: Record<string, string>, path: string): Promise<Lockfile> {
  const dir = tmpDir(files);
  dirs.push(dir);
  const found = (await findLockfiles(await Workspace.open(dir))).find((l) => l.path === path);
  assert.ok(found, `${path} is read`);
  return found;
}

describe("requirements.txt includes", () => {
  it("says which -r and -c targets could not be read (missing, outside the checkout, a URL), at their lines", async () => {
    const lf = await lockfile({ "requirements.txt": "-r base.txt\n-r missing.txt\n-c ../../constraints.txt\n--requirement https://example.com/r.txt\nDjango==4.2\n", "base.txt": "idna==3.6\n" }, "requirements.txt");
    assert.deepEqual(lf.packages.map((p) => `${p.name}@${p.version}`), ["django@4.2", "idna@3.6"]);
    assert.deepEqual(
      lf.unresolved?.map((u) => [u.path, u.line, u.target, u.reason]),
      [
        ["requirements.txt", 2, "missing.txt", "is not in the checkout"],
        ["requirements.txt", 3, "../../constraints.txt", "is outside the checkout or a URL, which are not read"],
        ["requirements.txt", 4, "https://example.com/r.txt", "is outside the checkout or a URL, which are not read"],
      ],
    );
  });

  it("has nothing unresolved when every include is read", async () => {
    const lf = await lockfile({ "requirements.txt": "-r base.txt\nDjango==4.2\n", "base.txt": "-r requirements.txt\nidna==3.6\n" }, "requirements.txt");
    assert.equal(lf.unresolved, undefined);
  });
});
