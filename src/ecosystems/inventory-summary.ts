import type { InventorySummary } from "../core/assessment.js";
import type { FileSource } from "../core/files.js";
import { nextTurn } from "../core/next-turn.js";
import { languageOf } from "./languages.js";
import { byEcosystem, findManifests, ignoredManifestPath } from "./manifests.js";

/** Folders whose files are not the project's own source (tests and docs are the project's, but not what it ships). */
const NOT_SHIPPED = /(?:^|\/)(?:test|tests|testdata|__tests__|spec|docs?|examples?|fixtures|__fixtures__|benchmarks?)\//i;

/** Files looked at between two turns of the event loop. */
const YIELD_EVERY = 4096;

/** Languages by source-file count and the package ecosystems of the project's manifests. */
export async function summariseInventory(src: FileSource): Promise<InventorySummary> {
  const counts = new Map<string, number>();
  let n = 0;
  for (const f of src.files) {
    // It runs while the text scan's threads work: the main thread stops now and then to hand them their next files.
    if (++n % YIELD_EVERY === 0) await nextTurn();
    if (f.kind !== "file") continue;
    // The name first: it is cheaper than the folder tests and most files have no language.
    const lang = languageOf(f.path);
    if (lang && !ignoredManifestPath(f.path) && !NOT_SHIPPED.test(f.path)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const languages = [...counts].map(([name, files]) => ({ name, files })).sort((a, b) => b.files - a.files || (a.name < b.name ? -1 : 1));
  // Lockfiles no update tool covers (an Xcode project's Package.resolved) still show an ecosystem in use.
  const manifests = await findManifests(src, { lockfileOnly: true, yieldEvery: 64 });
  const grouped = byEcosystem(manifests);
  return { languages, ecosystems: [...grouped.keys()], manifests: manifests.map((m) => ({ ecosystem: m.ecosystem, path: m.path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
