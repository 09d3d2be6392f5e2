// The character codes both block-YAML fast paths (yaml-block.ts for documents with positions,
// yaml-fast-data.ts for plain data) test line by line.
export const SP = 32;
export const NL = 10;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const SQ = 39;
export const DQ = 34;
