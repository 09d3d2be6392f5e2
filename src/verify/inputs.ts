import { BUNDLE_V01_MEDIA_TYPE, BUNDLE_V02_MEDIA_TYPE, BUNDLE_V03_LEGACY_MEDIA_TYPE, BUNDLE_V03_MEDIA_TYPE, bundleFromJSON, ValidationError, type Bundle } from "@sigstore/bundle";
import { AssayError } from "../core/errors.js";
import type { ParseFailure } from "../core/files.js";
import { isObject, parseJson, type JsonFile } from "../ecosystems/formats/json.js";
import { describeInvalidField } from "./bundle-fields.js";
import { certificateDer, cosignLegacyToBundle, isCosignLegacyBundle, messageSignatureBundle, signatureBase64 } from "./cosign-legacy.js";
import { envelopeToBundle, isDsseEnvelope } from "./dsse-envelope.js";
import { isPep740Attestation, isPep740Provenance, pep740Attestations, pep740ToBundle } from "./pep740.js";
import { readBounded } from "./read-bounded.js";

// Reading what the user hands `assay verify`: Sigstore bundles (v0.1–v0.3) and the wrappers they come
// in (JSON lines, npm's and GitHub's attestations documents, PyPI's PEP 740 objects), and the formats
// that stand for one (cosign's legacy bundle, bare DSSE envelopes). A malformed input is one
// AssayError naming the file, line and column, and the field.

/** One bundle read from a file, with where it came from. */
export interface BundleInput {
  bundle: Bundle;
  /** `file` or `file:line` for JSON lines. */
  origin: string;
  /** The predicate type npm's document lists next to the bundle, if any. */
  listedPredicateType?: string;
}

const MAX_INPUT = 64 * 1024 * 1024;

function readInput(path: string): string {
  const buf = readBounded(path, MAX_INPUT, "bundle");
  // Windows PowerShell 5 writes files with a byte order mark (`>` as UTF-16LE, Out-File -Encoding
  // utf8 as UTF-8); JSON has none.
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  return buf.toString("utf8").replace(/^\uFEFF/, "");
}

function parse(text: string, path: string, lineOffset = 0): JsonFile {
  try {
    return parseJson(text);
  } catch (e) {
    const f = e as ParseFailure;
    // parseJson says so itself when the error is at the end; this also catches one cut between values.
    const truncated = !/truncated/.test(f.message) && /^\s*[[{]/.test(text) && !/[\]}]\s*$/.test(text) ? " (the file looks truncated)" : "";
    throw new AssayError("VERIFY_INPUT_INVALID", `${f.message}${truncated}`, { position: { path, ...(f.line !== undefined ? { line: f.line + lineOffset } : {}), ...(f.column !== undefined ? { column: f.column } : {}) }, hint: "pass the Sigstore bundle (JSON) exactly as it was produced" });
  }
}

/** A field path as sigstore names it (`a.b[0].c`, `a.0.c`) as JSON path segments. */
function segments(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter((p) => p !== "")
    .map((p) => (/^\d{1,9}$/.test(p) ? Number(p) : p));
}

/**
 * Protobuf's JSON mapping lets a writer keep the .proto field names (`media_type`, `tlog_entries`,
 * as Python's protobuf does with preserving_proto_field_name); readers accept both, as sigstore-go
 * does. The bundle has no map fields, so every snake_case key is a field name to camel-case.
 */
function protoJsonNames(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(protoJsonNames);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/_([a-z0-9])/g, (_m: string, c: string) => c.toUpperCase()), protoJsonNames(x)]));
}

/**
 * A Sigstore bundle from parsed JSON (`convert` first rebuilds it from another format); a bundle that
 * fails validation names the field and where it is.
 */
