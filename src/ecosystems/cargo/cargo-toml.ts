import { asObject } from "../formats/json.js";

/** The licence a Cargo.toml declares in `[package]` or `[workspace.package]`, as written. */
export function cargoTomlLicense(toml: Record<string, unknown>): string | undefined {
  const pkg = asObject(toml.package)?.license;
  if (typeof pkg === "string") return pkg;
  const ws = asObject(asObject(toml.workspace)?.package)?.license;
  return typeof ws === "string" ? ws : undefined;
}

/** True when a Cargo.toml is a workspace root. */
export function cargoTomlIsWorkspace(toml: Record<string, unknown>): boolean {
  return asObject(toml.workspace) !== undefined;
}
