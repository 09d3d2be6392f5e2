// Runs the composite action's script steps for real, the way the runner does (bash --noprofile
// --norc -eo pipefail), with a faked GITHUB_* environment, its `${{ }}` expressions evaluated by
// GitHub's own expression library, and a fixture repository as the workspace.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { parseYaml } from "../../src/ecosystems/formats/yaml.js";
import { toAction, type Step } from "../../src/ecosystems/github-actions/index.js";
import { git, tmpRepo } from "../helpers/tmp-repo.js";
import { spawnSync } from "../helpers/child-timeout.js";

const root = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const action = toAction("action.yml", parseYaml(readFileSync(join(root, "action.yml"), "utf8")));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

before(() => {
  // The install step is a no-op once dist/ is built, as in a tagged checkout of the action.
  if (!existsSync(join(root, "dist/cli.js"))) spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
});

type Ctx = { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; github: Record<string, unknown> };

function toData(v: unknown): data.ExpressionData {
  if (typeof v === "string") return new data.StringData(v);
  if (typeof v === "number") return new data.NumberData(v);
  const d = new data.Dictionary();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.add(k, toData(x));
  return d;
}

/** Evaluates one expression with GitHub's library; `always()` is a status function the runner supplies. */
function evaluate(expr: string, ctx: Ctx): data.ExpressionData {
  const e = expr.replace(/\balways\(\)\s*&&\s*/g, "");
  const tokens = new Lexer(e).lex().tokens;
  const parsed = new Parser(tokens, ["inputs", "steps", "github"], []).parse();
  return new Evaluator(parsed, new data.Dictionary(...["inputs", "steps", "github"].map((k) => ({ key: k, value: toData(ctx[k as keyof Ctx]) })))).evaluate();
}

/** Expression truthiness: false, null, 0 and the empty string are false. */
function truthy(d: data.ExpressionData): boolean {
  const s = d.coerceString();
  return s !== "" && s !== "false" && s !== "0";
}

/** Substitutes every `${{ }}` in a string, as the runner does for env and with values. */
function interpolate(s: string, ctx: Ctx): string {
  return s.replace(/\$\{\{([^}]{1,500})\}\}/g, (_, e: string) => evaluate(e.trim(), ctx).coerceString());
}

interface StepResult {
  id: string;
  ran: boolean;
  status: number;
  stdout: string;
  uses?: string;
  with?: Record<string, string>;
  outputs?: Record<string, string>;
}

/** Runs every step of the action; returns what each did. */
function runAction(inputs: Record<string, string>, workspace: string, event: Record<string, unknown> = {}): { results: StepResult[]; summary: string } {
  const temp = mkdtempSync(join(tmpdir(), "assay-action-"));
  dirs.push(temp);
  const summaryFile = join(temp, "summary.md");
  writeFileSync(summaryFile, "");
  const ctx: Ctx = { inputs: {}, steps: {}, github: { action_path: root, workspace, event } };
  // Defaults may be expressions over the github context (diff-base: the pull request's base).
  const declared = Object.fromEntries(action.inputs.map((i) => [i.name, interpolate(i.default?.value ?? "", ctx)]));
  ctx.inputs = { ...declared, ...inputs };
  const results: StepResult[] = [];
  let failed = false;
  action.runs.steps.forEach((step: Step, i: number): void => {
    const id = step.id?.value ?? `step${i}`;
    const cond = step.if?.value;
    const alwaysRuns = cond !== undefined && /\balways\(\)/.test(cond);
    const wanted = (!failed || alwaysRuns) && (cond === undefined || truthy(evaluate(cond.replace(/^\$\{\{|\}\}$/g, "").trim(), ctx)));
    if (!wanted) {
      results.push({ id, ran: false, status: 0, stdout: "", ...(step.uses ? { uses: step.uses.name } : {}) });
      return;
    }
    if (step.uses) {
      results.push({ id, ran: true, status: 0, stdout: "", uses: step.uses.name, with: Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, interpolate(v.value, ctx)])) });
      return;
    }
    const output = join(temp, `output-${i}`);
    writeFileSync(output, "");
    const script = join(temp, `step-${i}.sh`);
    writeFileSync(script, step.run?.value ?? "");
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: temp, GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: root, NO_COLOR: "1" };
    for (const [k, v] of Object.entries(step.env)) env[k] = interpolate(v.value, ctx);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env, encoding: "utf8" });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(output, "utf8").split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    ctx.steps[id] = { ...outputs, outcome: r.status === 0 ? "success" : "failure" };
    (ctx.steps[id] as Record<string, unknown>).outputs = outputs;
    if (r.status !== 0) failed = true;
    results.push({ id, ran: true, status: r.status ?? -1, stdout: r.stdout + r.stderr, outputs });
  });
  return { results, summary: readFileSync(summaryFile, "utf8") };
}

