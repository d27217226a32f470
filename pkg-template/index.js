// Entry for browsers, workers and bundlers (Vite, webpack 5, esbuild, Rollup).
// The wasm file is found through `new URL(…, import.meta.url)`, which bundlers
// understand as an asset; it is fetched and compiled on the first call.
import init, { TicketsApi as WasmTicketsApi, __setErrorClass } from "./web/jifeline_tickets.js";
import { JifelineError, isJifelineError } from "./errors.js";
import { TicketsApiBase } from "./facade.js";
import { TICKET_STATES, SORT_FIELDS } from "./lists.js";

let loading = null;
let loaded = false;

/**
 * Loads the WebAssembly module. Optional: the first call does it anyway.
 * @param {{ module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }} [options]
 */
export async function ready(options) {
  loading ??= init(options).then(() => {
    __setErrorClass(JifelineError);
    loaded = true;
  });
  try {
    await loading;
  } catch (e) {
    loading = null;
    throw new JifelineError(`The jifeline-tickets WebAssembly module could not be loaded: ${e?.message ?? e}.`, {
      kind: "network",
      retryable: true,
    });
  }
}

const backend = { ready: () => ready(), isReady: () => loaded, Api: WasmTicketsApi };

/** A client of the Jifeline Partner API's tickets (see index.d.ts). */
export class TicketsApi extends TicketsApiBase {
  constructor(options) {
    super(options, backend);
  }
}

export { JifelineError, isJifelineError, TICKET_STATES, SORT_FIELDS };
