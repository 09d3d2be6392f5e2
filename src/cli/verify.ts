import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { checkModelDirectory, checkPolicy, fileDigests, isSlsa, loadTrust, readAttestations, readBounded, readBundle, readDetachedSignature, requiresSigner, verifyBundle, type BundleResult, type IdentityPolicy, type ModelComparison, type VerifyOptions } from "../verify/index.js";
import { choice, parse, usageLines } from "./args.js";
import { EXIT, useColor, type ExitCode, type Io } from "./io.js";
import { inertLine, safeJson, visible } from "../core/escape.js";

const USAGE = `usage:
  assay verify ARTIFACT --bundle FILE.sigstore.json --certificate-identity ID|--certificate-identity-regexp RE --certificate-oidc-issuer URL|--certificate-oidc-issuer-regexp RE
  assay verify ARTIFACT --bundle FILE --key PUBKEY.pem
  assay verify ARTIFACT --signature FILE.sig (--key PUBKEY.pem | --certificate CERT.pem with identity flags)
  assay verify ARTIFACT --attestation FILE [--predicate-type slsa|URI] [identity flags | --key PUBKEY.pem]
    FILE: a Sigstore bundle (v0.1-v0.3), .intoto.jsonl or \`gh attestation download\` JSON lines, npm's or
    GitHub's attestations document, a PyPI (PEP 740) provenance or attestation, a cosign --bundle
  assay verify MODEL_DIR --model-signature model.sig [identity flags | --key PUBKEY.pem]
  identity flags: --certificate-identity ID|--certificate-identity-regexp RE, --certificate-oidc-issuer URL|--certificate-oidc-issuer-regexp RE,
    and optionally --source-repository OWNER/REPO|URL, --signer-workflow OWNER/REPO/PATH[@REF]|URL,
    --source-digest COMMIT, --source-ref refs/tags/TAG (exact, checked against the certificate's Fulcio
    extensions, never against what a provenance claims)
  common: --trusted-root FILE (instead of the shipped Sigstore root; JSON, or the JSON lines gh attestation trusted-root writes)   --format text|json
          --insecure-ignore-tlog (with --key: accept a signature with no transparency log entry)

Verifies signatures, attestations and model signatures offline, against the Sigstore trusted root
shipped with assay: nothing is fetched. exit codes: 0 verified · 1 not verified · 2 bad input.
Identity flags need a certificate (keyless signature): a bundle signed with a key never meets them.
The RE flags are unanchored regular expressions, as in cosign: write ^…$ to match the whole value.
No flag may be empty. A keyed signature needs a transparency log entry or a signed timestamp, so
the key's validity can be checked at that time; --insecure-ignore-tlog waives that for --key.
The npm registry's keys (shipped with assay) are trusted only for npm publish attestations.`;

/** The machine-readable verdict of `assay verify --format json`. */
export interface VerifyVerdict {
  verified: boolean;
  mode: "bundle" | "attestation" | "signature" | "model-signature";
  artifact: string;
  trust: string;
  results: BundleResult[];
  model?: ModelComparison;
  /** The first failing check, in one sentence. */
  failure?: string;
}

const MAX_ARTIFACT_IN_MEMORY = 2 * 1024 * 1024 * 1024 - 1;
/** A public key file (PEM) is well under a kilobyte. */
const MAX_KEY_FILE = 64 * 1024;

/**
 * `assay verify`: checks a Sigstore bundle, in-toto attestations or an OpenSSF model signature
 * offline, against the trusted root shipped with assay (or --trusted-root), and exits 0 when
 * everything verifies, 1 when something does not, 2 for bad input.
 */
