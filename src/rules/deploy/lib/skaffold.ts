import { dirOf } from "../../../core/checkout-path.js";
import { yamlDocumentsParser } from "../../../ecosystems/formats/yaml.js";
import { asList, asMap, asString } from "../../../ecosystems/kubernetes/manifest.js";
import type { RuleContext } from "../../types.js";

/**
 * Image names that Skaffold builds (`build.artifacts[].image` of a skaffold.yaml), by the folder
 * of that file: Skaffold replaces each such name in the manifests it deploys with the image it
 * built, tagged and usually pinned by digest, so `image: frontend` there is a placeholder.
 */
export async function skaffoldImages(ctx: RuleContext): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const name of ["skaffold.yaml", "skaffold.yml"]) {
    for (const f of ctx.index.named(name)) {
      const y = await ctx.parse(f.path, yamlDocumentsParser, { optional: true });
      if (!y) continue;
      const dir = dirOf(f.path);
      const names = out.get(dir) ?? new Set<string>();
      // One file may hold several configs (documents); each has its own build section.
      for (const doc of y.docs) {
        const build = asMap(asMap(doc.toJS())?.["build"]);
        for (const a of asList(build?.["artifacts"]).slice(0, 500)) {
          const image = asString(asMap(a)?.["image"]);
          if (image) names.add(image);
        }
      }
      if (names.size > 0) out.set(dir, names);
    }
  }
  return out;
}
