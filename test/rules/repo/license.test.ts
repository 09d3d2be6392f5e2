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
  "Apache-1.1": "The Apache Software License, Version 1.1\n\nCopyright (c) 2000 The Widget Group. All rights reserved.",
  "MPL-1.1": "MOZILLA PUBLIC LICENSE\nVersion 1.1\n\n1. Definitions.",
  "EPL-1.0": "Eclipse Public License - v 1.0\n\nTHE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS OF THIS ECLIPSE PUBLIC LICENSE.",
  "EUPL-1.1": "European Union Public Licence\nV. 1.1\n\nEUPL (c) the European Community 2007",
  "LGPL-2.0": "GNU LIBRARY GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n\n[This is the first released version of the library GPL.]",
  "CDDL-1.0": "COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL)\nVersion 1.0\n\n1. Definitions.",
  "CDDL-1.1": "COMMON DEVELOPMENT AND DISTRIBUTION LICENSE (CDDL)\nVersion 1.1\n\n1. Definitions.",
  "AFL-3.0": 'Academic Free License ("AFL") v. 3.0\n\nThis Academic Free License applies to any original work of authorship.',
  "OSL-3.0": 'Open Software License ("OSL") v. 3.0\n\nThis Open Software License applies to any original work of authorship.',
  "MS-PL": "Microsoft Public License (Ms-PL)\n\nThis license governs use of the accompanying software.",
  "MS-RL": "Microsoft Reciprocal License (Ms-RL)\n\nThis license governs use of the accompanying software.",
  "ECL-2.0": "Educational Community License\nVersion 2.0, April 2007\n\nThe Educational Community License version 2.0 applies to any original work.",
  "UPL-1.0": "Copyright (c) 2024 Widget Co.\n\nThe Universal Permissive License (UPL), Version 1.0\n\nSubject to the condition set forth below, permission is hereby granted.",
  "ZPL-2.1": "Zope Public License (ZPL) Version 2.1\n\nA copyright notice accompanies this license document.",
  "MulanPSL-2.0": "Mulan Permissive Software License，Version 2\n\nMulan Permissive Software License，Version 2 (Mulan PSL v2)",
  "CECILL-2.1": "CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL\n\nCeCILL FREE SOFTWARE LICENSE AGREEMENT\n\nVersion 2.1 dated 2013-06-21",
  "LPPL-1.3c": "The LaTeX Project Public License\n=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=\n\nLPPL Version 1.3c  2008-05-04",
  NCSA: "University of Illinois/NCSA Open Source License\n\nCopyright (c) 2003-2019 Widget Contributors. All rights reserved.",
  "Python-2.0": "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2\n--------------------------------------------\n\nBEOPEN.COM LICENSE AGREEMENT FOR PYTHON 2.0\n------------------------------------------",
  "PSF-2.0": "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2\n--------------------------------------------\n\n1. This LICENSE AGREEMENT is between the Python Software Foundation and the Licensee.",
  "BUSL-1.1": "Parameters\n\nLicensor:             Widget Co.\nChange License:       Apache 2.0\n\nNotice\n\nBusiness Source License 1.1\n\nTerms",
  "Elastic-2.0": "Elastic License 2.0\n\nURL: https://www.elastic.co/licensing/elastic-license\n\n## Limitations",
  "SSPL-1.0": "Server Side Public License\nVERSION 1, OCTOBER 16, 2018\n\nEveryone is permitted to copy and distribute verbatim copies.",
  OpenSSL: "4. Redistributions of any form whatsoever must retain the following acknowledgment:\n   \"This product includes software developed by the OpenSSL Project\n   for use in the OpenSSL Toolkit (http://www.openssl.org/)\"",
  "Unicode-3.0": "UNICODE LICENSE V3\n\nCOPYRIGHT AND PERMISSION NOTICE",
  "Unicode-DFS-2016": "UNICODE, INC. LICENSE AGREEMENT - DATA FILES AND SOFTWARE\n\nUnicode Data Files include all data files under the directories.",
  Ruby: "Ruby is copyrighted free software by Yukihiro Matsumoto <matz@netlab.jp>.\nYou can redistribute it and/or modify it under either the terms of the\n2-clause BSDL (see the file BSDL), or the conditions below.",
  "Artistic-1.0-Perl OR GPL-1.0-or-later": "Copyright 2019 A. Hacker.\n\nThis library is free software; you can redistribute it and/or modify it\nunder the same terms as Perl itself.",
  W3C: "W3C SOFTWARE NOTICE AND LICENSE\n\nThis work is being provided by the copyright holders under the following license.",
  X11: "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files.\n\nExcept as contained in this notice, the name of the X Consortium shall not be used in advertising or otherwise to promote the sale.",
  curl: "COPYRIGHT AND PERMISSION NOTICE\n\nPermission to use, copy, modify, and distribute this software for any purpose\nwith or without fee is hereby granted, provided that the above copyright\nnotice and this permission notice appear in all copies.\n\nExcept as contained in this notice, the name of a copyright holder shall not\nbe used in advertising or otherwise to promote the sale, use or other dealings.",
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
  it("takes the licence the file opens with, not a third party's appended far below it (ruff's MIT file ends with an Apache notice)", () => {
    const notices = `${MIT}\n\nend of terms and conditions\n\nThird-party software notices:\n\n${"- widget-lib, under the licence below.\n".repeat(80)}\n${EXCERPTS["Apache-2.0"]}\n`;
    assert.equal(licenceFromText(notices), "MIT");
    assert.equal(licenceFromText(`${EXCERPTS["Apache-2.0"]}\n\n${MIT}`), "Apache-2.0");
  });
  it("keeps GPL-2.0 whose closing words name the Library GPL", () => {
    const gpl = "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n\nIf your program is a subroutine library, you may consider it more useful to permit linking proprietary applications with the library. If this is what you want to do, use the GNU Library General Public License instead of this License.";
    assert.equal(licenceFromText(gpl), "GPL-2.0");
  });
  it("recognises the PSF grant in a licence agreement that names another licensor", () => {
    const agreement = "License agreement for widgetplot\n\n2. Subject to the terms and conditions of this License Agreement, WDT\nhereby grants Licensee a nonexclusive, royalty-free, world-wide license\nto reproduce, analyze, test, perform and/or display publicly, prepare\nderivative works, distribute, and otherwise use widgetplot alone.";
    assert.equal(licenceFromText(agreement), "PSF-2.0");
  });
});

