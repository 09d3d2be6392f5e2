import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AdvisoryStore } from "../../src/advisories/store.js";
import { cli } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { sharedData, skipWithoutSharedData } from "../helpers/shared-data.js";
import { serve, zipFolder } from "./helpers.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "assay-db-"));
  dirs.push(d);
  return d;
}

function io(env: Record<string, string> = {}): Io & { out: string; err: string } {
  const o = { out: "", err: "", cwd: tmpdir(), env: { SOURCE_DATE_EPOCH: "1780000000", ...env } } as unknown as Io & { out: string; err: string };
  o.stdout = { write: (s: string) => (o.out += s) };
  o.stderr = { write: (s: string) => (o.err += s) };
  return o;
}

describe("assay db update", skipWithoutSharedData(), () => {
  it("downloads each ecosystem's all.zip from the mirror, indexes it, and records the checksum", async () => {
    const data = sharedData() as string;
    const crates = await zipFolder(join(data, "osv", "crates.io"));
    const npm = await zipFolder(join(data, "osv", "npm"), { "MAL-withdrawn.json": JSON.stringify({ id: "MAL-0000-1", modified: "2024-01-01T00:00:00Z", withdrawn: "2024-02-01T00:00:00Z", affected: [{ package: { ecosystem: "npm", name: "x" } }] }), "junk.json": "{not json" });
    const server = await serve({ "/crates.io/all.zip": crates, "/npm/all.zip": npm });
    const db = tmp();
    try {
      const o = io();
      const code = await cli(["db", "update", "--db", db, "--source", server.url, "--ecosystem", "crates.io", "--ecosystem", "npm"], o);
      assert.equal(code, 0, o.err);
      assert.match(o.out, /updated 2 ecosystems/);
      assert.match(o.err, /crates\.io: downloading http:\/\/127\.0\.0\.1/);
      assert.match(o.err, /npm: 467 records \(1 withdrawn and 1 unreadable left out\)/);
      const store = AdvisoryStore.open(db)!;
      const crate = store.status.ecosystems.find((e) => e.ecosystem === "crates.io")!;
      assert.equal(crate.records, 1193, "13 of the 1,206 RustSec records are withdrawn");
      assert.match(crate.sha256 ?? "", /^[0-9a-f]{64}$/);
      assert.ok(store.lookup("crates.io", "openssl").some((r) => r.id === "RUSTSEC-2016-0001"));
      assert.ok(store.lookup("npm", "bassmaster").some((r) => r.id === "NSWG-ECO-1"));
      assert.equal(store.lookup("npm", "x").length, 0);
      store.close();
      const s = io();
      assert.equal(await cli(["db", "status", "--db", db], s), 0);
      assert.match(s.out, /crates\.io\s+osv\s+1193 records/);
    } finally {
      await server.close();
    }
  });

  it("leaves the old store usable when a download is cut off or the archive is a zip bomb", async () => {
    const data = sharedData() as string;
    const good = await zipFolder(join(data, "osv", "crates.io"));
    const bomb = await zipFolder(join(data, "osv", "npm"), { "bomb.json": Buffer.alloc(8 * 1024 * 1024, 32) });
    let mode: "good" | "cut" | "bomb" = "good";
    const server = await serve({
      "/crates.io/all.zip": (res) => {
        if (mode === "good") res.writeHead(200, { "content-length": String(good.length) }).end(good);
        else if (mode === "bomb") res.writeHead(200, { "content-length": String(bomb.length) }).end(bomb);
        else {
          res.writeHead(200, { "content-length": String(good.length) });
          res.write(good.subarray(0, 1000));
          res.destroy();
        }
      },
    });
    const db = tmp();
    try {
      assert.equal(await cli(["db", "update", "--db", db, "--source", server.url, "--ecosystem", "crates.io"], io()), 0);
      for (const m of ["cut", "bomb"] as const) {
        mode = m;
        const o = io();
        assert.equal(await cli(["db", "update", "--db", db, "--source", server.url, "--ecosystem", "crates.io"], o), 3);
        assert.match(o.err, m === "cut" ? /ADVISORY|terminated|aborted|closed|socket/i : /zip bomb/);
        assert.match(o.err, /old store is untouched/);
        const store = AdvisoryStore.open(db)!;
        assert.equal(store.status.ecosystems[0]?.records, 1193);
        assert.ok(store.lookup("crates.io", "openssl").length > 0);
        store.close();
      }
      assert.equal(readdirSync(join(db, "sets")).length, 1, "no half-written set is left behind");
      assert.equal(existsSync(join(db, "tmp")), false, "no empty download folder is left behind");
    } finally {
      await server.close();
    }
  });

  it("says which URL failed and touches nothing when the mirror has no such ecosystem", async () => {
    const server = await serve({});
    const db = tmp();
    try {
      const o = io();
      assert.equal(await cli(["db", "update", "--db", db, "--source", server.url, "--ecosystem", "Nope"], o), 3);
      assert.match(o.err, /Nope\/all\.zip: HTTP 404/);
      assert.equal(existsSync(join(db, "store.json")), false);
    } finally {
      await server.close();
    }
  });
});

