import { safeGlob } from "../../core/glob.js";
import { isMap } from "yaml";
import { mapGet, mapPair, nodePosition, scalarString, seqItems, yamlParser } from "../../ecosystems/formats/yaml.js";
import { jsoncParser } from "../../ecosystems/formats/json.js";
import { json5Parser } from "../../ecosystems/formats/json5.js";
import { byEcosystem, coveringEcosystems, findManifests, isWorkspaceRoot, type Manifest } from "../../ecosystems/manifests.js";
import { DEPENDABOT_FILES, RENOVATE_FILES, renovateKeyInPackageJson } from "./lib/update-tool-configs.js";
import type { Rule, RuleContext, TextEdit, TextFileLike } from "../types.js";
import { appendUpdateEntry } from "./lib/dependabot-append.js";

export const rule: Rule = {
  meta: {
    id: "repo/dependency-update-coverage",
    title: "Dependency update tool does not cover every ecosystem",
    severity: "medium",
    confidence: "medium",
    check: "Dependency-Update-Tool",
    rationale:
      "Dependabot only updates the ecosystems and directories its configuration lists. A manifest it does not cover (a Dockerfile, the workflows' actions, a second Go module) silently keeps its old, possibly vulnerable versions while the project looks protected. Scorecard passes Dependency-Update-Tool on the configuration file alone; this rule is assay's own, stricter reading of what the file covers, so its findings are reported but leave the check's score where Scorecard puts it (10 when a Dependabot or Renovate configuration is there).",
    remediation:
      "Add an `updates` entry to .github/dependabot.yml for each ecosystem reported, with `directory: \"/\"` or `directories:` listing every folder that holds its manifests (globs such as \"/services/*\" work). With Renovate, add the missing managers to `enabledManagers` or remove that restriction. Manifests under vendor/, node_modules/, test/, tests/, testdata/, fixtures/ and examples/ are not counted.",
    references: [
      { title: "OpenSSF Scorecard: Dependency-Update-Tool", url: "https://github.com/ossf/scorecard/blob/main/docs/checks.md#dependency-update-tool" },
      { title: "GitHub: Dependabot options reference (package-ecosystem, directories)", url: "https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference" },
      { title: "Renovate: enabledManagers", url: "https://docs.renovatebot.com/configuration-options/#enabledmanagers" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
    fixable: true,
  },

  async run(ctx) {
    const dependabotPath = DEPENDABOT_FILES.find((p) => ctx.has(p));
    const renovate = await readRenovate(ctx);
    if (!dependabotPath && !renovate) {
      ctx.notApplicable("no Dependabot or Renovate configuration file says what is covered (repo/dependency-update-tool judges whether a tool runs)");
      return;
    }
    if (renovate?.managers === "all") {
      ctx.evidence({ message: `Renovate (${renovate.path}) updates every ecosystem it finds`, locations: [{ path: renovate.path }] });
      return;
    }
    const dependabot = dependabotPath ? await readDependabot(ctx, dependabotPath) : undefined;
    if (dependabotPath && !dependabot && !renovate) {
      ctx.notApplicable(`${dependabotPath} could not be parsed; see the diagnostics`);
      return;
    }
    const manifests = byEcosystem(await findManifests(ctx));
    // Kept only when every ecosystem turns out covered.
    ctx.evidence({ message: `${[dependabotPath, renovate?.path].filter(Boolean).join(" and ")} cover${dependabotPath && renovate ? "" : "s"} every ecosystem found (${[...manifests.keys()].join(", ") || "none"})`, locations: [{ path: (dependabotPath ?? renovate?.path) as string }] });
    for (const [ecosystem, list] of manifests) {
      const uncovered: Manifest[] = [];
      for (const m of list) {
        if (dependabot && (await dependabotCovers(ctx, dependabot.entries, m))) continue;
        if (renovate && renovateCovers(renovate.managers, m.ecosystem)) continue;
        uncovered.push(m);
      }
      if (uncovered.length === 0) continue;
      const paths = uncovered.map((m) => m.path);
      const shown = paths.length > 3 ? `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more` : paths.join(", ");
      const hasEntry = dependabot?.entries.some((e) => coveringEcosystems(ecosystem).includes(e.ecosystem)) ?? false;
      const evidence = { ecosystem, manifests: paths.slice(0, 20), uncoveredCount: paths.length, hasEntry };
      if (dependabot) {
        const message = hasEntry
          ? `${dependabot.path}'s ${ecosystem} entries do not cover ${shown}`
          : `${dependabot.path} has no updates entry for ${ecosystem} (${shown})`;
        const dirs = [...new Set(uncovered.map((m) => `"/${m.dir}"`))].slice(0, 10).join(", ");
        // With a week's cooldown like `assay init` writes, so the entry does not itself break workflows/dependabot-cooldown.
        const entry = [`package-ecosystem: "${ecosystem}"`, `directories: [${dirs}]`, "schedule:", `  interval: "weekly"`, "cooldown:", "  default-days: 7"];
        // A new entry is safe to add unattended; widening an existing one's directories is left to people.
        const edit = hasEntry ? undefined : await appendEntry(ctx, dependabot.path, entry);
        ctx.report({
          message,
          locations: [{ path: dependabot.path, startLine: dependabot.line, startColumn: dependabot.column }],
          evidence,
          key: ecosystem,
          // Scorecard passes Dependency-Update-Tool on the configuration file alone: reported, not scored.
          impact: "none",
          fix: `- ${entry.join("\n  ")}`,
          ...(edit ? { edits: [edit] } : {}),
        });
      } else if (renovate) {
        const message = renovate.disabled
          ? `${renovate.path} sets "enabled": false, so Renovate does not update ${ecosystem} (${shown})`
          : `${renovate.path} limits enabledManagers, which leaves out ${ecosystem} (${shown})`;
        ctx.report({
          message,
          locations: [{ path: renovate.path, startLine: renovate.line, startColumn: renovate.column }],
          evidence,
          key: ecosystem,
          impact: "none",
        });
      }
    }
  },
};

async function appendEntry(ctx: RuleContext, path: string, entry: readonly string[]): Promise<TextEdit | undefined> {
  const [file, y] = await Promise.all([ctx.readText(path), ctx.parse(path, yamlParser)]);
  return file && y ? appendUpdateEntry(file, y, entry) : undefined;
}

interface DependabotEntry {
  ecosystem: string;
  /** Directory patterns, normalised to start with "/" and have no trailing "/". */
  dirs: string[];
}

async function readDependabot(ctx: RuleContext, path: string): Promise<{ path: string; entries: DependabotEntry[]; line: number; column: number } | undefined> {
  const y = await ctx.parse(path, yamlParser);
  if (!y) return undefined;
  const root = y.doc.contents;
  const updates = mapPair(root, "updates");
  const pos = updates ? nodePosition(y, updates) : { line: 1, column: 1 };
  const entries: DependabotEntry[] = [];
  for (const item of seqItems(mapGet(root, "updates"))) {
    if (!isMap(item)) continue;
    const ecosystem = scalarString(mapGet(item, "package-ecosystem"));
    if (!ecosystem) continue;
    const dirs = [scalarString(mapGet(item, "directory")), ...seqItems(mapGet(item, "directories")).map(scalarString)]
      .filter((d): d is string => d !== undefined)
      .map(normaliseDir);
    entries.push({ ecosystem: ecosystem.trim().toLowerCase(), dirs });
  }
  return { path, entries, ...pos };
}

function normaliseDir(d: string): string {
  let s = d.trim().replace(/\\/g, "/");
  while (s.startsWith("./")) s = s.slice(2);
  if (s === ".") s = "";
  if (!s.startsWith("/")) s = `/${s}`;
  s = s.replace(/\/{2,}/g, "/");
  if (s.length > 1 && s.endsWith("/")) s = s.slice(0, -1);
  return s;
}

const matchers = new Map<string, (s: string) => boolean>();

function dirMatches(pattern: string, dir: string): boolean {
  const target = dir === "" ? "/" : `/${dir}`;
  if (!/[*?[{]/.test(pattern)) return pattern === target;
  let m = matchers.get(pattern);
  if (!m) {
    m = safeGlob(pattern, { dot: true });
    if (matchers.size < 1000) matchers.set(pattern, m);
  }
  return m(target);
}

/** Covered when an entry of a covering ecosystem lists the manifest's folder, or a workspace root above it. */
async function dependabotCovers(ctx: RuleContext, entries: readonly DependabotEntry[], m: Manifest): Promise<boolean> {
  const relevant = entries.filter((e) => coveringEcosystems(m.ecosystem).includes(e.ecosystem));
  if (relevant.length === 0) return false;
  // Dependabot reads every workflow in .github/workflows from the github-actions entry.
  if (m.ecosystem === "github-actions") return true;
  const listed = (dir: string): boolean => relevant.some((e) => e.dirs.some((p) => dirMatches(p, dir)));
  if (listed(m.dir)) return true;
  // requirements/dev.txt counts for its parent, but Dependabot also reads the .txt files of a
  // `directory: /requirements` entry itself (numpy, nlohmann/json list the folder directly).
  const own = m.path.includes("/") ? m.path.slice(0, m.path.lastIndexOf("/")) : "";
  if (own !== m.dir && listed(own)) return true;
  const parts = m.dir === "" ? [] : m.dir.split("/");
  for (let i = parts.length - 1; i >= 0; i--) {
    const ancestor = parts.slice(0, i).join("/");
    if (listed(ancestor) && (await isWorkspaceRoot(ctx, m.ecosystem, ancestor))) return true;
  }
  return false;
}

/** Renovate managers that update each Dependabot ecosystem. */
const RENOVATE_MANAGERS: Readonly<Record<string, readonly string[]>> = {
  npm: ["npm", "bun"],
  pip: ["pip_requirements", "pip_setup", "pipenv", "poetry", "pep621", "pip-compile", "setup-cfg"],
  gomod: ["gomod"],
  cargo: ["cargo"],
  bundler: ["bundler"],
  composer: ["composer"],
  maven: ["maven"],
  gradle: ["gradle"],
  nuget: ["nuget"],
  pub: ["pub"],
  mix: ["mix"],
  docker: ["dockerfile"],
  "github-actions": ["github-actions"],
  terraform: ["terraform"],
  swift: ["swift"],
};

interface RenovateConfig {
  path: string;
  /** "all" unless `enabledManagers` restricts it; an empty set when Renovate is disabled. */
  managers: "all" | ReadonlySet<string>;
  /** True when the config turns Renovate off (`"enabled": false`). */
  disabled: boolean;
  line: number;
  column: number;
}

async function readRenovate(ctx: RuleContext): Promise<RenovateConfig | undefined> {
  const path = RENOVATE_FILES.find((p) => ctx.has(p));
  if (path) {
    // A `.json5` file is JSON5 (unquoted names, single quotes); one that cannot be parsed here is
    // assumed to keep Renovate's defaults (every manager).
    const file = await ctx.readText(path, { optional: true });
    const config = file ? await ctx.parse(path, path.endsWith(".json5") ? json5Parser : jsoncParser, { optional: true }) : undefined;
    if (!file || !config) return { path, managers: "all", disabled: false, line: 1, column: 1 };
    return { path, ...located(file, config.value) };
  }
  const inPackage = await renovateKeyInPackageJson(ctx);
  if (!inPackage) return undefined;
  const file = await ctx.readText("package.json");
  if (!file) return undefined;
  return { path: "package.json", ...located(file, inPackage) };
}

/** The managers a config enables, placed at its `enabledManagers` (or `enabled`) key. */
function located(file: TextFileLike, config: unknown): Omit<RenovateConfig, "path"> {
  const managers = managersOf(config);
  const disabled = managers !== "all" && managers.size === 0 && isDisabled(config);
  // Quoted in JSON, bare or single-quoted in JSON5.
  const key = (disabled ? /["']?enabled["']?[ \t]{0,20}:/ : /["']?enabledManagers["']?[ \t]{0,20}:/).exec(file.text);
  return { managers, disabled, ...(key ? file.positionAt(key.index) : { line: 1, column: 1 }) };
}

function managersOf(config: unknown): RenovateConfig["managers"] {
  if (!config || typeof config !== "object") return "all";
  const c = config as Record<string, unknown>;
  if (c["enabled"] === false) return new Set();
  const list = c["enabledManagers"];
  if (!Array.isArray(list)) {
    const disabled = Object.values(RENOVATE_MANAGERS).flat().filter((m) => isDisabled(c[m]));
    if (disabled.length === 0) return "all";
    return new Set(Object.values(RENOVATE_MANAGERS).flat().filter((m) => !disabled.includes(m)));
  }
  return new Set(list.filter((m): m is string => typeof m === "string" && !isDisabled(c[m])));
}

function isDisabled(v: unknown): boolean {
  return !!v && typeof v === "object" && (v as Record<string, unknown>)["enabled"] === false;
}

function renovateCovers(managers: RenovateConfig["managers"], ecosystem: string): boolean {
  if (managers === "all") return true;
  const wanted = RENOVATE_MANAGERS[ecosystem];
  // An ecosystem Renovate has no manager for cannot be asked of it.
  if (!wanted) return true;
  return wanted.some((m) => managers.has(m));
}
