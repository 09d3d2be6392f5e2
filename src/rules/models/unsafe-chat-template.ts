import { looksLikeGguf, readGgufHeader } from "../../ecosystems/models/gguf.js";
import type { Rule } from "../types.js";
import { filesMatching } from "./lib/model-files.js";
import { fileRangeSource } from "./lib/scan-model.js";

export const rule: Rule = {
  meta: {
    id: "models/unsafe-chat-template",
    title: "GGUF chat template that escapes its sandbox",
    severity: "critical",
    confidence: "high",
    check: "Model-Integrity",
    rationale:
      "A GGUF file carries its chat template as Jinja2 text that inference servers render for every prompt. Templates need loops, conditions and the message fields, never Python internals: one that reaches `__class__`, `__globals__`, `__builtins__` or `os.popen` is a server-side template injection that runs commands where the model is served (CVE-2024-34359 in llama-cpp-python).",
    remediation:
      "Do not serve the model: replace the template with the model family's published one (loops over `messages`, `role` and `content` only), re-export the GGUF, and render templates only in a sandboxed Jinja2 environment.",
    references: [
      { title: "CVE-2024-34359 (llama-cpp-python template injection)", url: "https://nvd.nist.gov/vuln/detail/CVE-2024-34359" },
      { title: "GGUF specification", url: "https://github.com/ggml-org/ggml/blob/master/docs/gguf.md" },
    ],
    network: false,
    assessmentSection: "secure-development-practices/development-pipeline",
  },

  async run(ctx) {
    const files = await filesMatching(ctx, /\.gguf$/i);
    if (files.length === 0) return ctx.notApplicable("no GGUF model files");
    for (const f of files) {
      const src = await fileRangeSource(ctx, f.path);
      if (!src) continue;
      const head = await src.read(0, 4);
      if (!looksLikeGguf(head)) {
        ctx.incomplete("is not a GGUF file (no GGUF magic), so its chat template could not be read", { path: f.path });
        continue;
      }
      let strings: Record<string, string>;
      try {
        strings = (await readGgufHeader(src, new Set(["tokenizer.chat_template"]))).strings;
      } catch (e) {
        ctx.incomplete(`its GGUF header could not be read (${(e as Error).message})`, { path: f.path });
        continue;
      }
      for (const [key, template] of Object.entries(strings)) {
        const hit = escapes(template);
        if (!hit) continue;
        ctx.report({
          message: `${f.path}: ${key} reaches ${hit} — rendering it can run code on the inference server`,
          locations: [{ path: f.path }],
          snippet: template.slice(0, 300),
          evidence: { key, marker: hit },
          key: `${f.path}:${key}`,
          fix: "replace the chat template with the model family's published template and re-export the GGUF",
        });
      }
    }
  },
};

const HIDDEN_UNDERSCORE = /\\(?:x5[fF]|u005[fF]|U0000005[fF]|137|N\{LOW LINE\})|(['"])__\1|_['"]\s{0,8}[~+]\s{0,8}['"]_|\bformat\s{0,8}\(\s{0,8}(?:95|0x5[fF])\b|%\s{0,8}\(?\s{0,8}(?:95|0x5[fF])\b|\(\s{0,8}_{1,2}\s{0,8}=|(['"])_\2\s{0,8}\*|(['"])_\3\s{0,8},\s{0,8}['"]_['"]|\|\s{0,8}string\s{0,8}\)\s{0,8}\[/;

/** The first sandbox-escape marker in a Jinja2 template, if any. */
export function escapes(template: string): string | undefined {
  const t = template.slice(0, 16 * 1024 * 1024);
  const m = /__(?:class|mro|subclasses|globals|builtins|import|init|base|bases|getattribute|dict|code|func_globals|loader|spec|self|func|closure|reduce|reduce_ex)__|\|\s{0,8}attr\s{0,8}\(|\bos\s{0,4}\.\s{0,4}(?:system|popen)|\bsubprocess\b|\b(?:eval|exec)\s{0,4}\(|\bimport_module\b|_TemplateReference__|\bpopen\b|\blipsum\b|\[\s{0,4}['"]os['"]\s{0,4}\]/.exec(t);
  if (m) return m[0].replace(/\s+/g, "");
  // A dunder spelled so the names above do not appear: an escaped underscore in a string literal (Jinja reads
  // Python escapes), underscore literals glued together, multiplied or joined, an underscore made from its code
  // point (`format(95)`, `'%c' % 95`), a keyword argument's name taken as a key (`dict(_=1)|first`), or a character picked out of an object's text (`(lipsum|string)[18]` is `_`). Jinja's subscript falls
  // back to getattr, so `self[u ~ 'init' ~ u]` needs no attribute syntax; `popen`, `lipsum` and `['os']` give the
  // rest of such a chain away.
  return HIDDEN_UNDERSCORE.exec(t)?.[0].replace(/\s+/g, "");
}
