import assert from "node:assert/strict";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, it } from "node:test";
import { unpackChart } from "../../../src/ecosystems/helm/packed-chart.js";
import { tarGz } from "../../helpers/tar.js";

const text = (m: Map<string, Uint8Array>) => Object.fromEntries([...m].map(([k, v]) => [k, Buffer.from(v).toString("utf8")]));

describe("packed charts (charts/*.tgz)", () => {
  it("gives the regular files under the chart's folder, long names from pax headers too", () => {
    const long = `common/templates/${"deep/".repeat(30)}_x.tpl`;
    const packed = tarGz([
      { name: "common/Chart.yaml", data: "apiVersion: v2\nname: common\n" },
      { name: "common/templates", type: "5" },
      { name: "x", type: "x", data: `${long.length + 9 + String(long.length + 9).length + 1} path=${long}\n` },
      { name: "ignored-short-name", data: "{{/* long */}}" },
      { name: "common/values.yaml", data: "a: 1\n" },
    ]);
    assert.deepEqual(text(unpackChart(packed)), { "Chart.yaml": "apiVersion: v2\nname: common\n", [long.slice("common/".length)]: "{{/* long */}}", "values.yaml": "a: 1\n" });
  });

  it("never follows links and drops paths that leave the chart's folder", () => {
    const packed = tarGz([
      { name: "c/Chart.yaml", data: "name: c\n" },
      { name: "c/templates/link.yaml", type: "2" },
      { name: "c/../../etc/passwd", data: "root:x:0:0" },
      { name: "top-level-file", data: "x" },
    ]);
    assert.deepEqual(Object.keys(text(unpackChart(packed))), ["Chart.yaml"]);
  });

  it("refuses what is not a gzip'd tar, a corrupt header and an archive that unpacks past 32 MiB, saying which", () => {
    assert.throws(() => unpackChart(new TextEncoder().encode("not an archive")), /is not a gzip archive/);
    const bad = Buffer.from(gunzipSync(tarGz([{ name: "c/Chart.yaml", data: "name: c\n" }])));
    bad[0] = 0x41;
    assert.throws(() => unpackChart(gzipSync(bad)), /tar header at byte 0 has a wrong checksum/);
    assert.throws(() => unpackChart(gzipSync(Buffer.alloc(40 * 1024 * 1024))), /unpacks to more than 32 MiB/);
  });
});