export async function verifyCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      bundle: { type: "string" },
      attestation: { type: "string" },
      "model-signature": { type: "string" },
      signature: { type: "string" },
      certificate: { type: "string" },
      "certificate-identity": { type: "string" },
      "certificate-identity-regexp": { type: "string" },
      "certificate-oidc-issuer": { type: "string" },
      "certificate-oidc-issuer-regexp": { type: "string" },
      "source-repository": { type: "string" },
      "signer-workflow": { type: "string" },
      "source-digest": { type: "string" },
      "source-ref": { type: "string" },
      key: { type: "string" },
      "predicate-type": { type: "string" },
      "trusted-root": { type: "string" },
      "insecure-ignore-tlog": { type: "boolean" },
      format: { type: "string" },
      "no-color": { type: "boolean" },
    },
    1,
    USAGE,
  );
  const target = positionals[0];
  if (target === undefined) throw new AssayError("USAGE", "name the artifact (or model directory) to verify", { hint: usageLines(USAGE) });
  const modes = (["bundle", "attestation", "signature", "model-signature"] as const).filter((m) => values[m] !== undefined);
  if (modes.length !== 1) throw new AssayError("USAGE", modes.length === 0 ? "pass --bundle, --attestation, --signature or --model-signature" : `pass one of ${modes.map((m) => `--${m}`).join(", ")}, not several`, { hint: usageLines(USAGE) });
  const mode = modes[0] as VerifyVerdict["mode"];
  const format = choice("--format", values.format, ["text", "json"] as const, "text");
  if (values.certificate !== undefined && mode !== "signature") throw new AssayError("USAGE", "--certificate goes with --signature (a bundle carries its own certificate)", { hint: usageLines(USAGE) });
  const policy: IdentityPolicy = {
    ...(values["certificate-identity"] !== undefined ? { identity: values["certificate-identity"] } : {}),
    ...(values["certificate-identity-regexp"] !== undefined ? { identityRegexp: values["certificate-identity-regexp"] } : {}),
    ...(values["certificate-oidc-issuer"] !== undefined ? { issuer: values["certificate-oidc-issuer"] } : {}),
    ...(values["certificate-oidc-issuer-regexp"] !== undefined ? { issuerRegexp: values["certificate-oidc-issuer-regexp"] } : {}),
    ...(values["source-repository"] !== undefined ? { sourceRepository: values["source-repository"] } : {}),
    ...(values["signer-workflow"] !== undefined ? { signerWorkflow: values["signer-workflow"] } : {}),
    ...(values["source-digest"] !== undefined ? { sourceDigest: values["source-digest"] } : {}),
    ...(values["source-ref"] !== undefined ? { sourceRef: values["source-ref"] } : {}),
  };
  // Before anything else: an empty value (an unset CI variable) must stop here, naming its flag.
  checkPolicy(policy);
  if (values["certificate-identity"] !== undefined && values["certificate-identity-regexp"] !== undefined) throw new AssayError("USAGE", "pass --certificate-identity or --certificate-identity-regexp, not both");
  const hasIdentity = values["certificate-identity"] !== undefined || values["certificate-identity-regexp"] !== undefined;
  if (values["certificate-oidc-issuer"] !== undefined && values["certificate-oidc-issuer-regexp"] !== undefined) throw new AssayError("USAGE", "pass --certificate-oidc-issuer or --certificate-oidc-issuer-regexp, not both");
  const hasIssuer = values["certificate-oidc-issuer"] !== undefined || values["certificate-oidc-issuer-regexp"] !== undefined;
  if (hasIdentity && !hasIssuer) throw new AssayError("USAGE", "--certificate-oidc-issuer is required with a certificate identity", { hint: "e.g. --certificate-oidc-issuer https://token.actions.githubusercontent.com (or --certificate-oidc-issuer-regexp RE)" });
  const needSigner = requiresSigner(policy);
  // A key names no signer: with identity flags it could only fail, so asking for both is a mistake.
  if (values.key !== undefined && needSigner) throw new AssayError("USAGE", "--key and the certificate identity flags are two ways to verify: give one", { hint: "a signature made with a key names no identity; use --key alone, or the identity flags alone for keyless signatures" });
  if (values["insecure-ignore-tlog"] && values.key === undefined) throw new AssayError("USAGE", "--insecure-ignore-tlog goes with --key: only a key you give may be trusted without a log entry", { hint: usageLines(USAGE) });
  const options: VerifyOptions = values["insecure-ignore-tlog"] ? { insecureIgnoreTlog: true } : {};
  const path = resolve(io.cwd, target);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new AssayError("TARGET_NOT_FOUND", `no such file or directory: ${target}`);
  }
  if (mode === "model-signature" && !isDir) throw new AssayError("USAGE", `${target} is not a directory: --model-signature verifies a model directory`);
  if (mode !== "model-signature" && isDir) throw new AssayError("USAGE", `${target} is a directory: name the artifact file`);

  const keyPath = values.key !== undefined ? resolve(io.cwd, values.key) : undefined;
  let keyPem: string | undefined;
  if (keyPath !== undefined) {
    keyPem = readBounded(keyPath, MAX_KEY_FILE, "public key").toString("utf8");
  }
  const trust = loadTrust({ ...(values["trusted-root"] !== undefined ? { trustedRoot: resolve(io.cwd, values["trusted-root"]) } : {}), ...(keyPem !== undefined ? { keyPem, keyPath: values.key } : {}) });
  const verdict: VerifyVerdict = { verified: false, mode, artifact: target, trust: trust.source, results: [] };
  /** How many bundles the file held (the failure names which one failed when there are several). */
  let count = 1;
  const sourceName = (mode === "signature" ? values.signature : mode === "bundle" ? values.bundle : mode === "attestation" ? values.attestation : values["model-signature"]) as string;

  if (mode === "model-signature") {
    const sigPath = resolve(io.cwd, values["model-signature"] as string);
    const input = readBundle(sigPath);
    const r = verifyBundle(input, trust, policy, {}, options);
    verdict.results.push(r);
    if (r.verified) {
      const cmp = await checkModelDirectory(input, r, path, sigPath);
      if (cmp) verdict.model = cmp;
    }
  } else {
    const digests = await fileDigests(path);
    const source = sourceName;
    const all =
      mode === "signature"
        ? [readDetachedSignature(resolve(io.cwd, source), values.certificate !== undefined ? resolve(io.cwd, values.certificate) : undefined, digests["sha256"] as string)]
        : readAttestations(resolve(io.cwd, source), { ...(digests["sha256"] !== undefined ? { sha256: digests["sha256"] } : {}) });
    const wanted = values["predicate-type"];
    const matches = (p: string): boolean => wanted === undefined || (wanted === "slsa" ? isSlsa(p) : p === wanted);
    let bytes: Buffer | undefined;
    for (const [i, input] of all.entries()) {
      if (input.listedPredicateType !== undefined && !matches(input.listedPredicateType)) continue;
      // A message signature has no statement, so no predicate type: it cannot be what was asked for.
      if (wanted !== undefined && input.bundle.content.$case === "messageSignature") continue;
      const keyed = input.bundle.verificationMaterial.content.$case === "publicKey";
      // Keyless attestations need an identity; keyed ones (npm's publish attestation) need none.
      if (!keyed && !hasIdentity) throw new AssayError("USAGE", `${input.origin} is signed keyless (a Fulcio certificate): say who must have signed it`, { hint: "add --certificate-identity ID (or --certificate-identity-regexp RE) and --certificate-oidc-issuer URL" });
      // npm's document pairs the provenance (keyless) with the registry's publish attestation (the
      // registry's key). Under identity flags the latter is still checked, as what it is, but it
      // never stands for the signer: the verdict below needs a certificate that meets the flags.
      const hint = input.bundle.verificationMaterial.content.$case === "publicKey" ? input.bundle.verificationMaterial.content.publicKey.hint : "";
      const registry = keyed && needSigner && !trust.keyed && trust.registryKeyIds.has(hint) && all.length > 1;
      // A message signature is over the artifact's bytes; a DSSE statement names its digest.
      if (input.bundle.content.$case === "messageSignature") bytes ??= statSync(path).size > MAX_ARTIFACT_IN_MEMORY ? tooLarge(target) : readFileSync(path);
      const r = verifyBundle(input, trust, registry ? {} : policy, { ...(input.bundle.content.$case === "messageSignature" && bytes ? { bytes } : {}), digests }, options);
      if (wanted !== undefined && (r.predicateType === undefined || !matches(r.predicateType))) continue;
      if (registry) r.note = "npm's publish attestation, checked with the npm registry's key: it says the registry published this tarball, not who built it, and does not count toward the identity flags";
      if (all.length > 1) r.index = i + 1;
      verdict.results.push(r);
    }
    if (verdict.results.length === 0) verdict.failure = `no ${mode === "attestation" ? "attestation" : "signature"}${wanted ? ` with predicate type ${wanted === "slsa" ? "SLSA provenance" : wanted}` : ""} in ${source}`;
    count = all.length;
  }

  verdict.verified = verdict.failure === undefined && verdict.results.length > 0 && verdict.results.every((r) => r.verified);
  if (!verdict.verified && verdict.failure === undefined) {
    const first = verdict.results.flatMap((r) => r.checks.map((c) => ({ r, c }))).find(({ c }) => !c.ok);
    verdict.failure = first ? `${which(first.r, count)}${first.c.name}: ${first.c.detail}` : "not verified";
  }
  // Identity flags are met only by a certificate that matched them: bundles that verified with a
  // key (npm's publish attestation) leave the question open, and an open question fails.
  if (verdict.verified && needSigner && !verdict.results.some((r) => r.checks.some((c) => c.name === "identity" && c.ok))) {
    verdict.verified = false;
    verdict.failure = `identity: no bundle in ${sourceName} is signed with a certificate, so none shows the signer the identity flags require (a bundle signed with a key names no one)`;
  }
  if (format === "json") io.stdout.write(`${safeJson(JSON.stringify(verdict, jsonReplacer, 2))}\n`);
  else io.stdout.write(renderText(verdict, useColor(io, "stdout", values["no-color"] ? false : undefined)));
  return verdict.verified ? EXIT.passed : EXIT.failed;
}

