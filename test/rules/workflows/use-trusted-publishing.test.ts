import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/workflows/use-trusted-publishing.js";
import { where, workflowRunner } from "../../helpers/workflows.js";

const { one } = workflowRunner(rule);
const job = (steps: string, perms = "permissions:\n  contents: read\n") => `name: P\non: release\n${perms}jobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

describe("workflows/use-trusted-publishing", () => {
  it("reports PyPI, npm, crates.io and RubyGems publishing with stored tokens, at the token", async () => {
    const { findings } = await one(job("      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4\n        with:\n          password: ${{ secrets.PYPI }}\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM }}\n      - run: cargo publish\n        env:\n          CARGO_REGISTRY_TOKEN: ${{ secrets.CRATES }}\n      - run: gem push x.gem\n        env:\n          GEM_HOST_API_KEY: ${{ secrets.GEM }}\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["registry"]]), [[11, "PyPI"], [14, "npm"], [17, "crates.io"], [20, "RubyGems"]]);
    assert.deepEqual(where(findings)[0], [11, 21]);
  });

  it("sees the publishing tool behind a runner: bun publish, npx/bunx npm publish, python -m twine upload", async () => {
    const { findings } = await one(job("      - run: bun publish\n        env:\n          NPM_CONFIG_TOKEN: ${{ secrets.NPM }}\n      - run: bunx npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM }}\n      - run: python3 -m twine upload dist/*\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n"));
    assert.deepEqual(findings.map((f) => [f.locations[0]?.startLine, f.evidence["registry"]]), [[11, "npm"], [14, "npm"], [17, "PyPI"]]);
  });

  it("stays quiet with trusted publishing, dry runs, and registries without it (GitHub Packages)", async () => {
    const tp = await one(job("      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4\n      - run: npm publish --provenance\n", "permissions:\n  contents: read\n  id-token: write\n"));
    const dry = await one(job("      - run: npm publish --dry-run\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM }}\n"));
    const ghp = await one(job("      - uses: actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"));
    assert.deepEqual([tp.findings, dry.findings, ghp.findings], [[], [], []]);
  });

  it("takes the job's own token for no stored one, wherever the registry is left unsaid (GitHub Packages through .npmrc)", async () => {
    const env = await one(job("      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"));
    const inline = await one(job("      - run: gem push --key github --host https://rubygems.pkg.github.com/acme x.gem\n        env:\n          GEM_HOST_API_KEY: ${{ secrets.GITHUB_TOKEN }}\n      - run: echo \"//npm.pkg.github.com/:_authToken=${{ secrets.GITHUB_TOKEN }}\" > .npmrc && npm publish\n"));
    assert.deepEqual([env.findings, inline.findings], [[], []]);
  });
});
