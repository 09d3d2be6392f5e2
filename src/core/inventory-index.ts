import type { FileEntry, InventoryLookup } from "./files.js";

/**
 * The inventory indexed once, by base name (exact and lower-cased), extension and folder, so rules
 * look files up instead of each filtering every path of a 50,000-file tree.
 */
export class InventoryIndex implements InventoryLookup {
  private byName: Map<string, FileEntry[]> | undefined;
  private byLowerName: Map<string, FileEntry[]> | undefined;
  private byExtension: Map<string, FileEntry[]> | undefined;
  private byFolder: Map<string, FileEntry[]> | undefined;

  constructor(private readonly files: readonly FileEntry[]) {}

  /** Entries whose base name is exactly `name` (`package.json`), in path order. */
  named(name: string): readonly FileEntry[] {
    this.byName ??= group(this.files, (f) => baseName(f.path));
    return this.byName.get(name) ?? [];
  }

  /** Entries whose base name is `name` in any letter case (`dockerfile` finds `Dockerfile`). */
  namedIgnoreCase(name: string): readonly FileEntry[] {
    this.byLowerName ??= group(this.files, (f) => baseName(f.path).toLowerCase());
    return this.byLowerName.get(name.toLowerCase()) ?? [];
  }

  /** Entries whose last extension is `ext` (lower case, no dot: `yml`, `lock`). */
  withExtension(ext: string): readonly FileEntry[] {
    this.byExtension ??= group(this.files, (f) => extension(f.path));
    return this.byExtension.get(ext.toLowerCase()) ?? [];
  }

  /** Entries directly in folder `dir` ("" for the root), not in its subfolders. */
  inFolder(dir: string): readonly FileEntry[] {
    this.byFolder ??= group(this.files, (f) => folder(f.path));
    return this.byFolder.get(dir.replace(/\/+$/, "")) ?? [];
  }
}

function group(files: readonly FileEntry[], key: (f: FileEntry) => string): Map<string, FileEntry[]> {
  const out = new Map<string, FileEntry[]>();
  for (const f of files) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function folder(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function extension(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}
