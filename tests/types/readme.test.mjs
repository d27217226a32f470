// Every TypeScript example of the package README (pkg-template/README.md, as
// installed) and of the root README compiles under `strict` against the
// installed package, as a user would paste it. Names an example leaves to
// the reader (`api`, `id`, `telemetry`…) are declared once in a prelude.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgDir = process.env.JIFELINE_PKG_DIR;
// The scratch project the package is installed in: examples import it by name from there.
const scratch = join(pkgDir, "..", "..");

const PRELUDE = `// What the README examples leave to the reader.
declare const api: import("jifeline-tickets").TicketsApi;
declare const baseUrl: string;
declare const accessToken: import("jifeline-tickets").AccessTokenFunction;
declare const id: string;
declare const ticketId: string;
declare const query: import("jifeline-tickets").TicketQuery;
declare const filter: import("jifeline-tickets").TicketQuery;
declare const controller: AbortController;
declare const myBackend: { token(): Promise<string> };
declare function getTokenFromMyBackend(): Promise<string>;
declare function showProgress(done: number, total: number | undefined): void;
declare function showNotFound(): void;
declare const telemetry: { record(name: string, data: unknown, ...more: unknown[]): void };

declare module "msw" {
  export const http: { all(url: string, resolver: (info: { request: Request }) => Response | Promise<Response>): unknown };
}
declare module "msw/node" {
  export function setupServer(...handlers: unknown[]): { listen(): void };
}
`;

function examples(markdown) {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

test("every TypeScript example of the READMEs compiles under strict", () => {
  const blocks = [
    ...examples(readFileSync(join(pkgDir, "README.md"), "utf8")).map((code, i) => [`package-${i + 1}`, code]),
    ...examples(readFileSync(join(root, "README.md"), "utf8")).map((code, i) => [`root-${i + 1}`, code]),
  ];
  // Both READMEs have examples; a change to the fences must not make this test vacuous.
  assert.ok(blocks.filter(([name]) => name.startsWith("package-")).length >= 10, blocks.map(([n]) => n).join());
  assert.ok(blocks.some(([name]) => name.startsWith("root-")));
  const dir = join(scratch, "readme-examples");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "prelude.d.ts"), PRELUDE);
  // Each example is a module of its own (top-level await, its own `api`); one without imports goes on
  // from the first example, which imports the main entry.
  for (const [name, code] of blocks) {
    const imports = /^import /m.test(code) ? "" : 'import { TicketsApi, JifelineError } from "jifeline-tickets";\n';
    writeFileSync(join(dir, `${name}.ts`), `${imports}${code}\nexport {};\n`);
  }
  const config = {
    compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: ["node"], skipLibCheck: false },
    files: ["prelude.d.ts", ...blocks.map(([name]) => `${name}.ts`)],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  try {
    execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8" });
  } catch (e) {
    assert.fail(`tsc refused a README example:\n${e.stdout}${e.stderr}`);
  }
});
