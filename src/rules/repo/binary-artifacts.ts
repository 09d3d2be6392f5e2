import { actionName, walkSteps, type Uses } from "../../ecosystems/github-actions/index.js";
import type { FileEntry, Rule, RuleContext } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "repo/binary-artifacts",
    title: "Binary artifact checked in",
    severity: "high",
    confidence: "high",
    check: "Binary-Artifacts",
    rationale:
      "An executable or compiled file in the repository cannot be reviewed: nobody can tell from the diff what it does, whether it matches its source, or whether it was tampered with. Build tools and users may run it anyway. assay counts what Scorecard counts (executables, libraries, Java classes and archives, Python bytecode and wheels, packages and disk images, by content or by a binary extension on content that is not text) and also static libraries (.a), .obj object files, WebAssembly modules, Java web archives (.war, .ear), Android packages (.apk, .aab), and Mach-O binaries, Java classes and Python bytecode recognised by their content under another name, which are compiled code just as much; Scorecard leaves those out, so they are reported without lowering the score (10 less one point a file Scorecard counts). Like Scorecard, a Gradle wrapper JAR that CI validates is not counted (Scorecard also asks the forge that the validating workflow passed on the latest commit); assay also takes gradle/actions/setup-gradle v4 or later, which validates wrappers by default, where Scorecard looks only for the wrapper-validation actions.",
    remediation:
      "Remove the file and build it from source in CI (or download it at build time with a pinned checksum). For the Gradle wrapper, validate gradle-wrapper.jar in CI with gradle/actions/wrapper-validation, or build with gradle/actions/setup-gradle v4 or later, which validates it by default (v3 only with `validate-wrappers: true`). If the file is test data that is never executed, exclude its folder in the policy (`exclude:`) or suppress the finding with a reason.",
    references: [
      { title: "OpenSSF Scorecard: Binary-Artifacts", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#binary-artifacts" },
      { title: "Gradle: Validating the Gradle Wrapper", url: "https://docs.gradle.org/current/userguide/gradle_wrapper.html#wrapper_checksum_verification" },
      { title: "gradle/actions: wrapper-validation", url: "https://github.com/gradle/actions/blob/main/docs/wrapper-validation.md" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    // Scorecard's Binary-Artifacts: 10 minus the number of binaries, so one stray file is not a zero.
    scoring: { perFinding: 1 },
  },

  async run(ctx) {
    const candidates = ctx.files.filter(needsSniffing);
    const found: { path: string; kind: string; by: "name" | "content" }[] = [];
    const BATCH = 64;
    for (let i = 0; i < candidates.length; i += BATCH) {
      if (ctx.signal.aborted) return;
      const batch = candidates.slice(i, i + BATCH);
      const kinds = await Promise.all(batch.map((f) => identify(ctx, f.path)));
      kinds.forEach((k, j) => {
        if (k) found.push({ path: (batch[j] as FileEntry).path, ...k });
      });
    }
    const wrappers = found.filter((f) => /(?:^|\/)gradle-wrapper\.jar$/.test(f.path));
    const wrapperValidated = wrappers.length > 0 && (await validatesGradleWrapper(ctx));
    for (const f of found) {
      const isWrapper = wrappers.includes(f);
      if (isWrapper && wrapperValidated) continue;
      // What Scorecard does not count is reported all the same, but leaves the score where Scorecard puts it.
      const counted = scorecardCounts(f.path, f.kind);
      ctx.report({
        message: isWrapper
          ? `${f.path} is the Gradle wrapper JAR and no workflow validates its checksum (gradle/actions/wrapper-validation)`
          : `${f.path} is a checked-in ${f.kind}${counted ? "" : " (Scorecard does not count it, so it takes nothing off the score)"}`,
        locations: [{ path: f.path }],
        evidence: { kind: f.kind, detectedBy: f.by },
        ...(isWrapper ? { severity: "low" as const } : {}),
        ...(counted ? {} : { impact: "none" as const }),
        key: f.path,
      });
    }
    if (found.length === 0) ctx.evidence({ message: "no executables or compiled artifacts are checked in" });
  },
};

/** Extensions of compiled code, libraries, installers and packages of compiled code (Scorecard's list plus static libraries, WebAssembly and app packages). */
const BINARY_EXT: ReadonlyMap<string, string> = new Map([
  ["exe", "Windows executable"], ["dll", "Windows library"], ["ocx", "Windows ActiveX control"], ["drv", "Windows driver"], ["efi", "EFI executable"],
  ["so", "shared library"], ["dylib", "macOS dynamic library"], ["bundle", "macOS bundle binary"], ["elf", "ELF executable"],
  ["a", "static library"], ["lib", "static library"], ["o", "object file"], ["obj", "object file"],
  ["class", "Java class file"], ["jar", "Java archive"], ["war", "Java web archive"], ["ear", "Java enterprise archive"], ["dex", "Android DEX bytecode"], ["dey", "Android optimised DEX bytecode"], ["apk", "Android package"], ["aab", "Android app bundle"],
  ["pyc", "Python bytecode"], ["pyo", "Python bytecode"], ["whl", "Python wheel"], ["par", "Python archive"],
  ["wasm", "WebAssembly module"],
  ["msi", "Windows installer"], ["deb", "Debian package"], ["rpm", "RPM package"], ["crx", "Chrome extension"], ["iso", "disk image"],
]);

/** The extensions Scorecard counts, as written (its comparison is case-sensitive), when the content is not text. */
const SCORECARD_EXT = new Set("crx deb dex dey elf o so iso class jar bundle dylib lib msi dll drv efi exe ocx pyc pyo par rpm whl".split(" "));

/** What Scorecard's content sniffing (h2non/filetype) names as one of those types, whatever the file's name. */
const SCORECARD_MAGIC = new Set(["ELF executable or library", "Windows (PE) executable or library", "Android DEX bytecode", "Android optimised DEX bytecode", "RPM package"]);

/**
 * True when Scorecard's Binary-Artifacts counts a file assay found: by its content type, or by an
 * extension of its list on content that is not text. It leaves out Mach-O binaries and Java classes
 * or bytecode without their extension, static libraries (.a), .obj, WebAssembly, web archives and
 * Android packages.
 */
function scorecardCounts(path: string, kind: string): boolean {
  if (SCORECARD_MAGIC.has(kind)) return true;
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot >= 0 && SCORECARD_EXT.has(base.slice(dot + 1));
}

/** Extensions of text, source, documents and media: never sniffed unless executable (keeps 50,000-file scans to a few reads). */
const KNOWN_NOT_BINARY = new Set(
  (
    "txt md markdown rst adoc asciidoc org tex csv tsv json jsonc json5 yml yaml toml ini cfg conf properties xml xsd xsl html htm xhtml css scss sass less svg " +
    "js mjs cjs jsx ts mts cts tsx vue svelte astro go rs py pyi pyx pxd rb erb java kt kts scala sc groovy gradle clj cljs edn c h cc cpp cxx hpp hh hxx ipp inl m mm swift cs fs fsx vb " +
    "php phtml pl pm t sh bash zsh fish ps1 psm1 psd1 bat cmd lua r jl ex exs erl hrl hs lhs ml mli elm dart nim zig v sv vhd vhdl sol cairo move " +
    "sql graphql gql proto thrift avsc tf tfvars hcl nix bzl bazel cmake mk make mod sum lock gemspec podspec cabal " +
    "gitignore gitattributes gitmodules editorconfig dockerignore npmignore prettierrc eslintrc babelrc nvmrc env example sample template tpl tmpl j2 jinja mustache hbs ejs pug " +
    "png jpg jpeg gif webp bmp ico icns tif tiff psd ai eps pdf woff woff2 ttf otf eot mp3 mp4 m4a wav ogg oga webm mov avi mkv flac aac " +
    "zip gz tgz bz2 xz zst 7z tar rar lz4 br snappy parquet avro orc arrow feather npy npz h5 hdf5 pt pth onnx safetensors pb tflite ckpt gguf pkl pickle joblib " +
    "db sqlite sqlite3 pem crt cer der key pub asc sig gpg p12 pfx jks keystore log patch diff po pot mo ipynb drawio excalidraw snap"
  ).split(" "),
);

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "";
  const ext = base.slice(dot + 1).toLowerCase();
  // Versioned shared libraries: libfoo.so.1.2.3.
  if (/^\d{1,5}$/.test(ext) && /\.so(?:\.\d{1,5}){1,4}$/.test(base)) return "so";
  return ext;
}

