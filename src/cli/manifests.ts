import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { isSeverity, SEVERITIES } from "../core/severity.js";
import { scan } from "../api/scan.js";
import { FORMATS, render, type Format } from "../report/index.js";
import { CHECKS, FAMILIES } from "../rules/index.js";
import { formatFor, parse } from "./args.js";
import { EXIT, useColor, type ExitCode, type Io } from "./io.js";
import { loadPolicy } from "./load-config.js";
import { clocks } from "./clock.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage: assay manifests FILE|-... [--format text|json|sarif|markdown|github|html|gitlab-sast|gitlab-codequality] [--output FILE] [--policy FILE] [--fail-on SEVERITY|none]

Checks rendered Kubernetes manifests (files, or - for standard input, up to 8 MiB each) with the
deploy/ rules of the Secure-Defaults check, and gates on them like \`assay scan\`: the exact
result for a Helm chart or a Kustomize overlay is \`helm template . | assay manifests -\`.

exit codes: 0 gate passed · 1 gate failed · 2 usage error (no manifests, an empty input) · 3 could not complete`;
/** The workspace reads at most this much of a file; larger input would be judged in part. */
const MAX_INPUT = 8 * 1024 * 1024;

/** Reads standard input whole, refusing more than the limit. */
async function readStdin(io: Io): Promise<string> {
  if (!io.stdin) throw new AssayError("USAGE", "no standard input to read `-` from");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of io.stdin) {
    const b = typeof c === "string" ? Buffer.from(c) : Buffer.from(c);
    size += b.length;
    if (size > MAX_INPUT) throw new AssayError("USAGE", "standard input is larger than 8 MiB", { hint: "render fewer charts at once, or write them to files" });
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Where an input is placed in the scanned folder: its relative path when it stays inside the working folder, else its name. */
function placeOf(given: string): string {
  const rel = normalize(given).replace(/\\/g, "/");
  if (!isAbsolute(rel) && !rel.startsWith("../") && rel !== "..") return rel.replace(/^\.\//, "");
  return rel.slice(rel.lastIndexOf("/") + 1) || "manifests.yaml";
}

/**
 * `assay manifests`: the deploy family's rules over rendered manifests, e.g. `helm template`
 * output for exact results where the static reading of a chart cannot resolve a template.
 * Each input is copied into a temporary folder (removed afterwards) and scanned like a checkout.
 */
export async function manifestsCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(args, { format: { type: "string", short: "f" }, output: { type: "string", short: "o" }, policy: { type: "string" }, "fail-on": { type: "string" }, "no-color": { type: "boolean" } }, Infinity, USAGE);
  if (positionals.length === 0) throw new AssayError("USAGE", "no manifests given", { hint: "pass files, or - for standard input: `helm template . | assay manifests -`" });
  const format: Format = formatFor(values.format, values.output, FORMATS, "text");
  const policy = await loadPolicy(io.cwd, values.policy, io.cwd);
  const failOn = values["fail-on"];
  if (failOn !== undefined) {
    if (failOn !== "none" && !isSeverity(failOn)) throw new AssayError("USAGE", `--fail-on takes a severity or none, not \`${failOn}\``, { hint: `one of: ${SEVERITIES.join(", ")}, none` });
    policy.fail.severity = failOn;
  }
  const dir = mkdtempSync(join(tmpdir(), "assay-manifests-"));
  try {
    let stdinUsed = false;
    for (const given of positionals) {
      let text: string;
      let place: string;
      if (given === "-") {
        if (stdinUsed) throw new AssayError("USAGE", "`-` given twice");
        stdinUsed = true;
        text = await readStdin(io);
        place = "stdin.yaml";
      } else {
        const path = resolve(io.cwd, given);
        let size: number;
        try {
          const st = statSync(path);
          // A folder is what a newcomer has at hand (a chart, a kustomize base, a folder of YAML): say where it goes.
          if (st.isDirectory()) throw new AssayError("USAGE", `${given} is a folder: assay manifests takes files of rendered manifests`, { hint: `pass its files (${given.replace(/\/+$/, "")}/*.yaml), render it (\`helm template ${given} | assay manifests -\`, \`kustomize build ${given} | assay manifests -\`), or scan it as a checkout: \`assay scan ${given}\`` });
          if (!st.isFile()) throw new AssayError("USAGE", `not a file: ${given}`);
          size = st.size;
        } catch (e) {
          if (e instanceof AssayError) throw e;
          throw new AssayError("TARGET_NOT_FOUND", `no such file: ${given}`);
        }
        if (size > MAX_INPUT) throw new AssayError("USAGE", `${given} is larger than 8 MiB`);
        text = readFileSync(path, "utf8");
        place = placeOf(given);
        if (!/\.(ya?ml|json)$/i.test(place)) place += ".yaml";
      }
      // A failed `helm template` in a pipe without pipefail hands on nothing: judging nothing would pass the gate.
      const what = given === "-" ? "standard input" : given;
      if (text.split("\n").every((line) => /^\s*(?:(?:---|\.\.\.)\s*|#.*)?$/.test(line))) throw new AssayError("USAGE", `${what} holds no manifests (it is empty)`, { hint: "did the command that renders them fail? In CI, `set -o pipefail` makes its failure fail the step" });
      // Text that names no kind is not Kubernetes manifests (an error page, the wrong file): nothing in it would be judged.
      if (!/\bkind["']?[ \t]{0,10}:/.test(text)) throw new AssayError("USAGE", `${what} holds no Kubernetes manifests (no \`kind:\` in it)`, { hint: "pass rendered manifests: `helm template . | assay manifests -`, `kustomize build . | assay manifests -`" });
      const target = join(dir, place);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const rules = FAMILIES.filter((f) => f.id === "deploy").flatMap((f) => f.rules).filter((r) => r.meta.check === "Secure-Defaults");
    const checkIds = new Set(rules.map((r) => r.meta.check));
    const assessment = await scan({ path: dir, displayPath: positionals.join(" "), policy: { ...policy, exclude: [] }, rules, checks: CHECKS.filter((c) => checkIds.has(c.id)), ...clocks(io, undefined) });
    // Objects the loader does not take for Kubernetes (no `apiVersion`) leave the check not applicable:
    // a gate passed on input nothing judged, as for empty input.
    if (assessment.checks.find((c) => c.id === "Secure-Defaults")?.status === "not-applicable") {
      throw new AssayError("USAGE", `${positionals.map((p) => (p === "-" ? "standard input" : p)).join(", ")} holds no Kubernetes objects assay can judge`, { hint: "each object needs `apiVersion` and `kind` (as `helm template` and `kustomize build` write them), in YAML that parses" });
    }
    const color = format === "text" && values.output === undefined && useColor(io, "stdout", values["no-color"] ? false : undefined);
    writeOutput(io, render(assessment, format, { color, verbose: false }), values.output);
    if (assessment.summary.ruleErrors > 0) return EXIT.internal;
    return assessment.gate.passed ? EXIT.passed : EXIT.failed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
