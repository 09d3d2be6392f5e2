import type { FileSource } from "../core/files.js";
import { languageOf } from "../ecosystems/languages.js";

// The attack surface visible in the source: the places a threat model starts from. Each pattern is
// a cheap substring check followed by a bounded, linear regular expression on that line. This is a
// draft for maintainers to review, never a verdict: it finds where to look, not what is wrong.

/** STRIDE: the kinds of threat a piece of attack surface invites. */
export type Stride = "Spoofing" | "Tampering" | "Repudiation" | "Information disclosure" | "Denial of service" | "Elevation of privilege";

/** A kind of attack surface and the threats it invites. */
export interface SurfaceKind {
  id: string;
  title: string;
  stride: readonly Stride[];
  /** One sentence: what to think about at such a place. */
  question: string;
}

/** One place in the source. */
export interface SurfaceItem {
  kind: string;
  path: string;
  line: number;
  /** The line, trimmed and shortened. */
  text: string;
}

export const SURFACE_KINDS: readonly SurfaceKind[] = [
  { id: "network-listener", title: "Network listeners", stride: ["Spoofing", "Information disclosure", "Denial of service"], question: "Who can connect, how are they authenticated, and what bounds the work one request can cause?" },
  { id: "deserialisation", title: "Deserialisation of untrusted data", stride: ["Tampering", "Elevation of privilege"], question: "Can the input come from outside, and can it name types or run code while it is decoded?" },
  { id: "subprocess", title: "Subprocess execution", stride: ["Elevation of privilege", "Tampering"], question: "Can any argument or the program name be influenced from outside (command injection)?" },
  { id: "plugin-loading", title: "Plugin and dynamic code loading", stride: ["Elevation of privilege", "Tampering"], question: "Who controls what is loaded, and is it verified before it runs?" },
  { id: "xml-parsing", title: "XML parsing", stride: ["Information disclosure", "Denial of service"], question: "Are external entities and DTDs disabled, and is entity expansion bounded (XXE, billion laughs)?" },
  { id: "template-rendering", title: "Template rendering", stride: ["Tampering", "Information disclosure"], question: "Can users supply a template, or data that reaches it unescaped (template injection, XSS)?" },
  { id: "file-upload", title: "File uploads and archive extraction", stride: ["Tampering", "Denial of service", "Elevation of privilege"], question: "Are sizes, types and paths bounded (path traversal, zip slip, zip bombs)?" },
];

interface Pattern {
  kind: string;
  languages: readonly string[];
  /** A substring that must be on the line before the regex runs. */
  needle: string;
  re: RegExp;
}

