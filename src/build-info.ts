// Filled in by scripts/build.mjs (esbuild `define`) from the git checkout the bundle was built in.
declare const __ASSAY_COMMIT__: string | undefined;

/**
 * The full commit of assay's own repository this build came from, or "unknown" (not built from a
 * git checkout, or run from sources). `assay init` pins generated CI to it: an immutable reference
 * that exists, never a package name someone else could register.
 */
export const BUILD_COMMIT: string = typeof __ASSAY_COMMIT__ === "string" && /^[0-9a-f]{40}$/.test(__ASSAY_COMMIT__) ? __ASSAY_COMMIT__ : "unknown";

/** Where assay's source lives; `assay init` checks it out at BUILD_COMMIT. */
export const SOURCE_REPOSITORY = "assay-dev/assay";
