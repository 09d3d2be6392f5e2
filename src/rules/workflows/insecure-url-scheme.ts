import { isMap, isSeq } from "yaml";
import { mapGet, scalarString, yamlParser } from "../../ecosystems/formats/yaml.js";
import { str, type Str } from "../../ecosystems/github-actions/index.js";
import type { Rule } from "../types.js";
import { filesToJudge } from "../../core/link-out.js";
import { at, clip, stepKey } from "./lib/report.js";
import { sequenceLabel, sequences } from "./lib/sequences.js";
import { loadInputs } from "./lib/sites.js";

const URL = /\b(http|git):\/\/([A-Za-z0-9.-]{1,253})(?::\d{1,5})?[^\s"'`)<>]{0,500}/g;
const FETCHER = /\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|pip3?|pipx|uv|npm|yarn|pnpm|gem|bundle|git|apt-key|apt-add-repository|add-apt-repository|helm|go|cargo|composer|mvn|gradlew?|sdk|docker|ADD|source)\b/;
const KEY_HINT = /url|registry|index|repo|server|endpoint|source|mirror|host/i;

export const rule: Rule = {
  meta: {
    id: "workflows/insecure-url-scheme",
    title: "Code or packages fetched over plain HTTP or git://",
    severity: "high",
    confidence: "medium",
    check: "CI-Hygiene",
    rationale:
      "`http://` and `git://` are not encrypted or authenticated: anyone on the network path (a compromised router, a hostile Wi-Fi, a cloud neighbour) can replace what CI downloads with their own code, which then runs with the job's secrets.",
    remediation: "Use `https://` (and for git, `https://` or `ssh://`). If the server offers no TLS, pin what you fetch by its checksum and verify it before use.",
    references: [
      { title: "zizmor: insecure-url-scheme", url: "https://docs.zizmor.sh/audits/#insecure-url-scheme" },
      { title: "CWE-319: Cleartext Transmission of Sensitive Information", url: "https://cwe.mitre.org/data/definitions/319.html" },
      { title: "CWE-494: Download of Code Without Integrity Check", url: "https://cwe.mitre.org/data/definitions/494.html" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const inputs = await loadInputs(ctx);
    // A link inside the checkout is read through; one out of it makes the rule incomplete.
    const preCommit = await filesToJudge(ctx, (p) => /(?:^|\/)\.pre-commit-config\.ya?ml$/.test(p));
    if (inputs.workflows.length === 0 && inputs.actions.length === 0 && preCommit.length === 0) return ctx.notApplicable("no workflows, actions or pre-commit configuration in this repository");
    // `id` names the place for the fingerprint where `where` (said to people) holds a step's position.
    const report = (path: string, s: Str, where: string, m: RegExpExecArray, start: number, id = where): void => {
      const span = s.spanOf(start + m.index, start + m.index + m[0].length);
      ctx.report({
        message: `${where} fetches \`${clip(m[0], 120)}\` over ${m[1]}://, which anyone on the network path can tamper with`,
        locations: [at(path, span)],
        key: `${id}:${clip(m[0], 120)}`,
        fix: m[0].replace(/^(?:http|git):\/\//, "https://"),
      });
    };
    for (const seq of sequences(inputs.workflows, inputs.actions)) {
      for (const step of seq.steps) {
        const where = `step ${step.index + 1} of ${sequenceLabel(seq)}`;
        const id = `step ${stepKey({ job: seq.job, step, steps: seq.steps })} of ${seq.path}`;
        if (step.run && /(?:http|git):\/\//.test(step.run.value)) {
          let offset = 0;
          for (const line of step.run.value.split("\n")) {
            if (FETCHER.test(line) && !/^\s*#/.test(line)) for (const m of urls(line)) report(seq.path, step.run, where, m, offset, id);
            offset += line.length + 1;
          }
        }
        for (const [key, value] of Object.entries(step.with)) if (KEY_HINT.test(key)) for (const m of urls(value.value)) report(seq.path, value, `\`${key}:\` of ${where}`, m, 0, `\`${key}:\` of ${id}`);
      }
    }
    for (const f of preCommit) {
      const y = await ctx.parse(f.path, yamlParser);
      if (!y) continue;
      const repos = mapGet(y.doc.contents, "repos");
      for (const item of isSeq(repos) ? repos.items : []) {
        if (!isMap(item)) continue;
        const repo = str(y, mapGet(item, "repo"));
        if (!repo || scalarString(mapGet(item, "repo")) === undefined) continue;
        for (const m of urls(repo.value)) report(f.path, repo, `the pre-commit hook repository in ${f.path}`, m, 0);
      }
    }
  },
};

/** Plain-text URLs in a text, leaving out local and private addresses. */
function urls(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m; m = URL.exec(text)) {
    const host = (m[2] ?? "").toLowerCase();
    if (/^(?:localhost|127\.|0\.0\.0\.0|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|host\.docker\.internal$|[a-z0-9-]+$)/.test(host) || host.endsWith(".local") || host.endsWith(".internal") || host.endsWith(".localhost")) continue;
    out.push(m);
  }
  return out;
}
