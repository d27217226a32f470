// Entry for browsers, workers and bundlers (Vite, webpack 5, esbuild, Rollup).
// The wasm file is found through `new URL(…, import.meta.url)`, which bundlers
// understand as an asset; it is fetched and compiled from import on, so that
// the first call finds it loaded or on its way.
import init, { TicketsApi as WasmTicketsApi, __setErrorClass } from "./web/jifeline_tickets.js";
import { JifelineError, isJifelineError } from "./errors.js";
import { TicketsApiBase } from "./facade.js";
import { TICKET_STATES, SORT_FIELDS } from "./lists.js";

/** @type {Promise<void> | null} */
let loading = null;
let loaded = false;

/**
 * Loads the WebAssembly module. Optional: the first call does it anyway.
 * @param {{ module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }} [options]
 */
export async function ready(options) {
  if (options !== undefined && !loaded) {
    // The caller's own source of the module: tried once the load begun at
    // import has settled, if that one did not load it.
    const begun = loading ?? Promise.resolve();
    loading = begun.catch(() => {}).then(() => (loaded ? undefined : start(options)));
  }
  loading ??= start();
  const pending = loading;
  try {
    await pending;
  } catch (e) {
    if (loading === pending) loading = null;
    const why = /** @type {{ message?: unknown } | null | undefined} */ (e)?.message ?? e;
    throw new JifelineError(`The jifeline-tickets WebAssembly module could not be loaded: ${why}.`, {
      kind: "network",
      retryable: true,
    });
  }
}

/** @param {{ module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }} [options] */
function start(options) {
  return init(options).then(() => {
    __setErrorClass(JifelineError);
    loaded = true;
  });
}

// Fetching and compiling start at import (a promise, not a top-level await,
// which would break bundlers' pre-bundling): the first call then waits for
// what is left of it, not for the whole of it after its own start. A failure
// here is not reported: the first call, or `ready()`, tries again and says why.
ready().catch(() => {});

const backend = { ready: () => ready(), isReady: () => loaded, Api: WasmTicketsApi };

/** A client of the Jifeline Partner API's tickets (see index.d.ts). */
export class TicketsApi extends TicketsApiBase {
  /** @param {import("./index.js").TicketsApiOptions} options */
  constructor(options) {
    super(options, backend);
  }
}

export { JifelineError, isJifelineError, TICKET_STATES, SORT_FIELDS };
