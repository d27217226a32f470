// The benchmark table: every row measured in this one run, in Node and in
// headless Chromium. Run by scripts/bench.sh (not part of the test command).
import http from "node:http";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { page } from "./data.mjs";
import { parsePage as zodParse } from "./zod-schema.mjs";
import { parsePage as valibotParse } from "./valibot-schema.mjs";
import { parsePage as ajvParse } from "./ajv-schema.mjs";
import { parsePage as typeboxParse } from "./typebox-schema.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// BENCH_PKG measures another build of the package (a before/after comparison).
const pkgDir = process.env.BENCH_PKG ?? join(here, "..", "dist", "pkg");
const { TicketsApi } = await import(join(pkgDir, "node.mjs"));

const BODY = JSON.stringify(page(1000));
// The first screen of a portal: 25 tickets.
const FIRST_PAGE = JSON.stringify(page(25));
const HEADERS = { "content-type": "application/json" };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(2)} ms`;

// ------------------------------------------------------------------ decode in Node
async function decodeNode() {
  const fetch = async () => new Response(BODY, { headers: HEADERS });
  const api = new TicketsApi({ baseUrl: "http://bench.invalid", fetch, retry: false });
  const check = await api.listTickets();
  if (check.result.length !== 1000) throw new Error("bench: SDK decoded the wrong page");
  for (const parse of [zodParse, valibotParse, ajvParse, typeboxParse]) parse(JSON.parse(BODY));
  return interleaved({
    json: async () => (await fetch()).json(),
    sdk: () => api.listTickets(),
    zod: async () => zodParse(await (await fetch()).json()),
    valibot: async () => valibotParse(await (await fetch()).json()),
    ajv: async () => ajvParse(await (await fetch()).json()),
    typebox: async () => typeboxParse(await (await fetch()).json()),
  });
}

/** Runs every candidate once per round, round after round, so all see the same machine. */
async function interleaved(candidates, rounds = 60) {
  const names = Object.keys(candidates);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds + 5; r++) {
    for (const n of names) {
      const t = performance.now();
      await candidates[n]();
      if (r >= 5) times[n].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(times[n])]));
}

// ------------------------------------------------------------------ per-request overhead (loopback)
async function overheadNode() {
  const one = JSON.stringify(page(1).result[0]);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, HEADERS);
    res.end(one);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const api = new TicketsApi({ baseUrl: base, accessToken: "bench" });
  const id = page(1).result[0].id;
  const raw = async () => (await fetch(`${base}/v2/tickets/tickets/${id}`, { headers: { authorization: "Bearer bench", accept: "application/json" } })).json();
  const sdk = () => api.getTicket(id);
  // Interleaved, so both see the same machine state.
  const rawTimes = [],
    sdkTimes = [];
  for (let i = 0; i < 20; i++) {
    await raw();
    await sdk();
  }
  for (let i = 0; i < 300; i++) {
    let t = performance.now();
    await raw();
    rawTimes.push(performance.now() - t);
    t = performance.now();
    await sdk();
    sdkTimes.push(performance.now() - t);
  }
  server.close();
  return { raw: median(rawTimes), sdk: median(sdkTimes) };
}

// ------------------------------------------------------------------ wasm memory, 100 vs 10,000 calls
async function memoryNode() {
  // The package's TicketsApi, as users call it; the glue is the same module
  // instance node.mjs initialised, so initSync hands back its exports.
  const glue = await import(join(pkgDir, "web", "jifeline_tickets.js"));
  const exports = glue.initSync({ module: readFileSync(join(pkgDir, "web", "jifeline_tickets_bg.wasm")) });
  const small = JSON.stringify(page(25));
  const fetch = async () => new Response(small, { headers: HEADERS });
  const api = new TicketsApi({ baseUrl: "http://bench.invalid", fetch, retry: false });
  const run = async (n) => {
    for (let i = 0; i < n; i++) await api.listTickets({ limit: 25 });
  };
  await run(100);
  const after100 = exports.memory.buffer.byteLength;
  await run(9900);
  const after10k = exports.memory.buffer.byteLength;
  return { after100, after10k };
}

// ------------------------------------------------------------------ Chromium
async function chromium() {
  const { chromium } = await import("playwright-core");
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
  const served = new Map();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    // The first-rows page's SDK as a portal's bundler ships it: one minified
    // script (bench.sh builds it), served beside the glue so that the glue's
    // `new URL("jifeline_tickets_bg.wasm", import.meta.url)` finds the .wasm.
    const file =
      url.pathname === "/pkg/web/bundle.min.js"
        ? join(here, "..", "build", "bench", "sdk-index.min.js")
        : url.pathname.startsWith("/pkg/")
          ? join(pkgDir, url.pathname.slice(5))
          : url.pathname === "/body.json" || url.pathname === "/v2/tickets/tickets"
            ? null
            : join(here, url.pathname);
    try {
      // Files are read once and then served from memory, so that init() measures
      // the fetch, not this process's disk reads.
      const body = file ? (served.get(file) ?? served.set(file, await readFile(file)).get(file)) : url.pathname === "/body.json" ? BODY : FIRST_PAGE;
      res.writeHead(200, { "content-type": file ? (types[extname(file)] ?? "application/octet-stream") : "application/json" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const inits = [];
    for (let i = 0; i < 10; i++) {
      const p = await browser.newPage();
      await p.goto(`${origin}/browser.html`);
      inits.push(await p.evaluate(() => window.measureInit()));
      await p.close();
    }
    const instantiates = [];
    for (let i = 0; i < 10; i++) {
      const p = await browser.newPage();
      await p.goto(`${origin}/browser.html`);
      instantiates.push(await p.evaluate(() => window.measureInstantiate()));
      await p.close();
    }
    const p = await browser.newPage();
    await p.goto(`${origin}/browser.html`);
    const decode = await p.evaluate(() => window.measureDecode());
    await p.close();
    // Navigation to first rows, cold (a fresh context each time: nothing cached),
    // the SDK's page against the same page with a plain fetch, interleaved.
    const firstRows = { sdk: [], fetch: [] };
    for (let i = 0; i < 15; i++) {
      for (const which of ["sdk", "fetch"]) {
        const context = await browser.newContext();
        const p = await context.newPage();
        await p.goto(`${origin}/first-rows-${which}.html`);
        await p.waitForFunction(() => window.firstRowsMs !== undefined);
        firstRows[which].push(await p.evaluate(() => window.firstRowsMs));
        await context.close();
      }
    }
    const of = (k) => median(inits.map((r) => r[k]));
    return {
      init: of("initMs"),
      initFloor: of("floorMs"),
      compile: of("compileMs"),
      instantiate: median(instantiates),
      firstRowsSdk: median(firstRows.sdk),
      firstRowsFetch: median(firstRows.fetch),
      ...decode,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/** What each choice adds to a portal's bundle: bytes minified, then gzip -9. */
function bundles() {
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const peer = (name) => {
    const b = readFileSync(join(here, "..", "build", "bench", `client-${name}.min.js`));
    return { raw: b.length, gz: gz(b) };
  };
  return { zod: peer("zod"), valibot: peer("valibot"), ajv: peer("ajv"), typebox: peer("typebox") };
}

// The SDK's JS as a portal's bundler ships it, measured like the peers: its
// browser entry (glue, facade, token cache, option check, errors) bundled and
// minified by esbuild (scripts/bench.sh), beside the .wasm it loads.
function sizes() {
  const wasm = readFileSync(join(pkgDir, "web", "jifeline_tickets_bg.wasm"));
  const js = readFileSync(join(here, "..", "build", "bench", "sdk.min.js"));
  return { wasmRaw: wasm.length, wasmGz: gzipSync(wasm, { level: 9 }).length, jsRaw: js.length, jsGz: gzipSync(js, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(3)} ms`;
