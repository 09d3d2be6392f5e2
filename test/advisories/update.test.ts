import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AdvisoryStore } from "../../src/advisories/store.js";
import { cli } from "../../src/cli/main.js";
import { io, serve, zipFolder } from "./helpers.js";
import { tmpFolder } from "../helpers/tmp-repo.js";

const tmp = (): string => tmpFolder("assay-update-");

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("assay db update when the source fails", () => {
  it("exits 3 with one line naming the URL and `db import`, and keeps the old store, for a refused connection, an unknown host, HTTP 500 and a truncated zip", async () => {
    const records = tmp();
    writeFileSync(join(records, "GHSA-aaaa-bbbb-cccc.json"), JSON.stringify({ id: "GHSA-aaaa-bbbb-cccc", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.0.1" }] }] }] }));
    const zip = await zipFolder(records);
    let mode: "good" | "500" | "truncated" = "good";
    const server = await serve({
      "/npm/all.zip": (res) => {
        if (mode === "good") res.writeHead(200, { "content-length": String(zip.length) }).end(zip);
        else if (mode === "500") res.writeHead(500).end("internal error");
        // A complete HTTP response whose zip lacks its central directory: the mirror holds a cut file.
        else res.writeHead(200, { "content-length": String(zip.length - 30) }).end(zip.subarray(0, zip.length - 30));
      },
    });
    const db = tmp();
    try {
      const first = io();
      assert.equal(await cli(["db", "update", "--db", db, "--source", server.url, "--ecosystem", "npm"], first), 0, first.err);
      const sources = [
        { name: "refused", source: `http://127.0.0.1:${await closedPort()}`, says: /cannot connect \(.*ECONNREFUSED/ },
        { name: "unknown host", source: "http://assay-test.invalid", says: /cannot connect \(.*(ENOTFOUND|EAI_AGAIN)/ },
        { name: "500", source: server.url, says: /HTTP 500/ },
        { name: "truncated", source: server.url, says: /npm\/all\.zip: / },
      ];
      for (const s of sources) {
        if (s.name === "500" || s.name === "truncated") mode = s.name;
        const o = io();
        assert.equal(await cli(["db", "update", "--db", db, "--source", s.source, "--ecosystem", "npm"], o), 3, `${s.name}: ${o.err}`);
        const errors = o.err.split("\n").filter((l) => l.startsWith("assay: error:"));
        assert.equal(errors.length, 1, `${s.name}: ${o.err}`);
        assert.ok(errors[0]!.includes(`${s.source}/npm/all.zip`), `${s.name} names the URL: ${errors[0]}`);
        assert.match(errors[0]!, s.says, s.name);
        assert.match(errors[0]!, /assay db import PATH/, `${s.name} points to the offline way`);
        assert.doesNotMatch(o.err, /\n\s+at /, `${s.name}: no stack trace`);
        const store = AdvisoryStore.open(db)!;
        assert.equal(store.lookup("npm", "widget")[0]?.id, "GHSA-aaaa-bbbb-cccc", `${s.name}: the old store is intact`);
        store.close();
      }
      assert.equal(readdirSync(join(db, "sets")).length, 1, "no half-written set is left behind");
      assert.equal(existsSync(join(db, "tmp")), false, "no empty download folder is left in the store");
    } finally {
      await server.close();
    }
  });

  it("stops at the first ecosystem when the source cannot be reached, instead of one failure per ecosystem", async () => {
    const o = io();
    assert.equal(await cli(["db", "update", "--db", tmp(), "--source", `http://127.0.0.1:${await closedPort()}`], o), 3);
    assert.equal(o.err.match(/downloading/g)?.length, 1, o.err);
    assert.doesNotMatch(o.err, /not updated/);
  });

  it("says an ecosystem it could not update as a warning and goes on with the others", async () => {
    const records = tmp();
    writeFileSync(join(records, "GHSA-aaaa-bbbb-cccc.json"), JSON.stringify({ id: "GHSA-aaaa-bbbb-cccc", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.0.1" }] }] }] }));
    const zip = await zipFolder(records);
    const server = await serve({ "/npm/all.zip": (res) => res.writeHead(200, { "content-length": String(zip.length) }).end(zip), "/PyPI/all.zip": (res) => res.writeHead(500).end("internal error") });
    try {
      const o = io();
      assert.equal(await cli(["db", "update", "--db", tmp(), "--source", server.url, "--ecosystem", "PyPI", "--ecosystem", "npm"], o), 3, o.err);
      assert.match(o.err, /^assay: warning: PyPI: not updated: .*HTTP 500/m);
      assert.match(o.err, /^assay: npm: 1 records/m, "the next ecosystem was updated");
    } finally {
      await server.close();
    }
  });

  it("leaves no empty tmp/ folder, nor an empty store it created, when the update fails", async () => {
    const kept = tmp();
    assert.equal(await cli(["db", "update", "--db", kept, "--source", `http://127.0.0.1:${await closedPort()}`, "--ecosystem", "npm"], io()), 3);
    assert.deepEqual(readdirSync(kept), [], "the folder the user gave stays, empty");
    const fresh = join(tmp(), "advisories");
    const server = await serve({ "/npm/all.zip": (res) => res.writeHead(200, { "content-length": "4" }).end("PK\u0003\u0004") });
    try {
      assert.equal(await cli(["db", "update", "--db", fresh, "--source", server.url, "--ecosystem", "npm"], io()), 3, "a bad archive");
    } finally {
      await server.close();
    }
    assert.equal(existsSync(fresh), false, "a store the failed update created is removed");
  });
});
