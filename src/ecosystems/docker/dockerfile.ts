import { ParseFailure, type Parser, type TextFile } from "../../core/files.js";
import { parseImageRef, type ImageRef } from "./image-ref.js";

// The Dockerfile model (Dockerfile reference, BuildKit's parser): parser directives (`escape`,
// `syntax`, `check`), instructions with exact spans, line continuations with the file's escape
// character, comments, heredocs, exec (JSON) and shell forms, flags (`--platform`, `--from`), ARG
// and ENV substitution, and build stages. Read by the supply-chain and deploy families.

/** Where something is: 1-based lines and columns (end inclusive), UTF-16 offsets (end exclusive). */
export interface DockerSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

/** A `--name=value` flag before an instruction's arguments. */
export interface DockerFlag {
  name: string;
  value: string | undefined;
  span: DockerSpan;
}

/** A heredoc (`<<EOF` … `EOF`) attached to RUN, COPY or ADD. */
export interface DockerHeredoc {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body. */
  stripTabs: boolean;
  /** `<<"EOF"` / `<<'EOF'`: no expansion in the body. */
  quoted: boolean;
  /** The body, without the delimiter line. */
  body: string;
  /** Where the body starts in the file (UTF-16 offset), so positions inside it can be found. */
  bodyOffset: number;
  span: DockerSpan;
}

/** One element of an exec-form (JSON array) instruction, with its offsets into `args`. */
export interface ExecItem {
  value: string;
  start: number;
  end: number;
}

/** One instruction, continuations joined. */
export interface DockerInstruction {
  /** Upper case: `FROM`, `RUN`. */
  keyword: string;
  span: DockerSpan;
  keywordSpan: DockerSpan;
  flags: DockerFlag[];
  /** The arguments after the flags: continuation lines joined, comment lines inside removed. */
  args: string;
  /** The source span of `args.slice(start, end)`. */
  argsSpan(start: number, end: number): DockerSpan;
  /** The file offset of `args` offset `i` (for edits). */
  sourceOffset(i: number): number;
  form: "exec" | "shell";
  /** Exec form's array. */
  exec: ExecItem[] | undefined;
  heredocs: DockerHeredoc[];
  /** The stage it belongs to (index into `stages`), -1 before the first FROM. */
  stage: number;
  /** Index in `instructions`. */
  index: number;
  /**
   * ONBUILD's trigger (`ONBUILD RUN ["sh", "-c", "…"]`), parsed like the instruction it wraps:
   * it runs in every image built FROM this one. Not in `instructions`, so rules that judge this
   * image's own settings (its last USER) are not misled; the ones that judge what a build runs
   * or fetches read it.
   */
  trigger?: DockerInstruction;
}

/** What a FROM or `COPY --from` names. */
export type StageSource =
  | { kind: "stage"; stage: number }
  | { kind: "scratch" }
  | { kind: "image"; ref: ImageRef }
  /** A variable with no value, or text that is not an image reference. */
  | { kind: "unresolved"; value: string; missing: string[] };

/** A build stage: `FROM [--platform=…] image [AS name]` and what follows. */
export interface DockerStage {
  index: number;
  /** Lower case, as BuildKit compares them. */
  name: string | undefined;
  nameSpan: DockerSpan | undefined;
  from: DockerInstruction;
  /** The image as written. */
  image: string;
  imageSpan: DockerSpan;
  /** The image after global ARG defaults were substituted. */
  resolved: string;
  /**
   * Build arguments with no value that `resolved` reads as empty, as BuildKit does when the build
   * passes none (`FROM ${MIRROR}node:20` builds on node:20): set only when what is left still
   * names an image or a stage, which `base` then is.
   */
  emptyArgs: string[];
  platform: string | undefined;
  base: StageSource;
  instructions: DockerInstruction[];
}

/** A parsed Dockerfile. */
export interface Dockerfile {
  path: string;
  /** Parser directives, lower-case names: `syntax`, `escape`, `check`. */
  directives: Record<string, string>;
  /** The 1-based line of each parser directive. */
  directiveLines: Record<string, number>;
  escape: "\\" | "`";
  instructions: DockerInstruction[];
  stages: DockerStage[];
  /** Lines that are a template engine's tags (`{% if … %}`), left out: the file is a template. */
  templateLines: number[];
  /** ARG and ENV values in scope at an instruction (global ARGs for a FROM); shared, not to be changed. */
  scopeAt(instruction: DockerInstruction): ReadonlyMap<string, string | undefined>;
  /** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`… with the scope at an instruction, and removes quotes as BuildKit does for FROM, ADD, COPY and USER words. */
  expand(text: string, instruction: DockerInstruction): Expansion;
  /** What `COPY --from=x` (or a FROM's image) names, seen from an instruction. */
  source(value: string, instruction: DockerInstruction): StageSource;
}

