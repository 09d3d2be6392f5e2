import { dirOf, joinRelative } from "../../core/checkout-path.js";
import type { MsbuildFile, MsbuildItem } from "./msbuild-file.js";

// A bounded, offline slice of MSBuild's evaluation (https://learn.microsoft.com/visualstudio/msbuild/build-process-overview#evaluation-phase):
// files in import order, properties defined in document order (a later definition wins; items see
// the final values), `$(Name)` expanded from literal definitions only, and imports followed when
// their path is known and inside the checkout. What MSBuild would compute (property functions,
// the SDK's and the environment's properties, item transforms) is never guessed: it stays unknown.

/**
 * The values a property may have: one for a plain definition, several when conditional
 * definitions (per target framework, per configuration) may each apply; null when unknowable.
 */
export type Candidates = readonly string[] | null;

/** More candidate values than this for one property (or one expansion) count as unknowable. */
const MAX_CANDIDATES = 8;
/** A longer value counts as unknowable: versions and paths are short, and `<A>$(A)$(A)</A>` doubles each time. */
const MAX_VALUE_LENGTH = 4096;
/** Files (imports included) read for one project at most. */
export const MAX_EVALUATED_FILES = 32;
/** Steps (definitions, imports, items) evaluated for one project at most; the rest stays unknown. */
const MAX_STEPS = 100_000;

const PROPERTY_NAME = /[A-Za-z_][A-Za-z0-9_-]{0,200}\)/y;

function union(a: readonly string[], b: readonly string[]): Candidates {
  const out = [...new Set([...a, ...b])];
  return out.length > MAX_CANDIDATES ? null : out;
}

/** True for `'$(Name)' == ''`, the idiom that gives a property a default without overriding it. */
function defaultsOnly(name: string, condition: string): boolean {
  const c = condition.replace(/\s+/g, "").toLowerCase();
  const n = name.toLowerCase();
  return c === `'$(${n})'==''` || c === `''=='$(${n})'`;
}

/** Property values, by case-insensitive name, as evaluation defines them. */
export class PropertyScope {
  private readonly values = new Map<string, Candidates>();

  /** The candidates of a property; undefined when nothing defines it. */
  get(name: string): Candidates | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** Defines a property (already expanded) under the conditions written around it. */
  define(name: string, value: Candidates, conditions: readonly string[]): void {
    const key = name.toLowerCase();
    const current = this.values.get(key);
    if (conditions.length === 0) this.values.set(key, value);
    else if (conditions.length === 1 && defaultsOnly(name, conditions[0] as string)) {
      if (current === undefined) this.values.set(key, value);
    } else if (current === undefined) this.values.set(key, value);
    // A definition that may or may not apply adds its value to what the property may be.
    else this.values.set(key, current === null || value === null ? null : union(current, value));
  }

  /**
   * Every value `text` may expand to, `$(Name)` replaced from the scope (and `builtins`, MSBuild's
   * reserved properties); null when a reference is undefined here, a property function
   * (`$([MSBuild]::…)`), an item list (`@(…)`) or metadata (`%(…)`).
   */
  expand(text: string, builtins: ReadonlyMap<string, string> = new Map()): Candidates {
    if (text.includes("@(") || text.includes("%(")) return null;
    let out: string[] = [""];
    let from = 0;
    for (let at = text.indexOf("$(", from); at >= 0; at = text.indexOf("$(", from)) {
      PROPERTY_NAME.lastIndex = at + 2;
      const m = PROPERTY_NAME.exec(text);
      if (!m) return null;
      const name = m[0].slice(0, -1);
      const builtin = builtins.get(name.toLowerCase());
      const values = builtin !== undefined ? [builtin] : this.get(name);
      if (!values) return null;
      const literal = text.slice(from, at);
      const next: string[] = [];
      for (const prefix of out) for (const v of values) next.push(prefix + literal + v);
      out = [...new Set(next)];
      if (out.length > MAX_CANDIDATES || out.some((o) => o.length > MAX_VALUE_LENGTH)) return null;
      from = PROPERTY_NAME.lastIndex;
    }
    const rest = text.slice(from);
    return out.map((prefix) => prefix + rest);
  }
}

/** Which of a project's entry files an item was read through. */
export type EvaluationRole = "build-props" | "packages-props" | "project" | "build-targets";

/** An item as evaluation met it, with the file it is written in. */
export interface EvaluatedItem {
  item: MsbuildItem;
  file: string;
  role: EvaluationRole;
}

