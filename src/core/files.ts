/** One entry of the workspace inventory; paths are POSIX, relative to the root. */
export interface FileEntry {
  path: string;
  kind: "file" | "symlink" | "submodule";
  /** The executable bit, where the inventory knows it. */
  executable: boolean;
}

/** A text file read through the workspace: decoded once, shared by every rule. */
export interface TextFile {
  path: string;
  text: string;
  /** Size in bytes on disk. */
  size: number;
  /** True when the bytes were not valid UTF-8 and were decoded with replacement characters. */
  lossy: boolean;
  /** 1-based line and column of a UTF-16 offset into `text`. */
  positionAt(offset: number): { line: number; column: number };
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string;
}

/** Raised by a parser for malformed input; line and column are 1-based. */
export class ParseFailure extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = "ParseFailure";
    this.line = line;
    this.column = column;
  }
}

/**
 * A pure parser; the workspace caches its result per file, so each file is parsed once. A parser
 * may build on another (`base`): the workflow model is built from the YAML parse, which other
 * rules share, and gets that parse as its second argument.
 */
export interface Parser<T> {
  /** Cache key: one value per parser and format. */
  id: string;
  base?: Parser<unknown>;
  /** Parses text (or builds on the base parser's result), throwing ParseFailure on malformed input. */
  parse(file: TextFile, base?: unknown): T;
  /**
   * Parts of a file that parsed but did not all parse (a multi-document YAML file's bad documents):
   * each is recorded as a parse-error diagnostic once, like a file that fails whole.
   */
  problems?(value: T): readonly ParseProblem[];
}

/** A part of a file that did not parse, with its position. */
export interface ParseProblem {
  message: string;
  line?: number;
  column?: number;
}

/** Declares a parser built on another one's result, typed on both ends. */
export function derivedParser<B, T>(id: string, base: Parser<B>, build: (base: B, file: TextFile) => T): Parser<T> {
  return { id, base: base as Parser<unknown>, parse: (file, b) => build(b as B, file) };
}

/** How a read may treat a file it cannot get. */
export interface ReadOptions {
  /**
   * The rule can reach its verdict without this file (a best-effort search through many files).
   * By default a file a rule asked for but could not read or parse makes its result incomplete:
   * evidence that cannot be read never lets a check pass.
   */
  optional?: boolean;
}

/** Why a file a rule asked for gave nothing, with where, when the problem has a position. */
export interface Unread {
  path: string;
  /** `too-large`, `symlink-outside`, `symlink-broken`, `unreadable`, `binary`, `parse-error`… */
  reason: string;
  /** A sentence for people: "is a symbolic link out of the checkout". */
  message: string;
  line?: number;
  column?: number;
}

/** The inventory indexed once for every rule. */
export interface InventoryLookup {
  /** Entries whose base name is exactly `name` (`package.json`), in path order. */
  named(name: string): readonly FileEntry[];
  /** Entries whose base name is `name` in any letter case. */
  namedIgnoreCase(name: string): readonly FileEntry[];
  /** Entries whose last extension is `ext` (no dot: `yml`, `lock`). */
  withExtension(ext: string): readonly FileEntry[];
  /** Entries directly in folder `dir` ("" for the root). */
  inFolder(dir: string): readonly FileEntry[];
}

/** What parsers and models need of the checkout: the inventory and cached parses. */
export interface FileSource {
  readonly files: readonly FileEntry[];
  readonly index: InventoryLookup;
  /** The checkout's version-control facts, where the caller has them (a rule's context does). */
  readonly repository?: RepositoryInfo;
  has(path: string): boolean;
  readText(path: string, options?: ReadOptions): Promise<TextFile | undefined>;
  parse<T>(path: string, parser: Parser<T>, options?: ReadOptions): Promise<T | undefined>;
}

/** One line added by a commit. */
export interface AddedLine {
  line: number;
  text: string;
}

/** A file changed by one commit, with the lines it added. */
export interface HistoryFile {
  path: string;
  added: AddedLine[];
}

/** One commit of `git log -p`, streamed. */
export interface HistoryCommit {
  commit: string;
  authorDate: string;
  /** When the commit landed (differs from the author date after a rebase or cherry-pick). */
  commitDate: string;
  files: HistoryFile[];
}

/** Options for the history stream. */
export interface HistoryOptions {
  /** Only commits after this revision (exclusive). */
  since?: string;
  /** Only commits authored at or after this instant. */
  after?: Date;
  /** Only these paths (pathspecs). */
  paths?: string[];
  /** Read the added lines (the default); false streams commits alone, which is much cheaper. */
  patches?: boolean;
  /** Every commit reachable from any ref (branches, tags, remotes), not only HEAD's first parents. */
  allRefs?: boolean;
  /** Every commit reachable from HEAD, through merges too (a pull request's commits, with `since` its base). */
  headOnly?: boolean;
  /** Only commits whose committer (`Name <email>`) contains this text, taken literally (not a pattern). */
  committer?: string;
}

/** What the checkout's version control says about it. */
export interface RepositoryInfo {
  vcs: "git" | "none";
  /** The commit checked out, or null outside git and before the first commit. */
  head: string | null;
  /** A shallow clone (CI's usual `fetch-depth: 1`): the history is incomplete. */
  shallow: boolean;
  /** The `origin` remote's URL, when there is one. */
  remote: string | null;
  /**
   * Why a checkout that is a git repository was walked as a plain folder (`vcs` is "none"): git is
   * not installed. Its history exists but cannot be read, which is no reason to call a check about it
   * not applicable.
   */
  historyUnreadable?: string;
}
