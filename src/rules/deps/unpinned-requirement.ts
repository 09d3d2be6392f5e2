import { clip } from "../../core/escape.js";
import { findLockfiles } from "../../ecosystems/lockfiles.js";
import { isVendoredPath } from "../../core/vendored-path.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  meta: {
    id: "deps/unpinned-requirement",
    title: "Requirement that pins no version",
    severity: "low",
    confidence: "high",
    check: "Locked-Dependencies",
    rationale:
      "A requirement such as `requests>=2` or a bare `flask` installs whatever version is newest on the day: builds are not reproducible, a compromised release is picked up the moment it is published, and no advisory can be matched against a version nobody recorded.",
    remediation:
      "Pin every requirement to an exact version (`requests==2.32.3`), ideally with hashes (`pip-compile --generate-hashes`, `uv pip compile`), or move to a lockfile (poetry.lock, uv.lock, pdm.lock) and keep loose ranges only in the manifest. For NuGet, give each PackageReference (or central PackageVersion) an exact version (`13.0.3` or `[13.0.3]`) instead of a range or a floating `13.*`, or commit a packages.lock.json (`<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>`).",
    references: [
      { title: "pip: repeatable installs", url: "https://pip.pypa.io/en/stable/topics/repeatable-installs/" },
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
      { title: "NuGet: version ranges", url: "https://learn.microsoft.com/nuget/concepts/package-versioning#version-ranges" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const lockfiles = await findLockfiles(ctx);
    const unpinned = lockfiles.flatMap((l) => l.unpinned.map((u) => ({ lockfile: l, u })));
    if (lockfiles.length === 0) return ctx.notApplicable("no lockfile or requirements file in the checkout");
    // A file included by two requirements files (`-r ../dev-requirements.txt`) is read twice: its lines are reported once.
    const seen = new Set<string>();
    for (const { lockfile, u } of unpinned) {
      const path = u.path ?? lockfile.path;
      // A vendored copy of another project (third_party/x/requirements.txt) declares that project's needs, which this one does not install.
      if (isVendoredPath(lockfile.path) || isVendoredPath(path)) continue;
      if (pinnedReference(u.spec) || seen.has(`${path}\0${u.line}\0${u.name}`)) continue;
      seen.add(`${path}\0${u.line}\0${u.name}`);
      const reference = u.spec.startsWith("@");
      // An MSBuild `$(Property)` assay could not resolve offline: unknown, which is not the same as loose.
      const unresolved = lockfile.ecosystem === "NuGet" && u.spec.includes("$(");
      ctx.report({
        message: reference
          ? `${u.name} in ${path} is installed from \`${clip(u.spec.slice(1).trim(), 120)}\`, a branch, tag or archive that can change: what gets installed changes from day to day, and advisories cannot be matched against it`
          : unresolved
            ? `${u.name} in ${path} takes its version from \`${clip(u.spec, 120)}\`, which could not be resolved offline (a property defined outside the files assay reads, or computed): advisories cannot be matched against it`
            : `${u.name}${u.spec ? ` ${u.spec}` : ""} in ${path} pins no version${u.spec ? "" : " at all"}: what gets installed changes from day to day, and advisories cannot be matched against it`,
        locations: [{ path, startLine: u.line }],
        key: `${lockfile.ecosystem}:${u.name}`,
        // Unknown to assay is not loose in the project: most such properties come from an SDK's props.
        ...(unresolved ? { confidence: "low" as const } : {}),
        evidence: { ecosystem: lockfile.ecosystem, package: u.name, spec: u.spec },
        fix: reference ? `pin the reference to a full commit (${u.name} @ git+https://…@<40-hex commit>) or an archive with its hash (…#sha256=<digest>), or use a released version: ${u.name}==<version>` : fixFor(lockfile.ecosystem, u.name, unresolved),
      });
    }
  },
};

/** How to pin a loose requirement, in its ecosystem's terms. */
function fixFor(ecosystem: string, name: string, unresolved: boolean): string {
  if (ecosystem !== "NuGet") return `pin it: ${name}==<the version you test with>`;
  const lock = "or commit a packages.lock.json (<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>)";
  return unresolved
    ? `define the property with a literal version in the project, Directory.Build.props or Directory.Packages.props, ${lock}`
    : `pin it: Version="<the version you test with>" (NuGet installs a plain version as written; [x.y.z] is exact), ${lock}`;
}

/** A direct reference that cannot change: a VCS URL at a full commit id, or an archive URL with its hash (pip's repeatable installs). */
function pinnedReference(spec: string): boolean {
  if (!spec.startsWith("@")) return false;
  const url = spec.slice(1).trim();
  return /^[a-z]+\+[^\s#]{1,2000}@[0-9a-f]{40}(?:[0-9a-f]{24})?(?:#|$)/i.test(url) || /#(?:[^\s]{0,200}&)?sha(?:256|384|512)=[0-9a-f]{64,128}\b/i.test(url);
}
