import { mapGet, mapPair, nodePosition, scalarString, seqItems, yamlParser } from "../../ecosystems/formats/yaml.js";
import { asObject, jsonParser } from "../../ecosystems/formats/json.js";
import { actionName, loadWorkflows, locallyCalledWorkflows, pushesTags, walkSteps, type Job, type Span, type Step, type Str, type UnfollowedCall, type Workflow } from "../../ecosystems/github-actions/index.js";
import { unfollowedReasons, type UnfollowedReason } from "../../core/unfollowed.js";
import { publishablePackages, type Publishable } from "./lib/publishable.js";
import { GORELEASER_FILES, GORELEASER_NO_PUBLISH, LOCAL_REGISTRY, npmProvenanceIn, provenanceIn, publishesIn, REGISTRY_KINDS, signsIn, stepCommandLines, type PublishKind, type SignScope } from "./lib/release-commands.js";
import { attestsProvenance, manualReleases, publishesOf, signs } from "./lib/release-scripts.js";
import { ScriptReader, scriptCalls, unitsOf } from "./lib/scripts.js";
import type { Rule, RuleContext } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/signed-releases",
    title: "Releases are published without signatures or provenance",
    severity: "high",
    confidence: "medium",
    check: "Signed-Releases",
    rationale:
      "A signature or provenance attestation lets users check that a release was built by the project's own CI from its own source. Without one, a stolen registry token or a compromised mirror can replace a release and nobody can tell. assay judges the release path: workflows on tags or releases, anything that publishes a package or release files, and release scripts or Makefile targets (run by CI or by hand); images pushed from branch builds are development images and are not judged. A package a script pushes to a registry by hand (`npm publish`, `twine upload`, `cargo publish`, `gem push` that no CI runs) is repo/packaging's finding, published by hand, not by CI, and is only said here: a registry publish attaches no file to a GitHub release, which is what Scorecard judges, so a project whose only releases are such is not judged (as Scorecard finds no release to judge); release files and GoReleaser run by hand stay judged here. Steps of the local composite actions and reusable workflows a release workflow calls count as its own; when it calls one the checkout cannot follow (missing, or behind a symbolic link out of it) and shows no signature or no publish of its own, the verdict waits on that call, so the rule is incomplete rather than failed or passed. A signature covers what it signs: `cosign sign`, `cosign attest` and Notation sign images, not the release's files (`cosign sign-blob` does), GoReleaser's `docker_signs` signs its images, not its archives and checksums (`signs:`, `binary_signs:`, or signatures a build hook makes and `release.extra_files` attaches, do), and importing a GPG key signs nothing until a command signs with it; `gh attestation` verifies or downloads attestations and makes none. Release workflows are judged together: a workflow run when a release is published that attaches signature files to it (or fetches its files and signs or attests them) signs the files any other workflow attached. Where GoReleaser's signing hangs on a template the checkout cannot resolve (a hook command or extra-files glob a template names), the rule is incomplete. Scorecard instead looks through the API at the files attached to the latest GitHub releases (signature and provenance files beside them) and leaves a project unscored when its releases attach no files, as when it publishes only to a package registry; assay judges every publishing path the checkout shows, so such a project is judged here. A package manifest alone, with nothing in the checkout that publishes it, is not judged: it may be published by hand or never, and there is no release to look at (Scorecard: no releases found). Scorecard scores a release with a signature file (.asc, .sig, .minisig, .sigstore, .sign) 8 and one with a provenance file (.intoto.jsonl) 10; so does assay: SLSA build provenance (`actions/attest-build-provenance`, `actions/attest` with the SLSA provenance predicate, the SLSA GitHub generator, `cosign attest` or `attest-blob --type slsaprovenance`, an `.intoto.jsonl` file attached), npm provenance, PyPI's and RubyGems' Trusted Publishing attestations score 10; a signature alone (cosign `sign-blob` or `sign`, GPG, minisign, Notation, sigstore-python, GoReleaser's `signs:`, Helm's .prov, an attestation of another predicate such as an SBOM) is one low finding that keeps the check at 8, and a release that publishes something signed and something unsigned scores 0.",
    remediation:
      "Sign or attest what the release workflow publishes, preferring provenance (Scorecard scores it 10, a signature 8): add `actions/attest-build-provenance` (with `id-token: write` and `attestations: write`) for release files and images, or sign with cosign (`cosign sign-blob` for files, `cosign sign` for images) or the SLSA GitHub generator; publish npm packages with `npm publish --provenance`; publish to PyPI with pypa/gh-action-pypi-publish v1.11+ and Trusted Publishing, which uploads attestations by default; add a `signs:` section to .goreleaser.yml (`docker_signs:` signs only the images); sign Helm charts with `helm package --sign` (or `CR_SIGN: true` for helm/chart-releaser-action), which writes Helm's PGP-signed provenance file. Move releases made by hand (a release.sh running `twine upload`, a `make release` target) into a workflow on tags where they can be attested.",
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
    const reader = new ScriptReader(ctx);
    const goreleaser = await readGoreleaser(ctx, reader);
    const calledLocally = locallyCalledWorkflows(workflows, ctx);
    const stepsByRoot = new Map<string, StepRef[]>();
    // Local actions and workflows the checkout cannot follow: a release may sign (or publish) inside one.
    const unfollowed: UnfollowedCall[] = [];
    for await (const v of walkSteps(ctx, undefined, unfollowed)) {
      const list = stepsByRoot.get(v.root.path) ?? [];
      // A step reached through a reusable workflow or a composite action: the root's line that calls it is context too.
      const first = v.via[0];
      const callSpan = first?.kind === "workflow" ? first.job.uses?.raw.span : first?.step.uses?.raw.span;
      const callFile = first?.kind === "workflow" ? first.workflow.path : first?.file;
      const caller = callSpan && callFile ? { path: callFile, ...lineStart(callSpan) } : undefined;
      list.push({ step: v.step, job: v.job, wf: v.workflow, file: v.action?.path ?? v.workflow.path, ...(caller ? { caller } : {}) });
      stepsByRoot.set(v.root.path, list);
    }
    let publishing = goreleaser !== undefined;
    const releaseTriggered: string[] = [];
    const devImages: string[] = [];
    const calledScripts = new Set<string>();
    let goreleaserRunInCi = false;
    let automation = false;
    /** A release workflow whose verdict waits on a call the checkout cannot follow: no guess from manifests either. */
    let unjudgedRelease = false;
    /** What a workflow publishes and signs, by kind: a release script doing the same by hand is a leftover second way. */
    const signedInCi = new Map<PublishKind, string>();
    // First what each release workflow publishes and signs; then the verdicts, judged together: a
    // workflow run when the release is published may sign the files another workflow attached to it.
    const judgedWorkflows: WorkflowFacts[] = [];
    for (const wf of workflows) {
      if (!entryWorkflow(wf, calledLocally)) continue;
      const steps = stepsByRoot.get(wf.path) ?? [];
      // The root's jobs and those of the workflows it calls (a Set: a workflow may have thousands of steps).
      const jobs = [...new Set<Job>([...wf.jobs, ...steps.map((s) => s.job)])];
      const found: Found[] = [];
      const signing = new Set<SignKind>();
      /** What of `signing` is a provenance attestation. */
      const provenance = new Set<SignKind>();
      let downloadsRelease = false;
      for (const ref of steps) {
        found.push(...publishersOf(ref).map((p) => (ref.caller && !p.caller ? { ...p, caller: ref.caller } : p)));
        const step = await signingOf(ctx, ref.step, ref.job, ref.wf);
        for (const k of step.signs) signing.add(k);
        for (const k of step.provenance) provenance.add(k);
        if (ref.step.uses && RELEASE_ACTIONS.test(actionName(ref.step.uses.name))) automation = true;
        if (ref.step.uses && RELEASE_DOWNLOAD_ACTIONS.has(actionName(ref.step.uses.name))) downloadsRelease = true;
        for (const line of stepCommandLines(ref.step)) {
          if (RELEASE_TOOLS.test(line.text)) automation = true;
          if (GH_RELEASE_DOWNLOAD.test(line.text)) downloadsRelease = true;
          // Scripts, Makefile targets and justfile recipes the step runs publish and sign as part of this workflow.
          for (const call of scriptCalls(line.text, workingDirectory(ref), (p) => ctx.has(p))) {
            calledScripts.add(call.path);
            for (const unit of unitsOf(call, await reader.units(call.path))) {
              for (const scope of signs(unit)) signing.add(scope);
              for (const scope of attestsProvenance(unit)) provenance.add(scope);
              if (unit.lines.some((l) => GH_RELEASE_DOWNLOAD.test(l.text))) downloadsRelease = true;
              for (const p of publishesOf(unit)) found.push({ kind: p.kind, via: `${p.via} in ${unit.path}${unit.name ? ` (${unit.name})` : ""}`, at: p.at, caller: { path: ref.file, ...lineStart(ref.step.run?.spanOf(line.offset, line.end)) } });
            }
          }
        }
      }
      for (const job of jobs) {
        if (!job.uses || !/^slsa-framework\/slsa-github-generator\//i.test(job.uses.raw.value)) continue;
        signing.add("general");
        provenance.add("general");
      }
      if (goreleaser?.signs) signing.add("goreleaser");
      if (found.some((p) => p.kind === "npm") && (await provenanceConfigured(ctx))) {
        signing.add("npm");
        provenance.add("npm");
      }
      const onReleasePath = wf.events.includes("release") || pushesTags(wf);
      if (onReleasePath) releaseTriggered.push(wf.path);
      // Images pushed from branch, schedule or manual builds are development images, not releases,
      // unless the same workflow also publishes a release some other way.
      const releases = found.filter((p) => p.kind !== "container");
      const judged = onReleasePath || releases.length > 0 || RELEASE_NAME.test(wf.path) || RELEASE_NAME.test(wf.name?.value ?? "") ? found : releases;
      if (judged.length < found.length) devImages.push(wf.path);
      if (judged.length > 0) publishing = true;
      if (judged.some((p) => p.kind === "goreleaser")) goreleaserRunInCi = true;
      // What this workflow runs that the checkout cannot show: its own calls and those of the files it reaches.
      const files = new Set([wf.path, ...steps.flatMap((r) => [r.file, r.wf.path])]);
      const cut = await unfollowedReasons(ctx, unfollowed.filter((u) => files.has(u.file)));
      judgedWorkflows.push({ wf, judged, signing, provenance, onReleasePath, cut, signsPublishedReleases: signsPublishedReleases(wf, signing, downloadsRelease), attestsPublishedReleases: signsPublishedReleases(wf, provenance, downloadsRelease) });
    }
    // Workflows run when a release is published that sign its files and attach the signatures (or
    // attest the files they download from it): every release's files get them, whichever workflow attached the files.
    const releaseSigners = judgedWorkflows.filter((w) => w.signsPublishedReleases).map((w) => w.wf.path);
    const releaseAttesters = judgedWorkflows.filter((w) => w.attestsPublishedReleases).map((w) => w.wf.path);
    /** Publishes signed, but by a signature alone: Scorecard scores them 8, not 10. */
    const signatureOnly: Found[] = [];
    /** True once a publish without any signature is reported: the rule scores 0, and signatures alone need no word. */
    let reportedUnsigned = false;
    for (const { wf, judged, signing, provenance, onReleasePath, cut: unfollowedCuts } of judgedWorkflows) {
      let unsigned = judged.filter((p) => !signed(signing, p.kind));
      const signers = releaseSigners.filter((path) => path !== wf.path);
      const credited = signers.length > 0 ? unsigned.filter((p) => RELEASE_FILE_KINDS.has(p.kind)) : [];
      if (credited.length > 0) {
        unsigned = unsigned.filter((p) => !credited.includes(p));
        if (!releaseAttesters.some((path) => path !== wf.path)) signatureOnly.push(...credited);
        ctx.evidence({
          message: `${wf.path} publishes ${joinList([...new Set(credited.map((p) => LABEL[p.kind]))])}, and ${joinList(signers)} signs the files of each release when it is published`,
          locations: uniqueLocations(credited.map((p) => p.at)),
        });
      }
      // GoReleaser whose signing the checkout cannot resolve (a templated hook or glob) waits like a call it cannot follow.
      const cut = [...unfollowedCuts, ...(goreleaser?.unresolved && unsigned.some((p) => p.kind === "goreleaser") ? [goreleaser.unresolved] : [])];
      if (cut.length > 0 && (unsigned.length > 0 || (judged.length === 0 && (onReleasePath || RELEASE_NAME.test(wf.path))))) {
        // The signature, or the publish itself, may be in the call: neither a pass nor a finding (fail closed).
        const doing = unsigned.length > 0 ? `publishes ${joinList([...new Set(unsigned.map((p) => LABEL[p.kind]))])} with no signature in the steps the checkout shows` : "runs on the release path";
        for (const c of cut) ctx.incomplete(`${wf.path} ${doing}, and ${c.path === goreleaser?.path ? c.message : `this step ${c.message}`}`, { path: c.path, line: c.line, column: c.column });
        unjudgedRelease = true;
        continue;
      }
      for (const p of judged) if (!unsigned.includes(p) && !signedInCi.has(p.kind)) signedInCi.set(p.kind, wf.path);
      signatureOnly.push(...judged.filter((p) => !unsigned.includes(p) && !credited.includes(p) && !signed(provenance, p.kind)));
      if (unsigned.length === 0) {
        if (judged.length > credited.length) ctx.evidence({ message: `${wf.path} signs or attests what it publishes (${[...signing].join(", ")})`, locations: [{ path: wf.path, ...(wf.onSpan ? { startLine: wf.onSpan.line, startColumn: wf.onSpan.column } : {}) }] });
        continue;
      }
      const kinds = [...new Set(unsigned.map((p) => p.kind))];
      const what = kinds.map((k) => `${LABEL[k]} (${[...new Set(unsigned.filter((p) => p.kind === k).map((p) => p.via))].join(", ")})`);
      const places = unsigned.flatMap((p) => [p.at, ...(p.caller ? [p.caller] : [])]);
      reportedUnsigned = true;
      ctx.report({
        message: `${wf.path} publishes ${joinList(what)} without a signature or provenance attestation`,
        locations: uniqueLocations(places),
        evidence: { triggers: wf.events.map((e) => (e === "push" && pushesTags(wf) ? "push (tags)" : e)), publishes: [...new Set(unsigned.map((p) => p.via))], kinds },
        key: `${wf.path}:${kinds.join(",")}`,
        fix: kinds.map((k) => FIX[k]).join("\n"),
      });
    }
    if (goreleaser && !goreleaserRunInCi && !goreleaser.signs && releaseSigners.length > 0) {
      if (releaseAttesters.length === 0) signatureOnly.push({ kind: "goreleaser", via: goreleaser.path, at: { path: goreleaser.path, line: 1, column: 1 } });
      ctx.evidence({ message: `${goreleaser.path} publishes GoReleaser artifacts, and ${joinList(releaseSigners)} signs the files of each release when it is published`, locations: [{ path: goreleaser.path, startLine: 1, startColumn: 1 }] });
    } else if (goreleaser && !goreleaserRunInCi && !goreleaser.signs && goreleaser.unresolved) {
      const c = goreleaser.unresolved;
      ctx.incomplete(`${goreleaser.path} releases with no signs section, and ${c.message}`, { path: c.path, line: c.line, column: c.column });
      unjudgedRelease = true;
    } else if (goreleaser && !goreleaserRunInCi && !goreleaser.signs) {
      reportedUnsigned = true;
      ctx.report({
        message: `${goreleaser.path} releases without a signs section, so the artifacts GoReleaser publishes are not signed`,
        locations: [{ path: goreleaser.path, startLine: 1, startColumn: 1 }],
        evidence: { triggers: [], publishes: ["goreleaser"], kinds: ["goreleaser"] },
        key: `${goreleaser.path}:goreleaser`,
        fix: FIX.goreleaser,
      });
    }
    // Release scripts that no workflow runs are run by hand: judged on their own.
    const publishingInCi = publishing;
    const manual = await manualReleases(ctx, reader, calledScripts);
    if (manual.publishing) publishing = true;
    /** Packages scripts push to a registry by hand: repo/packaging's finding, said here only. */
    const toRegistryByHand: { name: string; what: string[]; at: ReturnType<typeof uniqueLocations> }[] = [];
    for (const release of manual.releases) {
      // GoReleaser signs what it publishes when its config says so, whoever runs it (cosign's `make release` in Cloud Build).
      const name = release.name === undefined ? release.path : `${release.path} target ${release.name}`;
      const byConfig = goreleaser?.signs ? release.publishes.filter((p) => p.kind === "goreleaser") : [];
      // Release files attached by hand are signed all the same by a workflow run when the release is published.
      const bySigners = releaseSigners.length > 0 ? release.publishes.filter((p) => RELEASE_FILE_KINDS.has(p.kind) && !byConfig.includes(p)) : [];
      let publishes = release.publishes.filter((p) => !byConfig.includes(p) && !bySigners.includes(p));
      // GoReleaser's `signs:` makes signatures; signers on release make provenance only when they attest.
      signatureOnly.push(...byConfig, ...(releaseAttesters.length === 0 ? bySigners : []));
      if (byConfig.length > 0) ctx.evidence({ message: `${name} runs GoReleaser, whose ${goreleaser?.path} signs what it publishes`, locations: uniqueLocations(byConfig.map((p) => p.at)) });
      if (bySigners.length > 0) ctx.evidence({ message: `${name} publishes ${joinList([...new Set(bySigners.map((p) => LABEL[p.kind]))])} by hand, and ${joinList(releaseSigners)} signs the files of each release when it is published`, locations: uniqueLocations(bySigners.map((p) => p.at)) });
      if (goreleaser?.unresolved && publishes.some((p) => p.kind === "goreleaser")) {
        // Whether GoReleaser signs waits on what the checkout cannot resolve: no verdict on that publish.
        const c = goreleaser.unresolved;
        ctx.incomplete(`${name} runs GoReleaser with no signature the checkout shows, and ${c.message}`, { path: c.path, line: c.line, column: c.column });
        unjudgedRelease = true;
        publishes = publishes.filter((p) => p.kind !== "goreleaser");
      }
      if (publishes.length === 0) continue;
      const kinds = [...new Set(publishes.map((p) => p.kind))];
      const what = describe(publishes);
      // A workflow already publishes and signs each of these (urllib3: publish.yml with SLSA provenance
      // beside an old ci/deploy.sh running twine): the releases users get are signed, as Scorecard sees
      // them, and the script is said as evidence, not failed: a leftover second way to publish.
      const signedBy = kinds.every((k) => signedInCi.has(k)) ? [...new Set(kinds.map((k) => signedInCi.get(k) as string))] : undefined;
      if (signedBy) {
        ctx.evidence({ message: `${name} also publishes ${joinList(what)} by hand without a signature; ${joinList(signedBy)} publishes and signs the same releases, so the script is a second way to publish that skips the signature`, locations: uniqueLocations(publishes.map((p) => p.at)) });
        continue;
      }
      // A package pushed to a registry by hand is repo/packaging's finding (published by hand, not by CI), so the line
      // is told once. Scorecard's Signed-Releases judges the files attached to GitHub releases, and a registry publish
      // attaches none; release files and GoReleaser's archives, which it does judge, stay judged here.
      const toRegistry = publishes.filter((p) => REGISTRY_KINDS.has(p.kind));
      if (toRegistry.length > 0) {
        toRegistryByHand.push({ name, what: describe(toRegistry), at: uniqueLocations(toRegistry.map((p) => p.at)) });
        publishes = publishes.filter((p) => !REGISTRY_KINDS.has(p.kind));
      }
      if (publishes.length === 0) continue;
      const judged = [...new Set(publishes.map((p) => p.kind))];
      reportedUnsigned = true;
      ctx.report({
        message: `${name} publishes ${joinList(describe(publishes))} by hand, outside CI, without a signature or provenance attestation`,
        locations: uniqueLocations(publishes.map((p) => p.at)),
        evidence: { triggers: ["manual"], publishes: [...new Set(publishes.map((p) => p.via))], kinds: judged },
        key: `${release.path}:${release.name ?? ""}:${judged.join(",")}`,
        fix: `Publish from a CI workflow on tags, where the release can be attested:\n${judged.map((k) => FIX[k]).join("\n")}`,
      });
    }
    for (const h of toRegistryByHand) {
      ctx.evidence({ message: `${h.name} publishes ${joinList(h.what)} by hand, which repo/packaging judges (published by hand, not by CI); a registry publish attaches no file to a GitHub release, which is what Scorecard's Signed-Releases judges, so it is not judged here`, locations: h.at });
    }
    if (!reportedUnsigned && !unjudgedRelease && signatureOnly.length > 0) reportSignatureOnly(ctx, signatureOnly);
    const byHandOnly = toRegistryByHand.length > 0 && !publishingInCi && !manual.signed && manual.releases.every((r) => r.publishes.every((p) => REGISTRY_KINDS.has(p.kind)));
    if (byHandOnly && !unjudgedRelease) {
      const shown = toRegistryByHand.map((h) => `${h.name} publishes ${joinList(h.what)}`);
      return ctx.notApplicable(
        `the only releases are packages published to a registry by hand (${joinList(shown)}), which repo/packaging judges (published by hand, not by CI); a registry publish attaches no file to a GitHub release, so there is no release for Scorecard's Signed-Releases to judge (publish from a CI workflow on tags that attests what it publishes)`,
      );
    }
    if (publishing || unjudgedRelease) return;
    const packages = automation || releaseTriggered.length > 0 || RELEASE_CONFIGS.some((p) => ctx.has(p)) || ctx.files.some((f) => f.path.startsWith(".changeset/")) ? [] : await publishablePackages(ctx);
    if (packages.length > 0) {
      // Nothing in the repository publishes, yet it declares a package for a registry: maybe published
      // by hand, maybe never. No release is there to judge, so no verdict, as Scorecard gives none
      // (inconclusive, "no releases found") for a repository whose releases it cannot see.
      return ctx.notApplicable(
        `${joinList(packages.map((p) => `${p.manifest} declares ${REGISTRY_LABEL[p.registry]}${p.name.startsWith("(") ? "" : ` (${p.name})`}`))} but no workflow or script publishes ${packages.length === 1 ? "it" : "them"}: no release to judge (if ${packages.length === 1 ? "it is" : "they are"} published by hand, publish from a CI workflow on tags that attests ${packages.length === 1 ? "it" : "them"})`,
      );
    }
    ctx.notApplicable(
      releaseTriggered.length > 0
        ? `${releaseTriggered.join(", ")} run on tags or releases but publish nothing assay recognises (release files, npm, PyPI, crates, container images, gems, GoReleaser)`
        : devImages.length > 0
          ? `${devImages.join(", ")} push only development images from branch builds; no workflow on tags or releases publishes anything`
          : "no release process found: no workflow or release script publishes release files or packages, and there is no GoReleaser config",
    );
  },
};

