// Shell commands that publish a release and commands that sign or attest one, read line by line
// from workflow `run:` scripts, release scripts and Makefile recipes. Every pattern is anchored at
// a command boundary and uses bounded repetition, so each line is read in linear time.

import type { Step } from "../../../ecosystems/github-actions/index.js";

/** What a release publishes, as far as signing goes (each has its own way to sign or attest). */
export type PublishKind = "release-assets" | "npm" | "pypi" | "container" | "rubygems" | "goreleaser" | "crate";

/**
 * Publishes to a package registry, which leave no file on a GitHub release: run by hand, they are
 * repo/packaging's finding (published by hand, not by CI), and repo/signed-releases only says them.
 * GoReleaser run by hand is repo/signed-releases' finding: it attaches archives to a GitHub release,
 * which Scorecard's Signed-Releases judges and its Packaging does not. One line is told once.
 */
export const REGISTRY_KINDS: ReadonlySet<PublishKind> = new Set(["npm", "pypi", "rubygems", "crate"]);

/** One logical command line: continuations joined, with where it starts in the script. */
export interface CommandLine {
  text: string;
  /** UTF-16 offset in the script of the line's first non-blank character. */
  offset: number;
  /** Offset in the script where the logical line ends (its last physical line's end). */
  end: number;
}

/**
 * The command lines of a script: backslash continuations joined, comments and `--dry-run`
 * invocations dropped, each with its place in the script so a finding can point at it.
 */
