/** The README's TypeScript snippets compile in strict mode against the library's own sources. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const REPO = resolve(".");
const dir = mkdtempSync(join(REPO, "test", "docs", ".snippets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe("README code", () => {
  const blocks = snippets(readFileSync("README.md", "utf8"));

  it("has TypeScript snippets, and each compiles in strict mode", () => {
    expect(blocks.length).toBeGreaterThan(0);
    const files = blocks.map((code, i) => {
      const file = join(dir, `snippet-${i}.ts`);
      // Each snippet is a module of its own (its imports are the package's public entry points).
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    // A control that must fail, so that a passing check means the snippets were really type-checked.
    const control = join(dir, "control.ts");
    writeFileSync(control, `import { parseOverride } from "ccsim";\nconst n: number = parseOverride("a=1").label;\nexport { n };\n`);
    const program = ts.createProgram([...files, control], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
      skipLibCheck: true,
      resolveJsonModule: true,
      esModuleInterop: true,
      paths: { ccsim: [join(REPO, "src/index.ts")], "ccsim/testing": [join(REPO, "src/testing/index.ts")] },
    });
    const all = ts.getPreEmitDiagnostics(program);
    expect(all.filter((d) => d.file && resolve(d.file.fileName) === control).map((d) => d.code)).toEqual([2322]);
    const diagnostics = all.filter((d) => d.file === undefined || files.includes(resolve(d.file.fileName)));
    const text = diagnostics.map((d) => `${d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(text).toEqual([]);
  }, 120_000);
});