type SignKind = PublishKind | SignScope;

/** True when a workflow's signing covers a publish of this kind. */
function signed(signing: ReadonlySet<SignKind>, kind: PublishKind): boolean {
  // Signature files attached beside the release's files (`release-assets`) are what Scorecard finds beside GoReleaser's too.
  return signing.has("general") || signing.has(kind) || (kind === "goreleaser" && signing.has("release-assets"));
}

/** What a release workflow publishes and signs, gathered before any verdict. */
interface WorkflowFacts {
  wf: Workflow;
  /** What is judged: everything found, less development images from branch builds. */
  judged: Found[];
  signing: Set<SignKind>;
  /** What of `signing` is a provenance attestation. */
  provenance: Set<SignKind>;
  onReleasePath: boolean;
  /** Calls the checkout cannot follow. */
  cut: UnfollowedReason[];
  /** Runs when a release is published and signs that release's files (see `signsPublishedReleases`). */
  signsPublishedReleases: boolean;
  /** The same, with a provenance attestation. */
  attestsPublishedReleases: boolean;
}

/** Scorecard's score for releases signed without provenance; provenance scores 10. */
const SIGNED_SCORE = 8;

/**
 * Releases signed, but none of it with provenance: Scorecard scores a signature file 8 and an
 * in-toto provenance file 10, so this is one low finding that keeps the check at 8 (its evidence
 * says so), not a failure.
 */
