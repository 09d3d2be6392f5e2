import { nugetOrder } from "../versions/nuget.js";

// NuGet version requirements as project files write them
// (https://learn.microsoft.com/nuget/concepts/package-versioning#version-ranges): `1.2.3` means
// "1.2.3 or higher", but NuGet installs the lowest version that matches, so it installs 1.2.3;
// `[1.2.3]` is exact. Ranges (`[1.0,2.0)`, `(1.0,)`) and floating versions (`1.*`, `1.0.0-*`)
// install whatever the feed has that day: they pin nothing.

/** Strips the leading zeros of a digit string ("007" → "7", "0" stays). */
function number(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/**
 * NuGet's normalised form of a version (NuGetVersion.ToNormalizedString), as nuget.org and the
 * advisory databases write it: at least three numbers, a fourth only when not 0, no leading
 * zeros, build metadata dropped (`1.0` → `1.0.0`, `1.2.3.0` → `1.2.3`, `01.2-Beta+git` → `1.2.0-Beta`).
 * Text that is not a NuGet version is returned trimmed, as written.
 */
export function normalizeNugetVersion(version: string): string {
  let s = version.trim();
  if (!nugetOrder.valid(s)) return s;
  const plus = s.indexOf("+");
  if (plus >= 0) s = s.slice(0, plus);
  const dash = s.indexOf("-");
  const label = dash >= 0 ? s.slice(dash) : "";
  const numbers = (dash >= 0 ? s.slice(0, dash) : s).split(".").map(number);
  while (numbers.length < 3) numbers.push("0");
  if (numbers.length === 4 && numbers[3] === "0") numbers.pop();
  return numbers.join(".") + label;
}

/**
 * The version a requirement installs when it pins one: a plain version or an exact `[1.2.3]`
 * (also `[1.2.3,1.2.3]`), normalised; undefined for ranges, floating versions and anything that is
 * not a NuGet version.
 */
export function pinnedNugetVersion(spec: string): string | undefined {
  let s = spec.trim();
  if (s.startsWith("[") && s.endsWith("]")) {
    const inner = s.slice(1, -1);
    const comma = inner.indexOf(",");
    if (comma < 0) s = inner.trim();
    else {
      const low = inner.slice(0, comma).trim();
      const high = inner.slice(comma + 1).trim();
      if (!nugetOrder.valid(low) || !nugetOrder.valid(high) || nugetOrder.compare(low, high) !== 0) return undefined;
      s = low;
    }
  }
  return nugetOrder.valid(s) ? normalizeNugetVersion(s) : undefined;
}
