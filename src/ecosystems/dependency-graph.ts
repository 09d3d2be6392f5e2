import type { LockedPackage } from "./packages.js";

interface GraphNode {
  pkg: LockedPackage;
  deps: string[];
}

/** What the graph may decide for the packages: formats that record dev or direct themselves keep theirs. */
export interface GraphOptions {
  /** Set `dev` from reachability (only through dev roots means dev). Default true. */
  dev?: boolean;
  /** Set `direct` from the roots. Default true. */
  direct?: boolean;
}

/**
 * The dependency graph a lockfile records: nodes (a package installed at one place), edges, and
 * the project's own requirements as roots. From it: which packages are direct, which are needed
 * only for development (reached only through dev roots), and the shortest path to each.
 * Several nodes may stand for one package (npm installs one version at several places).
 */
export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly roots: { key: string; dev: boolean }[] = [];

  /** Adds a node for `pkg` under `key` (the first one wins). */
  node(key: string, pkg: LockedPackage): void {
    if (!this.nodes.has(key)) this.nodes.set(key, { pkg, deps: [] });
  }

  has(key: string): boolean {
    return this.nodes.has(key);
  }

  /** An edge from `from` to `to` (ignored until both exist when applied). */
  edge(from: string, to: string): void {
    this.nodes.get(from)?.deps.push(to);
  }

  /** A requirement of the project itself. */
  root(key: string, dev: boolean): void {
    this.roots.push({ key, dev });
  }

  /** Sets `direct`, `dev` and `path` on the packages; linear in nodes and edges. */
  apply(options: GraphOptions = {}): void {
    const setDev = options.dev ?? true;
    const setDirect = options.direct ?? true;
    const live = this.roots.filter((r) => this.nodes.has(r.key));
    if (live.length === 0) return;
    const prod = this.reach(live.filter((r) => !r.dev).map((r) => r.key));
    const dev = this.reach(live.filter((r) => r.dev).map((r) => r.key));
    // Production paths first: a package needed in production is best explained by how it gets there.
    const parent = this.shortestParents(live.filter((r) => !r.dev).map((r) => r.key), new Map());
    this.shortestParents(live.filter((r) => r.dev).map((r) => r.key), parent);
    const best = new Map<LockedPackage, string[]>();
    const rootKeys = new Set(live.map((r) => r.key));
    const byPkg = new Map<LockedPackage, { prod: boolean; dev: boolean; direct: boolean }>();
    for (const [key, n] of this.nodes) {
      const seen = byPkg.get(n.pkg) ?? { prod: false, dev: false, direct: false };
      seen.prod ||= prod.has(key);
      seen.dev ||= dev.has(key);
      seen.direct ||= rootKeys.has(key);
      byPkg.set(n.pkg, seen);
      if (!parent.has(key)) continue;
      const path = this.pathTo(key, parent);
      const prev = best.get(n.pkg);
      if (!prev || path.length < prev.length) best.set(n.pkg, path);
    }
    for (const [pkg, seen] of byPkg) {
      if (setDirect) pkg.direct = seen.direct;
      if (setDev && (seen.prod || seen.dev)) pkg.dev = !seen.prod;
      const path = best.get(pkg);
      if (path) pkg.path = path;
    }
  }

  private reach(starts: string[]): Set<string> {
    const seen = new Set<string>(starts);
    const queue = [...starts];
    for (let i = 0; i < queue.length; i++) {
      for (const d of this.nodes.get(queue[i] as string)?.deps ?? []) {
        if (!seen.has(d) && this.nodes.has(d)) {
          seen.add(d);
          queue.push(d);
        }
      }
    }
    return seen;
  }

  /** Breadth-first from every root at once: each node's parent on a shortest path ("" for a root); nodes already in `parent` keep theirs. */
  private shortestParents(starts: string[], parent: Map<string, string>): Map<string, string> {
    const queue: string[] = [];
    for (const s of starts) {
      if (!parent.has(s)) {
        parent.set(s, "");
        queue.push(s);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const k = queue[i] as string;
      for (const d of this.nodes.get(k)?.deps ?? []) {
        if (!parent.has(d) && this.nodes.has(d)) {
          parent.set(d, k);
          queue.push(d);
        }
      }
    }
    return parent;
  }

  private pathTo(key: string, parent: Map<string, string>): string[] {
    const out: string[] = [];
    // Bounded by the node count: parents form a tree, so the walk ends at a root.
    for (let k: string | undefined = key, n = 0; k && n <= this.nodes.size; k = parent.get(k), n++) {
      const node = this.nodes.get(k);
      if (node) out.push(`${node.pkg.name}@${node.pkg.version}`);
    }
    return out.reverse();
  }
}
