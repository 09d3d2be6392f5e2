import { isMap, isSeq, type YAMLMap } from "yaml";
import { mapGet, yamlParser, type YamlFile } from "../../../ecosystems/formats/yaml.js";
import type { RuleContext } from "../../types.js";

/** The repository's Dependabot configuration, parsed; undefined (with the rule marked not applicable) when there is none. */
export async function loadDependabot(ctx: RuleContext): Promise<{ path: string; yaml: YamlFile; updates: YAMLMap[] } | undefined> {
  const path = [".github/dependabot.yml", ".github/dependabot.yaml"].find((p) => ctx.has(p));
  if (!path) {
    ctx.notApplicable("no .github/dependabot.yml in this repository");
    return undefined;
  }
  const yaml = await ctx.parse(path, yamlParser);
  if (!yaml) return undefined;
  const updates = mapGet(yaml.doc.contents, "updates");
  return { path, yaml, updates: isSeq(updates) ? updates.items.filter((i): i is YAMLMap => isMap(i)) : [] };
}
