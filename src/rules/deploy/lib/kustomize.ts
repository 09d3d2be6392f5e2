import { yamlParser } from "../../../ecosystems/formats/yaml.js";
import { joinRelative, KUSTOMIZATION_NAMES, readKustomization } from "../../../ecosystems/kubernetes/kustomization.js";
import type { RuleContext } from "../../types.js";

/**
 * Files that kustomizations use as patches. A patch is a partial object (a Deployment with only
 * the fields it changes), so judging it as a manifest would report every field it leaves out.
 */
export async function kustomizePatchFiles(ctx: RuleContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const name of KUSTOMIZATION_NAMES) {
    for (const f of ctx.index.named(name)) {
      const y = await ctx.parse(f.path, yamlParser, { optional: true });
      if (!y) continue;
      const dir = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : "";
      for (const p of readKustomization(y.doc.toJS()).patchFiles) {
        const path = joinRelative(dir, p);
        if (path) out.add(path);
      }
    }
  }
  return out;
}
