import type { InventorySummary } from "../core/assessment.js";
import type { FileSource } from "../core/files.js";
import { nextTurn } from "../core/next-turn.js";
import { countsTowardsLanguages, languageOf, languageOfShebang, mayHaveShebang, SHEBANG_BYTES } from "./languages.js";
import { byEcosystem, findManifests } from "./manifests.js";

/** Files looked at between two turns of the event loop. */
const YIELD_EVERY = 4096;

/** Scripts without an extension whose `#!` line is read; past this the rest are not counted. */
const MAX_SHEBANG_READS = 4096;

/** `#!` lines read at once. */
const SHEBANG_BATCH = 32;

/** Languages by source-file count and the package ecosystems of the project's manifests. */
export async function summariseInventory(src: FileSource & { readBytes?(path: string, limit?: number): Promise<Uint8Array | undefined> }): Promise<InventorySummary> {
  const counts = new Map<string, number>();
  const add = (lang: string): void => void counts.set(lang, (counts.get(lang) ?? 0) + 1);
  const scripts: string[] = [];
  let n = 0;
  for (const f of src.files) {
    // It runs while the text scan's threads work: the main thread stops now and then to hand them their next files.
    if (++n % YIELD_EVERY === 0) await nextTurn();
    if (f.kind !== "file") continue;
    // The name first: it is cheaper than the folder tests and most files have no language.
    const lang = languageOf(f.path);
    if (lang) {
      if (countsTowardsLanguages(f.path)) add(lang);
    } else if (scripts.length < MAX_SHEBANG_READS && mayHaveShebang(f) && countsTowardsLanguages(f.path)) {
      scripts.push(f.path);
    }
  }
  // Extensionless scripts (pyenv's libexec/pyenv-*) by their `#!` line: a few bytes of each, never run.
  const readBytes = src.readBytes?.bind(src);
  const decoder = new TextDecoder();
  for (let i = 0; readBytes && i < scripts.length; i += SHEBANG_BATCH) {
    const heads = await Promise.all(scripts.slice(i, i + SHEBANG_BATCH).map((p) => readBytes(p, SHEBANG_BYTES)));
    for (const head of heads) {
      const lang = head ? languageOfShebang(decoder.decode(head)) : undefined;
      if (lang) add(lang);
    }
  }
  const languages = [...counts].map(([name, files]) => ({ name, files })).sort((a, b) => b.files - a.files || (a.name < b.name ? -1 : 1));
  // Lockfiles no update tool covers (an Xcode project's Package.resolved) still show an ecosystem in use.
  const manifests = await findManifests(src, { lockfileOnly: true, yieldEvery: 64 });
  const grouped = byEcosystem(manifests);
  return { languages, ecosystems: [...grouped.keys()], manifests: manifests.map((m) => ({ ecosystem: m.ecosystem, path: m.path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
