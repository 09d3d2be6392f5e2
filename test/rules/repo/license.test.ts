import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rule } from "../../../src/rules/repo/license.js";
import { licenceFromText, recogniseLicence } from "../../../src/rules/repo/lib/license-text.js";
import { fixtureDir, ruleRunner, runRule } from "../../helpers/run-rule.js";

const run = ruleRunner(rule);
const MIT = readFileSync(`${fixtureDir("repo/license", "good")}/LICENSE`, "utf8");

// Short excerpts written for these tests: each holds the distinctive wording of its licence,
// wrapped and formatted differently from the canonical texts, with varying copyright lines.
const EXCERPTS: Record<string, string> = {
  "AGPL-3.0": "GNU AFFERO GENERAL PUBLIC LICENSE\n   Version 3, 19 November 2007\n\nEveryone is permitted to copy and distribute verbatim copies.",
  "LGPL-3.0": "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nThis version of the GNU Lesser General Public License incorporates the terms of version 3 of the GNU General Public License.",
  "LGPL-2.1": "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999\n\nThis library is free software.",
  "GPL-3.0": "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nThe GNU General Public License is a free, copyleft license for software.",
  "GPL-2.0": "This program is free software; you can redistribute it and/or modify it under the terms of the\nGNU General Public License as published by the Free Software Foundation; either version 2 of the License,\nor (at your option) any later version.",
  "MPL-2.0": "Mozilla Public License Version 2.0\n==================================\n\n1. Definitions",
  "EPL-2.0": "Eclipse Public License - v 2.0\n\nTHE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS OF THIS ECLIPSE PUBLIC LICENSE.",
  "EUPL-1.2": "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL (c) the European Union 2007, 2016",
  "Apache-2.0": "                                 Apache License\n                           Version 2.0, January 2004\n\n   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
  "BSL-1.0": "Boost Software License - Version 1.0 - August 17th, 2003\n\nPermission is hereby granted, free of charge, to any person or organization obtaining a copy of the software and accompanying documentation covered by this license.",
  "MIT-0": "MIT No Attribution\n\nCopyright 2023 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files, to deal in the Software without restriction, and to permit persons to whom the Software is furnished to do so.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.",
  "0BSD": "Copyright (C) 2020 by Someone\n\nPermission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\".",
  ISC: "ISC License\n\nCopyright (c) 2019, Someone <a@b.c>\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.",
  PostgreSQL: "Permission to use, copy, modify, and distribute this software and its documentation for any purpose, without fee, and without a written agreement is hereby granted, provided that the above copyright notice and this paragraph and the following two paragraphs appear in all copies.",
  "BSD-4-Clause": "Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:\n3. All advertising materials mentioning features or use of this software must display the following acknowledgement.",
  "BSD-3-Clause": "Redistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n\n3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse or promote products derived from this software without specific prior written permission.",
  "BSD-2-Clause": "Redistribution and use in source and binary forms, with or without modification, are permitted provided that the following conditions are met:\n\n1. Redistributions of source code must retain the above copyright notice.\n2. Redistributions in binary form must reproduce the above copyright notice.",
  Zlib: "This software is provided 'as-is'.\n1. The origin of this software must not be misrepresented.\n2. Altered source versions must be plainly marked as such.",
  Unlicense: "This is free and unencumbered software released into the public domain.",
  "CC0-1.0": "Creative Commons Legal Code\n\nCC0 1.0 Universal\n\nStatement of Purpose",
  "Artistic-2.0": "The Artistic License 2.0\n\nPreamble\n\nThis license establishes the terms under which a given free software Package may be copied, modified, distributed, and/or redistributed.",
  WTFPL: "DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE\nVersion 2, December 2004",
  "BlueOak-1.0.0": "# Blue Oak Model License\n\nVersion 1.0.0\n\n## Purpose",
  "OFL-1.1": "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007",
  "CC-BY-4.0": "Attribution 4.0 International\n\nCreative Commons Attribution 4.0 International Public License",
};

describe("repo/license recognition", () => {
  for (const [id, text] of Object.entries(EXCERPTS)) {
    it(`recognises ${id} from its distinctive wording`, () => assert.equal(licenceFromText(text), id));
  }
  it("recognises MIT whatever the copyright line and Markdown formatting", () => {
    const md = MIT.replace("Copyright (c) 2024 Widget Co.", "Copyright © 2010–2024 The Widget Authors <dev@widgetco.dev>").replace("MIT License", "# The MIT License (MIT)").replace(/\n/g, "\n\n");
    assert.equal(licenceFromText(md), "MIT");
  });
  it("takes a leading SPDX-License-Identifier line", () => {
    assert.equal(recogniseLicence("SPDX-License-Identifier: MIT OR Apache-2.0\n\nSee the files."), "MIT OR Apache-2.0");
    assert.equal(recogniseLicence("/* SPDX-License-Identifier: GPL-2.0-only */\n"), "GPL-2.0-only");
    assert.equal(recogniseLicence("SPDX-License-Identifier: Not-A-Licence\n"), undefined);
  });
  it("does not recognise a custom grant", () => assert.equal(licenceFromText("You may use this code. Ask before redistributing."), undefined));
});

