// The secrets library: provider detectors, the scanner, the masker. Pure: no file system, no
// network; the engine's text-scan service runs it on worker threads, the CLI on standard input.
export { DETECTORS } from "./detectors/index.js";
export type { Detector, SecretCategory } from "./detector.js";
export { bundleScanner, scanBundle, SecretScanner, type SecretMatch, type ScanTextOptions } from "./scanner.js";
export { maskSecrets } from "./mask.js";
export { locate, secretsTextScanner, type LocatedSecret } from "./text-scanner.js";
export { lowConfidenceReason } from "./paths.js";
