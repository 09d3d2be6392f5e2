import { mapPair, yamlParser } from "../../ecosystems/formats/yaml.js";
import { asObject, jsonParser } from "../../ecosystems/formats/json.js";
import { actionName, localPath, loadWorkflows, pushesTags, walkSteps, type Job, type Step, type Str, type Workflow } from "../../ecosystems/github-actions/index.js";
import type { Rule, RuleContext } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/signed-releases",
    title: "Releases are published without signatures or provenance",
    severity: "high",
    confidence: "medium",
    check: "Signed-Releases",
    rationale:
      "A signature or provenance attestation lets users check that a release was built by the project's own CI from its own source. Without one, a stolen registry token or a compromised mirror can replace a release and nobody can tell.",
    remediation:
      "Sign or attest what the release workflow publishes: add `actions/attest-build-provenance` (with `id-token: write` and `attestations: write`) for release files and images, or sign with cosign (`cosign sign` / `cosign sign-blob`) or the SLSA GitHub generator; publish npm packages with `npm publish --provenance`; publish to PyPI with pypa/gh-action-pypi-publish v1.11+ and Trusted Publishing, which uploads attestations by default; add a `signs:` section to .goreleaser.yml.",
    references: [
      { title: "OpenSSF Scorecard: Signed-Releases", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#signed-releases" },
      { title: "GitHub: Using artifact attestations to establish provenance for builds", url: "https://docs.github.com/en/actions/security-for-github-actions/using-artifact-attestations/using-artifact-attestations-to-establish-provenance-for-builds" },
      { title: "npm: Generating provenance statements", url: "https://docs.npmjs.com/generating-provenance-statements" },
      { title: "PyPI: Producing attestations (PEP 740)", url: "https://docs.pypi.org/attestations/producing-attestations/" },
      { title: "SLSA: Build provenance", url: "https://slsa.dev/spec/v1.0/provenance" },
      { title: "Sigstore cosign: Signing blobs and containers", url: "https://docs.sigstore.dev/cosign/signing/overview/" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const workflows = await loadWorkflows(ctx);
    const goreleaser = await readGoreleaser(ctx);
    const calledLocally = new Set(workflows.flatMap((w) => w.jobs.map((j) => (j.uses ? localPath(j.uses) : undefined)).filter((p): p is string => p !== undefined)));
    const stepsByRoot = new Map<string, StepRef[]>();
    const jobsByRoot = new Map<string, Job[]>();
    for await (const v of walkSteps(ctx)) {
      const list = stepsByRoot.get(v.root.path);
      if (list) list.push({ step: v.step, job: v.job, wf: v.workflow });
      else stepsByRoot.set(v.root.path, [{ step: v.step, job: v.job, wf: v.workflow }]);
    }
    for (const wf of workflows) {
      const jobs: Job[] = [...wf.jobs];
      for (const v of stepsByRoot.get(wf.path) ?? []) if (!jobs.includes(v.job)) jobs.push(v.job);
      jobsByRoot.set(wf.path, jobs);
    }
    let publishing = goreleaser !== undefined;
    const releaseTriggered: string[] = [];
    let goreleaserRunInCi = false;
    for (const wf of workflows) {
      if (!entryWorkflow(wf, calledLocally)) continue;
      const onReleasePath = wf.events.includes("release") || pushesTags(wf);
      const steps = stepsByRoot.get(wf.path) ?? [];
      const jobs = jobsByRoot.get(wf.path) ?? [];
      const publishers = steps.flatMap((s) => publishersOf(s.step));
      if (onReleasePath) releaseTriggered.push(wf.path);
      if (publishers.length > 0) publishing = true;
      if (publishers.some((p) => p.kind === "goreleaser")) goreleaserRunInCi = true;
      if (publishers.length === 0) continue;
      const signing = new Set<SignKind>();
      for (const { step, job, wf: inFile } of steps) for (const k of await signingOf(ctx, step, job, inFile)) signing.add(k);
      for (const job of jobs) if (job.uses && /^slsa-framework\/slsa-github-generator\//i.test(job.uses.raw.value)) signing.add("general");
      if (goreleaser?.signs) signing.add("goreleaser");
      const unsigned = publishers.filter((p) => !signing.has("general") && !signing.has(p.kind));
      if (unsigned.length === 0) {
        ctx.evidence({ message: `${wf.path} signs or attests what it publishes (${[...signing].join(", ")})`, locations: [{ path: wf.path, ...(wf.onSpan ? { startLine: wf.onSpan.line, startColumn: wf.onSpan.column } : {}) }] });
        continue;
      }
      const kinds = [...new Set(unsigned.map((p) => p.kind))];
      const what = kinds.map((k) => `${LABEL[k]} (${[...new Set(unsigned.filter((p) => p.kind === k).map((p) => p.via))].join(", ")})`);
      const pos = wf.onSpan ?? { line: 1, column: 1 };
      ctx.report({
        message: `${wf.path} publishes ${joinList(what)} without a signature or provenance attestation`,
        locations: [{ path: wf.path, startLine: pos.line, startColumn: pos.column }],
        evidence: { triggers: wf.events.map((e) => (e === "push" && pushesTags(wf) ? "push (tags)" : e)), publishes: [...new Set(unsigned.map((p) => p.via))], kinds },
        key: `${wf.path}:${kinds.join(",")}`,
        fix: kinds.map((k) => FIX[k]).join("\n"),
      });
    }
    if (goreleaser && !goreleaserRunInCi && !goreleaser.signs) {
      ctx.report({
        message: `${goreleaser.path} releases without a signs section, so the artifacts GoReleaser publishes are not signed`,
        locations: [{ path: goreleaser.path, startLine: 1, startColumn: 1 }],
        evidence: { triggers: [], publishes: ["goreleaser"], kinds: ["goreleaser"] },
        key: `${goreleaser.path}:goreleaser`,
        fix: FIX.goreleaser,
      });
    }
    if (publishing) return;
    ctx.notApplicable(
      releaseTriggered.length > 0
        ? `${releaseTriggered.join(", ")} run on tags or releases but publish nothing assay recognises (release files, npm, PyPI, container images, gems, GoReleaser)`
        : "no release process found: no workflow publishes release files or packages, and there is no GoReleaser config",
    );
  },
};

type PublishKind = "release-assets" | "npm" | "pypi" | "container" | "rubygems" | "goreleaser";
type SignKind = PublishKind | "general";

const LABEL: Readonly<Record<PublishKind, string>> = {
  "release-assets": "GitHub release files",
  npm: "an npm package",
  pypi: "a PyPI package",
  container: "container images",
  rubygems: "a gem",
  goreleaser: "GoReleaser artifacts",
};

const FIX: Readonly<Record<PublishKind, string>> = {
  "release-assets": "- uses: actions/attest-build-provenance@v2\n  with:\n    subject-path: dist/*   # the files attached to the release",
  npm: "npm publish --provenance   # with `permissions: id-token: write`",
  pypi: "- uses: pypa/gh-action-pypi-publish@release/v1   # Trusted Publishing (id-token: write), no password: attestations are uploaded",
  container: "cosign sign --yes \"$IMAGE@$DIGEST\"   # or actions/attest-build-provenance with subject-name, subject-digest and push-to-registry: true",
  rubygems: "- uses: rubygems/release-gem@v1   # Trusted Publishing with attestations",
  goreleaser: "signs:\n  - cmd: cosign\n    artifacts: checksum\n    args: [\"sign-blob\", \"--output-signature=${signature}\", \"${artifact}\", \"--yes\"]",
};

interface Publisher {
  kind: PublishKind;
  /** What publishes, as written (`npm publish`, `softprops/action-gh-release`). */
  via: string;
}

interface StepRef {
  step: Step;
  job: Job;
  /** The workflow file that holds the job. */
  wf: Workflow;
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Workflows judged on their own: not pull-request-only, and not reusable workflows only reached through a local caller. */
function entryWorkflow(wf: Workflow, calledLocally: ReadonlySet<string>): boolean {
  const events = wf.events;
  if (events.length > 0 && events.every((e) => e === "pull_request" || e === "pull_request_target" || e === "merge_group")) return false;
  if (events.length === 1 && events[0] === "workflow_call" && calledLocally.has(wf.path)) return false;
  return true;
}

/** Lines of a script with backslash continuations joined, `--dry-run` invocations dropped. */
function commandLines(run: string): string[] {
  return run
    .replace(/\\\r?\n/g, " ")
    .split("\n")
    .filter((l) => !l.includes("--dry-run") && !/^\s{0,200}#/.test(l));
}

const NPM_PUBLISH = /(?:^|[\s;&|(])(?:npm|pnpm|yarn(?:\s{1,5}npm)?|lerna|changeset)(?:\s{1,5}-[\w=-]{1,40}){0,3}\s{1,5}publish\b/;
const PYPI_PUBLISH = /(?:^|[\s;&|(])(?:twine\s{1,5}upload|uv\s{1,5}publish|poetry\s{1,5}publish|flit\s{1,5}publish|hatch\s{1,5}publish|pdm\s{1,5}publish)\b/;
const CONTAINER_PUBLISH = /(?:^|[\s;&|(])(?:(?:docker|podman)\s{1,5}(?:image\s{1,5})?push\b|docker\s{1,5}buildx\s{1,5}(?:build|bake)\b[^\n]{0,500}\s--push\b|ko\s{1,5}(?:build|publish|resolve)\b)/;
/** Pushes to a registry on the runner itself (integration tests), which publish nothing. */
const LOCAL_REGISTRY = /\blocalhost\b|\b127\.0\.0\.1\b|\bko\.local\b|\bkind\.local\b|\s--local\b/;
const GEM_PUSH = /(?:^|[\s;&|(])gem\s{1,5}push\b/;
const GORELEASER_RUN = /(?:^|[\s;&|(])goreleaser\s{1,5}release\b/;
/** GoReleaser runs that publish nothing: builds, checks, snapshots, `--skip=publish`. */
const GORELEASER_NO_PUBLISH = /(?:^|\s)(?:build|check|--snapshot|--skip-publish|--skip[= ][\w,-]{0,80}publish)(?:\s|,|$)/;

function publishersOf(step: Step): Publisher[] {
  const out: Publisher[] = [];
  const w = withValues(step);
  if (step.uses) {
    const name = actionName(step.uses.name);
    if (name === "softprops/action-gh-release" && w["files"]) out.push({ kind: "release-assets", via: name });
    else if (name === "ncipollo/release-action" && w["artifacts"]) out.push({ kind: "release-assets", via: name });
    else if (name === "svenstaro/upload-release-action" || name === "actions/upload-release-asset") out.push({ kind: "release-assets", via: name });
    else if (name === "goreleaser/goreleaser-action" && !GORELEASER_NO_PUBLISH.test(w["args"] ?? "")) out.push({ kind: "goreleaser", via: name });
    else if (name === "pypa/gh-action-pypi-publish") out.push({ kind: "pypi", via: name });
    else if (name === "docker/build-push-action" && (w["push"] ?? "false").trim() !== "false" && !LOCAL_REGISTRY.test(w["tags"] ?? "")) out.push({ kind: "container", via: name });
    else if (name === "rubygems/release-gem") out.push({ kind: "rubygems", via: name });
    else if (name === "js-devtools/npm-publish") out.push({ kind: "npm", via: name });
    else if (name === "changesets/action" && w["publish"]) out.push({ kind: "npm", via: `${name} (publish)` });
  }
  if (step.run) {
    for (const line of commandLines(step.run.value)) {
      if (NPM_PUBLISH.test(line)) out.push({ kind: "npm", via: NPM_PUBLISH.exec(line)?.[0].trim() ?? "npm publish" });
      if (PYPI_PUBLISH.test(line)) out.push({ kind: "pypi", via: PYPI_PUBLISH.exec(line)?.[0].trim() ?? "twine upload" });
      const container = LOCAL_REGISTRY.test(line) ? undefined : CONTAINER_PUBLISH.exec(line)?.[0].trim();
      if (container) out.push({ kind: "container", via: /^docker\s+buildx\s+bake/.test(container) ? "docker buildx bake --push" : /^docker\s+buildx/.test(container) ? "docker buildx build --push" : container.replace(/\s+/g, " ") });
      if (GEM_PUSH.test(line)) out.push({ kind: "rubygems", via: "gem push" });
      if (GORELEASER_RUN.test(line) && !GORELEASER_NO_PUBLISH.test(line)) out.push({ kind: "goreleaser", via: "goreleaser release" });
      if (/\bgh\s{1,5}release\s{1,5}upload\b/.test(line)) out.push({ kind: "release-assets", via: "gh release upload" });
      else if (/\bgh\s{1,5}release\s{1,5}create\b/.test(line) && ghReleaseCreateHasFiles(line)) out.push({ kind: "release-assets", via: "gh release create" });
    }
  }
  return out;
}

const GH_FLAGS_WITH_VALUE = new Set(["-n", "--notes", "-t", "--title", "-F", "--notes-file", "--target", "--discussion-category", "--notes-start-tag", "-R", "--repo"]);

/** `gh release create <tag> [files…]`: true when files follow the tag. */
function ghReleaseCreateHasFiles(line: string): boolean {
  const rest = line.slice(line.search(/\bgh\s{1,5}release\s{1,5}create\b/)).replace(/^gh\s+release\s+create/, "");
  const tokens = rest
    .replace(/\$\{\{[^}]{0,300}\}\}/g, "EXPR")
    .split(/[;&|]/)[0]
    ?.match(/"[^"]{0,2000}"|'[^']{0,2000}'|\S{1,2000}/g) ?? [];
  let positional = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.startsWith("-")) {
      if (GH_FLAGS_WITH_VALUE.has(t)) i++;
      continue;
    }
    positional++;
    if (positional >= 2) return true;
  }
  return false;
}

const GENERAL_SIGNING_ACTIONS = new Set([
  "actions/attest-build-provenance",
  "actions/attest",
  "actions/attest-sbom",
  "sigstore/gh-action-sigstore-python",
  "crazy-max/ghaction-import-gpg",
]);

const SIGN_COMMAND =
  /(?:^|[\s;&|(])(?:cosign\s{1,5}(?:sign|sign-blob|attest|attest-blob)\b|gpg2?\b[^\n]{0,300}\s(?:--detach-sign|--detach-sig|-[a-zA-Z]{0,5}b[a-zA-Z]{0,5}|--clearsign|--sign|-s)\b|minisign\s{1,5}-[a-zA-Z]{0,5}S|(?:python3?\s{1,5}-m\s{1,5})?sigstore\s{1,5}sign\b|notation\s{1,5}sign\b)/;

async function signingOf(ctx: RuleContext, step: Step, job: Job, wf: Workflow): Promise<SignKind[]> {
  const out: SignKind[] = [];
  if (step.uses) {
    const name = actionName(step.uses.name);
    if (GENERAL_SIGNING_ACTIONS.has(name)) out.push("general");
    if (name === "pypa/gh-action-pypi-publish" && pypiAttests(step)) out.push("pypi");
    if (name === "rubygems/release-gem") out.push("rubygems");
    if (name === "js-devtools/npm-publish" && step.with["provenance"]?.value === "true") out.push("npm");
  }
  if (step.run) {
    for (const line of commandLines(step.run.value)) {
      if (SIGN_COMMAND.test(line)) out.push("general");
      if (NPM_PUBLISH.test(line) && /--provenance\b(?!=false)/.test(line)) out.push("npm");
    }
  }
  const env = { ...wf.env, ...job.env, ...step.env };
  if (Object.entries(env).some(([k, v]) => k.toLowerCase() === "npm_config_provenance" && v.value.trim().toLowerCase() === "true")) out.push("npm");
  if (publishesNpm(step) && (npmTrustedPublishing(step, job, wf) || (await provenanceConfigured(ctx)))) out.push("npm");
  return out;
}

function publishesNpm(step: Step): boolean {
  return publishersOf(step).some((p) => p.kind === "npm");
}

/**
 * npm trusted publishing (OIDC) generates provenance automatically: the job may mint an OIDC
 * token and the publish step is not given a registry token.
 */
function npmTrustedPublishing(step: Step, job: Job, wf: Workflow): boolean {
  // Job permissions replace the workflow's; with neither, the repository default may not allow id-token.
  const perms = job.permissions ?? wf.permissions;
  const idToken = perms?.scopes["id-token"]?.value;
  if (idToken !== "write" && perms?.all?.value !== "write-all") return false;
  const env = { ...wf.env, ...job.env, ...step.env };
  if (Object.keys(env).some((k) => NPM_TOKEN.test(k))) return false;
  return !job.steps.some((s) => NPM_TOKEN.test(s.run?.value ?? "") || Object.keys(s.env).some((k) => NPM_TOKEN.test(k)) || Object.values(s.with).some((v) => NPM_TOKEN.test(v.value)));
}

const NPM_TOKEN = /NODE_AUTH_TOKEN|NPM_TOKEN|NPM_AUTH_TOKEN|_authToken/i;

/** `provenance=true` in the root .npmrc, or `publishConfig.provenance` in the root package.json. */
async function provenanceConfigured(ctx: RuleContext): Promise<boolean> {
  const npmrc = (await ctx.readText(".npmrc"))?.text;
  if (npmrc && /^[ \t]{0,20}provenance[ \t]{0,20}=[ \t]{0,20}true\b/m.test(npmrc)) return true;
  if (!ctx.has("package.json")) return false;
  const json = await ctx.parse("package.json", jsonParser);
  return asObject(asObject(json?.value)?.publishConfig)?.provenance === true;
}

/** pypa/gh-action-pypi-publish uploads PEP 740 attestations with Trusted Publishing: by default from v1.11, opt-in from v1.10. */
function pypiAttests(step: Step): boolean {
  const w = withValues(step);
  if (w["password"]) return false;
  const flag = w["attestations"]?.trim().toLowerCase();
  if (flag === "false") return false;
  const version = pypiActionVersion(step);
  if (!version) return true;
  const [major, minor] = version;
  if (major > 1 || (major === 1 && minor >= 11)) return true;
  return flag === "true" && major === 1 && minor >= 10;
}

/** [major, minor] from the ref (`v1.10.3`) or, for a commit pin, from its trailing comment (`# v1.10.3`); undefined for branches. */
function pypiActionVersion(step: Step): [number, number] | undefined {
  const ref = step.uses?.ref;
  const fromRef = ref ? /^v?(\d{1,4})\.(\d{1,4})/.exec(ref) : null;
  if (fromRef) return [Number(fromRef[1]), Number(fromRef[2])];
  if (step.uses?.refKind === "sha") {
    const m = /v?(\d{1,4})\.(\d{1,4})/.exec(step.uses.comment ?? "");
    if (m) return [Number(m[1]), Number(m[2])];
  }
  return undefined;
}

const GORELEASER_FILES = [".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"];

async function readGoreleaser(ctx: RuleContext): Promise<{ path: string; signs: boolean } | undefined> {
  const path = GORELEASER_FILES.find((p) => ctx.has(p));
  if (!path) return undefined;
  const y = await ctx.parse(path, yamlParser);
  // Unreadable or malformed: the rule is incomplete (the read says why), and nothing is assumed signed.
  if (!y) return { path, signs: false };
  const root = y.doc.contents;
  return { path, signs: ["signs", "binary_signs", "docker_signs"].some((k) => mapPair(root, k) !== undefined) };
}

/** A step's `with:` inputs as plain strings. */
function withValues(step: Step): Record<string, string> {
  return Object.fromEntries(Object.entries(step.with).map(([k, v]: [string, Str]) => [k, v.value]));
}
