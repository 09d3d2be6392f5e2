import { safeGlob } from "../core/glob.js";
import type { OptionValue, RuleMeta } from "../core/rule.js";
import { severityRank } from "../core/severity.js";
import { defaultPolicy, type Policy } from "./policy-file.js";

/**
 * Files nearly every project has and the checks judge: workflows, actions, lockfiles and manifests,
 * container files, source. An exclude pattern that matches one of them (`**`, `.github/**`,
 * `*.yml`) takes evidence out of the scan, not fixtures or vendored code, and the checks that would
 * have judged it then read "not applicable".
 */
const EVIDENCE = [
  ".github/workflows/ci.yml",
  ".github/workflows/release.yaml",
  ".github/actions/setup/action.yml",
  "action.yml",
  ".github/dependabot.yml",
  ".gitlab-ci.yml",
  "Dockerfile",
  "compose.yaml",
  "docker-compose.yml",
  "k8s/deployment.yaml",
  "charts/app/values.yaml",
  "package.json",
  "package-lock.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "requirements.txt",
  "poetry.lock",
  "uv.lock",
  "go.mod",
  "go.sum",
  "Cargo.lock",
  "Gemfile.lock",
  "composer.lock",
  "pom.xml",
  "src/index.js",
  "src/main.py",
  "main.go",
  ".env",
];

/** The first file of EVIDENCE a policy's exclude pattern leaves out, if any. */
export function excludedEvidence(pattern: string): string | undefined {
  const m = safeGlob(pattern, { dot: true });
  return EVIDENCE.find((p) => m(p));
}

/**
 * Rule options by whether a value other than the default lets findings pass. Every option of every
 * rule is in one list or the other (a test holds it to that), so a new option is classified when it
 * is added rather than left out of `policy-loosens` by accident.
 */
export const OPTIONS_THAT_LOOSEN: Readonly<Record<string, readonly string[]>> = {
  // `allow-tags: ["*"]` accepts every action pinned by tag: the rule is off in all but name.
  "workflows/unpinned-uses": ["allow-tags"],
  "supply-chain/unpinned-package-install": ["ignore"],
  // A number is the least the rule accepts: only a smaller one loosens it.
  "workflows/dependabot-cooldown": ["days"],
};
export const OPTIONS_THAT_TIGHTEN: Readonly<Record<string, readonly string[]>> = {
  "workflows/unpinned-uses": ["forbidden-uses"],
  // Its default already lowers unreached packages; `false` only raises them back.
  "deps/vulnerable-dependency": ["reachability"],
};

function optionText(v: OptionValue): string {
  return Array.isArray(v) ? (v as readonly string[]).join(", ") : String(v);
}

function sameValue(a: OptionValue, b: OptionValue | undefined): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;
}

/** How many names a phrase lists before it says "and N more". */
const LISTED = 3;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(", ");
  return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a policy does that can make a repository pass without a word in the findings: rules
 * turned off, made less severe or given options that accept what they report, paths left out of
 * the scan (those that hold what the checks judge said apart), and a gate set to ignore some
 * findings or incomplete checks. Only `rules` (those that run) are named among rules turned off or
 * lowered. Exceptions and baselined findings are left out: the report already lists each one with
 * its status. Empty when the policy loosens nothing.
 */
export function policyLoosening(policy: Policy, rules: readonly RuleMeta[]): string[] {
  const defaults = defaultPolicy().fail;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const off = Object.entries(policy.rules).filter(([id, s]) => s.off && byId.has(id)).map(([id]) => id);
  const lowered = Object.entries(policy.rules).flatMap(([id, s]) => {
    const meta = byId.get(id);
    return !s.off && s.severity !== undefined && meta !== undefined && severityRank(s.severity) < severityRank(meta.severity) ? [`${id} ${meta.severity} → ${s.severity}`] : [];
  });
  const options = Object.entries(policy.rules).flatMap(([id, s]) => {
    const meta = byId.get(id);
    if (s.off || meta === undefined) return [];
    return (OPTIONS_THAT_LOOSEN[id] ?? []).flatMap((name) => {
      const v = s.options[name];
      const empty = v === undefined || (Array.isArray(v) && v.length === 0);
      const def = meta.options?.[name]?.default;
      const stricter = typeof v === "number" && typeof def === "number" && v >= def;
      return empty || stricter || sameValue(v, def) ? [] : [`${id} ${name}: ${optionText(v)}`];
    });
  });
  /** Each pattern with the first file of EVIDENCE it covers, if any. */
  const covering = (patterns: readonly string[]) => patterns.map((p) => ({ p, file: excludedEvidence(p) }));
  const covers = (list: { p: string; file: string | undefined }[]): string[] => list.flatMap(({ p, file }) => (file === undefined ? [] : [`${p} covers ${file}`]));
  const excluded = covering(policy.exclude);
  const broad = covers(excluded);
  const narrow = excluded.filter((x) => x.file === undefined).map((x) => x.p);
  // An allowlist of fixtures is what the key is for; one that covers workflows or source accepts
  // every secret committed there from now on, with no expiry and no finding ever open.
  const secretsAllowed = covers(covering(policy.secrets?.allowPaths ?? []));
  const out: string[] = [];
  if (off.length > 0) out.push(`turns off ${count(off.length, "rule", "rules")} (${listed(off)})`);
  if (lowered.length > 0) out.push(`lowers the severity of ${count(lowered.length, "rule", "rules")} (${listed(lowered)})`);
  if (options.length > 0) out.push(`sets ${count(options.length, "rule option", "rule options")} that let findings pass (${listed(options)})`);
  if (broad.length > 0) out.push(`leaves files the checks judge out of the scan (${listed(broad)})`);
  if (secretsAllowed.length > 0) out.push(`accepts any secret in files the checks judge (secrets.allow.paths: ${listed(secretsAllowed)})`);
  if (narrow.length > 0) out.push(`leaves ${count(narrow.length, "path pattern", "path patterns")} out of the scan (${listed(narrow)})`);
  const failOn = policy.fail.severity;
  if (failOn === "none") out.push("fails the gate on no finding's severity");
  else if (defaults.severity !== "none" && severityRank(failOn) > severityRank(defaults.severity)) out.push(`fails the gate only on ${failOn} findings`);
  if (!policy.fail.incomplete) out.push("lets checks whose evidence could not be read pass the gate");
  if (policy.fail.malicious === false) out.push("lets known malicious packages pass the gate");
  if (policy.fail.dependencies?.directOnly) out.push("counts only direct dependencies' vulnerabilities against the gate");
  if (policy.fail.dependencies?.fixableOnly) out.push("counts only vulnerabilities with a known fix against the gate");
  return out;
}
