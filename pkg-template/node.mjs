// Entry for Node.js (import): the module is compiled synchronously at import,
// so TicketsApi is ready at once.
import { readFileSync } from "node:fs";
import { initSync, TicketsApi as WasmTicketsApi, __setErrorClass } from "./web/jifeline_tickets.js";
import { JifelineError, isJifelineError } from "./errors.js";
import { TicketsApiBase } from "./facade.js";
import { TICKET_STATES, SORT_FIELDS } from "./lists.js";
import { clientCredentials } from "./client-credentials.js";

initSync({ module: readFileSync(new URL("./web/jifeline_tickets_bg.wasm", import.meta.url)) });
__setErrorClass(JifelineError);
// Node's fetch hands back a 303 with a readable Location: the SDK follows it
// itself, and only to the API's own origin, so no credential leaves it.
const backend = { ready: async () => {}, isReady: () => true, Api: WasmTicketsApi, defaults: { redirect: "manual" } };

/** A client of the Jifeline Partner API's tickets (see index.d.ts). */
class TicketsApi extends TicketsApiBase {
  /** @param {import("./index.js").TicketsApiOptions} options */
  constructor(options) {
    super(options, backend);
  }
}

/** Already loaded under Node; kept so code shared with browsers can call it. */
export async function ready() {}

// `jifeline-tickets/web` resolves here under Node too: its default export is `init()`.
export { ready as default, TicketsApi, JifelineError, isJifelineError, clientCredentials, TICKET_STATES, SORT_FIELDS };
