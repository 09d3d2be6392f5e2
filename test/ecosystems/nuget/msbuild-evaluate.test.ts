import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseXml } from "../../../src/ecosystems/formats/xml.js";
import { evaluateProject, evaluateWith, MAX_EVALUATED_FILES, PropertyScope, type EvaluationRole } from "../../../src/ecosystems/nuget/msbuild-evaluate.js";
import { readMsbuildFile, type MsbuildFile } from "../../../src/ecosystems/nuget/msbuild-file.js";

/** Evaluates `project` among in-memory files (paths as in a checkout). */
function evaluate(files: Record<string, string>, project: string, entries: [string, EvaluationRole][] = [[project, "project"]]) {
  const parsed = new Map<string, MsbuildFile>(Object.entries(files).map(([p, t]) => [p, readMsbuildFile(parseXml(t), p)]));
  const dirOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf("/")));
  const run = evaluateProject(
    project,
    entries.map(([path, role]) => ({ path, role })),
    {
      find: (p) => (parsed.has(p) ? p : undefined),
      findUp: (dir, name) => {
        for (let d: string | undefined = dir; d !== undefined; d = d === "" ? undefined : dirOf(d)) if (parsed.has(d === "" ? name : `${d}/${name}`)) return d === "" ? name : `${d}/${name}`;
        return undefined;
      },
    },
  );
  return evaluateWith(run, (p) => parsed.get(p));
}

describe("MSBuild properties", () => {
  it("expands literal definitions; the last one wins; names ignore case", () => {
    const s = new PropertyScope();
    s.define("JsonVersion", ["12.0.1"], []);
    s.define("jsonversion", ["13.0.1"], []);
    assert.deepEqual(s.expand("$(JSONVERSION)"), ["13.0.1"]);
    assert.deepEqual(s.expand("v$(JsonVersion)-x"), ["v13.0.1-x"]);
    assert.deepEqual(s.expand("plain"), ["plain"]);
  });

  it("keeps every value a conditional definition may give, and a default only where nothing else defines it", () => {
    const s = new PropertyScope();
    s.define("Ef", ["6.0.25"], ["'$(TargetFramework)' == 'net6.0'"]);
    s.define("Ef", ["8.0.0"], ["'$(TargetFramework)' == 'net8.0'"]);
    assert.deepEqual(s.expand("$(Ef)"), ["6.0.25", "8.0.0"]);
    s.define("MediatR", ["12.1.1"], []);
    s.define("MediatR", ["11.0.0"], [" '$(MediatR)'=='' "]);
    assert.deepEqual(s.expand("$(MediatR)"), ["12.1.1"]);
    for (let i = 0; i < 10; i++) s.define("Many", [`${i}.0.0`], [`'$(C)' == '${i}'`]);
    assert.equal(s.expand("$(Many)"), null, "more than 8 candidates is unknowable");
  });

  it("never guesses: undefined properties, property functions, item lists and metadata are unknowable", () => {
    const s = new PropertyScope();
    s.define("Unknown", s.expand("$(FromTheSdk)"), []);
    for (const text of ["$(FromTheSdk)", "$(Unknown)", "$([MSBuild]::Add(1, 2))", "$(Foo.Replace('a','b'))", "@(Items)", "%(Version)", `$(${"a".repeat(300)})`]) assert.equal(s.expand(text), null, text);
  });
});

describe("MSBuild evaluation", () => {
  it("follows imports in order (relative, $(MSBuildThisFileDirectory), backslashes, the GetPathOfFileAbove chain)", () => {
    const ev = evaluate(
      {
        "Directory.Build.props": '<Project><PropertyGroup><V>1</V></PropertyGroup><Import Project="$(MSBuildThisFileDirectory)eng\\Versions.props" /></Project>',
        "eng/Versions.props": "<Project><PropertyGroup><V>2</V><W>3</W></PropertyGroup></Project>",
        "src/Directory.Build.props": '<Project><Import Project="$([MSBuild]::GetPathOfFileAbove(\'Directory.Build.props\', \'$(MSBuildThisFileDirectory)../\'))" /><PropertyGroup><W>4</W></PropertyGroup></Project>',
        "src/App.csproj": '<Project><ImportGroup><Import Project="../eng/Late.props" /></ImportGroup><Import Project="../shared/missing.props" /><Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" /></Project>',
        "eng/Late.props": "<Project><PropertyGroup><Late>5</Late></PropertyGroup></Project>",
      },
      "src/App.csproj",
      [["src/Directory.Build.props", "build-props"], ["src/App.csproj", "project"]],
    );
    assert.deepEqual([ev.scope.expand("$(V)"), ev.scope.expand("$(W)"), ev.scope.expand("$(Late)")], [["2"], ["4"], ["5"]]);
  });

  it("never leaves the checkout and stops after a bounded number of files, cycles included", () => {
    const files: Record<string, string> = { "a/App.csproj": '<Project><Import Project="../../outside.props" /><Import Project="C:\\x.props" /><Import Project="*.props" /><Import Project="loop.props" /></Project>' };
    files["a/loop.props"] = '<Project><Import Project="loop.props" /><Import Project="chain0.props" /></Project>';
    for (let i = 0; i < 100; i++) files[`a/chain${i}.props`] = `<Project><PropertyGroup><Depth>${i}</Depth></PropertyGroup><Import Project="chain${i + 1}.props" /></Project>`;
    const ev = evaluate(files, "a/App.csproj");
    assert.deepEqual(ev.scope.expand("$(Depth)"), [String(MAX_EVALUATED_FILES - 3)]);
  });

  it("reads items in document order, Choose branches included", () => {
    const ev = evaluate(
      {
        "App.csproj": `<Project>
  <ItemGroup><PackageReference Include="A" Version="$(AV)" /></ItemGroup>
  <PropertyGroup><AV>1.0.0</AV></PropertyGroup>
  <Choose>
    <When Condition="'$(TargetFramework)' == 'net8.0'">
      <PropertyGroup><AV>2.0.0</AV></PropertyGroup>
      <ItemGroup><PackageReference Include="B"><Version>3.0.0</Version><PrivateAssets>all</PrivateAssets></PackageReference></ItemGroup>
    </When>
  </Choose>
  <ItemGroup><PackageReference Update="A" VersionOverride="4.0.0" /></ItemGroup>
</Project>`,
      },
      "App.csproj",
    );
    assert.deepEqual(ev.scope.expand("$(AV)"), ["1.0.0", "2.0.0"]);
    assert.deepEqual(
      ev.items.map((i) => [i.item.operation, i.item.spec, i.item.version, i.item.versionOverride, i.item.privateAssets, i.item.line]),
      [["Include", "A", "$(AV)", undefined, undefined, 2], ["Include", "B", "3.0.0", undefined, "all", 7], ["Update", "A", undefined, "4.0.0", undefined, 10]],
    );
  });
});
