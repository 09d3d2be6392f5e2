import { DEFAULT_SCHEMA, FAILSAFE_SCHEMA, load, Type, YAMLException } from "js-yaml";
import { ParseFailure } from "../../core/files.js";
import { lineIndex } from "../../core/line-index.js";
import { loadBlockYamlData } from "./yaml-fast-data.js";

// The one set of bounds every YAML reader of assay applies before and after parsing, whichever
// library parses: the position-keeping document model (yaml.ts), plain data (lockfiles, Kubernetes
// and compose streams, Helm values and `fromYaml`). The scanned repository is hostile: a file must
// not exhaust the parser's stack (nesting), its time (size) or the work of whoever walks the result
// (aliases that expand exponentially, thousands of documents).

/** Nesting levels (block and flow together) a document may have; both libraries recurse per level. */
export const MAX_YAML_DEPTH = 256;
/** Size the position-keeping model parses: its time grows with size, and configuration files are far smaller. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Size a data load parses (machine-written lockfiles, rendered manifests): the workspace's read cap. */
export const MAX_YAML_DATA_BYTES = 8 * 1024 * 1024;
/**
 * Nodes aliases may add to a document once followed (an alias bomb expands exponentially). Honest
 * reuse is far below: one anchored step used by 150 jobs adds a few thousand nodes.
 */
export const MAX_EXPANDED_NODES = 1_000_000;
/** Documents a `---` stream may hold; the rest are not parsed. */
export const MAX_YAML_DOCUMENTS = 10_000;

/**
 * Refuses text longer than `maxBytes` or nested deeper than MAX_YAML_DEPTH, before any parser
 * recurses into it, with the position where the bound is crossed. Block levels are counted from
 * indentation (a stack of indentation columns, `- `, `? ` and `: ` indicators opening one level
 * each) and flow levels from brackets, even inside strings: stricter on absurd input only. Linear.
 */
export function checkYamlText(text: string, maxBytes: number = MAX_YAML_BYTES): void {
  if (text.length > maxBytes) throw new ParseFailure(`larger than ${maxBytes / 1024 / 1024} MiB; not parsed`, 1, 1);
  const columns: number[] = [];
  let flow = 0;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    line++;
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = text.length;
    let i = start;
    while (i < nl && text.charCodeAt(i) === 32) i++;
    const first = text.charCodeAt(i);
    if (i < nl && first !== 35 && first !== 13) {
      const column = i - start;
      while (columns.length > 0 && (columns[columns.length - 1] as number) >= column) columns.pop();
      columns.push(column);
      // `- - - x` nests on one line: each indicator opens a level at the column after it.
      while (i + 1 < nl && isIndicator(text.charCodeAt(i)) && text.charCodeAt(i + 1) === 32) {
        i += 2;
        while (i < nl && text.charCodeAt(i) === 32) i++;
        columns.push(i - start);
        if (columns.length + flow > MAX_YAML_DEPTH) break;
      }
      if (columns.length + flow > MAX_YAML_DEPTH) throw new ParseFailure(`nested more than ${MAX_YAML_DEPTH} levels; not parsed`, line, i - start + 1);
      for (; i < nl; i++) {
        const c = text.charCodeAt(i);
        if (c === 91 || c === 123) {
          if (columns.length + ++flow > MAX_YAML_DEPTH) throw new ParseFailure(`nested more than ${MAX_YAML_DEPTH} levels; not parsed`, line, i - start + 1);
        } else if ((c === 93 || c === 125) && flow > 0) flow--;
      }
    }
    start = nl + 1;
  }
}

function isIndicator(c: number): boolean {
  return c === 45 || c === 63 || c === 58;
}

/**
 * Refuses plain data whose shared references (aliases) would expand past MAX_EXPANDED_NODES more
 * nodes than the data holds. Counted as if every reference were a copy, memoised per object so the
 * count is linear; the position is the first alias in the text.
 */
export function checkExpansion(value: unknown, text: string): void {
  if (typeof value !== "object" || value === null || !hasAlias(text)) return;
  const memo = new Map<object, number>();
  let distinct = 0;
  const size = (v: unknown): number => {
    if (typeof v !== "object" || v === null) {
      distinct++;
      return 1;
    }
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, 1);
    distinct++;
    let n = 1;
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      n += size(x);
      if (n - distinct > MAX_EXPANDED_NODES) break;
    }
    memo.set(v, n);
    return n;
  };
  if (size(value) - distinct > MAX_EXPANDED_NODES) throw aliasBomb(text);
}

