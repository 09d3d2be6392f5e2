// CI systems other than GitHub Actions, as Scorecard's CI-Tests counts them (AppVeyor, Buildkite,
// CircleCI, Jenkins, Travis CI, Cirrus CI, Azure Pipelines, Prow, Packit…), read offline from the
// configuration they keep in the checkout: the command lines their files hold, and the tests some
// of them run without a command line (Travis CI's default script, CircleCI orbs' test jobs, Azure's
// test tasks, Zuul and Prow jobs named for tests, Packit's `tests` job).

import { lineIndex, type LineIndex } from "../../../core/line-index.js";
import type { FileEntry } from "../../types.js";
import { commandLines } from "./release-commands.js";
import { isTestName } from "./test-commands.js";

/** The configuration syntax of a CI system, which decides how its lines are read. */
type Syntax = "yaml" | "groovy" | "kotlin" | "starlark";

/** A CI system and where its configuration lives. */
interface CiSystem {
  name: string;
  path: RegExp;
  syntax: Syntax;
}

const SYSTEMS: readonly CiSystem[] = [
  { name: "GitLab CI", path: /^(?:\.gitlab-ci\.ya?ml|[^/]{1,100}\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.{1,200}\.ya?ml|\.gitlab-ci\/.{1,200}\.ya?ml)$/, syntax: "yaml" },
  { name: "CircleCI", path: /^\.circleci\/config\.ya?ml$/, syntax: "yaml" },
  { name: "Travis CI", path: /^\.travis\.ya?ml$/, syntax: "yaml" },
  { name: "Azure Pipelines", path: /^(?:\.?azure-pipelines[^/]{0,100}\.ya?ml|\.?azure-pipelines\/.{1,200}\.ya?ml|\.azure\/.{1,200}\.ya?ml|\.?pipelines\/[^/]{1,100}\.ya?ml)$/, syntax: "yaml" },
  { name: "Jenkins", path: /^(?:(?:.{1,200}\/)?Jenkinsfile(?:\.[\w.-]{1,60})?|[^/]{1,100}\.jenkinsfile)$/, syntax: "groovy" },
  { name: "Buildkite", path: /^\.buildkite\/(?:.{1,200}\/)?[^/]{1,100}\.ya?ml$/, syntax: "yaml" },
  { name: "Drone", path: /^\.drone\.ya?ml$/, syntax: "yaml" },
  { name: "AppVeyor", path: /^\.?appveyor\.ya?ml$/, syntax: "yaml" },
  { name: "Bitbucket Pipelines", path: /^bitbucket-pipelines\.ya?ml$/, syntax: "yaml" },
  { name: "Cirrus CI", path: /^\.cirrus\.ya?ml$/, syntax: "yaml" },
  { name: "Cirrus CI", path: /^\.cirrus\.star$/, syntax: "starlark" },
  { name: "Prow", path: /^(?:\.prow\.ya?ml|\.prow\/[^/]{1,100}\.ya?ml)$/, syntax: "yaml" },
  { name: "Zuul", path: /^(?:\.?zuul\.ya?ml|\.?zuul\.d\/[^/]{1,100}\.ya?ml)$/, syntax: "yaml" },
  { name: "Woodpecker", path: /^(?:\.woodpecker\.ya?ml|\.woodpecker\/[^/]{1,100}\.ya?ml)$/, syntax: "yaml" },
  { name: "Semaphore", path: /^\.semaphore\/[^/]{1,100}\.ya?ml$/, syntax: "yaml" },
  { name: "Gitea/Forgejo Actions", path: /^\.(?:gitea|forgejo)\/workflows\/[^/]{1,100}\.ya?ml$/, syntax: "yaml" },
  { name: "Packit", path: /^\.?packit\.ya?ml$/, syntax: "yaml" },
  { name: "Cloud Build", path: /^cloudbuild\.ya?ml$/, syntax: "yaml" },
  { name: "sourcehut builds", path: /^(?:\.build\.ya?ml|\.builds\/[^/]{1,100}\.ya?ml)$/, syntax: "yaml" },
  { name: "Bitrise", path: /^bitrise\.ya?ml$/, syntax: "yaml" },
  { name: "Codemagic", path: /^codemagic\.ya?ml$/, syntax: "yaml" },
  { name: "Codefresh", path: /^codefresh\.ya?ml$/, syntax: "yaml" },
  { name: "TeamCity", path: /^\.teamcity\/.{1,200}\.kts$/, syntax: "kotlin" },
];

/** A CI configuration file of the checkout. */
export interface CiFile {
  path: string;
  system: string;
  syntax: Syntax;
}

/** Configuration files past this many are not read (a monorepo's hundreds of Jenkinsfiles). */
const MAX_FILES = 200;