describe("the GitHub Action (action.yml)", () => {
  it("assesses the workspace, writes the job summary and annotations, and fails the gate as the policy says", () => {
    const repo = tmpRepo({ "README.md": "# x\n", "tools/run.exe": new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
    dirs.push(repo);
    const { results, summary } = runAction({}, repo);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    assert.equal(byId.install?.status, 0);
    assert.equal(byId.scan?.status, 0, byId.scan?.stdout);
    assert.match(byId.scan?.stdout ?? "", /^::error file=tools\/run\.exe/m, "annotations for open findings");
    assert.match(summary, /assay: gate failed/);
    assert.equal(results.find((r) => r.uses)?.ran, false, "SARIF upload is opt-in");
    const gate = results[results.length - 1];
    assert.equal(gate?.status, 1, "the gate step fails the job");
  });

  it("passes the gate, uploads SARIF when asked, and exposes score and gate outputs", () => {
    const repo = tmpRepo({ "README.md": "# x\n" });
    dirs.push(repo);
    const { results } = runAction({ "fail-on": "none", "upload-sarif": "true" }, repo);
    const scan = results.find((r) => r.id === "scan");
    assert.equal(scan?.status, 0);
    const upload = results.find((r) => r.uses);
    assert.equal(upload?.ran, true);
    assert.equal(upload?.uses, "github/codeql-action/upload-sarif");
    assert.ok(upload?.with?.sarif_file && existsSync(upload.with.sarif_file), "the SARIF file exists");
    assert.equal(JSON.parse(readFileSync(upload.with.sarif_file as string, "utf8")).version, "2.1.0");
    assert.equal(results[results.length - 1]?.status, 0);
  });

  it("never lets an input run as shell code", () => {
    const repo = tmpRepo({ "README.md": "# x\n" });
    dirs.push(repo);
    const marker = join(repo, "pwned");
    const { results } = runAction({ path: `.$(touch ${marker})`, "fail-on": "none" }, repo);
    assert.equal(existsSync(marker), false);
    assert.notEqual(results.find((r) => r.id === "scan")?.status, 0, "a path that does not exist is an error, not a command");
  });

  describe("on a pull request", () => {
    /** A repository whose base commit holds an executable, and a change on top that adds another. */
    function pullRequest(): { repo: string; base: string } {
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);
      const repo = tmpRepo({ "README.md": "# x\n", "old.exe": exe });
      const base = git(repo, "rev-parse", "HEAD").trim();
      writeFileSync(join(repo, "new.exe"), exe);
      git(repo, "add", "-A");
      git(repo, "commit", "-qm", "change");
      return { repo, base };
    }

    it("reports only what the change introduced, from the event's base commit by default", () => {
      const { repo, base } = pullRequest();
      const { results, summary } = runAction({}, repo, { pull_request: { base: { sha: base }, number: 7 } });
      const scan = results.find((r) => r.id === "scan");
      assert.equal(scan?.status, 0, scan?.stdout);
      const annotations = (scan?.stdout ?? "").match(/^::\w+ file=[^,]+/gm) ?? [];
      assert.deepEqual(annotations, ["::error file=new.exe"], "annotations land on the change only");
      assert.match(summary, /only what this change introduced/);
      const comment = scan?.outputs?.["markdown-file"] ?? "";
      assert.ok(existsSync(comment), "the Markdown report is an output, to post as a comment");
      assert.equal(readFileSync(comment, "utf8"), summary);
      assert.match(summary, /^❌ \*\*assay: gate failed\*\* — 1 new finding \(1 high\) · only what this change introduced\n/);
      assert.doesNotMatch(summary, /old\.exe/);
      assert.equal(results[results.length - 1]?.status, 1, "what the change introduced fails the gate");
    });

    it("assesses the whole checkout on a push, or with diff-base: none", () => {
      const { repo, base } = pullRequest();
      for (const [inputs, event] of [[{}, {}], [{ "diff-base": "none" }, { pull_request: { base: { sha: base } } }]] as const) {
        const scan = runAction(inputs, repo, event).results.find((r) => r.id === "scan");
        assert.match(scan?.stdout ?? "", /^::error file=old\.exe/m);
        assert.match(scan?.stdout ?? "", /^::error file=new\.exe/m);
      }
    });

    it("falls back to the whole checkout, with a warning, when the base commit is not there", () => {
      const { repo } = pullRequest();
      const { results } = runAction({ "diff-base": "0".repeat(40) }, repo);
      const scan = results.find((r) => r.id === "scan");
      assert.equal(scan?.status, 0, scan?.stdout);
      assert.match(scan?.stdout ?? "", /^::warning title=assay::the diff base is not in the checkout/m);
      assert.match(scan?.stdout ?? "", /^::error file=old\.exe/m);
    });

    it("refuses a diff base that would be read as an option", () => {
      const { repo } = pullRequest();
      const marker = join(repo, "pwned");
      const { results } = runAction({ "diff-base": `--upload-pack=touch ${marker}` }, repo);
      assert.equal(results.find((r) => r.id === "scan")?.status, 2);
      assert.equal(existsSync(marker), false);
    });
  });
});
