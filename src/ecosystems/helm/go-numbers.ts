/**
 * Go's two kinds of number as Helm templates see them. Every number read from YAML or JSON
 * (values.yaml, `fromYaml`, `fromJson`) is a float64, since Helm decodes YAML through JSON; an
 * integer literal (`{{ 3 }}`), `len`, `int` and Sprig's integer math give Go ints. They print
 * differently (a float64 of a million is `1e+06`) and `eq` refuses to compare one with the other,
 * so the renderer keeps them apart: a float64 is a JavaScript number, a Go int a bigint.
 */

/** True for a Go int. */
export const isGoInt = (v: unknown): v is bigint => typeof v === "bigint";

/** True for either kind of number. */
export const isGoNumber = (v: unknown): v is number | bigint => typeof v === "number" || typeof v === "bigint";

/** A Go int from a whole JavaScript number, wrapped to 64 bits as Go's int64 conversion does. */
export function goInt(n: number | bigint): bigint {
  if (typeof n === "bigint") return BigInt.asIntN(64, n);
  if (!Number.isFinite(n)) return -(1n << 63n);
  return BigInt.asIntN(64, BigInt(Math.trunc(n)));
}

/**
 * A float64 as Go's fmt prints it with `%v` (and so as a template prints it): the shortest digits
 * that read back the same, in exponent form when the exponent is under -4 or 6 and over
 * (`1e+06`, `1.5e-05`), with at least two exponent digits.
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  // The common case: a whole number under a million prints as it is.
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  // toExponential() without a precision gives the shortest digits that round-trip, as Go's do.
  const [mant, e] = x.toExponential().split("e") as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(x);
}

/**
 * A float64 as sigs.k8s.io/yaml writes it in `toYaml`: it goes through JSON, so a whole number
 * under 1e21 comes back an integer (`1000000`); any other float is written as Go's `%g` would.
 */
export function yamlFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Object.is(x, -0) ? "0" : String(x);
  if (Number.isNaN(x)) return ".nan";
  if (!Number.isFinite(x)) return x > 0 ? ".inf" : "-.inf";
  return formatFloat(x);
}