/** Configuration files of CI systems other than GitHub Actions, in path order. */
export function otherCiFiles(files: readonly FileEntry[]): CiFile[] {
  const out: CiFile[] = [];
  for (const f of files) {
    if (f.kind !== "file" || out.length >= MAX_FILES) continue;
    const system = SYSTEMS.find((s) => s.path.test(f.path));
    if (system) out.push({ path: f.path, system: system.name, syntax: system.syntax });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** A command a CI file holds, and where (1-based). */
export interface CiCommand {
  text: string;
  line: number;
  column: number;
}

/**
 * The commands a CI file's lines hold: YAML list items and `script:`/`command:` values with the
 * key and quotes removed, Jenkins `sh '…'` steps, TeamCity's `scriptContent = "…"`. Azure's Maven
 * and Gradle tasks name their goals under `goals:` and `tasks:`, read as `mvn` and `gradle` runs.
 */
export function ciCommands(file: CiFile, text: string): CiCommand[] {
  const index = lineIndex(text);
  const out: CiCommand[] = [];
  for (const l of commandLines(text)) {
    const command = commandOf(file, l.text.trim());
    if (command !== undefined && command !== "") out.push({ text: command, ...index.positionAt(l.offset) });
  }
  return out;
}

/** A value without the string quotes around it (`'make test'`, `"""…"""`, `"npm test")`). */
function unquote(value: string): string {
  let s = value.trim().replace(/[\s);]{1,20}$/, "");
  for (const q of ["'''", '"""', "'", '"']) {
    if (!s.startsWith(q)) continue;
    s = s.slice(q.length);
    return s.endsWith(q) ? s.slice(0, -q.length) : s;
  }
  return value.trim();
}

function commandOf(file: CiFile, line: string): string | undefined {
  if (file.syntax === "groovy" || file.syntax === "kotlin" || file.syntax === "starlark") {
    if (line.startsWith("//")) return undefined;
    // `sh 'make test'`, `sh(script: "npm test", returnStatus: true)`, `bat "gradlew.bat check"`.
    const step = /^(?:sh|bat|powershell|pwsh)\b[\s(]{0,10}(?:label\s{0,5}:\s{0,5}(?:'[^']{0,200}'|"[^"]{0,200}")\s{0,5},\s{0,5})?(?:script\s{0,5}:\s{0,5})?(.{0,5000})$/.exec(line);
    if (step) return unquote((step[1] ?? "").replace(/,\s{0,5}(?:returnStatus|returnStdout|label|encoding)\s{0,5}:.{0,300}$/, ""));
    const assign = /^(scriptContent|tasks|goals|script)\s{0,5}=\s{0,5}(.{1,5000})$/.exec(line);
    if (assign) return `${assign[1] === "tasks" ? "gradle " : assign[1] === "goals" ? "mvn " : ""}${unquote(assign[2] ?? "")}`;
    return line;
  }
  let rest = line.replace(/^(?:-[ \t]{1,10}){1,3}/, "");
  const key = /^["']?([\w.$-]{1,80})["']?[ \t]{0,10}:(?:[ \t]{1,10}|$)/.exec(rest);
  if (key) rest = rest.slice(key[0].length);
  if (rest === "" || rest.startsWith("|") || rest.startsWith(">") || rest.startsWith("{") || rest.startsWith("&") || rest.startsWith("*")) return undefined;
  // A flow list: commands (`["npm ci", "npm test"]`) or one command in exec form (`["pytest", "-x"]`).
  const flow = /^\[(.{0,5000})\]$/.exec(rest.trim());
  if (flow) {
    const items = (flow[1] ?? "").split(",").map((i) => unquote(i));
    rest = items.join(items.some((i) => /\s/.test(i)) ? "; " : " ");
  } else rest = unquote(rest.trim());
  if (file.system === "Azure Pipelines" && key) {
    if (key[1] === "goals") return `mvn ${rest}`;
    if (key[1] === "tasks") return `gradle ${rest}`;
    if (key[1] === "customCommand") return `npm ${rest}`;
  }
  return rest;
}

/** Travis CI languages whose default `script` runs the tests (npm test, rake, go test, cargo test…). */
const TRAVIS_DEFAULT_TESTS = new Set(["node_js", "ruby", "go", "rust", "java", "groovy", "elixir", "php", "clojure", "haskell", "dart", "perl", "perl6", "c", "cpp", "erlang", "scala", "crystal", "julia", "r", "d", "objective-c", "smalltalk", "nix", "elm"]);

/** Tests a CI file runs without a command line that says so, with the line that shows it. */
export function implicitTests(file: CiFile, text: string): { what: string; line: number } | undefined {
  const index = lineIndex(text);
  const at = (re: RegExp): { match: RegExpExecArray; line: number } | undefined => {
    const m = re.exec(text);
    return m ? { match: m, line: index.positionAt(m.index + (m[0].length - m[0].trimStart().length)).line } : undefined;
  };
  switch (file.system) {
    case "Travis CI": {
      const lang = at(/^language:[ \t]{0,10}["']?([\w-]{1,40})/m);
      if (lang && TRAVIS_DEFAULT_TESTS.has((lang.match[1] ?? "").toLowerCase()) && !/^script[ \t]{0,10}:/m.test(text)) return { what: `Travis CI's default test script for ${lang.match[1] ?? ""}`, line: lang.line };
      return undefined;
    }
    case "CircleCI": {
      const orb = at(/^[ \t]{0,40}-[ \t]{1,10}([\w-]{1,40}\/(?:test|tests|rspec-test|run-tests?|[\w-]{0,40}-tests?))[ \t]{0,10}:?[ \t]{0,10}$/m);
      return orb ? { what: `the orb job ${orb.match[1] ?? ""}`, line: orb.line } : undefined;
    }
    case "Azure Pipelines": {
      const task = at(/^[ \t]{0,40}-?[ \t]{0,10}task:[ \t]{0,10}(VSTest|PublishTestResults)@\d{1,3}/m) ?? at(/^[ \t]{0,40}command:[ \t]{0,10}["']?(test)["']?[ \t]{0,10}$/m);
      return task ? { what: task.match[1] === "test" ? "the DotNetCoreCLI test command" : `the ${task.match[1] ?? ""} task`, line: task.line } : undefined;
    }
    case "GitLab CI": {
      // Included templates and files named for tests (`template: Jobs/Test.gitlab-ci.yml`, `local: ci/unit-tests.yml`), Auto DevOps.
      for (const m of text.matchAll(/^[ \t]{0,40}-?[ \t]{0,10}(?:template|local|file|component|remote):[ \t]{0,10}["']?([^\s"'#]{1,300})/gm)) {
        const name = (m[1] ?? "").replace(/@.*$/, "").replace(/^.*\//, "").replace(/(?:\.gitlab-ci)?\.ya?ml$/i, "");
        if (isTestName(name) || /^Auto-DevOps$/i.test(name)) return { what: `the included ${m[1] ?? ""}`, line: index.positionAt((m.index ?? 0) + (m[0].length - m[0].trimStart().length)).line };
      }
      return undefined;
    }
    case "Jenkins": {
      // A stage named for tests, or the Jenkins plugins' shared `buildPlugin()` (which runs `mvn verify`).
      for (const m of text.matchAll(/\b(?:stage\s{0,5}\(\s{0,5}["']([^"'\n]{1,100})["']|(buildPlugin(?:WithGradle)?)\s{0,5}\()/g)) {
        if (m[2] !== undefined || isTestName(m[1] ?? "")) return { what: m[2] !== undefined ? `${m[2]}()` : `the stage ${m[1] ?? ""}`, line: index.positionAt(m.index ?? 0).line };
      }
      return undefined;
    }
    case "Packit": {
      const job = at(/^[ \t]{0,40}-?[ \t]{0,10}job:[ \t]{0,10}["']?tests["']?[ \t]{0,10}$/m);
      return job ? { what: "Packit's tests job (Testing Farm)", line: job.line } : undefined;
    }
    case "Zuul":
    case "Prow":
      return namedJobs(text, index, file.system);
    default:
      return undefined;
  }
}

/** Zuul project pipelines list jobs by name (`- openstack-tox-py312`, templates such as `openstack-python3-jobs`); Prow presubmits carry a `name:`. */
function namedJobs(text: string, index: LineIndex, system: string): { what: string; line: number } | undefined {
  const item = system === "Zuul" ? /^[ \t]{0,40}-[ \t]{1,10}(?:name:[ \t]{1,10})?([\w.-]{1,100})[ \t]{0,10}:?[ \t]{0,10}$/gm : /^[ \t]{0,40}-?[ \t]{0,10}name:[ \t]{1,10}["']?([\w.-]{1,100})["']?[ \t]{0,10}$/gm;
  for (const m of text.matchAll(item)) {
    const name = m[1] ?? "";
    if (isTestName(name) || /(?:^|-)(?:tox|nox|py3\d{0,2}|py\d{2,3}|python3?(?:-[\w]{1,20}){0,3}-jobs)(?:-|$)/.test(name)) {
      return { what: `the ${system} job ${name}`, line: index.positionAt((m.index ?? 0) + (m[0].length - m[0].trimStart().length)).line };
    }
  }
  return undefined;
}
