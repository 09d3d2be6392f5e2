import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scan } from "../../src/api/scan.js";
import { defaultPolicy } from "../../src/policy/policy-file.js";
import { FAMILIES } from "../../src/rules/index.js";
import { FIXTURE_NOW } from "../helpers/run-rule.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const rule = (id: string) => FAMILIES.flatMap((f) => f.rules).filter((r) => r.meta.id === id);
const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n";

/** A checkout whose files named `links` are symbolic links to files of a folder outside it. */
function checkout(files: Record<string, string>, links: Record<string, string>): string {
  const outside = tmpDir(Object.fromEntries(Object.entries(links).map(([name, content]) => [name.replace(/\//g, "_"), content])));
  const dir = tmpDir(files);
  for (const name of Object.keys(links)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    symlinkSync(join(outside, name.replace(/\//g, "_")), join(dir, name));
  }
  return dir;
}

async function outcome(dir: string, id: string) {
  const a = await scan({ path: dir, policy: defaultPolicy(), rules: rule(id), now: FIXTURE_NOW });
  return a.rules[0] && { ...a.rules[0], findings: a.findings };
}

describe("symbolic links out of the checkout, by name", () => {
  it("a Dockerfile, a manifest, a chart's template and a model file make their rules incomplete, never passed or not applicable", async () => {
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ["deploy/dockerfile-root-user", {}, { Dockerfile: "FROM ubuntu:24.04\nUSER root\n" }],
      ["deploy/privileged-container", {}, { "k8s/pod.yaml": POD }],
      ["deploy/privileged-container", { "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n" }, { "web/templates/pod.yaml": POD }],
      ["models/unsafe-pickle", {}, { "model.pkl": "\u0080\u0004N." }],
    ];
    for (const [id, files, links] of cases) {
      const r = await outcome(checkout(files, links), id);
      assert.equal(r?.outcome, "incomplete", `${id} ${Object.keys(links)[0]}: ${r?.outcome} ${r?.reason}`);
      assert.match(r?.reason ?? "", /symbolic link out of the checkout/);
    }
  });

  it("a link inside the checkout is judged at its target only, and other links out (a lockfile, a workflow folder's YAML) do not concern the deploy rules", async () => {
    const dir = tmpDir({ "docker/Dockerfile": "FROM ubuntu:24.04\nUSER root\n" });
    symlinkSync("docker/Dockerfile", join(dir, "Dockerfile"));
    const r = await outcome(dir, "deploy/dockerfile-root-user");
    assert.equal(r?.outcome, "fail");
    assert.deepEqual(r?.findings.map((f) => f.locations?.[0]?.path), ["docker/Dockerfile"], "one finding, at the target");
    const other = checkout({ "k8s/pod.yaml": POD.replace("true", "false") }, { "package-lock.json": "{}", ".github/dependabot.yml": "version: 2\n" });
    writeFileSync(join(other, "README.md"), "x\n");
    assert.equal((await outcome(other, "deploy/privileged-container"))?.outcome, "pass");
  });
});
