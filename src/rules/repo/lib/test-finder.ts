// Whether a CI script runs the project's tests, following what it calls: shell scripts, Makefile
// targets and justfile recipes (through the scripts helpers the release and SAST rules use) and
// package.json scripts (`npm run ci` running `vitest run`). Reads are best effort: a file that
// cannot be read shows no tests, so it can only make the verdict stricter.

import { asObject, jsonParser } from "../../../ecosystems/formats/json.js";
import type { RuleContext } from "../../types.js";
import { commandLines } from "./release-commands.js";
import { ScriptReader, scriptCalls, under, unitsOf, type ScriptUnit } from "./scripts.js";
import { commandEffects, isTestName, isTestPath } from "./test-commands.js";

/** Scripts, targets and package scripts followed from one CI command before giving up. */
const MAX_DEPTH = 4;
/** Lines of one script or recipe judged; a longer one is not a test wrapper anyone reads. */
const MAX_LINES = 2_000;

/** Finds test commands in CI scripts; one per rule run, so each file is read and parsed once. */
export class TestFinder {
  private readonly reader: ScriptReader;
  private readonly scripts = new Map<string, Promise<Record<string, string>>>();
  /**
   * What each followed script, target or package script runs, found once per rule run (many steps
   * call the same `make test`); undefined while it is being followed, so a cycle ends there.
   */
  private readonly followed = new Map<string, string | undefined>();

  constructor(private readonly ctx: RuleContext) {
    this.reader = new ScriptReader(ctx);
  }

  /** The test command a script (a `run:` block, a CI `script:` line) runs, with how it gets there; undefined when it runs none. */
  async inScript(script: string, workingDir: string): Promise<string | undefined> {
    return this.search(script, workingDir.includes("${{") ? "" : workingDir, 0);
  }

  private async search(script: string, workingDir: string, depth: number): Promise<string | undefined> {
    let wd = workingDir;
    for (const line of commandLines(script).slice(0, MAX_LINES)) {
      const found = await this.inLine(line.text, wd, depth);
      if (found.test) return found.test;
      wd = found.wd;
    }
    return undefined;
  }

  /** One command line: its own test commands first, then what it calls. */
  private async inLine(text: string, workingDir: string, depth: number): Promise<{ test?: string; wd: string }> {
    let wd = workingDir;
    const named: string[] = [];
    const scriptsRead = new Set<string>();
    for (const effect of commandEffects(text)) {
      if (effect.kind === "test") return { test: effect.what, wd };
      if (effect.kind === "cd") wd = effect.dir.includes("$") ? wd : under(wd, effect.dir);
      else if (effect.kind === "target") named.push(effect.what);
      else if (effect.kind === "maven-default") {
        const pom = effect.pom.includes("$") ? undefined : under(wd, effect.pom.endsWith(".xml") ? effect.pom : `${effect.pom}/pom.xml`);
        const goal = pom && this.ctx.has(pom) ? mavenDefaultGoal((await this.ctx.readText(pom))?.text ?? "") : undefined;
        if (goal && isMavenTestGoal(goal)) return { test: `${effect.what} (defaultGoal in ${pom}: ${goal})`, wd };
      }
      else if (effect.kind === "script-file") {
        // Scripts with a shell extension are followed by scriptCalls below; these are the others (`bash .ci/run`).
        const path = under(wd, effect.path);
        // `cd tests && ./run.sh`: where the script lives can say it tests.
        if (isTestPath(path) && this.ctx.has(path)) return { test: `${effect.what} (${path})`, wd };
        if (depth < MAX_DEPTH && this.ctx.has(path)) {
          scriptsRead.add(path);
          const inner = await this.follow(`${path}@${wd}`, async () => this.search((await this.reader.units(path, true)).flatMap((u) => u.lines.slice(0, MAX_LINES).map((l) => l.text)).join("\n"), wd, depth + 1));
          if (inner) return { test: `${effect.what} (${path}: ${inner})`, wd };
        }
      } else if (depth < MAX_DEPTH) {
        const dir = effect.dir !== undefined ? under(wd, effect.dir) : wd;
        const inner = await this.packageScript(dir, effect.name, depth);
        if (inner) return { test: `${effect.what} (${inner})`, wd };
      }
    }
    // `$(MAKE) -C sub test` inside a recipe is make too; `cd src && make test` runs src/Makefile.
    const calls = depth < MAX_DEPTH ? scriptCalls(text.replace(/\$[({]MAKE[)}]/g, "make"), wd, (p) => this.ctx.has(p)) : [];
    let resolvedTargets = false;
    for (const call of calls) {
      if (scriptsRead.has(call.path)) continue;
      const units = await this.reader.units(call.path, true);
      const defined = call.names.length === 0 || call.names.every((n) => units.some((u) => u.name === n));
      if (units.length > 0 && defined && units[0]?.name !== undefined) resolvedTargets = true;
      // One answer per call: CI often runs the same target from many lines, and a target's closure is as long as its file.
      const inner = await this.follow(`${call.path}#${call.names.join(" ")}@${wd}`, () => this.inUnits(unitsOf(call, units), call.path, wd, depth));
      if (inner) return { test: units[0]?.name === undefined ? inner : `${/[Jj]ustfile$/.test(call.path) ? "just" : "make"}${call.names.map((n) => ` ${n}`).join("")} (${inner})`, wd };
    }
    // A test-named target whose file is not in the checkout (generated by configure or CMake, or included) is taken at its word.
    if (named.length > 0 && !resolvedTargets) return { test: named[0] as string, wd };
    return { wd };
  }