/** The result of substitution: the text and the variables that had no value. */
export interface Expansion {
  value: string;
  missing: string[];
}

/** Instructions BuildKit knows. Anything else is an error there, and a parse failure here. */
const KEYWORDS = new Set(["FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"]);
/** Variables BuildKit defines for every build (their values depend on the builder). */
const PREDEFINED = ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"];
const MAX_TEXT = 4 * 1024 * 1024;
/**
 * Instructions, and ARG/ENV names, read at most: a rule that asks the scope at each instruction
 * copies it at each ARG or ENV after, so their product bounds that work (real Dockerfiles hold a
 * few hundred instructions and a few dozen names).
 */
const MAX_INSTRUCTIONS = 20_000;
const MAX_VARIABLES = 1000;
/** A variable's value is followed up to this length: `ENV A=$A$A` written forty times would double past any memory. */
const MAX_EXPANDED = 64 * 1024;

/** The Dockerfile parser, for `ctx.parse(path, dockerfileParser)`. */
export const dockerfileParser: Parser<Dockerfile> = {
  id: "dockerfile",
  parse: (file) => parseDockerfile(file),
};

/** Suffixes of documents, templates, data, backups and archives about Dockerfiles (`Dockerfile.md`, `Dockerfile.j2`). */
const NOT_DOCKERFILE = /(?:^|\.)(?:md|markdown|txt|rst|adoc|html?|pdf|j2|jinja2?|tpl|tmpl|template|mustache|hbs|erb|ejs|in|json|ya?ml|toml|ini|cfg|xml|lock|log|diff|patch|bak|old|orig|rej|swp|tmp|zip|gz|tgz|tar|png|svg|dockerignore)$/;
/** Source and script extensions: `dockerfile.go`, `dockerfile_parser.rs` are code; `Dockerfile.java` may be the Java image's. */
const CODE = /(?:^|\.)(?:go|py|pyc|js|mjs|cjs|ts|tsx|jsx|sh|bash|zsh|ps1|bat|cmd|rs|c|cc|cpp|h|hpp|cs|java|kt|kts|scala|groovy|gradle|rb|php|pl|pm|lua|swift|dart|ex|exs|hs|ml|clj|r|jl|nix)$/;

/** True for paths that name a Dockerfile or Containerfile (`Dockerfile`, `app.Dockerfile`, `Dockerfile.prod`, `Containerfile`). */
export function isDockerfilePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const base = name.toLowerCase();
  if (base === "dockerfile" || base === "containerfile") return true;
  if (base.endsWith(".dockerfile") || base.endsWith(".containerfile")) return true;
  const m = /^(?:dockerfile|containerfile)([._-])([a-z0-9_.-]{1,60})$/.exec(base);
  if (m === null) return false;
  const suffix = m[2] as string;
  // `Dockerfile.prod`, `Dockerfile-dev`, `Dockerfile_alpine`; not documents or templates about them,
  // nor the code of tools about Dockerfiles (`dockerfile.go`, `dockerfile-lint.sh`,
  // `Dockerfile_parser.rs`), which would read as unparsable Dockerfiles and leave every
  // Dockerfile rule incomplete. A capitalised `Dockerfile.<language>` may be that language's image
  // (or a class named Dockerfile, which the parser then reads as no Dockerfile).
  if (NOT_DOCKERFILE.test(suffix)) return false;
  return !CODE.test(suffix) || (/^[DC]/.test(name) && m[1] === "." && !suffix.includes("."));
}

/** True for `Dockerfile`, `Containerfile`, `app.Dockerfile`: names that say the file is one, whatever it holds. */
function canonicalName(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return base === "dockerfile" || base === "containerfile" || base.endsWith(".dockerfile") || base.endsWith(".containerfile");
}

/**
 * Parses a Dockerfile; throws ParseFailure (with its position) for an unknown instruction, except
 * as the first line of a file only named like a variant (`Dockerfile.java`), read as empty.
 */
