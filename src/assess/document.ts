import { homedir } from "node:os";
import type { Assessment, RuleResult } from "../core/assessment.js";
import type { Finding, Location } from "../core/finding.js";
import type { AssessmentSection } from "../core/rule.js";
import type { Answer, Answers } from "./answers.js";
import { QUESTIONS } from "./questions.js";
import { SURFACE_KINDS, type Stride, type SurfaceItem } from "./surface.js";

// The self-assessment as a document model, built from the assessment (every rule's verdict,
// findings and passing evidence, grouped by the template section its meta names), the
// maintainers' answers and the attack surface. Renderers turn it into Markdown or HTML. A new
// family's rules appear here by their `assessmentSection` alone: nothing in this file names a rule.

/** How one piece of evidence reads: a pass, a problem, or why there is no verdict. */
export type EvidenceState = "pass" | "fail" | "accepted" | "incomplete" | "not-applicable" | "not-available" | "error";

/** One cited piece of evidence. */
export interface EvidenceItem {
  state: EvidenceState;
  text: string;
  ruleId: string;
  locations: Location[];
}

/** A block of a section. */
export type Block =
  | { kind: "paragraph"; text: string }
  /** `label`: the template's word for one of several answers under one heading (Critical, Inbound…). */
  | { kind: "answer"; key: string; value: Answer; label?: string }
  | { kind: "prompt"; key: string; guidance: string; required: boolean }
  | { kind: "evidence"; items: EvidenceItem[]; more: number }
  /** `links`: the cells are the maintainers' answers and the repository's address, whose URLs stay links; other tables quote the repository and link nothing. */
  | { kind: "table"; header: string[]; rows: string[][]; links?: boolean }
  | { kind: "places"; items: SurfaceItem[]; more: number };

/** One heading and what is under it. */
export interface DocSection {
  id: string;
  title: string;
  depth: 2 | 3;
  blocks: Block[];
}

/** The whole document. */
export interface SelfAssessmentDoc {
  project: string;
  sections: DocSection[];
  /** Required questions without an answer (`--check` fails while any is left). */
  missingRequired: string[];
}

/** Evidence items listed per rule before "and N more". */
const MAX_PER_RULE = 8;
const MAX_PLACES = 12;