/** The failure for an alias bomb, placed at the first alias of the text. */
export function aliasBomb(text: string, at?: { line: number; column: number }): ParseFailure {
  const p = at ?? firstAlias(text);
  return new ParseFailure(`aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString("en")} nodes (an alias bomb); not parsed`, p.line, p.column);
}

/** A cheap gate: text without `*name` holds no alias, and its data is exactly its nodes. */
function hasAlias(text: string): boolean {
  return /(?:^|[\s,[{:-])\*[^\s,[\]{}]/.test(text);
}

function firstAlias(text: string): { line: number; column: number } {
  const m = /(?:^|[\s,[{:-])\*[^\s,[\]{}]/.exec(text);
  if (!m) return { line: 1, column: 1 };
  const offset = m.index + m[0].length - 2;
  return lineIndex(text).positionAt(offset);
}

/**
 * How a data load reads scalars: `failsafe` keeps every scalar a string (lockfiles: `1.10` stays
 * `1.10`); `go-yaml` reads plain booleans as Go's YAML v2 does (YAML 1.1: `yes`, `no`, `on`,
 * `off`, `y`, `n`), which is how Helm reads values files and `fromYaml` text through
 * sigs.k8s.io/yaml, so `hostNetwork: no` is false there, not a non-empty (truthy) string.
 */
export type YamlSchema = "failsafe" | "default" | "go-yaml";

/** Plain scalars Go's YAML v2 (YAML 1.1) reads as true, and as false: what Kubernetes and Helm read. */
export const GO_TRUE: ReadonlySet<string> = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]);
export const GO_FALSE: ReadonlySet<string> = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"]);

/** js-yaml's default schema with Go YAML v2's booleans in place of YAML 1.2's (extend replaces the type of the same tag, in place). */
const GO_YAML_SCHEMA = DEFAULT_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      resolve: (s: string | null) => s !== null && (GO_TRUE.has(s) || GO_FALSE.has(s)),
      construct: (s: string) => GO_TRUE.has(s),
      predicate: (v: unknown) => typeof v === "boolean",
      represent: { lowercase: (v: object) => String(v) },
      defaultStyle: "lowercase",
    }),
  ],
});

/**
 * Loads one YAML document as plain values (js-yaml: an order of magnitude faster than the
 * position-keeping model), within every bound: size, nesting, alias expansion. Aliases are shared
 * references, never copies. Any failure is a ParseFailure with a 1-based line and column.
 */
export function loadYamlData(text: string, options: { schema?: YamlSchema; maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? MAX_YAML_DATA_BYTES;
  // The fast path resolves scalars as the default schema does.
  if ((options.schema ?? "default") === "default" && text.length <= maxBytes) {
    // Plain block YAML (most manifests and values files) is read without js-yaml, to the same value.
    const fast = loadBlockYamlData(text, MAX_YAML_DEPTH);
    if (fast) {
      if (!fast.withinBounds) checkYamlText(text, maxBytes);
      return fast.value;
    }
  }
  checkYamlText(text, maxBytes);
  let value: unknown;
  try {
    // maxDepth is js-yaml's own guard (4.3+, not in its types): the same bound as the scan above.
    const schema = options.schema === "failsafe" ? FAILSAFE_SCHEMA : options.schema === "go-yaml" ? GO_YAML_SCHEMA : DEFAULT_SCHEMA;
    const loadOptions = { schema, json: true, maxDepth: MAX_YAML_DEPTH + 1 };
    value = load(text, loadOptions);
  } catch (e) {
    if (e instanceof YAMLException) throw new ParseFailure(yamlReason(e), e.mark ? e.mark.line + 1 : 1, e.mark ? e.mark.column + 1 : 1);
    throw new ParseFailure(`could not be parsed as YAML (${e instanceof RangeError ? "nested too deeply" : "error"})`, 1, 1);
  }
  checkExpansion(value, text);
  return value;
}

function yamlReason(e: YAMLException): string {
  const reason = e.reason || "invalid YAML";
  return reason.replace(/ \(\d+:\d+\)$/, "");
}
