import { isMap, isScalar, isSeq, type Node } from "yaml";
import { mapGet, mapPair, nodePosition, scalarString, seqItems, yamlParser, type YamlFile } from "../../ecosystems/formats/yaml.js";
import type { Rule, RuleContext } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/security-insights",
    title: "No well-formed SECURITY-INSIGHTS.yml",
    severity: "low",
    confidence: "high",
    check: "Security-Insights",
    rationale:
      "SECURITY-INSIGHTS.yml tells users and tools, in a machine-readable way, who maintains the project, how to report vulnerabilities and what security practices it follows; a missing or incomplete file means each consumer has to dig for these facts or guess.",
    remediation:
      "Add security-insights.yml (root or .github/) following the OpenSSF Security Insights specification (version 2 for new files): header (schema-version, last-updated, last-reviewed, url), project (name, administrators, repositories, vulnerability-reporting) and repository (status, url, accepts-change-request, accepts-automated-change-request, core-team, license, security). Fill in every field reported missing.",
    references: [
      { title: "OpenSSF Security Insights specification", url: "https://github.com/ossf/security-insights" },
      { title: "Security Insights schema (v2)", url: "https://github.com/ossf/security-insights/blob/main/spec/schema.cue" },
      { title: "Security Insights v1 specification", url: "https://github.com/ossf/security-insights-spec/blob/v1.0.0/specification.md" },
    ],
    network: false,
    assessmentSection: "metadata",
  },

  async run(ctx) {
    const path = findSecurityInsights(ctx);
    if (!path) {
      ctx.report({ message: "no SECURITY-INSIGHTS.yml (or security-insights.yml) in the root or .github/", key: "missing" });
      return;
    }
    const y = await ctx.parse(path, yamlParser);
    if (!y) {
      // Malformed or unreadable: that is exactly "not well-formed", at the position the parser gives.
      const why = ctx.unread(path);
      ctx.report({
        message: `${path} ${why?.message ?? "could not be read"}`,
        locations: [{ path, startLine: why?.line ?? 1, startColumn: why?.column ?? 1 }],
        key: "unreadable",
      });
      return;
    }
    const root = y.doc.contents;
    if (!isMap(root)) {
      const what = isSeq(root) ? "a list" : root === null || (isScalar(root) && root.value === null) ? "empty" : "a single value";
      const pos = nodePosition(y, root);
      ctx.report({
        message: `${path} is ${what}, not a map with the header, project and repository sections Security Insights requires`,
        locations: [{ path, startLine: pos.line, startColumn: pos.column }],
        evidence: { schemaVersion: "unknown" },
        key: "not-a-map",
      });
      return;
    }

    const versionNode = mapGet(mapGet(root, "header"), "schema-version");
    const version = scalarString(versionNode);
    let spec: Requirement[];
    let label: string;
    if (version === undefined) {
      const v1 = ["project-lifecycle", "contribution-policy", "security-contacts"].some((k) => mapPair(root, k));
      spec = v1 ? V1 : V2;
      label = v1 ? "1.0.0" : "2.x";
    } else if (/^1\.\d{1,4}\.\d{1,4}$/.test(version)) {
      [spec, label] = [V1, version];
    } else if (/^2\.\d{1,4}\.\d{1,4}$/.test(version)) {
      [spec, label] = [V2, version];
    } else if (/^\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(version)) {
      return ctx.notApplicable(`${path} declares schema-version ${version}, a version assay does not know`);
    } else {
      const pos = nodePosition(y, versionNode as Node);
      ctx.report({
        message: `${path} has header.schema-version "${version.slice(0, 40)}", which is not a Security Insights version (X.Y.Z)`,
        locations: [{ path, startLine: pos.line, startColumn: pos.column }],
        evidence: { schemaVersion: version.slice(0, 40) },
        key: "bad-schema-version",
      });
      return;
    }
    checkMap(ctx, y, path, label, root, root, nodePosition(y, root), spec, "");
    // Kept only when nothing above was reported.
    ctx.evidence({ message: `${path} describes the project's security facts (Security Insights ${label})`, locations: [{ path }] });
    // Version 1 files carry an expiry date after which consumers must not trust them.
    const expiryNode = spec === V1 ? mapGet(mapGet(root, "header"), "expiration-date") : undefined;
    const expiry = scalarString(expiryNode);
    const expiresAt = expiry === undefined ? NaN : Date.parse(expiry);
    if (expiry !== undefined && !Number.isNaN(expiresAt) && expiresAt < ctx.now.getTime()) {
      const pos = nodePosition(y, expiryNode as Node);
      ctx.report({
        message: `${path} expired on ${expiry.slice(0, 10)}: consumers must treat its security facts as out of date`,
        locations: [{ path, startLine: pos.line, startColumn: pos.column }],
        evidence: { schemaVersion: label, expirationDate: expiry.slice(0, 40) },
        fix: "review the file, update what changed, and move header.expiration-date up to a year ahead",
        key: "expired",
      });
    }
  },
};

