import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/insecure-url-scheme.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one, run } = workflowRunner(rule);

describe("workflows/insecure-url-scheme", () => {
  it("reports http:// and git:// downloads in scripts and URL inputs, at the URL", async () => {
    const { findings } = await one("name: U\non: push\njobs:\n  u:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -sSL http://get.example.com/install.sh | bash\n          git clone git://git.example.org/x.git\n      - uses: actions/setup-node@v4\n        with:\n          registry-url: http://registry.example.com/\n");
    assert.deepEqual(where(findings), [[8, 21], [9, 21], [12, 25]]);
    assert.match(findings[0]?.fix ?? "", /^https:\/\/get\.example\.com\/install\.sh/);
  });

  it("ignores local and private hosts, https, comments and text that is not fetched", async () => {
    const { findings } = await one("name: U\non: push\njobs:\n  u:\n    runs-on: ubuntu-latest\n    services:\n      web:\n        image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n    steps:\n      - run: |\n          curl http://localhost:8080/health http://127.0.0.1/ http://10.0.0.5/ http://web/\n          # curl http://example.com/old\n          echo 'see http://example.com/docs'\n          curl https://example.com/x\n");
    assert.deepEqual(findings, []);
  });

  it("reads .pre-commit-config.yaml hook repositories", async () => {
    const { findings } = await run({ ".pre-commit-config.yaml": "repos:\n  - repo: http://github.example.com/o/hooks\n    rev: v1\n    hooks:\n      - id: x\n  - repo: local\n    hooks:\n      - id: y\n" });
    assert.deepEqual(where(findings), [[2, 11]]);
  });
});
