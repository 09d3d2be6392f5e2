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
  /**
   * Files that are neither a known language nor documentation, configuration or media (Terraform,
   * notebooks, a language assay does not name): code that may be there, so a rule that would not
   * apply without code still applies.
   */
  otherFiles: number;
}

/** Languages that are not code with a test suite of its own. */
const NOT_CODE = new Set(["Dockerfile", "Makefile", "HCL", "Shell", "PowerShell"]);
/** Paths that are not the project's own code: vendored, examples, documentation sites, web assets, minified bundles. */
const NOT_PROJECT_CODE = /(?:^|\/)(?:node_modules|vendor|third_party|third-party|bower_components|examples?|samples?|docs?|website|site|_site|static|assets|public|themes?|_includes|_layouts|testdata|fixtures|__fixtures__)\/|\.min\.[cm]?js$/i;
/** Tests of a shell project: a test folder, Bats files, `*_test.sh`. */
const SHELL_TESTS = /(?:^|\/)(?:tests?|spec)\/|\.bats$|_test\.sh$|(?:^|\/)test_[^/]{1,100}\.sh$/;
/** Extensions of documentation, configuration, data and media: not code. */
const NOT_CODE_EXTENSION = /\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|org|rtf|pdf|html?|css|scss|sass|less|svg|png|jpe?g|gif|webp|ico|bmp|tiff?|psd|mp[34]|mov|webm|wav|ogg|woff2?|ttf|otf|eot|ya?ml|json[c5]?|toml|ini|cfg|conf|xml|csv|tsv|log|lock|zip|gz|tgz|tar|7z|afb|bib|drawio|excalidraw|pptx?|docx?|xlsx?|odt|odp)$/i;
/** Names without an extension that are documentation or metadata. */
const NOT_CODE_NAME = /(?:^|\/)(?:LICEN[CS]E|COPYING|NOTICE|AUTHORS|CONTRIBUTORS|README|CHANGELOG|CHANGES|HISTORY|CODEOWNERS|OWNERS|OWNERS_ALIASES|MAINTAINERS|SECURITY|VERSION|PATENTS|CITATION)(?:[.-][^/]{0,40})?$/i;
/** A Helm chart's metadata file. */
const HELM_CHART = /(?:^|\/)Chart\.yaml$/;

/** Censuses already taken, by file list: ci-tests and sast each ask for the same checkout's. */
const taken = new WeakMap<readonly FileEntry[], ProjectCode>();

/** The project's own code among the checkout's files (counted once per file list). */
export function projectCode(files: readonly FileEntry[]): ProjectCode {
  let code = taken.get(files);
  if (!code) taken.set(files, (code = census(files)));
  return code;
}

function census(files: readonly FileEntry[]): ProjectCode {
  const counts = new Map<string, number>();
  let shellFiles = 0;
  let shellTests = false;
  let charts = false;
  let otherFiles = 0;
  for (const f of files) {
    if (f.kind !== "file" || /(?:^|\/)\./.test(f.path) || NOT_PROJECT_CODE.test(f.path)) continue;
    if (HELM_CHART.test(f.path)) charts = true;
    const lang = languageOf(f.path);
    if (!lang && !NOT_CODE_EXTENSION.test(f.path) && !NOT_CODE_NAME.test(f.path)) otherFiles++;
    if (lang === "Shell" || lang === "PowerShell") shellFiles++;
    if (SHELL_TESTS.test(f.path)) shellTests = true;
    if (lang && !NOT_CODE.has(lang)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    // Terraform has no test suite of its own here, but it is code that IaC scanners analyse.
    if (lang === "HCL") otherFiles++;
  }
  const main = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return { ...(main ? { main } : {}), shellFiles, shellTests, charts, otherFiles };
}