describe("assay db import and export", () => {
  const record = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    modified: "2026-05-01T00:00:00Z",
    summary: "Embargoed: request smuggling in widget",
    affected: [{ package: { ecosystem: "npm", name: "widget" }, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "2.0.1" }] }] }],
    ...extra,
  });

  it("imports OSV JSON and YAML as local records, keeps the newer copy, and exports them back", async () => {
    const src = tmp();
    writeFileSync(join(src, "a.json"), JSON.stringify(record("ACME-2026-1")));
    writeFileSync(join(src, "b.yaml"), "id: ACME-2026-2\nmodified: '2026-05-02T00:00:00Z'\naffected:\n  - package: {ecosystem: PyPI, name: Widget_Lib}\n    ranges: [{type: ECOSYSTEM, events: [{introduced: '0'}]}]\n");
    writeFileSync(join(src, "bad.json"), '{"id": "X",\n  "modified": }');
    const db = tmp();
    const o = io();
    assert.equal(await cli(["db", "import", src, "--db", db], o), 2, "a refused file is reported and fails the command");
    // Said as every warning the CLI prints, so a reader (or a log filter) tells it from progress lines.
    assert.match(o.err, /^assay: warning: .*bad\.json:2:15: invalid JSON syntax/m);
    assert.match(o.out, /imported 2 new and 0 updated local advisories/);
    const store = AdvisoryStore.open(db)!;
    assert.equal(store.lookup("npm", "widget")[0]?.local, true);
    assert.equal(store.lookup("PyPI", "widget-lib")[0]?.id, "ACME-2026-2", "PyPI names are normalised");
    store.close();

    const older = tmp();
    writeFileSync(join(older, "a.json"), JSON.stringify(record("ACME-2026-1", { modified: "2020-01-01T00:00:00Z", summary: "stale" })));
    const o2 = io();
    assert.equal(await cli(["db", "import", join(older, "a.json"), "--db", db], o2), 0);
    assert.match(o2.out, /1 older than the stored ones kept/);

    const out = join(tmp(), "export.json");
    const e = io();
    assert.equal(await cli(["db", "export", "--db", db, "--output", out], e), 0);
    assert.match(e.err, /cosign sign-blob --new-bundle-format --bundle .*export\.json\.sigstore\.json/);
    const db2 = tmp();
    assert.equal(await cli(["db", "import", out, "--db", db2], io()), 0);
    const s2 = AdvisoryStore.open(db2)!;
    assert.equal(s2.lookup("npm", "widget")[0]?.summary, "Embargoed: request smuggling in widget");
    s2.close();
  });

  it("says plainly when there is no store", async () => {
    const o = io();
    assert.equal(await cli(["db", "status", "--db", join(tmp(), "none")], o), 2);
    assert.match(o.err, /no advisory store in .* — run `assay db update`/);
  });
});

describe("advisory store lookups", () => {
  it("finds a Go module's records whatever the letter case of its path", async () => {
    const { SetWriter } = await import("../../src/advisories/store-write.js");
    const { readOsvRecord } = await import("../../src/advisories/osv-record.js");
    const db = tmp();
    const w = new SetWriter(db, "Go", "osv");
    w.add(readOsvRecord({ id: "GO-2099-0001", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "Go", name: "github.com/AcmeCorp/Widget" } }] }));
    w.add(readOsvRecord({ id: "GO-2099-0002", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "Go", name: "github.com/acmecorp/widget" } }] }));
    w.commit({ updated: "2026-01-01T00:00:00Z", origin: "test" });
    const store = AdvisoryStore.open(db)!;
    assert.deepEqual(store.lookup("Go", "github.com/acmecorp/widget").map((r) => r.id).sort(), ["GO-2099-0001", "GO-2099-0002"]);
    assert.deepEqual(store.lookup("Go", "github.com/ACMECORP/WIDGET").map((r) => r.id).sort(), ["GO-2099-0001", "GO-2099-0002"]);
    assert.deepEqual(store.lookup("Go", "github.com/acmecorp/other"), []);
    store.close();
  });
});