describe("repo/license", () => {
  it("reports the fixture's missing licence text, naming the manifest's licence", async () => {
    const { findings } = await runRule(rule, fixtureDir(rule.meta.id, "bad"));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.message, "no licence file in the repository root; package.json declares MIT, but the licence text itself is not shipped");
    assert.deepEqual(findings[0]?.locations, []);
  });

  it("counts a licence file whose text it does not recognise, as Scorecard does (repo/license-unrecognised judges the text)", async () => {
    const { findings, outcome, assessment } = await runRule(rule, fixtureDir("repo/license-unrecognised", "bad"));
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "LICENSE is the licence file (its text is not one assay recognises)");
  });

  it("reads a licence kept in a root folder named LICENSE, and only a licence-named file there", async () => {
    const psf = "LICENSE AGREEMENT FOR WIDGETPLOT\n\n2. WDT hereby grants Licensee a nonexclusive, royalty-free, world-wide license to reproduce, analyze, test, perform and/or display publicly, prepare derivative works, distribute, and otherwise use widgetplot.\n";
    const { outcome, assessment } = await run({ "LICENSE/LICENSE": psf, "LICENSE/LICENSE_BUNDLED_FONT": "Font licence of a bundled font.\n" });
    assert.equal(outcome, "pass");
    assert.equal(assessment.rules[0]?.evidence?.[0]?.message, "LICENSE/LICENSE holds the PSF-2.0 licence");
    assert.equal((await run({ "LICENSE/LICENSE_BUNDLED_FONT": "Font licence of a bundled font.\n" })).findings[0]?.evidence["spdx"], "none");
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
    ["Boost's LICENSE_1_0.txt", { "LICENSE_1_0.txt": "Boost Software License - Version 1.0 - August 17th, 2003\n\nPermission is hereby granted, free of charge, to any person or organization obtaining a copy of the software and accompanying documentation covered by this license (the \"Software\") to use, reproduce, display, distribute, execute, and transmit the Software.\n" }],
    // Scorecard's file-name pattern takes the plural, which projects with several licences use for one file.
    ["LICENSES.txt (one file, plural)", { "LICENSES.txt": MIT }],
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

  it("does not take the licences of the project's dependencies for its own", async () => {
    for (const name of ["THIRD-PARTY-LICENSE", "THIRD-PARTY-LICENSES.txt", "3rd-party-licenses.md", "LICENSE-THIRD-PARTY", "LICENSES-thirdparty.txt", "vendor-licenses.txt"]) {
      const { findings } = await run({ [name]: MIT, "src/a.go": "package a\n" });
      assert.deepEqual(findings.map((f) => f.evidence.spdx), ["none"], name);
    }
    const { outcome } = await run({ LICENSE: MIT, "THIRD-PARTY-LICENSES": MIT });
    assert.equal(outcome, "pass");
  });

  it("ignores licence files below the root", async () => {
    const { findings } = await run({ "vendor/lib/LICENSE": MIT });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]!.locations, []);
  });

  it("reports a binary LICENSE as unrecognised", async () => {
    const { findings } = await run({ LICENSE: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.message, "LICENSE is not a licence text: it cannot be read as text");
    assert.deepEqual(findings[0]!.evidence, { spdx: "unrecognised" });
  });

  // Its speed is measured in bench/hostile.bench.ts, never timed here.
  it("judges a huge hostile licence file", async () => {
    const { findings, outcome } = await run({ LICENSE: `SPDX-License-Identifier: ${"(".repeat(5000)}\n${"permission ".repeat(300_000)}` });
    assert.deepEqual(findings, []);
    assert.equal(outcome, "pass");
  });
});