function toBundle(json: JsonFile, value: unknown, path: string, prefix: (string | number)[], lineOffset: number, convert?: (v: unknown) => unknown): Bundle {
  try {
    const raw = protoJsonNames(convert ? convert(value) : value);
    if (typeof raw !== "object" || raw === null || !("mediaType" in raw)) throw new ValidationError(`not a Sigstore bundle (no mediaType), nor ${OTHER_FORMATS}`, ["mediaType"]);
    const mediaType = (raw as { mediaType?: unknown }).mediaType;
    if (typeof mediaType !== "string" || !MEDIA_TYPES.includes(mediaType)) throw new ValidationError("invalid bundle", ["mediaType"]);
    const env = (raw as { dsseEnvelope?: { payload?: unknown; signatures?: unknown } }).dsseEnvelope;
    if (env !== undefined) {
      if (typeof env.payload !== "string" || !/^[A-Za-z0-9+/=_-]*$/.test(env.payload)) throw new ValidationError("malformed DSSE envelope: the payload is not base64", [convert ? "payload" : "dsseEnvelope.payload"]);
      if (!Array.isArray(env.signatures) || env.signatures.length === 0) throw new ValidationError("malformed DSSE envelope: no signatures", [convert ? "signatures" : "dsseEnvelope.signatures"]);
    }
    return bundleFromJSON(raw);
  } catch (e) {
    const fields = e instanceof ValidationError ? (e.fields ?? []) : [];
    const field = fields[0];
    let at: { line: number; column: number } | undefined;
    for (let parts = field ? segments(field) : []; parts.length > 0 && !at; parts = parts.slice(0, -1)) at = json.locate([...prefix, ...parts]);
    at ??= json.locate(prefix);
    const raw = e instanceof ValidationError && isObject(value) ? (convert ? undefined : (value["mediaType"] ?? value["media_type"])) : undefined;
    const rule = field !== undefined && e instanceof ValidationError && /^invalid( v0\.\d)? bundle$/.test(e.message) ? describeInvalidField(field, raw) : undefined;
    const what = rule ?? (e instanceof Error ? e.message : String(e));
    const where = convert ? ` (${fields.length > 0 ? fields.join(", ") : "the bundle rebuilt from it"})` : fields.length > 0 ? ` (${fields.join(", ")})` : "";
    throw new AssayError("VERIFY_INPUT_INVALID", `${what}${where}`, { position: { path, ...(at ? { line: at.line + lineOffset, column: at.column } : {}) }, hint: "the bundle is malformed: fetch it again from where it was published" });
  }
}

/**
 * The bundle media types protobuf-specs defines. @sigstore/bundle checks only a prefix
 * (`…bundle+json;version=0.1-x`, `…bundle.v9.9+json` pass) and holds what it does not know to
 * v0.3's rules; sigstore-go (cosign, gh) and sigstore-python refuse a version they do not know, as
 * assay does: a future version may mean fields this reading would skip.
 */
const MEDIA_TYPES: readonly string[] = [BUNDLE_V01_MEDIA_TYPE, BUNDLE_V02_MEDIA_TYPE, BUNDLE_V03_LEGACY_MEDIA_TYPE, BUNDLE_V03_MEDIA_TYPE];

const OTHER_FORMATS = "an attestations document (npm, GitHub), a PEP 740 provenance or attestation, a cosign bundle or a DSSE envelope";

/** Reads one Sigstore bundle file (`--model-signature`). */
export function readBundle(path: string): BundleInput {
  const json = parse(readInput(path), path);
  return { bundle: toBundle(json, json.value, path, [], 0), origin: path };
}

/** What reading attestations needs to know of the artifact: its sha256 (cosign's legacy bundles name no digest). */
export interface ArtifactFacts {
  sha256?: string;
}

