import parseSpdx from "spdx-expression-parse";
import spdxIds from "spdx-license-ids/index.json" with { type: "json" };
import deprecatedIds from "spdx-license-ids/deprecated.json" with { type: "json" };

/**
 * Recognises a licence text: a leading `SPDX-License-Identifier:` line, else distinctive phrases of
 * the common licences. The phrases are short fragments of each licence's well-known wording,
 * matched on normalised text (case, punctuation and whitespace folded), so copyright lines,
 * line wrapping and Markdown formatting do not matter.
 */

/** A licence recognised by its text: all of one `any` phrase set appear and no `none` phrase does. */
interface LicenceSignature {
  id: string;
  any: readonly (readonly string[])[];
  none?: readonly string[];
}

const BSD_REDISTRIBUTION = "redistribution and use in source and binary forms with or without modification are permitted provided that the following conditions are met";
const MIT_GRANT = "permission is hereby granted free of charge to any person obtaining a copy of this software";
const ISC_GRANT = "permission to use copy modify and distribute this software for any purpose with or without fee is hereby granted provided that the above copyright notice and this permission notice appear in all copies";
/** The Python Software Foundation licence's grant, which matplotlib's and others' licence agreements reuse with their own names. */
const PSF_GRANT = "hereby grants licensee a nonexclusive royalty free world wide license to reproduce analyze test perform and or display publicly prepare derivative works distribute and otherwise use";

/** Most specific first: the first signature that matches wins. */
const SIGNATURES: readonly LicenceSignature[] = [
  { id: "AGPL-3.0", any: [["gnu affero general public license version 3"], ["gnu affero general public license as published by the free software foundation either version 3"]] },
  { id: "LGPL-3.0", any: [["gnu lesser general public license version 3"], ["gnu lesser general public license as published by the free software foundation either version 3"]] },
  { id: "LGPL-2.1", any: [["gnu lesser general public license version 2 1"], ["gnu lesser general public license as published by the free software foundation either version 2 1"]] },
  // Its title with the date: GPL-2.0's closing words name the Library GPL too.
  { id: "LGPL-2.0", any: [["gnu library general public license version 2 june 1991"]] },
  { id: "GPL-3.0", any: [["gnu general public license version 3"], ["gnu general public license as published by the free software foundation either version 3"]] },
  { id: "GPL-2.0", any: [["gnu general public license version 2"], ["gnu general public license as published by the free software foundation either version 2"]] },
  { id: "MPL-2.0", any: [["mozilla public license version 2 0"], ["mozilla public license v 2 0"]] },
  { id: "EPL-2.0", any: [["eclipse public license v 2 0"], ["eclipse public license version 2 0"], ["eclipse public license 2 0"]] },
  { id: "EUPL-1.2", any: [["european union public license v 1 2"], ["european union public license version 1 2"], ["eupl v 1 2"]] },
  { id: "Apache-2.0", any: [["apache license version 2 0"], ["apache license v2 0"]] },
  { id: "Apache-1.1", any: [["the apache software license version 1 1"]] },
  { id: "MPL-1.1", any: [["mozilla public license version 1 1"]] },
  { id: "EPL-1.0", any: [["eclipse public license v 1 0"], ["eclipse public license version 1 0"]] },
  { id: "EUPL-1.1", any: [["european union public license v 1 1"]] },
  { id: "CDDL-1.1", any: [["common development and distribution license cddl version 1 1"]] },
  { id: "CDDL-1.0", any: [["common development and distribution license cddl version 1 0"]] },
  { id: "AFL-3.0", any: [["academic free license afl v 3 0"]] },
  { id: "OSL-3.0", any: [["open software license osl v 3 0"]] },
  { id: "MS-PL", any: [["microsoft public license ms pl"]] },
  { id: "MS-RL", any: [["microsoft reciprocal license ms rl"]] },
  { id: "ECL-2.0", any: [["educational community license version 2 0"]] },
  { id: "UPL-1.0", any: [["universal permissive license upl version 1 0"]] },
  { id: "ZPL-2.1", any: [["zope public license zpl version 2 1"]] },
  { id: "MulanPSL-2.0", any: [["mulan permissive software license version 2"]] },
  { id: "CECILL-2.1", any: [["cecill free software license agreement", "version 2 1"]] },
  { id: "LPPL-1.3c", any: [["the latex project public license", "lppl version 1 3c"]] },
  { id: "NCSA", any: [["university of illinois ncsa open source license"]] },
  { id: "Python-2.0", any: [["beopen com license agreement for python 2 0"]] },
  { id: "PSF-2.0", any: [["python software foundation license version 2"], [PSF_GRANT]] },
  // Source-available, not open source, but a licence users can read and rely on (Scorecard counts the file).
  { id: "BUSL-1.1", any: [["business source license 1 1"]] },
  { id: "Elastic-2.0", any: [["elastic license 2 0", "limitations"]] },
  { id: "SSPL-1.0", any: [["server side public license", "version 1"]] },
  { id: "OpenSSL", any: [["this product includes software developed by the openssl project for use in the openssl toolkit"]] },
  { id: "Unicode-3.0", any: [["unicode license v3"]] },
  { id: "Unicode-DFS-2016", any: [["unicode inc license agreement data files and software"]] },
  { id: "Ruby", any: [["ruby is copyrighted free software by yukihiro matsumoto"]] },
  { id: "Artistic-1.0-Perl OR GPL-1.0-or-later", any: [["under the same terms as perl itself"]] },
  { id: "W3C", any: [["w3c software notice and license"]] },
  { id: "BSL-1.0", any: [["boost software license version 1 0"], ["to any person or organization obtaining a copy of the software and accompanying documentation covered by this license"]] },
  // X11 and curl are MIT and ISC with a clause against using the holders' names in advertising.
  { id: "X11", any: [[MIT_GRANT, "except as contained in this notice the name of the x consortium shall not be used in advertising"]] },
  { id: "curl", any: [[ISC_GRANT, "except as contained in this notice the name of a copyright holder shall not be used in advertising"]] },
  { id: "MIT-0", any: [[MIT_GRANT, "to permit persons to whom the software is furnished to do so the software is provided as is"]] },
  { id: "MIT", any: [[MIT_GRANT, "the above copyright notice and this permission notice shall be included in all copies or substantial portions of the software"]] },
  { id: "0BSD", any: [["permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted"]], none: ["provided that the above copyright notice and this permission notice appear in all copies"] },
  {
    id: "ISC",
    any: [
      ["permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted provided that the above copyright notice and this permission notice appear in all copies"],
      [ISC_GRANT],
    ],
  },
  { id: "PostgreSQL", any: [["without fee and without a written agreement is hereby granted provided that the above copyright notice and this paragraph and the following two paragraphs appear in all copies"]] },
  { id: "BSD-4-Clause", any: [[BSD_REDISTRIBUTION, "all advertising materials mentioning features or use of this software must display"]] },
  { id: "BSD-3-Clause", any: [[BSD_REDISTRIBUTION, "endorse or promote products derived from this software without specific prior written permission"]] },
  { id: "BSD-2-Clause", any: [[BSD_REDISTRIBUTION, "redistributions in binary form must reproduce the above copyright notice"]], none: ["endorse or promote products derived from this software"] },
  { id: "Zlib", any: [["the origin of this software must not be misrepresented", "altered source versions must be plainly marked as such"]] },
  { id: "Unlicense", any: [["this is free and unencumbered software released into the public domain"]] },
  { id: "CC0-1.0", any: [["cc0 1 0 universal"], ["to the extent possible under law", "waived all copyright and related or neighboring rights"]] },
  {
    id: "Artistic-2.0",
    any: [["the artistic license 2 0"], ["this license establishes the terms under which a given free software package may be copied modified distributed and or redistributed"]],
  },
  { id: "WTFPL", any: [["do what the fuck you want to public license"], ["do what the f ck you want to public license"]] },
  { id: "BlueOak-1.0.0", any: [["blue oak model license", "version 1 0 0"]] },
  { id: "OFL-1.1", any: [["open font license version 1 1"]] },
  { id: "CC-BY-4.0", any: [["creative commons attribution 4 0 international"]] },
];

