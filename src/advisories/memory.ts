import type { AdvisoryDatabase, AdvisoryRecord, AdvisoryStatus } from "../core/advisories.js";
import { baseEcosystem, foldedKey } from "./package-key.js";

/** An advisory database held in memory (tests, library callers with their own records). */
export class MemoryAdvisoryDatabase implements AdvisoryDatabase {
  readonly status: AdvisoryStatus;
  private readonly byKey = new Map<string, AdvisoryRecord[]>();

  constructor(records: readonly AdvisoryRecord[], opts: { location?: string; updated?: string } = {}) {
    const counts = new Map<string, { records: number; local: boolean }>();
    for (const r of records) {
      if (r.withdrawn) continue;
      const ecosystems = new Set<string>();
      for (const a of r.affected) {
        const eco = baseEcosystem(a.ecosystem);
        const key = `${eco}\u0000${foldedKey(eco, a.name)}`;
        const list = this.byKey.get(key) ?? [];
        if (!list.includes(r)) list.push(r);
        this.byKey.set(key, list);
        ecosystems.add(eco);
      }
      for (const e of ecosystems) counts.set(`${e}\u0000${r.local}`, { records: (counts.get(`${e}\u0000${r.local}`)?.records ?? 0) + 1, local: r.local });
    }
    this.status = {
      location: opts.location ?? "(memory)",
      ecosystems: [...counts].map(([k, v]) => ({ ecosystem: k.split("\u0000")[0] as string, source: v.local ? "local" : "osv", records: v.records, updated: opts.updated ?? new Date(0).toISOString(), origin: opts.location ?? "(memory)" })),
    };
  }

  lookup(ecosystem: string, name: string): readonly AdvisoryRecord[] {
    return this.byKey.get(`${ecosystem}\u0000${foldedKey(ecosystem, name)}`) ?? [];
  }
}
