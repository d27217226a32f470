// Source of node.cjs (Node.js require), bundled to CommonJS by
// scripts/build-package.sh. It loads the same wasm file as every other entry.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync, TicketsApi as WasmTicketsApi, __setErrorClass } from "./web/jifeline_tickets.js";
import { JifelineError, isJifelineError } from "./errors.js";
import { TicketsApiBase } from "./facade.js";
import { TICKET_STATES, SORT_FIELDS } from "./lists.js";
import { clientCredentials } from "./client-credentials.js";

initSync({ module: readFileSync(join(__dirname, "web", "jifeline_tickets_bg.wasm")) });
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

async function ready() {}

export { ready, ready as default, TicketsApi, JifelineError, isJifelineError, clientCredentials, TICKET_STATES, SORT_FIELDS };
