import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/unsound-condition.js";
import { fixAndRescan, where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

describe("workflows/unsound-condition", () => {
  it("reports a block scalar keeping a line break and expressions mixed with text, at the if:", async () => {
    const { findings } = await one("name: U\non: push\njobs:\n  d:\n    if: |\n      ${{ github.ref == 'refs/heads/main' }}\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${{ success() }} && ${{ github.ref == 'refs/heads/main' }}\n        run: echo\n");
    assert.deepEqual(where(findings), [[5, 9], [9, 13]]);
    assert.match(findings[0]?.message ?? "", /keeps a trailing line break .* always true/);
  });

  it("fixes the block scalar by stripping the line break; the file parses and is no longer reported", async () => {
    const files = { ".github/workflows/ci.yml": "name: U\non: push\njobs:\n  d:\n    if: >\n      ${{ github.ref == 'refs/heads/main' }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n" };
    const { findings } = await run(files);
    const { texts, after } = await fixAndRescan(rule, files, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /if: >-\n/);
  });

  it("stays quiet on one fenced expression, bare expressions and stripped block scalars, and on composite actions' sound ones", async () => {
    const { findings } = await one("name: S\non: push\njobs:\n  d:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    steps:\n      - if: ${{ github.event_name == 'push' }}\n        run: echo\n      - if: |-\n          ${{ always() }}\n        run: echo\n");
    assert.deepEqual(findings, []);
  });

  it("reports an `if:` that starts with `!` outside quotes or `${{ }}` (a YAML tag GitHub refuses), at the condition, with the fenced fix", async () => {
    const text = "name: U\non: pull_request_target\njobs:\n  d:\n    if: !github.event.pull_request.head.repo.fork\n    runs-on: ubuntu-latest\n    steps:\n      - if: ! startsWith(github.ref, 'refs/tags/')\n        run: echo\n      - if: '!cancelled()'\n        run: echo\n      - if: ${{ !cancelled() }}\n        run: echo\n";
    const { findings } = await one(text);
    assert.deepEqual(where(findings), [[5, 9], [8, 13]]);
    assert.match(findings[0]?.message ?? "", /YAML reads `!github\.event\.pull_request\.head\.repo\.fork` as a tag.*GitHub refuses the whole workflow file and none of its jobs run/);
    assert.equal(findings[0]?.fix, "if: ${{ !github.event.pull_request.head.repo.fork }}");
    assert.match(findings[1]?.message ?? "", /drops the tag reads `startsWith\(github\.ref, 'refs\/tags\/'\)`, not what is meant/);
    assert.deepEqual(findings.map((f) => f.severity), ["medium", "medium"]);
    const { texts, after } = await fixAndRescan(rule, { ".github/workflows/ci.yml": text }, findings);
    assert.deepEqual(after, []);
    assert.match(texts[".github/workflows/ci.yml"] as string, /if: \$\{\{ !github\.event\.pull_request\.head\.repo\.fork \}\}\n[\s\S]*- if: \$\{\{ ! startsWith\(github\.ref, 'refs\/tags\/'\) \}\}\n/);
  });

  it("reports the `!` condition that keeps the file from parsing at all (`!contains(a, 'b')`), at the line the parse error names", async () => {
    const text = "name: U\non: pull_request\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - if: !contains(github.event.pull_request.labels.*.name, 'skip') # label\n        run: echo\n";
    const { findings } = await run({ ".github/workflows/ci.yml": text });
    assert.deepEqual(where(findings), [[7, 13]]);
    assert.match(findings[0]?.message ?? "", /the `if:` at line 7 of \.github\/workflows\/ci\.yml starts with `!`.*nor could this scan read the file past it/);
    assert.equal(findings[0]?.fix, "if: ${{ !contains(github.event.pull_request.labels.*.name, 'skip') }}");
    const { after } = await fixAndRescan(rule, { ".github/workflows/ci.yml": text }, findings);
    assert.deepEqual(after, []);
  });

  it("says a composite action with such a condition is refused where it is used", async () => {
    const action = "name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      if: !cancelled()\n      run: echo\n";
    const { findings } = await run({ ".github/actions/a/action.yml": action });
    assert.deepEqual(where(findings), [[7, 11]]);
    assert.match(findings[0]?.message ?? "", /^the `if:` of step 1 of \.github\/actions\/a\/action\.yml starts with `!`.*GitHub refuses to load the action, and every step that uses it fails/);
  });
});
