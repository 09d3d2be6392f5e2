import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseFailure } from "../../../src/core/files.js";
import { parseXml, xmlDecode, xmlText } from "../../../src/ecosystems/formats/xml.js";

const failure = (text: string): ParseFailure => {
  try {
    parseXml(text);
  } catch (e) {
    if (e instanceof ParseFailure) return e;
    throw e;
  }
  assert.fail("expected a ParseFailure");
};

describe("parseXml on hostile input", () => {
  it("refuses internal and external entity declarations at their position, never expanding or reading them", () => {
    const lol = failure('<?xml version="1.0"?>\n<!DOCTYPE p [\n <!ENTITY a "aaaa">\n <!ENTITY b "&a;&a;&a;&a;">\n]>\n<project>&b;</project>');
    assert.match(lol.message, /entit/);
    assert.equal(lol.line, 3);
    const xxe = failure('<?xml version="1.0"?>\n<!DOCTYPE p [<!eNtItY x SYSTEM "file:///etc/passwd">]>\n<project><v>&x;</v></project>');
    assert.equal(xxe.line, 2);
  });

  it("places a file cut short at its end, naming the elements left open, not at line 1", () => {
    const e = failure('<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.slf4j</groupId>\n');
    assert.match(e.message, /ends before <project>, <dependencies>, <dependency> are closed: it is truncated/);
    assert.deepEqual([e.line, e.column], [5, 35]);
    // A mismatched closing tag is still placed where the validator finds it.
    assert.equal(failure("<project>\n<a>\n</b>\n</project>").line, 3);
  });

  it("reads an external DTD reference as nothing: no file is fetched and no entity exists", () => {
    const xml = parseXml('<?xml version="1.0"?>\n<!DOCTYPE project SYSTEM "file:///etc/passwd">\n<project><v>1</v></project>');
    assert.equal(xmlText((xml.value["project"] as Record<string, unknown>)["v"]), "1");
  });

  it("refuses an element with too many attributes at the element, before the parser slows down on it", () => {
    const attrs = Array.from({ length: 1001 }, (_, i) => `a${i}="x"`).join(" ");
    const e = failure(`<project>\n  <dependency ${attrs}/>\n</project>`);
    assert.match(e.message, /more than 1,000 attributes/);
    assert.deepEqual([e.line, e.column], [2, 3]);
  });

  it("counts only attributes: = signs in quoted values, comments, CDATA and text do not count", () => {
    const eq = "=".repeat(2000);
    const xml = parseXml(`<project a="${eq}"><!-- ${eq} --><v><![CDATA[${eq}]]></v><w>${eq}</w></project>`);
    assert.ok(xml.value["project"]);
  });

  it("refuses nesting past the depth limit at the element that goes too deep", () => {
    const e = failure("<project>\n" + "<a>".repeat(300) + "</a>".repeat(300) + "</project>");
    assert.match(e.message, /nested more than 256 deep/);
    assert.deepEqual([e.line, e.column], [2, 1 + 255 * 3]);
  });

  it("counts closed and self-closed elements out of the depth: a long flat list is not deep", () => {
    const xml = parseXml("<packages>" + '<package id="a" version="1"/>'.repeat(1000) + "<p>x</p>".repeat(1000) + "</packages>");
    assert.ok(xml.value["packages"]);
  });

  it("decodes the five predefined entities and character references in text, and nothing a document declares", () => {
    const xml = parseXml("<r><range>vers:npm/&gt;=1.0.0|&lt;2.0.0</range><purl>pkg:maven/g/a@1?type=jar&amp;classifier=x</purl><q>&quot;&apos;&#65;&#x42;</q><e>&custom; &#0; &#x110000;</e></r>");
    const r = xml.value["r"] as Record<string, unknown>;
    assert.equal(xmlText(r["range"]), "vers:npm/>=1.0.0|<2.0.0");
    assert.equal(xmlText(r["purl"]), "pkg:maven/g/a@1?type=jar&classifier=x");
    assert.equal(xmlText(r["q"]), `"'AB`);
    assert.equal(xmlText(r["e"]), "&custom; &#0; &#x110000;", "unknown entities, NUL and code points past Unicode stay as written");
    assert.equal(xmlDecode("&amp &lt"), "&amp &lt", "a reference without its ; too");
    assert.equal(xmlDecode("&amp;lt;"), "&lt;", "decoded once, not twice");
  });
});