const node = await decodeNode();
const over = await overheadNode();
const mem = await memoryNode();
const web = await chromium();
const size = sizes();
const peers = bundles();
const sdkGz = size.wasmGz + size.jsGz;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const budget = (ok) => (ok ? "within budget" : "OVER BUDGET");
const decodeRows = (where, d) => [
  [
    `decode 1000 tickets (863 KB), ${where}`,
    "SDK listTickets",
    fmt(d.sdk),
    `${ratio(d.sdk, d.json)} res.json() (budget ≤ 1.4×: ${budget(d.sdk / d.json <= 1.4)})`,
  ],
  ["", "await res.json()", fmt(d.json), "no validation"],
  [
    "",
    "zod 4 parse of res.json()",
    fmt(d.zod),
    `${ratio(d.zod, d.json)} res.json(); SDK ${ratio(d.zod, d.sdk)} faster (budget ≥ 1.2×: ${budget(d.zod / d.sdk >= 1.2)})`,
  ],
  [
    "",
    "valibot 1 parse of res.json()",
    fmt(d.valibot),
    `${ratio(d.valibot, d.json)} res.json(); SDK ${ratio(d.valibot, d.sdk)} faster (budget ≥ 1.2×: ${budget(d.valibot / d.sdk >= 1.2)})`,
  ],
  [
    "",
    "ajv 8 compiled, check of res.json()",
    fmt(d.ajv),
    `${ratio(d.ajv, d.json)} res.json(); SDK ${ratio(d.ajv, d.sdk)} faster (budget: not slower, ${budget(d.ajv / d.sdk >= 1)})`,
  ],
  [
    "",
    "TypeBox TypeCompiler, check",
    fmt(d.typebox),
    `${ratio(d.typebox, d.json)} res.json(); SDK ${ratio(d.typebox, d.sdk)} faster (budget: not slower, ${budget(d.typebox / d.sdk >= 1)})`,
  ],
];
const overhead = over.sdk - over.raw;
const rows = [
  ...decodeRows("Node", node),
  ...decodeRows("Chromium", web),
  [
    "small GET on loopback, Node",
    "SDK getTicket",
    ms(over.sdk),
    `overhead ${ms(overhead)}, ${((over.sdk / over.raw - 1) * 100).toFixed(1)}% (budget ≤ 0.15 ms: ${budget(overhead <= 0.15)})`,
  ],
  ["", "fetch + json()", ms(over.raw), ""],
  ["module start, Chromium", "compile + instantiate from bytes in memory", fmt(web.instantiate), `budget ≤ 5 ms: ${budget(web.instantiate <= 5)}`],
  ["", "init() (fetch + compile + instantiate)", fmt(web.init), ""],
  ["", "of which: a fetch's floor here", fmt(web.initFloor), "a small file from the same loopback server"],
  ["", "WebAssembly.compile alone", fmt(web.compile), "the module's bytes, no fetch"],
  [
    "navigation → first rows, Chromium, cold",
    "SDK listTickets (25 tickets)",
    fmt(web.firstRowsSdk),
    `+${fmt(web.firstRowsSdk - web.firstRowsFetch)} (budget ≤ 20 ms: ${budget(web.firstRowsSdk - web.firstRowsFetch <= 20)})`,
  ],
  ["", "the same page with a plain fetch", fmt(web.firstRowsFetch), "no module, no checks"],
  [
    "added to a portal's bundle (gzip -9)",
    "jifeline-tickets (wasm + JS)",
    `${kb(size.wasmRaw + size.jsRaw)} raw`,
    `${kb(sdkGz)} gzipped (wasm ${kb(size.wasmGz)} + JS ${kb(size.jsGz)}; budget ≤ 80 KB: ${budget(sdkGz <= 80 * 1024)})`,
  ],
  ["", "openapi-fetch + zod 4 schemas", `${kb(peers.zod.raw)} min`, `${kb(peers.zod.gz)} gzipped`],
  ["", "openapi-fetch + valibot 1 schemas", `${kb(peers.valibot.raw)} min`, `${kb(peers.valibot.gz)} gzipped`],
  ["", "openapi-fetch + ajv 8 (compiled at start)", `${kb(peers.ajv.raw)} min`, `${kb(peers.ajv.gz)} gzipped`],
  ["", "openapi-fetch + TypeBox TypeCompiler", `${kb(peers.typebox.raw)} min`, `${kb(peers.typebox.gz)} gzipped`],
  ["wasm memory after 10,000 calls, Node", "after 100 calls", kb(mem.after100), ""],
  [
    "",
    "after 10,000 calls",
    kb(mem.after10k),
    `${mem.after10k === mem.after100 ? "flat" : `grew ${kb(mem.after10k - mem.after100)}`} (budget flat: ${budget(mem.after10k === mem.after100)})`,
  ],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`\nbench: ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}\n`);
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`);
