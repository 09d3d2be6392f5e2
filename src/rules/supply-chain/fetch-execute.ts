import { scorecardSkipsTestPath } from "../../core/dependency.js";
import type { Rule } from "../types.js";
import { findFetchExecute, findPowerShellFetchExecute, newFetchState, type FetchExecute, type FetchState } from "./lib/fetch-execute.js";
import { powerShellAsShell } from "./lib/powershell.js";
import { SCORECARD_DOWNLOADERS, SCORECARD_INTERPRETERS } from "./lib/scorecard-taint.js";
import { scorecardReads, scriptSources } from "./lib/sources.js";

/** `source` and `eval` run shell code: the fix runs the file with a shell. */
const SOURCE_ONLY = new Set(["source", ".", "eval"]);

/** The extension a downloaded script keeps in the fix, so `python <(curl …/get.py)` is not told to save a .sh. */
const SCRIPT_EXT: ReadonlyMap<string, string> = new Map([["python", "py"], ["node", "js"], ["nodejs", "js"], ["perl", "pl"], ["ruby", "rb"], ["php", "php"]]);
const programBase = (p: string): string => p.slice(p.lastIndexOf("/") + 1).replace(/\d[\d.]{0,6}$/, "").toLowerCase();

/**
 * Whether Scorecard counts this download-and-run. It sees a downloader piped straight into an
 * interpreter, an interpreter whose first argument is `<(download)`, and a file saved by `>`,
 * wget, gsutil or get-object then run by the same path (see scorecard-taint.ts); not
 * `bash -c "$(curl …)"`, a pipe through another command, or `curl -o file`.
 * Those run downloaded code all the same, so they are reported, but shown beside the score rather than weighed.
 */
