import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { rmSync } from "node:fs";
import { attackSurface } from "../../src/assess/surface.js";
import { Workspace } from "../../src/workspace/workspace.js";
import { tmpDir } from "../helpers/tmp-repo.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function kinds(files: Record<string, string>): Promise<string[]> {
  const dir = tmpDir(files);
  dirs.push(dir);
  const { items } = await attackSurface(await Workspace.open(dir));
  return items.map((i) => `${i.kind} ${i.path}:${i.line}`);
}

describe("attack surface", () => {
  it("finds listeners, deserialisers, subprocesses, plugins, XML, templates and uploads in several languages", async () => {
    const found = await kinds({
      "main.go": 'package main\nimport "net/http"\nfunc main() { http.ListenAndServe(":80", nil) }\nfunc run() { exec.Command("sh") }\n',
      "app.py": "import pickle\nfrom lxml import etree\nfrom jinja2 import Template\ndef load(b):\n    return pickle.loads(b)\nsubprocess.run(['ls'])\n",
      "server.ts": 'import { spawn } from "node:child_process";\nimport multer from "multer";\nconst s = http.createServer(h);\nconst mod = await import(name);\n',
      "Loader.java": "class L { Object o = new ObjectInputStream(in).readObject(); DocumentBuilderFactory f; }\n",
    });
    assert.deepEqual(found.sort(), [
      "network-listener main.go:3", "subprocess main.go:4",
      "xml-parsing app.py:2", "template-rendering app.py:3", "deserialisation app.py:5", "subprocess app.py:6",
      "deserialisation Loader.java:1", "xml-parsing Loader.java:1",
      "subprocess server.ts:1", "file-upload server.ts:2", "network-listener server.ts:3", "plugin-loading server.ts:4",
    ].sort());
  });

  it("stays quiet about comments, regex.exec, strings naming modules, tests, vendored code and scripts", async () => {
    assert.deepEqual(await kinds({
      "src/a.ts": '// spawn("rm") is never called here\nconst m = /x/.exec(s);\nconst names = ["child_process", "multer"];\nel.innerHTML === "";\n',
      "src/a.test.ts": 'import { spawn } from "node:child_process";\n',
      "vendor/lib/x.go": 'package x\nfunc f() { exec.Command("x") }\n',
      "test/helpers.py": "import pickle\npickle.loads(b)\n",
      "scripts/release.mjs": 'import { execSync } from "node:child_process";\n',
      "eslint.config.js": 'const x = ["child_process"];\n',
    }), []);
  });

  it("cites the call rather than the import above it, and takes no method named import or require for loading code", async () => {
    assert.deepEqual(await kinds({
      "src/run.ts": 'import { spawn } from "node:child_process";\nconst x = 1;\nconst child = spawn("git", args);\nspawn("other");\n',
      "src/only-import.js": 'const { execFile } = require("child_process");\n',
      "src/msbuild.ts": "for (const imp of list) this.import(imp);\nloader.require(name);\n",
      "src/load.js": "const plugin = require(name);\n",
      // PyTorch's model.eval() switches a model to inference; it runs no code from a string.
      "src/train.py": "model.eval()\nself.exec(query)\n",
      "src/plugins.py": "exec(source)\n",
    }).then((x) => x.sort()), ["plugin-loading src/load.js:1", "plugin-loading src/plugins.py:1", "subprocess src/only-import.js:1", "subprocess src/run.ts:3"]);
  });

  it("is bounded: a huge line is skipped, not scanned", async () => {
    assert.deepEqual(await kinds({ "big.py": `x = "${"a".repeat(5000)}"; pickle.loads(b)\n` }), []);
  });
});
