import type { ObjectIdentifierValuePair } from "@sigstore/protobuf-specs";

// Fulcio's certificate extensions (sigstore/fulcio docs/oid-info.md): facts about the build that
// the CA copied from the CI's OIDC token, so, unlike a provenance predicate, the signer did not
// write them. `--source-repository` and `--signer-workflow` are checked against these, and a
// provenance's source repository must agree with them when both are there.

const GITHUB_ACTIONS = "https://token.actions.githubusercontent.com";

const OID = {
  /** GitHub Workflow SHA (deprecated; the commit, raw bytes), GitHub Actions only. */
  githubWorkflowSha: "1.3.6.1.4.1.57264.1.3",
  /** GitHub Workflow Repository (deprecated; `owner/repo`, raw bytes), GitHub Actions only. */
  githubWorkflowRepository: "1.3.6.1.4.1.57264.1.5",
  /** GitHub Workflow Ref (deprecated; `refs/tags/v1`, raw bytes), GitHub Actions only. */
  githubWorkflowRef: "1.3.6.1.4.1.57264.1.6",
  /** Build Signer URI: the workflow that signed, `https://github.com/o/r/.github/workflows/x.yml@ref`. */
  buildSignerUri: "1.3.6.1.4.1.57264.1.9",
  /** Source Repository URI: where the build's source came from, `https://github.com/o/r`. */
  sourceRepositoryUri: "1.3.6.1.4.1.57264.1.12",
  /** Source Repository Digest: the commit the build's source was at. */
  sourceRepositoryDigest: "1.3.6.1.4.1.57264.1.13",
  /** Source Repository Ref: the ref the build ran for, `refs/tags/v1.2.3`. */
  sourceRepositoryRef: "1.3.6.1.4.1.57264.1.14",
} as const;

/** What the signing certificate says of the build, when it says it. */
export interface CertificateFacts {
  sourceRepository?: string;
  signerWorkflow?: string;
  /** The source commit (hex) the build ran at. */
  sourceCommit?: string;
  /** The source ref the build ran for. */
  sourceRef?: string;
  /** Where each fact came from (the extension, or the legacy one standing in for it). */
  from: { sourceRepository?: string; signerWorkflow?: string; sourceCommit?: string; sourceRef?: string };
}

/** The build facts of a Fulcio certificate, from its extensions (the subject and issuer for older GitHub certificates). */
export function certificateFacts(oids: readonly ObjectIdentifierValuePair[], san: string, issuer: string): CertificateFacts {
  const ext = (oid: string): Buffer | undefined => oids.find((o) => o.oid?.id.join(".") === oid)?.value;
  const facts: CertificateFacts = { from: {} };
  const source = derUtf8(ext(OID.sourceRepositoryUri));
  const legacyRepo = ext(OID.githubWorkflowRepository)?.toString("utf8");
  if (source) {
    facts.sourceRepository = source;
    facts.from.sourceRepository = `Source Repository URI extension, ${OID.sourceRepositoryUri}`;
  } else if (legacyRepo && issuer === GITHUB_ACTIONS) {
    // Certificates issued before Fulcio's v2 extensions (early 2023, npm's first provenance among
    // them) carry the same fact from the same token claim as `owner/repo`.
    facts.sourceRepository = `https://github.com/${legacyRepo}`;
    facts.from.sourceRepository = `GitHub Workflow Repository extension, ${OID.githubWorkflowRepository}`;
  }
  const signer = derUtf8(ext(OID.buildSignerUri));
  if (signer) {
    facts.signerWorkflow = signer;
    facts.from.signerWorkflow = `Build Signer URI extension, ${OID.buildSignerUri}`;
  } else if (issuer === GITHUB_ACTIONS && san.startsWith("https://github.com/")) {
    // For GitHub Actions Fulcio writes the Build Signer URI from the job_workflow_ref claim, which is
    // also the certificate's subject: older certificates have only the subject.
    facts.signerWorkflow = san;
    facts.from.signerWorkflow = "subject, which GitHub Actions sets to the signing workflow";
  }
  // Certificates issued before the v2 extensions carry the same two claims (sha, ref) raw.
  for (const [key, v2, v1] of [["sourceCommit", OID.sourceRepositoryDigest, OID.githubWorkflowSha], ["sourceRef", OID.sourceRepositoryRef, OID.githubWorkflowRef]] as const) {
    const value = derUtf8(ext(v2));
    const legacy = issuer === GITHUB_ACTIONS ? ext(v1)?.toString("utf8") : undefined;
    if (value) {
      facts[key] = value;
      facts.from[key] = `${key === "sourceCommit" ? "Source Repository Digest" : "Source Repository Ref"} extension, ${v2}`;
    } else if (legacy) {
      facts[key] = legacy;
      facts.from[key] = `${key === "sourceCommit" ? "GitHub Workflow SHA" : "GitHub Workflow Ref"} extension, ${v1}`;
    }
  }
  return facts;
}

/** A DER UTF8String's text (Fulcio's v2 extensions hold one); undefined when it is not one. */
function derUtf8(der: Buffer | undefined): string | undefined {
  if (!der || der.length < 2 || der[0] !== 0x0c) return undefined;
  let len = der[1] as number;
  let at = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || der.length < 2 + n) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[2 + i] as number);
    at = 2 + n;
  }
  if (at + len !== der.length) return undefined;
  return der.subarray(at).toString("utf8");
}

/**
 * A repository as one comparable string: `owner/repo` means GitHub, `git+` and a trailing `.git` or
 * `/` go, and GitHub's owner and name compare case-insensitively (as GitHub resolves them).
 * Undefined for what is not a repository URL (a query, a fragment, userinfo, no path).
 */
export function normaliseRepository(value: string): string | undefined {
  let s = value.trim().replace(/^git\+/, "");
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(s)) return undefined;
    s = `https://github.com/${s}`;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (u.search || u.hash || u.username || u.password) return undefined;
  const path = u.pathname.replace(/\/+$/, "").replace(/\.git$/, "");
  if (path === "" || path === "/") return undefined;
  const host = u.host.toLowerCase();
  return `${u.protocol}//${host}${host === "github.com" ? path.toLowerCase() : path}`;
}

/**
 * A workflow as one comparable string: `owner/repo/.github/workflows/x.yml[@ref]` means GitHub;
 * GitHub's owner and repository compare case-insensitively, the path and ref exactly.
 */
export function normaliseWorkflow(value: string): string | undefined {
  let s = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://github.com/${s}`;
  const at = s.indexOf("@");
  const ref = at >= 0 ? s.slice(at) : "";
  let u: URL;
  try {
    u = new URL(at >= 0 ? s.slice(0, at) : s);
  } catch {
    return undefined;
  }
  if (u.search || u.hash || u.username || u.password) return undefined;
  const host = u.host.toLowerCase();
  const parts = u.pathname.split("/");
  // `/owner/repo/path…`: a workflow is a file inside a repository.
  if (parts.length < 4 || parts.slice(1).some((p) => p === "" || p === "." || p === "..")) return undefined;
  if (host === "github.com") for (const i of [1, 2]) parts[i] = (parts[i] as string).toLowerCase();
  return `${u.protocol}//${host}${parts.join("/")}${ref}`;
}

/** Whether the certificate's signer workflow is the one asked for; without `@ref` in `wanted`, any ref. */
export function workflowMatches(wanted: string, signer: string): boolean {
  const w = normaliseWorkflow(wanted);
  const s = normaliseWorkflow(signer);
  if (w === undefined || s === undefined) return false;
  return w.includes("@") ? w === s : w === s.replace(/@.*$/, "");
}
