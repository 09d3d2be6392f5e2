import type { OsvEcosystem, VersionOrder } from "./packages.js";
import { alpineOrder } from "./versions/alpine.js";
import { composerOrder } from "./versions/composer.js";
import { conanOrder } from "./versions/conan.js";
import { cranOrder } from "./versions/cran.js";
import { debianOrder } from "./versions/debian.js";
import { goOrder } from "./versions/go.js";
import { hackageOrder } from "./versions/hackage.js";
import { mavenOrder } from "./versions/maven.js";
import { nugetOrder } from "./versions/nuget.js";
import { pep440Order } from "./versions/pep440.js";
import { pubOrder } from "./versions/pub.js";
import { rpmOrder } from "./versions/rpm.js";
import { rubygemsOrder } from "./versions/rubygems.js";
import { semverOrder } from "./versions/semver.js";

/** Longer than any real version: such strings are compared as text, never parsed (hostile input). */
export const MAX_VERSION_LENGTH = 256;

function bounded(order: VersionOrder): VersionOrder {
  return {
    compare: (a, b) => (a.length > MAX_VERSION_LENGTH || b.length > MAX_VERSION_LENGTH ? (a < b ? -1 : a > b ? 1 : 0) : order.compare(a, b)),
    valid: (v) => v.length <= MAX_VERSION_LENGTH && order.valid(v),
  };
}

const ORDERS: Record<OsvEcosystem, VersionOrder> = {
  npm: semverOrder,
  "crates.io": semverOrder,
  Hex: semverOrder,
  "GitHub Actions": semverOrder,
  // Conan compares its own way (letters and any number of items): versions/conan.ts.
  ConanCenter: conanOrder,
  // Swift packages are versioned by SemVer git tags (the OSV schema's SwiftURL entry).
  SwiftURL: semverOrder,
  Go: goOrder,
  PyPI: pep440Order,
  Maven: mavenOrder,
  NuGet: nugetOrder,
  RubyGems: rubygemsOrder,
  Packagist: composerOrder,
  Pub: pubOrder,
  CRAN: cranOrder,
  Hackage: hackageOrder,
  Debian: debianOrder,
  Ubuntu: debianOrder,
  "Red Hat": rpmOrder,
  "Rocky Linux": rpmOrder,
  AlmaLinux: rpmOrder,
  SUSE: rpmOrder,
  openSUSE: rpmOrder,
  Alpine: alpineOrder,
  // Wolfi and Chainguard build apk packages, versioned as Alpine's are (`3.3.0-r0`).
  Wolfi: alpineOrder,
  Chainguard: alpineOrder,
};

const BOUNDED = Object.fromEntries(Object.entries(ORDERS).map(([k, v]) => [k, bounded(v)])) as Record<OsvEcosystem, VersionOrder>;

/**
 * The version order of an OSV ecosystem (the part before any `:` suffix, e.g. `Debian:12`), or
 * undefined for an ecosystem assay cannot order.
 */
export function versionOrder(ecosystem: OsvEcosystem | string): VersionOrder | undefined {
  const base = ecosystem.split(":")[0] as OsvEcosystem;
  return Object.hasOwn(ORDERS, base) ? BOUNDED[base] : undefined;
}

/** The order of OSV's `SEMVER` range type, whatever the ecosystem. */
export { semverOrder } from "./versions/semver.js";
