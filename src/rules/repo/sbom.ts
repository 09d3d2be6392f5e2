import { actionName, loadWorkflows, pushesTags, walkSteps, workflowFiles, type StepVisit } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";
import { GORELEASER_FILES, stepCommandLines } from "./lib/release-commands.js";

export const rule: Rule = {
  meta: {
    id: "repo/sbom",
    title: "No SBOM is published with the releases",
    severity: "medium",
    confidence: "medium",
    check: "SBOM",
    rationale:
      "A Software Bill of Materials lists what a release is built from, so its users can tell whether a newly disclosed vulnerability in a dependency affects them without rebuilding the dependency tree themselves. OpenSSF Scorecard gives 5 points when the project has an SBOM at all and 5 more when one is attached to its GitHub releases, which is where users look. It recognises SBOMs by name, following the OpenSSF SBOM Everywhere naming conventions: a name holding `.spdx` after its first character (`.spdx`, `.spdx.json`, `.spdx.yaml`…) or `.cdx.json` or `.cdx.xml` (case ignored); in the repository only files at its root count, and not those whose name starts with a dot, so `docs/bom.cdx.json`, `.sbom.spdx.json`, `bom.json` and `sbom.cyclonedx.json` do not. Release assets need the forge's API and cannot be seen offline; assay reads the release path instead: a workflow that attaches an SBOM under such a name to releases (anchore/sbom-action on a `release` event or a pushed tag, `gh release upload`, softprops/action-gh-release and similar with an SBOM among their files, or GoReleaser's `sboms:` with a document so named, run by a workflow) scores as a release SBOM would (10); an SBOM at the root alone scores 5, and nothing scores 0, as in Scorecard. The finding says when CI makes an SBOM that Scorecard would not see (kept as a workflow artifact, attached to an image, or named `*.sbom.json`, GoReleaser's default), and an SBOM uploaded to releases by hand is missed (the finding says so).",
    remediation:
      "Generate an SBOM when a release is published and attach it to the release under a name Scorecard recognises, for example a workflow on `release: types: [published]` with `permissions: { contents: write, actions: read }` running `anchore/sbom-action` (SPDX JSON by default, named `<repo>-<job>.spdx.json` and uploaded to the release), or `syft . -o spdx-json=sbom.spdx.json` (or `cdxgen -o bom.cdx.json`) followed by `gh release upload \"$TAG\" sbom.spdx.json`. With GoReleaser, add `sboms: [{ artifacts: archive, documents: [\"{{ .ArtifactName }}.spdx.json\"] }]` to .goreleaser.yaml. An SBOM kept at the repository root (`sbom.spdx.json`) is a start, worth half the points.",
    references: [
      { title: "OpenSSF Scorecard: SBOM", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#sbom" },
      { title: "OpenSSF SBOM Everywhere: SBOM naming conventions", url: "https://github.com/ossf/SBOM-everywhere/blob/main/reference/sbom_naming.md" },
      { title: "anchore/sbom-action", url: "https://github.com/anchore/sbom-action" },
      { title: "GoReleaser: SBOMs", url: "https://goreleaser.com/customization/sbom/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const root = ctx.index.inFolder("").filter((f) => f.kind !== "submodule" && ROOT_FILE.test(f.path) && SBOM_NAME.test(f.path)).map((f) => f.path);
    const workflows = await loadWorkflows(ctx, { optional: true });
    const unparsed = workflowFiles(ctx).length - workflows.length;
    const ci = await releaseSboms(ctx);
    const released = ci.attached[0];
    if (released) {
      const inRepo = root.length > 0 ? `; ${root.join(", ")} ${root.length === 1 ? "is an SBOM" : "are SBOMs"} in the repository too` : "";
      ctx.evidence({ message: `${released.path}:${released.line} attaches an SBOM to releases (${released.what}) under a name Scorecard recognises (the release assets themselves cannot be checked offline)${inRepo}`, locations: [{ path: released.path, startLine: released.line }] });
      return;
    }
    if (unparsed > 0) {
      ctx.incomplete(`no readable workflow attaches an SBOM to releases, and ${unparsed === 1 ? "a workflow" : `${unparsed} workflows`} could not be parsed`);
      return;
    }
    const made = ci.made.slice(0, 2).map((m) => `${m.what} at ${m.path}:${m.line}${m.why ? ` (${m.why})` : ""}`);
    const seen = made.length > 0 ? `; CI makes an SBOM that Scorecard does not see: ${made.join("; ")}` : "";
    const offline = "SBOMs uploaded to releases by hand cannot be seen offline";
    if (root.length > 0) {
      ctx.report({
        message: `${root.join(", ")} ${root.length === 1 ? "is an SBOM" : "are SBOMs"} in the repository, but no workflow attaches one to releases, where users look for it${seen} (${offline}; Scorecard: 5/10)`,
        locations: [{ path: root[0] as string }],
        evidence: { sbomFiles: root.length },
        grade: 5,
        fix: EXAMPLE,
        key: "no-release-sbom",
      });
      return;
    }
    ctx.report({
      message: `no SBOM found: none at the repository root under a name Scorecard recognises (*.spdx*, *.cdx.json, *.cdx.xml), and no workflow attaches one to releases${seen}${ci.misnamed.length > 0 ? `; ${ci.misnamed.join("; ")}` : ""} (${offline})`,
      evidence: { workflows: workflows.length },
      fix: EXAMPLE,
      key: "missing",
    });
  },
};

/**
 * Scorecard's SBOM name (checks/raw/sbom.go, case ignored): `.spdx` after at least one character,
 * or `.cdx` then any character and `json` or `xml`. Scorecard's regex is not anchored at its end,
 * so `x.spdx.json.bak` counts too; its `.` in `cdx.json` is any character, kept as written.
 */
const SBOM_NAME = /[^\n]\.(?:cdx.json|cdx.xml|spdx)/i;

/** Scorecard's root file: no folder, and a name that does not start with a dot. */
const ROOT_FILE = /^[^./][^/]{0,1000}$/;

/** A file name in a command line or an input, as a word. */
const WORD = /[^\s"'`,;|&()[\]]{1,300}/g;

interface Seen {
  what: string;
  path: string;
  line: number;
  why?: string;
}

/** Actions that attach files to a release, with the inputs naming them. */
const RELEASE_UPLOAD_ACTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["softprops/action-gh-release", ["files"]],
  ["ncipollo/release-action", ["artifacts"]],
  ["svenstaro/upload-release-action", ["file", "asset_name"]],
  ["actions/upload-release-asset", ["asset_name", "asset_path"]],
  ["shogo82148/actions-upload-release-asset", ["asset_path", "asset_name"]],
]);

/** anchore/sbom-action's file name suffix by its `format` input (SPDX JSON by default). */
const SBOM_ACTION_SUFFIX: Readonly<Record<string, string>> = {
  "spdx-json": ".spdx.json",
  spdx: ".spdx",
  "spdx-tag-value": ".spdx",
  "cyclonedx-json": ".cyclonedx.json",
  cyclonedx: ".cyclonedx.xml",
  "cyclonedx-xml": ".cyclonedx.xml",
  json: ".syft.json",
};

/** A command that generates an SBOM (Syft, cdxgen, the CycloneDX tools, Trivy or Microsoft's sbom-tool). */
const GENERATES =
  /(?:^|[\s;&|(])(?:syft|cdxgen|cyclonedx-(?:py|npm|gomod|bom)|cargo[ \t]{1,5}(?:cyclonedx|sbom)|sbom-tool[ \t]{1,5}generate|trivy[^\n]{0,300}--format[ \t=]{1,3}(?:cyclonedx|spdx))\b/;

const GH_RELEASE = /\bgh[ \t]{1,5}release[ \t]{1,5}(?:upload|create)\b/;
const GORELEASER_IN_RUN = /(?:^|[\s;&|(/])goreleaser[ \t]{1,5}release\b/;

/**
 * What CI does with SBOMs: steps that attach one to releases under a name Scorecard recognises,
 * steps that make one Scorecard would not see (and why), and GoReleaser SBOMs named otherwise.
 */
async function releaseSboms(ctx: RuleContext): Promise<{ attached: Seen[]; made: Seen[]; misnamed: string[] }> {
  const attached: Seen[] = [];
  const made: Seen[] = [];
  let goreleaser: Seen | undefined;
  for await (const visit of walkSteps(ctx, { optional: true })) {
    const { step } = visit;
    const file = visit.action?.path ?? visit.workflow.path;
    const at = { path: file, line: step.span.line };
    const name = step.uses ? actionName(step.uses.name) : "";
    if (name === "anchore/sbom-action" || name === "step-security/sbom-action") {
      const sbom = sbomAction(visit);
      (sbom.attached ? attached : made).push({ what: name, ...at, ...(sbom.why ? { why: sbom.why } : {}) });
    } else if (name === "anchore/sbom-action/publish-sbom" && onRelease(visit)) {
      attached.push({ what: name, ...at });
    } else if (/^cyclonedx\//.test(name)) {
      made.push({ what: name, ...at, why: "no step attaches its output to releases under a name Scorecard recognises" });
    } else if (name === "docker/build-push-action" && /^(?:true|1)$|generator=/.test(step.with.sbom?.value ?? "")) {
      made.push({ what: "docker/build-push-action with sbom", ...at, why: "the SBOM is attached to the image as an attestation, not to releases" });
    } else if (name === "goreleaser/goreleaser-action") {
      goreleaser ??= { what: "GoReleaser", ...at };
    }
    const inputs = RELEASE_UPLOAD_ACTIONS.get(name);
    for (const input of inputs ?? []) {
      const value = step.with[input]?.value ?? "";
      if (namesSbom(value)) attached.push({ what: name, ...at });
    }
    if (step.run === undefined) continue;
    for (const line of stepCommandLines(step)) {
      const lineAt = { path: file, line: step.run.spanOf(line.offset, line.end).line };
      if (GH_RELEASE.test(line.text) && namesSbom(line.text.slice(line.text.search(GH_RELEASE)))) attached.push({ what: "gh release", ...lineAt });
      else if (GENERATES.test(line.text)) made.push({ what: GENERATES.exec(line.text)?.[0].trim().replace(/^[;&|(]/, "") ?? "an SBOM generator", ...lineAt, why: "no step attaches its output to releases under a name Scorecard recognises" });
      if (GORELEASER_IN_RUN.test(line.text)) goreleaser ??= { what: "GoReleaser", ...lineAt };
    }
  }
  const misnamed: string[] = [];
  if (goreleaser) {
    const config = await goreleaserSboms(ctx);
    if (config?.named) attached.push({ ...goreleaser, what: `GoReleaser, whose ${config.path} names its SBOMs ${config.named}` });
    else if (config) misnamed.push(`${config.path} makes SBOMs (sboms:) under GoReleaser's default name, {{ .ArtifactName }}.sbom.json, or another that Scorecard does not recognise: name them with documents: ["{{ .ArtifactName }}.spdx.json"]`);
  }
  return { attached, made, misnamed };
}

/** True when a value (a command line, a files list) names a file Scorecard takes for an SBOM. */
function namesSbom(value: string): boolean {
  for (const m of value.matchAll(WORD)) if (SBOM_NAME.test(m[0].replace(/^.*\//, ""))) return true;
  return false;
}

/** The workflow the step runs in is triggered by a GitHub release or a pushed tag (when anchore/sbom-action attaches its SBOM to the release). */
function onRelease(visit: StepVisit): boolean {
  return visit.root.events.includes("release") || pushesTags(visit.root);
}

/**
 * anchore/sbom-action attaches its SBOM to the release when run on a `release` event, unless told
 * not to; its file is the `artifact-name` input, else named after the repository and job with a
 * suffix by format (SPDX JSON by default).
 */
function sbomAction(visit: StepVisit): { attached: boolean; why?: string } {
  const w = visit.step.with;
  if (!onRelease(visit)) return { attached: false, why: "the workflow runs on no release event or tag push, so the action keeps its SBOM as a workflow artifact" };
  // The action attaches to the release the workflow artifacts it uploaded: both inputs default to true.
  for (const input of ["upload-release-assets", "upload-artifact"]) if (/^false$/i.test(w[input]?.value.trim() ?? "")) return { attached: false, why: `${input} is false` };
  const format = (w.format?.value ?? "spdx-json").trim();
  const name = w["artifact-name"]?.value ?? `sbom${SBOM_ACTION_SUFFIX[format] ?? ""}`;
  if (!SBOM_NAME.test(name)) return { attached: false, why: `its release asset is named ${w["artifact-name"] ? name : `*${SBOM_ACTION_SUFFIX[format] ?? ` (format ${format})`}`}, which Scorecard does not recognise as an SBOM (name it *.spdx.json or *.cdx.json)` };
  return { attached: true };
}

/** GoReleaser's `sboms:` section, and the first document name Scorecard recognises, if any. */
async function goreleaserSboms(ctx: RuleContext): Promise<{ path: string; named?: string } | undefined> {
  const path = GORELEASER_FILES.find((p) => ctx.has(p));
  if (!path) return undefined;
  const text = (await ctx.readText(path, { optional: true }))?.text ?? "";
  const start = /^sboms:/m.exec(text);
  if (!start) return undefined;
  // The section runs to the next top-level key.
  const rest = text.slice(start.index + 6);
  const end = /^[^\s#]/m.exec(rest);
  const section = end ? rest.slice(0, end.index) : rest;
  for (const m of section.matchAll(WORD)) if (SBOM_NAME.test(m[0])) return { path, named: m[0] };
  return { path };
}

/** A release workflow that attaches an SBOM Scorecard recognises. */
const EXAMPLE =
  "# .github/workflows/sbom.yml\nname: SBOM\non:\n  release:\n    types: [published]\npermissions:\n  contents: read\njobs:\n  sbom:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write  # to attach the SBOM to the release\n      actions: read\n    steps:\n      - uses: actions/checkout@…  # pinned to a commit SHA\n        with:\n          persist-credentials: false\n      - uses: anchore/sbom-action@…  # pinned to a commit SHA; attaches <repo>-sbom.spdx.json to the release\n        with:\n          format: spdx-json";
