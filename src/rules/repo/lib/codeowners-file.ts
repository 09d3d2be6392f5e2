import type { RuleContext } from "../../types.js";

/** Where forges read CODEOWNERS, in GitHub's order of precedence, then GitLab's extra location. */
export const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"] as const;

/** The CODEOWNERS file in effect (the first found where forges look), or undefined. */
export function findCodeowners(ctx: RuleContext): string | undefined {
  return CODEOWNERS_LOCATIONS.find((p) => ctx.has(p));
}

/**
 * Kubernetes-style OWNERS files (Prow's approvers and reviewers) at the root: code ownership that
 * a bot enforces instead of the forge. Returns the path when one is there.
 */
export function findOwnersFile(ctx: RuleContext): string | undefined {
  return ctx.has("OWNERS") ? "OWNERS" : undefined;
}

/** Files at a CODEOWNERS location whose name differs only in case (`codeowners`); forges ignore them. */
export function misnamedCodeowners(ctx: RuleContext): string[] {
  const wanted = new Set(CODEOWNERS_LOCATIONS.map((p) => p.toLowerCase()));
  return ctx.files.filter((f) => wanted.has(f.path.toLowerCase()) && !(CODEOWNERS_LOCATIONS as readonly string[]).includes(f.path)).map((f) => f.path);
}

/**
 * CODEOWNERS files (any case) kept where no forge reads them (`.github/workflows/CODEOWNERS`, as
 * Sinatra has it), vendored code left out; at most three.
 */
export function misplacedCodeowners(ctx: RuleContext): string[] {
  const read = new Set(CODEOWNERS_LOCATIONS.map((p) => p.toLowerCase()));
  return ctx.files
    .filter((f) => f.kind === "file" && /(?:^|\/)codeowners$/i.test(f.path) && !read.has(f.path.toLowerCase()) && !/(?:^|\/)(?:node_modules|vendor|third_party|testdata|fixtures)\//.test(f.path))
    .slice(0, 3)
    .map((f) => f.path);
}

/** A whitespace-separated word of a line, with its 1-based column and backslash escapes resolved. */
export interface Token {
  raw: string;
  text: string;
  column: number;
}

/** One rule line: a path pattern and the owners it assigns (none un-assigns ownership). */
export interface CodeownersEntry {
  line: number;
  pattern: Token;
  owners: Token[];
  /** True inside a GitLab section that names default owners, which entries without owners inherit. */
  sectionHasOwners: boolean;
}

/** A GitLab section header: `[Name]`, `^[Optional]`, `[Name][2]`, with optional default owners. */
export interface CodeownersSection {
  line: number;
  name: string;
  owners: Token[];
}

export interface Codeowners {
  entries: CodeownersEntry[];
  sections: CodeownersSection[];
}

const SECTION = /^\^?\[([^\]\r\n]{1,500})\](?:\[\d{1,4}\])?(?=\s|$)/;

/** Parses CODEOWNERS (GitHub and GitLab syntax). Never throws; unknown lines become entries. */
export function parseCodeowners(text: string): Codeowners {
  const entries: CodeownersEntry[] = [];
  const sections: CodeownersSection[] = [];
  let sectionHasOwners = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    const start = line.length - line.trimStart().length;
    const rest = line.slice(start);
    if (rest.length === 0 || rest.startsWith("#")) continue;
    const section = SECTION.exec(rest);
    if (section) {
      const owners = tokens(line, start + section[0].length);
      sections.push({ line: i + 1, name: (section[1] as string).trim(), owners });
      sectionHasOwners = owners.length > 0;
      continue;
    }
    const words = tokens(line, start);
    const [pattern, ...owners] = words;
    if (pattern) entries.push({ line: i + 1, pattern, owners, sectionHasOwners });
  }
  return { entries, sections };
}

/** Splits a line into tokens from `from`, honouring `\` escapes; an unescaped `#` word ends the line. */
function tokens(line: string, from: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < line.length) {
    while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
    if (i >= line.length) break;
    if (line[i] === "#") break;
    const begin = i;
    let text = "";
    while (i < line.length && line[i] !== " " && line[i] !== "\t") {
      if (line[i] === "\\" && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else {
        text += line[i];
        i++;
      }
    }
    out.push({ raw: line.slice(begin, i), text, column: begin + 1 });
  }
  return out;
}

const USER = /^@[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;
const TEAM = /^@[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}){1,20}$/;
const GITLAB_ROLE = /^@@(developers?|maintainers?|owners?)$/i;
const EMAIL = /^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}$/;

/** True for `@user`, `@org/team` (GitLab: `@group/subgroup`, `@@role`) or an email address. */
export function isValidOwner(owner: string): boolean {
  if (owner.length > 600) return false;
  return USER.test(owner) || TEAM.test(owner) || GITLAB_ROLE.test(owner) || EMAIL.test(owner);
}
