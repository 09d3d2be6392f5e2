import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { locate, locateTrail } from "../../../src/ecosystems/kubernetes/locate.js";
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
    // A missing key stops at the closest entry found; a flow collection is searched by its brackets.
    assert.deepEqual(at(["spec", "template", "spec", "containers", 0, "securityContext"]), [9, 5]);
    assert.deepEqual(at(["spec", "template", "spec", "volumes", 0, "name"]), [17, 6]);
    assert.equal(locate(text, 0, text.length, ["spec", "template", "spec", "volumes", 0, "name"]).offset, text.indexOf("name: v"));
  });

  it("finds a key a YAML merge key brings in its anchor, pointing at the `<<` entry (chained, listed, in an item, the first alias winning)", () => {
    const y = `x-base: &base
  securityContext:
    privileged: true
x-more: &more
  <<: *base
  user: root
spec:
  containers:
    - &first
      name: a
      image: x:1
      readOnlyRootFilesystem: true
    - <<: *first
      name: b
  job:
    <<: [*more, *first]
  later:
    <<:
      - *first
      - *base
`;
    const at = (p: (string | number)[]) => {
      const r = locate(y, 0, y.length, p);
      return [lineOf(y, r.offset), r.depth, r.merged === undefined ? undefined : lineOf(y, r.merged)];
    };
    assert.deepEqual(at(["spec", "containers", 1, "readOnlyRootFilesystem"]), [13, 4, 12]);
    assert.deepEqual(at(["spec", "containers", 1, "name"]), [14, 4, undefined], "the item's own key wins");
    assert.deepEqual(at(["spec", "job", "securityContext", "privileged"]), [16, 4, 3], "through a chained anchor");
    assert.deepEqual(at(["spec", "job", "user"]), [16, 3, 6]);
    assert.deepEqual(at(["spec", "later", "image"]), [18, 3, 11]);
    assert.deepEqual(at(["spec", "later", "securityContext"]), [18, 3, 2]);
    assert.deepEqual(at(["spec", "job", "missing"]), [15, 2, undefined], "a key no anchor holds stops at its mapping");
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

  /** Documents and every path into them, for the searches compared below. */
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

  it("finds the same places with a stream's measured lines as by reading the text, for every path of varied documents", () => {
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

  it("finds the same places resuming from the last search of a document (its trail), in any order of paths", () => {
    let compared = 0;
    for (const t of docs) {
      const lines = lineTable(t);
      for (const d of parseStream(t)) {
        const all = [[], ...paths(d.value), ["spec", "securityContext", "privileged"], ["spec", "ports", 2, 0]];
        // Every path after every other: a trail left by any search must serve any next one.
        const order = all.flatMap((p, i) => [p, all[(i * 7 + 3) % all.length] as (string | number)[], all[(i * 13 + 5) % all.length] as (string | number)[]]);
        for (const unique of [false, true]) {
          const trail = locateTrail();
          for (const p of order) {
            assert.deepEqual(locate(t, d.start, d.end, p, unique, lines, trail), locate(t, d.start, d.end, p, unique, lines), `${JSON.stringify(p)} in ${JSON.stringify(t.slice(d.start, d.start + 30))}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 600, `compared ${compared}`);
  });

  describe("in JSON and flow style", () => {
    const pod = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "p", "annotations": {"a{": "}\\"[", "b\\"c": "x", "d": "e"}},
  "spec": {
    "containers": [
      {"name": "a", "image": "x", "args": ["{", "]", "\\\\"]},
      {
        "name": "b",
        "securityContext": {
          "privileged": true
        }
      }
    ]
  }
}
`;
    const where = (t: string, p: (string | number)[], unique = false) => {
      const r = locate(t, 0, t.length, p, unique);
      const line = lineOf(t, r.offset);
      return { line, column: r.offset - t.lastIndexOf("\n", r.offset - 1), depth: r.depth };
    };

    it("finds a key of a JSON Pod at its exact line and column, with its value", () => {
      const p = ["spec", "containers", 1, "securityContext", "privileged"];
      assert.deepEqual(where(pod, p), { line: 11, column: 11, depth: 5 });
      const r = locate(pod, 0, pod.length, p);
      assert.equal(pod.slice(r.valueOffset, (r.valueOffset ?? 0) + 4), "true");
      assert.equal(r.flow, true, "edits know not to write block lines into it");
      assert.equal(r.shadowed, undefined);
    });

    it("follows sequence indexes to the item", () => {
      assert.deepEqual(where(pod, ["spec", "containers", 1]), { line: 8, column: 7, depth: 3 });
      assert.deepEqual(where(pod, ["spec", "containers", 0, "image"]), { line: 7, column: 21, depth: 4 });
      assert.deepEqual(where(pod, ["spec", "containers", 0, "args", 2]), { line: 7, column: 54, depth: 5 });
    });

    it("stops at the deepest entry found when a key or index is missing", () => {
      assert.deepEqual(where(pod, ["spec", "containers", 0, "securityContext", "privileged"]), { line: 7, column: 7, depth: 3 });
      assert.deepEqual(where(pod, ["spec", "containers", 5, "name"]), { line: 6, column: 5, depth: 2 });
      assert.deepEqual(where(pod, ["spec", "containers", "name"]), { line: 6, column: 5, depth: 2 }, "a key asked of a sequence");
      assert.deepEqual(where(pod, ["kind", "x"]), { line: 3, column: 3, depth: 1 }, "below a scalar");
      assert.deepEqual(where(pod, ["status"]), { line: 1, column: 1, depth: 0 });
    });

    it("steps over strings holding brackets, commas and escaped quotes, and reads escaped keys", () => {
      assert.deepEqual(where(pod, ["metadata", "annotations", "d"]), { line: 4, column: 72, depth: 3 });
      assert.deepEqual(where(pod, ["metadata", "annotations", 'b"c']), { line: 4, column: 59, depth: 3 });
      assert.deepEqual(where(pod, ["spec", "containers", 1, "name"]), { line: 9, column: 9, depth: 4 });
    });

    it("finds a key written twice at its last entry, as Go's decoder and the YAML search keep it, naming the earlier", () => {
      const dup = '{"spec": {"hostPID": false,\n "securityContext": {"privileged": true},\n "hostPID": true,\n "securityContext": {"runAsUser": 0}}}';
      const r = locate(dup, 0, dup.length, ["spec", "hostPID"]);
      assert.deepEqual([lineOf(dup, r.offset), r.depth, r.shadowed?.map((o) => lineOf(dup, o))], [3, 2, [1]]);
      const sc = locate(dup, 0, dup.length, ["spec", "securityContext", "privileged"]);
      assert.deepEqual([lineOf(dup, sc.offset), sc.depth, sc.shadowed?.map((o) => lineOf(dup, o))], [4, 2, [2]], "the last holds no privileged: the one applied");
      const [doc] = parseStream(dup);
      assert.deepEqual(asMap(doc?.value)?.["spec"], { hostPID: true, securityContext: { runAsUser: 0 } }, "the value judged is the last one's too");
      assert.equal(lineOf(dup, locate(dup, 0, dup.length, ["spec", "hostPID"], true).offset), 1, "uniqueKeys stops at the first, as in block style");
    });

    it("reads YAML flow style: plain and quoted keys, values with colons, comments, anchors, and flow inside block", () => {
      const flow = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {url: http://x/a:b, 'it''s': it's}}\nspec: {\n  containers: [\n    {\n      name: c, # a comment, with [brackets]\n      image: \"busybox:1.36\",\n      securityContext: &sc {\n        privileged: true\n      }\n    }\n  ]\n}\n";
      assert.deepEqual(where(flow, ["spec", "containers", 0, "securityContext", "privileged"]), { line: 10, column: 9, depth: 5 });
      assert.deepEqual(where(flow, ["spec", "containers", 0, "image"]), { line: 8, column: 7, depth: 4 });
      assert.deepEqual(where(flow, ["metadata", "annotations", "it's"]), { line: 3, column: 54, depth: 3 });
      const lines = lineTable(flow);
      for (const p of [["spec", "containers", 0, "securityContext", "privileged"], ["metadata", "annotations", "url"], ["spec", "missing"]]) {
        assert.deepEqual(locate(flow, 0, flow.length, p, false, lines), locate(flow, 0, flow.length, p), JSON.stringify(p));
      }
    });

    it("finds every path of JSON and flow documents exactly, the same with a stream's measured lines", () => {
      const docs = [pod, '{"apiVersion":"v1","kind":"List","items":[{"kind":"Pod","spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}},[],{}]}', "a: [1, {b: [c, {d: e}]}, [[x]]]\nf: {g: {h: i}, 'j': \"k\"}\n"];
      const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
        const out: (string | number)[][] = [];
        if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
        return out;
      };
      let n = 0;
      for (const t of docs) {
        const lines = lineTable(t);
        const [d] = parseStream(t);
        for (const p of paths(d?.value)) {
          const r = locate(t, 0, t.length, p);
          assert.equal(r.depth, p.length, `${JSON.stringify(p)} in ${t.slice(0, 30)}`);
          assert.deepEqual(locate(t, 0, t.length, p, false, lines), r);
          n++;
        }
      }
      assert.ok(n > 40, `checked ${n}`);
    });

    it("survives hostile nesting and unclosed brackets without recursion, in one pass per segment of the path", () => {
      const n = 200_000;
      const deep = '{"a":'.repeat(n) + "1" + "}".repeat(n);
      const path = Array.from({ length: 12 }, () => "a");
      const r = locate(deep, 0, deep.length, path);
      assert.deepEqual([r.depth, r.offset], [12, 11 * 5 + 1]);
      assert.equal(locate(deep, 0, deep.length, ["a", "b"]).depth, 1, "a missing key steps over the whole nest once");
      const open = "[".repeat(n) + '"';
      assert.equal(locate(open, 0, open.length, [1]).depth, 0);
      const unclosed = '{"a": {"b": "x\\"}, "c": 1';
      assert.equal(locate(unclosed, 0, unclosed.length, ["c"]).depth, 0, "an unclosed string runs to the end");
    });
  });

  it("survives hostile indentation", () => {
    const deep = "a:\n" + Array.from({ length: 20_000 }, (_x, i) => `${" ".repeat(2 + (i % 50))}k${i}: v`).join("\n");
    for (let i = 0; i < 20; i++) locate(deep, 0, deep.length, ["a", "missing"]);
  });
});
