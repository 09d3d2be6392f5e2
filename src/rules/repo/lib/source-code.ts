// What a repository's own code is, by file name: the main programming language and whether there
// are shell scripts, shell tests or Helm charts. Vendored code, examples, documentation sites and
// dot-folders are not the project's code. Rules that do not apply to a repository without code
// (CI tests, SAST) decide on this.

import { languageOf } from "../../../ecosystems/languages.js";
import type { FileEntry } from "../../types.js";

/** The project's own code, counted by file name. */
export interface ProjectCode {
  /** The most common programming language (ties broken by name), shell, build files and HCL left out. */
  main?: string;
  /** Shell and PowerShell scripts. */
  shellFiles: number;
  /** A test folder, Bats files or `*_test.sh`: the shell scripts have tests. */
  shellTests: boolean;
  /** A Helm chart (its Chart.yaml): the chart's templates are code that chart-testing and helm-unittest test. */
  charts: boolean;
}

/** Languages that are not code with a test suite of its own. */
const NOT_CODE = new Set(["Dockerfile", "Makefile", "HCL", "Shell", "PowerShell"]);
/** Paths that are not the project's own code: vendored, examples, documentation sites, web assets, minified bundles. */
const NOT_PROJECT_CODE = /(?:^|\/)(?:node_modules|vendor|third_party|third-party|bower_components|examples?|samples?|docs?|website|site|_site|static|assets|public|themes?|_includes|_layouts|testdata|fixtures|__fixtures__)\/|\.min\.[cm]?js$/i;
/** Tests of a shell project: a test folder, Bats files, `*_test.sh`. */
const SHELL_TESTS = /(?:^|\/)(?:tests?|spec)\/|\.bats$|_test\.sh$|(?:^|\/)test_[^/]{1,100}\.sh$/;
/** A Helm chart's metadata file. */
const HELM_CHART = /(?:^|\/)Chart\.yaml$/;

/** The project's own code among the checkout's files. */
export function projectCode(files: readonly FileEntry[]): ProjectCode {
  const counts = new Map<string, number>();
  let shellFiles = 0;
  let shellTests = false;
  let charts = false;
  for (const f of files) {
    if (f.kind !== "file" || /(?:^|\/)\./.test(f.path) || NOT_PROJECT_CODE.test(f.path)) continue;
    if (HELM_CHART.test(f.path)) charts = true;
    const lang = languageOf(f.path);
    if (lang === "Shell" || lang === "PowerShell") shellFiles++;
    if (SHELL_TESTS.test(f.path)) shellTests = true;
    if (lang && !NOT_CODE.has(lang)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return { ...(main ? { main } : {}), shellFiles, shellTests, charts };
}
