// Types for the untyped `spdx-expression-parse` package (CommonJS, default export).
declare module "spdx-expression-parse" {
  export type SpdxLicense = { license: string; plus?: true; exception?: string };
  export type SpdxConjunction = { left: SpdxExpression; conjunction: "and" | "or"; right: SpdxExpression };
  export type SpdxExpression = SpdxLicense | SpdxConjunction;
  /** Parses an SPDX license expression; throws on an invalid one. */
  export default function parse(source: string): SpdxExpression;
}