function reportSignatureOnly(ctx: RuleContext, found: readonly Found[]): void {
  const kinds = [...new Set(found.map((p) => p.kind))];
  const what = kinds.map((k) => `${LABEL[k]} (${[...new Set(found.filter((p) => p.kind === k).map((p) => p.via))].join(", ")})`);
  ctx.report({
    message: `releases are signed but carry no provenance attestation: ${joinList(what)}; Scorecard scores signed releases ${SIGNED_SCORE} of 10, releases with SLSA provenance 10`,
    locations: uniqueLocations(found.flatMap((p) => [p.at, ...(p.caller ? [p.caller] : [])])),
    evidence: { signedOnly: kinds, publishes: [...new Set(found.map((p) => p.via))] },
    grade: SIGNED_SCORE,
    severity: "low",
    key: `signature-only:${kinds.join(",")}`,
    fix: kinds.map((k) => PROVENANCE_FIX[k]).join("\n"),
  });
}

/** What a GitHub release holds: files attached to it, by an upload or by GoReleaser. */
const RELEASE_FILE_KINDS: ReadonlySet<PublishKind> = new Set(["release-assets", "goreleaser"]);

/** `release` activity types on which the release and its files exist (not `edited`, `deleted`, `unpublished`). */
const RELEASE_TYPES = new Set(["published", "created", "released", "prereleased"]);

