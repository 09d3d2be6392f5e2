import { validSpdxExpression } from "./license-text.js";
import type { RuleContext } from "../types.js";

/** A licence a package manifest declares as a valid SPDX expression. */
export interface DeclaredLicence {
  expression: string;
  /** The manifest that declares it. */
  source: string;
}

/**
 * The licence declared by the root package manifest (package.json `license`, Cargo.toml
 * `[package]`/`[workspace.package]` `license`, pyproject.toml `[project]`/`[tool.poetry]`
 * `license`), when it is a valid SPDX expression. Only corroboration: the text must still ship.
 */
export async function declaredLicence(ctx: RuleContext): Promise<DeclaredLicence | undefined> {
  for (const [source, read] of READERS) {
    if (!ctx.has(source)) continue;
    const file = await ctx.readText(source);
    if (!file) continue;
    const expr = read(file.text);
    const valid = expr === undefined ? undefined : validSpdxExpression(expr.trim());
    if (valid) return { expression: valid, source };
  }
  return undefined;
}

const READERS: readonly [string, (text: string) => string | undefined][] = [
  ["package.json", fromPackageJson],
  ["Cargo.toml", (t) => fromToml(t, ["package", "workspace.package"])],
  ["pyproject.toml", (t) => fromToml(t, ["project", "tool.poetry"])],
];

function fromPackageJson(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const { license, licenses } = json as { license?: unknown; licenses?: unknown };
  if (typeof license === "string") return license;
  const type = (l: unknown): string | undefined => (typeof l === "object" && l !== null && typeof (l as { type?: unknown }).type === "string" ? (l as { type: string }).type : undefined);
  if (type(license)) return type(license);
  if (Array.isArray(licenses)) {
    const ids = licenses.map(type).filter((t): t is string => t !== undefined);
    if (ids.length > 0) return ids.length === 1 ? ids[0] : `(${ids.join(" OR ")})`;
  }
  return undefined;
}

const TABLE = /^[ \t]{0,20}\[[ \t]{0,20}([A-Za-z0-9_.-]{1,100})[ \t]{0,20}\][ \t]{0,20}(#.{0,1000})?$/;
const STRING_VALUE = /^[ \t]{0,20}license[ \t]{0,20}=[ \t]{0,20}(?:"([^"\r\n]{1,300})"|'([^'\r\n]{1,300})')/;
const INLINE_TEXT = /^[ \t]{0,20}license[ \t]{0,20}=[ \t]{0,20}\{[^}\r\n]{0,300}?\btext[ \t]{0,20}=[ \t]{0,20}(?:"([^"\r\n]{1,300})"|'([^'\r\n]{1,300})')/;

/** `license = "..."` (or `license = { text = "..." }`) in one of the named TOML tables. */
function fromToml(text: string, tables: readonly string[]): string | undefined {
  let current = "";
  for (const line of text.split("\n")) {
    const t = TABLE.exec(line);
    if (t) {
      current = t[1] as string;
      continue;
    }
    if (!tables.includes(current)) continue;
    const m = STRING_VALUE.exec(line) ?? INLINE_TEXT.exec(line);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}
