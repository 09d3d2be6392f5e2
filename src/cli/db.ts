import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { exportDocument, importRecords, readAdvisoryFiles } from "../advisories/import.js";
import { OSV_BUCKET } from "../advisories/location.js";
import { verifyArtifactBundle, type SignerPolicy, type VerifiedSigner } from "../advisories/signature.js";
import { AdvisoryStore } from "../advisories/store.js";
import { DEFAULT_UPDATE_ECOSYSTEMS, updateStore } from "../advisories/update.js";
import { AssayError } from "../core/errors.js";
import { closest, didYouMean } from "../core/suggest.js";
import { versionOrder } from "../ecosystems/versions.js";
import { storePath } from "./advisory-connection.js";
import { parse, usageLines } from "./args.js";
import { EXIT, warn, type ExitCode, type Io } from "./io.js";
import { clocks } from "./clock.js";
import { writeOutput } from "./write-output.js";

const USAGE = `usage:
  assay db update [--ecosystem E]… [--source URL] [--db DIR]   (E as OSV spells it: npm, PyPI, Debian…; default: every language ecosystem)
  assay db import PATH [--db DIR] [--require-signature --bundle FILE (--certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] | --key FILE)]
  assay db export [--ecosystem E]… [--id ID]… [--output FILE] [--db DIR]
  assay db status [--json] [--db DIR]

The offline advisory store the deps rules match lockfiles against (default $XDG_CACHE_HOME/assay/advisories):
\`update\` downloads OSV's advisories (the one command that uses the network; run it weekly), \`import\` adds
OSV records of your own (private or embargoed, optionally only when signed), \`export\` writes records out,
\`status\` says what the store holds and how old it is.`;

/** `assay db …`: the offline advisory store. */
export async function dbCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "update":
      return update(rest, io);
    case "import":
      return importCommand(rest, io);
    case "export":
      return exportCommand(rest, io);
    case "status":
      return status(rest, io);
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(`${USAGE}\n`);
      return EXIT.passed;
    default:
      throw new AssayError("USAGE", sub === undefined ? "`assay db` needs a subcommand" : `unknown subcommand \`db ${sub}\`${didYouMean(sub, ["update", "import", "export", "status", "help"])}`, { hint: usageLines(USAGE) });
  }
}

async function update(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values } = parse(args, { ecosystem: { type: "string", multiple: true }, source: { type: "string" }, db: { type: "string" } }, 0, USAGE);
  const store = storePath(io, values.db);
  const baseUrl = values.source ?? io.env.ASSAY_OSV_URL ?? OSV_BUCKET;
  if (!/^https?:\/\//.test(baseUrl)) throw new AssayError("USAGE", `--source must be an http(s) URL, not \`${baseUrl}\``);
  const ecosystems = values.ecosystem?.map(osvEcosystem) ?? DEFAULT_UPDATE_ECOSYSTEMS;
  const sets = await updateStore({ store, ecosystems, baseUrl, now: () => clocks(io, undefined).generatedAt, onProgress: (line) => io.stderr.write(`assay: ${line}\n`), onWarning: (line) => warn(io, line) });
  io.stdout.write(`updated ${sets.length} ecosystem${sets.length === 1 ? "" : "s"} in ${store}: ${sets.map((s) => `${s.ecosystem} ${s.records}`).join(", ")}\n`);
  return EXIT.passed;
}

/**
 * `--ecosystem NAME` as OSV spells it: the bucket's folders are case-sensitive (`pypi` downloads
 * nothing; `PyPI` is meant), and a near miss of a name assay reads (`npmm`) is a typo, said before
 * anything is downloaded. Any other name is a mirror's to answer (a 404 says it has none).
 */
