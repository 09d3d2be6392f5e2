// The kinds a Helm template writes, read from its text when it cannot be rendered: a template that
// fails on a value nobody can know still says, at the top level, `kind: Secret`. Only a text that
// names every kind literally, and has no action at the top level that could write more (an
// `include` at column 0 may write whole objects), is trusted; anything else is unknown.

/** Lines longer than this are not read for actions (minified or generated text): the kinds are then unknown. */
const MAX_LINE = 4096;

/** An action that writes nothing: control (`if`, `else`, `end`, `range`, `with`, `define`), a comment, an assignment. */
const SILENT = /^(?:(?:if|else|end|range|with|define)\b|\/\*|\$[A-Za-z_][\w]{0,100}\s{0,10}:?=)/;

/** True when some action of the line may write text (each `{{ … }}` found by indexOf: one pass, whatever the line holds). */
function writes(line: string): boolean {
  for (let at = line.indexOf("{{"); at >= 0; ) {
    const end = line.indexOf("}}", at + 2);
    if (end < 0) return true;
    const inner = line.slice(at + 2, end).replace(/^-/, "").replace(/-$/, "").trim();
    if (!SILENT.test(inner)) return true;
    at = line.indexOf("{{", end + 2);
  }
  return false;
}

/**
 * The kinds the template's top-level `kind:` lines name, or undefined when the text does not say
 * them all: a templated kind, no kind line, or a top-level action that may write objects itself.
 */
export function literalKinds(text: string): string[] | undefined {
  const kinds: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("kind:")) {
      const v = line.slice(5).trim().replace(/^(["'])(.*)\1$/, "$2");
      if (!/^[A-Za-z][A-Za-z0-9]{0,62}$/.test(v)) return undefined;
      kinds.push(v);
    } else if (line.startsWith("{{")) {
      if (line.length > MAX_LINE || writes(line)) return undefined;
    }
  }
  return kinds.length > 0 ? [...new Set(kinds)] : undefined;
}
