import { loopValues, referenceName } from "../../ecosystems/shell/assignments.js";
import { effectiveWords, programName, splitCommands, allCommands, type ShellWord } from "../../ecosystems/shell/split.js";
import { dockerRunScripts } from "../supply-chain/lib/sources.js";
import type { Rule } from "../types.js";
import { dockerfiles } from "./lib/dockerfiles.js";
import { deployMeta } from "./lib/meta.js";
import { confidenceFor } from "./lib/inputs.js";
import { principle } from "./lib/principles.js";

/** How each package manager installs, and how a pinned package looks to it. */
const MANAGERS: Record<string, { install: readonly string[]; pinned: RegExp; example: string; hadolint: string }> = {
  "apt-get": { install: ["install"], pinned: /^[^=\s]+=\S+$/, example: "curl=8.5.0-2ubuntu10.6", hadolint: "DL3008" },
  apt: { install: ["install"], pinned: /^[^=\s]+=\S+$/, example: "curl=8.5.0-2ubuntu10.6", hadolint: "DL3008" },
  // apk's world constraints: `=`, `~` (a version prefix, as `apt-get install curl=8.5.*`), `<`, `>`, `<=`, `>=`, `~=`.
  apk: { install: ["add"], pinned: /^[^=~<>\s]+(?:[<>]=?|~=?|=)\S+$/, example: "curl=8.9.1-r2", hadolint: "DL3018" },
  yum: { install: ["install"], pinned: /^[A-Za-z0-9_.+-]+-\d[\w.:+~-]*$/, example: "curl-7.76.1-29.el9", hadolint: "DL3033" },
  dnf: { install: ["install"], pinned: /^[A-Za-z0-9_.+-]+-\d[\w.:+~-]*$/, example: "curl-7.76.1-29.el9", hadolint: "DL3041" },
  microdnf: { install: ["install"], pinned: /^[A-Za-z0-9_.+-]+-\d[\w.:+~-]*$/, example: "curl-7.76.1-29.el9", hadolint: "DL3041" },
  zypper: { install: ["install", "in"], pinned: /^[^=<>\s]+(?:=|>=|<=)\S+$/, example: "curl=8.6.0", hadolint: "DL3037" },
};

export const rule: Rule = {
  meta: deployMeta({
    id: "deploy/dockerfile-unpinned-os-packages",
    title: "Dockerfile installs OS packages without versions",
    severity: "low",
    check: "Pinned-Dependencies",
    references: [
      { title: "hadolint DL3008 (apt-get), DL3018 (apk), DL3033 (yum), DL3041 (dnf), DL3037 (zypper)", url: "https://github.com/hadolint/hadolint#rules" },
      { title: "Docker: best practices for apt-get", url: "https://docs.docker.com/build/building/best-practices/#apt-get" },
    ],
    rationale:
      "`apt-get install curl` takes whatever version the mirror has at build time: two builds of one commit differ, and a rebuild can pull in a regression or a compromised package nobody reviewed. CN8 principle 4: a pinned version is what lets a project move to a new, reviewed state on purpose (and back). pip, npm, go and gem installs are reported by supply-chain/unpinned-package-install. A `# hadolint ignore=DL3008` (or the manager's code) above the RUN, or a `# hadolint global ignore=…`, is honoured as hadolint honours it: the project decided. `ONBUILD RUN` is read as a RUN, as hadolint reads it: it runs in every image built FROM this one. Packages named by an ARG or ENV default (`ARG PKGS=\"curl git\"`, then `apt-get install $PKGS`) are judged as a build that passes no `--build-arg` installs them.",
    remediation: "Pin each package to the version the image was tested with (`apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.6`, `apk add curl=8.9.1-r2`), and let Renovate or Dependabot propose updates; or build on a base image that is itself pinned by digest and install nothing.",
  }),

  async run(ctx) {
    for (const df of await dockerfiles(ctx)) {
      const file = await ctx.readText(df.path);
      if (!file) continue;
      const lines = file.text.split("\n");
      const ignoredEverywhere = hadolintIgnored(lines.filter((l) => HADOLINT_GLOBAL.test(l)));
      for (const src of dockerRunScripts(df, file)) {
        if (src.powershell) continue;
        const ignored = new Set([...ignoredEverywhere, ...(src.instruction ? hadolintIgnored(commentsAbove(lines, src.instruction.span.line)) : [])]);
        const commands = allCommands(splitCommands(src.script)).map((c) => c.command);
        const scope = src.instruction ? df.scopeAt(src.instruction) : undefined;
        const loops = loopValues(commands);
        for (const command of commands) {
          const words = inLoop(effectiveWords(command), loops.get(command));
          const tool = programName(words[0]);
          const m = MANAGERS[tool];
          if (!m || ignored.has(m.hadolint)) continue;
          const verbAt = words.findIndex((w, i) => i > 0 && m.install.includes(w.value));
          if (verbAt < 0 || !onlyOptions(words.slice(1, verbAt))) continue;
          const pkgs = packages(words.slice(verbAt + 1)).flatMap((w) => fromBuildVariable(w, scope, src.script));
          const unpinned = pkgs.filter((w) => !m.pinned.test(w.value) && !w.value.includes("$") && !/\.(?:rpm|deb|apk)$/.test(w.value) && !w.value.includes("/"));
          if (unpinned.length === 0) continue;
          const first = unpinned[0] as ShellWord;
          ctx.report({
            message: `${tool} ${words[verbAt]?.value} installs ${unpinned.map((w) => w.value).slice(0, 8).join(", ")}${unpinned.length > 8 ? ` and ${unpinned.length - 8} more` : ""} without a version [${principle(4).split(" ")[0]}]`,
            locations: [src.locate(first.start, (unpinned[unpinned.length - 1] as ShellWord).end)],
            snippet: src.script.slice(command.start, Math.min(command.end, command.start + 300)),
            evidence: { source: "dockerfile", manager: tool, packages: unpinned.map((w) => w.value).slice(0, 50), principle: principle(4) },
            key: `${df.path}#${tool}:${unpinned.map((w) => w.value).join(",")}`,
            fix: `${tool} ${m.install[0]} ${tool.startsWith("apt") ? "-y --no-install-recommends " : ""}${unpinned.map((w) => `${w.value}${tool === "yum" || tool === "dnf" || tool === "microdnf" ? "-<version>" : "=<version>"}`).slice(0, 4).join(" ")}  # e.g. ${m.example}`,
            confidence: confidenceFor(df.path),
          });
        }
      }
    }
  },
};

