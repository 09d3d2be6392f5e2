import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { locate } from "../../../src/ecosystems/kubernetes/locate.js";
import { asBool, asMap, mayHoldManifest, parseManifest } from "../../../src/ecosystems/kubernetes/manifest.js";
import { containersOf, podTemplate } from "../../../src/ecosystems/kubernetes/workload.js";
import { parseStream, splitDocuments } from "../../../src/ecosystems/kubernetes/yaml-stream.js";
import { lineTable } from "../../../src/ecosystems/formats/yaml-fast-data.js";

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

describe("Kubernetes manifests", () => {
  it("splits streams at --- and ..., keeping empty documents out", () => {
    const text = "# header\n---\na: 1\n---\n---\nb: 2\n...\n--- c: 3\n";
    const docs = splitDocuments(text);
    assert.deepEqual(docs.map((d) => text.slice(d.start, d.end).trim()), ["a: 1", "b: 2", "c: 3"]);
  });

  it("reads objects, List items and generateName; a broken document keeps its position and the others stay", () => {
    const m = parseManifest("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      generateName: job-\n---\nkind: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
    assert.deepEqual(m.objects.map((o) => [o.kind, o.name, o.base]), [["Pod", "job-", ["items", 0]], ["ConfigMap", "c", []]]);
    assert.equal(m.docs[1]?.error?.line, 10);
  });

  it("accepts custom tags through the full parser", () => {
    const m = parseManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !Ref Name\n");
    assert.equal(m.objects[0]?.name, "Name");
  });

  it("reads booleans the way Kubernetes' YAML 1.1 reader does", () => {
    assert.equal(asBool("yes"), true);
    assert.equal(asBool("Off"), false);
    assert.equal(asBool("maybe"), undefined);
  });

  it("finds containers in every workload kind and nothing in look-alikes", () => {
    const cron = parseManifest("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers: [{name: i, image: x}]\n          containers: [{name: m, image: x}]\n").objects[0];
    const t = cron ? podTemplate(cron) : undefined;
    assert.deepEqual(t ? containersOf(t).map((c) => [c.list, c.name, c.path.join(".")]) : [], [
      ["initContainers", "i", "spec.jobTemplate.spec.template.spec.initContainers.0"],
      ["containers", "m", "spec.jobTemplate.spec.template.spec.containers.0"],
    ]);
    const crd = parseManifest("apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: []\n").objects[0];
    assert.equal(crd ? podTemplate(crd) : "none", undefined);
  });

  it("tells manifests from other YAML before parsing", () => {
    assert.ok(mayHoldManifest("apiVersion: v1\nkind: Pod\n"));
    assert.ok(mayHoldManifest('{\n  "apiVersion": "v1",\n  "kind": "Pod"\n}'));
    // kubectl applies compact JSON and YAML flow maps too: the keys then follow `{` or `,`.
    assert.ok(mayHoldManifest('{"apiVersion":"v1","kind":"Pod","spec":{"hostNetwork":true}}'));
    assert.ok(mayHoldManifest("{apiVersion: v1, kind: Pod}\n"));
    assert.ok(!mayHoldManifest('{"name":"app","version":"1.0.0","dependencies":{}}'));
    assert.ok(!mayHoldManifest("on: push\njobs: {}\n"));
    assert.ok(!mayHoldManifest("services:\n  web:\n    image: x\n"));
  });
});

describe("locate", () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the name
spec:
  template:
    spec:
      containers:
      - name: a
        image: x
      -   name: "b"
          args:
            - |
              name: not-a-key
          "securityContext":
            privileged: true
      volumes: [{name: v}]
`;
  it("follows keys, indentless lists, quoted keys and block scalars by indentation", () => {
    const at = (p: (string | number)[]) => {
      const r = locate(text, 0, text.length, p);
      return [lineOf(text, r.offset), r.depth];
    };
    assert.deepEqual(at(["metadata", "name"]), [4, 2]);
    assert.deepEqual(at(["spec", "template", "spec", "containers", 1, "securityContext", "privileged"]), [16, 7]);
    assert.deepEqual(at(["spec", "template", "spec", "containers", 0, "image"]), [10, 6]);
    assert.deepEqual(at(["spec", "template", "spec", "containers", 1, "name"]), [11, 6]);
    // Missing keys and flow collections stop at the closest entry found.
    assert.deepEqual(at(["spec", "template", "spec", "containers", 0, "securityContext"]), [9, 5]);
    assert.deepEqual(at(["spec", "template", "spec", "volumes", 0, "name"]), [17, 4]);
  });

  it("finds a key written twice at its last entry, the one loaders keep, naming the earlier ones", () => {
    const dup = "spec:\n  securityContext:\n    runAsUser: 0\n  hostPID: false\n  securityContext:\n    privileged: false\n    privileged: true\n";
    const r = locate(dup, 0, dup.length, ["spec", "securityContext", "privileged"]);
    assert.deepEqual([lineOf(dup, r.offset), r.depth, r.shadowed?.map((o) => lineOf(dup, o))], [7, 3, [2, 6]]);
    assert.equal(locate(dup, 0, dup.length, ["spec", "hostPID"]).shadowed, undefined);
    const [doc] = parseStream(dup);
    assert.deepEqual(asMap(asMap(doc?.value)?.["spec"])?.["securityContext"], { privileged: true }, "the value judged is the last one's too");
  });

  it("a document the fast loader read has unique keys, so a key's first entry is the one; one with a key twice is read by the library and searched to its end", () => {
    const plain = "spec:\n  hostPID: true\n  containers: []\n";
    const [p] = parseStream(plain);
    assert.equal(p?.uniqueKeys, true);
    const dup = "spec:\n  hostPID: false\n  hostPID: true\n";
    const [d] = parseStream(dup);
    assert.equal(d?.uniqueKeys, undefined, "the fast loader gives a key written twice to the library");
    assert.equal(asMap(asMap(d?.value)?.["spec"])?.["hostPID"], true);
    assert.equal(lineOf(dup, locate(dup, 0, dup.length, ["spec", "hostPID"], d?.uniqueKeys === true).offset), 3);
    // The promise `uniqueKeys` makes: the search stops at the first entry.
    assert.equal(lineOf(dup, locate(dup, 0, dup.length, ["spec", "hostPID"], true).offset), 2);
  });

  it("finds the same places with a stream's measured lines as by reading the text, for every path of varied documents", () => {
    const docs = [
      text,
      "%YAML 1.2\n---\n# c\n\nmetadata:\n  name: é-web\n  labels: {a: b}\n  annotations:\n    x: |\n      a: b\n\n      c: d\n    y: >-\n      folded\nspec:\n  ports:\n  - port: 80\n    name: http\n  -\n    port: 443\n  - - nested\n  selector: &sel\n    app: web\n  other: *sel\n  tagged: !!map\n    k: v\n  'quoted key': 1\n  \"dq\": 2\n",
      "spec:\n  securityContext:\n    runAsUser: 0\n  hostPID: false\n  securityContext:\n    privileged: false\n    privileged: true\n---\nkind: List\nitems:\n- kind: Pod\n  spec:\n    containers:\n    - name: a\n      securityContext: {}\n    -   name: b\n        image: x\n...\n--- inline\nlast: 1",
      "a:\n  b:\n    # only a comment\n  c: 1\n   \nd:\n- - 1\n  - 2\n- e: &x\n    f: g\n",
    ];
    const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      const out: (string | number)[][] = [[...prefix, "missing"], [...prefix, 7]];
      if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
      return out;
    };
    let compared = 0;
    for (const t of docs) {
      const lines = lineTable(t);
      for (const d of parseStream(t)) {
        for (const p of [[], ...paths(d.value), ["spec", "securityContext", "privileged"], ["spec", "ports", 2, 0]]) {
          for (const unique of [false, true]) {
            assert.deepEqual(locate(t, d.start, d.end, p, unique, lines), locate(t, d.start, d.end, p, unique), `${JSON.stringify(p)} in ${JSON.stringify(t.slice(d.start, d.start + 30))}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 200, `compared ${compared}`);
  });

  it("survives hostile indentation", () => {
    const deep = "a:\n" + Array.from({ length: 20_000 }, (_x, i) => `${" ".repeat(2 + (i % 50))}k${i}: v`).join("\n");
    for (let i = 0; i < 20; i++) locate(deep, 0, deep.length, ["a", "missing"]);
  });
});
