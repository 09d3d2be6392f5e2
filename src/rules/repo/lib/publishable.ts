// Packages a repository could publish to a registry, read from its root manifests: a package.json
// that is not private, a pyproject.toml / setup.py / setup.cfg project, a Cargo.toml package that
// may be published, a gemspec. Best-effort reads: this only decides whether a release process is
// expected at all.

import { asObject, jsonParser } from "../../../ecosystems/formats/json.js";
import { tomlParser } from "../../../ecosystems/formats/toml.js";
import type { RuleContext } from "../../types.js";

/** A package the repository declares as publishable, and the manifest that says so. */
export interface Publishable {
  registry: "npm" | "PyPI" | "crates.io" | "RubyGems";
  name: string;
  manifest: string;
}

/** The publishable packages of the repository root, in a fixed order. */
export async function publishablePackages(ctx: RuleContext): Promise<Publishable[]> {
  const out: Publishable[] = [];
  const optional = { optional: true } as const;
  if (ctx.has("package.json")) {
    const pkg = asObject((await ctx.parse("package.json", jsonParser, optional))?.value);
    if (pkg && pkg.private !== true && typeof pkg.name === "string" && typeof pkg.version === "string") out.push({ registry: "npm", name: pkg.name, manifest: "package.json" });
  }
  if (ctx.has("pyproject.toml")) {
    const toml = (await ctx.parse("pyproject.toml", tomlParser, optional))?.value;
    const project = asObject(toml?.project);
    const poetry = asObject(asObject(asObject(toml?.tool)?.poetry));
    const name = typeof project?.name === "string" ? project.name : typeof poetry?.name === "string" && poetry["package-mode"] !== false ? poetry.name : undefined;
    // A `Private :: Do Not Upload` classifier is PyPI's own way to say "never publish".
    const classifiers = Array.isArray(project?.classifiers) ? project.classifiers : [];
    if (name && !classifiers.includes("Private :: Do Not Upload")) out.push({ registry: "PyPI", name, manifest: "pyproject.toml" });
  }
  if (!out.some((p) => p.registry === "PyPI")) {
    if (ctx.has("setup.py")) out.push({ registry: "PyPI", name: "(setup.py)", manifest: "setup.py" });
    else if (ctx.has("setup.cfg") && /^\[metadata\][^[]{0,2000}^name\s{0,10}=/m.test((await ctx.readText("setup.cfg", optional))?.text ?? "")) out.push({ registry: "PyPI", name: "(setup.cfg)", manifest: "setup.cfg" });
  }
  if (ctx.has("Cargo.toml")) {
    const pkg = asObject((await ctx.parse("Cargo.toml", tomlParser, optional))?.value.package);
    const publish = pkg?.publish;
    const never = publish === false || (Array.isArray(publish) && publish.length === 0);
    if (pkg && typeof pkg.name === "string" && !never) out.push({ registry: "crates.io", name: pkg.name, manifest: "Cargo.toml" });
  }
  const gemspec = ctx.index.inFolder("").find((f) => f.kind === "file" && f.path.endsWith(".gemspec"));
  if (gemspec) out.push({ registry: "RubyGems", name: gemspec.path.replace(/\.gemspec$/, ""), manifest: gemspec.path });
  return out;
}
