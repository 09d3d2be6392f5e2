// Unreadable files and folders: as root everything is readable, so on CI (root) the check runs
// in a child process dropped to `nobody` with setpriv; elsewhere it runs in-process.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildSync } from "esbuild";
import { tmpDir, tmpFolder } from "../helpers/tmp-repo.js";
import { spawnSync } from "../helpers/child-timeout.js";

const isRoot = process.getuid?.() === 0;
const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
const root = new URL("../../", import.meta.url).pathname;

/**
 * A self-contained script (bundled with esbuild) that scans `dir` and prints what the scan said
 * about the unreadable entries. Bundled into a world-readable folder because `nobody` may not be
 * able to read this checkout (a fresh clone in a 0700 temporary folder, say).
 */
function probe(dir: string): string {
  const out = tmpFolder("assay-probe-");
  chmodSync(out, 0o755);
  const contents = `
    import { Workspace } from "./src/workspace/workspace.ts";
    const ws = await Workspace.open(${JSON.stringify(dir)});
    const text = await ws.readText("secret.txt");
    const ok = await ws.readText("ok.txt");
    console.log(JSON.stringify({ files: ws.files.map((f) => f.path), text: text === undefined ? null : text.text, ok: ok?.text ?? null, diagnostics: ws.diagnostics.map((d) => [d.code, d.path]) }));
  `;
  buildSync({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "probe.ts" },
    bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "error",
    outfile: join(out, "probe.mjs"),
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  chmodSync(join(out, "probe.mjs"), 0o644);
  return join(out, "probe.mjs");
}

describe("unreadable files and folders", { skip: isRoot && !setpriv ? "root without setpriv cannot test permissions" : false }, () => {
  it("are reported once each and the rest of the scan goes on", () => {
    const dir = tmpDir({ "ok.txt": "fine", "secret.txt": "hidden", "locked/inner.txt": "x" });
    chmodSync(join(dir, "secret.txt"), 0);
    mkdirSync(join(dir, "locked"), { recursive: true });
    chmodSync(join(dir, "locked"), 0);
    chmodSync(dir, 0o755);
    const cmd = [process.execPath, probe(dir)];
    const argv = isRoot ? [setpriv as string, "--reuid=65534", "--regid=65534", "--clear-groups", ...cmd] : cmd;
    const r = spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8", cwd: tmpdir() });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: string[]; text: string | null; ok: string | null; diagnostics: [string, string][] };
    assert.deepEqual(out.files, ["ok.txt", "secret.txt"]);
    assert.equal(out.text, null);
    assert.equal(out.ok, "fine");
    assert.deepEqual(out.diagnostics.sort(), [["unreadable-directory", "locked"], ["unreadable-file", "secret.txt"]]);
  });
});
