// Which files a whole-tree text scan reads: binary file types are never read, vendored and
// minified files only when the policy asks. Shared by the file scan and the history scan.

import { isVendoredPath } from "../core/vendored-path.js";

/** What the policy says about the files a whole-tree scan would skip by default. */
export interface ScanFilterSettings {
  /** Scan node_modules/, vendor/, third_party/… too. */
  scanVendored: boolean;
  /** Scan minified and bundled files too. */
  scanMinified: boolean;
}

/** Minified or bundled by name (`*.min.js`, source maps, `*.bundle.js`). */
const MINIFIED_NAME = /[.-]min\.(?:js|mjs|cjs|css)$|\.(?:js|css)\.map$|(?:^|\/)[^/]*\.bundle\.js$/i;
const BINARY_EXT = /\.(?:png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|psd|heic|mp3|mp4|m4a|wav|ogg|flac|avi|mov|mkv|webm|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|whl|egg|class|o|a|so|dylib|dll|exe|bin|wasm|pyc|pyo|woff2?|ttf|otf|eot|pdf|docx?|xlsx?|pptx?|odt|ods|sqlite3?|db|parquet|onnx|pt|pth|safetensors|h5|npy|npz|pb|tflite|ckpt|pkl)$/i;

/** Whether a path is scanned, or why not (judged by its name alone). */
export function pathVerdict(path: string, settings: ScanFilterSettings): "scan" | "binary" | "vendored" | "minified" {
  if (BINARY_EXT.test(path)) return "binary";
  if (!settings.scanVendored && isVendoredPath(path)) return "vendored";
  if (!settings.scanMinified && MINIFIED_NAME.test(path)) return "minified";
  return "scan";
}

/** A Jupyter notebook: long lines (a plot's PNG in base64), yet written by people in its cells. */
const NOTEBOOK = /\.ipynb$/i;

/** True when a file counts as minified for a scan that leaves such files out: by its name, or by its first bytes (never a notebook). */
export function minifiedForScan(path: string, head: Uint8Array, settings: ScanFilterSettings): boolean {
  return !settings.scanMinified && (MINIFIED_NAME.test(path) || (!NOTEBOOK.test(path) && looksMinified(head)));
}

/**
 * True when the text is machine-written on very long lines (a minified bundle): the first 64 KiB
 * average more than 500 bytes per line, in a file over 4 KiB.
 */
export function looksMinified(bytes: Uint8Array): boolean {
  if (bytes.length < 4096) return false;
  const n = Math.min(bytes.length, 64 * 1024);
  // Minified means fewer than n / 500 lines: stop counting once there are that many (after a few
  // KiB in ordinary text), and count with indexOf, a native memchr.
  const enough = n / 500;
  const head = bytes.length > n ? bytes.subarray(0, n) : bytes;
  let lines = 1;
  for (let i = head.indexOf(10); i !== -1; i = head.indexOf(10, i + 1)) {
    if (++lines >= enough) return false;
  }
  return n / lines > 500;
}
