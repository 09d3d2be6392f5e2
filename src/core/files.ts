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

/** A pure parser; the workspace caches its result per file, so each file is parsed once. */
export interface Parser<T> {
  /** Cache key: one value per parser and format. */
  id: string;
  /** Parses text, throwing ParseFailure on malformed input. */
  parse(file: TextFile): T;
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
}
