import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scan } from "../../../../src/api/scan.js";
import type { Finding } from "../../../../src/core/finding.js";
import { parseYaml } from "../../../../src/ecosystems/formats/yaml.js";
import { toWorkflow, type Step } from "../../../../src/ecosystems/github-actions/index.js";
import { defaultPolicy } from "../../../../src/policy/policy-file.js";
import { family } from "../../../../src/rules/workflows/index.js";
import { stepKey, stepRef } from "../../../../src/rules/workflows/lib/report.js";
import { FIXTURE_NOW } from "../../../helpers/run-rule.js";
import { tmpDir } from "../../../helpers/tmp-repo.js";

// One job whose steps trip the rules that name a step in their keys, plus a composite action and step conditions.
const STEPS = `      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/checkout@v4
        with:
          path: second
      - run: echo "\${{ github.event.comment.body }}" >> $GITHUB_ENV
      - run: echo "\${{ github.event.issue.title }}"
      - run: echo "::set-env name=A::b"
        env:
          ACTIONS_ALLOW_UNSECURE_COMMANDS: 1
      - run: |
          curl -sSL http://get.example.com/install.sh | bash
          pip install requests
      - uses: actions/setup-node@v4
        with:
          cache: npm
      - uses: astral-sh/setup-uv@v6
        with:
          version: latest
      - uses: actoins/checkout@v4
      - uses: actions-rs/toolchain@v1
      - uses: sergeysova/jq-action@v2
      - uses: actions/create-github-app-token@v2
      - if: github.actor == 'dependabot[bot]' && contains('refs/heads/main', github.head_ref)
        run: echo bot
      - if: \${{ success() }} && \${{ github.ref == 'refs/heads/main' }}
        run: echo mixed
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-secret-access-key: \${{ secrets.KEY }}
      - run: aws s3 ls
        env:
          AWS_SECRET_ACCESS_KEY: \${{ secrets.K }}
      - uses: anthropics/claude-code-action@v1
        with:
          prompt: Review \${{ github.event.comment.body }}
      - uses: actions/upload-artifact@65462800fd760344b1a7b4382951275a0abb4808 # v4.3.3
        with:
          path: .
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
// A second job without an upload, where the checkouts are persisted-credentials' rather than artipacked's.
const workflow = (steps: string, second = steps.slice(0, steps.indexOf("      - run: echo \"$"))) =>
  `name: ci\non:\n  pull_request_target:\n  issue_comment:\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}  test:\n    runs-on: ubuntu-latest\n    steps:\n${second}      - run: make test\n`;
const action = (steps: string) => `name: a\ndescription: a\nruns:\n  using: composite\n  steps:\n${steps.replace(/^ {6}/gm, "    ").replace(/^(\s+)- run: (.*)$/gm, "$1- run: $2\n$1  shell: bash")}`;
const UNRELATED = "      - run: echo unrelated\n";

async function findings(steps: string): Promise<Finding[]> {
  const dir = tmpDir({ ".github/workflows/ci.yml": workflow(steps), ".github/actions/a/action.yml": action(steps) });
  const a = await scan({ path: dir, policy: defaultPolicy(), rules: family.rules, persona: "auditor", now: FIXTURE_NOW });
  return a.findings.filter((f) => f.ruleId.startsWith("workflows/"));
}

const prints = (fs: readonly Finding[]) => fs.map((f) => `${f.ruleId} ${f.fingerprint}`).sort();

function steps(yaml: string): Step[] {
  return toWorkflow(".github/workflows/ci.yml", parseYaml(`on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${yaml}`)).jobs[0]?.steps ?? [];
}

describe("stepRef", () => {
  it("names a step by its id, name, uses or script, counting repeats of the same unnamed step", () => {
    const s = steps("      - id: x\n        run: a\n      - name: Build\n        run: b\n      - uses: actions/checkout@v4\n      - run: make\n      - uses: actions/checkout@v4\n      - run: make\n");
    const refs = s.map((st) => stepRef(st, s));
    assert.deepEqual(refs.slice(0, 3), ["x", "Build", "uses:actions/checkout@v4"]);
    assert.match(refs[3] ?? "", /^run:[0-9a-f]{12}$/);
    assert.equal(refs[4], "uses:actions/checkout@v4~2");
    assert.equal(refs[5], `${refs[3]}~2`);
    assert.equal(stepKey({ job: { id: "build" }, step: s[4] as Step, steps: s }), "build/uses:actions/checkout@v4~2");
  });

  it("does not change when an unrelated step is inserted, and does when the step itself changes", () => {
    const before = steps("      - uses: actions/checkout@v4\n      - run: make\n");
    const after = steps(`${UNRELATED}      - uses: actions/checkout@v4\n      - run: make\n`);
    assert.deepEqual(before.map((st) => stepRef(st, before)), after.slice(1).map((st) => stepRef(st, after)));
    const edited = steps("      - uses: actions/checkout@v5\n      - run: make test\n");
    for (let i = 0; i < 2; i++) assert.notEqual(stepRef(before[i] as Step, before), stepRef(edited[i] as Step, edited));
  });
});

describe("workflow findings' fingerprints", () => {
  it("survive an unrelated step inserted above, in a job and in a composite action", async () => {
    const before = await findings(STEPS);
    const rules = new Set(before.map((f) => f.ruleId));
    // The rules whose keys used to hold a step's position are all exercised.
    for (const id of ["persisted-credentials", "artipacked", "github-env", "template-injection", "insecure-commands", "insecure-url-scheme", "adhoc-packages", "cache-poisoning", "unpinned-tools", "typosquat-uses", "archived-uses", "superfluous-actions", "github-app", "bot-conditions", "unsound-contains", "unsound-condition", "long-lived-cloud-credentials", "agentic-actions", "use-trusted-publishing"]) {
      assert.ok(rules.has(`workflows/${id}`), `workflows/${id} reports on the fixture: ${[...rules].join(" ")}`);
    }
    const after = await findings(UNRELATED + STEPS);
    assert.deepEqual(prints(after), prints(before));
  });

  it("change when the step's own content changes", async () => {
    const before = await findings(STEPS);
    const after = await findings(STEPS.replace("npm publish", "npm publish --access public").replace("actions/checkout@v4\n        with:\n          path: second", "actions/checkout@v4.2.2\n        with:\n          path: second"));
    const of = (fs: readonly Finding[], rule: string) => fs.filter((f) => f.ruleId === rule).map((f) => f.fingerprint).sort();
    assert.notDeepEqual(of(after, "workflows/use-trusted-publishing"), of(before, "workflows/use-trusted-publishing"));
    // The second checkout changed; the first kept its identity and its fingerprint.
    const checkouts = (fs: readonly Finding[]) => fs.filter((f) => f.ruleId === "workflows/artipacked" && f.locations[0]?.path.endsWith("ci.yml")).map((f) => f.fingerprint);
    const [first, firstAfter] = [checkouts(before), checkouts(after)];
    assert.equal(first.length, 2);
    assert.equal(first[0], firstAfter[0]);
    assert.notEqual(first[1], firstAfter[1]);
  });
});
