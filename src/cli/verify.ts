import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { AssayError } from "../core/errors.js";
import { checkModelDirectory, fileDigests, isSlsa, loadTrust, readAttestations, readBounded, readBundle, readDetachedSignature, verifyBundle, type BundleResult, type IdentityPolicy, type ModelComparison } from "../verify/index.js";
import { parse, usageLines } from "./args.js";
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
  common: --trusted-root FILE (instead of the shipped Sigstore root)   --format text|json

Verifies signatures, attestations and model signatures offline, against the Sigstore trusted root
shipped with assay: nothing is fetched. exit codes: 0 verified · 1 not verified · 2 bad input.`;

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
      key: { type: "string" },
      "predicate-type": { type: "string" },
      "trusted-root": { type: "string" },
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
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new AssayError("USAGE", `unknown format \`${format}\` for verify`, { hint: "--format text|json" });
  if (values.certificate !== undefined && mode !== "signature") throw new AssayError("USAGE", "--certificate goes with --signature (a bundle carries its own certificate)", { hint: usageLines(USAGE) });
  if (values["certificate-identity"] !== undefined && values["certificate-identity-regexp"] !== undefined) throw new AssayError("USAGE", "pass --certificate-identity or --certificate-identity-regexp, not both");
  const hasIdentity = values["certificate-identity"] !== undefined || values["certificate-identity-regexp"] !== undefined;
  if (values["certificate-oidc-issuer"] !== undefined && values["certificate-oidc-issuer-regexp"] !== undefined) throw new AssayError("USAGE", "pass --certificate-oidc-issuer or --certificate-oidc-issuer-regexp, not both");
  const hasIssuer = values["certificate-oidc-issuer"] !== undefined || values["certificate-oidc-issuer-regexp"] !== undefined;
  if (hasIdentity && !hasIssuer) throw new AssayError("USAGE", "--certificate-oidc-issuer is required with a certificate identity", { hint: "e.g. --certificate-oidc-issuer https://token.actions.githubusercontent.com (or --certificate-oidc-issuer-regexp RE)" });
  const policy: IdentityPolicy = {
    ...(values["certificate-identity"] !== undefined ? { identity: values["certificate-identity"] } : {}),
    ...(values["certificate-identity-regexp"] !== undefined ? { identityRegexp: values["certificate-identity-regexp"] } : {}),
    ...(values["certificate-oidc-issuer"] !== undefined ? { issuer: values["certificate-oidc-issuer"] } : {}),
    ...(values["certificate-oidc-issuer-regexp"] !== undefined ? { issuerRegexp: values["certificate-oidc-issuer-regexp"] } : {}),
  };
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

  if (mode === "model-signature") {
    const sigPath = resolve(io.cwd, values["model-signature"] as string);
    const input = readBundle(sigPath);
    const r = verifyBundle(input, trust, policy, {});
    verdict.results.push(r);
    if (r.verified) {
      const cmp = await checkModelDirectory(input, r, path, sigPath);
      if (cmp) verdict.model = cmp;
    }
  } else {
    const digests = await fileDigests(path);
    const source = mode === "signature" ? (values.signature as string) : mode === "bundle" ? (values.bundle as string) : (values.attestation as string);
    const all =
      mode === "signature"
        ? [readDetachedSignature(resolve(io.cwd, source), values.certificate !== undefined ? resolve(io.cwd, values.certificate) : undefined, digests["sha256"] as string)]
        : readAttestations(resolve(io.cwd, source), { ...(digests["sha256"] !== undefined ? { sha256: digests["sha256"] } : {}) });
    const wanted = values["predicate-type"];
    const matches = (p: string | undefined): boolean => wanted === undefined || p === undefined || (wanted === "slsa" ? isSlsa(p) : p === wanted);
    let bytes: Buffer | undefined;
    for (const input of all) {
      if (!matches(input.listedPredicateType)) continue;
      // Keyless attestations need an identity; keyed ones (npm's publish attestation) need none.
      if (input.bundle.verificationMaterial.content.$case !== "publicKey" && !hasIdentity) throw new AssayError("USAGE", `${input.origin} is signed keyless (a Fulcio certificate): say who must have signed it`, { hint: "add --certificate-identity ID (or --certificate-identity-regexp RE) and --certificate-oidc-issuer URL" });
      // A message signature is over the artifact's bytes; a DSSE statement names its digest.
      if (input.bundle.content.$case === "messageSignature") bytes ??= statSync(path).size > MAX_ARTIFACT_IN_MEMORY ? tooLarge(target) : readFileSync(path);
      const r = verifyBundle(input, trust, policy, { ...(input.bundle.content.$case === "messageSignature" && bytes ? { bytes } : {}), digests });
      if (r.predicateType !== undefined && !matches(r.predicateType)) continue;
      verdict.results.push(r);
    }
    if (verdict.results.length === 0) verdict.failure = `no ${mode === "attestation" ? "attestation" : "signature"}${wanted ? ` with predicate type ${wanted === "slsa" ? "SLSA provenance" : wanted}` : ""} in ${source}`;
  }

  verdict.verified = verdict.failure === undefined && verdict.results.length > 0 && verdict.results.every((r) => r.verified);
  if (!verdict.verified && verdict.failure === undefined) {
    const first = verdict.results.flatMap((r) => r.checks.map((c) => ({ r, c }))).find(({ c }) => !c.ok);
    verdict.failure = first ? `${first.c.name}: ${first.c.detail}` : "not verified";
  }
  if (format === "json") io.stdout.write(`${safeJson(JSON.stringify(verdict, jsonReplacer, 2))}\n`);
  else io.stdout.write(renderText(verdict, useColor(io, "stdout", values["no-color"] ? false : undefined)));
  return verdict.verified ? EXIT.passed : EXIT.failed;
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
    const p = r.provenance;
    if (p) {
      lines.push(`    provenance (SLSA ${p.slsaVersion}):`);
      for (const [k, label] of [["builder", "builder"], ["sourceRepository", "source repository"], ["ref", "ref"], ["workflow", "workflow"], ["commit", "commit"], ["buildType", "build type"]] as const) if (p[k]) lines.push(`      ${label}: ${clean(p[k] as string)}`);
    }
  }
  lines.push(v.verified ? green("verified") : `${red("not verified")}: ${clean(v.failure ?? "")}`);
  return `${lines.join("\n")}\n`;
}
