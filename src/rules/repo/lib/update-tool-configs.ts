import { actionName, walkSteps } from "../../../ecosystems/github-actions/index.js";
import { asObject, jsonParser } from "../../../ecosystems/formats/json.js";
import type { FileSource } from "../../../core/files.js";
import type { RuleContext } from "../../types.js";

// Where dependency update tools keep their configuration. The file lists follow OpenSSF
// Scorecard's Dependency-Update-Tool check (Dependabot, Renovate, PyUp) and the tools' own docs
// (Renovate's configuration file list, Scala Steward's and Depfu's repository config files).

/** A dependency update tool found in the repository, and the file that shows it. */
export interface UpdateTool {
  tool: "Dependabot" | "Renovate" | "PyUp" | "Scala Steward" | "Depfu";
  path: string;
  /** How it was found: its config file, a `renovate` key in package.json, or a workflow running it. */
  via: "config" | "package.json" | "workflow";
}

export const DEPENDABOT_FILES = [".github/dependabot.yml", ".github/dependabot.yaml"];

export const RENOVATE_FILES = [
  "renovate.json", "renovate.json5", ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5",
  ".renovaterc", ".renovaterc.json", ".renovaterc.json5",
];

const CONFIG_FILES: ReadonlyMap<string, UpdateTool["tool"]> = new Map<string, UpdateTool["tool"]>([
  ...DEPENDABOT_FILES.map((p) => [p, "Dependabot"] as const),
  ...RENOVATE_FILES.map((p) => [p, "Renovate"] as const),
  [".pyup.yml", "PyUp"],
  [".pyup.yaml", "PyUp"],
  [".scala-steward.conf", "Scala Steward"],
  [".github/.scala-steward.conf", "Scala Steward"],
  [".config/.scala-steward.conf", "Scala Steward"],
  [".depfu.yml", "Depfu"],
  [".depfu.yaml", "Depfu"],
]);

/** True for the configuration file of a dependency update tool (a path from the repository root). */
export function isUpdateToolConfig(path: string): boolean {
  return CONFIG_FILES.has(path.toLowerCase());
}

/** Actions that run an update tool from a workflow (self-hosted Renovate, Scala Steward) or act on Dependabot's pull requests. */
const WORKFLOW_TOOLS: ReadonlyMap<string, UpdateTool["tool"]> = new Map<string, UpdateTool["tool"]>([
  ["renovatebot/github-action", "Renovate"],
  ["scala-steward-org/scala-steward-action", "Scala Steward"],
  ["dependabot/fetch-metadata", "Dependabot"],
]);

/** Every update tool configured in the repository, config files first. */
export async function findUpdateTools(ctx: RuleContext): Promise<UpdateTool[]> {
  const out: UpdateTool[] = [];
  for (const f of ctx.files) {
    if (f.kind !== "file" || f.path.split("/").length > 2) continue;
    const tool = CONFIG_FILES.get(f.path.toLowerCase());
    if (tool) out.push({ tool, path: f.path, via: "config" });
  }
  if (ctx.has("package.json") && (await renovateKeyInPackageJson(ctx)) !== undefined) out.push({ tool: "Renovate", path: "package.json", via: "package.json" });
  for await (const { workflow, step } of walkSteps(ctx, { optional: true })) {
    const tool = step.uses ? WORKFLOW_TOOLS.get(actionName(step.uses.name)) : undefined;
    if (tool && !out.some((t) => t.tool === tool)) out.push({ tool, path: workflow.path, via: "workflow" });
  }
  return out;
}

/** The `renovate` object of the root package.json (a deprecated but supported config location). */
export async function renovateKeyInPackageJson(ctx: FileSource): Promise<Record<string, unknown> | undefined> {
  const file = await ctx.readText("package.json", { optional: true });
  if (!file || !file.text.includes('"renovate"')) return undefined;
  const json = await ctx.parse("package.json", jsonParser, { optional: true });
  return asObject(asObject(json?.value)?.renovate);
}
