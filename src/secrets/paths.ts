// What a path says about the credentials in it: test, example and documentation paths are
// scanned at lower confidence, never skipped (a real key in docs/ is still a real key). A
// package's PKG-INFO or METADATA holds its README; botocore's examples-1.json its API's examples.

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|testdata|test-data|test_data|fixtures?|__fixtures__|__mocks__|mocks?|fakes?|dummy[a-z0-9_-]*|e2e|testing)\/|(?:^|\/|[_-])test[_-]?(?:utils?|helpers?)\/|(?:^|\/)[^/]*(?:[._-](?:test|spec|tests|mock|fixture|fake|dummy)s?)\.[^/]+$|(?:^|\/)(?:fake|dummy)[._-][^/]*$|(?:^|\/)test_[^/]+\.py$|_test\.go$|(?:^|\/)tests?\.(?:netrc|env|ini|cfg|conf|properties|ya?ml|json|toml|xml)$/i;
const EXAMPLE_PATH = /(?:^|\/)(?:examples?|samples?|demos?|templates?|sandbox|playground)\/|(?:^|\/)[^/]*\.(?:example|sample|template|dist|tmpl|tpl)(?:\.[^/]+)?$|(?:^|\/)[^/]*[._-](?:example|sample)\.[^/]+$|(?:^|\/)(?:examples?|samples?)[._-][^/]*\.[^/]+$/i;
const DOCS_PATH = /(?:^|\/)(?:docs?|documentation|wiki|site|website|man)\/|(?:^|\/)(?:README|CHANGELOG|CONTRIBUTING|HISTORY|NEWS)[^/]*$|\.(?:md|mdx|rst|adoc|asciidoc|txt)$|(?:^|\/)PKG-INFO$|\.(?:dist|egg)-info\/METADATA$/i;

/**
 * A Helm chart's `templates/` folder, read from the path alone: a chart under `charts/`, `chart/`
 * or `helm/` (the conventional places), or the chart itself named so.
 */
const HELM_TEMPLATES = /(?:^|\/)(?:charts?|helm)\/(?:[^/]+\/){0,2}templates\//i;

/** The folder of a path's `templates/` segment (its chart, when it is a Helm chart's), or undefined. */
function templatesFolder(path: string): { chart: string; rest: string } | undefined {
  const m = /(?:^|\/)templates\//i.exec(path);
  if (!m) return undefined;
  const at = m.index + (m[0].startsWith("/") ? 1 : 0);
  return { chart: path.slice(0, Math.max(0, at - 1)), rest: `${path.slice(0, at)}${path.slice(at + "templates/".length)}` };
}

/**
 * Why a path holds lower-confidence findings (tests, examples, documentation), if it does. A
 * `templates/` folder holds templates to fill in, unless it is a Helm chart's: those are the
 * manifests the chart deploys. `isChart` says whether a folder holds a Chart.yaml (from the
 * inventory); without it, the conventional places of charts are read from the path.
 */
export function lowConfidenceReason(path: string, isChart?: (dir: string) => boolean): "test" | "example" | "documentation" | undefined {
  if (TEST_PATH.test(path)) return "test";
  const templates = templatesFolder(path);
  const chart = templates !== undefined && (HELM_TEMPLATES.test(path) || isChart?.(templates.chart) === true);
  // A chart's templates are Go templates, `_helpers.tpl` among them: the extension says nothing there.
  if (EXAMPLE_PATH.test(chart && templates ? templates.rest.replace(/\.tpl$/i, "") : path)) return "example";
  if (DOCS_PATH.test(path)) return "documentation";
  return undefined;
}
