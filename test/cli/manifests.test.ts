import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { cli } from "../../src/cli/main.js";
import { FORMATS } from "../../src/report/index.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const dirs: string[] = [];

async function* chunks(s: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(s);
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(args: string[], opts: { cwd?: string; stdin?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? process.cwd(),
    env: { SOURCE_DATE_EPOCH: "1780272000" },
    ...(opts.stdin !== undefined ? { stdin: chunks(opts.stdin) } : {}),
  });
  return { code, stdout, stderr };
}

const RENDERED = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-name-web
spec:
  type: LoadBalancer
  ports:
    - port: 80
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-name-web
spec:
  template:
    spec:
      containers:
        - name: web
          image: "nginx:1.27.2"
          securityContext:
            privileged: true
`;

describe("assay manifests", () => {
  it("checks `helm template` output from standard input with the deploy rules, lines of the rendered output", async () => {
    const r = await run(["manifests", "-", "--format", "json"], { stdin: RENDERED });
    assert.equal(r.code, 1, r.stderr);
    const a = JSON.parse(r.stdout) as { findings: { ruleId: string; locations: { path: string; startLine: number }[] }[]; checks: { id: string }[] };
    const priv = a.findings.find((f) => f.ruleId === "deploy/privileged-container");
    assert.deepEqual(priv?.locations[0], { path: "stdin.yaml", startLine: 24, startColumn: 13 });
    assert.ok(a.findings.some((f) => f.ruleId === "deploy/exposed-service"));
    assert.deepEqual(a.checks.map((c) => c.id), ["Secure-Defaults"]);
  });

  it("its usage names every format it accepts", async () => {
    const help = (await run(["manifests", "--help"])).stdout;
    const listed = /--format ([a-z|-]+)/.exec(help)?.[1]?.split("|") ?? [];
    assert.deepEqual([...listed].sort(), [...FORMATS].sort());
  });

  it("reads files by their path, and exits 2 for a missing one", async () => {
    const dir = tmpDir({ "out/rendered.yaml": RENDERED });
    dirs.push(dir);
    const r = await run(["manifests", "out/rendered.yaml", "--format", "json"], { cwd: dir });
    const a = JSON.parse(r.stdout) as { findings: { locations: { path: string }[] }[] };
    assert.ok(a.findings.every((f) => f.locations[0]?.path === "out/rendered.yaml"));
    const missing = await run(["manifests", "nope.yaml"], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file: nope\.yaml/);
    assert.equal((await run(["manifests"], { cwd: dir })).code, 2);
    // A folder says where a folder goes: its files, a renderer, or `assay scan`.
    const folder = await run(["manifests", "out"], { cwd: dir });
    assert.equal(folder.code, 2);
    assert.equal(folder.stderr, "assay: error: out is a folder: assay manifests takes files of rendered manifests — pass its files (out/*.yaml), render it (`helm template out | assay manifests -`, `kustomize build out | assay manifests -`), or scan it as a checkout: `assay scan out`\n");
  });

  it("refuses empty input and input with no manifest rather than passing the gate on nothing (a failed `helm template` in a pipe)", async () => {
    for (const stdin of ["", "\n", "---\n# Source: web/templates/none.yaml\n---\n"]) {
      const r = await run(["manifests", "-"], { stdin });
      assert.equal(r.code, 2, JSON.stringify(stdin));
      assert.match(r.stderr, /^assay: error: standard input holds no manifests \(it is empty\) — did the command that renders them fail\?/);
    }
    // Text with no Kubernetes object in it (an error message, a deeply nested array) is refused too.
    for (const stdin of ["Error: chart not found\n", `${"[".repeat(10000)}${"]".repeat(10000)}`]) {
      const r = await run(["manifests", "-"], { stdin });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^assay: error: standard input holds no Kubernetes manifests \(no `kind:` in it\)/);
    }
    const dir = tmpDir({ "empty.yaml": "" });
    dirs.push(dir);
    assert.equal((await run(["manifests", "empty.yaml"], { cwd: dir })).code, 2);
    // A privileged pod without `apiVersion` is no object the rules read: refused, not "gate passed".
    const bare = await run(["manifests", "-"], { stdin: "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: nginx\n    securityContext:\n      privileged: true\n" });
    assert.equal(bare.code, 2, bare.stdout);
    assert.match(bare.stderr, /^assay: error: standard input holds no Kubernetes objects assay can judge — each object needs `apiVersion` and `kind`/);
  });
});
