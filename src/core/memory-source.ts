import { ParseFailure, type FileEntry, type FileSource, type TextFile } from "./files.js";
import { InventoryIndex } from "./inventory-index.js";
import { makeTextFile } from "./text-file.js";

/**
 * A FileSource over files held in memory (the contents of an archive found in the checkout):
 * the same look-ups and cached parses as the workspace, and malformed input read as undefined,
 * as the workspace does, so callers handle both alike.
 */
export function memorySource(files: ReadonlyMap<string, Uint8Array>): FileSource & { readBytes(path: string, limit?: number): Promise<Uint8Array | undefined> } {
  const entries: FileEntry[] = [...files.keys()].sort().map((path) => ({ path, kind: "file", executable: false }));
  const texts = new Map<string, TextFile>();
  const parsed = new Map<string, unknown>();
  const text = (p: string): TextFile | undefined => {
    let t = texts.get(p);
    const bytes = files.get(p);
    if (!t && bytes) texts.set(p, (t = makeTextFile(p, bytes)));
    return t;
  };
  return {
    files: entries,
    index: new InventoryIndex(entries),
    has: (p) => files.has(p),
    readBytes: async (p, limit) => files.get(p)?.subarray(0, limit),
    readText: async (p) => text(p),
    parse: async (p, parser) => {
      const key = `${parser.id}\u0000${p}`;
      if (!parsed.has(key)) {
        const t = text(p);
        let v: unknown;
        try {
          v = t ? parser.parse(t, parser.base ? parser.base.parse(t) : undefined) : undefined;
        } catch (e) {
          if (!(e instanceof ParseFailure)) throw e;
        }
        parsed.set(key, v);
      }
      return parsed.get(key) as never;
    },
  };
}