export function commandLines(script: string): CommandLine[] {
  const out: CommandLine[] = [];
  let start = 0;
  while (start <= script.length) {
    let end = script.indexOf("\n", start);
    if (end === -1) end = script.length;
    let part = script.slice(start, end).replace(/\r$/, "");
    // A trailing backslash continues the command on the next line; parts are joined once, so a
    // long chain of continuations stays linear.
    const parts: string[] = [];
    while (part.endsWith("\\") && end < script.length) {
      parts.push(part.slice(0, -1));
      const next = script.indexOf("\n", end + 1);
      const stop = next === -1 ? script.length : next;
      part = script.slice(end + 1, stop).replace(/\r$/, "");
      end = stop;
    }
    parts.push(part);
    const text = parts.join(" ");
    const indent = /^[ \t]{0,1000}/.exec(text)?.[0].length ?? 0;
    if (!text.includes("--dry-run") && !/^[ \t]{0,1000}#/.test(text) && text.trim() !== "") out.push({ text, offset: start + indent, end });
    start = end + 1;
  }
  return out;
}

/** A command called by path (`./cosign`, `bin/cosign`, `$HOME/.local/bin/cosign`) or by name. */
const BY_PATH = String.raw`(?:[\w.~$\{\}-]{0,100}/){0,8}`;
/** Where a command may start: the line start, or after a separator, a subshell or `sudo`-like prefixes' space. */
const AT = String.raw`(?:^|[\s;&|(\x60])`;

const NPM_PUBLISH = new RegExp(String.raw`${AT}${BY_PATH}(?:npm|pnpm|yarn(?:\s{1,5}npm)?|lerna|changeset)(?:\s{1,5}-[\w=-]{1,40}){0,3}\s{1,5}publish\b`);
const PYPI_PUBLISH = new RegExp(String.raw`${AT}(?:python3?\s{1,5}-m\s{1,5})?${BY_PATH}(?:twine\s{1,5}upload|uv\s{1,5}publish|poetry\s{1,5}publish|flit\s{1,5}publish|hatch\s{1,5}publish|pdm\s{1,5}publish|maturin\s{1,5}(?:publish|upload))\b`);
const CONTAINER_PUBLISH = /(?:^|[\s;&|(])(?:(?:docker|podman)\s{1,5}(?:image\s{1,5})?push\b|docker\s{1,5}buildx\s{1,5}(?:build|bake)\b[^\n]{0,500}\s--push\b|ko\s{1,5}(?:build|publish|resolve)\b|helm\s{1,5}push\b[^\n]{0,500}\s["']?oci:\/\/)/;
/** Where GoReleaser looks for its configuration, in its order. */
export const GORELEASER_FILES: readonly string[] = [".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"];

/** Pushes to a registry on the runner itself (integration tests), which publish nothing. */
export const LOCAL_REGISTRY = /\blocalhost\b|\b127\.0\.0\.1\b|\bko\.local\b|\bkind\.local\b|\s--local\b/;
const GEM_PUSH = new RegExp(String.raw`${AT}(?:gem\s{1,5}push|(?:bundle\s{1,5}exec\s{1,5})?rake\s{1,5}release)\b`);
const GORELEASER_RUN = new RegExp(String.raw`${AT}${BY_PATH}goreleaser\s{1,5}release\b`);
/** GoReleaser runs that publish nothing: builds, checks, snapshots, `--skip=publish`. */
export const GORELEASER_NO_PUBLISH = /(?:^|\s)(?:build|check|--snapshot|--skip-publish|--skip[= ][\w,-]{0,80}publish)(?:\s|,|$)/;
const CARGO_PUBLISH = new RegExp(String.raw`${AT}cargo\s{1,5}(?:\+[\w.-]{1,40}\s{1,5})?publish\b`);
const GH_RELEASE_UPLOAD = /\bgh\s{1,5}release\s{1,5}upload\b/;
const GH_RELEASE_CREATE = /\bgh\s{1,5}release\s{1,5}create\b/;

/** What a command line publishes, with the command as written (`npm publish`, `gh release create`). */
export function publishesIn(line: string): { kind: PublishKind; via: string }[] {
  const out: { kind: PublishKind; via: string }[] = [];
  if (NPM_PUBLISH.test(line)) out.push({ kind: "npm", via: (NPM_PUBLISH.exec(line)?.[0] ?? "npm publish").trim().replace(/^.*\//, "").replace(/\s+/g, " ") });
  if (PYPI_PUBLISH.test(line)) out.push({ kind: "pypi", via: (PYPI_PUBLISH.exec(line)?.[0] ?? "twine upload").trim().replace(/^python3?\s+-m\s+/, "").replace(/^.*\//, "").replace(/\s+/g, " ") });
  const container = LOCAL_REGISTRY.test(line) ? undefined : CONTAINER_PUBLISH.exec(line)?.[0].trim();
  if (container) out.push({ kind: "container", via: /^docker\s+buildx\s+bake/.test(container) ? "docker buildx bake --push" : /^docker\s+buildx/.test(container) ? "docker buildx build --push" : /^helm\s/.test(container) ? "helm push" : container.replace(/\s+/g, " ") });
  if (GEM_PUSH.test(line)) out.push({ kind: "rubygems", via: /gem\s+push/.test(line) ? "gem push" : "rake release" });
  if (GORELEASER_RUN.test(line) && !GORELEASER_NO_PUBLISH.test(line)) out.push({ kind: "goreleaser", via: "goreleaser release" });
  if (CARGO_PUBLISH.test(line)) out.push({ kind: "crate", via: "cargo publish" });
  if (GH_RELEASE_UPLOAD.test(line)) out.push({ kind: "release-assets", via: "gh release upload" });
  else if (GH_RELEASE_CREATE.test(line) && ghReleaseCreateHasFiles(line)) out.push({ kind: "release-assets", via: "gh release create" });
  return out;
}

const GH_FLAGS_WITH_VALUE = new Set(["-n", "--notes", "-t", "--title", "-F", "--notes-file", "--target", "--discussion-category", "--notes-start-tag", "-R", "--repo"]);

/** `gh release create <tag> [files…]`: true when files follow the tag. */
function ghReleaseCreateHasFiles(line: string): boolean {
  const rest = line.slice(line.search(GH_RELEASE_CREATE)).replace(/^gh\s+release\s+create/, "");
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

/**
 * What a signature covers: `general` for files (release archives, checksums, packages, charts),
 * `container` for images in a registry. An image signature does not sign the release's files.
 */
export type SignScope = "general" | "container";

/**
 * Commands that sign or attest release files, called by name or by path: cosign `sign-blob` and
 * `attest-blob` (a downloaded `cosign-linux-amd64` too), GPG detached or clear signatures, minisign
 * `-S`, sigstore-python, `helm package --sign` and chart-releaser's `cr package --sign` (Helm's
 * PGP-signed .prov file). `gh attestation` is not among them: its commands (`verify`, `download`,
 * `inspect`, `trusted-root`) read attestations, often of a tool the workflow downloads, and make none.
 */
const FILE_SIGN_COMMAND = new RegExp(
  String.raw`${AT}${BY_PATH}(?:cosign(?:-[\w.-]{1,40})?\s{1,5}(?:sign-blob|attest-blob)\b|gpg2?\b[^\n]{0,300}\s(?:--detach-sign|--detach-sig|-[a-zA-Z]{0,5}b[a-zA-Z]{0,5}|--clearsign|--clear-sign|--sign|-s)\b|minisign\s{1,5}(?:-[a-zA-Z]{0,5}\s{1,5}){0,3}-[a-zA-Z]{0,5}S|sigstore\s{1,5}sign\b|(?:helm|cr)\s{1,5}package\b[^\n]{0,300}\s--sign\b)|${AT}python3?\s{1,5}-m\s{1,5}sigstore\s{1,5}sign\b`,
);

/** Commands that sign or attest an image in a registry: `cosign sign` and `cosign attest` (never a file: files take `sign-blob`), Notation. */
const IMAGE_SIGN_COMMAND = new RegExp(String.raw`${AT}${BY_PATH}(?:cosign(?:-[\w.-]{1,40})?\s{1,5}(?:sign|attest)(?![\w-])|notation\s{1,5}sign\b)`);

/** What the signing commands of a line cover: files, images, both or none. */
export function signsIn(line: string): SignScope[] {
  const out: SignScope[] = [];
  if (FILE_SIGN_COMMAND.test(line)) out.push("general");
  if (IMAGE_SIGN_COMMAND.test(line)) out.push("container");
  return out;
}

/**
 * cosign attestations whose predicate is SLSA provenance (`--type slsaprovenance`, `slsaprovenance02`,
 * `slsaprovenance1`): the provenance Scorecard credits above a signature. Other predicates (an SBOM,
 * a vulnerability scan) are signed statements, credited as signatures.
 */
const COSIGN_PROVENANCE = new RegExp(String.raw`${AT}${BY_PATH}cosign(?:-[\w.-]{1,40})?\s{1,5}(attest-blob|attest)(?![\w-])[^
]{0,300}\s--type[=\s]{1,5}["']?slsaprovenance`);

/** What the provenance attestations a line makes cover: files (`attest-blob`), images (`attest`), or none. */
export function provenanceIn(line: string): SignScope[] {
  const m = COSIGN_PROVENANCE.exec(line);
  return m === null ? [] : [m[1] === "attest-blob" ? "general" : "container"];
}

/** True when an npm publish on this line asks for provenance. */
export function npmProvenanceIn(line: string): boolean {
  return NPM_PUBLISH.test(line) && /--provenance\b(?!=false)/.test(line);
}

/** A step's command lines, split once per scan however many rules ask (workflows may hold thousands of steps). */
const stepLines = new WeakMap<Step, CommandLine[]>();
export function stepCommandLines(step: Step): CommandLine[] {
  let lines = stepLines.get(step);
  if (!lines) {
    lines = step.run ? commandLines(step.run.value) : [];
    stepLines.set(step, lines);
  }
  return lines;
}