function osvEcosystem(name: string): string {
  if (versionOrder(name) !== undefined) return name;
  const same = DEFAULT_UPDATE_ECOSYSTEMS.find((e) => e.toLowerCase() === name.toLowerCase());
  if (same !== undefined) return same;
  const meant = closest(name, DEFAULT_UPDATE_ECOSYSTEMS);
  if (meant !== undefined) throw new AssayError("USAGE", `unknown ecosystem \`${name}\` (did you mean \`${meant}\`?)`, { hint: `OSV's names: ${DEFAULT_UPDATE_ECOSYSTEMS.join(", ")}, or a distribution such as Debian:12` });
  return name;
}

async function importCommand(args: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      db: { type: "string" },
      "require-signature": { type: "boolean" },
      bundle: { type: "string" },
      "certificate-identity": { type: "string", multiple: true },
      "certificate-oidc-issuer": { type: "string", multiple: true },
      "trusted-root": { type: "string" },
      key: { type: "string" },
    },
    1,
    USAGE,
  );
  const target = positionals[0];
  if (target === undefined) throw new AssayError("USAGE", "`assay db import` needs a file or folder of OSV records", { hint: usageLines(USAGE) });
  const path = resolve(io.cwd, target);
  if (!existsSync(path)) throw new AssayError("ADVISORY_INPUT_INVALID", `not found: ${target}`, { hint: "check the path" });
  let signer: VerifiedSigner | undefined;
  let verified: string | undefined;
  const wantsSignature = values["require-signature"] || values.bundle !== undefined;
  if (wantsSignature) ({ signer, sha256: verified } = verifyImport(io, path, target, values));
  const store = storePath(io, values.db);
  const { records, problems, sha256 } = readAdvisoryFiles(path, target);
  // The file is read again to import it: what is imported must be the bytes the signature covered,
  // not a file swapped in after the check.
  if (verified !== undefined && sha256 !== verified) throw new AssayError("SIGNATURE_INVALID", `${target} changed between its signature check and its import; nothing was imported`, { hint: "import it again once nothing is writing to it" });
  for (const p of problems) warn(io, `${p.path}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : ""}: ${p.message}`);
  if (signer && problems.length > 0) throw new AssayError("ADVISORY_INPUT_INVALID", `the signed file ${target} holds records assay cannot read; nothing was imported`, { hint: "ask its publisher for a corrected file" });
  if (records.length === 0) throw new AssayError("ADVISORY_INPUT_INVALID", `no OSV records in ${target}`, { hint: "give OSV JSON or YAML files, a folder of them, or a file from `assay db export`" });
  const origin = `${path}${signer ? ` (signed by ${signer.identity ?? signer.key})` : ""}`;
  const result = importRecords(store, records, origin, sha256, clocks(io, undefined).generatedAt);
  io.stdout.write(`imported ${result.added} new and ${result.replaced} updated local advisor${result.added + result.replaced === 1 ? "y" : "ies"}${result.unchanged ? ` (${result.unchanged} older than the stored ones kept)` : ""}${result.withdrawn ? `, ${result.withdrawn} withdrawn` : ""} into ${store}${signer ? `; signature verified: ${signer.identity ? `${signer.identity} (${signer.issuer})` : `key ${signer.key}`}` : ""}\n`);
  return problems.length > 0 ? EXIT.usage : EXIT.passed;
}