function needsSniffing(f: FileEntry): boolean {
  if (f.kind !== "file") return false;
  const ext = extension(f.path);
  if (BINARY_EXT.has(ext)) return true;
  return f.executable || !KNOWN_NOT_BINARY.has(ext);
}

/** Reads the first bytes of a file and names what compiled artifact it is, or undefined. */
async function identify(ctx: RuleContext, path: string): Promise<{ kind: string; by: "name" | "content" } | undefined> {
  const head = await ctx.readBytes(path, 64);
  if (!head || head.length === 0) return undefined;
  const magic = await sniff(ctx, path, head);
  if (magic) return { kind: magic, by: "content" };
  const byName = BINARY_EXT.get(extension(path));
  // Like Scorecard, a binary extension only counts when the content is not text (a text `.lib` or `.o` is not compiled code).
  if (byName && !isText(head)) return { kind: byName, by: "name" };
  return undefined;
}

function u32be(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) >>> 0) + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0);
}

function startsWith(b: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((v, i) => b[i] === v);
}

/** Executable formats recognised by their magic numbers. */
async function sniff(ctx: RuleContext, path: string, b: Uint8Array): Promise<string | undefined> {
  if (b.length < 4) return undefined;
  const m = u32be(b, 0);
  if (m === 0x7f454c46) return "ELF executable or library";
  if (m === 0xfeedface || m === 0xfeedfacf || m === 0xcefaedfe || m === 0xcffaedfe) return "Mach-O executable or library";
  if (m === 0xcafebabe || m === 0xcafebabf) {
    // Universal Mach-O binaries and Java classes share this magic: the next word is a small
    // architecture count in the former and a class-file version (>= 45) in the latter.
    if (b.length < 8) return undefined;
    return u32be(b, 4) < 45 ? "Mach-O universal binary" : "Java class file";
  }
  if (m === 0x0061736d) return "WebAssembly module";
  if (startsWith(b, [0x64, 0x65, 0x78, 0x0a]) && b[7] === 0) return "Android DEX bytecode";
  // Optimised DEX (ODEX, "dey\n" and a version), which Scorecard's file-type sniffing counts as `dey`.
  if (startsWith(b, [0x64, 0x65, 0x79, 0x0a]) && b[7] === 0) return "Android optimised DEX bytecode";
  if (m === 0xedabeedb) return "RPM package";
  if (startsWith(b, [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e, 0x0a])) return "ar archive (static library or Debian package)";
  if (b[0] === 0x4d && b[1] === 0x5a) return (await isPortableExecutable(ctx, path, b)) ? "Windows (PE) executable or library" : undefined;
  // Python bytecode: a 2-byte little-endian version magic (3000-3999 for Python 3, 62211 for 2.7), then "\r\n".
  const pyMagic = (b[0] ?? 0) + ((b[1] ?? 0) << 8);
  if (b[2] === 0x0d && b[3] === 0x0a && ((pyMagic >= 3000 && pyMagic < 4000) || pyMagic === 62211) && !isText(b)) return "Python bytecode";
  return undefined;
}

