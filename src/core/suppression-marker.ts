/**
 * Text every inline suppression comment holds (`assay: ignore[rule]`, `zizmor: ignore[audit]`):
 * files without it need no suppression index, so scanners that read every file watch for it.
 */
export const SUPPRESSION_MARKER = "ignore[";