/** Builds the self-assessment from the evidence and the answers. */
export function buildSelfAssessment(scanned: Assessment, answers: Answers, surface: readonly SurfaceItem[], fallbackName?: string, home = homedir()): SelfAssessmentDoc {
  const a = portable(scanned, home);
  const missingRequired = QUESTIONS.filter((q) => q.required && !answers.values.has(q.key)).map((q) => q.key);
  const project = text(answers, "project.name") ?? projectName(a, fallbackName);
  const ask = (key: string, label?: string): Block => {
    const v = answers.values.get(key);
    if (v !== undefined) return { kind: "answer", key, value: v, ...(label !== undefined ? { label } : {}) };
    const q = QUESTIONS.find((x) => x.key === key);
    return { kind: "prompt", key, guidance: q?.guidance ?? "", required: q?.required ?? false };
  };
  const evidence = (section: AssessmentSection): Block[] => evidenceBlocks(a, section);
  const sections: DocSection[] = [
    {
      id: "intro",
      title: `${project}: security self-assessment`,
      depth: 2,
      blocks: [
        { kind: "paragraph", text: `This self-assessment follows the CNCF TAG-Security self-assessment template. assay drafted it from the evidence in the repository and fills every section that evidence can fill, citing the file and line and the rule (\`assay explain RULE-ID\` tells what a rule checks); the sections only people can answer come from ${answers.source ?? ".assay/assessment.yml (\`assay assess --init\` writes it, every question commented)"} and are marked "To answer" until they are. It is an internal analysis of the project's security, not an audit.` },
        ...(missingRequired.length > 0 ? [{ kind: "paragraph" as const, text: `Required answers still missing: ${missingRequired.map((k) => `\`${k}\``).join(", ")}.` }] : []),
      ],
    },
    { id: "metadata", title: "Metadata", depth: 2, blocks: [metadataTable(a, answers, missingRequired), ...evidence("metadata")] },
    // What the repository holds is found; what is published elsewhere only the maintainers know.
    { id: "security-links", title: "Security links", depth: 3, blocks: [securityLinks(a), ask("security-links", "Published elsewhere")] },
    { id: "overview", title: "Overview", depth: 2, blocks: [ask("overview.summary"), ...evidence("overview")] },
    { id: "background", title: "Background", depth: 3, blocks: [ask("overview.background")] },
    { id: "actors", title: "Actors", depth: 3, blocks: [ask("overview.actors")] },
    { id: "actions", title: "Actions", depth: 3, blocks: [ask("overview.actions")] },
    { id: "goals", title: "Goals", depth: 3, blocks: [ask("overview.goals")] },
    { id: "non-goals", title: "Non-goals", depth: 3, blocks: [ask("overview.non-goals")] },
    {
      id: "self-assessment-use",
      title: "Self-assessment use",
      depth: 2,
      blocks: [
        { kind: "paragraph", text: `This document gives ${project}'s users and the CNCF TAG-Security a first understanding of the project's security: where its security documentation is, how it is developed and released, and how it handles vulnerabilities. It does not certify the project's security, and it is not an independent assessment or an attestation.` },
        ...(answers.values.has("self-assessment-use") ? [ask("self-assessment-use")] : []),
      ],
    },
    { id: "security-functions", title: "Security functions and features", depth: 2, blocks: [ask("security-functions.critical", "Critical"), ask("security-functions.security-relevant", "Security relevant"), ...evidence("security-functions")] },
    { id: "project-compliance", title: "Project compliance", depth: 2, blocks: [ask("project.compliance"), ...evidence("project-compliance")] },
    {
      id: "secure-development-practices",
      title: "Secure development practices",
      depth: 2,
      // A bare table of check names means little to a reviewer who has not run assay.
      blocks: [{ kind: "paragraph", text: "assay's checks of the repository, each scored from 0 to 10 (`assay explain CHECK` tells what one measures); the evidence behind them is cited in the sections below." }, scoresTable(a)],
    },
    // What the repository cannot show offline (reviewers per merge, signed commits) is the maintainers' to say.
    { id: "development-pipeline", title: "Development pipeline", depth: 3, blocks: [ask("development-pipeline"), ...evidence("secure-development-practices/development-pipeline")] },
    { id: "communication-channels", title: "Communication channels", depth: 3, blocks: [ask("communication-channels.internal", "Internal"), ask("communication-channels.inbound", "Inbound"), ask("communication-channels.outbound", "Outbound"), ...evidence("secure-development-practices/communication-channels")] },
    { id: "ecosystem", title: "Ecosystem", depth: 3, blocks: [ask("ecosystem"), ecosystemTable(a), ...evidence("secure-development-practices/ecosystem")] },
    { id: "security-issue-resolution", title: "Security issue resolution", depth: 2, blocks: [] },
    { id: "responsible-disclosure", title: "Responsible disclosures process", depth: 3, blocks: evidence("security-issue-resolution/responsible-disclosure") },
    { id: "vulnerability-response", title: "Vulnerability response process", depth: 3, blocks: [ask("vulnerability-response"), ...evidence("security-issue-resolution/vulnerability-response")] },
    { id: "incident-response", title: "Incident response", depth: 3, blocks: [ask("incident-response"), ...evidence("security-issue-resolution/incident-response")] },
    { id: "appendix", title: "Appendix", depth: 2, blocks: [] },
    { id: "known-issues", title: "Known issues over time", depth: 3, blocks: [ask("known-issues"), ...evidence("appendix/known-issues")] },
    { id: "best-practices", title: "OpenSSF Best Practices", depth: 3, blocks: [ask("best-practices"), ...evidence("appendix/best-practices")] },
    { id: "case-studies", title: "Case studies", depth: 3, blocks: [ask("case-studies")] },
    { id: "related-projects", title: "Related projects / vendors", depth: 3, blocks: [ask("related-projects")] },
    ...threatModel(surface),
  ];
  for (const s of sections) if (s.blocks.length === 0 && s.depth === 3) s.blocks.push({ kind: "paragraph", text: "No evidence in the repository speaks to this yet." });
  return { project, sections, missingRequired };
}

function text(answers: Answers, key: string): string | undefined {
  const v = answers.values.get(key);
  return typeof v === "string" ? v : undefined;
}

/** The project's name from the remote (`org/name.git` → name), else the folder's name. */
function projectName(a: Assessment, fallback: string | undefined): string {
  const remote = a.target.remote ?? "";
  const m = /([^/:]{1,100}?)(?:\.git)?\/?$/.exec(remote);
  if (m?.[1]) return m[1];
  const parts = a.target.path.replace(/\/+$/, "").split("/");
  const last = parts[parts.length - 1];
  return last && last !== "." && last !== ".." ? last : (fallback ?? "this project");
}

/** An https URL for a remote written as ssh or scp-like, or undefined. */
function softwareLink(a: Assessment): string | undefined {
  const r = a.target.remote;
  if (!r) return undefined;
  const scp = /^git@([^:]{1,200}):(.{1,300}?)(?:\.git)?$/.exec(r);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:ssh:\/\/git@|git:\/\/|https?:\/\/)([^/]{1,200})\/(.{1,300}?)(?:\.git)?\/?$/.exec(r);
  return url ? `https://${url[1]}/${url[2]}` : undefined;
}

