import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import { renderGitlabCodeQuality, renderGitlabSast } from "../../../src/report/gitlab/render-gitlab.js";
import type { Finding } from "../../../src/core/finding.js";
import { sampleAssessment, sampleWith } from "../sample-assessment.js";

const schema = (name: string): object => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validSast = ajv.compile(schema("./sast-report.schema.json"));
const validCodeQuality = ajv.compile(schema("./codequality-report.schema.json"));

describe("GitLab reports", () => {
  it("writes a SAST security report GitLab's format accepts, with open findings only", () => {
    const a = sampleAssessment();
    const report = JSON.parse(renderGitlabSast(a)) as { vulnerabilities: { id: string; identifiers: { name: string }[]; location: { file: string; start_line: number } }[]; scan: { start_time: string } };
    assert.ok(validSast(report), JSON.stringify(validSast.errors));
    const open = a.findings.filter((f) => f.status === "open");
    assert.equal(report.vulnerabilities.length, open.length);
    assert.equal(new Set(report.vulnerabilities.map((v) => v.id)).size, open.length, "ids are unique");
    assert.deepEqual(report.vulnerabilities.map((v) => v.identifiers[0]?.name), open.map((f) => f.ruleId));
    assert.match(report.scan.start_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // Stable ids: the same finding keeps its id across runs.
    assert.equal(renderGitlabSast(a), renderGitlabSast(sampleAssessment()));
  });

  it("writes a Code Quality report, repository-level findings placed on the repository root", () => {
    const a = sampleAssessment();
    const issues = JSON.parse(renderGitlabCodeQuality(a)) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    assert.ok(validCodeQuality(issues), JSON.stringify(validCodeQuality.errors));
    assert.equal(issues.length, a.findings.filter((f) => f.status === "open").length);
    const repoLevel = a.findings.find((f) => f.status === "open" && f.locations.length === 0);
    if (repoLevel) assert.ok(issues.some((i) => i.check_name === repoLevel.ruleId && i.location.path === "." && i.location.lines.begin === 1));
  });

  it("keeps hostile text as JSON data", () => {
    const a = sampleAssessment();
    const f = a.findings.find((x) => x.status === "open");
    assert.ok(f);
    f.message = '"},{"injected":true}\u0000\n::error::x';
    const report = JSON.parse(renderGitlabSast(a)) as { vulnerabilities: { description: string }[] };
    assert.ok(report.vulnerabilities.some((v) => v.description.startsWith('"},{"injected":true}')));
    assert.ok(validSast(report));
  });

  it("shows a diagnostic naming a hostile path as one line with its controls visible, in the scan's messages", () => {
    const a = sampleAssessment();
    a.diagnostics = [{ level: "warning", code: "parse-error", path: "evil\n%{danger_start}\u001b[31m.yml", line: 3, message: `could not be parsed\r\n${"x".repeat(30_000)}` }];
    const report = JSON.parse(renderGitlabSast(a)) as { scan: { messages: { level: string; value: string }[] } };
    const value = report.scan.messages[0]?.value ?? "";
    assert.doesNotMatch(value, /[\n\r\u001b]/);
    assert.ok(value.length <= 20_000, `${value.length}`);
    assert.ok(validSast(report));
  });

  it("quotes repository text in the Markdown GitLab renders for a vulnerability as inert text", () => {
    const HOSTILE = "![b](https://evil.example/b.png) <img src=https://evil.example/i> [fix it](https://evil.example/) @all #1 www.evil.example";
    const a = sampleAssessment();
    const open = a.findings.filter((x) => x.status === "open");
    const [one, multi] = open;
    assert.ok(one && multi);
    one.message = HOSTILE;
    one.fix = HOSTILE;
    multi.fix = `steps:\n  - run: echo "${HOSTILE}"\n\`\`\`\n<img src=x>`;
    const report = JSON.parse(renderGitlabSast(a)) as { vulnerabilities: { description: string; solution?: string }[] };
    const [d1, d2] = report.vulnerabilities.filter((v) => v.description.includes("evil") || v.solution?.includes("evil"));
    assert.ok(d1 && d2);
    for (const text of [d1.description, d1.solution ?? ""]) {
      assert.doesNotMatch(text, /!\[|<img|(?<!\\)\[fix|https:\/\/|(?<![\w\u2060])@all|#1|www\.e/, text);
      assert.match(text, /!\\\[b\\\]/);
    }
    // A snippet stays whole, in a code block its own backticks cannot close.
    assert.match(d2.solution ?? "", /^````\nsteps:\n {2}- run: echo "!\[b\]\(https:\/\/evil\.example\/b\.png\) <img[^\n]*"\n```\n<img src=x>\n````\n/);
    assert.ok(validSast(report));
  });
});

describe("GitLab Code Quality: what its views show", () => {
  type Issue = { check_name: string; description: string; location: { path: string } };
  const render = (edit: (a: ReturnType<typeof sampleAssessment>, f: Finding) => void): Issue => {
    const a = sampleAssessment();
    const f = a.findings.find((x) => x.status === "open" && x.locations.length > 0);
    assert.ok(f);
    f.fingerprint = "target-finding";
    edit(a, f);
    const issues = JSON.parse(renderGitlabCodeQuality(a)) as (Issue & { fingerprint: string })[];
    assert.ok(validCodeQuality(issues), JSON.stringify(validCodeQuality.errors));
    const issue = issues.find((i) => i.fingerprint === "target-finding");
    assert.ok(issue);
    return issue;
  };

  it("keeps the widget's formatting placeholders out of a message and a rule id, and shows controls", () => {
    // The merge request widget turns %{danger_start}… into styled spans and deletes any other %{word}.
    const issue = render((_, f) => {
      f.message = "ok %{danger_start}Fixed: all clear%{danger_end} %{small_start}hidden %{x} \u202eevil\u001b[2J\nnext";
      f.ruleId = "%{strong_start}repo/x";
    });
    assert.doesNotMatch(issue.description, /%\{/);
    assert.doesNotMatch(issue.check_name, /%\{/);
    assert.match(issue.description, /^ok %\u2060\{danger_start\}Fixed: all clear%\u2060\{danger_end\} %\u2060\{small_start\}hidden %\u2060\{x\} \\u202eevil\\e\[2J\\nnext$/);
    // Plain text, not Markdown: nothing is backslash-escaped for a renderer that does not read Markdown.
    assert.equal(render((_, f) => (f.message = "use `pin` and [x](y) *here*")).description, "use `pin` and [x](y) *here*");
  });

  it("places a finding whose path could lead elsewhere in GitLab on the repository", () => {
    for (const path of ["../../-/settings", "a/../../b", "/etc/passwd", "a//b", "./a", "a\\..\\..\\x", "..\\-\\settings"]) {
      assert.equal(render((_, f) => ((f.locations[0] as { path: string }).path = path)).location.path, ".", path);
    }
    assert.equal(render((_, f) => ((f.locations[0] as { path: string }).path = "src/a b#c?.js")).location.path, "src/a b#c?.js");
    assert.equal(render((a, f) => ((a.target.subfolder = "../.."), ((f.locations[0] as { path: string }).path = "x.js"))).location.path, ".");
  });

  it("cuts a huge message to one line's worth", () => {
    assert.ok(render((_, f) => (f.message = "a".repeat(50_000))).description.length <= 2_000);
  });
});

describe("docs/gitlab.md", () => {
  it("holds a .gitlab-ci.yml job that parses, pins assay by commit and uploads both reports", async () => {
    const { parse } = await import("yaml");
    const md = readFileSync(new URL("../../../docs/gitlab.md", import.meta.url), "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(md)?.[1];
    assert.ok(block);
    const job = (parse(block) as { assay: { script: string[]; artifacts: { reports: Record<string, string> } } }).assay;
    assert.deepEqual(job.artifacts.reports, { sast: "gl-sast-report.json", codequality: "gl-code-quality-report.json" });
    assert.ok(job.script.some((l) => l.includes('checkout --quiet "$ASSAY_REF"')));
    assert.ok(job.script.some((l) => l.includes("--format gitlab-sast --output gl-sast-report.json")));
  });
});

describe("GitLab reports: a scanned subfolder", () => {
  it("give every file by its path from the repository's top, as GitLab reads it", () => {
    const a = sampleWith((x) => (x.target.subfolder = "services/api"));
    const sast = JSON.parse(renderGitlabSast(a)) as { vulnerabilities: { location: { file?: string } }[] };
    const quality = JSON.parse(renderGitlabCodeQuality(a)) as { location: { path: string } }[];
    const files = [...sast.vulnerabilities.flatMap((v) => v.location.file ?? []), ...quality.map((q) => q.location.path)];
    assert.ok(files.length > 0);
    // A repository-level finding keeps its placeholder ("."), as in SARIF and annotations.
    assert.ok(files.every((f) => f === "." || f.startsWith("services/api/")), files.join(" "));
    assert.ok(files.some((f) => f.startsWith("services/api/")));
    assert.equal(renderGitlabCodeQuality(sampleAssessment()).includes("services/api/"), false);
  });
});
