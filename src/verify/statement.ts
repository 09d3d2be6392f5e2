// In-toto statements carried by DSSE envelopes: subjects (what was attested, by digest), the
// predicate type, and a summary of SLSA provenance (v0.2 and v1): builder, source repository,
// ref, workflow, commit.

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
  if (typeof d._type !== "string" || !d._type.startsWith("https://in-toto.io/Statement/")) throw new Error("the DSSE payload is not an in-toto statement (no _type https://in-toto.io/Statement/…)");
  if (!Array.isArray(d.subject) || d.subject.length === 0) throw new Error("the in-toto statement has no subject");
  const subjects = d.subject.map((s: unknown, i: number) => {
    const x = s as { name?: unknown; digest?: unknown };
    if (typeof x?.digest !== "object" || x.digest === null) throw new Error(`subject ${i + 1} has no digest`);
    return { name: typeof x.name === "string" ? x.name : "", digest: Object.fromEntries(Object.entries(x.digest as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<string, string> };
  });
  if (typeof d.predicateType !== "string") throw new Error("the in-toto statement has no predicateType");
  return { type: d._type, subjects, predicateType: d.predicateType, predicate: d.predicate };
}

/** The subject whose digest matches one of the artifact's digests (by algorithm), if any. */
export function matchingSubject(st: Statement, digests: Readonly<Record<string, string>>): { name: string; algorithm: string } | undefined {
  for (const s of st.subjects) {
    for (const [alg, hex] of Object.entries(s.digest)) {
      const mine = digests[alg.toLowerCase()];
      if (mine !== undefined && mine === hex.toLowerCase()) return { name: s.name, algorithm: alg };
    }
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (typeof x === "object" && x !== null ? (x as Record<string, unknown>)[k] : undefined), o);

/** True for SLSA provenance predicate types. */
export function isSlsa(predicateType: string): boolean {
  return predicateType.startsWith("https://slsa.dev/provenance/");
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