/** "MZ" files are PE executables when the header at e_lfanew reads "PE\0\0"; plain text starting with "MZ" is not. */
async function isPortableExecutable(ctx: RuleContext, path: string, head: Uint8Array): Promise<boolean> {
  if (head.length < 64) return false;
  const lfanew = (head[60] ?? 0) + ((head[61] ?? 0) << 8) + ((head[62] ?? 0) << 16) + ((head[63] ?? 0) << 24);
  if (lfanew < 64 || lfanew > 4096) return !isText(head);
  const more = await ctx.readBytes(path, lfanew + 4);
  if (!more || more.length < lfanew + 4) return false;
  return more[lfanew] === 0x50 && more[lfanew + 1] === 0x45 && more[lfanew + 2] === 0 && more[lfanew + 3] === 0;
}

/** Printable text (UTF-8 allowed) with only tab, newline, form feed, carriage return and escape as controls. */
function isText(b: Uint8Array): boolean {
  for (const c of b) {
    if (c === 0x7f) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) return false;
  }
  return true;
}

/** True when a workflow validates the Gradle wrapper's checksum. */
async function validatesGradleWrapper(ctx: RuleContext): Promise<boolean> {
  // Best effort: an unreadable workflow simply does not excuse the wrapper.
  for await (const { step } of walkSteps(ctx, { optional: true })) {
    const name = step.uses ? actionName(step.uses.name) : "";
    if (name === "gradle/wrapper-validation-action" || name === "gradle/actions/wrapper-validation") return true;
    if (name === "gradle/actions/setup-gradle" && step.uses && setupGradleValidates(step.uses, step.with["validate-wrappers"]?.value)) return true;
  }
  return false;
}

/**
 * setup-gradle validates wrappers by default since gradle/actions v4; in v3 only with
 * `validate-wrappers: true`, and `validate-wrappers: false` turns it off. A ref or pin comment that
 * names a version before 4 is believed; a SHA with no comment, or a branch, is taken as current.
 */
function setupGradleValidates(uses: Uses, validateWrappers: string | undefined): boolean {
  const flag = validateWrappers?.trim().toLowerCase();
  if (flag === "true") return true;
  if (flag === "false") return false;
  const version = uses.refKind === "symbolic" ? uses.ref : uses.commentVersion;
  const major = /^v?(\d{1,4})(?:\.|$)/.exec(version ?? "")?.[1];
  return major === undefined || Number(major) >= 4;
}
