import { isMap, isScalar, isSeq, type Pair } from "yaml";
import { AssayError } from "../core/errors.js";
import type { ParseFailure } from "../core/files.js";
import { deref, isEmptyNode, mapEntries, nodePosition, parseYaml, type YamlFile } from "../ecosystems/formats/yaml.js";
import { QUESTIONS, type Question } from "./questions.js";

/** One answer as the maintainers wrote it. */
export type Answer = string | boolean | string[] | { name: string; description: string }[];

/** The answers file: maintainers' answers by question key, and where the file is. */
export interface Answers {
  source: string | undefined;
  values: ReadonlyMap<string, Answer>;
}

/** Where `assay assess` reads answers by default (relative to the checkout). */
export const DEFAULT_ANSWERS = ".assay/assessment.yml";

/** No answers file: every question is still open. */
export function noAnswers(): Answers {
  return { source: undefined, values: new Map() };
}

/** Parses and validates an answers file; every mistake is an AssayError naming file:line:column. */
export function parseAnswers(text: string, path: string): Answers {
  let y: YamlFile;
  try {
    y = parseYaml(text);
  } catch (e) {
    const f = e as ParseFailure;
    throw new AssayError("ANSWERS_INVALID", `malformed YAML: ${f.message}`, { position: { path, line: f.line, column: f.column }, hint: "fix the YAML syntax" });
  }
  const fail = (node: unknown, message: string, hint?: string): never => {
    const pos = nodePosition(y, node);
    throw new AssayError("ANSWERS_INVALID", message, { position: { path, line: pos.line, column: pos.column }, ...(hint ? { hint } : {}) });
  };
  const values = new Map<string, Answer>();
  const root = deref(y.doc.contents);
  if (isEmptyNode(root)) return { source: path, values };
  if (!isMap(root)) return fail(root, "the answers file must be a mapping of questions to answers", "run `assay assess --init` for a commented template");
  const walk = (node: unknown, prefix: string): void => {
    for (const e of mapEntries(node)) {
      const key = prefix ? `${prefix}.${e.key}` : e.key;
      if (key === "version") {
        if (!isScalar(e.value) || e.value.value !== 1) fail(e.value ?? e.pair, "unsupported answers version", "use `version: 1`");
        continue;
      }
      const q = QUESTIONS.find((x) => x.key === key);
      if (q) {
        const v = answerValue(q, e.value, e.pair, fail);
        if (v !== undefined) values.set(key, v);
      } else if (QUESTIONS.some((x) => x.key.startsWith(`${key}.`))) {
        if (!isEmptyNode(e.value) && !isMap(e.value)) fail(e.value, `\`${key}\` groups questions: it must be a mapping`);
        walk(e.value, key);
      } else {
        fail(e.pair, `unknown question \`${key}\``, "run `assay assess --init --force` to see every question");
      }
    }
  };
  walk(root, "");
  return { source: path, values };
}

function answerValue(q: Question, node: unknown, at: Pair, fail: (n: unknown, m: string, h?: string) => never): Answer | undefined {
  if (isEmptyNode(node)) return undefined;
  const text = (n: unknown): string => {
    if (!isScalar(n) || (typeof n.value !== "string" && typeof n.value !== "number")) return fail(n ?? at, `\`${q.key}\` must be text`);
    return String(n.value).trim();
  };
  switch (q.shape) {
    case "text": {
      const t = text(node);
      return t === "" ? undefined : t;
    }
    case "boolean":
      if (!isScalar(node) || typeof node.value !== "boolean") return fail(node, `\`${q.key}\` must be true or false`);
      return node.value;
    case "choice": {
      const t = text(node).toLowerCase();
      if (!q.choices?.includes(t)) return fail(node, `\`${q.key}\` must be one of ${q.choices?.join(", ")}`);
      return t;
    }
    case "list": {
      const items = isSeq(node) ? node.items.map(deref) : fail(node, `\`${q.key}\` must be a list`);
      const out = items.map(text).filter((s) => s !== "");
      return out.length === 0 ? undefined : out;
    }
    case "named-list": {
      const items = isSeq(node) ? node.items.map(deref) : fail(node, `\`${q.key}\` must be a list of { name, description }`);
      const out = items.map((item) => {
        if (isScalar(item)) return { name: text(item), description: "" };
        if (!isMap(item)) return fail(item, `each entry of \`${q.key}\` must have a name and a description`);
        let name = "";
        let description = "";
        for (const e of mapEntries(item)) {
          if (e.key === "name") name = text(e.value);
          else if (e.key === "description") description = text(e.value);
          else fail(e.pair, `unknown key \`${e.key}\` in \`${q.key}\``, "each entry has a name and a description");
        }
        if (name === "") fail(item, `an entry of \`${q.key}\` has no name`);
        return { name, description };
      });
      return out.length === 0 ? undefined : out;
    }
  }
}

/** The commented answers file `assay assess --init` writes: every question, its guidance, whether it is required. */
export function answersTemplate(): string {
  const lines = [
    "# assay self-assessment: the answers only people can give. `assay assess` fills every other",
    "# section from evidence in the repository and keeps these answers when it regenerates the document.",
    "# Uncomment a key and answer it; `assay assess --check` fails while a (required) answer is missing.",
    "version: 1",
  ];
  let group = "";
  for (const q of QUESTIONS) {
    const dot = q.key.lastIndexOf(".");
    const parent = dot < 0 ? "" : q.key.slice(0, dot);
    const leaf = dot < 0 ? q.key : q.key.slice(dot + 1);
    if (parent !== group) {
      if (parent !== "") lines.push("", `${parent}:`);
      group = parent;
    }
    const indent = parent === "" ? "" : "  ";
    if (parent === "") lines.push("");
    lines.push(`${indent}# ${q.guidance}${q.required ? " (required)" : ""}`);
    lines.push(...example(q).map((l) => `${indent}# ${l.replace("KEY", leaf)}`));
  }
  return `${lines.join("\n")}\n`;
}

function example(q: Question): string[] {
  switch (q.shape) {
    case "boolean":
      return ["KEY: false"];
    case "choice":
      return [`KEY: ${q.choices?.[0] ?? ""}`];
    case "list":
      return ["KEY:", "  - …"];
    case "named-list":
      return ["KEY:", "  - name: …", "    description: …"];
    case "text":
      return ["KEY: |", "  …"];
  }
}