export function parseDockerfile(file: TextFile): Dockerfile {
  const text = file.text;
  if (text.length > MAX_TEXT) throw new ParseFailure(`over ${MAX_TEXT / 1024 / 1024} MiB; not parsed`, 1, 1);
  const span = (start: number, end: number): DockerSpan => {
    const a = file.positionAt(start);
    const b = file.positionAt(Math.max(start, end - 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset: start, endOffset: Math.max(start, end) };
  };

  // Physical lines with their offsets; `\r\n` endings are kept out of the line text.
  const lines: { start: number; text: string }[] = [];
  for (let i = 0; i <= text.length; ) {
    const nl = text.indexOf("\n", i);
    const end = nl < 0 ? text.length : nl;
    const t = text.slice(i, end);
    lines.push({ start: i, text: t.endsWith("\r") ? t.slice(0, -1) : t });
    if (nl < 0) break;
    i = nl + 1;
  }

  // Parser directives: only at the very top, before any comment, blank line or instruction.
  const directives: Record<string, string> = {};
  const directiveLines: Record<string, number> = {};
  let li = 0;
  for (; li < lines.length; li++) {
    const m = /^#[ \t]{0,100}([A-Za-z]{1,20})[ \t]{0,100}=[ \t]{0,100}(\S(?:.{0,1000}\S)?)[ \t]*$/.exec((lines[li] as { text: string }).text);
    const name = m?.[1]?.toLowerCase();
    if (!m || !name || !["syntax", "escape", "check"].includes(name) || name in directives) break;
    directives[name] = m[2] as string;
    directiveLines[name] = li + 1;
  }
  const escape: "\\" | "`" = directives["escape"] === "`" ? "`" : "\\";

  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  const templateLines: number[] = [];
  let stage = -1;
  for (; li < lines.length; li++) {
    const line = lines[li] as { start: number; text: string };
    const lead = /^[ \t]*/.exec(line.text)?.[0].length ?? 0;
    if (lead === line.text.length || line.text[lead] === "#") continue;
    // The keyword, then the logical line: continuations joined, comment and blank lines inside dropped.
    const kwMatch = /^[^\s]{1,64}/.exec(line.text.slice(lead));
    const kwRaw = kwMatch?.[0] ?? "";
    const keyword = kwRaw.toUpperCase();
    const kwStart = line.start + lead;
    if (!KEYWORDS.has(keyword)) {
      // A Dockerfile that is itself a template (cookiecutter's `{% if … %}` lines, a Go template's
      // `{{- if … }}`, ERB's `<% … %>`): the tag line is rendered away before any build; the
      // instructions around it are read (every branch, as written).
      if (/^(?:\{[%#{]|<%)/.test(kwRaw)) {
        templateLines.push(li + 1);
        continue;
      }
      // `Dockerfile.java` may be the Java image's Dockerfile or a class named Dockerfile: a file
      // only named like a variant, whose first line is no instruction, is not a Dockerfile at all
      // (BuildKit could not build it either); read as one with nothing in it.
      if (instructions.length === 0 && !canonicalName(file.path)) {
        li = lines.length;
        break;
      }
      const p = file.positionAt(kwStart);
      throw new ParseFailure(`unknown instruction \`${kwRaw.slice(0, 40)}\``, p.line, p.column);
    }
    if (instructions.length >= MAX_INSTRUCTIONS) {
      const p = file.positionAt(kwStart);
      throw new ParseFailure(`more than ${MAX_INSTRUCTIONS.toLocaleString("en-US")} instructions; not parsed`, p.line, p.column);
    }
    const segments: { logical: number; source: number; length: number }[] = [];
    let args = "";
    let end = line.start + line.text.length;
    const push = (source: number, t: string): void => {
      if (t.length === 0) return;
      segments.push({ logical: args.length, source, length: t.length });
      args += t;
    };
    let first = line.text.slice(lead + kwRaw.length);
    let firstStart = kwStart + kwRaw.length;
    for (;;) {
      const cont = continued(first, escape);
      if (cont === undefined) {
        push(firstStart, first);
        break;
      }
      push(firstStart, first.slice(0, cont));
      // The next line that is not blank or a comment continues this one.
      let next = li + 1;
      while (next < lines.length && /^[ \t]*(?:#|$)/.test((lines[next] as { text: string }).text)) next++;
      if (next >= lines.length) {
        li = lines.length - 1;
        break;
      }
      li = next;
      const nl = lines[li] as { start: number; text: string };
      first = nl.text;
      firstStart = nl.start;
      end = nl.start + nl.text.length;
    }
    // Leading blanks after the keyword are not part of the arguments.
    const trimmedLead = args.length - args.trimStart().length;
    const shifted = shiftSegments(segments, trimmedLead);
    args = args.slice(trimmedLead).trimEnd();
    const sourceOffset = (i: number): number => {
      let lo = 0;
      let hi = shifted.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((shifted[mid] as { logical: number }).logical <= i) lo = mid;
        else hi = mid - 1;
      }
      const seg = shifted[lo];
      if (!seg) return firstStart;
      return seg.source + Math.min(i - seg.logical, seg.length);
    };
    const argsSpan = (s: number, e: number): DockerSpan => span(sourceOffset(s), e > s ? sourceOffset(e - 1) + 1 : sourceOffset(s));

    const { flags, pos } = leadingFlags(args, 0, argsSpan);
    const rest = args.slice(pos);
    const restStart = pos;
    const restSpan = (s: number, e: number): DockerSpan => argsSpan(restStart + s, restStart + e);
    const restOffset = (i: number): number => sourceOffset(restStart + i);

    // ONBUILD wraps one instruction, parsed as that instruction (BuildKit's parseOnBuild); it
    // refuses ONBUILD, FROM and MAINTAINER as triggers when it parses the file.
    let trigger: Omit<DockerInstruction, "stage" | "index" | "span"> | undefined;
    if (keyword === "ONBUILD") {
      const tk = /^[^\s]{1,64}/.exec(rest)?.[0] ?? "";
      const inner = tk.toUpperCase();
      if (inner === "ONBUILD" || inner === "FROM" || inner === "MAINTAINER") {
        const p = file.positionAt(restOffset(0));
        throw new ParseFailure(`\`ONBUILD ${inner}\` is not allowed`, p.line, p.column);
      }
      if (KEYWORDS.has(inner)) {
        let at = tk.length;
        while (rest[at] === " " || rest[at] === "\t") at++;
        const sub = leadingFlags(rest, at, restSpan);
        const innerRest = rest.slice(sub.pos);
        trigger = {
          keyword: inner,
          keywordSpan: restSpan(0, tk.length),
          flags: sub.flags,
          args: innerRest,
          argsSpan: (s, e) => restSpan(sub.pos + s, sub.pos + e),
          sourceOffset: (i) => restOffset(sub.pos + i),
          form: "shell",
          exec: undefined,
          heredocs: [],
        };
      }
    }

    // Heredocs (RUN, COPY, ADD, and those as ONBUILD's trigger): their bodies follow the instruction's last line.
    const heredocs: DockerHeredoc[] = [];
    const heredocKeyword = trigger?.keyword ?? keyword;
    const heredocArgs = trigger?.args ?? rest;
    // BuildKit looks for them in the shell words of the line (quotes kept), never in exec form:
    // `RUN ["sh", "-c", "cat <<EOF"]` and `RUN echo "x <<EOF"` have none.
    if ((heredocKeyword === "RUN" || heredocKeyword === "COPY" || heredocKeyword === "ADD") && execForm(heredocArgs) === undefined) {
      const quoted = quotedPositions(heredocArgs);
      const re = /(?:^|[\s>])\d{0,3}<<(-?)[ \t]{0,10}(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,100})\2/g;
      for (let m = re.exec(heredocArgs); m; m = re.exec(heredocArgs)) {
        if (quoted[m.index + m[0].indexOf("<<")] === 1) continue;
        const delimiter = m[3] as string;
        const stripTabs = m[1] === "-";
        const bodyStartLine = li + 1;
        let k = bodyStartLine;
        while (k < lines.length && (stripTabs ? (lines[k] as { text: string }).text.replace(/^\t+/, "") : (lines[k] as { text: string }).text) !== delimiter) k++;
        // BuildKit refuses a here-document with no end line ("unterminated heredoc"): reading the
        // rest of the file as its body would hide every instruction after it.
        if (k >= lines.length) {
          const p = file.positionAt(trigger ? trigger.sourceOffset(m.index) : restOffset(m.index));
          const indented = lines.slice(bodyStartLine).some((l) => l.text.trim() === delimiter);
          throw new ParseFailure(`unterminated here-document \`<<${stripTabs ? "-" : ""}${delimiter}\`: no line is \`${delimiter}\` alone${indented ? " (an indented end line counts only after <<-, and only with tabs)" : ""}`, p.line, p.column);
        }
        const bodyOffset = (lines[bodyStartLine] as { start: number } | undefined)?.start ?? text.length;
        const bodyEnd = k < lines.length ? (lines[k] as { start: number }).start : text.length;
        heredocs.push({ delimiter, stripTabs, quoted: m[2] !== "", body: text.slice(bodyOffset, bodyEnd), bodyOffset, span: span(bodyOffset, Math.max(bodyOffset + 1, bodyEnd)) });
        li = Math.min(k, lines.length - 1);
        const last = lines[li] as { start: number; text: string };
        end = last.start + last.text.length;
      }
    }

    const exec = execForm(rest);
    if (keyword === "FROM") stage++;
    const instruction: DockerInstruction = {
      keyword,
      span: span(kwStart, Math.max(end, kwStart + kwRaw.length)),
      keywordSpan: span(kwStart, kwStart + kwRaw.length),
      flags,
      args: rest,
      argsSpan: restSpan,
      sourceOffset: restOffset,
      form: exec ? "exec" : "shell",
      exec,
      heredocs: trigger ? [] : heredocs,
      stage,
      index: instructions.length,
    };
    if (trigger) {
      const innerExec = execForm(trigger.args);
      instruction.trigger = { ...trigger, span: instruction.span, form: innerExec ? "exec" : "shell", exec: innerExec, heredocs, stage, index: instruction.index };
    }
    instructions.push(instruction);
    if (keyword === "FROM") stages.push(fromStage(instruction, stages.length));
    else if (stage >= 0) (stages[stage] as DockerStage).instructions.push(instruction);
  }

  const names = new Set<string>();
  for (const i of instructions) {
    if (i.keyword !== "ARG" && i.keyword !== "ENV") continue;
    for (const [k] of i.keyword === "ARG" ? argPairs(i.args) : envPairs(i.args)) names.add(k);
    if (names.size > MAX_VARIABLES) throw new ParseFailure(`more than ${MAX_VARIABLES.toLocaleString("en-US")} ARG and ENV names; not parsed`, i.keywordSpan.line, i.keywordSpan.column);
  }
  const scopes = new Scopes(instructions, stages, escape);
  const model: Dockerfile = {
    path: file.path,
    directives,
    directiveLines,
    escape,
    instructions,
    stages,
    templateLines,
    scopeAt: (ins) => scopes.at(ins),
    expand: (t, ins) => expand(t, scopes.at(ins), escape, true),
    source: (value, ins) => sourceOf(value, ins, stages, (t) => expand(t, scopes.at(ins), escape, true), scopes.stagesNamed),
  };
  // FROM images resolve with the global ARGs (those before the first FROM).
  for (const st of stages) {
    const ex = model.expand(st.image, st.from);
    st.resolved = ex.value;
    const base = sourceOf(ex.value, st.from, stages, (t) => ({ value: t, missing: [] }), scopes.stagesNamed);
    // A build argument with no value is empty, and the build goes on with what is left: judged
    // when that still names something (a registry prefix left out); when it does not (`FROM
    // $BASE`, `node:$TAG`), the build fails unless the caller names the image.
    if (ex.missing.length === 0) st.base = base;
    else if (base.kind !== "unresolved" && ex.value.trim() !== "") {
      st.base = base;
      st.emptyArgs = ex.missing;
    } else st.base = { kind: "unresolved", value: ex.value, missing: ex.missing };
    const plat = st.from.flags.find((f) => f.name === "platform")?.value;
    if (plat !== undefined) st.platform = plat;
  }
  return model;
}

/**
 * 1 at each offset of `text` inside shell quotes (or escaped), 0 elsewhere, read as BuildKit's
 * lexer reads the line when it looks for heredocs: `'…'` takes everything literally, `"…"` and
 * unquoted text take `\` as an escape.
 */
function quotedPositions(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out[i] = 1;
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) out[++i] = 1;
    } else if (c === "'" || c === '"') {
      out[i] = 1;
      quote = c;
    } else if (c === "\\" && i + 1 < text.length) {
      out[i] = 1;
      out[++i] = 1;
    }
  }
  return out;
}

/** The leading `--name[=value]` words of `args` from `pos`, and where the rest starts. */
function leadingFlags(args: string, from: number, argsSpan: (s: number, e: number) => DockerSpan): { flags: DockerFlag[]; pos: number } {
  const flags: DockerFlag[] = [];
  let pos = from;
  for (;;) {
    const m = /^--([A-Za-z][A-Za-z0-9-]{0,40})(?:=(\S{0,2000}))?(?=\s|$)/.exec(args.slice(pos, pos + 2100));
    if (!m) break;
    flags.push({ name: m[1]?.toLowerCase() as string, value: m[2], span: argsSpan(pos, pos + m[0].length) });
    pos += m[0].length;
    while (args[pos] === " " || args[pos] === "\t") pos++;
  }
  return { flags, pos };
}

/** Where the escape character that continues a line is, or undefined when the line does not continue. */
function continued(line: string, escape: string): number | undefined {
  let e = line.length;
  while (e > 0 && (line[e - 1] === " " || line[e - 1] === "\t")) e--;
  return e > 0 && line[e - 1] === escape ? e - 1 : undefined;
}

function shiftSegments(segments: { logical: number; source: number; length: number }[], by: number): { logical: number; source: number; length: number }[] {
  const out: { logical: number; source: number; length: number }[] = [];
  for (const s of segments) {
    const from = Math.max(0, by - s.logical);
    if (from >= s.length) continue;
    out.push({ logical: s.logical + from - by, source: s.source + from, length: s.length - from });
  }
  return out;
}

/** An exec-form array (`["a", "b"]`) with each string's offsets; undefined for shell form. */
function execForm(rest: string): ExecItem[] | undefined {
  if (!rest.startsWith("[")) return undefined;
  const items: ExecItem[] = [];
  let i = 1;
  const ws = (): void => {
    while (i < rest.length && /\s/.test(rest[i] as string)) i++;
  };
  ws();
  if (rest[i] === "]") return rest.slice(i + 1).trim() === "" ? items : undefined;
  for (;;) {
    ws();
    if (rest[i] !== '"') return undefined;
    const start = i;
    i++;
    while (i < rest.length && rest[i] !== '"') i += rest[i] === "\\" ? 2 : 1;
    if (i >= rest.length) return undefined;
    i++;
    let value: string;
    try {
      value = JSON.parse(rest.slice(start, i)) as string;
    } catch {
      return undefined;
    }
    items.push({ value, start, end: i });
    ws();
    if (rest[i] === ",") {
      i++;
      continue;
    }
    if (rest[i] === "]") return rest.slice(i + 1).trim() === "" ? items : undefined;
    return undefined;
  }
}

/** A FROM's stage: image, name, platform (resolved later, once the model exists). */
function fromStage(from: DockerInstruction, index: number): DockerStage {
  const words: { value: string; start: number; end: number }[] = [];
  // A template's `{{ placeholder }}` is one word with its blanks (offsets unchanged).
  const text = from.args.replace(/\{\{[^{}\n]{0,200}\}\}/g, (t) => t.replace(/\s/g, "_"));
  const re = /\S{1,4096}/g;
  for (let m = re.exec(text); m && words.length < 4; m = re.exec(text)) words.push({ value: from.args.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  const image = words[0] ?? { value: "", start: 0, end: 0 };
  const named = words[1]?.value.toLowerCase() === "as" && words[2] ? words[2] : undefined;
  return {
    index,
    name: named?.value.toLowerCase(),
    nameSpan: named ? from.argsSpan(named.start, named.end) : undefined,
    from,
    image: image.value,
    imageSpan: image.end > image.start ? from.argsSpan(image.start, image.end) : from.keywordSpan,
    resolved: image.value,
    emptyArgs: [],
    platform: undefined,
    base: { kind: "unresolved", value: image.value, missing: [] },
    instructions: [],
  };
}

/** What a name refers to from an instruction: an earlier stage (by name or index), scratch, or an image. */
function sourceOf(value: string, ins: DockerInstruction, stages: readonly DockerStage[], exp: (t: string) => Expansion, named: ReadonlyMap<string, readonly number[]>): StageSource {
  const ex = exp(value);
  if (ex.missing.length > 0) return { kind: "unresolved", value: ex.value, missing: ex.missing };
  const v = ex.value.trim();
  const limit = ins.keyword === "FROM" ? ins.stage : ins.stage + 1;
  const lower = v.toLowerCase();
  // The first stage of that name before the limit, other than the instruction's own (at most the second one listed).
  for (const i of named.get(lower) ?? []) {
    if (i >= Math.min(limit, stages.length)) break;
    if (i !== ins.stage) return { kind: "stage", stage: i };
  }
  if (ins.keyword !== "FROM" && /^\d{1,4}$/.test(v) && Number(v) < stages.length) return { kind: "stage", stage: Number(v) };
  if (lower === "scratch") return { kind: "scratch" };
  const ref = parseImageRef(v);
  return ref ? { kind: "image", ref } : { kind: "unresolved", value: v, missing: [] };
}

type Scope = Map<string, string | undefined>;

/**
 * ARG and ENV values at each instruction: the global ARGs (those before the first FROM) for a
 * FROM; for any other, its stage's, which start with the environment the stage it is built FROM
 * leaves in its image (ENV is inherited, ARG is not). Rules ask at one instruction after another,
 * so each stage's scope goes on from the last one asked rather than from the stage's start, and
 * each stage's final scope is kept for the stages built on it: linear in the file, where reading
 * every stage again from its start at each ask took minutes on a hostile file of a megabyte.
 */
class Scopes {
  /** The first two stage indexes of each lower-case name, in order. */
  readonly stagesNamed = new Map<string, number[]>();
  private global: Scope | undefined;
  /** Per stage, in order, its scope after its last instruction and the ENV names it and the stages under it set. */
  private readonly finals: { scope: Scope; envKeys: Set<string> }[] = [];
  /** The scope last handed out (`given`: it may no longer change) and where it stands in its stage. */
  private cursor: { stage: number; pos: number; scope: Scope; envKeys: Set<string>; given: boolean } | undefined;

  constructor(
    private readonly instructions: readonly DockerInstruction[],
    private readonly stages: readonly DockerStage[],
    private readonly escape: string,
  ) {
    // The first two of each name are all sourceOf can return (the first other than the asking stage's own).
    for (const st of stages) {
      if (st.name === undefined) continue;
      const listed = this.stagesNamed.get(st.name);
      if (!listed) this.stagesNamed.set(st.name, [st.index]);
      else if (listed.length < 2) listed.push(st.index);
    }
  }

  /** The scope at `ins` (before it runs). */
  at(ins: DockerInstruction): ReadonlyMap<string, string | undefined> {
    const global = this.globals();
    if (ins.keyword === "FROM" || ins.stage < 0) return global;
    const st = this.stages[ins.stage];
    if (!st) return predefined();
    let c = this.cursor;
    if (!c || c.stage !== st.index || (st.instructions[c.pos]?.index ?? Number.MAX_SAFE_INTEGER) > ins.index) {
      const start = this.start(st);
      c = this.cursor = { stage: st.index, pos: 0, scope: start.scope, envKeys: start.envKeys, given: false };
    }
    for (; c.pos < st.instructions.length; c.pos++) {
      const i = st.instructions[c.pos] as DockerInstruction;
      if (i.index >= ins.index) break;
      if (c.given && (i.keyword === "ARG" || i.keyword === "ENV")) {
        c.scope = new Map(c.scope);
        c.given = false;
      }
      this.apply(i, c.scope, c.envKeys, global);
    }
    c.given = true;
    return c.scope;
  }

  private globals(): Scope {
    if (!this.global) {
      const g = predefined();
      for (const i of this.instructions) {
        if (i.keyword === "FROM") break;
        if (i.keyword === "ARG") for (const [k, v] of argPairs(i.args)) g.set(k, v === undefined ? g.get(k) : bounded(expand(v, g, this.escape), g));
      }
      this.global = g;
    }
    return this.global;
  }

  /** A stage's scope before its first instruction, with what its base stage's environment passes on. */
  private start(st: DockerStage): { scope: Scope; envKeys: Set<string> } {
    const scope = predefined();
    const parent = st.base.kind === "stage" ? st.base.stage : -1;
    if (parent < 0 || parent >= st.index) return { scope, envKeys: new Set() };
    const base = this.final(parent);
    for (const k of base.envKeys) scope.set(k, base.scope.get(k));
    return { scope, envKeys: new Set(base.envKeys) };
  }

  /** A stage's scope after its last instruction; every earlier stage's is computed first, in order (no recursion down a chain of stages). */
  private final(index: number): { scope: Scope; envKeys: Set<string> } {
    const global = this.globals();
    for (let k = this.finals.length; k <= index; k++) {
      const st = this.stages[k] as DockerStage;
      const s = this.start(st);
      for (const i of st.instructions) this.apply(i, s.scope, s.envKeys, global);
      this.finals.push(s);
    }
    return this.finals[index] as { scope: Scope; envKeys: Set<string> };
  }

  private apply(i: DockerInstruction, scope: Scope, envKeys: Set<string>, global: Scope): void {
    if (i.keyword === "ARG") for (const [k, v] of argPairs(i.args)) scope.set(k, v === undefined ? (scope.get(k) ?? global.get(k)) : bounded(expand(v, scope, this.escape), scope));
    if (i.keyword === "ENV")
      for (const [k, v] of envPairs(i.args)) {
        scope.set(k, bounded(expand(v, scope, this.escape), scope));
        envKeys.add(k);
      }
  }
}

/** The variables BuildKit predefines, with no value known. */
function predefined(): Scope {
  const scope: Scope = new Map();
  for (const p of PREDEFINED) scope.set(p, undefined);
  return scope;
}

/**
 * An expansion's value, or unknown when it grew past what is followed, or when it took in a
 * value no longer followed (`ENV A=$A$A` after A grew too long): unknown stays unknown, not empty.
 */
function bounded(ex: Expansion, scope: Scope): string | undefined {
  if (ex.value.length >= MAX_EXPANDED) return undefined;
  return ex.missing.some((m) => scope.has(m) && !PREDEFINED.includes(m)) ? undefined : ex.value;
}

/** `ARG a=1 b` → [[a, 1], [b, undefined]]. */
function argPairs(args: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const w of words(args)) {
    const eq = w.indexOf("=");
    out.push(eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)]);
  }
  return out;
}

