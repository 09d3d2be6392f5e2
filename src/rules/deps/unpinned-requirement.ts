import { findLockfiles } from "../../ecosystems/lockfiles.js";
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
      "Pin every requirement to an exact version (`requests==2.32.3`), ideally with hashes (`pip-compile --generate-hashes`, `uv pip compile`), or move to a lockfile (poetry.lock, uv.lock, pdm.lock) and keep loose ranges only in the manifest.",
    references: [
      { title: "pip: repeatable installs", url: "https://pip.pypa.io/en/stable/topics/repeatable-installs/" },
      { title: "OpenSSF Scorecard: Pinned-Dependencies", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const lockfiles = await findLockfiles(ctx);
    const unpinned = lockfiles.flatMap((l) => l.unpinned.map((u) => ({ lockfile: l, u })));
    if (lockfiles.length === 0) return ctx.notApplicable("no lockfile or requirements file in the checkout");
    for (const { lockfile, u } of unpinned) {
      const path = u.path ?? lockfile.path;
      ctx.report({
        message: `${u.name}${u.spec ? ` ${u.spec}` : ""} in ${path} pins no version${u.spec ? "" : " at all"}: what gets installed changes from day to day, and advisories cannot be matched against it`,
        locations: [{ path, startLine: u.line }],
        key: `${lockfile.ecosystem}:${u.name}`,
        evidence: { ecosystem: lockfile.ecosystem, package: u.name, spec: u.spec },
        fix: `pin it: ${u.name}==<the version you test with>`,
      });
    }
  },
};
