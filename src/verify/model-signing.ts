import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { isBundleWithDsseEnvelope } from "@sigstore/bundle";
import { AssayError } from "../core/errors.js";
import type { BundleInput } from "./inputs.js";
import type { BundleResult, Check } from "./verify.js";

// OpenSSF Model Signing (OMS) v1.0: the signature is a Sigstore bundle whose DSSE payload is an
// in-toto statement with predicate `https://model_signing/signature/v1.0`: the digest of every
// file (or shard) of the model directory, and one subject whose sha256 is taken over those
// digests in order. Verification recomputes every digest from the files on disk and names each
// missing, extra and changed file.

/** How the model directory on disk compares with the signed manifest. */
export interface ModelComparison {
  files: number;
  missing: string[];
  extra: string[];
  changed: string[];
}

const PREDICATE = "https://model_signing/signature/v1.0";
const PREDICATE_COMPAT = "https://model_signing/Digests/v0.1";
const MAX_FILES = 1_000_000;

interface Resource {
  name: string;
  algorithm: string;
  digest: string;
}

/** Checks the signed manifest of a verified OMS bundle against the model directory. */
export async function checkModelDirectory(input: BundleInput, result: BundleResult, modelDir: string, signaturePath: string): Promise<ModelComparison | undefined> {
  if (!isBundleWithDsseEnvelope(input.bundle) || !result.statement) {
    result.checks.push({ name: "manifest", ok: false, detail: "the model signature is not a DSSE envelope carrying an in-toto statement" });
    result.verified = false;
    return undefined;
  }
  const st = result.statement;
  const pred = st.predicate as { serialization?: { method?: unknown; hash_type?: unknown; allow_symlinks?: unknown; ignore_paths?: unknown; shard_size?: unknown }; resources?: unknown };
  let resources: Resource[];
  let method = "files";
  let allowSymlinks = false;
  let ignore: string[] = [];
  const fail = (name: Check["name"], detail: string): undefined => {
    result.checks.push({ name, ok: false, detail });
    result.verified = false;
    return undefined;
  };
  if (st.predicateType === PREDICATE) {
    if (!Array.isArray(pred?.resources)) return fail("manifest", "the statement lists no resources");
    resources = (pred.resources as unknown[]).map((r) => {
      const x = r as { name?: unknown; algorithm?: unknown; digest?: unknown };
      if (typeof x?.name !== "string" || typeof x.digest !== "string") throw new AssayError("VERIFY_INPUT_INVALID", "a resource of the model signature has no name or digest", { position: { path: signaturePath } });
      return { name: x.name, algorithm: typeof x.algorithm === "string" ? x.algorithm : "sha256", digest: x.digest.toLowerCase() };
    });
    method = typeof pred.serialization?.method === "string" ? pred.serialization.method : "files";
    allowSymlinks = pred.serialization?.allow_symlinks === true || pred.serialization?.allow_symlinks === "true";
    ignore = Array.isArray(pred.serialization?.ignore_paths) ? (pred.serialization.ignore_paths as unknown[]).filter((p): p is string => typeof p === "string") : [];
    // The subject's digest is sha256 over the resources' digests, in order: the manifest is whole.
    const root = createHash("sha256");
    for (const r of resources) root.update(Buffer.from(r.digest, "hex"));
    const want = st.subjects[0]?.digest["sha256"]?.toLowerCase();
    const got = root.digest("hex");
    result.checks.push({ name: "manifest", ok: want === got, detail: want === got ? `${resources.length} resources, consistent with the signed subject digest` : `the resources hash to ${got}, not the signed subject digest ${want ?? "(none)"}: the manifest was altered` });
    if (want !== got) {
      result.verified = false;
      return undefined;
    }
  } else if (st.predicateType === PREDICATE_COMPAT) {
    resources = st.subjects.map((s) => ({ name: s.name, algorithm: "sha256", digest: (s.digest["sha256"] ?? "").toLowerCase() }));
    result.checks.push({ name: "manifest", ok: true, detail: `${resources.length} files (model_signing v0.2 format)` });
  } else {
    return fail("predicate", `predicate ${st.predicateType} is not an OpenSSF model signature (${PREDICATE})`);
  }
  if (method !== "files" && method !== "shards") return fail("manifest", `serialization method ${method} is not supported (files, shards)`);
  const unsupported = resources.find((r) => r.algorithm !== "sha256");
  if (unsupported) return fail("manifest", `hash algorithm ${unsupported.algorithm} is not supported (sha256)`);

  const root = resolve(modelDir);
  const sigRel = relative(root, resolve(signaturePath)).split(sep).join("/");
  const skip = new Set([...ignore.map((p) => p.replace(/^\.\//, "").replace(/\/+$/, "")), sigRel]);
  const onDisk = await listFiles(root, skip, allowSymlinks);
  const cmp: ModelComparison = { files: 0, missing: [], extra: [], changed: [] };
  if (method === "files") {
    const want = new Map(resources.map((r) => [r.name, r.digest]));
    cmp.files = want.size;
    for (const [name, digest] of want) {
      if (!onDisk.has(name)) cmp.missing.push(name);
      else if ((await sha256File(join(root, name))) !== digest) cmp.changed.push(name);
    }
    for (const f of onDisk.keys()) if (!want.has(f)) cmp.extra.push(f);
  } else {
    const byFile = new Map<string, { start: number; end: number; digest: string; name: string }[]>();
    for (const r of resources) {
      const m = /^(.*):(\d{1,15}):(\d{1,15})$/.exec(r.name);
      if (!m) return fail("manifest", `shard ${r.name} is not path:start:end`);
      const list = byFile.get(m[1] as string) ?? [];
      list.push({ start: Number(m[2]), end: Number(m[3]), digest: r.digest, name: r.name });
      byFile.set(m[1] as string, list);
    }
    cmp.files = byFile.size;
    for (const [file, shards] of byFile) {
      if (!onDisk.has(file)) {
        cmp.missing.push(file);
        continue;
      }
      const size = onDisk.get(file) as number;
      if (Math.max(...shards.map((s) => s.end)) !== size) cmp.changed.push(file);
      else for (const s of shards) if ((await sha256File(join(root, file), s.start, s.end)) !== s.digest) cmp.changed.push(s.name);
    }
    for (const f of onDisk.keys()) if (!byFile.has(f)) cmp.extra.push(f);
  }
  cmp.missing.sort();
  cmp.extra.sort();
  cmp.changed.sort();
  const ok = cmp.missing.length + cmp.extra.length + cmp.changed.length === 0;
  const list = (label: string, xs: string[]): string => (xs.length > 0 ? `${label}: ${xs.slice(0, 20).join(", ")}${xs.length > 20 ? ` and ${xs.length - 20} more` : ""}` : "");
  result.checks.push({
    name: "files",
    ok,
    detail: ok ? `all ${cmp.files} files of ${modelDir} match the signed digests` : [list("missing", cmp.missing), list("extra", cmp.extra), list("changed", cmp.changed)].filter(Boolean).join("; "),
  });
  if (!ok) result.verified = false;
  return cmp;
}

/** Every regular file under `root` (relative POSIX paths → size), minus ignored paths. */
async function listFiles(root: string, skip: ReadonlySet<string>, allowSymlinks: boolean): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (dir: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      const rel = relative(root, full).split(sep).join("/");
      if (skip.has(rel) || [...skip].some((s) => rel.startsWith(`${s}/`))) continue;
      if (out.size > MAX_FILES) throw new AssayError("VERIFY_INPUT_INVALID", `${root} holds more than ${MAX_FILES} files`);
      if (d.isDirectory()) await walk(full);
      else if (d.isSymbolicLink()) {
        if (!allowSymlinks) throw new AssayError("VERIFY_INPUT_INVALID", `${rel} is a symbolic link, which this model signature does not allow`);
        out.set(rel, (await lstat(full)).size);
      } else if (d.isFile()) out.set(rel, (await lstat(full)).size);
    }
  };
  await walk(root);
  return out;
}

async function sha256File(path: string, start?: number, end?: number): Promise<string> {
  const h = createHash("sha256");
  if (end === start && start !== undefined) return h.digest("hex");
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end: end - 1 } : {}) });
  for await (const c of stream as AsyncIterable<Buffer>) h.update(c);
  return h.digest("hex");
}
