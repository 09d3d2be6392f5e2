/**
 * Text from the scanned repository made safe inside HTML text and attribute values: the five
 * markup characters become entities, and controls, bidirectional overrides and characters that
 * print nothing (zero-width spaces and joiners, Unicode tags; they make a path display as something
 * else) become visible replacement characters.
 *
 * Line breaks and `[` become character references too, which a browser shows as the same text: a
 * report printed to a CI log (`--format html` without `--output`) must not start a line with
 * repository text, where the GitHub runner obeys `::command::` (it splits lines at CR as well as
 * LF), nor hold a raw `##[command]`, which it obeys anywhere in a line.
 */
export function html(s: string): string {
  return s.replace(/[&<>"'[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g, (c) => {
    switch (c) {
      case "\n":
        return "&#10;";
      case "\r":
        return "&#13;";
      case "\t":
        return "&#9;";
      case "[":
        return "&#91;";
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&#39;";
      default:
        return "\uFFFD";
    }
  });
}

/** An attribute-safe token (data-* values used by the filters): lower case letters, digits, `-`, `_`, `:`, `/`. */
export function token(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_:/-]/g, "-").slice(0, 100);
}