/** Folds case, the British spelling, punctuation and whitespace, and pads with spaces for whole-word search. */
export function normaliseLicenceText(text: string): string {
  const folded = text.toLowerCase().replace(/licence/g, "license").replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
  return ` ${folded} `;
}

const SIGNATURE_PHRASES = SIGNATURES.map((s) => ({
  id: s.id,
  any: s.any.map((set) => set.map((p) => normaliseLicenceText(p))),
  none: (s.none ?? []).map((p) => normaliseLicenceText(p)),
}));

/** The licence a text is, by its distinctive phrases; undefined when none matches. */
export function licenceFromText(text: string): string | undefined {
  const t = normaliseLicenceText(text);
  // Where each recognised licence starts. The list's order settles licences whose texts overlap
  // (BSD-3 holds BSD-2's clauses); one that starts far earlier is the file's own licence, and a
  // later one a third-party notice appended to it (ruff's MIT file ends with an Apache licence).
  let chosen: { id: string; start: number } | undefined;
  let earliest: { id: string; start: number } | undefined;
  for (const s of SIGNATURE_PHRASES) {
    if (s.none.some((p) => t.includes(p))) continue;
    const set = s.any.find((phrases) => phrases.every((p) => t.includes(p)));
    if (!set) continue;
    const start = Math.min(...set.map((p) => t.indexOf(p)));
    chosen ??= { id: s.id, start };
    if (!earliest || start < earliest.start) earliest = { id: s.id, start };
  }
  return earliest && chosen && earliest.start < chosen.start - NOTICE_DISTANCE ? earliest.id : chosen?.id;
}

/** How much earlier another licence must start to be the file's own rather than an overlapping text. */
const NOTICE_DISTANCE = 2000;

const SPDX_LINE = /SPDX-License-Identifier:[ \t]{0,20}([^\r\n]{1,300})/;

/** The expression of an `SPDX-License-Identifier:` line among the first lines, when it is valid. */
export function spdxIdentifierLine(text: string): string | undefined {
  const head = text.split("\n", 6).join("\n");
  const m = SPDX_LINE.exec(head);
  if (!m) return undefined;
  const expr = (m[1] as string).replace(/\s*(\*\/|-->|#}|%>)\s*$/, "").trim();
  return validSpdxExpression(expr);
}

/** The expression itself when it is a valid SPDX licence expression, else undefined. */
export function validSpdxExpression(expr: string): string | undefined {
  if (expr.length === 0 || expr.length > 300) return undefined;
  try {
    parseSpdx(expr);
    return expr;
  } catch {
    return undefined;
  }
}

const KNOWN_IDS = new Set<string>([...spdxIds, ...deprecatedIds].map((id) => id.toLowerCase()));

/** True when `id` is an SPDX licence identifier (case-insensitive) or a `LicenseRef-` reference. */
export function isSpdxId(id: string): boolean {
  return KNOWN_IDS.has(id.toLowerCase()) || /^LicenseRef-[A-Za-z0-9.-]{1,100}$/.test(id);
}

/** Recognises a licence file's text: the SPDX line first, then the licence phrases. */
export function recogniseLicence(text: string): string | undefined {
  return spdxIdentifierLine(text) ?? licenceFromText(text);
}