/**
 * Where the spec says to put the file: the root or .github/, either case. A symbolic link counts:
 * one inside the checkout is read through, one leading out is reported as such, not as "missing".
 */
function findSecurityInsights(ctx: RuleContext): string | undefined {
  const name = /^security-insights\.ya?ml$/i;
  const present = (f: { kind: string }): boolean => f.kind === "file" || f.kind === "symlink";
  const inRoot = ctx.files.find((f) => present(f) && name.test(f.path));
  return (inRoot ?? ctx.files.find((f) => present(f) && f.path.startsWith(".github/") && name.test(f.path.slice(8))))?.path;
}

/** A required key; `children` are required inside it; `when` makes it conditional on the document. */
interface Requirement {
  key: string;
  children?: Requirement[];
  when?: (root: unknown, parent: unknown) => boolean;
}

const isTrue = (node: unknown): boolean => scalarString(node) === "true";

/** Security Insights 1.0.0 (ossf/security-insights-spec, v1 schema): required fields. */
const V1: Requirement[] = [
  { key: "header", children: [{ key: "schema-version" }, { key: "expiration-date" }, { key: "project-url" }] },
  {
    key: "project-lifecycle",
    children: [
      { key: "status" },
      { key: "bug-fixes-only" },
      { key: "core-maintainers", when: (_r, p) => scalarString(mapGet(p, "status")) === "active" || isTrue(mapGet(p, "bug-fixes-only")) },
    ],
  },
  { key: "contribution-policy", children: [{ key: "accepts-pull-requests" }, { key: "accepts-automated-pull-requests" }] },
  { key: "distribution-points" },
  { key: "security-contacts" },
  {
    key: "vulnerability-reporting",
    children: [
      { key: "accepts-vulnerability-reports" },
      { key: "email-contact", when: (_r, p) => isTrue(mapGet(p, "accepts-vulnerability-reports")) },
      { key: "security-policy", when: (_r, p) => isTrue(mapGet(p, "accepts-vulnerability-reports")) },
    ],
  },
];

/** A child file inherits `project` from `header.project-si-source`. */
const isChild = (root: unknown): boolean => mapGet(mapGet(root, "header"), "project-si-source") !== undefined;
/** A parent file of a multi-repository project may describe only the project. */
const isParent = (root: unknown): boolean => !isChild(root) && seqItems(mapGet(mapGet(root, "project"), "repositories")).length > 1;

/** Security Insights 2.x (ossf/security-insights, spec/schema.cue): required fields. */
const V2: Requirement[] = [
  { key: "header", children: [{ key: "schema-version" }, { key: "last-updated" }, { key: "last-reviewed" }, { key: "url" }] },
  {
    key: "project",
    when: (root) => !isChild(root),
    children: [
      { key: "name" },
      { key: "administrators" },
      { key: "repositories" },
      { key: "vulnerability-reporting", children: [{ key: "reports-accepted" }, { key: "bug-bounty-available" }] },
    ],
  },
  {
    key: "repository",
    when: (root) => !isParent(root),
    children: [
      { key: "status" },
      { key: "url" },
      { key: "accepts-change-request" },
      { key: "accepts-automated-change-request" },
      { key: "core-team" },
      { key: "license", children: [{ key: "url" }, { key: "expression" }] },
      { key: "security", children: [{ key: "assessments", children: [{ key: "self", children: [{ key: "comment" }] }] }] },
    ],
  },
];

/** Reports each missing required key at its parent (the parent's key, or the document's start), and recurses. */
function checkMap(ctx: RuleContext, y: YamlFile, path: string, version: string, root: unknown, node: unknown, where: { line: number; column: number }, reqs: readonly Requirement[], prefix: string): void {
  for (const req of reqs) {
    if (req.when && !req.when(root, node)) continue;
    const name = prefix + req.key;
    const pair = mapPair(node, req.key);
    const value = pair?.value;
    if (!pair || value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ""))) {
      ctx.report({
        message: `${path} has no ${name}, which Security Insights ${version} requires`,
        locations: [{ path, startLine: where.line, startColumn: where.column }],
        evidence: { schemaVersion: version, missing: name },
        key: `missing:${name}`,
      });
      continue;
    }
    if (!req.children) continue;
    if (!isMap(value)) {
      const pos = nodePosition(y, value as Node);
      ctx.report({
        message: `${path} has ${name} as ${isSeq(value) ? "a list" : "a single value"}, but Security Insights ${version} requires a map with ${req.children.map((c) => c.key).join(", ")}`,
        locations: [{ path, startLine: pos.line, startColumn: pos.column }],
        evidence: { schemaVersion: version, notAMap: name },
        key: `not-a-map:${name}`,
      });
      continue;
    }
    checkMap(ctx, y, path, version, root, value, nodePosition(y, pair), req.children, `${name}.`);
  }
}
