import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGithubRemote } from "../../src/core/forge.js";

describe("GitHub remotes", () => {
  it("reads owner and repository from https, ssh and scp-like URLs", () => {
    for (const url of ["https://github.com/acme/widget.git", "https://github.com/acme/widget", "git@github.com:acme/widget.git", "ssh://git@github.com/acme/widget.git", "https://token@github.com/acme/widget.git", "https://github.com/acme/widget/"]) {
      assert.deepEqual(parseGithubRemote(url), { kind: "github", host: "github.com", owner: "acme", repo: "widget" }, url);
    }
    assert.equal(parseGithubRemote("https://github.com/acme/my.lib.js.git")?.repo, "my.lib.js");
  });
  it("refuses other forges and odd paths", () => {
    for (const url of ["https://gitlab.com/acme/widget.git", "https://github.com/acme", "https://github.com/acme/widget/tree/main", "/srv/git/widget.git", "https://evil.example/github.com/acme/widget"]) {
      assert.equal(parseGithubRemote(url), undefined, url);
    }
  });
});
