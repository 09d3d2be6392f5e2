// `assay fleet status` as a newcomer meets it: an empty store (a first run, or a --store naming the wrong folder).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tmpDir } from "../helpers/tmp-repo.js";
import { runCli } from "./run-cli.js";

describe("assay fleet status", () => {
  it("on an empty store says how to fill it, with the store it was given", async () => {
    const store = join(tmpDir(), "my fleet");
    const r = await runCli(["fleet", "status", "--store", store]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: 0 repositories\n/);
    assert.equal(r.stderr, `assay: next: \`assay fleet add URL|PATH… --store '${store}'\` registers repositories, then \`assay fleet run --store '${store}'\` assesses them\n`);
    // JSON is for programs: nothing more is said.
    const json = await runCli(["fleet", "status", "--store", store, "--json"]);
    assert.equal(json.stderr, "");
  });
});