/** `ENV a=1 b="x y"` or the legacy `ENV a 1 2`. */
function envPairs(args: string): [string, string][] {
  const ws = words(args);
  if (ws.length > 0 && !(ws[0] as string).includes("=")) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(args.trim());
    return m ? [[m[1] as string, m[2] as string]] : [];
  }
  return ws.map((w) => {
    const eq = w.indexOf("=");
    return eq < 0 ? [w, ""] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Whitespace-separated words, with double and single quotes removed (values keep `$`). */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      const e = close < 0 ? s.length : close;
      cur += s.slice(i + 1, e);
      has = true;
      i = e;
    } else if (c === "\\" && i + 1 < s.length) {
      cur += s[i + 1];
      has = true;
      i++;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/**
 * Substitutes variables as the Dockerfile reference describes (`$x`, `${x}`, `${x:-d}`, `${x:+a}`, `${x-d}`…).
 * With `quotes`, also removes quotes as BuildKit's word processing does for FROM, ADD, COPY and USER
 * (`debian:bookworm-"${TAG}"` is `debian:bookworm-20250113`): nothing is expanded inside single quotes.
 */
export function expand(text: string, scope: ReadonlyMap<string, string | undefined>, escape: string = "\\", quotes = false): Expansion {
  let value = "";
  const missing: string[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === escape && text[i + 1] === "$") {
      value += "$";
      i += 2;
      continue;
    }
    if (quotes && c === escape && (text[i + 1] === '"' || text[i + 1] === "'")) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (quotes && c === "'") {
      const close = text.indexOf("'", i + 1);
      const e = close < 0 ? text.length : close;
      value += text.slice(i + 1, e);
      i = e + 1;
      continue;
    }
    if (quotes && c === '"') {
      i++;
      continue;
    }
    if (c !== "$") {
      value += c;
      i++;
      continue;
    }
    if (text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close < 0) {
        value += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]{0,200})(?:(:?[-+?])([\s\S]*))?$/.exec(inner);
      if (!m) {
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const name = m[1] as string;
      const op = m[2];
      const word = m[3] ?? "";
      const has = scope.get(name) !== undefined;
      const v = scope.get(name) ?? "";
      if (op === ":-" || op === "-") {
        if ((op === ":-" && v !== "") || (op === "-" && has)) value += v;
        else value += expand(word, scope, escape, quotes).value;
      } else if (op === ":+" || op === "+") {
        if ((op === ":+" && v !== "") || (op === "+" && has)) value += expand(word, scope, escape, quotes).value;
      } else {
        if (!has) missing.push(name);
        value += v;
      }
      i = close + 1;
      if (value.length >= MAX_EXPANDED) return overflow(value, name, missing);
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]{0,200}/.exec(text.slice(i + 1, i + 202));
    if (!m) {
      value += "$";
      i++;
      continue;
    }
    const name = m[0];
    if (scope.get(name) === undefined) missing.push(name);
    value += scope.get(name) ?? "";
    i += 1 + name.length;
    if (value.length >= MAX_EXPANDED) return overflow(value, name, missing);
  }
  return { value, missing };
}

/** An expansion cut at MAX_EXPANDED: the variable that took it there counts as unknown, so nothing is judged on a value not followed to its end. */
function overflow(value: string, name: string, missing: string[]): Expansion {
  return { value: value.slice(0, MAX_EXPANDED), missing: missing.includes(name) ? missing : [...missing, name] };
}