const HADOLINT_GLOBAL = /^\s{0,100}#\s{0,20}hadolint\s{1,20}global\s/;

/**
 * The hadolint rules that `# hadolint ignore=DL3008,DL3015` (or `# hadolint global ignore=…`)
 * comments switch off. The project reviewed that choice; hadolint honours it, and so does this rule.
 */
function hadolintIgnored(comments: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of comments) {
    const m = /^\s{0,100}#\s{0,20}hadolint\s{1,20}(?:global\s{1,20})?ignore=([\w, ]{1,500})/.exec(text);
    if (m) for (const code of (m[1] as string).split(/[,\s]+/)) if (code) out.add(code.toUpperCase());
  }
  return out;
}

/** The comment lines right above the instruction on `line` (1-based), where hadolint reads its per-instruction pragmas. */
function commentsAbove(lines: readonly string[], line: number): string[] {
  const out: string[] = [];
  for (let i = line - 2; i >= 0 && /^\s{0,100}#/.test(lines[i] ?? ""); i--) out.push(lines[i] as string);
  return out;
}

/**
 * The words with a loop variable (`for p in curl git; do apt-get install -y "$p"; done`) replaced
 * by the items the loop gives it, each at the variable's place.
 */
function inLoop(words: ShellWord[], scope: ReadonlyMap<string, readonly string[]> | undefined): ShellWord[] {
  if (!scope) return words;
  return words.flatMap((w) => {
    const name = w.value.startsWith("$(") ? undefined : referenceName(w.value);
    const items = name === undefined ? undefined : scope.get(name);
    return items ? items.map((value) => ({ ...w, value })) : [w];
  });
}

/**
 * The packages a word that is one ARG or ENV reference stands for (`ARG PKGS="curl git"` then
 * `apt-get install -y $PKGS`): the default the build installs when it passes no other, each at the
 * reference's place. A variable with no value, or one the script sets itself, is left as it is
 * (and so not judged).
 */
function fromBuildVariable(w: ShellWord, scope: ReadonlyMap<string, string | undefined> | undefined, script: string): ShellWord[] {
  const name = w.value.startsWith("$(") ? undefined : referenceName(w.value);
  const value = name === undefined ? undefined : scope?.get(name);
  if (name === undefined || value === undefined || value.includes("$")) return [w];
  if (new RegExp(`(?:^|[\\s;&|(])(?:export\\s{1,20}|local\\s{1,20}|readonly\\s{1,20}|declare\\s{1,20})?${name}=`).test(script)) return [w];
  const items = value.split(/\s+/).filter((v) => v !== "").slice(0, 100);
  // `ARG APT_OPTS="-t bookworm-backports"`: an option's value is no package.
  if (items.some((v) => TAKES_VALUE.has(v))) return [w];
  return items.filter((v) => !v.startsWith("-")).map((v) => ({ ...w, value: v }));
}

/**
 * Options whose value is the next word: apt's `-o`, `-t`, `-c`; apk's `-X`, `-t`/`--virtual`;
 * dnf's and yum's `-x`/`--exclude` (a package kept out, not installed), `--setopt`, repositories.
 */
const TAKES_VALUE = new Set(["-o", "-t", "--target-release", "--repository", "-X", "--enablerepo", "--disablerepo", "--repo", "--setopt", "--root", "--installroot", "--releasever", "--virtual", "-c", "--config", "-x", "--exclude", "--excludepkgs"]);

/** True when the words before the verb are all options or an option's value (`apt-get -o Acquire::Retries=3 install`). */
function onlyOptions(words: readonly ShellWord[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    if (!v.startsWith("-")) return false;
    if (TAKES_VALUE.has(v)) i++;
  }
  return true;
}

/** The package arguments: words after the verb that are not options (and not an option's value). */
function packages(words: readonly ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    if (v.startsWith("-")) {
      if (TAKES_VALUE.has(v)) i++;
      continue;
    }
    out.push(words[i] as ShellWord);
  }
  return out;
}