function metadataTable(a: Assessment, answers: Answers, missing: readonly string[]): Block {
  const show = (key: string, fallback: string): string => {
    const v = answers.values.get(key);
    if (v === undefined) return fallback;
    if (typeof v === "boolean") return v ? "Yes" : "No";
    if (typeof v === "string") return v;
    return v.map((x) => (typeof x === "string" ? x : x.name)).join("; ");
  };
  const stageDefault = missing.length > 0 ? "Incomplete (required answers are missing)" : "Incomplete (not yet reviewed by the maintainers)";
  const languages = a.inventory && a.inventory.languages.length > 0 ? a.inventory.languages.slice(0, 6).map((l) => `${l.name} (${l.files} file${l.files === 1 ? "" : "s"})`).join(", ") : "none found";
  return {
    kind: "table",
    header: ["", ""],
    links: true,
    rows: [
      // "Complete" beside required answers still missing would contradict the document itself.
      ["Assessment stage", answers.values.get("project.stage") === "complete" && missing.length > 0 ? "Incomplete (the answers file says complete, but required answers are missing)" : capitalise(show("project.stage", stageDefault))],
      ["Software", show("project.software", softwareLink(a) ?? "To answer: `project.software` (a link to the repository)")],
      ["Security provider", show("project.security-provider", "To answer: `project.security-provider`")],
      ["Languages", languages],
      // Whether an SBOM is published is not in the checkout: saying "not published" would be a claim without evidence.
      ["SBOM", show("project.sbom", "To answer: `project.sbom` (a link to the published SBOM; `assay sbom` writes one)")],
    ],
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Documents the evidence located: the security policy (and the documents it leads to), Security Insights, the policy file, code owners. */
function securityLinks(a: Assessment): Block {
  const rows: string[][] = [];
  const passed = (ruleId: string): RuleResult | undefined => a.rules.find((r) => r.id === ruleId && r.outcome === "pass");
  const firstPath = (ruleId: string): string | undefined => passed(ruleId)?.evidence?.[0]?.locations?.[0]?.path;
  const add = (what: string, path: string | undefined): void => {
    if (path) rows.push([what, path]);
  };
  // A policy often keeps its process in a second document it links to (SECURITY.md → security/README.md):
  // every file the security-policy rules cite is part of the security documentation.
  const policy = firstPath("repo/security-policy");
  if (policy) {
    const cited = new Set<string>([policy]);
    for (const r of a.rules) if (r.id.startsWith("repo/security-policy-")) for (const e of r.evidence ?? []) for (const l of e.locations ?? []) cited.add(l.path);
    for (const f of a.findings) if (f.ruleId.startsWith("repo/security-policy-")) for (const l of f.locations) cited.add(l.path);
    add("Security policy", [...cited].join(", "));
  }
  add("Security Insights", firstPath("repo/security-insights"));
  add("Code owners", firstPath("repo/codeowners"));
  // The file says what the gate expects; whether CI runs the gate is not in it.
  add("assay policy (what its gate expects)", a.policy.source ?? undefined);
  if (rows.length === 0) return { kind: "paragraph", text: "No security documentation was found in the repository." };
  return { kind: "table", header: ["Document", "Where"], rows };
}

/**
 * The assessment with the scanning machine's home folder written `~` in the reasons the document
 * quotes ("no advisory database in /home/ci/.cache/…"): the document is committed and read by
 * others, and a path of whoever ran the scan is neither theirs nor the project's.
 */
function portable(a: Assessment, home: string): Assessment {
  if (home.length < 2) return a;
  const fix = (t: string | undefined): string | undefined => (t !== undefined && t.includes(home) ? t.split(home).join("~") : t);
  return {
    ...a,
    checks: a.checks.map((c) => (c.reason.includes(home) ? { ...c, reason: fix(c.reason) as string } : c)),
    rules: a.rules.map((r) => (r.reason?.includes(home) ? { ...r, reason: fix(r.reason) as string } : r)),
  };
}

function scoresTable(a: Assessment): Block {
  // The score column already says "not applicable" or "not available": the reason alone follows.
  const rows = a.checks.map((c) => [c.id, c.score === null ? c.status.replace("-", " ") : `${c.score.toFixed(1)}/10${c.status === "incomplete" ? " (incomplete)" : ""}`, c.status === "scored" || c.score === null || c.status === "incomplete" ? c.reason : `${c.status.replace("-", " ")}: ${c.reason}`]);
  // Without a policy file the gate is assay's default, not one the project chose.
  const gate = a.policy.source ? `the gate of the project's policy (${a.policy.source})` : "assay's default gate (the repository has no assay policy file)";
  rows.push(["Total", a.summary.score === null ? "n/a" : `${a.summary.score.toFixed(1)}/10`, a.gate.passed ? `${gate} passes` : `${gate} fails: ${a.gate.reasons.join("; ")}`]);
  return { kind: "table", header: ["Check", "Score", "Why"], rows };
}

function ecosystemTable(a: Assessment): Block {
  const manifests = a.inventory?.manifests ?? [];
  if (manifests.length === 0) return { kind: "paragraph", text: "The repository declares no package dependencies assay recognises." };
  const by = new Map<string, string[]>();
  for (const m of manifests) by.set(m.ecosystem, [...(by.get(m.ecosystem) ?? []), m.path]);
  return { kind: "table", header: ["Package ecosystem", "Manifests"], rows: [...by].map(([e, paths]) => [e, paths.length > 5 ? `${paths.slice(0, 5).join(", ")} and ${paths.length - 5} more` : paths.join(", ")]) };
}

/** Every rule of a section, as cited evidence: its passing observations, its findings, or why it has no verdict. */
function evidenceBlocks(a: Assessment, section: AssessmentSection): Block[] {
  const rules = a.rules.filter((r) => r.assessmentSection === section && r.outcome !== "off");
  if (rules.length === 0) return [];
  const findings = new Map<string, Finding[]>();
  // Pushed, not copied: one rule may hold tens of thousands of findings.
  for (const f of a.findings) {
    const list = findings.get(f.ruleId);
    if (list) list.push(f);
    else findings.set(f.ruleId, [f]);
  }
  const items: EvidenceItem[] = [];
  let more = 0;
  // Rules that passed with nothing to cite (no secret of nine kinds) are one line per check; those with observations keep theirs.
  const quiet = rules.filter((r) => r.outcome === "pass" && (r.evidence?.length ?? 0) === 0);
  // Rules without a verdict usually share their reason (no workflows, offline, one unparsable file):
  // one line per reason, not one per rule, so forty rules that have nothing to judge do not bury the evidence.
  const unjudged = new Map<string, RuleResult[]>();
  for (const r of rules) {
    const state = unjudgedState(r);
    if (state === undefined) continue;
    const key = `${state}\u0000${r.reason ?? ""}`;
    unjudged.set(key, [...(unjudged.get(key) ?? []), r]);
  }
  for (const r of rules) {
    if (quiet.includes(r) || (unjudgedState(r) !== undefined && r.outcome !== "incomplete")) continue;
    // An incomplete rule's findings stay its own; why it is incomplete is told once with the others of the same reason.
    const own = ruleItems(r, findings.get(r.id) ?? []).filter((i) => i.state !== "incomplete");
    items.push(...own.slice(0, MAX_PER_RULE));
    more += Math.max(0, own.length - MAX_PER_RULE);
  }
  // Grouped by check: `assay explain CHECK` lists the rules behind each line.
  const byCheck = new Map<string, RuleResult[]>();
  for (const r of quiet) byCheck.set(r.check, [...(byCheck.get(r.check) ?? []), r]);
  for (const [check, rs] of byCheck) {
    if (rs.length === 1) items.push(...ruleItems(rs[0] as RuleResult, []));
    else {
      // Beside a check's findings, "no finding from the 3 rules of this check" read as a contradiction.
      const others = rules.some((r) => r.check === check && !rs.includes(r));
      items.push({ state: "pass", text: `no finding from the ${others ? "other " : ""}${rs.length} rules of this check (assay explain ${check} lists them)`, ruleId: check, locations: [] });
    }
  }
  const order: EvidenceState[] = ["error", "incomplete", "not-available", "not-applicable"];
  const groups = [...unjudged.values()].sort((x, y) => order.indexOf(unjudgedState(x[0] as RuleResult) ?? "error") - order.indexOf(unjudgedState(y[0] as RuleResult) ?? "error"));
  // Rules of one check that each have their own reason to be idle (seven kinds of model file, none
  // present) are one line for the check too.
  // So are two rules sharing a reason (two rules of one model format) beside the others.
  const oneCheck = (rs: readonly RuleResult[]): string | undefined => {
    const r = rs[0] as RuleResult;
    return r.outcome === "not-applicable" && rs.every((x) => x.check === r.check && x.outcome === "not-applicable") ? r.check : undefined;
  };
  const lone = new Map<string, RuleResult[][]>();
  for (const rs of groups) {
    const check = oneCheck(rs);
    if (check !== undefined) lone.set(check, [...(lone.get(check) ?? []), rs]);
  }
  for (const rs of groups) {
    const check = oneCheck(rs);
    const mates = check !== undefined ? (lone.get(check) ?? []) : [];
    if (mates.length < 2) items.push(unjudgedItem(rs));
    else if (mates[0] === rs) items.push(unjudgedItem(mates.flat(), "nothing they judge is in the repository"));
  }
  return [{ kind: "evidence", items, more }];
}

/** Why a rule has no verdict of its own, or undefined when it has one (pass, fail). */
function unjudgedState(r: RuleResult): EvidenceState | undefined {
  switch (r.outcome) {
    case "not-applicable":
    case "not-available":
    case "error":
      return r.outcome;
    case "incomplete":
      return "incomplete";
    default:
      return undefined;
  }
}

/** Rules named one by one up to this many; past it, by the checks they belong to. */
const MAX_NAMED_RULES = 5;

/** One line for rules without a verdict for the same reason, citing each rule (or, for many, their checks). */
function unjudgedItem(rs: readonly RuleResult[], sharedReason?: string): EvidenceItem {
  const first = rs[0] as RuleResult;
  const state = unjudgedState(first) ?? "error";
  const reason = sharedReason ?? first.reason ?? (state === "not-applicable" ? "nothing to judge" : "no reason given");
  const what = { "not-applicable": "not applicable", "not-available": "not evaluated", incomplete: "could not be judged", error: "the rule failed to run" }[state as "not-applicable" | "not-available" | "incomplete" | "error"];
  if (rs.length === 1) {
    const text = state === "incomplete" ? `${first.title}: ${what} (${reason})` : (ruleItems(first, [])[0]?.text ?? `${first.title}: ${what} (${reason})`);
    return { state, text, ruleId: first.id, locations: [] };
  }
  if (rs.length <= MAX_NAMED_RULES) return { state, text: `${what} (${reason}): ${rs.map((r) => r.title).join("; ")}`, ruleId: rs.map((r) => r.id).join(", "), locations: [] };
  const checks = [...new Set(rs.map((r) => r.check))];
  return { state, text: `${what} (${reason}): ${rs.length} rules of ${checks.length === 1 ? "the check" : "the checks"} ${checks.join(", ")} (assay explain CHECK lists them)`, ruleId: checks.join(", "), locations: [] };
}

function ruleItems(r: RuleResult, findings: readonly Finding[]): EvidenceItem[] {
  const item = (state: EvidenceState, text: string, locations: Location[] = []): EvidenceItem => ({ state, text, ruleId: r.id, locations });
  switch (r.outcome) {
    case "pass":
      return r.evidence && r.evidence.length > 0 ? r.evidence.map((e) => item("pass", e.message, e.locations ?? [])) : [item("pass", `no finding for “${r.title}”`)];
    case "fail":
    case "incomplete": {
      const out = [...openItems(findings, item), ...acceptedItems(findings, item)];
      if (r.outcome === "incomplete") out.unshift(item("incomplete", `could not be judged: ${r.reason ?? "evidence could not be read"}`));
      return out;
    }
    case "not-applicable":
      return [item("not-applicable", `${r.title}: not applicable (${r.reason ?? "no reason given"})`)];
    case "not-available":
      return [item("not-available", `${r.title}: not evaluated (${r.reason ?? "not available"})`)];
    case "error":
      return [item("error", `${r.title}: the rule failed to run (${r.reason ?? "error"})`)];
    default:
      return [];
  }
}

type MakeItem = (state: EvidenceState, text: string, locations?: Location[]) => EvidenceItem;

const where = (l: Location): string => `${l.path}:${l.startLine ?? ""}`;

/**
 * A rule's open findings, each once: several detectors can report one line with the same message,
 * and a reviewer reads the same line three times as three problems.
 */
function openItems(findings: readonly Finding[], item: MakeItem): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const f of findings) {
    if (f.status !== "open") continue;
    const key = `${f.message}\u0000${f.locations.map(where).join("\u0000")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item("fail", f.message, f.locations));
  }
  return out;
}

/**
 * A rule's accepted findings (suppressed, baselined, excepted, not affected), after its open ones so
 * the cap never hides a problem behind them, and one line per status and reason: thirty test
 * fixtures allowed by one policy entry are one decision, not thirty pieces of evidence.
 */
function acceptedItems(findings: readonly Finding[], item: MakeItem): EvidenceItem[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status === "open") continue;
    const key = `${f.status}\u0000${f.statusReason ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((fs) => {
    const f = fs[0] as Finding;
    const why = `${f.status}${f.statusReason ? `: ${f.statusReason}` : ""}`;
    if (fs.length === 1) return item("accepted", `${f.message} (${why})`, f.locations);
    const places = new Map<string, Location>();
    for (const x of fs) for (const l of x.locations) if (!places.has(where(l))) places.set(where(l), l);
    return item("accepted", `${fs.length} findings accepted (${why})`, [...places.values()]);
  });
}

/** The draft threat model: attack surface by kind, and which STRIDE threats each invites. */
function threatModel(surface: readonly SurfaceItem[]): DocSection[] {
  const out: DocSection[] = [
    {
      id: "threat-model",
      title: "Draft threat model",
      depth: 2,
      blocks: [
        { kind: "paragraph", text: "DRAFT for the maintainers, generated from the source: the places where the code meets the outside world, grouped by the STRIDE threats they invite. It says where to look, not what is wrong; review it, then keep what holds in the sections above." },
      ],
    },
  ];
  const present = SURFACE_KINDS.filter((k) => surface.some((i) => i.kind === k.id));
  if (present.length === 0) {
    out[0]?.blocks.push({ kind: "paragraph", text: "No network listener, deserialiser, subprocess call, plugin loading, XML parser, template engine or upload handler was found in the shipped sources." });
    return out;
  }
  const strides: Stride[] = ["Spoofing", "Tampering", "Repudiation", "Information disclosure", "Denial of service", "Elevation of privilege"];
  out[0]?.blocks.push({
    kind: "table",
    header: ["STRIDE threat", "Attack surface that invites it"],
    rows: strides.map((s) => [s, present.filter((k) => k.stride.includes(s)).map((k) => k.title).join(", ") || "none seen"]),
  });
  for (const k of present) {
    const items = surface.filter((i) => i.kind === k.id);
    out.push({ id: `surface-${k.id}`, title: `${k.title} (${k.stride.join(", ")})`, depth: 3, blocks: [{ kind: "paragraph", text: k.question }, { kind: "places", items: items.slice(0, MAX_PLACES), more: Math.max(0, items.length - MAX_PLACES) }] });
  }
  return out;
}