function scorecardSees(f: FetchExecute, text: string): boolean {
  const downloader = f.downloader.slice(f.downloader.lastIndexOf("/") + 1).toLowerCase();
  const interpreter = f.interpreter.slice(f.interpreter.lastIndexOf("/") + 1).toLowerCase();
  if (f.how === "download-then-run") return f.scorecard === true;
  if (!SCORECARD_DOWNLOADERS.has(downloader)) return false;
  // Of the AWS CLI, Scorecard knows only `aws s3api get-object`, not `aws s3 cp`.
  if (downloader === "aws" && !/\bs3api\s{1,20}get-object\b/.test(text)) return false;
  if (f.how === "pipe") {
    const parts = text.split("|");
    // Scorecard drops every `sudo` word and takes the first word left for the program: `| sudo bash`
    // is bash, `| sudo -E bash -` (NodeSource's instructions) is `-E`, no interpreter.
    const first = (parts[1] ?? "").split(/\s+/).find((w) => w !== "" && w.toLowerCase() !== "sudo") ?? "";
    return parts.length === 2 && SCORECARD_INTERPRETERS.has(first.slice(first.lastIndexOf("/") + 1).toLowerCase());
  }
  return f.how === "substitution" && SCORECARD_INTERPRETERS.has(interpreter) && /^\S{1,200}[ \t]{1,20}<\(/.test(text);
}

export const rule: Rule = {
  meta: {
    id: "supply-chain/fetch-execute",
    title: "Downloaded code is run without a checksum",
    severity: "high",
    confidence: "high",
    check: "Pinned-Dependencies",
    rationale:
      "`curl … | sh`, `bash -c \"$(curl …)\"` and a downloaded installer run straight away execute whatever the server returns at that moment: a compromised host, a hijacked domain or a changed script runs with the build's (or the user's) privileges, and nothing records what ran. Piping also runs a partial script when the connection drops. All these forms are reported; Pinned-Dependencies weighs only those Scorecard counts (curl, wget, gsutil or `aws s3api get-object` piped straight into an interpreter, `interpreter <(download)`, a file saved with `>` or by wget then run), and shows the rest (`bash -c \"$(curl …)\"`, `curl -o file`, a pipe through `tee`, zsh) beside the score: Scorecard misses them, but they run downloaded code all the same.",
    remediation:
      "Download to a file, check it against a SHA-256 you pinned after reviewing it (or verify its signature), then run it: `curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`. Only a check of that file against a value the download cannot choose counts: a hash printed (`sha256sum install.sh`), computed by the script from the download or downloaded beside it unverified checks nothing. Better still, install a versioned package, or fetch the script from an immutable URL (a forge's raw file at a full commit hash, such as `https://raw.githubusercontent.com/<owner>/<repo>/<commit>/install.sh`, not a branch). In a Dockerfile, `ADD --checksum=sha256:… URL` does the download and the check.",
    references: [
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "CWE-494: Download of Code Without Integrity Check", url: "https://cwe.mitre.org/data/definitions/494.html" },
      { title: "Dockerfile reference: ADD --checksum", url: "https://docs.docker.com/reference/dockerfile/#add---checksum" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const sources = await scriptSources(ctx);
    if (sources.length === 0) return ctx.notApplicable("no workflow steps, Dockerfiles, shell scripts or Makefiles");
    const groups = new Map<string, FetchState>();
    for (const src of sources) {
      // A download in one step (or RUN) and its execution in a later one of the same job (or stage).
      let group = groups.get(src.group);
      if (!group) groups.set(src.group, (group = newFetchState()));
      for (const d of group.downloads.values()) d.start = -1;
      const found = src.powershell ? powerShellFindings(src.script, group) : findFetchExecute(src.script, group);
      for (const f of found) {
        const loc = src.locate(f.start, f.end);
        const snippet = src.script.slice(f.start, Math.min(f.end, f.start + 300)).replace(/\\\r?\n\s*/g, " ");
        const of = f.url ? ` of ${f.url}` : "";
        const what =
          f.how === "pipe"
            ? `pipes a download${of} from ${f.downloader} into ${f.interpreter}`
            : f.how === "substitution"
              ? `runs a download${of} with ${f.interpreter} through a substitution`
              : f.how === "variable"
                ? `keeps a download${of} from ${f.downloader} in a variable and runs it with ${f.interpreter}`
                : `downloads ${f.file}${f.url ? ` from ${f.url}` : ""} and runs it without checking a checksum or signature`;
        const file = f.file ?? (src.powershell ? "install.ps1" : `install.${SCRIPT_EXT.get(programBase(f.interpreter)) ?? "sh"}`);
        const interp = f.how === "download-then-run" ? (f.interpreter === f.file ? "" : f.interpreter) : SOURCE_ONLY.has(f.interpreter) ? "bash" : f.interpreter;
        const runIt = interp === "" ? `./${file}` : `${interp} ${file}`;
        ctx.report({
          message: `${src.kind === "workflow" ? "workflow step" : src.kind === "dockerfile" ? "Dockerfile RUN" : src.kind === "makefile" ? "Makefile recipe" : "script"} ${what}`,
          locations: [loc],
          snippet,
          evidence: { how: f.how, downloader: f.downloader, interpreter: f.interpreter, url: f.url ?? null, source: src.kind },
          key: `${f.how}:${f.url ?? snippet}`,
          // Under testdata/ or src/test/ it is most likely a fixture.
          ...(scorecardSkipsTestPath(src.path) ? { confidence: "low" as const } : {}),
          // Never pinned, so never counted as judged: Scorecard records only the unchecked ones too.
          dependency: scorecardReads(src) && scorecardSees(f, src.script.slice(f.start, f.end)) ? "download-then-run" : "other-download",
          fix: src.powershell
            ? `Invoke-WebRequest ${f.url ?? "URL"} -OutFile ${file}; if ((Get-FileHash ${file} -Algorithm SHA256).Hash -ne '<sha256>') { throw 'checksum mismatch' }; & ./${file}`
            : src.kind === "dockerfile" && f.url
              ? `ADD --checksum=sha256:<sha256> ${f.url} /tmp/${file}\nRUN ${interp === "" ? `/tmp/${file}` : `${interp} /tmp/${file}`}`
              : `${fetchTo(f.url, file)} && echo "<sha256>  ${file}" | sha256sum -c - && ${runIt}`,
        });
      }
    }
  },
};

/** The command that saves a download to a file, with the tool its URL needs (a bucket's object is fetched with its own CLI). */
function fetchTo(url: string | undefined, file: string): string {
  if (url?.startsWith("gs://")) return `gsutil cp ${url} ${file}`;
  if (url?.startsWith("s3://")) return `aws s3 cp ${url} ${file}`;
  return `curl -fsSLo ${file} ${url ?? "URL"}`;
}

/** A PowerShell script's findings: its own line-based reading, then the shell reading of lines it did not report (one finding per line). */
function powerShellFindings(script: string, group: FetchState): FetchExecute[] {
  const ps = findPowerShellFetchExecute(script);
  const lineOf = (offset: number): number => script.slice(0, offset).split("\n").length;
  const lines = new Set(ps.map((f) => lineOf(f.start)));
  // The shell reading sees pipes inside PowerShell strings as pipes: only its download-then-run is kept.
  return [...ps, ...findFetchExecute(powerShellAsShell(script), group).filter((f) => f.how === "download-then-run" && !lines.has(lineOf(f.start)))];
}
