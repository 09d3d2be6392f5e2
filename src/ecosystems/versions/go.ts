import type { VersionOrder } from "../packages.js";
import { semverOrder } from "./semver.js";

// Go modules use SemVer with a `v` (https://go.dev/ref/mod#versions); advisories and assay's
// lockfile model write them without it. Pseudo-versions (v0.0.0-20210101000000-abcdef123456)
// are SemVer pre-releases and sort as such; `+incompatible` is build metadata.

/** Go's module version order. */
export const goOrder: VersionOrder = {
  compare: semverOrder.compare,
  valid: (v) => /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+incompatible)?$/.test(v.trim()),
};
