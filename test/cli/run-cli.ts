import { cli } from "../../src/cli/main.js";

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process and captures what it prints. The clock is fixed (ASSAY_NOW judges,
 * SOURCE_DATE_EPOCH stamps) so fixtures with dates mean the same thing every day.
 */
export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; tty?: boolean; columns?: number } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, ...(opts.columns !== undefined ? { columns: opts.columns } : {}) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: opts.cwd ?? process.cwd(),
    env: { SOURCE_DATE_EPOCH: "1780272000", ASSAY_NOW: "2026-06-01T00:00:00Z", ...(opts.env ?? {}) },
  });
  return { code, stdout, stderr };
}

/** Every output format the scan command has. */
export const FORMATS = ["text", "json", "sarif", "markdown", "github", "html", "gitlab-sast", "gitlab-codequality"] as const;