/** The bundles one JSON value holds, whatever wrapper it comes in. */
function bundlesIn(json: JsonFile, value: unknown, path: string, origin: string, lineOffset: number, artifact: ArtifactFacts): BundleInput[] {
  if (isObject(value) && value["mediaType"] === undefined) {
    if (Array.isArray(value["attestations"])) {
      // npm's registry and GitHub's attestations API: `{"attestations": [{"predicateType"?, "bundle"}]}`.
      return value["attestations"].map((a: unknown, i: number) => {
        const listed = isObject(a) && typeof a["predicateType"] === "string" ? a["predicateType"] : undefined;
        const inline = isObject(a) && a["bundle"] !== undefined && a["bundle"] !== null;
        // GitHub's API leaves a large bundle out and links it at bundle_url instead.
        const missing = (): never => {
          throw new ValidationError(isObject(a) && typeof a["bundle_url"] === "string" ? "this attestation's bundle is not inline (GitHub links large bundles at bundle_url): download it and pass it" : "the attestation has no bundle", ["bundle"]);
        };
        const bundle = inline ? toBundle(json, a["bundle"], path, ["attestations", i, "bundle"], lineOffset) : toBundle(json, a, path, ["attestations", i], lineOffset, missing);
        return { bundle, origin: `${origin} (attestation ${i + 1})`, ...(listed ? { listedPredicateType: listed } : {}) };
      });
    }
    // One element of GitHub's attestations API (`{"bundle", "repository_id", "bundle_url"}`), saved alone.
    if (isObject(value["bundle"]) && value["bundle"]["mediaType"] !== undefined) {
      return [{ bundle: toBundle(json, value["bundle"], path, ["bundle"], lineOffset), origin }];
    }
    // `npm view PKG dist.attestations` prints where the attestations are, not them.
    if (typeof value["url"] === "string" && isObject(value["provenance"])) {
      const url = value["url"];
      return [{ bundle: toBundle(json, value, path, ["url"], lineOffset, () => { throw new ValidationError(`this is npm's dist.attestations, which links the attestations document: download ${JSON.stringify(url.slice(0, 200))} and pass that`, ["url"]); }), origin }];
    }
    if (isPep740Provenance(value)) {
      let list: { value: unknown; path: (string | number)[] }[];
      try {
        list = pep740Attestations(value);
      } catch (e) {
        return [{ bundle: toBundle(json, value, path, [], lineOffset, () => { throw e; }), origin }];
      }
      return list.map((a, i) => ({ bundle: toBundle(json, a.value, path, a.path, lineOffset, pep740ToBundle), origin: `${origin} (attestation ${i + 1})` }));
    }
    if (isPep740Attestation(value)) return [{ bundle: toBundle(json, value, path, [], lineOffset, pep740ToBundle), origin }];
    if (isCosignLegacyBundle(value)) {
      const sha256 = artifact.sha256;
      if (sha256 === undefined) throw new AssayError("USAGE", `${origin} is a cosign bundle: it is checked against the artifact's digest`, { hint: "name the artifact it signs" });
      return [{ bundle: toBundle(json, value, path, [], lineOffset, (v) => cosignLegacyToBundle(v, sha256)), origin }];
    }
    if (isDsseEnvelope(value)) return [{ bundle: toBundle(json, value, path, [], lineOffset, envelopeToBundle), origin }];
  }
  return [{ bundle: toBundle(json, value, path, [], lineOffset), origin }];
}

/**
 * Reads what `--bundle` and `--attestation` name: a Sigstore bundle (v0.1–v0.3), JSON lines of them
 * or of bare DSSE envelopes (`.intoto.jsonl`, `gh attestation download`), npm's and GitHub's
 * attestations documents, PyPI's PEP 740 provenance and attestation objects, or cosign's legacy bundle.
 */
export function readAttestations(path: string, artifact: ArtifactFacts = {}): BundleInput[] {
  const text = readInput(path);
  const trimmed = text.trim();
  const lines = trimmed.split("\n");
  if (lines.length > 1 && lines.every((l) => l.trim() === "" || l.trim().startsWith("{")) && !trimmed.startsWith("{\n") && lines.filter((l) => l.trim() !== "").every((l) => l.trim().endsWith("}"))) {
    const out: BundleInput[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      const json = parse(line, path, i);
      out.push(...bundlesIn(json, json.value, path, `${path}:${i + 1}`, i, artifact));
    });
    return out;
  }
  const json = parse(text, path);
  return bundlesIn(json, json.value, path, path, 0, artifact);
}

const MAX_SIGNATURE = 64 * 1024;

/**
 * A detached signature over the artifact (`cosign sign-blob --output-signature`, base64 or raw),
 * with its certificate (`--output-certificate`, PEM or base64) if keyless, as one bundle.
 */
export function readDetachedSignature(sigPath: string, certPath: string | undefined, sha256Hex: string): BundleInput {
  const read = (p: string): Buffer => readBounded(p, MAX_SIGNATURE, "signature or certificate");
  const signature = signatureBase64(read(sigPath));
  if (signature === undefined) throw new AssayError("VERIFY_INPUT_INVALID", "the signature file is empty", { position: { path: sigPath } });
  let certificate: string | undefined;
  if (certPath !== undefined) {
    certificate = certificateDer(read(certPath));
    if (certificate === undefined) throw new AssayError("VERIFY_INPUT_INVALID", "not an X.509 certificate (PEM, DER, or base64 of either)", { position: { path: certPath }, hint: "pass the certificate cosign wrote with --output-certificate" });
  }
  return { bundle: bundleFromJSON(messageSignatureBundle({ signature, ...(certificate !== undefined ? { certificate } : {}), sha256Hex })), origin: sigPath };
}
