/** Types every rule file imports, gathered so rule files read top to bottom without import noise. */
export type { Family, Rule, RuleContext, RuleMeta } from "../core/rule.js";
export type { TextFile as TextFileLike, FileEntry } from "../core/files.js";
export type { TextEdit } from "../core/finding.js";
export type { Forge } from "../core/forge.js";
