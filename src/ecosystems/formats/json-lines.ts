import { visit } from "jsonc-parser";

/** A JSON path step: a property name or an array index. */
export type JsonStep = string | number;

/** The key under which `jsonLines` stores a path. */
export function pathKey(path: readonly JsonStep[]): string {
  return path.join("\u0000");
}

/**
 * The 1-based line where each selected member starts (a property's key, an array element's first
 * character), found in one pass over the text: locating thousands of lockfile entries one by one
 * would walk the tree once each. `select` sees the path of every member and says which to keep.
 */
export function jsonLines(text: string, select: (path: readonly JsonStep[]) => boolean, allowComments = false): Map<string, number> {
  const out = new Map<string, number>();
  const path: JsonStep[] = [];
  const containers: { array: boolean; next: number }[] = [];
  const element = (line: number): void => {
    const top = containers[containers.length - 1];
    if (!top?.array) return;
    path.length = containers.length;
    path[containers.length - 1] = top.next++;
    if (select(path)) out.set(pathKey(path), line + 1);
  };
  visit(
    text,
    {
      onObjectBegin: (_o, _l, line) => {
        element(line);
        containers.push({ array: false, next: 0 });
      },
      onArrayBegin: (_o, _l, line) => {
        element(line);
        containers.push({ array: true, next: 0 });
      },
      onObjectEnd: () => {
        containers.pop();
      },
      onArrayEnd: () => {
        containers.pop();
      },
      onLiteralValue: (_v, _o, _l, line) => element(line),
      onObjectProperty: (name, _o, _l, line) => {
        path.length = containers.length;
        path[containers.length - 1] = name;
        if (select(path)) out.set(pathKey(path), line + 1);
      },
    },
    { allowTrailingComma: allowComments, disallowComments: !allowComments },
  );
  return out;
}
