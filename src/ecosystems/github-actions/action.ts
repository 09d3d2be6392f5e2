import { isMap } from "yaml";
import { derivedParser, ParseFailure, type Parser } from "../../core/files.js";
import { deref, mapEntries, mapGet, seqItems, yamlParser, type YamlFile } from "../formats/yaml.js";
import { nodeSpan, str, strList, strMap, type Span, type Str } from "./located.js";
import { toStep, type Step } from "./workflow.js";

/** One input an action declares. */
export interface ActionInput {
  name: string;
  span: Span;
  default?: Str;
  required?: Str;
  description?: Str;
}

/** An action's metadata file (`action.yml` / `action.yaml`): composite, Docker or JavaScript. */
export interface Action {
  path: string;
  /** The folder the action lives in ("" for the repository root): what `uses: ./<dir>` names. */
  dir: string;
  yaml: YamlFile;
  name?: Str;
  description?: Str;
  inputs: ActionInput[];
  /** Output name → its `value:` (composite actions) when it has one. */
  outputs: Record<string, Str | undefined>;
  runs: {
    span: Span | undefined;
    /** `composite`, `docker`, `node20`… */
    using?: Str;
    /** Composite actions' steps. */
    steps: Step[];
    /** Docker actions: `Dockerfile` or `docker://image`. */
    image?: Str;
    /** JavaScript actions' entry points. */
    main?: Str;
    pre?: Str;
    post?: Str;
    env: Record<string, Str>;
    args: Str[];
    entrypoint?: Str;
  };
}

const ACTION_FILE = /(?:^|\/)action\.ya?ml$/;

/** True when `path` is an action metadata file. */
export function isActionPath(path: string): boolean {
  return ACTION_FILE.test(path);
}

/** Builds the action model from a parsed YAML document. */
export function toAction(path: string, y: YamlFile): Action {
  const root = deref(y.doc.contents);
  if (!isMap(root)) throw new ParseFailure("an action's metadata must be a mapping (name, inputs, runs)", 1, 1);
  const slash = path.lastIndexOf("/");
  const runsNode = mapGet(root, "runs");
  const get = (k: string): Str | undefined => str(y, mapGet(runsNode, k));
  const runs: Action["runs"] = {
    span: runsNode === undefined ? undefined : nodeSpan(y, runsNode),
    steps: seqItems(mapGet(runsNode, "steps")).flatMap((s, i) => (isMap(s) ? [toStep(y, undefined, i, s)] : [])),
    env: strMap(y, mapGet(runsNode, "env")),
    args: strList(y, mapGet(runsNode, "args")),
  };
  for (const key of ["using", "image", "main", "pre", "post", "entrypoint"] as const) {
    const v = get(key);
    if (v) runs[key] = v;
  }
  const inputs = mapEntries(mapGet(root, "inputs")).map((e): ActionInput => {
    const input: ActionInput = { name: e.key, span: nodeSpan(y, e.pair.key) };
    for (const key of ["default", "required", "description"] as const) {
      const v = str(y, mapGet(e.value, key));
      if (v) input[key] = v;
    }
    return input;
  });
  const outputs: Record<string, Str | undefined> = {};
  for (const e of mapEntries(mapGet(root, "outputs"))) outputs[e.key] = str(y, mapGet(e.value, "value"));
  const name = str(y, mapGet(root, "name"));
  const description = str(y, mapGet(root, "description"));
  return { path, dir: slash < 0 ? "" : path.slice(0, slash), yaml: y, ...(name ? { name } : {}), ...(description ? { description } : {}), inputs, outputs, runs };
}

/** The workspace parser for action metadata files, built on the shared YAML parse. */
export const actionParser: Parser<Action> = derivedParser("github-action", yamlParser, (y, file) => toAction(file.path, y));