/** `gh release download`: a step fetching the release's own files. */
const GH_RELEASE_DOWNLOAD = /(?:^|[\s;&|(])gh\s{1,5}release\s{1,5}download\b/;
/** Actions that download a release's files. */
const RELEASE_DOWNLOAD_ACTIONS: ReadonlySet<string> = new Set(["robinraju/release-downloader", "dsaltares/fetch-gh-release-asset"]);

/**
 * A workflow run when a release is published (`on: release` with `published`, `created`,
 * `released` or `prereleased`, or no types) that signs the release's files: it attaches signature
 * or provenance files to the release, or it fetches the release's files and signs or attests them.
 * Whichever workflow (or person) attached the files, each release gets its signatures this way.
 */
function signsPublishedReleases(wf: Workflow, signing: ReadonlySet<SignKind>, downloadsRelease: boolean): boolean {
  const trigger = wf.triggers.find((t) => t.event === "release");
  if (!trigger) return false;
  const types = (trigger.filters["types"] ?? []).map((t) => t.value.trim().toLowerCase());
  if (types.length > 0 && !types.some((t) => RELEASE_TYPES.has(t))) return false;
  return signing.has("release-assets") || (downloadsRelease && signing.has("general"));
}

const LABEL: Readonly<Record<PublishKind, string>> = {
  "release-assets": "GitHub release files",
  npm: "an npm package",
  pypi: "a PyPI package",
  container: "container images",
  rubygems: "a gem",
  goreleaser: "GoReleaser artifacts",
  crate: "a crate",
};

const REGISTRY_LABEL: Readonly<Record<Publishable["registry"], string>> = { npm: "an npm package", PyPI: "a PyPI package", "crates.io": "a crate for crates.io", RubyGems: "a gem" };

const FIX: Readonly<Record<PublishKind, string>> = {
  "release-assets": "- uses: actions/attest-build-provenance@v2\n  with:\n    subject-path: dist/*   # the files attached to the release",
  npm: "npm publish --provenance   # with `permissions: id-token: write`",
  pypi: "- uses: pypa/gh-action-pypi-publish@release/v1   # Trusted Publishing (id-token: write), no password: attestations are uploaded",
  container: "cosign sign --yes \"$IMAGE@$DIGEST\"   # or actions/attest-build-provenance with subject-name, subject-digest and push-to-registry: true",
  rubygems: "- uses: rubygems/release-gem@v1   # Trusted Publishing with attestations",
  goreleaser: "signs:\n  - cmd: cosign\n    artifacts: checksum\n    args: [\"sign-blob\", \"--output-signature=${signature}\", \"${artifact}\", \"--yes\"]",
  crate: "- uses: actions/attest-build-provenance@v2   # crates.io keeps no signatures: attest the .crate you publish\n  with:\n    subject-path: target/package/*.crate",
};

/** How to add provenance where a signature is already made: the FIX of a kind, where that already attests. */
const PROVENANCE_FIX: Readonly<Record<PublishKind, string>> = {
  ...FIX,
  container: "- uses: actions/attest-build-provenance@v2\n  with:\n    subject-name: ${{ env.IMAGE }}\n    subject-digest: ${{ steps.push.outputs.digest }}\n    push-to-registry: true",
  goreleaser: FIX["release-assets"].replace("the files attached to the release", "GoReleaser's archives and checksums"),
};

/** A publish found for a workflow: where the command is, and the workflow line that runs it when it sits in a script. */
interface Found {
  kind: PublishKind;
  /** What publishes, as written (`npm publish`, `softprops/action-gh-release`, `twine upload in release.sh`). */
  via: string;
  at: { path: string; line: number; column: number };
  caller?: { path: string; line: number; column: number };
}

interface StepRef {
  step: Step;
  job: Job;
  /** The workflow file that holds the job. */
  wf: Workflow;
  /** The file the step is written in (a composite action's action.yml, or the workflow). */
  file: string;
  /** The line of the root workflow that leads to the step, when it is written elsewhere. */
  caller?: { path: string; line: number; column: number };
}

/** Workflow files or names that say they release, where a pushed image is the release itself. */
const RELEASE_NAME = /(?:^|[/\s_-])(?:release|publish)/i;
/** Release tools whose publishing happens inside them (semantic-release's npm plugin, release-please, …). */
const RELEASE_TOOLS = /(?:^|[\s;&|(/])(?:semantic-release|release-please|release-it|changeset\s{1,5}publish|cargo[\s-]release|release-plz|jreleaser|goreleaser)\b/;
const RELEASE_ACTIONS = /^(?:googleapis\/release-please-action|google-github-actions\/release-please-action|changesets\/action|cycjimmy\/semantic-release-action|release-plz\/action|jreleaser\/release-action|goreleaser\/goreleaser-action)$/i;
/** Configuration of release automation, which runs somewhere even if assay cannot see it publish. */
const RELEASE_CONFIGS = [".releaserc", ".releaserc.json", ".releaserc.yml", ".releaserc.yaml", ".releaserc.js", ".releaserc.cjs", "release.config.js", "release.config.cjs", "release.config.mjs", "release-please-config.json", ".release-please-manifest.json", "release-plz.toml", ".release-it.json", ".release-it.yaml", ".release-it.yml", "jreleaser.yml", "jreleaser.yaml", ".goreleaser.yml", ".goreleaser.yaml"];

/** What publishes put out, by kind, with the commands that do it: "a PyPI package (twine upload)". */
function describe(publishes: readonly { kind: PublishKind; via: string }[]): string[] {
  const kinds = [...new Set(publishes.map((p) => p.kind))];
  return kinds.map((k) => `${LABEL[k]} (${[...new Set(publishes.filter((p) => p.kind === k).map((p) => p.via))].join(", ")})`);
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Locations in order, each place once, the first the one that matters most. */
function uniqueLocations(places: readonly { path: string; line: number; column: number }[]): { path: string; startLine: number; startColumn: number }[] {
  const seen = new Set<string>();
  const out: { path: string; startLine: number; startColumn: number }[] = [];
  for (const p of places) {
    const k = `${p.path}:${p.line}:${p.column}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ path: p.path, startLine: p.line, startColumn: p.column });
  }
  return out;
}

function lineStart(span: Span | undefined): { line: number; column: number } {
  return span ? { line: span.line, column: span.column } : { line: 1, column: 1 };
}

/** The directory a step's `run:` starts in: step, job, then workflow `working-directory`. */
function workingDirectory(ref: StepRef): string {
  const wd = ref.step.workingDirectory?.value ?? ref.job.defaults.workingDirectory?.value ?? ref.wf.defaults.workingDirectory?.value ?? "";
  return wd.includes("${{") ? "" : wd;
}

/** Workflows judged on their own: not pull-request-only, and not reusable workflows only reached through a local caller. */
function entryWorkflow(wf: Workflow, calledLocally: ReadonlySet<string>): boolean {
  const events = wf.events;
  if (events.length > 0 && events.every((e) => e === "pull_request" || e === "pull_request_target" || e === "merge_group")) return false;
  if (events.length === 1 && events[0] === "workflow_call" && calledLocally.has(wf.path)) return false;
  return true;
}

/** What a step publishes, each at the line that does it: the `uses:` line of an action, the command's line in a `run:` script. */
function publishersOf(ref: StepRef): Found[] {
  const { step } = ref;
  const out: Found[] = [];
  const w = withValues(step);
  if (step.uses) {
    const at = { path: ref.file, ...lineStart(step.uses.raw.span) };
    const name = actionName(step.uses.name);
    const add = (kind: PublishKind, via = name) => out.push({ kind, via, at });
    if (name === "softprops/action-gh-release" && w["files"]) add("release-assets");
    else if (name === "ncipollo/release-action" && w["artifacts"]) add("release-assets");
    else if (RELEASE_UPLOAD_ACTIONS.has(name)) add("release-assets");
    else if (name === "marvinpinto/action-automatic-releases" && w["files"]) add("release-assets");
    else if (name === "goreleaser/goreleaser-action" && !GORELEASER_NO_PUBLISH.test(w["args"] ?? "")) add("goreleaser");
    else if (name === "pypa/gh-action-pypi-publish") add("pypi");
    else if (name === "docker/build-push-action" && (w["push"] ?? "false").trim() !== "false" && !LOCAL_REGISTRY.test(w["tags"] ?? "")) add("container");
    else if (name === "rubygems/release-gem") add("rubygems");
    else if (name === "js-devtools/npm-publish") add("npm");
    else if (name === "changesets/action" && w["publish"]) add("npm", `${name} (publish)`);
    else if (name === "katyo/publish-crates" || name === "release-plz/action") add("crate");
    // chart-releaser packages each changed chart and attaches it to a GitHub release (and an index on gh-pages).
    else if (name === "helm/chart-releaser-action" && (w["skip_upload"] ?? "false").trim() !== "true") add("release-assets");
  }
  if (step.run) {
    const run = step.run;
    const npmToken = Object.entries(step.env).some(([k, v]) => NPM_TOKEN.test(k) && givesToken(v));
    for (const line of stepCommandLines(step)) {
      const at = { path: ref.file, ...lineStart(run.spanOf(line.offset, line.end)) };
      const found = publishesIn(line.text);
      for (const p of found) out.push({ ...p, at });
      // A JavaScript release tool given an npm token publishes to npm (babel's `yarn release-tool
      // publish`, `npx semantic-release`), whatever it calls npm underneath.
      const tool = npmToken && found.length === 0 ? npmReleaseTool(line.text) : undefined;
      if (tool) out.push({ kind: "npm", via: tool, at });
    }
  }
  return out;
}

/** A JavaScript package runner and its next words (`yarn release-tool publish --yes`, `npx semantic-release`). */
const JS_RUNNER = /(?:^|[\s;&|(])((?:npx|yarn|pnpm|npm|bunx?)(?:[ \t]{1,5}[^\s;&|]{1,100}){1,4})/g;

/** A JavaScript package runner whose command publishes or releases, as written up to the word that says so (`yarn release-tool publish`). */
function npmReleaseTool(line: string): string | undefined {
  for (const m of line.matchAll(JS_RUNNER)) {
    const words = (m[1] ?? "").split(/[ \t]+/);
    let last = -1;
    words.forEach((w, i) => {
      if (/\b(?:publish|release)\b/.test(w)) last = i;
    });
    if (last > 0) return words.slice(0, last + 1).join(" ");
  }
  return undefined;
}

/** Actions that upload files to a GitHub release (every use publishes release files). */
const RELEASE_UPLOAD_ACTIONS: ReadonlySet<string> = new Set([
  "svenstaro/upload-release-action",
  "actions/upload-release-asset",
  "skx/github-action-publish-binaries",
  "shogo82148/actions-upload-release-asset",
  "alexellis/upload-assets",
  "xresloader/upload-to-github-release",
  "taiki-e/upload-rust-binary-action",
]);

/**
 * Actions that sign or attest files. Importing a signing key (crazy-max/ghaction-import-gpg) signs
 * nothing by itself: it counts through what uses the key afterwards (`gpg --detach-sign`, a GoReleaser
 * `signs:` section), never for signing a git commit or tag.
 */
const GENERAL_SIGNING_ACTIONS = new Set([
  "actions/attest-build-provenance",
  "actions/attest",
  "actions/attest-sbom",
  "sigstore/gh-action-sigstore-python",
]);

/** What a step signs, and which of it by a provenance attestation (a subset): Scorecard scores signatures 8, provenance 10. */
interface StepSigning {
  signs: SignKind[];
  provenance: SignKind[];
}

async function signingOf(ctx: RuleContext, step: Step, job: Job, wf: Workflow): Promise<StepSigning> {
  const out: SignKind[] = [];
  const provenance: SignKind[] = [];
  const both = (k: SignKind): void => {
    out.push(k);
    provenance.push(k);
  };
  if (step.uses) {
    const name = actionName(step.uses.name);
    // An attestation of an image alone (`subject-name`, no `subject-path`) covers the image, not the
    // release's other files or packages (ruff attests its Docker image, not its wheels).
    if (GENERAL_SIGNING_ACTIONS.has(name)) {
      const scope = step.with["subject-name"] && !step.with["subject-path"] && !step.with["subject-checksums"] ? "container" : "general";
      if (PROVENANCE_ACTIONS.has(name) || (name === "actions/attest" && SLSA_PREDICATE.test(step.with["predicate-type"]?.value ?? ""))) both(scope);
      else out.push(scope);
    }
    // PEP 740 attestations and RubyGems' Sigstore attestations bind the package to the workflow that built it: provenance.
    if (name === "pypa/gh-action-pypi-publish" && pypiAttests(step)) both("pypi");
    if (name === "rubygems/release-gem") both("rubygems");
    if (name === "js-devtools/npm-publish" && step.with["provenance"]?.value === "true") both("npm");
    // Signature or provenance files attached beside the release files, which is what Scorecard looks for among a release's assets.
    if (publishesReleaseFiles(name)) {
      const uploaded = RELEASE_FILE_INPUTS.map((k) => step.with[k]?.value ?? "");
      if (uploaded.some((v) => PROVENANCE_FILE.test(v))) both("release-assets");
      else if (uploaded.some((v) => SIGNATURE_FILE.test(v))) out.push("release-assets");
    }
    // chart-releaser signs each chart package when CR_SIGN is set, writing Helm's PGP-signed provenance file (.prov).
    if (name === "helm/chart-releaser-action" && crSigns({ ...wf.env, ...job.env, ...step.env })) out.push("general");
  }
  if (step.run) {
    for (const line of stepCommandLines(step)) {
      out.push(...signsIn(line.text));
      provenance.push(...provenanceIn(line.text));
      if (npmProvenanceIn(line.text)) both("npm");
      if (SIGNATURE_FILE.test(line.text) && publishesIn(line.text).some((p) => p.kind === "release-assets")) (PROVENANCE_FILE.test(line.text) ? both : (k: SignKind) => out.push(k))("release-assets");
    }
  }
  const env = { ...wf.env, ...job.env, ...step.env };
  if (Object.entries(env).some(([k, v]) => k.toLowerCase() === "npm_config_provenance" && v.value.trim().toLowerCase() === "true")) both("npm");
  if (publishesNpm(step) && (npmTrustedPublishing(step, job, wf) || (await provenanceConfigured(ctx)))) both("npm");
  return { signs: out, provenance };
}

/** Actions whose attestation is SLSA build provenance; the others of GENERAL_SIGNING_ACTIONS sign (an SBOM attestation, a Sigstore bundle). */
const PROVENANCE_ACTIONS: ReadonlySet<string> = new Set(["actions/attest-build-provenance"]);
/** `actions/attest`'s predicate type when it is SLSA provenance. */
const SLSA_PREDICATE = /^\s*https:\/\/slsa\.dev\/provenance\//;
/** A provenance file among the files a release uploads: Scorecard's `.intoto.jsonl`. */
const PROVENANCE_FILE = /\.intoto\.jsonl(?=$|[\s"',;)\]}])/m;

/**
 * A signature or provenance file among the files a release uploads, by the extensions Scorecard's
 * Signed-Releases looks for (.asc, .sig, .sign, .minisig, .sigstore, .sigstore.json, .intoto.jsonl),
 * and Helm's PGP-signed provenance file (.prov).
 */
const SIGNATURE_FILE = /\.(?:asc|sig|sign|minisig|sigstore(?:\.json)?|intoto\.jsonl|prov)(?=$|[\s"',;)\]}])/m;

/** The inputs of release-upload actions that name the files uploaded. */
const RELEASE_FILE_INPUTS = ["files", "artifacts", "file", "asset_path", "asset_name"];

/** Actions that attach files to a GitHub release. */
function publishesReleaseFiles(name: string): boolean {
  return RELEASE_UPLOAD_ACTIONS.has(name) || ["softprops/action-gh-release", "ncipollo/release-action", "marvinpinto/action-automatic-releases"].includes(name);
}

/** CR_SIGN=true (chart-releaser's switch for `cr package --sign`) in the step's environment. */
function crSigns(env: Record<string, Str>): boolean {
  return Object.entries(env).some(([k, v]) => k === "CR_SIGN" && v.value.trim().toLowerCase() === "true");
}

function publishesNpm(step: Step): boolean {
  if (step.uses && ["js-devtools/npm-publish", "changesets/action"].includes(actionName(step.uses.name))) return true;
  return stepCommandLines(step).some((l) => publishesIn(l.text).some((p) => p.kind === "npm"));
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
  if (Object.entries(env).some(([k, v]) => NPM_TOKEN.test(k) && givesToken(v))) return false;
  return !job.steps.some((s) => NPM_TOKEN.test(s.run?.value ?? "") || Object.entries(s.env).some(([k, v]) => NPM_TOKEN.test(k) && givesToken(v)) || Object.values(s.with).some((v) => NPM_TOKEN.test(v.value)));
}

/**
 * An npm token variable set to the empty string gives no token: changesets users write
 * `NPM_TOKEN: ''` to make npm use trusted publishing (Astro's release workflow).
 */
function givesToken(value: Str): boolean {
  return value.value.trim() !== "";
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

/** What a GoReleaser configuration signs of what it attaches to a release. */
interface Goreleaser {
  path: string;
  /**
   * True when the files GoReleaser attaches to the release (archives, checksums, binaries) are
   * signed: a `signs:` or `binary_signs:` section, signatures a hook makes and `release.extra_files`
   * attaches, or `docker_signs:` where the configuration publishes images alone.
   */
  signs: boolean;
  /** Where the configuration's signing cannot be resolved offline (a hook or glob a template names): the verdict waits on it. */
  unresolved?: UnfollowedReason;
}

/** Builds, archives, hooks and extra files read per configuration (real ones have a handful). */
const MAX_GORELEASER_ITEMS = 200;

async function readGoreleaser(ctx: RuleContext, reader: ScriptReader): Promise<Goreleaser | undefined> {
  const path = GORELEASER_FILES.find((p) => ctx.has(p));
  if (!path) return undefined;
  const y = await ctx.parse(path, yamlParser);
  // Unreadable or malformed: the rule is incomplete (the read says why), and nothing is assumed signed.
  if (!y) return { path, signs: false };
  const root = y.doc.contents;
  if (["signs", "binary_signs"].some((k) => mapPair(root, k) !== undefined)) return { path, signs: true };
  // `docker_signs` signs images and manifests only (GoReleaser's "Signing Docker Images and
  // Manifests"): it covers the release only where nothing but images is published.
  if (mapPair(root, "docker_signs") !== undefined && imagesOnly(root)) return { path, signs: true };
  // Signatures made by a hook and attached by `release.extra_files` (`cosign sign-blob` in a build's
  // post hook, `dist/*.sig` among the extra files).
  const at = (node: unknown) => ({ path, ...nodePosition(y, node) });
  const globs = seqItems(mapGet(mapGet(root, "release"), "extra_files"))
    .slice(0, MAX_GORELEASER_ITEMS)
    .flatMap((item) => {
      const node = mapGet(item, "glob") ?? item;
      const text = scalarString(node);
      return text === undefined ? [] : [{ text, node }];
    });
  const signatureGlob = globs.find((g) => SIGNATURE_FILE.test(g.text));
  const templatedGlob = globs.find((g) => g.text.includes("{{") && !/\.[A-Za-z0-9]{1,20}$/.test(g.text.trim()));
  if (!signatureGlob && !templatedGlob) return { path, signs: false };
  let signingHook = false;
  let templatedHook: { text: string; node: unknown } | undefined;
  for (const hook of goreleaserHooks(root)) {
    if (/^\s{0,20}\{\{/.test(hook.text)) templatedHook ??= hook;
    if (signsIn(hook.text).includes("general")) signingHook = true;
    // A hook that runs a script or Makefile target signs if what it runs does.
    for (const call of signingHook ? [] : scriptCalls(hook.text, "", (p) => ctx.has(p))) {
      for (const unit of unitsOf(call, await reader.units(call.path, true))) if (signs(unit).has("general")) signingHook = true;
    }
    if (signingHook) break;
  }
  if (signingHook && signatureGlob) return { path, signs: true };
  if (signingHook && templatedGlob) {
    return { path, signs: false, unresolved: { ...at(templatedGlob.node), message: `${path}'s release.extra_files glob ${templatedGlob.text.slice(0, 200)} is a template the checkout cannot resolve, so whether it attaches the signatures its hooks make cannot be judged` } };
  }
  if (signatureGlob && templatedHook) {
    return { path, signs: false, unresolved: { ...at(templatedHook.node), message: `${path}'s hook ${templatedHook.text.slice(0, 200)} runs a command a template names, so whether it makes the signatures release.extra_files attaches (${signatureGlob.text.slice(0, 200)}) cannot be judged` } };
  }
  return { path, signs: false };
}

/**
 * The hook commands of a GoReleaser configuration, each with its node: global `before`/`after`
 * hooks, each build's and universal binary's `pre`/`post` hooks, each archive's `before`/`after`
 * hooks. A hook is a string or a mapping with `cmd`; a build's may be one string.
 */
function goreleaserHooks(root: unknown): { text: string; node: unknown }[] {
  const out: { text: string; node: unknown }[] = [];
  const add = (value: unknown): void => {
    for (const item of [value, ...seqItems(value)].slice(0, MAX_GORELEASER_ITEMS)) {
      const node = mapGet(item, "cmd") ?? item;
      const text = scalarString(node);
      if (text !== undefined && out.length < MAX_GORELEASER_ITEMS * 4) out.push({ text, node });
    }
  };
  for (const key of ["before", "after"]) add(mapGet(mapGet(root, key), "hooks"));
  for (const [key, phases] of [["builds", ["pre", "post"]], ["universal_binaries", ["pre", "post"]], ["archives", ["before", "after"]]] as const) {
    for (const item of seqItems(mapGet(root, key)).slice(0, MAX_GORELEASER_ITEMS)) {
      for (const phase of phases) add(mapGet(mapGet(item, "hooks"), phase));
    }
  }
  // GoReleaser's older single `build:` section.
  for (const phase of ["pre", "post"]) add(mapGet(mapGet(mapGet(root, "build"), "hooks"), phase));
  return out;
}

/** A configuration that publishes only images: no GitHub release, and no file uploads elsewhere. */
function imagesOnly(root: unknown): boolean {
  const release = mapGet(root, "release");
  const off = (key: string) => scalarString(mapGet(release, key))?.trim().toLowerCase() === "true";
  if (!off("disable") && !off("skip")) return false;
  return !["blobs", "uploads", "artifactories", "publishers"].some((k) => mapPair(root, k) !== undefined);
}

/** A step's `with:` inputs as plain strings. */
function withValues(step: Step): Record<string, string> {
  return Object.fromEntries(Object.entries(step.with).map(([k, v]: [string, Str]) => [k, v.value]));
}
