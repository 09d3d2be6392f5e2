import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minifiedForScan, pathVerdict } from "../../src/workspace/scan-filter.js";

const DEFAULTS = { scanVendored: false, scanMinified: false };

describe("pathVerdict", () => {
  const cases: [string, ReturnType<typeof pathVerdict>][] = [
    ["src/app.ts", "scan"],
    ["README", "scan"],
    ["logo.png", "binary"],
    ["assets/Photo.JPEG", "binary"],
    ["dist/app.tar.gz", "binary"],
    ["model/weights.safetensors", "binary"],
    ["lib/native.so", "binary"],
    ["docs/.pdf", "binary"],
    ["node_modules/x/index.js", "vendored"],
    ["web/node_modules/x/index.js", "vendored"],
    ["third-party/lib/a.c", "vendored"],
    ["ios/Pods/Foo/Foo.m", "vendored"],
    [".yarn/cache/pkg.txt", "vendored"],
    ["app/.yarn/unplugged/pkg/x.js", "vendored"],
    ["lib/python3.12/site-packages/requests/api.py", "vendored"],
    // Python's own way of copying libraries in: pip's `_vendor/`, gsutil's `vendored/`.
    ["src/pip/_vendor/idna/core.py", "vendored"],
    ["gslib/vendored/boto/connection.py", "vendored"],
    ["node_modules/pkg/logo.png", "binary"],
    ["vendor/jquery.min.js", "vendored"],
    ["public/jquery.min.js", "minified"],
    ["public/app-min.CSS", "minified"],
    ["public/app.min.mjs", "minified"],
    ["public/app.js.map", "minified"],
    ["public/site.css.map", "minified"],
    ["public/main.bundle.js", "minified"],
    [".bundle.js", "minified"],
    // Near misses: a vendored name as a file or a longer folder name, a .yarn folder that is not a cache, look-alike extensions.
    ["vendor", "scan"],
    ["src/vendor.ts", "scan"],
    ["src/vendorish/a.ts", "scan"],
    ["src/_vendors/a.ts", "scan"],
    ["src/my_node_modules/a.js", "scan"],
    [".yarn/plugins/plugin.cjs", "scan"],
    [".yarn/cache", "scan"],
    ["src/admin.js", "scan"],
    ["src/min.js", "scan"],
    ["src/app.min.ts", "scan"],
    ["src/main.bundle.mjs", "scan"],
    ["src/app.ts.map", "scan"],
    ["x.min/app.js", "scan"],
    ["data.png/notes.txt", "scan"],
    ["src/pngs", "scan"],
    ["archive.zip.txt", "scan"],
    ["trailing.", "scan"],
  ];
  for (const [path, verdict] of cases) {
    it(`${path}: ${verdict}`, () => assert.equal(pathVerdict(path, DEFAULTS), verdict));
  }

  it("scans vendored and minified files when the policy asks, but never binary ones", () => {
    const all = { scanVendored: true, scanMinified: true };
    assert.equal(pathVerdict("node_modules/x/index.js", all), "scan");
    assert.equal(pathVerdict("public/jquery.min.js", all), "scan");
    assert.equal(pathVerdict("node_modules/x/logo.png", all), "binary");
    assert.equal(pathVerdict("vendor/jquery.min.js", { scanVendored: true, scanMinified: false }), "minified");
  });

  it("counts a file on long lines as minified, but never a notebook, whose long lines are its cells' outputs", () => {
    const long = new TextEncoder().encode(`${"x".repeat(9000)}\n${"y".repeat(9000)}\n`);
    assert.equal(minifiedForScan("dist/app.js", long, DEFAULTS), true);
    assert.equal(minifiedForScan("analysis/Explore.ipynb", long, DEFAULTS), false);
    assert.equal(minifiedForScan("dist/app.js", long, { scanVendored: false, scanMinified: true }), false);
  });
});
