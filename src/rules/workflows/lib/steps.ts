import type { Job, Step, Str, Workflow } from "../../../ecosystems/github-actions/index.js";
import { INJECTION_SINKS, lookup } from "./actions-data.js";
import type { Site } from "./sites.js";

/** The shell a `run:` step uses, normalised (`bash -e {0}` → `bash`; Windows runners default to `pwsh`). */
export function shellOf(step: Step, job: Job | undefined, workflow: Workflow | undefined): string {
  const declared = step.shell?.value ?? job?.defaults.shell?.value ?? workflow?.defaults.shell?.value;
  if (declared) return shellProgram(declared);
  const windows = job?.runsOn.some((l) => /windows/i.test(l.value)) ?? false;
  return windows ? "pwsh" : "bash";
}

/** The program a `shell:` value names, as GitHub picks it (`bash -e {0}` → `bash`, `C:\\Windows\\cmd.exe /D /C {0}` → `cmd`). */
export function shellProgram(value: string): string {
  const first = value.trim().split(/\s+/)[0] ?? "";
  return (first.split(/[\\/]/).pop() ?? first).replace(/\.exe$/i, "").toLowerCase();
}

/** A place in a step where text is evaluated as code: its `run:` script or an input a known action runs. */
export interface Sink {
  str: Str;
  kind: "run" | "input";
  /** The input's name for `input` sinks (`script`). */
  input?: string;
  /** The action for `input` sinks (`actions/github-script`). */
  action?: string;
}

/** The code sinks of a step. */
export function sinksOf(step: Step): Sink[] {
  if (step.run) return [{ str: step.run, kind: "run" }];
  if (step.uses?.kind === "docker") return dockerShellSinks(step);
  const hit = lookup(INJECTION_SINKS, step);
  if (!hit) return [];
  const out: Sink[] = [];
  for (const [key, value] of Object.entries(step.with)) if (hit[1].includes(key.toLowerCase())) out.push({ str: value, kind: "input", input: key, action: hit[0] });
  return out;
}

/** A POSIX shell named as a program (`sh`, `/bin/bash`, `/usr/bin/env bash`). */
const SHELL_PROGRAM = /^(?:\/usr\/bin\/env[ \t]{1,10})?(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|a)?sh$/;
/** A shell's `-c` (alone or among its flags: `-ec`, `-xc`) as a word of `args`. */
const DASH_C = /(?:^|[ \t])-[A-Za-z]{0,5}c(?=[ \t]|$)/;
/** `args` that start the image's own command with a shell and `-c`, for an image without an entrypoint (alpine). */
const SHELL_ARGS = /^[ \t]{0,20}(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|a)?sh[ \t]{1,20}(?:-[A-Za-z]{1,5}[ \t]{1,20}){0,3}-[A-Za-z]{0,5}c(?=[ \t]|$)/;

/**
 * A `docker://` step whose container runs `args` as a shell's `-c` script (`entrypoint: sh`, `args: -c "echo …"`):
 * GitHub writes the expressions into `args` before the container starts, so they are code there as in `run:`.
 */
function dockerShellSinks(step: Step): Sink[] {
  const args = step.with["args"];
  if (!args) return [];
  const entrypoint = step.with["entrypoint"]?.value.trim();
  const shell = entrypoint !== undefined && entrypoint !== "" ? SHELL_PROGRAM.test(entrypoint) && DASH_C.test(args.value) : SHELL_ARGS.test(args.value);
  return shell ? [{ str: args, kind: "input", input: "args", action: `docker://${step.uses?.image ?? ""}` }] : [];
}

/** The steps of a site's job or action before the site's step. */
export function stepsBefore(site: Site): readonly Step[] {
  const i = site.steps.indexOf(site.step);
  return i < 0 ? [] : site.steps.slice(0, i);
}

/** The steps after the site's step. */
export function stepsAfter(site: Site): readonly Step[] {
  const i = site.steps.indexOf(site.step);
  return i < 0 ? [] : site.steps.slice(i + 1);
}
