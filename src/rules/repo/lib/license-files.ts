import { declaredLicence, type DeclaredLicence } from "./license-manifest.js";
import { isSpdxId, recogniseLicence } from "./license-text.js";
import type { FileEntry, RuleContext } from "../../types.js";
import { filesToJudge } from "../../../core/link-out.js";

/** The licence files of the repository, where Scorecard and the forges look for them. */
export interface LicenceFiles {
  /** Licence-named files in the root (LICENSE, COPYING.md, LICENSE-MIT…). */
  root: FileEntry[];
  /** REUSE's LICENSES/ folder. */
  reuse: FileEntry[];
  /** A root folder named like a licence file holding the licence (matplotlib's LICENSE/LICENSE). */
  inFolder: FileEntry[];
  /** The first REUSE file named after an SPDX identifier, when there is one. */
  spdxNamed: FileEntry | undefined;
  declared: DeclaredLicence | undefined;
}

/** Finds the licence files (links inside the checkout are read through; a link out makes the rule incomplete). */
export async function licenceFiles(ctx: RuleContext): Promise<LicenceFiles> {
  const root = ctx.files.filter((f) => f.kind !== "submodule" && !f.path.includes("/") && isLicenceFileName(f.path));
  // REUSE trees often link LICENSES/ files.
  const reuse = await filesToJudge(ctx, (p) => /^LICENSES\/[^/]{1,200}$/.test(p));
  const inFolder = await filesToJudge(ctx, (p) => LICENCE_IN_FOLDER.test(p));
  // REUSE: each file in LICENSES/ is named after its SPDX identifier.
  const spdxNamed = reuse.find((f) => isSpdxId(f.path.slice("LICENSES/".length).replace(/\.(txt|md)$/i, "")));
  return { root, reuse, inFolder, spdxNamed, declared: await declaredLicence(ctx) };
}

/** What the licence files' texts say: the first recognised licence, else the files read as unrecognised text or not text at all. */
export interface LicenceTexts {
  recognised: { path: string; spdx: string } | undefined;
  unrecognisedText: FileEntry[];
  /** Regular files that are not text (binary, too large). */
  notText: FileEntry[];
}

/** Reads the licence files until one is recognised. `optional`: an unreadable file is some other rule's to report. */
export async function readLicences(ctx: RuleContext, files: LicenceFiles, optional: boolean): Promise<LicenceTexts> {
  const out: LicenceTexts = { recognised: undefined, unrecognisedText: [], notText: [] };
  for (const f of [...files.root, ...files.reuse, ...files.inFolder]) {
    const text = await ctx.readText(f.path, { optional });
    const spdx = text ? recogniseLicence(text.text) : undefined;
    if (spdx !== undefined) {
      out.recognised = { path: f.path, spdx };
      return out;
    }
    if (text) out.unrecognisedText.push(f);
    else if (f.kind === "file") out.notText.push(f);
  }
  return out;
}

/** A licence file in a root folder named like one (`LICENSE/LICENSE`, `licence/COPYING.txt`). */
const LICENCE_IN_FOLDER = /^(?:licen[cs]e|copying)\/(?:licen[cs]e|copying)(?:\.[A-Za-z]{1,8})?$/i;

/** Extensions of files that are code or data about licences, not licence texts (license.go, LICENSE.json). */
const NOT_TEXT = /\.(js|mjs|cjs|ts|tsx|jsx|go|py|rb|java|kt|rs|c|h|cc|cpp|hpp|cs|php|swift|json|ya?ml|toml|xml|gemspec|sh|ps1|lock|css|scss|vue|svelte|sql|csv|png|jpe?g|gif|svg)$/i;
/**
 * The suffix may hold underscores as well as hyphens and dots (Boost's LICENSE_1_0.txt): Scorecard's
 * checkLicense (checks/raw/license.go) takes any name that goes on after the match with `.`, `_` or `-`.
 */
const LICENCE_FIRST = /^(?:(?:un)?licen[cs]es?|copying|copyright)(?:[-_.][\w.+-]{1,60})?$/i;
const LICENCE_LAST = /^[A-Za-z0-9.+-]{1,40}[-_](?:licen[cs]es?|copying)(?:[-_.][\w.+-]{1,60})?$/i;

/**
 * The licences of the project's dependencies (THIRD-PARTY-LICENSES, LICENSE-3rdparty.csv,
 * vendor-licenses.txt): they say what others' code may be used under, not the project's own
 * licence, which neither Scorecard's file-name pattern nor GitHub's licence detection takes them for.
 */
const THIRD_PARTY = /(?:^|[-_.])(?:third[-_.]?party|3rd[-_.]?party|vendor(?:ed)?|dependencies|deps|bundled)(?:[-_.]|$)/i;

/** LICENSE, LICENCE.md, LICENSES.txt, COPYING, UNLICENSE, LICENSE-MIT, MIT-LICENSE.txt, COPYING.LESSER... */
function isLicenceFileName(name: string): boolean {
  return (LICENCE_FIRST.test(name) || LICENCE_LAST.test(name)) && !NOT_TEXT.test(name) && !THIRD_PARTY.test(name);
}