const JS = ["JavaScript", "TypeScript"];
const PATTERNS: readonly Pattern[] = [
  // network listeners
  { kind: "network-listener", languages: ["Go"], needle: "Listen", re: /\b(?:net|http|tls)\.Listen(?:AndServe(?:TLS)?|Packet|TCP|UDP)?\(|\bgrpc\.NewServer\(/ },
  { kind: "network-listener", languages: JS, needle: "", re: /\b(?:http|https|net|http2)\.createServer\(|\bnew\s{1,5}WebSocketServer\(|\b(?:app|server|fastify|hono)\.listen\(|\bDeno\.serve\(|\bBun\.serve\(/ },
  { kind: "network-listener", languages: ["Python"], needle: "", re: /\.bind\(\s{0,5}\(|\buvicorn\.run\(|\bapp\.run\(|\bserve_forever\(|\bweb\.run_app\(|\bHTTPServer\(/ },
  { kind: "network-listener", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\bnew\s{1,5}ServerSocket\(|\bHttpServer\.create\(|@(?:RestController|Controller|WebServlet)\b|\bembeddedServer\(/ },
  { kind: "network-listener", languages: ["Rust"], needle: "", re: /\bTcpListener::bind\(|\bHttpServer::new\(|\baxum::serve\(|\bServer::bind\(|\bwarp::serve\(/ },
  { kind: "network-listener", languages: ["Ruby"], needle: "", re: /\bTCPServer\.new\(|\bWEBrick::HTTPServer\.new\b|\bSinatra::Base\b/ },
  { kind: "network-listener", languages: ["C#"], needle: "", re: /\bWebApplication\.Create(?:Builder)?\(|\bnew\s{1,5}TcpListener\(|\bHttpListener\(/ },
  // deserialisation
  { kind: "deserialisation", languages: ["Python"], needle: "", re: /\b(?:pickle|cPickle|dill|joblib|marshal|shelve)\.loads?\(|\byaml\.(?:load|unsafe_load)\((?![^)]{0,200}SafeLoader)|\btorch\.load\(/ },
  { kind: "deserialisation", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\bnew\s{1,5}ObjectInputStream\(|\bXMLDecoder\(|\benableDefaultTyping\(|\bnew\s{1,5}Yaml\(\)/ },
  { kind: "deserialisation", languages: ["Go"], needle: "", re: /\bgob\.NewDecoder\(|\byaml\.Unmarshal\(/ },
  { kind: "deserialisation", languages: ["PHP"], needle: "unserialize", re: /\bunserialize\(/ },
  { kind: "deserialisation", languages: ["Ruby"], needle: "", re: /\bMarshal\.load\(|\bYAML\.(?:load|unsafe_load)\(/ },
  { kind: "deserialisation", languages: ["C#"], needle: "", re: /\bBinaryFormatter\b|\bTypeNameHandling\.(?:All|Auto|Objects)\b/ },
  { kind: "deserialisation", languages: JS, needle: "", re: /\b(?:import|require)\b[^\n]{0,200}["'](?:node-serialize|serialize-javascript|funcster)["']|(?<![.\w$])unserialize\(/ },
  // subprocess
  { kind: "subprocess", languages: ["Go"], needle: "exec.Command", re: /\bexec\.Command(?:Context)?\(/ },
  // `re.exec(` and `.fork(` are everywhere in JavaScript: only bare calls and the modules count.
  { kind: "subprocess", languages: JS, needle: "", re: /\b(?:import|require)\b[^\n]{0,200}["'](?:node:)?(?:child_process|execa|shelljs|cross-spawn)["']|(?<![.\w$])(?:execSync|spawn|spawnSync|execFile|execFileSync)\(/ },
  { kind: "subprocess", languages: ["Python"], needle: "", re: /\bsubprocess\.(?:run|call|check_call|check_output|Popen)\(|\bos\.(?:system|popen|exec[lv]p?e?)\(/ },
  { kind: "subprocess", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\bRuntime\.getRuntime\(\)\.exec\(|\bnew\s{1,5}ProcessBuilder\(/ },
  { kind: "subprocess", languages: ["Rust"], needle: "Command::new", re: /\bCommand::new\(/ },
  { kind: "subprocess", languages: ["Ruby"], needle: "", re: /(?<![.\w])(?:system|exec|spawn)\(|`[^`\n]{1,200}#\{|\bOpen3\./ },
  { kind: "subprocess", languages: ["PHP"], needle: "", re: /(?<![.\w>$])(?:exec|shell_exec|system|passthru|proc_open|popen)\(/ },
  { kind: "subprocess", languages: ["C#"], needle: "Process", re: /\bProcess\.Start\(|\bnew\s{1,5}ProcessStartInfo\(/ },
  { kind: "subprocess", languages: ["C", "C++"], needle: "", re: /(?<![.\w>])(?:system|popen|execv[pe]?|execl[pe]?)\(/ },
  // plugin loading
  { kind: "plugin-loading", languages: ["Go"], needle: "plugin.Open", re: /\bplugin\.Open\(/ },
  { kind: "plugin-loading", languages: ["Python"], needle: "", re: /\bimportlib\.import_module\(|\b__import__\(|(?<![.\w])(?:exec|eval)\(/ },
  { kind: "plugin-loading", languages: JS, needle: "", re: /(?<![.\w$])(?:require|import)\(\s{0,5}[a-zA-Z_$][\w$.]{0,100}\s{0,5}\)|\bnew\s{1,5}Function\(|(?<![.\w$])eval\(|\bvm\.run/ },
  { kind: "plugin-loading", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\bServiceLoader\.load\(|\bURLClassLoader\(|\bClass\.forName\(/ },
  { kind: "plugin-loading", languages: ["Rust"], needle: "Library", re: /\bLibrary::new\(/ },
  { kind: "plugin-loading", languages: ["C", "C++"], needle: "dlopen", re: /\bdlopen\(/ },
  // XML
  { kind: "xml-parsing", languages: ["Python"], needle: "", re: /^\s{0,40}(?:import|from)\s{1,10}(?:xml\.(?:etree|dom|sax)|lxml|xmltodict|defusedxml)\b/ },
  { kind: "xml-parsing", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\b(?:DocumentBuilderFactory|SAXParserFactory|XMLInputFactory|TransformerFactory|SAXReader)\b/ },
  { kind: "xml-parsing", languages: ["Go"], needle: "xml.", re: /\bxml\.(?:Unmarshal|NewDecoder)\(/ },
  { kind: "xml-parsing", languages: JS, needle: "", re: /\b(?:import|require)\b[^\n]{0,200}["'](?:xml2js|fast-xml-parser|libxmljs2?|sax|@xmldom\/xmldom|xmldom)["']|\bnew\s{1,5}DOMParser\(/ },
  { kind: "xml-parsing", languages: ["C#"], needle: "Xml", re: /\bXml(?:Document|Reader|TextReader)\b/ },
  { kind: "xml-parsing", languages: ["PHP", "Ruby"], needle: "", re: /\bsimplexml_load_(?:string|file)\(|\bDOMDocument\b|\bNokogiri::XML\b|\bREXML\b/ },
  // templates
  { kind: "template-rendering", languages: ["Go"], needle: "template.", re: /\b(?:text|html)\/template\b|\btemplate\.(?:New|Must)\(/ },
  { kind: "template-rendering", languages: ["Python"], needle: "", re: /\brender_template_string\(|^\s{0,40}(?:import|from)\s{1,10}(?:jinja2|mako|chameleon)\b/ },
  { kind: "template-rendering", languages: JS, needle: "", re: /\b(?:import|require)\b[^\n]{0,200}["'](?:ejs|handlebars|pug|nunjucks|mustache|lodash\.template)["']|\bdangerouslySetInnerHTML\b|\.innerHTML\s{0,5}=[^=]/ },
  { kind: "template-rendering", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\b(?:Velocity|FreeMarker|Thymeleaf|freemarker\.template)\b/ },
  { kind: "template-rendering", languages: ["Ruby", "PHP"], needle: "", re: /\bERB\.new\(|\bTwig\b|\bSmarty\b|\bLiquid::Template\b/ },
  // uploads and archives
  { kind: "file-upload", languages: ["Go"], needle: "", re: /\.FormFile\(|\bmultipart\.NewReader\(|\b(?:zip|tar)\.NewReader\(|\bzip\.OpenReader\(/ },
  { kind: "file-upload", languages: JS, needle: "", re: /\b(?:import|require)\b[^\n]{0,200}["'](?:multer|formidable|busboy|adm-zip|unzipper|tar-stream|tar|yauzl|extract-zip)["']/ },
  { kind: "file-upload", languages: ["Python"], needle: "", re: /\brequest\.files\b|\bUploadFile\b|\b(?:zipfile\.ZipFile|tarfile\.open)\(|\.extractall\(/ },
  { kind: "file-upload", languages: ["Java", "Kotlin", "Scala"], needle: "", re: /\bMultipartFile\b|\bZipInputStream\(|\bZipFile\(/ },
  { kind: "file-upload", languages: ["Rust"], needle: "", re: /\bMultipart\b|\bzip::ZipArchive\b|\btar::Archive\b/ },
];

/** Folders that are not the shipped product (dependencies, tests, docs, development scripts): their surface is not the project's. */
const SKIP = /(?:^|\/)(?:node_modules|vendor|third_party|third-party|test|tests|testdata|__tests__|spec|examples?|fixtures|__fixtures__|docs?|benchmarks?|bench|e2e|mocks?|scripts|tools|hack|\.github|\.circleci)\/|(?:^|\/)[^/]{1,100}\.config\.[cm]?[jt]s$/i;
const TEST_FILE = /(?:_test\.go|\.test\.[jt]sx?|\.spec\.[jt]sx?|_test\.py|test_[^/]{1,200}\.py|Test\.java|_spec\.rb)$/;
/** A line that only brings a module in (`import … from "x"`, `const { a } = require("x")`, `from x import y`): a place, but a weaker one than a call. */
const IMPORT_LINE = /^(?:import\s[^()]{0,300}$|(?:const|let|var)\s{1,5}[^=()]{1,200}=\s{0,5}require\(\s{0,5}["'][^"']{1,200}["']\s{0,5}\)[;,]?$|from\s{1,10}\S{1,200}\s{1,10}import\s)/;
const MAX_FILES = 5_000;
const MAX_FILE_BYTES = 512 * 1024;
const MAX_LINE = 2_000;

/**
 * The attack surface of the shipped sources: at most `MAX_FILES` files, each read optionally (a
 * file that cannot be read is simply not part of the draft).
 */
export async function attackSurface(src: FileSource): Promise<{ items: SurfaceItem[]; filesRead: number; skipped: number }> {
  const candidates = src.files.filter((f) => f.kind === "file" && !SKIP.test(f.path) && !TEST_FILE.test(f.path) && languageOf(f.path) !== undefined);
  const byLanguage = new Map<string, Pattern[]>();
  for (const p of PATTERNS) for (const l of p.languages) byLanguage.set(l, [...(byLanguage.get(l) ?? []), p]);
  const items: SurfaceItem[] = [];
  let filesRead = 0;
  for (const f of candidates.slice(0, MAX_FILES)) {
    const patterns = byLanguage.get(languageOf(f.path) as string);
    if (!patterns) continue;
    const file = await src.readText(f.path, { optional: true });
    if (!file || file.size > MAX_FILE_BYTES) continue;
    filesRead++;
    // Kind → the index of its item, and whether that item only imports the module.
    const seen = new Map<string, { at: number; importOnly: boolean }>();
    const lines = file.text.split("\n");
    lines.forEach((raw, i) => {
      if (raw.length > MAX_LINE) return;
      const line = raw.trim();
      if (line.startsWith("//") || line.startsWith("#") || line.startsWith("*") || line.startsWith("/*")) return;
      for (const p of patterns) {
        const had = seen.get(p.kind);
        if ((had && !had.importOnly) || (p.needle && !line.includes(p.needle)) || !p.re.test(line)) continue;
        const importOnly = IMPORT_LINE.test(line);
        if (had && importOnly) continue;
        // One place per kind per file: a draft names where to look, not every call. The place is
        // the first call when there is one, not the import line above it that names no argument.
        const item = { kind: p.kind, path: f.path, line: i + 1, text: line.length > 140 ? `${line.slice(0, 139)}…` : line };
        if (had) items[had.at] = item;
        else items.push(item);
        seen.set(p.kind, { at: had?.at ?? items.length - 1, importOnly });
      }
    });
  }
  return { items, filesRead, skipped: Math.max(0, candidates.length - MAX_FILES) };
}