describe("repo/license", () => {
  it("reports an unrecognised LICENSE at the file, naming the manifest's licence", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    const f = findings[0]!;
    assert.equal(f.message, "LICENSE is not recognised as an SPDX licence (no SPDX-License-Identifier line and no known licence text); package.json declares MIT");
    assert.deepEqual(f.locations, [{ path: "LICENSE", startLine: 1, startColumn: 1 }]);
    assert.deepEqual(f.evidence, { spdx: "unrecognised", declared: "MIT", declaredIn: "package.json" });
    assert.equal(f.confidence, "medium");
  });

  it("reports a missing licence file at repository level", async () => {
    const { findings } = await run({ "README.md": "# widgetlib\n" });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "no licence file (LICENSE, COPYING, UNLICENSE or a LICENSES/ folder) in the repository root");
    assert.deepEqual(findings[0]!.locations, []);
    assert.deepEqual(findings[0]!.evidence, { spdx: "none" });
  });

  it("still reports a missing file when a manifest declares a licence, and says which", async () => {
    const cargo = '[package]\nname = "widget"\nversion = "0.1.0"\nlicense = "MIT OR Apache-2.0"\n\n[dependencies]\nlicense = "nope"\n';
    const { findings } = await run({ "Cargo.toml": cargo });
    assert.equal(findings[0]!.message, "no licence file in the repository root; Cargo.toml declares MIT OR Apache-2.0, but the licence text itself is not shipped");
    assert.deepEqual(findings[0]!.evidence, { spdx: "none", declared: "MIT OR Apache-2.0", declaredIn: "Cargo.toml" });
  });

  it("reads pyproject.toml [project] and ignores licences that are not SPDX", async () => {
    const ok = await run({ "pyproject.toml": '[build-system]\nrequires = []\n\n[project]\nname = "w"\nlicense = "Apache-2.0"\n' });
    assert.match(ok.findings[0]!.message, /pyproject\.toml declares Apache-2\.0/);
    const text = await run({ "pyproject.toml": '[project]\nname = "w"\nlicense = { text = "BSD License" }\n', "package.json": '{"license": "UNLICENSED"}' });
    assert.deepEqual(text.findings[0]!.evidence, { spdx: "none" });
  });

  const passing: [string, Record<string, string | Uint8Array>][] = [
    ["LICENSE.md", { "LICENSE.md": MIT }],
    ["LICENCE (British spelling)", { LICENCE: MIT }],
    ["COPYING with GPL wording", { COPYING: EXCERPTS["GPL-2.0"] as string }],
    ["dual LICENSE-MIT and LICENSE-APACHE", { "LICENSE-MIT": MIT, "LICENSE-APACHE": EXCERPTS["Apache-2.0"] as string }],
    ["MIT-LICENSE.txt", { "MIT-LICENSE.txt": MIT }],
    ["UNLICENSE", { UNLICENSE: EXCERPTS.Unlicense as string }],
    ["a REUSE LICENSES/ folder", { "LICENSES/MIT.txt": MIT, "LICENSES/CC0-1.0.txt": "whatever" }],
    ["an SPDX line", { LICENSE: "SPDX-License-Identifier: BSD-3-Clause\n\nCopyright Widget Co.\n" }],
    ["one recognised file beside an unrecognised notice", { LICENSE: MIT, COPYRIGHT: "Copyright 2024 Widget Co.\n" }],
  ];
  for (const [name, files] of passing) {
    it(`accepts ${name}`, async () => {
      const { findings, outcome } = await run(files);
      assert.deepEqual(findings.map((f) => f.message), []);
      assert.equal(outcome, "pass");
    });
  }

  it("does not take code about licences for a licence file", async () => {
    const { findings } = await run({ "license.go": "package main\n", "LICENSE.json": "{}" });
    assert.deepEqual(findings[0]!.evidence, { spdx: "none" });
  });

  it("ignores licence files below the root", async () => {
    const { findings } = await run({ "vendor/lib/LICENSE": MIT });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.locations, []);
  });

  it("reports a binary LICENSE as unrecognised", async () => {
    const { findings } = await run({ LICENSE: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.evidence, { spdx: "unrecognised" });
  });

  // Its speed is measured in bench/hostile.bench.ts, never timed here.
  it("judges a huge hostile licence file", async () => {
    const { findings } = await run({ LICENSE: `SPDX-License-Identifier: ${"(".repeat(5000)}\n${"permission ".repeat(300_000)}` });
    assert.equal(findings.length, 1);
  });
});
