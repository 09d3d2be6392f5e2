import type { Assessment } from "../core/assessment.js";
import { renderGithub } from "./github/render-github.js";
import { renderGitlabCodeQuality, renderGitlabSast } from "./gitlab/render-gitlab.js";
import { renderHtml } from "./html/render-html.js";
import { renderJson } from "./json/render-json.js";
import { renderMarkdown } from "./markdown/render-markdown.js";
import { renderSarif } from "./sarif/render-sarif.js";
import { renderText } from "./text/render-text.js";

export { renderGithub } from "./github/render-github.js";
export { renderGitlabCodeQuality, renderGitlabSast } from "./gitlab/render-gitlab.js";
export { renderHtml, type HtmlOptions } from "./html/render-html.js";
export { renderJson } from "./json/render-json.js";
export { renderMarkdown, type MarkdownOptions } from "./markdown/render-markdown.js";
export { renderSarif } from "./sarif/render-sarif.js";
export { renderText, type TextOptions } from "./text/render-text.js";

/** Every output format, in the order help text lists them. */
export const FORMATS = ["text", "json", "sarif", "markdown", "github", "html", "gitlab-sast", "gitlab-codequality"] as const;
export type Format = (typeof FORMATS)[number];

/** Options any renderer may read; each ignores the ones that do not concern it. */
export interface RenderOptions {
  color?: boolean;
  verbose?: boolean;
  /** The terminal's width, for wrapping the text report; 0 or absent: no wrapping. */
  width?: number;
  maxFindings?: number;
}

/** Type guard for a format named by a user. */
export function isFormat(v: unknown): v is Format {
  return typeof v === "string" && (FORMATS as readonly string[]).includes(v);
}

/** Renders the assessment in one format. */
export function render(a: Assessment, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case "text":
      return renderText(a, { color: options.color ?? false, verbose: options.verbose ?? false, width: options.width ?? 0 });
    case "json":
      return renderJson(a);
    case "sarif":
      return renderSarif(a);
    case "github":
      return renderGithub(a);
    case "markdown":
      return options.maxFindings === undefined ? renderMarkdown(a) : renderMarkdown(a, { maxFindings: options.maxFindings });
    case "gitlab-sast":
      return renderGitlabSast(a);
    case "gitlab-codequality":
      return renderGitlabCodeQuality(a);
    case "html":
      return options.maxFindings === undefined ? renderHtml(a) : renderHtml(a, { maxFindings: options.maxFindings });
  }
}