/** Where evaluation finds files in the checkout. */
export interface MsbuildLocator {
  /** The checkout path of a file (matching letter case as Windows does), if it is in the checkout. */
  find(path: string): string | undefined;
  /** The nearest file named `name` in `dir` or a folder above it. */
  findUp(dir: string, name: string): string | undefined;
}

/** The outcome: the final properties and every item in evaluation order. */
export interface Evaluation {
  scope: PropertyScope;
  items: EvaluatedItem[];
}

/** An evaluation in progress: it yields the path of each file it needs and is sent that file's parse (undefined when unreadable). */
export type EvaluationRun = Generator<string, Evaluation, MsbuildFile | undefined>;

/** Runs an evaluation with the files at hand. */
export function evaluateWith(run: EvaluationRun, load: (path: string) => MsbuildFile | undefined): Evaluation {
  for (let r = run.next(); ; ) {
    if (r.done) return r.value;
    r = run.next(load(r.value));
  }
}


/** MSBuild's reserved properties for a file of a project: directories as checkout-absolute `/a/b/`. */
function reserved(file: string, project: string): Map<string, string> {
  const dir = dirOf(file);
  const projectDir = dirOf(project);
  const base = project.slice(project.lastIndexOf("/") + 1);
  return new Map([
    ["msbuildthisfiledirectory", `/${dir}${dir ? "/" : ""}`],
    ["msbuildthisfile", file.slice(file.lastIndexOf("/") + 1)],
    ["msbuildprojectdirectory", projectDir ? `/${projectDir}` : ""],
    ["msbuildprojectfile", base],
    ["msbuildprojectname", base.replace(/\.[^.]{1,20}$/, "")],
  ]);
}

/** A path written in `from` (relative to it, or checkout-absolute `/a/b` from the reserved directories) as a checkout path; undefined outside the checkout. */
function checkoutPath(written: string, from: string): string | undefined {
  const s = written.replace(/\\/g, "/");
  if (/^[A-Za-z]:/.test(s) || s.includes("*") || s.includes("?")) return undefined;
  return joinRelative(s.startsWith("/") ? "" : dirOf(from), s) || undefined;
}

const ABOVE = /GetPathOfFileAbove\(\s{0,20}['"]?([A-Za-z0-9_.-]{1,100})/i;
const DIRECTORY_ABOVE = /GetDirectoryNameOfFileAbove\([^,()]{0,300},\s{0,20}['"]?([A-Za-z0-9_.-]{1,100})/i;

/**
 * Evaluates a project: its entry files in MSBuild's order (Directory.Build.props,
 * Directory.Packages.props, the project, Directory.Build.targets), each import followed where it
 * is written. The chaining idiom `GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../')`
 * reads the nearest such file above the importing one.
 */
export function* evaluateProject(project: string, entries: readonly { path: string; role: EvaluationRole }[], locate: MsbuildLocator): EvaluationRun {
  const scope = new PropertyScope();
  const items: EvaluatedItem[] = [];
  const visited = new Set<string>();
  let steps = 0;

  const importTarget = (written: string, file: string, builtins: ReadonlyMap<string, string>): string | undefined => {
    const above = ABOVE.exec(written) ?? DIRECTORY_ABOVE.exec(written);
    if (above) {
      const name = above[1] as string;
      const dir = dirOf(file);
      // A file importing its own name continues the search above its folder (the idiom's
      // `$(MSBuildThisFileDirectory)..`): from its own folder it would find itself.
      if (name.toLowerCase() !== file.slice(file.lastIndexOf("/") + 1).toLowerCase()) return locate.findUp(dir, name);
      return dir === "" ? undefined : locate.findUp(dirOf(dir), name);
    }
    const expanded = scope.expand(written, builtins);
    if (!expanded || expanded.length !== 1) return undefined;
    const path = checkoutPath(expanded[0] as string, file);
    return path === undefined ? undefined : locate.find(path);
  };

  function* walk(path: string, role: EvaluationRole): Generator<string, void, MsbuildFile | undefined> {
    if (visited.has(path) || visited.size >= MAX_EVALUATED_FILES) return;
    visited.add(path);
    const file = yield path;
    if (!file) return;
    const builtins = reserved(path, project);
    for (const step of file.steps) {
      if (++steps > MAX_STEPS) return;
      if (step.kind === "property") scope.define(step.name, scope.expand(step.value, builtins), step.conditions);
      else if (step.kind === "item") items.push({ item: step.item, file: path, role });
      else {
        const target = importTarget(step.project, path, builtins);
        if (target !== undefined) yield* walk(target, role);
      }
    }
  }

  for (const e of entries) yield* walk(e.path, e.role);
  return { scope, items };
}
