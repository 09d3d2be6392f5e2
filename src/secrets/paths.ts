// What a path says about the credentials in it: test, example and documentation paths are
// scanned at lower confidence, never skipped (a real key in docs/ is still a real key). A
// package's PKG-INFO or METADATA holds its README; botocore's examples-1.json its API's examples.

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|testdata|test-data|test_data|fixtures?|__fixtures__|__mocks__|mocks?|fakes?|dummy[a-z0-9_-]*|e2e|testing)\/|(?:^|\/|[_-])test[_-]?(?:utils?|helpers?)\/|(?:^|\/)[^/]*(?:[._-](?:test|spec|tests|mock|fixture|fake|dummy)s?)\.[^/]+$|(?:^|\/)(?:fake|dummy)[._-][^/]*$|(?:^|\/)test_[^/]+\.py$|_test\.go$|(?:^|\/)tests?\.(?:netrc|env|ini|cfg|conf|properties|ya?ml|json|toml|xml)$/i;
const EXAMPLE_PATH = /(?:^|\/)(?:examples?|samples?|demos?|templates?|sandbox|playground)\/|(?:^|\/)[^/]*\.(?:example|sample|template|dist|tmpl|tpl)(?:\.[^/]+)?$|(?:^|\/)[^/]*[._-](?:example|sample)\.[^/]+$|(?:^|\/)(?:examples?|samples?)[._-][^/]*\.[^/]+$/i;
const DOCS_PATH = /(?:^|\/)(?:docs?|documentation|wiki|site|website|man)\/|(?:^|\/)(?:README|CHANGELOG|CONTRIBUTING|HISTORY|NEWS)[^/]*$|\.(?:md|mdx|rst|adoc|asciidoc|txt)$|(?:^|\/)PKG-INFO$|\.(?:dist|egg)-info\/METADATA$/i;

/** Why a path holds lower-confidence findings (tests, examples, documentation), if it does. */
export function lowConfidenceReason(path: string): "test" | "example" | "documentation" | undefined {
  if (TEST_PATH.test(path)) return "test";
  if (EXAMPLE_PATH.test(path)) return "example";
  if (DOCS_PATH.test(path)) return "documentation";
  return undefined;
}
