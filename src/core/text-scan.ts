import type { Unread } from "./files.js";

/**
 * Where a block of bytes sits in its file: the number of its first line, or (for the lines a
 * commit added, which are not contiguous in the file) the file's line number of each line.
 */
export interface TextOrigin {
  /** 1-based line of the block's first line. */
  line: number;
  /** When set: the file's line number for each line of the block, in order. */
  lines?: Int32Array;
  /**
   * Only matches that start in the first `own` bytes belong to this block; the rest is overlap
   * with the next block of a large file, scanned so a match across the boundary is not cut.
   */
  own?: number;
  /**
   * The file is minified or bundled and the policy leaves such files out: a scanner looks only for
   * what is unmistakable there (for secrets, tokens recognised by a fixed prefix and database URLs
   * with a password to a real host), not for everything it would in a file people write.
   */
  unmistakableOnly?: boolean;
}

/**
 * A pure text scanner the engine can run on every text file of the checkout, in parallel on
 * worker threads: bytes in, matches out. Matches must be plain data (they cross threads) and
 * carry their own positions. Register it by `id` so worker threads can find it (see
 * docs/writing-rules.md, "Scanning every file").
 */
export interface TextScanner<M> {
  /** Registered name: worker threads look the scanner up by it. */
  id: string;
  /** Builds the scanning function, once per thread. */
  create(): TextScanFunction<M>;
}

/** A thread's scanning function: bytes in, matches out. */
export interface TextScanFunction<M> {
  (bytes: Uint8Array, path: string, origin: TextOrigin): M[];
  /**
   * Whether the bytes of its last call held `marker` (in any case), for a scanner that watches for
   * it anyway on its way through them; undefined when it cannot tell, and the caller searches.
   */
  sawMarker?: (marker: string) => boolean | undefined;
}

/** What to scan. The scan is shared: every rule asking for the same scanner gets the same result. */
export interface TextScanRequest<M> {
  scanner: TextScanner<M>;
}

/** Files a text scan left out, by reason, for the report. */
export interface TextScanSkipped {
  /** A NUL byte in the first 8,000 bytes, or a binary file type (images, archives, models). */
  binary: number;
  /** node_modules/, vendor/, third_party/… (settings may include them). */
  vendored: number;
  /** Minified or bundled files (settings may include them). */
  minified: number;
  /** Symbolic links: their target is scanned where it lives, if in the checkout. */
  symlinks: number;
  /** Submodules: another repository. */
  submodules: number;
}

/** The result of scanning every text file. */
export interface TextScanReport<M> {
  /** Files with at least one match, in path order. */
  files: { path: string; matches: M[] }[];
  /** Files and bytes scanned. */
  scanned: number;
  bytes: number;
  skipped: TextScanSkipped;
  /** Files that should have been scanned but could not be read: a rule's verdict cannot be a pass. */
  unread: Unread[];
}

/** One file of one commit in which the scanner matched the added lines. */
export interface HistoryScanHit<M> {
  commit: string;
  authorDate: string;
  path: string;
  matches: M[];
}

/** What to scan in history: the lines every commit added, on every ref (or after `since`). */
export interface HistoryScanRequest<M> {
  scanner: TextScanner<M>;
  /** Only commits not reachable from this revision. */
  since?: string;
  /** Only commits reachable from HEAD (pull-request mode: the change's own commits), not every ref's. */
  headOnly?: boolean;
}

/** The result of scanning history; only matches are kept, never the patches. */
export interface HistoryScanReport<M> {
  hits: HistoryScanHit<M>[];
  commits: number;
  /** Bytes of added lines scanned. */
  bytes: number;
  /** Why the history could not be scanned completely (git failed, too many matches), if it could not. */
  incomplete?: string;
}

/** The parallel scanning capability rules reach through their context. */
export interface TextScanService {
  /** Scans every text file of the inventory (or, in diff mode, every changed one). Shared and cached. */
  scan<M>(request: TextScanRequest<M>): Promise<TextScanReport<M>>;
  /** Scans the lines every commit added, streamed from git. Shared and cached. */
  scanHistory<M>(request: HistoryScanRequest<M>): Promise<HistoryScanReport<M>>;
}