  /** Units a call runs: a test-named target, or a line of one that runs tests. */
  private async inUnits(units: readonly ScriptUnit[], path: string, workingDir: string, depth: number): Promise<string | undefined> {
    const isRecipeFile = units[0]?.name !== undefined;
    // Make and just run recipes from the file's folder; a shell script runs where it was called from.
    const dir = isRecipeFile ? path.slice(0, Math.max(0, path.lastIndexOf("/"))) : workingDir;
    for (const unit of units) {
      const where = unit.name !== undefined ? `${path} target ${unit.name}` : path;
      if (unit.name !== undefined && isTestName(unit.name)) return where;
      const inner = await this.follow(`${where}@${dir}`, () => this.search(unit.lines.slice(0, MAX_LINES).map((l) => l.text).join("\n"), dir, depth + 1));
      if (inner) return `${where}: ${inner}`;
    }
    return undefined;
  }

  /** Follows a script, target or package script once per rule run; a second visit (or a cycle) gets the first answer. */
  private async follow(key: string, find: () => Promise<string | undefined>): Promise<string | undefined> {
    if (this.followed.has(key)) return this.followed.get(key);
    this.followed.set(key, undefined);
    const found = await find();
    this.followed.set(key, found);
    return found;
  }

  /** A package.json script run by name: what it runs, looked up in `dir`'s package.json, else the root's. */
  private async packageScript(dir: string, name: string, depth: number): Promise<string | undefined> {
    for (const path of [...new Set([dir === "" ? "package.json" : `${dir}/package.json`, "package.json"])]) {
      const body = (await this.scriptsOf(path))[name];
      if (body === undefined) continue;
      const inner = await this.follow(`${path}#${name}`, () => this.search(body, path.slice(0, Math.max(0, path.lastIndexOf("/"))), depth + 1));
      return inner ? `${path} script ${name}: ${inner}` : undefined;
    }
    return undefined;
  }

  /** The `scripts` of a package.json, string values only. */
  private scriptsOf(path: string): Promise<Record<string, string>> {
    let p = this.scripts.get(path);
    if (!p) {
      p = (async () => {
        if (!this.ctx.has(path)) return {};
        const json = await this.ctx.parse(path, jsonParser, { optional: true });
        const scripts = asObject(asObject(json?.value)?.["scripts"]) ?? {};
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(scripts)) if (typeof v === "string") out[k] = v;
        return out;
      })();
      this.scripts.set(path, p);
    }
    return p;
  }
}

/** The `<defaultGoal>` of a POM's build, the goals `mvn` runs when given none. */
function mavenDefaultGoal(pom: string): string | undefined {
  return /<defaultGoal>\s{0,20}([^<]{1,500}?)\s{0,20}<\/defaultGoal>/.exec(pom)?.[1];
}

/** A default goal whose phases include the tests (`clean verify apache-rat:check`), unless it skips them. */
function isMavenTestGoal(goal: string): boolean {
  const words = goal.split(/\s+/);
  return !words.some((w) => /^-D(?:skipTests|maven\.test\.skip)(?:=true)?$/.test(w)) && words.some((w) => ["test", "verify", "install", "package", "integration-test", "deploy"].includes(w));
}