/** Checks the signature of the file to import; returns who signed it and the sha256 of the bytes checked. */
function verifyImport(io: Io, path: string, target: string, values: { bundle?: string; "certificate-identity"?: string[]; "certificate-oidc-issuer"?: string[]; "trusted-root"?: string; key?: string }): { signer: VerifiedSigner; sha256: string } {
  const bundlePath = values.bundle !== undefined ? resolve(io.cwd, values.bundle) : [`${path}.sigstore.json`, `${path}.sigstore`, `${path}.bundle`].find((p) => existsSync(p));
  if (bundlePath === undefined || !existsSync(bundlePath)) throw new AssayError("SIGNATURE_INVALID", `no Sigstore bundle for ${target}`, { hint: "give it with --bundle FILE (cosign sign-blob --new-bundle-format --bundle FILE)" });
  let artifact: Buffer;
  try {
    artifact = readFileSync(path);
  } catch {
    throw new AssayError("USAGE", "a signed import takes one file (the one the bundle signs), not a folder", { hint: "export the folder with `assay db export` and sign that file" });
  }
  const bundle = readJson(bundlePath);
  let policy: SignerPolicy;
  if (values.key !== undefined) {
    if (values["certificate-identity"] || values["certificate-oidc-issuer"]) throw new AssayError("USAGE", "--key and --certificate-identity are two ways to verify; give one");
    policy = { kind: "key", publicKeyPem: readFileSync(resolve(io.cwd, values.key), "utf8") };
  } else {
    const identities = values["certificate-identity"] ?? [];
    const issuers = values["certificate-oidc-issuer"] ?? [];
    if (identities.length === 0 || issuers.length === 0) throw new AssayError("USAGE", "a signed import needs --certificate-identity and --certificate-oidc-issuer (or --key)", { hint: "name who may sign, e.g. --certificate-identity https://github.com/org/repo/.github/workflows/advisories.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com" });
    policy = { kind: "identity", identities, issuers, ...(values["trusted-root"] !== undefined ? { trustedRootFile: resolve(io.cwd, values["trusted-root"]) } : {}) };
  }
  return { signer: verifyArtifactBundle(artifact, bundle, policy), sha256: createHash("sha256").update(artifact).digest("hex") };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new AssayError("SIGNATURE_INVALID", `cannot read ${path} as JSON (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
  }
}

function exportCommand(args: readonly string[], io: Io): ExitCode {
  const { values } = parse(args, { db: { type: "string" }, ecosystem: { type: "string", multiple: true }, id: { type: "string", multiple: true }, output: { type: "string", short: "o" } }, 0, USAGE);
  const store = openOrFail(storePath(io, values.db));
  const doc = exportDocument(store, { ...(values.ecosystem ? { ecosystems: values.ecosystem } : {}), ...(values.id ? { ids: values.id } : {}), now: clocks(io, undefined).generatedAt });
  store.close();
  if (doc.records.length === 0) throw new AssayError("ADVISORY_INPUT_INVALID", "no local advisories to export", { hint: "import some with `assay db import`" });
  writeOutput(io, `${JSON.stringify(doc, null, 2)}\n`, values.output);
  if (values.output !== undefined) io.stderr.write(`assay: wrote ${doc.records.length} advisor${doc.records.length === 1 ? "y" : "ies"} to ${values.output}; sign it with: cosign sign-blob --new-bundle-format --bundle ${values.output}.sigstore.json ${values.output}\n`);
  return EXIT.passed;
}

function openOrFail(dir: string): AdvisoryStore {
  const store = AdvisoryStore.open(dir);
  if (!store) throw new AssayError("ADVISORY_DB_MISSING", `no advisory store in ${dir}`, { hint: "run `assay db update` (downloads OSV data) or `assay db import PATH`" });
  return store;
}

function status(args: readonly string[], io: Io): ExitCode {
  const { values } = parse(args, { db: { type: "string" }, json: { type: "boolean" } }, 0, USAGE);
  const dir = storePath(io, values.db);
  const store = openOrFail(dir);
  const now = clocks(io, undefined).now;
  if (values.json) {
    io.stdout.write(`${JSON.stringify(store.status, null, 2)}\n`);
    return EXIT.passed;
  }
  const lines = [`advisory store: ${dir}`];
  for (const e of store.status.ecosystems) {
    const days = Math.floor((now.getTime() - Date.parse(e.updated)) / 86_400_000);
    lines.push(`  ${e.ecosystem.padEnd(14)} ${e.source.padEnd(5)} ${String(e.records).padStart(8)} records  updated ${e.updated.slice(0, 10)} (${days} day${days === 1 ? "" : "s"} ago)  from ${e.origin}${e.sha256 ? `  sha256 ${e.sha256.slice(0, 16)}…` : ""}`);
  }
  if (store.status.ecosystems.length === 0) lines.push("  (empty)");
  store.close();
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.passed;
}
