// The size ledger: where the bytes of the shipped .wasm go, per crate and per
// function group, from a build that keeps its names (wasm-opt -Oz -g, the same
// optimisation as the shipped file, plus the name section). An equivalent of
// `twiggy top` that needs nothing installed: it reads the wasm binary itself.
//
//   node bench/ledger.mjs build/ledger/jifeline_tickets_bg.wasm [--functions N]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const file = process.argv[2];
const topN = Number(process.argv[process.argv.indexOf("--functions") + 1] || 25);
const bytes = readFileSync(file);

let pos = 8;
const u32 = () => {
  let result = 0,
    shift = 0,
    b;
  do {
    b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  return result >>> 0;
};
const name = () => {
  const n = u32();
  const s = bytes.subarray(pos, pos + n).toString("utf8");
  pos += n;
  return s;
};

const sections = [];
let importedFunctions = 0;
const bodies = []; // [size] per defined function, in order
const names = new Map(); // function index -> name
let dataBytes = 0;
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const end = pos + size;
  let label =
    ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"][id] ?? `section ${id}`;
  if (id === 0) {
    const custom = name();
    label = `custom "${custom}"`;
    if (custom === "name") {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = u32();
          for (let i = 0; i < count; i++) names.set(u32(), name());
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        u32();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      }
    }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const n = u32();
      bodies.push(n);
      pos += n;
    }
  } else if (id === 11) {
    dataBytes = size;
  }
  sections.push({ label, size });
  pos = end;
}

/** The crate a (demangled) function name belongs to: the first path segment, looking inside `<T as Trait>`. */
function crateOf(fn) {
  if (!fn) return "(unnamed)";
  if (/^(ticketsapi|call)_/.test(fn)) return "jifeline_tickets (exported methods, their inputs inlined)";
  let s = fn.replace(/^(_?ZN)/, "").replace(/\[[0-9a-f]+\]/g, "");
  while (s.startsWith("<") || s.startsWith("&") || s.startsWith("(")) s = s.slice(1);
  s = s.replace(/^(mut |dyn |const )/, "");
  const m = s.match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  if (/^__wbg|^__wbindgen|^__externref|wasm_bindgen/.test(s)) return "wasm_bindgen";
  if (/^(memcpy|memset|memmove|memcmp|__rust|rust_)/.test(s)) return "compiler_builtins / rust runtime";
  return "(other)";
}

/** A function group: the path up to the function, without generics and hashes (`serde_json::de`). */
function groupOf(fn) {
  if (!fn) return "(unnamed)";
  if (/^(ticketsapi|call)_/.test(fn)) return `${fn.replace(/ (externref|multivalue) shim.*$/, "")} (export, inputs inlined)`;
  let s = fn.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]+\]/g, "");
  // `<Type as Trait>::method` and `<Type>::method` are grouped with Type (`core::fmt::Formatter`).
  if (s.startsWith("<")) {
    let depth = 0,
      end = 0;
    for (; end < s.length; end++) {
      if (s[end] === "<") depth++;
      else if (s[end] === ">" && --depth === 0) break;
    }
    const inner = s.slice(1, end);
    const as = inner.indexOf(" as ");
    s = `${(as >= 0 ? inner.slice(0, as) : inner).replace(/^(&|mut |dyn |const )+/, "")}::_`;
  }
  s = s
    .replace(/<[^<>]*>/g, "")
    .replace(/<[^<>]*>/g, "")
    .replace(/<[^<>]*>/g, "");
  const parts = s.split("::").filter(Boolean);
  return parts.slice(0, Math.min(3, Math.max(1, parts.length - 1))).join("::");
}

const total = bytes.length;
const codeTotal = bodies.reduce((a, b) => a + b, 0);
const perCrate = new Map();
const perGroup = new Map();
const perFunction = [];
bodies.forEach((size, i) => {
  const fn = names.get(importedFunctions + i);
  perCrate.set(crateOf(fn), (perCrate.get(crateOf(fn)) ?? 0) + size);
  perGroup.set(groupOf(fn), (perGroup.get(groupOf(fn)) ?? 0) + size);
  perFunction.push([fn?.replace(/\[[0-9a-f]+\]/g, "") ?? `func[${importedFunctions + i}]`, size]);
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (n) => `${((100 * n) / codeTotal).toFixed(1)}%`;
const rows = (title, entries, limit = Infinity) => {
  console.log(`\n| ${title} | bytes of code | share of code |\n|---|---|---|`);
  const top = [...entries].sort((a, b) => b[1] - a[1]).slice(0, limit);
  for (const [k, v] of top) console.log(`| \`${k.replaceAll("|", "\\|").slice(0, 110)}\` | ${kb(v)} | ${pct(v)} |`);
};

console.log(
  `${file}: ${kb(total)} with names (${kb(gzipSync(bytes, { level: 9 }).length)} gzipped); ` +
    `code ${kb(codeTotal)} in ${bodies.length} functions, data ${kb(dataBytes)}, ${importedFunctions} imports`,
);
console.log("\n| section | bytes |\n|---|---|");
for (const s of sections) console.log(`| ${s.label} | ${kb(s.size)} |`);
rows("crate", perCrate);
rows("function group", perGroup, Number(process.env.LEDGER_GROUPS || 30));
rows("function", perFunction, topN);