/** `bundle 2 of 3 (predicate …): ` for a document that holds several bundles, else nothing. */
function which(r: BundleResult, count: number): string {
  return r.index !== undefined && count > 1 ? `bundle ${r.index} of ${count}${r.predicateType ? ` (${r.predicateType})` : ""}: ` : "";
}

function tooLarge(target: string): never {
  throw new AssayError("VERIFY_INPUT_INVALID", `${target} is over 2 GiB: a message signature over it cannot be checked in memory`);
}

/** Statements carry Buffers and big predicates: the verdict keeps what people need. */
function jsonReplacer(key: string, value: unknown): unknown {
  if (key === "statement") {
    const s = value as BundleResult["statement"];
    return s ? { type: s.type, predicateType: s.predicateType, subjects: s.subjects } : undefined;
  }
  return value;
}

function renderText(v: VerifyVerdict, color: boolean): string {
  const green = (s: string): string => (color ? `\u001b[32m${s}\u001b[0m` : s);
  const red = (s: string): string => (color ? `\u001b[31m${s}\u001b[0m` : s);
  // Attestation fields are the signer's text: shown, never acted on (escapes, bidi, workflow commands).
  const clean = (s: string): string => inertLine(visible(s));
  const lines = [`assay verify ${clean(v.artifact)} (${v.mode}; trust: ${v.trust})`];
  for (const r of v.results) {
    if (v.results.length > 1 || v.mode === "attestation") lines.push(`  ${clean(r.origin)}${r.predicateType ? ` — ${clean(r.predicateType)}` : ""}`);
    for (const c of r.checks) lines.push(`    ${c.ok ? green("✓") : red("✗")} ${c.name}: ${clean(c.detail)}`);
    if (r.note) lines.push(`    note: ${clean(r.note)}`);
    const p = r.provenance;
    if (p && Object.keys(p).length > 1) {
      // Signed, but written by whoever signed: what it says was not checked unless a check says so.
      lines.push(`    provenance (SLSA ${p.slsaVersion}), as claimed by its signer:`);
      for (const [k, label] of [["builder", "builder"], ["sourceRepository", "source repository"], ["ref", "ref"], ["workflow", "workflow"], ["commit", "commit"], ["buildType", "build type"]] as const) if (p[k]) lines.push(`      ${label}: ${clean(p[k] as string)}`);
    }
  }
  lines.push(v.verified ? green("verified") : `${red("not verified")}: ${clean(v.failure ?? "")}`);
  return `${lines.join("\n")}\n`;
}
