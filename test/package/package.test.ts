// The installable package: `npm pack` makes a tarball that installs into an empty folder, with
// no development dependency, and runs `assay scan` on a repository. Offline: npm takes the
// dependencies from its cache (filled by the `npm ci` that every checkout starts with).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { tmpRepo } from "../helpers/tmp-repo.js";
import { spawnSync } from "../helpers/child-timeout.js";

const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "assay-pack-"));
after(() => rmSync(work, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the npm package", () => {
  it("packs, installs into an empty folder without dev dependencies, and scans a repository", () => {
    const pack = sh("npm", ["pack", "--pack-destination", work, "--loglevel=error"], root);
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack wrote a tarball");
    // Type declarations are built when packing (prepack), not on every install of a checkout (prepare).
    const listed = sh("tar", ["-tzf", join(work, tarball)], work);
    assert.match(listed.stdout, /^package\/dist\/types\/index\.d\.ts$/m, "the tarball carries the type declarations");
    const app = join(work, "app");
    sh("mkdir", ["-p", app], work);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    const install = sh("npm", ["install", "--offline", "--ignore-scripts", "--loglevel=error", join(work, tarball)], app);
    assert.equal(install.status, 0, install.stderr);
    assert.equal(existsSync(join(app, "node_modules/typescript")), false, "no development dependency is installed");
    assert.equal(existsSync(join(app, "node_modules/tsx")), false);
    const repo = tmpRepo({ "README.md": "# x\n", "SECURITY.md": "# Security\n\nReport vulnerabilities to security@widgets.dev; we reply within 3 days.\n" });
    const scan = sh(join(app, "node_modules/.bin/assay"), ["scan", repo, "--format", "json", "--rule", "repo/security-policy"], app);
    rmSync(repo, { recursive: true, force: true });
    assert.equal(scan.status, 0, scan.stderr);
    const a = JSON.parse(scan.stdout) as { rules: { id: string; outcome: string }[] };
    assert.deepEqual(a.rules.map((r) => [r.id, r.outcome]), [["repo/security-policy", "pass"]]);
    const version = sh(join(app, "node_modules/.bin/assay"), ["--version"], app);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
