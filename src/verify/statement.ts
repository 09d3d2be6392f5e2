// In-toto statements carried by DSSE envelopes: subjects (what was attested, by digest), the
// predicate type, and a summary of SLSA provenance (v0.2 and v1): builder, source repository,
// ref, workflow, commit. Read as the in-toto attestation framework's validation model says
// (in-toto/attestation docs/validation.md): an exact statement type, and subjects matched only on
// digest algorithms a consumer considers secure.

/** The statement types assay reads: v1, and v0.1 (npm's provenance and older generators write it). */
export const STATEMENT_TYPES: readonly string[] = ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"];

/**
 * The DigestSet algorithms a subject may be matched on. SHA-1 and MD5 are left out: they are not
 * collision-resistant, so a digest in them does not pin one artifact (DigestSet spec: consumers MUST
 * only accept algorithms they consider secure). Names as in-toto writes them, mapped to node's.
 */
const SECURE_ALGORITHMS: Readonly<Record<string, string>> = { sha256: "sha256", sha384: "sha384", sha512: "sha512", sha3_256: "sha3-256", sha3_384: "sha3-384", sha3_512: "sha3-512", "sha3-256": "sha3-256", "sha3-384": "sha3-384", "sha3-512": "sha3-512" };

/** The SLSA provenance predicate types (slsa.dev), exactly: a look-alike URI is another predicate. */
const SLSA_PROVENANCE: readonly string[] = ["https://slsa.dev/provenance/v0.1", "https://slsa.dev/provenance/v0.2", "https://slsa.dev/provenance/v1"];

/** An in-toto statement (v0.1 or v1). */
export interface Statement {
  type: string;
  subjects: { name: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate: unknown;
}

/** What SLSA provenance says about a build. */
export interface ProvenanceSummary {
  slsaVersion: "v0.2" | "v1";
  builder?: string;
  buildType?: string;
  sourceRepository?: string;
  ref?: string;
  workflow?: string;
  commit?: string;
}

/** Reads a statement from a DSSE payload; throws Error naming what is wrong. */
export function parseStatement(payload: Buffer): Statement {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString("utf8")) as unknown;
  } catch {
    throw new Error("the DSSE payload is not JSON");
  }
  const d = doc as { _type?: unknown; subject?: unknown; predicateType?: unknown; predicate?: unknown };
  if (typeof d !== "object" || d === null) throw new Error("the DSSE payload is not a JSON object");
  if (typeof d._type !== "string" || !STATEMENT_TYPES.includes(d._type)) throw new Error(`the DSSE payload is not an in-toto statement assay reads (_type ${typeof d._type === "string" ? JSON.stringify(d._type.slice(0, 100)) : "missing"}, not ${STATEMENT_TYPES.join(" or ")})`);
  if (!Array.isArray(d.subject) || d.subject.length === 0) throw new Error("the in-toto statement has no subject");
  const subjects = d.subject.map((s: unknown, i: number) => {
    const x = s as { name?: unknown; digest?: unknown };
    if (typeof x?.digest !== "object" || x.digest === null) throw new Error(`subject ${i + 1} has no digest`);
    return { name: typeof x.name === "string" ? x.name : "", digest: Object.fromEntries(Object.entries(x.digest as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<string, string> };
  });
  if (typeof d.predicateType !== "string") throw new Error("the in-toto statement has no predicateType");
  return { type: d._type, subjects, predicateType: d.predicateType, predicate: d.predicate };
}

/** The artifact digest (node's algorithm name) a subject's algorithm may be compared with; undefined for insecure or unknown ones. */
export function secureAlgorithm(algorithm: string): string | undefined {
  return Object.hasOwn(SECURE_ALGORITHMS, algorithm.toLowerCase()) ? SECURE_ALGORITHMS[algorithm.toLowerCase()] : undefined;
}

/** The subject whose digest matches one of the artifact's digests (by a secure algorithm), if any. */
export function matchingSubject(st: Statement, digests: Readonly<Record<string, string>>): { name: string; algorithm: string } | undefined {
  for (const s of st.subjects) {
    for (const [alg, hex] of Object.entries(s.digest)) {
      const node = secureAlgorithm(alg);
      const mine = node !== undefined ? digests[node] : undefined;
      if (mine !== undefined && mine === hex.toLowerCase()) return { name: s.name, algorithm: alg };
    }
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (typeof x === "object" && x !== null ? (x as Record<string, unknown>)[k] : undefined), o);

/** True for the SLSA provenance predicate types (v0.1, v0.2, v1), compared exactly. */
export function isSlsa(predicateType: string): boolean {
  return SLSA_PROVENANCE.includes(predicateType);
}

/** Summarises SLSA provenance (v0.2, v1); undefined for other predicates. */
export function summariseProvenance(st: Statement): ProvenanceSummary | undefined {
  const p = st.predicate;
  if (st.predicateType === "https://slsa.dev/provenance/v0.2") {
    const uri = str(get(p, "invocation", "configSource", "uri"));
    const at = uri?.lastIndexOf("@") ?? -1;
    const env = get(p, "invocation", "environment");
    const entry = str(get(p, "invocation", "configSource", "entryPoint"));
    return clean({
      slsaVersion: "v0.2" as const,
      builder: str(get(p, "builder", "id")),
      buildType: str(get(p, "buildType")),
      sourceRepository: uri ? (at > 0 ? uri.slice(0, at) : uri).replace(/^git\+/, "") : undefined,
      ref: (uri && at > 0 ? uri.slice(at + 1) : undefined) ?? str(get(env, "GITHUB_REF")),
      workflow: workflowPath(entry),
      commit: str(get(p, "invocation", "configSource", "digest", "sha1")) ?? str(get(env, "GITHUB_SHA")),
    });
  }
  if (st.predicateType === "https://slsa.dev/provenance/v1") {
    const ext = get(p, "buildDefinition", "externalParameters");
    const deps = get(p, "buildDefinition", "resolvedDependencies");
    const first = Array.isArray(deps) ? (deps[0] as unknown) : undefined;
    return clean({
      slsaVersion: "v1" as const,
      builder: str(get(p, "runDetails", "builder", "id")),
      buildType: str(get(p, "buildDefinition", "buildType")),
      sourceRepository: str(get(ext, "workflow", "repository")) ?? str(get(first, "uri"))?.replace(/^git\+/, "").replace(/@.*$/, ""),
      ref: str(get(ext, "workflow", "ref")),
      workflow: str(get(ext, "workflow", "path")),
      commit: str(get(first, "digest", "gitCommit")) ?? str(get(first, "digest", "sha1")),
    });
  }
  return undefined;
}

/**
 * The workflow file of a v0.2 entry point: npm writes `owner/repo/.github/workflows/x.yml@ref`,
 * slsa-github-generator `.github/workflows/x.yml`; both are `.github/workflows/x.yml`.
 */
function workflowPath(entry: string | undefined): string | undefined {
  const path = entry?.replace(/@.*$/, "");
  if (path === undefined) return undefined;
  const at = path.indexOf("/.github/");
  return at >= 0 ? path.slice(at + 1) : path;
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
