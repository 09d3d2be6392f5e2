// What a path says about the credentials in it: vendored and minified files are skipped by
// default (someone else's code), test, example and documentation paths are scanned at lower
// confidence (a real key in docs/ is still a real key).

const VENDORED = /(?:^|\/)(?:node_modules|bower_components|jspm_packages|vendor|vendors|third_party|third-party|thirdparty|Pods|Carthage|\.yarn\/(?:cache|releases|unplugged)|\.pnpm-store|site-packages|\.venv|venv)\//;

/** True for code a package manager put there (node_modules/, vendor/, third_party/…). */
export function isVendored(path: string): boolean {
  return VENDORED.test(path);
}

const MINIFIED_NAME = /[.-]min\.(?:js|mjs|cjs|css)$|\.(?:js|css)\.map$|(?:^|\/)[^/]*\.bundle\.js$/i;

/** True for a name that says minified or bundled (`app.min.js`, `x.js.map`). */
export function isMinifiedName(path: string): boolean {
  return MINIFIED_NAME.test(path);
}

/**
 * True when the text is machine-written on very long lines (a minified bundle): the first 64 KiB
 * average more than 500 bytes per line and the file is over 4 KiB.
 */
export function looksMinified(bytes: Uint8Array): boolean {
  if (bytes.length < 4096) return false;
  const n = Math.min(bytes.length, 64 * 1024);
  let lines = 1;
  for (let i = 0; i < n; i++) if (bytes[i] === 10) lines++;
  return n / lines > 500;
}

const BINARY_EXT = /\.(?:png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|heic|mp3|mp4|m4a|wav|ogg|flac|avi|mov|mkv|webm|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|whl|egg|class|o|a|so|dylib|dll|exe|bin|wasm|pyc|pyo|woff2?|ttf|otf|eot|pdf|docx?|xlsx?|pptx?|odt|ods|sqlite3?|db|parquet|onnx|pt|pth|safetensors|h5|npy|npz|pb|tflite|ckpt|pkl)$/i;

/** True for file types that are binary by definition; they are not read for secrets. */
export function isBinaryByName(path: string): boolean {
  return BINARY_EXT.test(path);
}

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|testdata|test-data|test_data|fixtures?|__fixtures__|__mocks__|mocks?|e2e|testing)\/|(?:^|\/)[^/]*(?:[._-](?:test|spec|tests|mock|fixture)s?)\.[^/]+$|(?:^|\/)test_[^/]+\.py$|_test\.go$/i;
const EXAMPLE_PATH = /(?:^|\/)(?:examples?|samples?|demos?|templates?|sandbox|playground)\/|(?:^|\/)[^/]*\.(?:example|sample|template|dist|tmpl|tpl)(?:\.[^/]+)?$|(?:^|\/)[^/]*[._-](?:example|sample)\.[^/]+$/i;
const DOCS_PATH = /(?:^|\/)(?:docs?|documentation|wiki|site|website|man)\/|(?:^|\/)(?:README|CHANGELOG|CONTRIBUTING|HISTORY|NEWS)[^/]*$|\.(?:md|mdx|rst|adoc|asciidoc|txt)$/i;

/** Why a path holds lower-confidence findings (tests, examples, documentation), if it does. */
export function lowConfidenceReason(path: string): "test" | "example" | "documentation" | undefined {
  if (TEST_PATH.test(path)) return "test";
  if (EXAMPLE_PATH.test(path)) return "example";
  if (DOCS_PATH.test(path)) return "documentation";
  return undefined;
}
